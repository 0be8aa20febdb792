"""Front-end views of workgroups outside the page tree: protected images."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.images import get_image_model

from cano.files.selectors import image_visible_to
from cano.files.serving import file_response

# Renditions the protected image view will make; anything else would let a visitor fill the disk.
PROTECTED_IMAGE_FILTERS = {"width-1000", "width-600", "fill-400x260"}


def protected_image_view(request, image_id, filter_spec):
    """A rendition of an image, refused when its collection is staff-only and the visitor is not."""
    if filter_spec not in PROTECTED_IMAGE_FILTERS:
        raise Http404
    image = get_object_or_404(get_image_model(), pk=image_id)
    if not image_visible_to(image=image, user=request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    rendition = image.get_rendition(filter_spec)
    return file_response(request, rendition.file, as_attachment=False, max_age=3600)
