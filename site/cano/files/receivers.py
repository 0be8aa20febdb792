"""Named receivers: a change of an image's collection, or of a collection's place or restriction,
moves the renditions to the folder their privacy asks for."""

from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .services import (
    collection_renditions_relocate,
    image_renditions_relocate,
    renditions_relocate_on_commit,
)


def image_saved_relocate_renditions(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    renditions_relocate_on_commit(
        image_renditions_relocate, images=sender.objects.filter(pk=instance.pk)
    )


def collection_saved_relocate_renditions(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    renditions_relocate_on_commit(collection_renditions_relocate, collection_id=instance.pk)


def restriction_changed_relocate_renditions(sender, instance, raw=False, **kwargs):
    if raw:
        return
    renditions_relocate_on_commit(
        collection_renditions_relocate, collection_id=instance.collection_id
    )


def connect() -> None:
    post_save.connect(
        image_saved_relocate_renditions,
        sender=get_image_model(),
        dispatch_uid="cano.files.image_saved",
    )
    post_save.connect(
        collection_saved_relocate_renditions,
        sender=Collection,
        dispatch_uid="cano.files.collection_saved",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed_relocate_renditions,
            sender=CollectionViewRestriction,
            dispatch_uid=f"cano.files.restriction_{signal is post_save}",
        )
