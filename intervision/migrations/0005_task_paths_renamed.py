from django.db import migrations

RENAMED = {
    "intervision.tasks.send_case_notification": "intervision.tasks.case_notification_send_task",
    "intervision.tasks.send_daily_digests": "intervision.tasks.digests_send_task",
    "intervision.tasks.purge_closed_cases": "intervision.tasks.cases_purge_task",
    "intervision.tasks.purge_pending_uploads": "intervision.tasks.pending_uploads_purge_task",
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
        ("intervision", "0004_pending_uploads"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename_task_paths, restore_task_paths)]
