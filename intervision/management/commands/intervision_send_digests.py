from django.core.management.base import BaseCommand

from intervision.tasks import digests_send_task


class Command(BaseCommand):
    help = "Queue the daily intervision digest mails (run once a day)."

    def handle(self, *args, **options):
        digests_send_task.enqueue()
        self.stdout.write("Dagelijkse samenvattingen ingepland.")
