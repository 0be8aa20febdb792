"""Write flows of the newsletter: subscribing, confirming, unsubscribing, and sending issues."""

import hashlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cano.ratelimit import counter_hit

from . import emails, tokens
from .models import Delivery, IssueSending, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)

CONSENT_TEXT = _(
    "Ik wil de CANOnieuwsbrief per e-mail ontvangen. CANO Vlaanderen bewaart hiervoor mijn "
    "e-mailadres en naam tot ik me uitschrijf."
)


class SubscriptionThrottled(Exception):
    """Too many sign-ups from one IP address in a short time."""


class SendingError(Exception):
    """The sending cannot start or resume (with a Dutch message for the editor)."""


# Subscribing ---------------------------------------------------------------------------------


def _throttle_hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True when the limit for the window is exceeded."""
    return counter_hit(key, window=window) > limit


def subscription_request(*, email: str, name: str, ip: str) -> None:
    """Ask for the newsletter: a (re)sent confirmation request, or a notice to a confirmed address.

    The caller answers the same whatever happens here, so the form never tells whether an
    address is subscribed. Too many requests for one address are silently dropped (no mail
    bombing of someone else's mailbox); too many from one IP raise SubscriptionThrottled.
    """
    window = getattr(settings, "NEWSLETTER_SUBSCRIBE_WINDOW", 60 * 60)
    ip_limit = getattr(settings, "NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP", 20)
    address_limit = getattr(settings, "NEWSLETTER_SUBSCRIBE_LIMIT_PER_ADDRESS", 3)
    email = email.strip().lower()
    if _throttle_hit(f"newsletter-subscribe:ip:{ip}", limit=ip_limit, window=window):
        raise SubscriptionThrottled
    digest = hashlib.sha256(email.encode()).hexdigest()
    if _throttle_hit(f"newsletter-subscribe:email:{digest}", limit=address_limit, window=window):
        logger.info("Newsletter sign-up for one address throttled.")
        return

    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email, name=name.strip(), consent_text=str(CONSENT_TEXT))
        subscriber.full_clean()
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:  # a simultaneous request created it
            subscriber = Subscriber.objects.get(email=email)
    elif subscriber.status == Subscriber.Status.PENDING and name.strip():
        subscriber.name = name.strip()
        subscriber.full_clean()
        subscriber.save(update_fields=["name"])

    if subscriber.status == Subscriber.Status.CONFIRMED:
        emails.already_subscribed_message(subscriber=subscriber).send()
    else:
        emails.confirmation_message(subscriber=subscriber).send()


def subscriber_confirm(*, token: str) -> tuple[Subscriber, bool]:
    """Confirm the subscription in a signed link; returns (subscriber, newly_confirmed)."""
    subscriber = tokens.token_read(token=token, purpose=tokens.CONFIRM)
    updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
        status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    subscriber.refresh_from_db()
    return subscriber, bool(updated)


def subscriber_unsubscribe(*, token: str) -> None:
    """Remove the subscription in a signed unsubscribe link, and everything stored with it."""
    subscriber = tokens.token_read(token=token, purpose=tokens.UNSUBSCRIBE)
    subscriber.delete()


def subscriber_delete(*, token: str) -> None:
    """Delete what is stored about the subscriber of a signed data link."""
    subscriber = tokens.token_read(token=token, purpose=tokens.DATA)
    subscriber.delete()


def subscribers_purge_unconfirmed() -> int:
    """Delete sign-ups whose confirmation link has expired; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=tokens.max_age(tokens.CONFIRM))
    deleted, _details = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


# Sending -------------------------------------------------------------------------------------


def issue_send_test(*, issue: NewsletterIssuePage, user) -> None:
    """Send the issue to the editor themselves, marked as a test, with inactive personal links."""
    from cano.accounts.selectors import user_is_editor

    if not user_is_editor(user):
        raise PermissionError
    rendered = emails.issue_email_render(issue=issue)
    sample = emails.absolute_url("/")
    rendered = emails.RenderedIssue(
        subject=f"[TEST] {rendered.subject}", html=rendered.html, text=rendered.text
    )
    emails.issue_message(
        rendered=rendered, to=user.email, links={"unsubscribe_url": sample, "data_url": sample}
    ).send()


def issue_send_start(*, issue: NewsletterIssuePage, user) -> IssueSending:
    """Queue the issue for every confirmed subscriber; one delivery row each, sent by a task."""
    from cano.accounts.selectors import user_is_editor

    from .tasks import issue_send_task

    if not user_is_editor(user):
        raise PermissionError
    if not issue.live:
        raise SendingError(_("Publiceer het nummer eerst: de e-mail verwijst naar de webversie."))
    already = SendingError(_("Dit nummer is al verzonden of wordt verzonden."))
    if IssueSending.objects.filter(issue=issue).exists():
        raise already
    try:
        with transaction.atomic():
            sending = IssueSending(issue=issue, started_by=user)
            sending.full_clean(validate_unique=False)
            sending.save()
            deliveries_create(sending=sending)
    except IntegrityError as error:  # a second editor pressed the button at the same moment
        raise already from error
    issue_send_task.enqueue(sending_id=sending.pk)
    return sending


