"""Reads about the task worker: how long silence means death, and which workers live."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import WorkerHeartbeat


def stale_after() -> timedelta:
    """How long a worker may stay silent before its running tasks are run again."""
    return timedelta(seconds=float(getattr(settings, "TASKS_STALE_AFTER", 5 * 60)))


def heartbeat_interval() -> float:
    """Seconds between heartbeats: several per staleness period, so one slow beat is no death."""
    return min(60.0, stale_after().total_seconds() / 5)


def stale_cutoff(*, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - stale_after()


def live_worker_ids(*, now: datetime | None = None) -> set[str]:
    """The workers that have beaten within the staleness period."""
    return set(
        WorkerHeartbeat.objects.filter(last_seen__gte=stale_cutoff(now=now)).values_list(
            "worker_id", flat=True
        )
    )
