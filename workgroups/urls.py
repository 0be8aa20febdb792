from django.urls import path

from . import views

app_name = "workgroups"

urlpatterns = [
    path(
        "afbeelding/<id:image_id>/<str:filter_spec>/",
        views.protected_image_view,
        name="protected_image",
    ),
]
