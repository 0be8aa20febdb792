"""Permission-aware reads for workgroups, projects and CANOklas modules."""

from taggit.models import Tag

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from cano.accounts.selectors import user_is_editor, user_is_staff_member
from cano.home.selectors import pages_visible_to
from cano.hooks import CalendarEvent

from .models import (
    ModulePage,
    ProjectPage,
    Theme,
    WorkgroupMeeting,
    WorkgroupMembership,
    WorkgroupPage,
    WorkgroupUpdate,
)

UPDATES_PER_PAGE = 10
MODULES_PER_PAGE = 12


def workgroups_listed(*, index, user) -> QuerySet:
    """The workgroups under an index page that the user may open, with their theme."""
    queryset = WorkgroupPage.objects.child_of(index).select_related("theme").order_by("title")
    return pages_visible_to(user, queryset)


def workgroups_of(*, user) -> QuerySet:
    """The workgroups the user is a member of and may open."""
    if not user_is_staff_member(user):
        return WorkgroupPage.objects.none()
    own = WorkgroupPage.objects.filter(memberships__user=user)
    return pages_visible_to(user, own).order_by("title")


def workgroup_is_member(*, workgroup: WorkgroupPage, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return WorkgroupMembership.objects.filter(workgroup=workgroup, user=user).exists()


def workgroup_members(*, workgroup: WorkgroupPage) -> QuerySet:
    return (
        WorkgroupMembership.objects.filter(workgroup=workgroup, user__is_active=True)
        .select_related("user", "user__organisation")
        .order_by("user__first_name", "user__last_name")
    )


def workgroup_updates_visible_to(user) -> QuerySet:
    """Updates are for staff: every staff member may read the updates of live workgroups.

    Plain field filters only, so the search backend applies the same rule inside the index.
    """
    if not user_is_staff_member(user):
        return WorkgroupUpdate.objects.none()
    # Unordered: ordered by path, the database walks every page of the site to find the few
    # workgroups (11 ms per search at 50,000 pages instead of 0.1).
    live_ids = list(
        pages_visible_to(user, WorkgroupPage.objects.all()).order_by().values_list("pk", flat=True)
    )
    return WorkgroupUpdate.objects.filter(workgroup_id__in=live_ids)


def workgroup_updates_page(*, workgroup: WorkgroupPage, user, page_number) -> PaginatorPage:
    """One page of a workgroup's updates, newest first."""
    updates = (
        workgroup_updates_visible_to(user)
        .filter(workgroup=workgroup)
        .select_related("author", "author__organisation")
    )
    return Paginator(updates, UPDATES_PER_PAGE).get_page(page_number)


def update_can_edit(*, update: WorkgroupUpdate, user) -> bool:
    """Authors edit and delete their own updates (while still members); editors moderate all."""
    if not user_is_staff_member(user):
        return False
    if user_is_editor(user):
        return True
    return update.author_id == user.pk and workgroup_is_member(
        workgroup=update.workgroup, user=user
    )


def projects_filtered(*, user, index=None, theme: str = "", status: str = "") -> QuerySet:
    """The projects a user may see, optionally under one index page, by theme slug and status."""
    queryset = ProjectPage.objects.select_related("theme").order_by("-start_date", "title")
    if index is not None:
        queryset = queryset.child_of(index)
    if theme:
        queryset = queryset.filter(theme__slug=theme)
    if status:
        queryset = queryset.filter(status=status)
    return pages_visible_to(user, queryset)


def projects_of_workgroup(*, workgroup: WorkgroupPage, user) -> QuerySet:
    return pages_visible_to(user, ProjectPage.objects.filter(workgroups=workgroup)).order_by(
        "title"
    )


def modules_visible_to(*, user, index=None) -> QuerySet:
    """CANOklas modules the user may open: public ones for everyone, all of them for staff."""
    queryset = ModulePage.objects.all()
    if index is not None:
        queryset = queryset.child_of(index)
    return pages_visible_to(user, queryset)


def modules_filtered(*, user, index=None, tag: str = "", level: str = "") -> QuerySet:
    queryset = modules_visible_to(user=user, index=index)
    if tag:
        queryset = queryset.filter(tags__slug=tag)
    if level:
        queryset = queryset.filter(level=level)
    return queryset.prefetch_related("tags").order_by("title").distinct()


def modules_newest(*, user, limit: int = 5) -> list:
    return list(modules_visible_to(user=user).order_by("-first_published_at", "-pk")[:limit])


def module_tags(*, user, index=None) -> list:
    """The tags in use on modules the user may see, with how often, by name."""
    module_ids = modules_visible_to(user=user, index=index).values("pk")
    tags = Tag.objects.filter(
        workgroups_modulepagetag_items__content_object__in=module_ids
    ).distinct()
    return list(tags.order_by("name"))


def modules_related(*, module: ModulePage, user) -> list:
    ids = [item.module_id for item in module.related_modules.all()]
    visible = modules_visible_to(user=user).filter(pk__in=ids)
    order = {pk: position for position, pk in enumerate(ids)}
    return sorted(visible, key=lambda page: order[page.pk])


def workgroup_page_context(*, workgroup: WorkgroupPage, user, page_number) -> dict:
    """What a workgroup page shows the user: membership, members, one page of updates, projects."""
    updates = workgroup_updates_page(workgroup=workgroup, user=user, page_number=page_number)
    for update in updates:
        update.can_edit = update_can_edit(update=update, user=user)
    return {
        "is_member": workgroup_is_member(workgroup=workgroup, user=user),
        "members": workgroup_members(workgroup=workgroup),
        "updates": updates,
        "projects": projects_of_workgroup(workgroup=workgroup, user=user),
        "is_editor": user_is_editor(user),
    }


def project_index_context(*, index, user, theme: str, status: str) -> dict:
    """The project overview under an index page, filtered by theme slug and a known status."""
    theme = theme[:100]
    status = status[:20]
    if status not in ProjectPage.Status.values:
        status = ""
    return {
        "projects": projects_filtered(user=user, index=index, theme=theme, status=status),
        "themes": Theme.objects.filter(projects__isnull=False).distinct(),
        "statuses": ProjectPage.Status.choices,
        "selected_theme": theme,
        "selected_status": status,
    }


def canoklas_overview_context(*, index, user, tag_slug: str, level: str, page_number) -> dict:
    """One page of CANOklas modules, by tag and known level; ``selected_tag`` is None for an
    unknown tag slug."""
    if level not in ModulePage.Level.values:
        level = ""
    tag_slug = tag_slug[:100]
    modules = modules_filtered(user=user, index=index, tag=tag_slug, level=level)
    return {
        "modules": Paginator(modules, MODULES_PER_PAGE).get_page(page_number),
        "tags": module_tags(user=user, index=index),
        "levels": ModulePage.Level.choices,
        "selected_tag": Tag.objects.filter(slug=tag_slug).first() if tag_slug else None,
        "selected_level": level,
        "is_staff_member": user_is_staff_member(user),
    }


def dashboard_section(*, user):
    """This app's block on the staff dashboard: my workgroups with their news, new modules."""
    if not user_is_staff_member(user):
        return None
    # One query for the latest three of every workgroup, not one per workgroup. Every staff
    # member reads the updates of a workgroup they may open (`workgroup_updates_visible_to`),
    # and `workgroups_of` holds only those.
    latest_updates = Prefetch(
        "updates",
        queryset=WorkgroupUpdate.objects.select_related("author")[:3],
        to_attr="latest_updates",
    )
    workgroups = list(workgroups_of(user=user).prefetch_related(latest_updates))
    return {
        "title": _("Werkgroepen en CANOklas"),
        "template": "workgroups/dashboard_section.html",
        "workgroups": workgroups,
        "modules": modules_newest(user=user),
    }


def account_section(*, user):
    """This app's block on the account page: the workgroups the member belongs to."""
    if not user_is_staff_member(user):
        return None
    return {
        "title": _("Mijn werkgroepen"),
        "template": "workgroups/account_section.html",
        "workgroups": list(workgroups_of(user=user)),
    }


def meeting_calendar_event(meeting: WorkgroupMeeting) -> CalendarEvent:
    return CalendarEvent(
        uid=f"werkgroep-vergadering-{meeting.pk}@cano-vlaanderen",
        summary=_("Werkgroep %(title)s") % {"title": meeting.page.title},
        starts_at=meeting.starts_at,
        location=meeting.location,
        url=meeting.page.url or "",
    )


def meeting_calendar_events(*, user) -> list[CalendarEvent]:
    """The meetings of the user's workgroups, for their personal calendar."""
    meetings = (
        WorkgroupMeeting.objects.filter(page__in=workgroups_of(user=user))
        .select_related("page")
        .order_by("starts_at")
    )
    return [meeting_calendar_event(meeting) for meeting in meetings]
