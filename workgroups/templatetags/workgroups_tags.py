from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from cano.files.selectors import collection_is_restricted
from workgroups.forms import sanitise_update_body

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


@register.filter
def update_html(body):
    """An update's body, sanitised again on the way out: the admin can edit it as raw text."""
    return mark_safe(sanitise_update_body(body))  # noqa: S308 - nh3 output
