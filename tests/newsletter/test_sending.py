import threading

import pytest
import wagtail_factories

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from newsletter import services
from newsletter.models import Delivery, IssueSending, Subscriber
from tests.factories.accounts import editor
from tests.factories.newsletter import (
    NewsletterIssuePageFactory,
    SubscriberFactory,
)

from .helpers import first_message_in_flight, links_in, sending_to_new_subscribers

pytestmark = pytest.mark.django_db


def _article(title, body, image=None, links=()):
    return (
        "article",
        {
            "title": title,
            "teaser": "Kort",
            "body": body,
            "image": image,
            "image_alt": "Foto",
            "links": [{"page": page, "label": ""} for page in links],
        },
    )


def test_email_preview_has_html_and_text_with_absolute_urls(client, archive, editor_user, settings):
    """The editor's preview shows both parts; images and site links are absolute."""
    settings.WAGTAILADMIN_BASE_URL = "https://cano.example"
    image = wagtail_factories.ImageFactory()
    issue = NewsletterIssuePageFactory(
        parent=archive,
        articles=[
            _article(
                "Studiedag in aantocht",
                f'<p>Zie <a linktype="page" id="{archive.pk}">het archief</a>.</p>',
                image=image,
                links=[archive],
            )
        ],
    )
    client.force_login(editor_user)
    url = f"/admin/nieuwsbrief/{issue.pk}/verzenden/"
    html = client.get(url + "?voorbeeld=html").content.decode()
    text = client.get(url + "?voorbeeld=tekst").content.decode()
    assert 'src="https://cano.example/media/images/' in html
    assert 'href="https://cano.example/nieuwsbrief/"' in html
    assert "Studiedag in aantocht" in text
    assert "het archief (https://cano.example/nieuwsbrief/)" in text
    assert "<p>" not in text


def test_wagtail_preview_modes_include_the_email(client, issue, editor_user):
    """The page editor's preview menu offers the e-mail versions."""
    modes = dict(issue.preview_modes)
    assert "email_html" in modes and "email_text" in modes
    response = issue.make_preview_request(preview_mode="email_text")
    assert "Intervisie over schoolverzuim" in response.content.decode()


def test_editor_sends_a_test_to_themselves(client, issue, editor_user):
    """The test e-mail goes only to the editor, marked as a test, with both parts."""
    SubscriberFactory()
    client.force_login(editor_user)
    client.post(f"/admin/nieuwsbrief/{issue.pk}/verzenden/", {"action": "test"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor_user.email]
    assert message.subject.startswith("[TEST]")
    assert message.alternatives[0][1] == "text/html"
    assert not IssueSending.objects.exists()


def test_sending_reaches_confirmed_subscribers_only(client, issue, editor_user):
    """Only confirmed subscribers get the issue; pending sign-ups get nothing."""
    confirmed = SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    client.force_login(editor_user)
    client.post(f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/", {"confirm": "yes"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in confirmed)


def test_each_issue_mail_has_one_click_unsubscribe_headers_and_links(issue, editor_user):
    """Every issue e-mail carries RFC 8058 headers and its own signed links."""
    subscriber = SubscriberFactory()
    services.issue_send_start(issue=issue, user=editor_user)
    message = mail.outbox[0]
    links = links_in(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].strip("<>").endswith(links["uitschrijven"])
    assert "mijn-gegevens" in links
    assert subscriber.email in message.to


def test_progress_is_shown_in_the_admin(client, issue, editor_user):
    """After sending, the admin shows sent of total."""
    SubscriberFactory.create_batch(4)
    client.force_login(editor_user)
    response = client.post(
        f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/", {"confirm": "yes"}, follow=True
    )
    assert "4 van 4 verzonden" in response.content.decode()


def test_an_issue_is_sent_only_once(issue, editor_user):
    """Pressing send a second time is refused with a message."""
    SubscriberFactory()
    services.issue_send_start(issue=issue, user=editor_user)
    with pytest.raises(services.SendingError, match="al verzonden"):
        services.issue_send_start(issue=issue, user=editor_user)
    assert len(mail.outbox) == 1


def test_a_draft_cannot_be_sent(archive, editor_user):
    """An unpublished issue is refused: the e-mail links to its web version."""
    draft = NewsletterIssuePageFactory(parent=archive, live=False)
    SubscriberFactory()
    with pytest.raises(services.SendingError, match="Publiceer"):
        services.issue_send_start(issue=draft, user=editor_user)
    assert mail.outbox == []


def test_only_editors_may_send(client, issue, staff_user):
    """A staff member without editor rights cannot open the sending screen or send."""
    SubscriberFactory()
    client.force_login(staff_user)
    response = client.post(
        f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/", {"confirm": "yes"}
    )
    assert response.status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.issue_send_start(issue=issue, user=staff_user)
    assert mail.outbox == []


class FlakyBackend:
    """A locmem backend whose connection breaks after a number of messages."""

    fail_after = 0

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend(*args, **kwargs)

    def open(self):
        return None

    def close(self):
        return None

    def send_messages(self, messages):
        if len(mail.outbox) >= FlakyBackend.fail_after:
            raise ConnectionError("Verbinding met de mailserver verbroken")
        return self.inner.send_messages(messages)


def test_crashed_sending_resumes_without_duplicates(issue, editor_user, settings):
    """A connection lost half-way, then a resume: everyone gets the issue exactly once."""
    subscribers = SubscriberFactory.create_batch(25)
    settings.EMAIL_BACKEND = "tests.newsletter.test_sending.FlakyBackend"
    FlakyBackend.fail_after = 10
    sending = services.issue_send_start(issue=issue, user=editor_user)
    sending.refresh_from_db()
    assert len(mail.outbox) == 10
    assert sending.interrupted_at is not None
    assert services.sending_progress(sending=sending).sent == 10

    FlakyBackend.fail_after = 10**6
    services.issue_send_resume(sending=sending, user=editor_user)
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(s.email for s in subscribers)
    sending.refresh_from_db()
    assert sending.finished_at is not None


def test_message_a_silent_worker_left_is_in_doubt_not_sent_again(issue, editor_user):
    """A message left "sending" for longer than the staleness is put in doubt, not resent."""
    sending = sending_to_new_subscribers(issue, editor_user, 2)
    in_flight = first_message_in_flight(
        sending, claimed_at="2000-01-01T00:00:00Z", claimed_by="dead-worker"
    )
    progress = services.sending_run(sending_id=sending.pk)
    assert in_flight.subscriber.email not in [m.to[0] for m in mail.outbox]
    assert (progress.sent, progress.doubtful, progress.failed, progress.waiting) == (1, 1, 0, 0)


def test_message_of_a_running_worker_is_left_alone(issue, editor_user):
    """A second run does not take over a message another worker is sending right now."""
    sending = sending_to_new_subscribers(issue, editor_user, 2)
    busy = first_message_in_flight(sending, claimed_at="2999-01-01T00:00:00Z")
    services.sending_run(sending_id=sending.pk)
    assert [m.to[0] for m in mail.outbox] != [busy.subscriber.email]
    assert len(mail.outbox) == 1
    sending.refresh_from_db()
    assert sending.finished_at is None


def test_one_refused_address_is_recorded_and_the_rest_still_go_out(issue, editor_user, settings):
    """A recipient refused by the server counts as failed; the others are sent."""
    SubscriberFactory.create_batch(3)
    settings.EMAIL_BACKEND = "tests.newsletter.test_sending.RefusingBackend"
    sending = services.issue_send_start(issue=issue, user=editor_user)
    progress = services.sending_progress(sending=sending)
    assert (progress.total, progress.sent, progress.failed) == (3, 2, 1)
    assert sending.deliveries.get(status=Delivery.Status.FAILED).error


class RefusingBackend(FlakyBackend):
    def send_messages(self, messages):
        import smtplib

        if messages[0].to[0] == Subscriber.objects.order_by("pk").first().email:
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"Unknown user")})
        return self.inner.send_messages(messages)


