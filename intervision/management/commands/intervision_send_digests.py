from django.core.management.base import BaseCommand

from intervision.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily intervision digest mails (run once a day)."

    def handle(self, *args, **options):
        send_daily_digests.enqueue()
        self.stdout.write("Dagelijkse samenvattingen ingepland.")
