"""Write flows of the newsletter: subscribing, confirming, unsubscribing, and sending issues."""

import hashlib
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cano.accounts.selectors import user_is_editor
from cano.ratelimit import counter_hit
from cano.tasks.selectors import live_worker_ids, stale_cutoff
from cano.templatetags.cano_format import long_date

# tasks imports this module as well; each names the other by module, so either may load first.
from . import emails, tasks, tokens
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
    _require_editor(user)
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
    _require_editor(user)
    if not issue.live:
        if issue.go_live_at and issue.go_live_at > timezone.now():
            raise SendingError(
                _("Dit nummer is ingepland voor %(date)s: verzenden kan vanaf die dag.")
                % {"date": long_date(timezone.localtime(issue.go_live_at))}
            )
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
    tasks.issue_send_task.enqueue(sending_id=sending.pk)
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


def _require_editor(user) -> None:
    if not user_is_editor(user):
        raise PermissionDenied


def issue_send_resume(*, sending: IssueSending, user) -> None:
    """Queue the rest of an interrupted sending again."""
    _require_editor(user)
    if sending.finished_at is not None:
        raise SendingError(_("Deze verzending is al afgerond."))
    tasks.issue_send_task.enqueue(sending_id=sending.pk)


def deliveries_doubtful_resend(*, sending: IssueSending, user) -> int:
    """The editor's decision: send the messages in doubt again; returns how many."""
    _require_editor(user)
    with transaction.atomic():
        count = sending.deliveries.filter(status=Delivery.Status.DOUBT).update(
            status=Delivery.Status.PENDING, claimed_by="", claimed_at=None, error=""
        )
        if count:
            IssueSending.objects.filter(pk=sending.pk).update(finished_at=None)
    if count:
        tasks.issue_send_task.enqueue(sending_id=sending.pk)
    return count


def deliveries_doubtful_mark_sent(*, sending: IssueSending, user) -> int:
    """The editor's decision: count the messages in doubt as sent; returns how many.

    Their sent_at stays empty: no mail server confirmed them.
    """
    _require_editor(user)
    return sending.deliveries.filter(status=Delivery.Status.DOUBT).update(
        status=Delivery.Status.SENT, error=""
    )


@dataclass
class SendingProgress:
    total: int
    sent: int
    failed: int
    doubtful: int
    waiting: int


# Errors about one recipient: record and go on. Anything else (the mail server is gone) stops the
# sending, which the editor can resume.
RECIPIENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, ValueError)

DOUBT_REASON = _("Onderbroken tijdens het verzenden: misschien verstuurd, misschien niet.")


def _interrupted_deliveries_doubt(sending: IssueSending, *, earlier_workers: Sequence[str]) -> None:
    """A message a dead worker was sending may or may not have left: it is put before the editor
    ("onzeker") and never sent again by itself.

    A worker is dead when it ran an earlier attempt of this very task (the task is only run
    again once its worker is gone), or when it has been silent for the staleness period.
    """
    in_flight = sending.deliveries.filter(status=Delivery.Status.SENDING).exclude(
        claimed_by__in=live_worker_ids()
    )
    in_flight.filter(
        Q(claimed_by__in=list(earlier_workers)) | Q(claimed_at__lt=stale_cutoff())
    ).update(status=Delivery.Status.DOUBT, error=str(DOUBT_REASON))


def _delivery_claim(sending: IssueSending, claimer: str) -> Delivery | None:
    """Take the next waiting message and commit it as being sent before it leaves."""
    while True:
        with transaction.atomic():
            pk = (
                sending.deliveries.filter(status=Delivery.Status.PENDING)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                return None
            # The status condition makes the claim exclusive on SQLite too (no row locks there).
            claimed = Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SENDING, claimed_at=timezone.now(), claimed_by=claimer
            )
        if claimed:
            delivery = Delivery.objects.select_related("subscriber").filter(pk=pk).first()
            if delivery is not None:  # None: the subscriber left just now
                return delivery


def _delivery_record(delivery: Delivery, claimer: str, **values) -> None:
    # A run that wrongly took this worker for dead may have put the row in doubt; the outcome
    # known here overrides that.
    Delivery.objects.filter(
        pk=delivery.pk,
        status__in=[Delivery.Status.SENDING, Delivery.Status.DOUBT],
        claimed_by=claimer,
    ).update(**values)


def sending_run(*, sending_id: int, worker_ids: Sequence[str] = ()) -> SendingProgress:
    """Send the waiting messages one by one until none are left.

    Each message is claimed and recorded in its own commit, so a killed worker leaves at most
    one message in doubt. Safe to run again after a crash (it continues where the crash stopped)
    and in several workers at once. `worker_ids` are the workers of this task's attempts, the
    current one last.
    """
    claimer = worker_ids[-1] if worker_ids else ""
    sending = IssueSending.objects.select_related("issue").get(pk=sending_id)
    if sending.finished_at is not None:
        return sending_progress(sending=sending)
    _interrupted_deliveries_doubt(sending, earlier_workers=worker_ids[:-1])
    IssueSending.objects.filter(pk=sending.pk).update(interrupted_at=None, last_error="")
    rendered = emails.issue_email_render(issue=sending.issue.specific)

    connection = get_connection()
    try:
        while (delivery := _delivery_claim(sending, claimer)) is not None:
            _delivery_send(sending, rendered, delivery, claimer, connection)
    finally:
        connection.close()

    if not sending.deliveries.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).exists():
        IssueSending.objects.filter(pk=sending.pk, finished_at=None).update(
            finished_at=timezone.now()
        )
    return sending_progress(sending=sending)


def _delivery_send(sending, rendered, delivery: Delivery, claimer: str, connection) -> None:
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
        _delivery_record(delivery, claimer, status=Delivery.Status.FAILED, error=str(error)[:500])
        return
    except Exception as error:
        # The server did not take the message: it goes back to the queue for a resume.
        _delivery_record(
            delivery, claimer, status=Delivery.Status.PENDING, claimed_by="", claimed_at=None
        )
        IssueSending.objects.filter(pk=sending.pk).update(
            interrupted_at=timezone.now(), last_error=str(error)[:500]
        )
        raise
    except BaseException:
        # The worker is being stopped mid-message: whether it left is unknown. The rest of the
        # sending goes to the next worker.
        _delivery_record(delivery, claimer, status=Delivery.Status.DOUBT, error=str(DOUBT_REASON))
        # Only a queue hands the rest to another worker; run in this process, it would recurse.
        if tasks.issue_send_task.get_backend().supports_get_result:
            tasks.issue_send_task.enqueue(sending_id=sending.pk)
        raise
    _delivery_record(delivery, claimer, status=Delivery.Status.SENT, sent_at=timezone.now())


def sending_progress(*, sending: IssueSending) -> SendingProgress:
    status = Delivery.Status
    counts = sending.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=status.SENT)),
        failed=Count("pk", filter=Q(status=status.FAILED)),
        doubtful=Count("pk", filter=Q(status=status.DOUBT)),
        waiting=Count("pk", filter=Q(status__in=[status.PENDING, status.SENDING])),
    )
    return SendingProgress(**counts)
