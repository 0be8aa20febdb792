"""Task rows queued under a task's old name still run after the rename."""

import importlib

import pytest
from django_tasks_db.models import DBTaskResult

from django.apps import apps

from studydays.tasks import reminders_send_task
from tests.factories.tasks import DB_QUEUE

pytestmark = pytest.mark.django_db

RENAMES = [
    "intervision.migrations.0005_task_paths_renamed",
    "studydays.migrations.0002_task_paths_renamed",
]


@pytest.mark.parametrize("migration", RENAMES)
def test_rows_queued_under_an_old_task_name_point_to_the_renamed_task(migration, settings):
    """The migration gives each queued row a path a worker can load, to the renamed task."""
    module = importlib.import_module(migration)
    settings.TASKS = DB_QUEUE
    rows = {}
    for old in module.RENAMED:
        result = reminders_send_task.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(task_path=old)
        rows[old] = result.id

    module.rename_task_paths(apps, None)

    for old, new in module.RENAMED.items():
        assert DBTaskResult.objects.get(pk=rows[old]).task.module_path == new
