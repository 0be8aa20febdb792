"""Write flows that let background work survive a crashed worker.

- A `db_worker` beats (worker_heartbeat) while it lives; tasks_reclaim puts a RUNNING task back
  in the queue once its worker has been silent for TASKS_STALE_AFTER seconds, so a `kill -9`
  only delays the task. A task whose workers died TASKS_MAX_ATTEMPTS times is marked failed
  instead of killing worker after worker.
- A task that may run twice claims each side effect first (task_step_claim).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django_tasks import TaskContext, TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import TaskStep, WorkerHeartbeat
from .selectors import live_worker_ids, stale_cutoff

logger = logging.getLogger(__name__)

# Records older than this are of no use to any task that could still be run again.
RECORD_RETENTION = timedelta(days=30)


class WorkerLost(Exception):
    """Recorded as the error of a task whose workers kept dying while running it."""


@dataclass
class ReclaimResult:
    requeued: int = 0
    failed: int = 0


def worker_heartbeat(*, worker_id: str) -> None:
    """Record that the worker is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"last_seen": timezone.now()}
    )


def worker_forget(*, worker_id: str) -> None:
    """A worker that stops cleanly leaves no heartbeat behind."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def tasks_reclaim() -> ReclaimResult:
    """Put RUNNING tasks whose worker is silent back in the queue (or fail them after too many
    attempts); returns how many of each.

    A task counts as abandoned when it started before the staleness cutoff and its last worker
    has not beaten since then. Workers without a heartbeat (a plain django-tasks-db worker)
    therefore lose their tasks after TASKS_STALE_AFTER: the setting must then exceed the longest
    task.
    """
    now = timezone.now()
    cutoff = stale_cutoff(now=now)
    live = live_worker_ids(now=now)
    max_attempts = int(getattr(settings, "TASKS_MAX_ATTEMPTS", 5))
    result = ReclaimResult()
    candidates = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for pk, started_at, worker_ids in candidates.values_list("pk", "started_at", "worker_ids"):
        if worker_ids and worker_ids[-1] in live:
            continue
        # Compare-and-set on started_at (new at every claim): a row another reclaimer or a
        # worker changed meanwhile is left alone, on databases without row locks too.
        row = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= max_attempts:
            changed = row.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"The worker running this task stopped {len(worker_ids)} times.",
            )
            result.failed += changed
        else:
            result.requeued += row.update(status=TaskResultStatus.READY)
    if result.requeued or result.failed:
        logger.warning(
            "Tasks of silent workers: %s queued again, %s failed.", result.requeued, result.failed
        )
    _records_prune(now=now)
    return result


def _records_prune(*, now) -> None:
    WorkerHeartbeat.objects.filter(last_seen__lt=now - RECORD_RETENTION).delete()
    TaskStep.objects.filter(claimed_at__lt=now - RECORD_RETENTION).delete()


def task_step_claim(*, context: TaskContext, key: str) -> bool:
    """Claim one side effect of a task run before doing it; False when an earlier attempt of
    the same task already claimed it (then skip it).

    The claim is committed on its own, so a crash right after it leaves this one step undone
    rather than done twice. Backends that never run a task again (the immediate one) need no
    record.
    """
    task_result = context.task_result
    if not task_backends[task_result.backend].supports_get_result:
        return True
    try:
        with transaction.atomic():
            TaskStep.objects.create(task_result_id=str(task_result.id), key=key)
    except IntegrityError:
        return False
    return True
