"""My agenda: the personal calendar feed and the account page that hands out its URL."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cano.client_address import client_address
from cano.hooks import calendar_events
from cano.ical import calendar_ics
from cano.ratelimit import counter_hit

from .selectors import calendar_feed_of, calendar_feed_user
from .services import calendar_feed_renew


def _feed_rate_limited(request) -> bool:
    """Count feed fetches per address: calendar apps poll every few hours, guessing keys does not."""
    limit = int(getattr(settings, "AGENDA_FEED_RATE_LIMIT", 60))
    window = int(getattr(settings, "AGENDA_FEED_RATE_WINDOW", 3600))
    return counter_hit(f"agenda-feed:{client_address(request)}", window=window) > limit


@never_cache
@require_safe
def agenda_feed_view(request, key: str):
    """The iCalendar feed a calendar app subscribes to: no login, the key in the URL is the pass."""
    if _feed_rate_limited(request):
        response = HttpResponse(
            _("Te veel aanvragen. Wacht even en probeer opnieuw."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    user = calendar_feed_user(key=key)
    if user is None:
        raise Http404
    body = calendar_ics(
        calendar_events(user=user),
        name=_("CANO Vlaanderen: mijn agenda"),
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_agenda_view(request):
    """Shows the user's calendar URL; a POST makes a new one and revokes the old."""
    if request.method == "POST":
        had_feed = calendar_feed_of(user=request.user) is not None
        calendar_feed_renew(user=request.user)
        if had_feed:
            messages.success(
                request, _("Je nieuwe agendalink is klaar. De vorige link werkt niet meer.")
            )
        else:
            messages.success(request, _("Je agendalink is klaar."))
        return redirect("account_agenda")
    feed = calendar_feed_of(user=request.user)
    context = {"feed_url": None, "webcal_url": None}
    if feed is not None:
        feed_url = request.build_absolute_uri(reverse("agenda_feed", args=[feed.key]))
        context = {
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        }
    return TemplateResponse(request, "accounts/agenda.html", context)
