"""Named receivers: what creating and publishing a shared page type puts into effect."""

from django.db.models.signals import post_save

from wagtail.signals import page_published

from .models import StaffAreaPage
from .privacy import page_restrict_to_staff


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


def connect() -> None:
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
