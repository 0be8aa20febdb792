from django.core.management.base import BaseCommand

from studydays.tasks import send_reminders


class Command(BaseCommand):
    help = "Queue the reminder mails for study days a few days away (run daily)."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"Herinneringen ingepland ({result.id}).")
