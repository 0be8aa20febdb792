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
    return {
        "request": request,
        "items": items,
        "user": request.user,
        "is_staff_member": user_is_staff_member(request.user),
        "staff_area_url": navigation["staff_area_url"],
    }


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    navigation = navigation_for(request=request)
    return {
        "request": request,
        "footer_pages": navigation["footer"],
        "newsletter_url": navigation["newsletter_url"],
        "study_days_url": navigation["study_days_url"],
    }


@register.simple_tag(takes_context=True)
def menu_children(context, page):
    """The page's children shown in menus that the visitor may open."""
    return menu_children_for(request=context["request"], page=page)
