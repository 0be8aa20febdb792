"""Move uploaded files that need a permission check out of MEDIA_ROOT into PRIVATE_MEDIA_ROOT.

Image and document originals and workgroup attachments move; so do the renditions of images in a
restricted collection. Stored names stay as they are: the storages look in both folders. Safe to
run again, and a file that is already gone is skipped.
"""

from pathlib import Path

from django.conf import settings
from django.db import migrations

from cano.files.storage import file_move


def _names(apps):
    """Every stored name that belongs in the private folder."""
    document = apps.get_model("wagtaildocs", "Document")
    image = apps.get_model("wagtailimages", "Image")
    rendition = apps.get_model("wagtailimages", "Rendition")
    restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    update = apps.get_model("workgroups", "WorkgroupUpdate")

    yield from document.objects.exclude(file="").values_list("file", flat=True)
    yield from image.objects.exclude(file="").values_list("file", flat=True)
    yield from update.objects.exclude(attachment="").values_list("attachment", flat=True)
    restricted_paths = set(restriction.objects.values_list("collection__path", flat=True))
    for name, collection_path in rendition.objects.values_list("file", "image__collection__path"):
        if any(collection_path.startswith(path) for path in restricted_paths):
            yield name


def _move_all(apps, *, source_root, target_root):
    source_root, target_root = Path(source_root), Path(target_root)
    for name in _names(apps):
        try:
            file_move(source_root / name, target_root / name)
        except FileExistsError as error:
            # Two different files under one name: keep both and let the operator decide.
            print(f"\n  Niet verplaatst: {error}")


def files_to_private(apps, schema_editor):
    _move_all(apps, source_root=settings.MEDIA_ROOT, target_root=settings.PRIVATE_MEDIA_ROOT)


def files_to_media(apps, schema_editor):
    _move_all(apps, source_root=settings.PRIVATE_MEDIA_ROOT, target_root=settings.MEDIA_ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(files_to_private, files_to_media, elidable=True)]
