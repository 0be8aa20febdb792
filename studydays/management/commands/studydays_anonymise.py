from django.core.management.base import BaseCommand

from studydays.tasks import registrations_anonymise_due_task


class Command(BaseCommand):
    help = "Queue the anonymisation of registrations past the retention period (run daily)."

    def handle(self, *args, **options):
        result = registrations_anonymise_due_task.enqueue()
        self.stdout.write(f"Anonimisering ingepland ({result.id}).")
