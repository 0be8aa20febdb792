app_name = "studydays"

urlpatterns = []
