"""Storages that keep private files out of MEDIA_ROOT.

`PrivateStorage` is a folder outside every publicly served one and has no URLs. `SplitStorage` puts
each new file in MEDIA_ROOT or in the private folder, and finds an existing file in whichever holds
it, so the stored names stay as they are when a file moves.
"""

import filecmp
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from .selectors import rendition_file_is_public

# Wagtail's folder for admin profile pictures: shown in the admin as plain media URLs.
PUBLIC_DEFAULT_FOLDERS = ("avatar_images/",)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files served only through views that check permission: no URL of their own."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # Wagtail's document view reads NotImplementedError as "serve it through me".
        raise NotImplementedError("Private files have no public URL.")


class SplitStorage(Storage):
    """New files go to MEDIA_ROOT only when `is_public(name)` says so; the rest stays private."""

    def __init__(self):
        self.public = FileSystemStorage()
        self.private = PrivateStorage()

    def is_public(self, name: str) -> bool:
        raise NotImplementedError

    def private_url(self, name: str) -> str:
        raise NotImplementedError("Private files have no public URL.")

    def holder(self, name: str) -> FileSystemStorage:
        """The storage that holds an existing file (private when neither does)."""
        return self.public if self.public.exists(name) else self.private

    def _open(self, name, mode="rb"):
        return self.holder(name)._open(name, mode)

    def _save(self, name, content):
        target = self.public if self.is_public(name) else self.private
        return target._save(name, content)

    def get_valid_name(self, name):
        return self.private.get_valid_name(name)

    def delete(self, name):
        self.public.delete(name)
        self.private.delete(name)

    def exists(self, name):
        return self.public.exists(name) or self.private.exists(name)

    def listdir(self, path):
        public_dirs, public_files = (
            self.public.listdir(path) if self.public.exists(path) else ([], [])
        )
        if not self.private.exists(path):
            return public_dirs, public_files
        private_dirs, private_files = self.private.listdir(path)
        return sorted({*public_dirs, *private_dirs}), sorted({*public_files, *private_files})

    def path(self, name):
        return self.holder(name).path(name)

    def size(self, name):
        return self.holder(name).size(name)

    def url(self, name):
        if self.public.exists(name):
            return self.public.url(name)
        return self.private_url(name)

    def get_accessed_time(self, name):
        return self.holder(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self.holder(name).get_created_time(name)

    def get_modified_time(self, name):
        return self.holder(name).get_modified_time(name)

    def move_to(self, name: str, *, public: bool) -> None:
        """Move a stored file to the folder it belongs in; a missing file is left missing."""
        source, target = (self.private, self.public) if public else (self.public, self.private)
        file_move(Path(source.path(name)), Path(target.path(name)))


class MediaStorage(SplitStorage):
    """The default storage: originals of images and documents, attachments; all of it private."""

    def is_public(self, name):
        return name.startswith(PUBLIC_DEFAULT_FOLDERS)


class RenditionStorage(SplitStorage):
    """Image renditions: public images' in MEDIA_ROOT for the proxy, staff-only ones private."""

    def is_public(self, name):
        return rendition_file_is_public(name)

    def private_url(self, name):
        return reverse("private_rendition", args=[name])


def file_move(source: Path, target: Path) -> bool:
    """Move one file, creating folders; False when there was nothing to move.

    Safe to repeat: a file already at its target is left alone, and a leftover copy at the source
    (from a move that was interrupted) is removed when it is the same file.
    """
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        if filecmp.cmp(source, target, shallow=False):
            source.unlink()
            return True
        raise FileExistsError(f"{target} already exists and differs from {source}")
    shutil.move(source, target)
    return True
