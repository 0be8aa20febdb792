"""The permission-checked address of renditions kept in the private folder."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .selectors import image_visible_to, rendition_by_file_name
from .serving import file_response

# Renditions change name when they change, so a visitor's browser may keep one for a day.
RENDITION_MAX_AGE = 60 * 60 * 24


def private_rendition_view(request, name):
    """A rendition of a staff-only image, by its stored name, for whoever may see the image."""
    rendition = rendition_by_file_name(name)
    if rendition is None:
        raise Http404
    if not image_visible_to(image=rendition.image, user=request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return file_response(request, rendition.file, as_attachment=False, max_age=RENDITION_MAX_AGE)
