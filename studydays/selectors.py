"""Permission-aware reads of the study days: what a visitor may see, counts, the rhythm."""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from cano.accounts.selectors import user_is_editor, user_is_staff_member
from cano.home.selectors import pages_visible_to
from cano.hooks import CalendarEvent
from cano.templatetags.cano_format import long_datetime

from .links import registration_url
from .models import Audience, Registration, StudyDayPage, Workshop, WorkshopChoice


def retention_days() -> int:
    """Days after a study day that its registrations are kept (default about six months)."""
    return int(getattr(settings, "STUDYDAYS_RETENTION_DAYS", 183))


def reminder_days() -> int:
    return int(getattr(settings, "STUDYDAYS_REMINDER_DAYS", 3))


def registration_rate_limit() -> tuple[int, int]:
    """How many registrations that send mail one address may make, and in how many seconds.

    The limit is there against abuse, a script that makes the site mail arbitrary addresses;
    only attempts that send mail count, so it need not leave room for typos. The default lets
    an organisation register a team from one office address (behind one NAT address, colleagues
    register one after the other, a few minutes each, and some ask for their link again),
    while a script gets no more than that trickle of mails an hour out of one address, each to
    an address that then stands on the organisers' list of registrations.
    """
    limit = int(getattr(settings, "STUDYDAYS_RATE_LIMIT", 30))
    window = int(getattr(settings, "STUDYDAYS_RATE_WINDOW", 3600))
    return limit, window


def study_days_visible_to(user):
    """Live study day pages this visitor may open (staff days only for staff)."""
    return pages_visible_to(user, StudyDayPage.objects.all())


def study_day_next(*, user):
    """The next upcoming study day this user may see, or None."""
    return study_days_visible_to(user).upcoming().first()


def _active_registrations_of(user):
    # A registration made before logging in (same e-mail address) is the member's too.
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.active()
        .filter(Q(user=user) | Q(email=user.email.lower()))
        .select_related("study_day")
    )


def registrations_of_user(*, user):
    """The user's own active registrations for days still to come."""
    return (
        _active_registrations_of(user)
        .filter(study_day__date__gte=timezone.localdate())
        .order_by("study_day__date")
    )


def registrations_past_of_user(*, user):
    """The user's registrations for days gone by, the latest first."""
    return (
        _active_registrations_of(user)
        .filter(study_day__date__lt=timezone.localdate())
        .order_by("-study_day__date")
    )


def dashboard_section(*, user):
    """This app's block on the staff dashboard, or None."""
    if not user_is_staff_member(user):
        return None
    return {
        "title": _("Studiedagen"),
        "template": "studydays/dashboard_section.html",
        "next_study_day": study_day_next(user=user),
        "registrations": [
            {"registration": registration, "url": registration_url(registration)}
            for registration in registrations_of_user(user=user)
        ],
    }


def account_section(*, user):
    """This app's block on the account page: upcoming registrations to manage, and past ones."""
    if not getattr(user, "is_authenticated", False):
        return None
    return {
        "title": _("Mijn studiedagen"),
        "template": "studydays/account_section.html",
        "upcoming": [
            {"registration": registration, "url": registration_url(registration)}
            for registration in registrations_of_user(user=user)
        ],
        "past": list(registrations_past_of_user(user=user)),
    }


def expected_audience_for_year(year: int, *, exclude_pk: int | None = None) -> str | None:
    """CANO's rhythm: staff every two years, externals between, counting from the last staff day."""
    staff_days = StudyDayPage.objects.filter(audience=Audience.STAFF)
    if exclude_pk:
        staff_days = staff_days.exclude(pk=exclude_pk)
    before = staff_days.filter(date__year__lte=year).order_by("-date").first()
    reference = before or staff_days.order_by("date").first()
    if reference is None:
        return None
    return Audience.STAFF if (year - reference.date.year) % 2 == 0 else Audience.EXTERNAL


