"""Staff-only pages: one Wagtail view restriction to the staff groups, used by every page type."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from cano.accounts.selectors import STAFF_GROUPS


def page_restrict_to_staff(page) -> None:
    """Make the page (and its subtree) visible to staff only; idempotent."""
    groups = list(Group.objects.filter(name__in=STAFF_GROUPS))
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set(groups)


def page_unrestrict(page) -> None:
    PageViewRestriction.objects.filter(page=page).delete()


def page_is_staff_only(page) -> bool:
    return page.get_view_restrictions().exists()
