"""Named receivers: what publishing a study day puts into effect.

Only publishing does: a draft (a new page saved as draft, or changes not yet published) has no
workshops to register for, promotes nobody from the waiting list and mails nobody; the live
day keeps its programme, places and audience until the draft is published.
"""

from wagtail.signals import page_published

from .models import StudyDayPage
from .services import study_day_fill_from_waiting_list, study_day_sync_visibility, workshops_sync


def study_day_published(sender, instance, **kwargs):
    """Publishing may change the audience, the programme and the places: apply all three."""
    study_day_sync_visibility(study_day=instance)
    workshops_sync(study_day=instance)
    # A raised capacity or a larger workshop gives the waiting list its places (and mails them).
    study_day_fill_from_waiting_list(study_day=instance)


def connect() -> None:
    # Sent by every way of publishing: the admin, scheduled publishing and `revision.publish()`.
    page_published.connect(
        study_day_published, sender=StudyDayPage, dispatch_uid="studydays.study_day_published"
    )
