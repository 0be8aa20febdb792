"""Who may read what in intervision: the one membership rule for views, lists, mail and search.

A case and its contributions and documents are visible only to the members and facilitators of
its group, and only while they are active staff. Everything else gets a 404, so a case's
existence is never confirmed to an outsider.
"""

import calendar
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from cano.accounts.models import User
from cano.accounts.selectors import user_is_staff_member
from cano.hooks import CalendarEvent

from .models import (
    Case,
    CaseDocument,
    Contribution,
    IntervisionGroup,
    Lesson,
    Meeting,
    NotificationFrequency,
    NotificationPreference,
    PendingUpload,
)


def group_ids_for_user(user) -> list[int]:
    """Ids of the groups the user belongs to, as member or facilitator."""
    if not user_is_staff_member(user):
        return []
    if not hasattr(user, "_intervision_group_ids"):
        user._intervision_group_ids = list(
            IntervisionGroup.objects.filter(Q(members=user) | Q(facilitators=user))
            .values_list("pk", flat=True)
            .distinct()
        )
    return user._intervision_group_ids


def groups_for_user(user):
    return IntervisionGroup.objects.filter(pk__in=group_ids_for_user(user)).order_by("name")


def group_get_for_user(*, user, slug: str) -> IntervisionGroup:
    try:
        return groups_for_user(user).get(slug=slug)
    except IntervisionGroup.DoesNotExist:
        raise Http404 from None


def user_facilitates_group(*, user, group: IntervisionGroup) -> bool:
    if group.pk not in group_ids_for_user(user):
        return False
    # Kept on the user for the request: a case page asks for several of its permissions.
    if not hasattr(user, "_intervision_facilitated_group_ids"):
        user._intervision_facilitated_group_ids = set(
            user.facilitated_intervision_groups.values_list("pk", flat=True)
        )
    return group.pk in user._intervision_facilitated_group_ids


def cases_visible_to(user):
    """The cases the user may see: plain field filters, so the search index can apply them."""
    return Case.objects.filter(group_id__in=group_ids_for_user(user))


def case_get_for_user(*, user, pk) -> Case:
    """The case, or Http404 for anyone outside its group (never 403: that would confirm it exists)."""
    try:
        return (
            cases_visible_to(user).select_related("group", "author", "method", "meeting").get(pk=pk)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_document_get_for_user(*, user, case_pk, document_pk) -> CaseDocument:
    case = case_get_for_user(user=user, pk=case_pk)
    try:
        return case.documents.get(pk=document_pk)
    except (CaseDocument.DoesNotExist, ValueError):
        raise Http404 from None


def pending_uploads_for(*, user, submission_token):
    """The documents this member chose on the form with this token while it kept coming back."""
    if submission_token is None or not getattr(user, "is_authenticated", False):
        return PendingUpload.objects.none()
    return PendingUpload.objects.filter(owner=user, submission_token=submission_token)


def pending_upload_lifetime() -> timedelta:
    """How long a document of a form that was never posted is kept (default a day)."""
    return timedelta(hours=int(getattr(settings, "INTERVISION_PENDING_UPLOAD_HOURS", 24)))


def retention_months() -> int:
    """Months a closed case is kept before the purge erases it (INTERVISION_RETENTION_MONTHS)."""
    return int(getattr(settings, "INTERVISION_RETENTION_MONTHS", 12))


def months_shift(moment: datetime, months: int) -> datetime:
    """The same day `months` later (or earlier); the month's last day when it has no such day."""
    year, month = divmod(moment.month - 1 + months, 12)
    year += moment.year
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def case_erased_after(case: Case) -> datetime | None:
    """When a closed case becomes due for erasure: the daily purge removes it after this moment."""
    if not case.is_closed or case.closed_at is None:
        return None
    return months_shift(case.closed_at, retention_months())


def contributions_visible_to(user):
    """Contributions the user finds in search: their groups' replies that are not hidden."""
    return Contribution.objects.filter(group_id__in=group_ids_for_user(user), is_hidden=False)


def lessons_visible_to(user):
    """Published lessons learned: every staff member reads them, nobody else."""
    if not user_is_staff_member(user):
        return Lesson.objects.none()
    return Lesson.objects.filter(is_published=True)


def lesson_get_for_user(*, user, pk) -> Lesson:
    try:
        return lessons_visible_to(user).select_related("group").get(pk=pk)
    except (Lesson.DoesNotExist, ValueError):
        raise Http404 from None


def user_can_edit_case(*, user, case: Case) -> bool:
    """The poster edits until the case is discussed."""
    return (
        case.author_id == user.pk
        and case.status == Case.Status.PREPARING
        and case.group_id in group_ids_for_user(user)
    )


def user_can_mark_discussed(*, user, case: Case) -> bool:
    if case.status != Case.Status.PREPARING:
        return False
    return case.author_id == user.pk or user_facilitates_group(user=user, group=case.group)


def user_can_close_case(*, user, case: Case) -> bool:
    if case.status != Case.Status.DISCUSSED:
        return False
    return case.author_id == user.pk or user_facilitates_group(user=user, group=case.group)


def user_can_contribute(*, user, case: Case) -> bool:
    return case.status != Case.Status.CLOSED and case.group_id in group_ids_for_user(user)


def contribution_edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "INTERVISION_CONTRIBUTION_EDIT_MINUTES", 30))


