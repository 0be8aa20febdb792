import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.template import loader

logger = logging.getLogger(__name__)

BODY_METHODS = {"POST", "PUT", "PATCH"}
TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)

# The public site runs no inline script or style attributes; the Wagtail admin brings its own
# inline scripts and keeps Wagtail's defaults.
PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy on every public response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(EXEMPT_PREFIXES) and not (
            settings.DEBUG and request.path.startswith("/__debug__/")
        ):
            response.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        return response


class RequestLimitsMiddleware:
    """Refuse input no view can use with a Dutch page and one log line, not a traceback.

    Django raises RequestDataTooBig, TooManyFieldsSent and TooManyFilesSent (the
    ``DATA_UPLOAD_MAX_*`` limits) where the body is first read, answers 400 and logs the
    traceback under ``django.security``. The body is read here first, so an oversized one is a
    413 and a logged line. An id too large for any database column that slipped past
    ``<id:...>`` and ``parse_id`` (Wagtail's own filters) is a 400 instead of a 500, and NUL
    characters are dropped from the query string before any view reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = _without_nul(request.GET)
        if request.method in BODY_METHODS:
            try:
                request.POST  # noqa: B018 - parses the body, which enforces Django's limits
            except TOO_MUCH as error:
                logger.warning(
                    "Request body refused (%s): %s %s, %s bytes",
                    type(error).__name__,
                    request.method,
                    request.path,
                    request.META.get("CONTENT_LENGTH") or "?",
                )
                return _refusal("413.html", 413)
            except MultiPartParserError as error:
                logger.warning(
                    "Unreadable form body (%s): %s %s", error, request.method, request.path
                )
                return _refusal("400.html", 400)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            logger.warning("Number out of range refused: %s %s", request.method, request.path)
            return _refusal("400.html", 400)
        return None


def _without_nul(params):
    """``params`` without NUL characters: no one types them, and PostgreSQL refuses them in
    any query (DataError), wherever a view passes a parameter on to the database."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def _refusal(template, status):
    return HttpResponse(loader.render_to_string(template), status=status)
