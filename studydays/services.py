"""Write flows of the study days: register, cancel, promote, change workshops, erase, anonymise.

Every flow that changes who has a place locks the study day's row and then its workshops' rows
(always in that order, so two flows never deadlock) inside one transaction, and counts the places
under that lock: no two registrations can take the same last place.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cano.accounts.selectors import user_is_editor, user_is_staff_member
from cano.home.privacy import page_restrict_to_staff, page_unrestrict
from cano.ratelimit import counter_hit, counter_release
from cano.templatetags.cano_format import time_of_day

# tasks imports this module as well; each names the other by module, so either may load first.
from . import tasks
from .models import (
    Audience,
    Registration,
    StudyDayPage,
    StudyDayStatistics,
    Workshop,
    WorkshopChoice,
    new_link_key,
)
from .selectors import (
    registration_rate_limit,
    registration_window_error,
    reminder_days,
    retention_days,
)


class RegistrationError(Exception):
    """A rule said no; `message` is Dutch and safe to show to the visitor."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RegistrationThrottled(RegistrationError):
    """Too many registrations that send mail from one address in the window."""


def _mail_after_commit(registration_id: int, kind: str) -> None:
    transaction.on_commit(lambda: tasks.registration_mail_send_task.enqueue(registration_id, kind))


def _lock(study_day_id: int) -> tuple[StudyDayPage, dict[int, Workshop]]:
    """Lock the study day row, then all its workshops, in a fixed order."""
    study_day = StudyDayPage.objects.select_for_update(of=("self",)).get(pk=study_day_id)
    workshops = Workshop.objects.select_for_update().filter(study_day_id=study_day_id)
    return study_day, {workshop.pk: workshop for workshop in workshops.order_by("pk")}


def _taken_per_workshop(study_day_id: int) -> Counter:
    workshops = Workshop.objects.filter(study_day_id=study_day_id).with_places_taken()
    return Counter(dict(workshops.values_list("pk", "places_taken")))


def _registered_count(study_day_id: int) -> int:
    return Registration.objects.filter(study_day_id=study_day_id).registered().count()


def _validated_workshops(
    *, study_day: StudyDayPage, workshops: dict[int, Workshop], workshop_ids: Iterable[int]
) -> list[Workshop]:
    chosen = []
    for workshop_id in workshop_ids:
        workshop = workshops.get(int(workshop_id))
        if workshop is None or not workshop.is_active:
            raise RegistrationError(_("Deze workshop bestaat niet (meer)."), field="workshops")
        chosen.append(workshop)
    slots = [workshop.slot_id for workshop in chosen]
    if len(slots) != len(set(slots)):
        raise RegistrationError(_("Kies per tijdslot één workshop."), field="workshops")
    required_slots = {w.slot_id for w in workshops.values() if w.is_active}
    if required_slots - set(slots):
        raise RegistrationError(_("Kies een workshop in elk tijdslot."), field="workshops")
    return chosen


def _fits(*, workshops: Iterable[Workshop], taken: Counter) -> bool:
    return all(taken[workshop.pk] < workshop.capacity for workshop in workshops)


