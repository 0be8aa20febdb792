"""Writes on accounts."""

import secrets

from django.db import transaction
from django.utils import timezone

from .models import CalendarFeed, User


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the user a new calendar key; the URL with the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user)
    feed.key = secrets.token_urlsafe(32)
    feed.created_at = timezone.now()
    feed.full_clean()
    feed.save()
    return feed
