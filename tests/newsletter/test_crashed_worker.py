"""A newsletter sending survives a worker that dies mid-send: at most one message per dead
worker is in doubt, for the editor to decide; nobody gets the issue twice."""

import re
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from cano.tasks.models import WorkerHeartbeat
from newsletter import services
from newsletter.models import Delivery, IssueSending
from tests.factories.accounts import editor
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.factories.tasks import DB_QUEUE, wait_for, worker_process

from .helpers import first_message_in_flight, sending_to_new_subscribers


def _sending_with(issue, editor_user, *, doubtful: int, pending: int) -> IssueSending:
    """A sending whose first `doubtful` messages a dead worker left in doubt."""
    sending = sending_to_new_subscribers(issue, editor_user, doubtful + pending)
    doubt_ids = sending.deliveries.order_by("pk").values_list("pk", flat=True)[:doubtful]
    Delivery.objects.filter(pk__in=list(doubt_ids)).update(status=Delivery.Status.DOUBT)
    return sending


def _counts(html: str) -> dict[str, int]:
    """The admin's count list, as {label: number}."""
    pairs = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html)
    return {label: int(number) for label, number in pairs}


@pytest.mark.django_db
def test_earlier_attempts_message_is_in_doubt_at_once(issue, editor_user):
    """The message the task's previous (dead) worker was sending is in doubt without waiting."""
    sending = sending_to_new_subscribers(issue, editor_user, 3)
    in_flight = first_message_in_flight(sending, claimed_at=timezone.now(), claimed_by="killed")

    progress = services.sending_run(sending_id=sending.pk, worker_ids=["killed", "next"])
    assert in_flight.subscriber.email not in [m.to[0] for m in mail.outbox]
    assert (progress.sent, progress.doubtful, progress.waiting) == (2, 1, 0)
    sending.refresh_from_db()
    assert sending.finished_at is not None


@pytest.mark.django_db
def test_message_of_a_beating_worker_is_never_put_in_doubt(issue, editor_user):
    """However old its claim, a message of a worker that still beats is not taken over."""
    sending = sending_to_new_subscribers(issue, editor_user, 2)
    WorkerHeartbeat.objects.create(worker_id="alive")
    first_message_in_flight(sending, claimed_at="2000-01-01T00:00:00Z", claimed_by="alive")
    progress = services.sending_run(sending_id=sending.pk)
    assert (progress.sent, progress.doubtful, progress.waiting) == (1, 0, 1)


@pytest.mark.django_db
def test_admin_shows_sent_doubt_failed_and_waiting(client, issue, editor_user):
    """The sending screen counts sent / in doubt / failed / waiting in Dutch."""
    sending = _sending_with(issue, editor_user, doubtful=1, pending=4)
    first_pending = sending.deliveries.filter(status=Delivery.Status.PENDING).order_by("pk")
    Delivery.objects.filter(pk=first_pending[0].pk).update(status=Delivery.Status.SENT)
    Delivery.objects.filter(pk=first_pending[1].pk).update(status=Delivery.Status.FAILED)
    client.force_login(editor_user)
    html = client.get(f"/admin/nieuwsbrief/{issue.pk}/verzenden/").content.decode()
    assert _counts(html) == {"Verzonden": 1, "Onzeker": 1, "Mislukt": 1, "Wachtend": 2}
    assert "Beslis zelf" in html


@pytest.mark.django_db
def test_editor_sends_the_message_in_doubt_again(client, issue, editor_user):
    """ "Opnieuw verzenden" mails the one in doubt once and finishes the sending."""
    sending = _sending_with(issue, editor_user, doubtful=1, pending=0)
    doubtful = sending.deliveries.get()
    IssueSending.objects.filter(pk=sending.pk).update(finished_at=timezone.now())
    client.force_login(editor_user)
    response = client.post(
        f"/admin/nieuwsbrief/{issue.pk}/verzenden/", {"action": "doubt_resend"}, follow=True
    )
    assert [m.to[0] for m in mail.outbox] == [doubtful.subscriber.email]
    assert _counts(response.content.decode())["Verzonden"] == 1
    sending.refresh_from_db()
    assert sending.finished_at is not None


