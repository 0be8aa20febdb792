from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cano.client_address import client_address
from cano.ratelimit import counter_hit

from .selectors import SearchOutcome, SearchUnavailable, site_autocomplete, site_search

AUTOCOMPLETE_LIMIT = 60  # requests per client per minute


def _page_number(raw) -> int:
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


@require_GET
def search_view(request):
    """The search page: one query across everything the visitor may see."""
    raw_query = request.GET.get("q", "")
    try:
        outcome = site_search(
            user=request.user,
            raw_query=raw_query,
            selected_type=request.GET.get("type", "")[:50],
            page=_page_number(request.GET.get("page")),
        )
    except SearchUnavailable:
        outcome = SearchOutcome(query=raw_query[:200])
        outcome.messages.append(
            _(
                "Zoeken lukt op dit moment niet. We zijn verwittigd; probeer het over enkele "
                "minuten opnieuw."
            )
        )
        return TemplateResponse(request, "search/search.html", {"outcome": outcome}, status=503)
    if raw_query.strip() and not outcome.query:
        outcome.messages.append(_("Typ een zoekterm met letters of cijfers."))
    return TemplateResponse(request, "search/search.html", {"outcome": outcome})


def _rate_limited(request) -> bool:
    key = f"autocomplete:{client_address(request)}"
    return counter_hit(key, window=60) > AUTOCOMPLETE_LIMIT


@never_cache
@require_GET
def autocomplete_view(request):
    """JSON suggestions for the search box: titles the visitor may open."""
    if _rate_limited(request):
        return JsonResponse(
            {"results": [], "error": _("Te veel aanvragen. Wacht even en probeer opnieuw.")},
            status=429,
        )
    try:
        results = site_autocomplete(user=request.user, raw_query=request.GET.get("q", ""))
    except Exception:  # the search page explains outages; the box just shows nothing
        results = []
    return JsonResponse({"results": results})
