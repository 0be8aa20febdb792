"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat and reclaiming of the tasks
of workers that died (see cano.tasks.services)."""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from cano.tasks.watch import WorkerWatch


class Command(DBWorkerCommand):
    help = (
        "Run a database background worker that beats while it lives and runs the tasks of dead "
        "workers again."
    )

    def handle(self, *args, worker_id: str, **options) -> None:
        watch = WorkerWatch(worker_id=worker_id)
        watch.begin()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            watch.end()
