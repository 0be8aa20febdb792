"""Named receivers: what publishing a shared page type puts into effect."""

from wagtail.signals import page_published

from .models import StaffAreaPage
from .privacy import page_restrict_to_staff


def staff_area_published_restrict(sender, instance, **kwargs):
    """The staff area and everything below it is for staff, whatever an editor changed."""
    page_restrict_to_staff(instance)


def connect() -> None:
    # `page_published` is sent by every way of publishing: the admin, scheduled publishing and
    # `revision.publish()`. A draft publishes nothing, so it changes no restriction.
    page_published.connect(
        staff_area_published_restrict,
        sender=StaffAreaPage,
        dispatch_uid="cano.home.staff_area_published",
    )
