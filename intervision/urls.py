from django.urls import path

from . import views

app_name = "intervision"

urlpatterns = [
    path("", views.my_intervision_view, name="my_intervision"),
    path("voorkeuren/", views.notification_preference_view, name="notification_preference"),
    path("groepen/<slug:slug>/", views.group_detail_view, name="group_detail"),
    path(
        "groepen/<slug:slug>/bijeenkomsten/<id:pk>/agenda/",
        views.meeting_ics_view,
        name="meeting_ics",
    ),
    path("groepen/<slug:slug>/nieuwe-casus/", views.case_create_view, name="case_create"),
    path("casussen/<id:pk>/", views.case_detail_view, name="case_detail"),
    path("casussen/<id:pk>/bewerken/", views.case_edit_view, name="case_edit"),
    path("casussen/<id:pk>/besproken/", views.case_mark_discussed_view, name="case_mark_discussed"),
    path("casussen/<id:pk>/afsluiten/", views.case_close_view, name="case_close"),
    path("casussen/<id:pk>/volgen/", views.case_follow_view, name="case_follow"),
    path("casussen/<id:pk>/bijdragen/", views.contribution_create_view, name="contribution_create"),
    path(
        "casussen/<id:pk>/documenten/<id:document_pk>/",
        views.case_document_view,
        name="case_document",
    ),
    path("bijdragen/<id:pk>/bewerken/", views.contribution_edit_view, name="contribution_edit"),
    path(
        "bijdragen/<id:pk>/modereren/",
        views.contribution_moderate_view,
        name="contribution_moderate",
    ),
    path("lessen/", views.lesson_list_view, name="lesson_list"),
    path("lessen/<id:pk>/", views.lesson_detail_view, name="lesson_detail"),
]
