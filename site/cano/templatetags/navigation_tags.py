from django import template

from cano.accounts.selectors import user_is_staff_member
from cano.home.selectors import menu_children_for, navigation_for

register = template.Library()


@register.inclusion_tag("navigation/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    navigation = navigation_for(request=request)
    items = [
        {**item, "active": request.path.startswith(item["url"] or "#")}
        for item in navigation["menu"]
    ]
    staff_items = [
        {**item, "active": request.path.startswith(item["url"] or "#")}
        for item in navigation["staff_menu"]
    ]
    return {
        "request": request,
        "items": items,
        "staff_items": staff_items,
        "user": request.user,
        "is_staff_member": user_is_staff_member(request.user),
        "staff_area_url": navigation["staff_area_url"],
    }


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    navigation = navigation_for(request=request)
    statements = navigation["statements"]
    statement_urls = {
        statements["contact_url"],
        statements["privacy_url"],
        statements["accessibility_url"],
    }
    return {
        "request": request,
        "statements": statements,
        "contact": statements["contact"],
        # The statements have their own links; other pages outside the menu follow them.
        "footer_pages": [
            page for page in navigation["footer"] if page["url"] not in statement_urls
        ],
        "newsletter_url": navigation["newsletter_url"],
        "study_days_url": navigation["study_days_url"],
    }


@register.simple_tag(takes_context=True)
def menu_children(context, page):
    """The page's children shown in menus that the visitor may open."""
    return menu_children_for(request=context["request"], page=page)
