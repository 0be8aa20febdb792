"""Reads of the newsletter, with the visibility rules in one place."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cano.accounts.selectors import user_is_editor
from cano.home.selectors import pages_visible_to

from . import tokens
from .models import IssueSending, NewsletterIssuePage, Subscriber
from .services import sending_progress


def issues_published(*, parent=None):
    """Live issues the public may read, newest first (optionally those of one archive)."""
    queryset = NewsletterIssuePage.objects.all()
    if parent is not None:
        queryset = queryset.child_of(parent)
    queryset = pages_visible_to(AnonymousUser(), queryset)
    return queryset.order_by("-publication_date", "-number")


def newsletter_issue_latest():
    """The newest live newsletter issue, or None."""
    return issues_published().first()


def subscribers_visible_to(user):
    """Subscribers are personal data: editors see all of them, everyone else none."""
    if user_is_editor(user):
        return Subscriber.objects.all()
    return Subscriber.objects.none()


def dashboard_section(*, user):
    """For editors: the subscriber count and the progress of the latest sending."""
    if not user_is_editor(user):
        return None
    latest = IssueSending.objects.select_related("issue").order_by("-started_at").first()
    return {
        "title": _("Nieuwsbrief"),
        "template": "newsletter/dashboard_section.html",
        "confirmed_count": Subscriber.objects.confirmed().count(),
        "latest_sending": latest,
        "latest_progress": sending_progress(sending=latest) if latest else None,
    }


def account_section(*, user):
    """This app's block on the account page: whether the account's address gets the newsletter.

    The account holder owns the address, so the page may hand them the link to stop it that
    every issue e-mail also carries.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    subscriber = Subscriber.objects.filter(email__iexact=user.email).first()
    unsubscribe_url = None
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        token = tokens.token_make(subscriber=subscriber, purpose=tokens.UNSUBSCRIBE)
        unsubscribe_url = reverse("newsletter:unsubscribe", kwargs={"token": token})
    return {
        "title": _("CANOnieuwsbrief"),
        "template": "newsletter/account_section.html",
        "email": user.email,
        "subscriber": subscriber,
        "unsubscribe_url": unsubscribe_url,
    }
