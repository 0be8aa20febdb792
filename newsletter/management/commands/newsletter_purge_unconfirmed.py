from django.core.management.base import BaseCommand

from newsletter.tasks import subscribers_purge_unconfirmed_task


class Command(BaseCommand):
    help = "Queue the removal of newsletter sign-ups that were never confirmed (run daily)."

    def handle(self, *args, **options):
        result = subscribers_purge_unconfirmed_task.enqueue()
        self.stdout.write(f"Opruimtaak in de wachtrij gezet ({result.id}).")
