from django.conf import settings

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
