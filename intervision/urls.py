app_name = "intervision"

urlpatterns = []