def study_day_alternation(*, study_day: StudyDayPage) -> dict:
    """What the rhythm expects for this day's year, and whether the page deviates from it."""
    expected = expected_audience_for_year(study_day.date.year, exclude_pk=study_day.pk)
    return {
        "year": study_day.date.year,
        "expected": expected,
        "expected_label": Audience(expected).label if expected else None,
        "deviates": expected is not None and expected != study_day.audience,
    }


def _waiting_lists(*, study_day_id: int, workshops=None) -> dict:
    """Who waits for what: registration ids per list, first come first served.

    A waiting registration is on the list of each workshop it chose that is full: only a place
    in that workshop lets it in, whatever frees up elsewhere on the day. One that chose no full
    workshop waits for a place on the day. The services offer a freed place in the same order,
    to the first who fits it (see ``services._promote_waiting``). ``workshops``: the day's
    workshops with their places taken, when the caller has read them already.
    """
    if workshops is None:
        workshops = Workshop.objects.filter(study_day_id=study_day_id).with_places_taken()
    full = {workshop.pk for workshop in workshops if workshop.places_taken >= workshop.capacity}
    waiting = Registration.objects.filter(study_day_id=study_day_id).waiting()
    chosen = defaultdict(list)
    for registration_id, workshop_id in WorkshopChoice.objects.filter(
        registration__study_day_id=study_day_id, registration__status=Registration.Status.WAITING
    ).values_list("registration_id", "workshop_id"):
        chosen[registration_id].append(workshop_id)
    day, per_workshop = [], defaultdict(list)
    for registration_id in waiting.values_list("pk", flat=True):
        full_chosen = [pk for pk in chosen[registration_id] if pk in full]
        for workshop_id in full_chosen:
            per_workshop[workshop_id].append(registration_id)
        if not full_chosen:
            day.append(registration_id)
    return {"day": day, "workshops": per_workshop}


def study_day_availability(*, study_day: StudyDayPage) -> dict:
    """Places taken and left, and who waits, for the day and each of its workshops.

    ``waiting`` counts everyone on a waiting list, ``waiting_for_day`` only those waiting for a
    place on the day; a workshop's ``waiting`` only those waiting for a place in it.
    """
    if study_day.pk is None:  # the preview of a page that was never saved
        return {
            "registered": 0,
            "waiting": 0,
            "waiting_for_day": 0,
            "cancelled": 0,
            "left": study_day.capacity or 0,
            "day_full": False,
            "workshops": [],
        }
    registrations = Registration.objects.filter(study_day=study_day)
    counts = Counter(registrations.values_list("status", flat=True))
    # Every workshop of the day with its places taken, read once for the lists and the counts.
    every = list(Workshop.objects.filter(study_day=study_day).with_places_taken())
    lists = _waiting_lists(study_day_id=study_day.pk, workshops=every)
    workshops = []
    for workshop in (workshop for workshop in every if workshop.is_active):
        workshops.append(
            {
                "workshop": workshop,
                "taken": workshop.places_taken,
                "waiting": len(lists["workshops"].get(workshop.pk, [])),
                "left": max(workshop.capacity - workshop.places_taken, 0),
            }
        )
    registered = counts[Registration.Status.REGISTERED]
    return {
        "day_full": registered >= study_day.capacity,
        "registered": registered,
        "waiting": counts[Registration.Status.WAITING],
        "waiting_for_day": len(lists["day"]),
        "cancelled": counts[Registration.Status.CANCELLED],
        "left": max(study_day.capacity - registered, 0),
        "workshops": workshops,
    }


def registration_waiting_for(*, registration: Registration) -> dict:
    """What a registration waits for, with its place on each list (1 is next).

    ``day``: its place on the day's list, or None; ``workshops``: ``{"workshop", "position"}``
    for each full workshop it waits for, in programme order. Both empty when it is not waiting.
    """
    lists = _waiting_lists(study_day_id=registration.study_day_id)
    positions = {
        workshop_id: ids.index(registration.pk) + 1
        for workshop_id, ids in lists["workshops"].items()
        if registration.pk in ids
    }
    workshops = Workshop.objects.filter(pk__in=positions).order_by("sort_order")
    return {
        "day": lists["day"].index(registration.pk) + 1 if registration.pk in lists["day"] else None,
        "workshops": [{"workshop": w, "position": positions[w.pk]} for w in workshops],
    }


