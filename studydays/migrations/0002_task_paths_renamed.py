from django.db import migrations

RENAMED = {
    "studydays.tasks.send_registration_mail": "studydays.tasks.registration_mail_send_task",
    "studydays.tasks.send_message_to_registrants": "studydays.tasks.registrants_message_send_task",
    "studydays.tasks.send_reminders": "studydays.tasks.reminders_send_task",
    "studydays.tasks.anonymise_past_registrations": (
        "studydays.tasks.registrations_anonymise_due_task"
    ),
}


def rename_task_paths(apps, schema_editor):
    # A worker finds a queued task by its stored path: rows queued before the rename would fail.
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in RENAMED.items():
        task_result.objects.filter(task_path=old).update(task_path=new)


def restore_task_paths(apps, schema_editor):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in RENAMED.items():
        task_result.objects.filter(task_path=new).update(task_path=old)


class Migration(migrations.Migration):
    dependencies = [
        ("studydays", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename_task_paths, restore_task_paths)]
