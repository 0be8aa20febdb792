from django.core.management.base import BaseCommand

from intervision.tasks import cases_purge_task, pending_uploads_purge_task


class Command(BaseCommand):
    help = (
        "Queue the purge of closed intervision cases past the retention period and of "
        "documents of case forms never posted (run daily)."
    )

    def handle(self, *args, **options):
        cases_purge_task.enqueue()
        pending_uploads_purge_task.enqueue()
        self.stdout.write(
            "Opruimen van afgesloten casussen en niet-geplaatste documenten ingepland."
        )
