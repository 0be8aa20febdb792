from django.urls import path

from . import views

app_name = "workgroups"

urlpatterns = [
    path(
        "afbeelding/<id:image_id>/<str:filter_spec>/",
        views.protected_image,
        name="protected_image",
    ),
]
