from django import template
from django.urls import reverse

from cano.files.selectors import collection_is_restricted

register = template.Library()


@register.inclusion_tag("workgroups/includes/image.html")
def module_image(image, filter_spec, alt=""):
    """An <img> for a module image; staff-only images go through the view that checks the login."""
    if collection_is_restricted(image.collection):
        return {
            "src": reverse("workgroups:protected_image", args=[image.pk, filter_spec]),
            "alt": alt,
            "width": None,
            "height": None,
        }
    rendition = image.get_rendition(filter_spec)
    return {"src": rendition.url, "alt": alt, "width": rendition.width, "height": rendition.height}


@register.simple_tag
def subpage_url(page, name, *args):
    """The URL of one of a routable page's sub-routes."""
    return page.url + page.reverse_subpage(name, args=args or None)
