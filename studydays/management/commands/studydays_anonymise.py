from django.core.management.base import BaseCommand

from studydays.tasks import anonymise_past_registrations


class Command(BaseCommand):
    help = "Queue the anonymisation of registrations past the retention period (run daily)."

    def handle(self, *args, **options):
        result = anonymise_past_registrations.enqueue()
        self.stdout.write(f"Anonimisering ingepland ({result.id}).")
