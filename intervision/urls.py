from django.urls import path

from . import views

app_name = "intervision"

urlpatterns = [
    path("", views.my_intervision, name="my_intervision"),
    path("voorkeuren/", views.notification_preference, name="notification_preference"),
    path("groepen/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groepen/<slug:slug>/nieuwe-casus/", views.case_create, name="case_create"),
    path("casussen/<id:pk>/", views.case_detail, name="case_detail"),
    path("casussen/<id:pk>/bewerken/", views.case_edit, name="case_edit"),
    path("casussen/<id:pk>/besproken/", views.case_mark_discussed, name="case_mark_discussed"),
    path("casussen/<id:pk>/afsluiten/", views.case_close, name="case_close"),
    path("casussen/<id:pk>/volgen/", views.case_follow, name="case_follow"),
    path("casussen/<id:pk>/bijdragen/", views.contribution_create, name="contribution_create"),
    path(
        "casussen/<id:pk>/documenten/<id:document_pk>/",
        views.case_document,
        name="case_document",
    ),
    path("bijdragen/<id:pk>/bewerken/", views.contribution_edit, name="contribution_edit"),
    path("bijdragen/<id:pk>/modereren/", views.contribution_moderate, name="contribution_moderate"),
    path("lessen/", views.lesson_list, name="lesson_list"),
    path("lessen/<id:pk>/", views.lesson_detail, name="lesson_detail"),
]