def test_subscriber_who_leaves_mid_sending_is_skipped(issue, editor_user):
    """Unsubscribing removes the pending delivery with the address."""
    leaving, staying = SubscriberFactory.create_batch(2)
    sending = IssueSending.objects.create(issue=issue, started_by=editor_user)
    services.deliveries_create(sending=sending)
    leaving.delete()
    services.sending_run(sending_id=sending.pk)
    assert [m.to[0] for m in mail.outbox] == [staying.email]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(fresh_archive):
    """Two workers resuming the same sending in parallel never mail anyone twice."""
    issue = NewsletterIssuePageFactory(parent=fresh_archive)
    editor_user = editor()
    SubscriberFactory.create_batch(60)
    sending = IssueSending.objects.create(issue=issue, started_by=editor_user)
    services.deliveries_create(sending=sending)

    def worker():
        from django.db import connection as thread_connection

        try:
            services.sending_run(sending_id=sending.pk)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == 60
    assert len(set(recipients)) == 60


def test_issue_editor_has_a_send_button_for_editors(client, issue, editor_user):
    """The page editor's header links to the sending screen."""
    client.force_login(editor_user)
    html = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert f"/admin/nieuwsbrief/{issue.pk}/verzenden/" in html
    assert "Verzenden als e-mail" in html


def test_sending_screen_shows_steps_and_subscriber_count(client, issue, editor_user):
    """The sending screen offers preview, test and sending to the confirmed subscribers."""
    SubscriberFactory.create_batch(2)
    client.force_login(editor_user)
    html = client.get(f"/admin/nieuwsbrief/{issue.pk}/verzenden/").content.decode()
    assert "Voorbeeld als e-mail" in html
    assert "Stuur een test naar" in html
    assert "Verzenden naar 2 bevestigde abonnees" in html


def test_send_asks_first_saying_how_many_subscribers(client, issue, editor_user):
    """The sending screen links to a confirmation that counts the confirmed subscribers."""
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    client.force_login(editor_user)
    screen = client.get(f"/admin/nieuwsbrief/{issue.pk}/verzenden/").content.decode()
    assert f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/" in screen
    html = client.get(f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/").content.decode()
    assert "Dit nummer naar 3 bevestigde abonnees verzenden?" in html
    assert "Ja, verzend naar 3 abonnees" in html
    assert mail.outbox == [] and not IssueSending.objects.exists()


def test_send_without_confirmation_sends_nothing(client, issue, editor_user):
    """The old one-click POST and a POST without the confirm field send nothing."""
    SubscriberFactory()
    client.force_login(editor_user)
    client.post(f"/admin/nieuwsbrief/{issue.pk}/verzenden/", {"action": "send"})
    client.post(f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/")
    assert mail.outbox == [] and not IssueSending.objects.exists()


def test_confirmation_page_is_refused_to_non_editors(client, issue, staff_user):
    """A staff member without editor rights cannot open the send confirmation."""
    client.force_login(staff_user)
    response = client.get(f"/admin/nieuwsbrief/{issue.pk}/verzenden/bevestigen/")
    assert response.status_code in (302, 403)
