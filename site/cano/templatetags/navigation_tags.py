from django import template

from wagtail.models import Page, Site

from cano.accounts.selectors import user_is_staff_member

register = template.Library()


@register.inclusion_tag("navigation/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        root = site.root_page
        menu_pages = Page.objects.child_of(root).live().in_menu().specific()
        if not user_is_staff_member(request.user):
            menu_pages = menu_pages.public()
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
        footer_pages = list(Page.objects.child_of(site.root_page).live().public().not_in_menu())
    return {"request": request, "footer_pages": footer_pages}