@pytest.mark.django_db
def test_editor_counts_the_message_in_doubt_as_sent(client, issue, editor_user):
    """ "Als verzonden beschouwen" sends nothing and counts the message as sent."""
    sending = _sending_with(issue, editor_user, doubtful=1, pending=0)
    client.force_login(editor_user)
    response = client.post(
        f"/admin/nieuwsbrief/{issue.pk}/verzenden/", {"action": "doubt_mark_sent"}, follow=True
    )
    assert mail.outbox == []
    assert _counts(response.content.decode()) == {
        "Verzonden": 1,
        "Onzeker": 0,
        "Mislukt": 0,
        "Wachtend": 0,
    }
    assert sending.deliveries.get().sent_at is None


@pytest.mark.django_db
def test_only_editors_decide_about_messages_in_doubt(client, issue, editor_user, staff_user):
    """A staff member without editor rights cannot resend or settle a message in doubt."""
    sending = _sending_with(issue, editor_user, doubtful=1, pending=0)
    client.force_login(staff_user)
    response = client.post(f"/admin/nieuwsbrief/{issue.pk}/verzenden/", {"action": "doubt_resend"})
    assert response.status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.deliveries_doubtful_mark_sent(sending=sending, user=staff_user)
    assert sending.deliveries.get().status == Delivery.Status.DOUBT
    assert mail.outbox == []


# A real worker process, killed -----------------------------------------------------------------

STALE_AFTER = 2  # seconds; production waits 5 minutes
MAIL_DELAY = 0.15  # seconds per message: slow enough to kill a worker mid-sending


def _worker(tmp_path: Path) -> subprocess.Popen:
    return worker_process(
        DJANGO_TASKS_STALE_AFTER=str(STALE_AFTER),
        CANO_TEST_MAIL_LOG=str(tmp_path / "mail.log"),
        CANO_TEST_MAIL_DELAY=str(MAIL_DELAY),
        CANO_SEARCH_INDEX_DIR=str(tmp_path / "index"),
    )


def _received(tmp_path: Path) -> Counter:
    log = tmp_path / "mail.log"
    return Counter(log.read_text(encoding="utf-8").split()) if log.exists() else Counter()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a server")
@pytest.mark.django_db(transaction=True)
def test_killed_workers_leave_at_most_one_message_each_in_doubt(fresh_archive, settings, tmp_path):
    """Two workers killed (SIGKILL) mid-send: a third finishes, nobody gets the issue twice."""
    settings.TASKS = DB_QUEUE
    issue = NewsletterIssuePageFactory(parent=fresh_archive)
    subscribers = SubscriberFactory.create_batch(30)
    sending = services.issue_send_start(issue=issue, user=editor())

    killed = 0
    workers = []
    try:
        for _ in range(2):
            already = sum(_received(tmp_path).values())
            worker = _worker(tmp_path)
            workers.append(worker)
            wait_for(lambda already=already: sum(_received(tmp_path).values()) >= already + 4)
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            killed += 1
        workers.append(_worker(tmp_path))
        wait_for(lambda: IssueSending.objects.get(pk=sending.pk).finished_at is not None)
        wait_for(lambda: not DBTaskResult.objects.running().exists(), timeout=10)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    received = _received(tmp_path)
    doubtful = set(
        sending.deliveries.filter(status=Delivery.Status.DOUBT).values_list(
            "subscriber__email", flat=True
        )
    )
    assert max(received.values()) == 1
    assert {s.email for s in subscribers} == set(received) | doubtful
    assert len(doubtful) <= killed
    assert not sending.deliveries.exclude(
        status__in=[Delivery.Status.SENT, Delivery.Status.DOUBT]
    ).exists()
    task_row = DBTaskResult.objects.get(task_path="newsletter.tasks.issue_send_task")
    assert task_row.status == TaskResultStatus.SUCCESSFUL
    assert len(task_row.worker_ids) == 3
