"""Who may see an image: the one rule for staff-only collections, used by storage, views and tags."""

from pathlib import PurePosixPath

from wagtail.images import get_image_model
from wagtail.models import Collection

from cano.accounts.selectors import user_is_staff_member

# Wagtail keeps rendition file names under 60 characters by cutting the original's stem; a name
# made unique by the storage gains "_" and seven characters.
RENDITION_NAME_LIMIT = 60
UNIQUE_SUFFIX_LENGTH = 8


def collection_is_restricted(collection: Collection | None) -> bool:
    """True when the collection (or one above it) has a view restriction."""
    return collection is not None and collection.get_view_restrictions().exists()


def image_is_private(image) -> bool:
    return collection_is_restricted(image.collection)


def image_visible_to(*, image, user) -> bool:
    """Anyone may see an image in a public collection; a restricted one needs the staff groups."""
    return not image_is_private(image) or user_is_staff_member(user)


def _rendition_comes_from(rendition_name: str, original_stem: str) -> bool:
    if rendition_name.startswith(original_stem + "."):
        return True
    if len(rendition_name) not in (
        RENDITION_NAME_LIMIT,
        RENDITION_NAME_LIMIT + UNIQUE_SUFFIX_LENGTH,
    ):
        return False
    return any(
        char == "."
        and 0 < index < len(original_stem)
        and original_stem.startswith(rendition_name[:index])
        for index, char in enumerate(rendition_name)
    )


def rendition_file_is_public(name: str) -> bool:
    """Whether a rendition file about to be written belongs to public images only.

    The storage is handed a file name, not the rendition, so the image is found from the name
    Wagtail derives from the original's. An unknown or ambiguous name counts as private: at worst a
    public rendition is served through the permission-checked view instead of by the proxy.
    """
    basename = PurePosixPath(name).name
    stem = basename.split(".", 1)[0]
    candidates = (
        get_image_model()
        .objects.filter(file__startswith=f"original_images/{stem}")
        .select_related("collection")
    )
    sources = [
        image
        for image in candidates
        if _rendition_comes_from(basename, PurePosixPath(image.file.name).stem)
    ]
    return bool(sources) and not any(image_is_private(image) for image in sources)


def rendition_by_file_name(name: str):
    """The rendition stored under this name, with its image and collection, or None."""
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model.objects.select_related("image__collection").filter(file=name).first()
