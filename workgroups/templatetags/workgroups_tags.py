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


@register.filter
def with_heading_levels(stream):
    """Each block of a module's body with the level a heading inside it takes (an exercise's):
    one below the last section heading before it, or h2 before any (the page title is the h1),
    so the page's outline skips no level."""
    level = 2
    for block in stream:
        yield block, level
        if block.block_type == "heading":
            level = 4 if block.value["level"] == "h3" else 3
