from django.urls import path

from . import views

app_name = "intervision"

urlpatterns = [
    path("", views.my_intervision, name="my_intervision"),
    path("voorkeuren/", views.notification_preference, name="notification_preference"),
    path("groepen/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groepen/<slug:slug>/nieuwe-casus/", views.case_create, name="case_create"),
    path("casussen/<int:pk>/", views.case_detail, name="case_detail"),
    path("casussen/<int:pk>/bewerken/", views.case_edit, name="case_edit"),
    path("casussen/<int:pk>/besproken/", views.case_mark_discussed, name="case_mark_discussed"),
    path("casussen/<int:pk>/afsluiten/", views.case_close, name="case_close"),
    path("casussen/<int:pk>/volgen/", views.case_follow, name="case_follow"),
    path("casussen/<int:pk>/bijdragen/", views.contribution_create, name="contribution_create"),
    path(
        "casussen/<int:pk>/documenten/<int:document_pk>/",
        views.case_document,
        name="case_document",
    ),
    path("bijdragen/<int:pk>/bewerken/", views.contribution_edit, name="contribution_edit"),
    path(
        "bijdragen/<int:pk>/modereren/", views.contribution_moderate, name="contribution_moderate"
    ),
    path("lessen/", views.lesson_list, name="lesson_list"),
    path("lessen/<int:pk>/", views.lesson_detail, name="lesson_detail"),
]
