"""Task rows as a worker that died leaves them."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker closes connections that are inside a transaction (as a test's is), so a test that
# runs it commits for real and is cleaned up by a flush.
WORKER_IN_PROCESS = pytest.mark.django_db(transaction=True)


def task_left_running(result, *, workers: list[str], started_ago: timedelta) -> DBTaskResult:
    """Mark an enqueued task as RUNNING since `started_ago` on the given (dead) workers."""
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
        worker_ids=workers,
    )
    return DBTaskResult.objects.get(pk=result.id)


def run_worker() -> None:
    """Run `db_worker` in this process until the queue is empty."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
