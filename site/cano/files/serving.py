"""Responses for files a view has already checked permission for."""

import mimetypes
import unicodedata
from pathlib import Path, PurePath

from django_sendfile import sendfile

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

DOWNLOAD_NAME_MAX = 150


def download_name(name: str, *, fallback: str = "bestand") -> str:
    """A file name safe for Content-Disposition: no folders, no control characters, not too long."""
    name = PurePath(str(name).replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    name = name.strip(" .")
    if len(name) > DOWNLOAD_NAME_MAX:
        suffix = Path(name).suffix[:10]
        name = name[: DOWNLOAD_NAME_MAX - len(suffix)] + suffix
    return name or fallback


def file_response(
    request,
    field_file,
    *,
    filename: str = "",
    as_attachment: bool = True,
    max_age: int | None = None,
):
    """Serve a stored file after a permission check: by the proxy when it may, else from Django.

    Files in PRIVATE_MEDIA_ROOT go through django-sendfile, so SENDFILE_BACKEND can hand them to
    the proxy (X-Accel-Redirect, X-Sendfile); anything else is streamed here.
    """
    try:
        path = Path(field_file.path).resolve()
    except (ValueError, NotImplementedError):
        raise Http404 from None
    if not path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    private_root = Path(settings.SENDFILE_ROOT).resolve()
    if path.is_relative_to(private_root):
        response = sendfile(request, path.relative_to(private_root), mimetype=content_type)
    else:
        response = FileResponse(path.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment, download_name(filename or path.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    if max_age is None:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, max_age=max_age)
    return response
