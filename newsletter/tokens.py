"""Signed links for subscribers: confirm, unsubscribe and see-or-delete-my-data.

Each link carries the subscriber's id and `token_key`, signed with a purpose-specific salt and a
timestamp, so a link cannot be forged, reused for another purpose, or used after it expired or
after the subscription it belongs to was removed.
"""

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
UNSUBSCRIBE = "newsletter.unsubscribe"
DATA = "newsletter.data"

DAY = 60 * 60 * 24


def max_age(purpose: str) -> int:
    if purpose == CONFIRM:
        return getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 3 * DAY)
    # Unsubscribe and data links sit in every issue e-mail and must keep working for a while.
    return getattr(settings, "NEWSLETTER_LINK_MAX_AGE", 400 * DAY)


class TokenError(Exception):
    """The link is tampered with, expired, or belongs to no current subscription."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "unknown"


def token_make(*, subscriber, purpose: str) -> str:
    return signing.dumps({"s": subscriber.pk, "k": subscriber.token_key}, salt=purpose)


def token_read(*, token: str, purpose: str):
    """The subscriber the token was made for; raises TokenError otherwise."""
    if not token or len(token) > 300:
        raise TokenError("invalid")
    try:
        payload = signing.loads(token, salt=purpose, max_age=max_age(purpose))
    except signing.SignatureExpired as error:
        raise TokenError("expired") from error
    except signing.BadSignature as error:
        raise TokenError("invalid") from error
    if not isinstance(payload, dict):
        raise TokenError("invalid")
    subscriber = Subscriber.objects.filter(pk=payload.get("s"), token_key=payload.get("k")).first()
    if subscriber is None:
        raise TokenError("unknown")
    return subscriber
