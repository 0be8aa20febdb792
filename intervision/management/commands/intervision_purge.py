from django.core.management.base import BaseCommand

from intervision.tasks import purge_closed_cases, purge_pending_uploads


class Command(BaseCommand):
    help = (
        "Queue the purge of closed intervision cases past the retention period and of "
        "documents of case forms never posted (run daily)."
    )

    def handle(self, *args, **options):
        purge_closed_cases.enqueue()
        purge_pending_uploads.enqueue()
        self.stdout.write(
            "Opruimen van afgesloten casussen en niet-geplaatste documenten ingepland."
        )
