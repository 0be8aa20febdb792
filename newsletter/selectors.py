"""Reads of the newsletter, with the visibility rules in one place."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from cano.accounts.selectors import user_is_editor
from cano.home.selectors import pages_visible_to

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
