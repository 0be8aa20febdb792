"""Tasks of a worker that died are run again (cano.tasks)."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.utils import timezone

from cano.tasks.models import WorkerHeartbeat
from cano.tasks.services import tasks_reclaim
from newsletter.tasks import subscribers_purge_unconfirmed_task
from tests.factories.tasks import DB_QUEUE, WORKER_IN_PROCESS, run_worker, task_left_running

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_queue(settings):
    settings.TASKS = DB_QUEUE
    settings.TASKS_STALE_AFTER = 60
    settings.TASKS_MAX_ATTEMPTS = 3


def _running(*, workers: list[str], started_ago: timedelta) -> DBTaskResult:
    result = subscribers_purge_unconfirmed_task.enqueue()
    return task_left_running(result, workers=workers, started_ago=started_ago)


def _beat(worker_id: str, ago: timedelta = timedelta(0)) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker_id, last_seen=timezone.now() - ago)


@WORKER_IN_PROCESS
def test_a_dead_workers_task_is_run_by_the_next_worker(db_queue):
    """A task left RUNNING by a killed worker is run to the end by the next `db_worker`."""
    row = _running(workers=["killed"], started_ago=timedelta(minutes=10))
    run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 2


def test_a_worker_that_went_silent_loses_its_task(db_queue):
    """A worker whose heartbeat is older than the staleness counts as dead."""
    _beat("silent", ago=timedelta(minutes=5))
    row = _running(workers=["silent"], started_ago=timedelta(minutes=10))
    assert tasks_reclaim().requeued == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


def test_a_long_task_of_a_live_worker_is_left_alone(db_queue):
    """A task running for an hour is not taken away while its worker keeps beating."""
    _beat("alive")
    row = _running(workers=["alive"], started_ago=timedelta(hours=1))
    assert tasks_reclaim().requeued == 0
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_recent_task_of_a_worker_without_heartbeat_is_left_alone(db_queue):
    """Within the staleness, a task of a plain worker (no heartbeat) keeps running."""
    row = _running(workers=["plain"], started_ago=timedelta(seconds=10))
    tasks_reclaim()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_task_whose_workers_keep_dying_fails(db_queue):
    """After TASKS_MAX_ATTEMPTS dead workers the task fails instead of killing another one."""
    row = _running(workers=["one", "two", "three"], started_ago=timedelta(minutes=10))
    assert tasks_reclaim().failed == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "cano.tasks.services.WorkerLost"


def test_reclaim_command_for_cron_reports_what_it_did(db_queue, capsys):
    """`manage.py tasks_reclaim` queues dead workers' tasks again and says how many."""
    _running(workers=["killed"], started_ago=timedelta(minutes=10))
    call_command("tasks_reclaim")
    assert "queued again: 1, failed: 0" in capsys.readouterr().out