def user_can_edit_contribution(*, user, contribution: Contribution) -> bool:
    """Authors edit their own reply for a while, while it is visible and the case open."""
    return (
        contribution.author_id == user.pk
        and not contribution.is_hidden
        and contribution.case.status != Case.Status.CLOSED
        and timezone.now() - contribution.created_at <= contribution_edit_window()
        and contribution.group_id in group_ids_for_user(user)
    )


def contribution_get_for_user(*, user, pk) -> Contribution:
    try:
        return (
            Contribution.objects.filter(group_id__in=group_ids_for_user(user))
            .select_related("case", "case__group", "author", "phase")
            .get(pk=pk)
        )
    except (Contribution.DoesNotExist, ValueError):
        raise Http404 from None


def case_discussion(*, user: User, case: Case) -> list[dict]:
    """The discussion grouped by the method's phases, in phase order, replies in posting order.

    Hidden replies are shown to the group's facilitators only (with the reason).
    """
    is_facilitator = user_facilitates_group(user=user, group=case.group)
    contributions = case.contributions.select_related("author", "phase").prefetch_related(
        "moderations"
    )
    if not is_facilitator:
        contributions = contributions.filter(is_hidden=False)
    phases = list(case.method.phases.all()) if case.method else []
    by_phase: dict[int, list[Contribution]] = {phase.pk: [] for phase in phases}
    other: list[Contribution] = []
    for contribution in contributions:
        if contribution.phase_id in by_phase:
            by_phase[contribution.phase_id].append(contribution)
        else:
            other.append(contribution)
    sections = [{"phase": phase, "contributions": by_phase[phase.pk]} for phase in phases]
    if other:
        sections.append({"phase": None, "contributions": other})
    return sections


def group_overview_for_user(user):
    """The user's groups with their next meeting and open cases, for 'Mijn intervisie'."""
    upcoming = Meeting.objects.upcoming()
    if not user_is_staff_member(user):
        return IntervisionGroup.objects.none()
    # The user's groups as a subquery: one query fewer than `groups_for_user`'s list of ids.
    own = IntervisionGroup.objects.filter(Q(members=user) | Q(facilitators=user)).values("pk")
    return (
        IntervisionGroup.objects.filter(pk__in=own)
        .order_by("name")
        .prefetch_related(Prefetch("meetings", queryset=upcoming, to_attr="upcoming_meetings"))
        .annotate(open_cases=Count("cases", filter=~Q(cases__status=Case.Status.CLOSED)))
    )


def notification_frequency_for(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.frequency if preference else NotificationFrequency.IMMEDIATE


def dashboard_section(*, user):
    """This app's block on the staff dashboard: own groups, open cases and recent lessons."""
    if not user_is_staff_member(user):
        return None
    groups = list(group_overview_for_user(user))
    return {
        "title": gettext("Mijn intervisie"),
        "template": "intervision/dashboard_section.html",
        "groups": groups,
        "lessons": list(lessons_visible_to(user)[:3]),
    }


def meeting_calendar_event(meeting: Meeting) -> CalendarEvent:
    """A meeting for a calendar: when and where, and the group's name, which every member sees;
    nothing of the cases discussed."""
    return CalendarEvent(
        uid=f"intervisie-bijeenkomst-{meeting.pk}@cano-vlaanderen",
        summary=gettext("Intervisie: %(group)s") % {"group": meeting.group.name},
        starts_at=(
            timezone.make_aware(datetime.combine(meeting.date, meeting.start_time))
            if meeting.start_time
            else meeting.date
        ),
        location=meeting.place or meeting.online_url,
        url=meeting.group.get_absolute_url(),
    )


def meeting_calendar_events(*, user) -> list[CalendarEvent]:
    """The meetings of the user's groups, for their personal calendar."""
    meetings = (
        Meeting.objects.filter(group__in=group_ids_for_user(user))
        .select_related("group")
        .order_by("date", "start_time")
    )
    return [meeting_calendar_event(meeting) for meeting in meetings]