def registrations_for_organisers(
    *,
    user,
    study_day: StudyDayPage,
    query: str = "",
    status: str = "",
    workshop_id: int | None = None,
    paid: str = "",
):
    """Registrations of one day for the organisers; editors only."""
    if not user_is_editor(user):
        raise PermissionDenied
    registrations = (
        Registration.objects.filter(study_day=study_day)
        .prefetch_related("workshop_choices__workshop")
        .alias(
            status_order=Case(
                When(status=Registration.Status.REGISTERED, then=Value(0)),
                When(status=Registration.Status.WAITING, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("status_order", "last_name", "first_name", "created_at")
    )
    query = query.strip()[:200]
    if query:
        registrations = registrations.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__icontains=query)
        )
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    if workshop_id:
        registrations = registrations.filter(workshop_choices__workshop_id=workshop_id)
    if paid in {"yes", "no"}:
        registrations = registrations.filter(paid=paid == "yes")
    return registrations


def study_days_for_organisers(*, user):
    if not user_is_editor(user):
        raise PermissionDenied
    return StudyDayPage.objects.all().order_by("-date")


def study_days_in_feed(*, today: datetime.date | None = None):
    """Upcoming study days anyone may see: the public calendar feed."""
    return study_days_visible_to(AnonymousUser()).upcoming(today)


def registration_window_error(*, study_day: StudyDayPage, now: datetime.datetime) -> str | None:
    """Why nobody can register at `now` (not yet open, past the deadline, the day is over)."""
    if timezone.localdate(now) > study_day.date:
        return _("Deze studiedag is voorbij: inschrijven kan niet meer.")
    if now < study_day.registration_opens:
        return _("De inschrijvingen openen pas op %(date)s.") % {
            "date": long_datetime(study_day.registration_opens)
        }
    deadline = study_day.registration_deadline
    if now >= deadline:
        return _(
            "De inschrijvingen voor deze studiedag zijn afgesloten: inschrijven kon tot %(date)s."
        ) % {"date": long_datetime(deadline)}
    return None


def study_day_context(*, study_day: StudyDayPage, user, availability: dict | None = None) -> dict:
    """What a study day's page shows the user: places left (``availability`` when the caller
    has just counted them), and why they cannot register."""
    closed = registration_window_error(study_day=study_day, now=timezone.now())
    if not closed and study_day.is_staff_day and not user_is_staff_member(user):
        closed = _("Voor deze studiedag kunnen alleen ingelogde medewerkers inschrijven.")
    context = {
        "availability": availability or study_day_availability(study_day=study_day),
        "registration_closed": closed,
    }
    if user_is_editor(user):
        context["alternation"] = study_day_alternation(study_day=study_day)
    return context


def study_day_calendar_event(study_day: StudyDayPage) -> CalendarEvent:
    location = ", ".join(
        part for part in [study_day.venue_name, " ".join(study_day.venue_address.split())] if part
    )
    return CalendarEvent(
        uid=f"studiedag-{study_day.pk}@cano-vlaanderen",
        summary=study_day.title,
        starts_at=study_day.starts_at,
        ends_at=study_day.ends_at,
        location=location,
        url=study_day.url or "",
    )


def study_day_calendar_events(*, user) -> list[CalendarEvent]:
    """The study days the user holds a place for (not the waiting list): their personal calendar."""
    if not getattr(user, "is_authenticated", False):
        return []
    registered = Registration.objects.filter(
        Q(user=user) | Q(email=user.email.lower()), status=Registration.Status.REGISTERED
    ).values("study_day")
    study_days = study_days_visible_to(user).filter(pk__in=registered).order_by("date")
    return [study_day_calendar_event(study_day) for study_day in study_days]