def deliveries_create(*, sending: IssueSending, chunk_size: int = 2000) -> None:
    """One pending delivery per confirmed subscriber, created in chunks (bounded memory)."""
    ids = Subscriber.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    chunk = []
    for subscriber_id in ids.iterator(chunk_size=chunk_size):
        chunk.append(
            Delivery(sending=sending, issue_id=sending.issue_id, subscriber_id=subscriber_id)
        )
        if len(chunk) >= chunk_size:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)


def issue_send_resume(*, sending: IssueSending, user) -> None:
    """Queue the rest of an interrupted sending again."""
    from cano.accounts.selectors import user_is_editor

    from .tasks import issue_send_task

    if not user_is_editor(user):
        raise PermissionError
    if sending.finished_at is not None:
        raise SendingError(_("Deze verzending is al afgerond."))
    issue_send_task.enqueue(sending_id=sending.pk)


@dataclass
class SendingProgress:
    total: int
    sent: int
    failed: int

    @property
    def remaining(self) -> int:
        return self.total - self.sent - self.failed


# Errors about one recipient: record and go on. Anything else (the mail server is gone, the
# process is stopping) interrupts the sending, which can be resumed.
RECIPIENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, ValueError)


def _stale_batches_recover(sending: IssueSending) -> None:
    """After a hard crash, rows of a batch that was being sent may or may not have gone out:
    they are marked failed rather than risk anyone getting the issue twice."""
    stale = timezone.now() - timedelta(
        seconds=getattr(settings, "NEWSLETTER_SEND_STALE_AFTER", 15 * 60)
    )
    sending.deliveries.filter(status=Delivery.Status.SENDING, claimed_at__lt=stale).update(
        status=Delivery.Status.FAILED,
        error=str(_("Onderbroken tijdens het verzenden; niet opnieuw verstuurd.")),
    )


def _batch_claim(sending: IssueSending, batch_size: int) -> list[int]:
    """Take the next pending rows and mark them as being sent, in one commit."""
    with transaction.atomic():
        ids = list(
            sending.deliveries.filter(status=Delivery.Status.PENDING)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SENDING, claimed_at=timezone.now()
            )
    return ids


def sending_run(*, sending_id: int, batch_size: int | None = None) -> SendingProgress:
    """Send pending deliveries in batches until none are left; safe to run again after a crash."""
    batch_size = batch_size or getattr(settings, "NEWSLETTER_SEND_BATCH_SIZE", 100)
    sending = IssueSending.objects.select_related("issue").get(pk=sending_id)
    if sending.finished_at is not None:
        return sending_progress(sending=sending)
    _stale_batches_recover(sending)
    IssueSending.objects.filter(pk=sending.pk).update(interrupted_at=None, last_error="")
    issue = sending.issue.specific
    rendered = emails.issue_email_render(issue=issue)

    while ids := _batch_claim(sending, batch_size):
        _batch_send(sending, rendered, ids)

    if not sending.deliveries.exclude(
        status__in=[Delivery.Status.SENT, Delivery.Status.FAILED]
    ).exists():
        IssueSending.objects.filter(pk=sending.pk).update(finished_at=timezone.now())
    return sending_progress(sending=sending)


def _batch_send(sending: IssueSending, rendered, ids: list[int]) -> None:
    """Send one claimed batch over one connection and record the outcome of each row.

    The batch is committed as "sending" before the first message leaves. If the process dies
    half-way, those rows are never sent again (see _stale_batches_recover); if sending fails
    with an error, the rows handed over are recorded as sent and the rest go back to the queue.
    """
    deliveries = (
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    sent: list[int] = []
    failed: dict[int, str] = {}
    connection = get_connection()
    try:
        connection.open()
        for delivery in deliveries:
            subscriber = delivery.subscriber
            message = emails.issue_message(
                rendered=rendered,
                to=subscriber.email,
                links=emails.subscriber_links(subscriber),
                connection=connection,
            )
            try:
                message.send()
            except RECIPIENT_ERRORS as error:
                failed[delivery.pk] = str(error)[:500]
                continue
            sent.append(delivery.pk)
    except Exception as error:
        IssueSending.objects.filter(pk=sending.pk).update(
            interrupted_at=timezone.now(), last_error=str(error)[:500]
        )
        raise
    finally:
        connection.close()
        _batch_record(ids=ids, sent=sent, failed=failed)


def _batch_record(*, ids: list[int], sent: list[int], failed: dict[int, str]) -> None:
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT, sent_at=now)
        for pk, error in failed.items():
            Delivery.objects.filter(pk=pk).update(status=Delivery.Status.FAILED, error=error)
        # Not handed over (the batch stopped on an error): back in the queue for a resume.
        untouched = set(ids) - set(sent) - set(failed)
        Delivery.objects.filter(pk__in=untouched, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, claimed_at=None
        )


def sending_progress(*, sending: IssueSending) -> SendingProgress:
    from django.db.models import Count, Q

    counts = sending.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
        failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
    )
    return SendingProgress(**counts)