def registration_create(
    *,
    study_day: StudyDayPage,
    first_name: str,
    last_name: str,
    email: str,
    organisation: str,
    consent: bool,
    answers: dict | None = None,
    workshop_ids: Iterable[int] = (),
    waiting_list_ok: bool = True,
    user=None,
    rate_limit_key: str | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register someone, or put them on the waiting list when the day or a workshop is full.

    With a `rate_limit_key` (who is asking, e.g. the visitor's address) only an attempt that
    sends mail counts against the limit of `registration_rate_limit`: a registration, or the
    personal link sent again to an address already registered. One refused for any other reason
    costs nothing.
    """
    now = now or timezone.now()
    if not consent:
        raise RegistrationError(
            _("Je moet akkoord gaan met de privacyverklaring om in te schrijven."), field="consent"
        )
    if study_day.is_staff_day:
        if not user_is_staff_member(user):
            raise RegistrationError(
                _("Voor deze studiedag kunnen alleen ingelogde medewerkers inschrijven.")
            )
        # Staff register themselves: the account decides who, not the form.
        email = user.email
    email = (email or "").strip().lower()
    workshop_ids = list(workshop_ids)

    # Counted up front (atomically), so parallel attempts never pass the limit together, and
    # given back below when nothing is mailed. Outside the transaction: inside it the database
    # counter's row would stay locked until the commit.
    counted_key = None
    if rate_limit_key:
        limit, window = registration_rate_limit()
        hits = counter_hit(rate_limit_key, window=window)
        if hits > limit:
            raise RegistrationThrottled(
                _("Te veel inschrijvingen vanaf dit adres. Probeer het over een uur opnieuw.")
            )
        if hits > 0:
            counted_key = rate_limit_key
    try:
        with transaction.atomic():
            study_day, workshops = _lock(study_day.pk)
            window_error = registration_window_error(study_day=study_day, now=now)
            if window_error:
                raise RegistrationError(window_error)
            chosen = _validated_workshops(
                study_day=study_day, workshops=workshops, workshop_ids=workshop_ids
            )
            duplicate = (
                Registration.objects.filter(study_day=study_day, email=email).active().first()
            )
            if duplicate is None:
                registration = _registration_insert(
                    study_day=study_day,
                    chosen=chosen,
                    waiting_list_ok=waiting_list_ok,
                    user=user,
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    organisation=organisation,
                    answers=answers,
                    now=now,
                )
    except BaseException:
        # Rolled back, so no mail goes out: the attempt costs nothing.
        if counted_key:
            counter_release(counted_key)
        raise
    if duplicate is not None:
        # The address's owner gets their link again; the visitor learns nothing about them.
        _mail_after_commit(duplicate.pk, "link")
        raise RegistrationError(_duplicate_message(), field="email")
    return registration


def _registration_insert(
    *,
    study_day,
    chosen,
    waiting_list_ok,
    user,
    first_name,
    last_name,
    email,
    organisation,
    answers,
    now,
) -> Registration:
    taken = _taken_per_workshop(study_day.pk)
    day_full = _registered_count(study_day.pk) >= study_day.capacity
    full_workshops = [w.title for w in chosen if taken[w.pk] >= w.capacity]
    if (day_full or full_workshops) and not waiting_list_ok:
        if day_full:
            raise RegistrationError(_("Deze studiedag is volzet."))
        raise RegistrationError(
            _("Deze workshop is volzet: %(titles)s.") % {"titles": ", ".join(full_workshops)},
            field="workshops",
        )
    status = (
        Registration.Status.WAITING
        if day_full or full_workshops
        else Registration.Status.REGISTERED
    )
    registration = Registration(
        study_day=study_day,
        user=user if getattr(user, "is_authenticated", False) else None,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation=organisation.strip(),
        status=status,
        answers=answers or {},
        consent_at=now,
        created_at=now,
    )
    try:
        registration.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise RegistrationError(messages[0], field=field) from error
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        # Only reachable where the database cannot lock rows (SQLite): the constraint holds.
        raise RegistrationError(_duplicate_message(), field="email") from error
    WorkshopChoice.objects.bulk_create(
        WorkshopChoice(registration=registration, workshop=w, slot_id=w.slot_id) for w in chosen
    )
    _mail_after_commit(
        registration.pk,
        "confirmation" if status == Registration.Status.REGISTERED else "waiting",
    )
    return registration


def _duplicate_message() -> str:
    return _(
        "Met dit e-mailadres is al ingeschreven voor deze studiedag. We hebben de persoonlijke "
        "link naar dat adres gestuurd: daarmee kan je de inschrijving bekijken of wijzigen."
    )


def _promote_waiting(
    *, study_day: StudyDayPage, workshops: dict[int, Workshop], now: datetime.datetime
) -> list[Registration]:
    """Give free places to the waiting list, first come first served, as far as workshops allow.

    Not once the day is over: a place freed then (data erased, a no-show cancelled by the
    organisers) is of no use, and its mail would invite someone to a day gone by.
    """
    if study_day.date < timezone.localdate():
        return []
    promoted = []
    registered = _registered_count(study_day.pk)
    taken = _taken_per_workshop(study_day.pk)
    waiting = list(
        Registration.objects.filter(study_day=study_day)
        .waiting()
        .prefetch_related("workshop_choices")
    )
    for registration in waiting:
        if registered >= study_day.capacity:
            break
        chosen = [workshops[c.workshop_id] for c in registration.workshop_choices.all()]
        if not _fits(workshops=chosen, taken=taken):
            continue
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registered += 1
        taken.update(w.pk for w in chosen)
        promoted.append(registration)
        _mail_after_commit(registration.pk, "promoted")
    return promoted


def study_day_fill_from_waiting_list(*, study_day: StudyDayPage) -> list[Registration]:
    """Promote whoever now fits, e.g. after an editor raised the capacity."""
    with transaction.atomic():
        study_day, workshops = _lock(study_day.pk)
        return _promote_waiting(study_day=study_day, workshops=workshops, now=timezone.now())


def _locked_registration(registration: Registration) -> tuple[Registration, dict]:
    study_day, workshops = _lock(registration.study_day_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.study_day = study_day
    return registration, workshops


def registration_cancel(
    *, registration: Registration, notify: bool = True, now: datetime.datetime | None = None
) -> list[Registration]:
    """Cancel a registration or waiting-list place; returns whoever was promoted in its stead."""
    now = now or timezone.now()
    with transaction.atomic():
        registration, workshops = _locked_registration(registration)
        if not registration.is_active:
            raise RegistrationError(_("Deze inschrijving is al geannuleerd."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            _mail_after_commit(registration.pk, "cancelled")
        return _promote_waiting(study_day=registration.study_day, workshops=workshops, now=now)


def registration_change_workshops(
    *, registration: Registration, workshop_ids: Iterable[int]
) -> Registration:
    """Choose other workshops; a registered person only moves into a workshop with room."""
    with transaction.atomic():
        registration, workshops = _locked_registration(registration)
        if not registration.is_active:
            raise RegistrationError(_("Deze inschrijving is geannuleerd."))
        if registration.study_day.date < timezone.localdate():
            raise RegistrationError(_("Deze studiedag is voorbij."))
        chosen = _validated_workshops(
            study_day=registration.study_day, workshops=workshops, workshop_ids=workshop_ids
        )
        current = set(registration.workshop_choices.values_list("workshop_id", flat=True))
        if registration.status == Registration.Status.REGISTERED:
            taken = _taken_per_workshop(registration.study_day_id)
            full = [w.title for w in chosen if w.pk not in current and taken[w.pk] >= w.capacity]
            if full:
                raise RegistrationError(
                    _("Deze workshop is volzet: %(titles)s.") % {"titles": ", ".join(full)},
                    field="workshops",
                )
        registration.workshop_choices.all().delete()
        WorkshopChoice.objects.bulk_create(
            WorkshopChoice(registration=registration, workshop=w, slot_id=w.slot_id) for w in chosen
        )
        _promote_waiting(study_day=registration.study_day, workshops=workshops, now=timezone.now())
    registration.refresh_from_db()
    return registration


def registration_erase_personal_data(*, registration: Registration) -> None:
    """The registrant's right to be forgotten: cancel, then keep nothing that points to them."""
    with transaction.atomic():
        if registration.is_active:
            registration_cancel(registration=registration, notify=False)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.first_name = ""
        registration.last_name = ""
        registration.email = f"gewist-{registration.pk}@invalid.invalid"
        registration.organisation = ""
        registration.answers = {}
        registration.user = None
        registration.personal_data_erased = True
        registration.link_key = new_link_key()  # the personal link stops working
        registration.save()


def _require_editor(user) -> None:
    if not user_is_editor(user):
        raise PermissionDenied


def registration_cancel_by_editor(*, user, registration: Registration) -> list[Registration]:
    _require_editor(user)
    return registration_cancel(registration=registration)


def registration_promote(*, user, registration: Registration) -> Registration:
    """An editor gives a waiting person a place, out of turn, but never beyond capacity."""
    _require_editor(user)
    now = timezone.now()
    with transaction.atomic():
        registration, workshops = _locked_registration(registration)
        if registration.status != Registration.Status.WAITING:
            raise RegistrationError(_("Deze persoon staat niet op de wachtlijst."))
        if _registered_count(registration.study_day_id) >= registration.study_day.capacity:
            raise RegistrationError(_("De studiedag is volzet: er is geen plaats vrij."))
        chosen = [workshops[c.workshop_id] for c in registration.workshop_choices.all()]
        if not _fits(workshops=chosen, taken=_taken_per_workshop(registration.study_day_id)):
            raise RegistrationError(_("Een gekozen workshop is volzet."))
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _mail_after_commit(registration.pk, "promoted")
    return registration


def registration_mark_paid(*, user, registration: Registration, paid: bool) -> Registration:
    _require_editor(user)
    registration.paid = paid
    registration.save(update_fields=["paid"])
    return registration


def workshops_sync(*, study_day: StudyDayPage) -> None:
    """Mirror the programme's workshops into rows that registrations can point to and lock."""
    # Read back what was stored, so the block ids are the ones saved in the database.
    programme = StudyDayPage.objects.get(pk=study_day.pk).programme
    seen = []
    order = 0
    for slot in programme:
        if slot.block_type != "slot":
            continue
        value = slot.value
        label = f"{time_of_day(value['start'])} {value['title']}"
        for item in value["workshops"].bound_blocks:
            order += 1
            Workshop.objects.update_or_create(
                study_day_id=study_day.pk,
                block_id=item.id,
                defaults={
                    "slot_id": slot.id,
                    "slot_label": label[:250],
                    "title": item.value["title"][:200],
                    "capacity": item.value["capacity"],
                    "sort_order": order,
                    "is_active": True,
                },
            )
            seen.append(item.id)
    Workshop.objects.filter(study_day_id=study_day.pk).exclude(block_id__in=seen).update(
        is_active=False
    )


def study_day_sync_visibility(*, study_day: StudyDayPage) -> None:
    """A staff day is for staff only; a day for externals is open to everyone."""
    if study_day.audience == Audience.STAFF:
        page_restrict_to_staff(study_day)
    else:
        page_unrestrict(study_day)


def study_day_anonymise(*, study_day: StudyDayPage) -> StudyDayStatistics:
    """Replace a past day's registrations by counts."""
    with transaction.atomic():
        study_day, _workshops = _lock(study_day.pk)
        registrations = Registration.objects.filter(study_day=study_day)
        statuses = Counter(registrations.values_list("status", flat=True))
        per_workshop: Counter[str] = Counter()
        for title, taken in (
            Workshop.objects.filter(study_day=study_day)
            .with_places_taken()
            .values_list("title", "places_taken")
        ):
            per_workshop[title] += taken
        statistics, _created = StudyDayStatistics.objects.get_or_create(study_day=study_day)
        statistics.registered += statuses[Registration.Status.REGISTERED]
        statistics.waiting += statuses[Registration.Status.WAITING]
        statistics.cancelled += statuses[Registration.Status.CANCELLED]
        merged = Counter(statistics.per_workshop) + per_workshop
        statistics.per_workshop = dict(merged)
        statistics.anonymised_at = timezone.now()
        statistics.full_clean()
        statistics.save()
        registrations.delete()
    return statistics


def registrations_anonymise_due(*, today: datetime.date | None = None) -> int:
    """Anonymise every study day that lies longer ago than the retention period."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days())
    days = StudyDayPage.objects.filter(date__lt=cutoff, registrations__isnull=False).distinct()
    count = 0
    for study_day in days:
        study_day_anonymise(study_day=study_day)
        count += 1
    return count


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Mail a reminder to everyone registered for a day that is a few days away, once."""
    today = today or timezone.localdate()
    target = today + datetime.timedelta(days=reminder_days())
    due = Registration.objects.filter(
        study_day__date__gte=today,
        study_day__date__lte=target,
        status=Registration.Status.REGISTERED,
        reminder_sent_at__isnull=True,
    )
    count = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if updated:
                _mail_after_commit(registration.pk, "reminder")
                count += 1
    return count


def registrants_message(
    *, user, study_day: StudyDayPage, subject: str, body: str, include_waiting: bool
) -> int:
    """An editor's message to everyone registered (and optionally the waiting list)."""
    _require_editor(user)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise RegistrationError(_("Vul een onderwerp en een bericht in."))
    statuses = [Registration.Status.REGISTERED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    count = Registration.objects.filter(study_day=study_day, status__in=statuses).count()
    transaction.on_commit(
        lambda: tasks.registrants_message_send_task.enqueue(
            study_day.pk, subject, body, include_waiting
        )
    )
    return count
