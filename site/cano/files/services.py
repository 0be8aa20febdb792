"""Keeping rendition files in the folder their image's privacy asks for."""

from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Collection

from .storage import SplitStorage


def _rendition_storage():
    return get_image_model().get_rendition_model()._meta.get_field("file").storage


def image_renditions_relocate(*, images) -> int:
    """Move the rendition files of these images to where they now belong; how many moved.

    An image moved into a staff-only collection (or a collection that became restricted) must not
    leave its renditions in the public folder under their predictable names, and the reverse move
    lets the proxy serve them again.
    """
    storage = _rendition_storage()
    if not isinstance(storage, SplitStorage):
        return 0
    moved = 0
    rendition_model = get_image_model().get_rendition_model()
    for name in rendition_model.objects.filter(image__in=images).values_list("file", flat=True):
        public = storage.is_public(name)
        if storage.public.exists(name) != public:
            storage.move_to(name, public=public)
            moved += 1
    return moved


def collection_renditions_relocate(*, collection_id: int) -> int:
    """Relocate the renditions of every image in a collection and the collections below it."""
    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:
        return 0
    images = get_image_model().objects.filter(collection__path__startswith=collection.path)
    return image_renditions_relocate(images=images)


def renditions_relocate_on_commit(relocate, **kwargs) -> None:
    """Run a relocation once the change that caused it is committed, so a rollback moves nothing.

    The admin moves a collection in the tree after saving it, in the same transaction, so what
    lies below which restriction is only known then.
    """
    transaction.on_commit(lambda: relocate(**kwargs))
