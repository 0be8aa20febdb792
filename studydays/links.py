"""Personal links: signed, unguessable and expiring, so a registrant needs no account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .models import Registration

SALT = "studydays.registration-link"


class LinkInvalid(Exception):
    message = _("Deze link is ongeldig. Gebruik de link uit je meest recente e-mail.")


class LinkExpired(LinkInvalid):
    message = _(
        "Deze link is verlopen. Neem contact op met CANO Vlaanderen als je hulp nodig hebt."
    )


def link_max_age() -> int:
    # A year by default: long enough to reach past the day, short enough to go stale.
    return int(getattr(settings, "STUDYDAYS_LINK_MAX_AGE", 60 * 60 * 24 * 365))


def registration_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "k": registration.link_key}, salt=SALT)


def registration_url(registration) -> str:
    path = reverse("studydays:registration", kwargs={"token": registration_token(registration)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def registration_from_token(token: str):
    """The registration a token points to; LinkExpired / LinkInvalid otherwise."""
    if not token or len(token) > 500:
        raise LinkInvalid
    try:
        payload = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict):
        raise LinkInvalid
    registration = Registration.objects.filter(pk=payload.get("r")).select_related("study_day")
    registration = registration.first()
    if registration is None or not constant_time_compare(
        registration.link_key, str(payload.get("k", ""))
    ):
        raise LinkInvalid
    return registration
