from django.apps import AppConfig


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
