"""Named receivers: what publishing a CANOklas module or a workgroup page puts into effect.

Only publishing does: a draft leaves the live page's visibility and search entry as they are.
"""

from wagtail.search import index
from wagtail.signals import page_published

from .models import ModulePage, WorkgroupPage
from .services import module_sync_visibility


def module_published_sync_visibility(sender, instance, **kwargs):
    module_sync_visibility(module=instance)


def workgroup_published_reindex(sender, instance, **kwargs):
    """Index the page again with its documents' titles.

    The index entry is written on `post_save`, before the document rows are saved.
    """
    index.insert_or_update_object(instance)


def connect() -> None:
    # Sent by every way of publishing: the admin, scheduled publishing and `revision.publish()`.
    page_published.connect(
        module_published_sync_visibility,
        sender=ModulePage,
        dispatch_uid="workgroups.module_published",
    )
    page_published.connect(
        workgroup_published_reindex,
        sender=WorkgroupPage,
        dispatch_uid="workgroups.workgroup_published",
    )
