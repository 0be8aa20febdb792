from django.core.management.base import BaseCommand

from intervision.tasks import purge_closed_cases


class Command(BaseCommand):
    help = "Queue the purge of closed intervision cases past the retention period (run daily)."

    def handle(self, *args, **options):
        purge_closed_cases.enqueue()
        self.stdout.write("Opruimen van afgesloten casussen ingepland.")
