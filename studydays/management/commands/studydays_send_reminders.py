from django.core.management.base import BaseCommand

from studydays.tasks import reminders_send_task


class Command(BaseCommand):
    help = "Queue the reminder mails for study days a few days away (run daily)."

    def handle(self, *args, **options):
        result = reminders_send_task.enqueue()
        self.stdout.write(f"Herinneringen ingepland ({result.id}).")
