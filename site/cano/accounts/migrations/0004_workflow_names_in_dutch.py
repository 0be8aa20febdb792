"""Wagtail's default workflow speaks English: "Moderators approval", for a group this site removed.

The task and the workflow get a Dutch name, and the task goes to the editors, who may publish:
without a group only superusers could approve what is submitted to it.
"""

from django.db import migrations

OLD_NAME = "Moderators approval"
NEW_NAME = "Goedkeuring door de redactie"
EDITORS_GROUP = "Redactie"


def rename_default_workflow(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Group = apps.get_model("auth", "Group")

    Task.objects.filter(name=OLD_NAME).update(name=NEW_NAME)
    Workflow.objects.filter(name=OLD_NAME).update(name=NEW_NAME)
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is not None:
        for task in GroupApprovalTask.objects.filter(name=NEW_NAME, groups__isnull=True):
            task.groups.add(editors)


def restore_default_workflow_name(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task.objects.filter(name=NEW_NAME).update(name=OLD_NAME)
    Workflow.objects.filter(name=NEW_NAME).update(name=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_calendar_feed"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename_default_workflow, restore_default_workflow_name)]
