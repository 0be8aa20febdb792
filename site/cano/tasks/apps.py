from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "cano.tasks"
    label = "cano_tasks"
    verbose_name = "Achtergrondtaken"
