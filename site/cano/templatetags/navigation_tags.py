from django import template

from wagtail.models import Page, Site

from cano.accounts.selectors import user_is_staff_member
from cano.home.selectors import pages_visible_to

register = template.Library()


@register.inclusion_tag("navigation/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        root = site.root_page
        menu_pages = pages_visible_to(
            request.user, Page.objects.child_of(root).in_menu()
        ).specific()
        items = [
            {
                "title": page.title,
                "url": page.url,
                "active": request.path.startswith(page.url or "#"),
            }
            for page in menu_pages
        ]
    return {
        "request": request,
        "items": items,
        "user": request.user,
        "is_staff_member": user_is_staff_member(request.user),
    }


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    site = Site.find_for_request(request)
    footer_pages = []
    if site is not None:
        footer_pages = list(
            pages_visible_to(request.user, Page.objects.child_of(site.root_page).not_in_menu())
        )
    return {"request": request, "footer_pages": footer_pages}


@register.simple_tag(takes_context=True)
def menu_children(context, page):
    """The page's children shown in menus that the visitor may open."""
    return pages_visible_to(context["request"].user, page.get_children().in_menu())
