import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cano.search.selectors import index_backlog

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health_view(request):
    """200 when the database answers, 503 when it does not; JSON for load balancers.

    A search index behind the database still answers 200: the site serves, and every server
    would report the same backlog, so taking one out of rotation would help nothing. Monitoring
    reads ``"search": "behind"``.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **_search_health()})


def _search_health():
    try:
        return index_backlog(max_age=settings.SEARCH_BACKLOG_MAX_AGE)
    except Exception:
        logger.exception("Health check: search index backlog unreadable")
        return {"search": "unknown"}


def page_not_found_view(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error_view(request):
    # Rendered without a request context: whatever broke may be in a context processor.
    return HttpResponseServerError(loader.render_to_string("500.html"))
