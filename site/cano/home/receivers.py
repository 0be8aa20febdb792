"""Named receivers: what creating and publishing a shared page type puts into effect."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ContactSettings, StaffAreaPage, StatementPagesSettings
from .privacy import page_restrict_to_staff
from .selectors import (
    page_tree_cache_clear,
    page_tree_version_request_finished,
    page_tree_version_request_started,
)

# A save that touches only these (a draft's revision, a lock) leaves menus as they were.
FIELDS_MENUS_SHOW = {"title", "slug", "url_path", "live", "show_in_menus", "path", "depth"}


def staff_area_created_restrict(sender, instance, created, raw=False, **kwargs):
    """Unlike other pages, the staff area is restricted from the start, even as a draft.

    Wagtail serves a live page below a draft parent: what an editor publishes under a staff area
    that is not yet published must already be for staff only.
    """
    if created and not raw:
        page_restrict_to_staff(instance)


def staff_area_published_restrict(sender, instance, **kwargs):
    """The staff area and everything below it is for staff, whatever an editor changed."""
    page_restrict_to_staff(instance)


def page_tree_changed(sender, instance=None, update_fields=None, **kwargs):
    """A page, a view restriction or the footer's settings changed: cached menus are stale."""
    if not isinstance(
        instance, (Page, PageViewRestriction, ContactSettings, StatementPagesSettings)
    ):
        return
    if isinstance(instance, Page) and update_fields and not FIELDS_MENUS_SHOW & set(update_fields):
        return
    if isinstance(instance, (ContactSettings, StatementPagesSettings)) and kwargs.get("created"):
        # Wagtail creates a site's settings, empty, the first time a menu reads them: the menu
        # being built already holds what they say.
        return
    page_tree_cache_clear()


def request_started_read_page_tree_version(sender, **kwargs):
    """Each request reads the page tree's version once, so it sees another process's change."""
    page_tree_version_request_started()


def request_finished_forget_page_tree_version(sender, **kwargs):
    page_tree_version_request_finished()


def connect() -> None:
    request_started.connect(
        request_started_read_page_tree_version, dispatch_uid="cano.home.page_tree_request_started"
    )
    request_finished.connect(
        request_finished_forget_page_tree_version,
        dispatch_uid="cano.home.page_tree_request_finished",
    )
    # No sender: these are sent for the specific page class, whichever it is.
    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "saved": post_save,
    }.items():
        signal.connect(page_tree_changed, dispatch_uid=f"cano.home.page_tree_{name}")
    # Deleting a page of any type deletes its `Page` row. A receiver without a sender would
    # cost every model Django's fast bulk delete.
    for model in (Page, PageViewRestriction):
        post_delete.connect(
            page_tree_changed,
            sender=model,
            dispatch_uid=f"cano.home.page_tree_deleted_{model._meta.label_lower}",
        )
    m2m_changed.connect(
        page_tree_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="cano.home.page_tree_restriction_groups",
    )
    post_save.connect(
        staff_area_created_restrict,
        sender=StaffAreaPage,
        dispatch_uid="cano.home.staff_area_created",
    )
    # `page_published` is sent by every way of publishing: the admin, scheduled publishing and
    # `revision.publish()`.
    page_published.connect(
        staff_area_published_restrict,
        sender=StaffAreaPage,
        dispatch_uid="cano.home.staff_area_published",
    )
