"""`manage.py tasks_reclaim`: run the tasks of dead workers again (for cron; every `db_worker`
does the same while it runs)."""

from django.core.management.base import BaseCommand

from cano.tasks.services import tasks_reclaim


class Command(BaseCommand):
    help = "Queue RUNNING tasks whose worker has been silent for TASKS_STALE_AFTER seconds again."

    def handle(self, *args, **options) -> None:
        result = tasks_reclaim()
        self.stdout.write(f"queued again: {result.requeued}, failed: {result.failed}")
