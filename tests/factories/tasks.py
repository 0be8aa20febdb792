"""Task rows as a worker that died leaves them, and real workers to kill."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection
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


def worker_process(**env: str) -> subprocess.Popen:
    """`manage.py db_worker` in a process of its own on the test database, with ``env`` added.

    Its settings are `tests.worker_settings`; the test database must be PostgreSQL, which a
    second process can reach.
    """
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}"
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": url,
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, *, timeout: float = 90) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)
