"""Named receivers: a change of an image's collection or of a collection's restriction moves files."""

from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .services import image_renditions_relocate_on_commit


def image_saved_relocate_renditions(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    image_renditions_relocate_on_commit(images=sender.objects.filter(pk=instance.pk))


def restriction_changed_relocate_renditions(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # A restriction deleted along with its collection has no images left to move.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    images = get_image_model().objects.filter(collection__path__startswith=collection.path)
    image_renditions_relocate_on_commit(images=images)


def connect() -> None:
    post_save.connect(
        image_saved_relocate_renditions,
        sender=get_image_model(),
        dispatch_uid="cano.files.image_saved",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed_relocate_renditions,
            sender=CollectionViewRestriction,
            dispatch_uid=f"cano.files.restriction_{signal is post_save}",
        )
