from django import template

from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/subscribe_form_body.html", takes_context=True)
def newsletter_subscribe_form(context, compact=False, form=None):
    """The subscription form, ready to use on any page (the home page, the archive)."""
    return {
        "form": form or SubscribeForm(auto_id="id_nl_%s" if compact else "id_%s"),
        "compact": compact,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("newsletter/includes/feed_links.html")
def newsletter_feed_links():
    """<link rel="alternate"> tags so browsers and feed readers discover the feeds."""
    return {}
