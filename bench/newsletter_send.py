"""Newsletter sending benchmark: one issue to N subscribers through Django's locmem backend.

The run is interrupted half-way (the mail connection breaks) and then resumed; at the end every
subscriber must have received the issue exactly once. Reports throughput and peak memory.

    .venv/bin/python bench/newsletter_send.py [--subscribers 10000]

Each message is claimed and recorded in its own commit (so a killed worker leaves at most one
message in doubt); the figures show what those commits cost.

Uses a fresh SQLite database in a temporary folder unless DATABASE_URL is set (then that
database must be empty or disposable: the script migrates it and adds its own rows).
"""

import argparse
import datetime
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def setup_django(database_url: str | None) -> None:
    if not database_url:
        folder = tempfile.mkdtemp(prefix="cano-bench-newsletter-")
        database_url = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cano.settings.test")
    os.environ.setdefault("CANO_SEARCH_BACKEND", "postgres")
    import django

    django.setup()


RECEIVED: Counter = Counter()


class Interrupted(ConnectionError):
    pass


def make_backend():
    from django.core import mail
    from django.core.mail.backends.locmem import EmailBackend

    class CountingLocmemBackend(EmailBackend):
        """Django's locmem backend; the outbox is drained into a counter after each message so
        the benchmark measures the sender, not a list of 10,000 kept messages."""

        break_after: int | None = None

        def send_messages(self, messages):
            total = sum(RECEIVED.values())
            if self.break_after is not None and total >= self.break_after:
                raise Interrupted("Verbinding met de mailserver verbroken (gesimuleerd)")
            sent = super().send_messages(messages)
            for message in mail.outbox:
                RECEIVED[message.to[0]] += 1
            mail.outbox.clear()
            return sent

    return CountingLocmemBackend


def build_fixture(subscribers: int):
    from django.core.management import call_command

    from wagtail.models import Page, Site

    from cano.home.models import HomePage
    from newsletter.models import NewsletterIndexPage, NewsletterIssuePage

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="CANO Vlaanderen", slug="cano-bench"))
    Site.objects.update(root_page=home)
    archive = home.add_child(instance=NewsletterIndexPage(title="Nieuwsbrief", slug="nieuwsbrief"))
    body = "<p>" + "Een alinea over intervisie, werkgroepen en studiedagen. " * 30 + "</p>"
    issues = [
        archive.add_child(
            instance=NewsletterIssuePage(
                title=f"CANOnieuwsbrief {number}",
                slug=f"nummer-{number}",
                number=number,
                publication_date=published,
                intro="<p>Welkom.</p>",
                articles=[
                    (
                        "article",
                        {"title": f"Artikel {n}", "teaser": "Kort.", "body": body, "links": []},
                    )
                    for n in range(4)
                ],
            )
        )
        for number, published in ((1, datetime.date(2026, 5, 4)), (2, datetime.date(2026, 9, 14)))
    ]
    return issues, editor_and_subscribers_create(subscribers)


def editor_and_subscribers_create(subscribers: int):
    """An editor, who may send the newsletter, and ``subscribers`` confirmed subscribers."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cano.accounts.models import EDITORS_GROUP, STAFF_GROUP
    from newsletter.models import Subscriber

    editor = get_user_model().objects.create_user(
        email="redactie@bench.example", password=None, first_name="Redactie"
    )
    editor.groups.set(Group.objects.filter(name__in=[STAFF_GROUP, EDITORS_GROUP]))
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"abonnee{n:05d}@voorbeeld.be",
                name=f"Abonnee {n}",
                status=Subscriber.Status.CONFIRMED,
                consent_text="Ik wil de CANOnieuwsbrief ontvangen.",
                confirmed_at=now,
            )
            for n in range(subscribers)
        ],
        batch_size=2000,
    )
    return editor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()

    setup_django(os.environ.get("DATABASE_URL"))
    import logging

    # The interrupted task's traceback is expected here; keep the output to the figures.
    logging.getLogger("django_tasks").setLevel(logging.CRITICAL)
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db import connection

    from newsletter import services
    from newsletter.models import Delivery

    backend = make_backend()
    settings.EMAIL_BACKEND = f"{__name__}.{backend.__name__}"
    sys.modules[__name__].CountingLocmemBackend = backend

    (issue, second_issue), editor = build_fixture(args.subscribers)
    half = args.subscribers // 2

    # Run 1: throughput, with a crash half-way and a resume (no tracing: it slows Python 3-4x).
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    backend.break_after = half
    started = time.perf_counter()
    sending = services.issue_send_start(issue=issue, user=editor)  # runs until the "crash"
    crashed_at = time.perf_counter()
    sending.refresh_from_db()
    reason = interrupted_reason(sending)
    before = services.sending_progress(sending=sending)
    backend.break_after = None
    services.issue_send_resume(sending=sending, user=editor)
    finished = time.perf_counter()
    after = services.sending_progress(sending=sending)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    everyone_once = len(RECEIVED) == args.subscribers and set(RECEIVED.values()) == {1}
    duplicates = sum(count - 1 for count in RECEIVED.values() if count > 1)
    never = args.subscribers - len(RECEIVED)
    left = sending.deliveries.exclude(
        status__in=[Delivery.Status.SENT, Delivery.Status.FAILED]
    ).count()

    # Run 2: peak memory of a whole sending, traced.
    RECEIVED.clear()
    tracemalloc.start()
    services.issue_send_start(issue=second_issue, user=editor)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    second_ok = len(RECEIVED) == args.subscribers and set(RECEIVED.values()) == {1}

    elapsed = finished - started
    load = os.getloadavg()[0]
    print(
        f"machine:             {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load:.1f}"
    )
    print(f"database:            {connection.vendor}")
    print(f"subscribers:         {args.subscribers}, one commit per claim and per outcome")
    print(f"interrupted after:   {before.sent} sent ({reason})")
    print(f"after resume:        {after.sent} sent / {after.total} total / {after.failed} failed")
    print(
        f"delivered once each: {everyone_once} (duplicates: {duplicates}, never sent: {never}, rows left: {left})"
    )
    print(
        f"time:                {elapsed:.1f} s (first run {crashed_at - started:.1f} s, resume {finished - crashed_at:.1f} s)"
    )
    print(f"throughput:          {after.sent / elapsed:.0f} messages/s")
    print(
        f"max RSS growth:      {(rss_after - rss_before) / 1024:.1f} MiB during run 1 (process max RSS {rss_after / 1024:.0f} MiB)"
    )
    print(
        f"peak traced memory:  {peak / 1024 / 1024:.1f} MiB for a whole second sending (all {args.subscribers} once: {second_ok})"
    )
    ok = everyone_once and after.sent == args.subscribers and second_ok
    return 0 if ok else 1


def interrupted_reason(sending) -> str:
    return sending.last_error[:70] or "not interrupted"


if __name__ == "__main__":
    sys.exit(main())
