"""Who is who: the one place that answers whether an account counts as staff, editor or facilitator."""

import secrets

from .models import EDITORS_GROUP, FACILITATORS_GROUP, STAFF_GROUP, CalendarFeed, User

STAFF_GROUPS = (STAFF_GROUP, EDITORS_GROUP, FACILITATORS_GROUP)


def _group_names(user) -> set[str]:
    # Cached on the user object: a request asks several times. `all()`, not a query of its own:
    # the request's account comes with its groups (`cano.accounts.backends`).
    if not hasattr(user, "_cano_group_names"):
        user._cano_group_names = {group.name for group in user.groups.all()}
    return user._cano_group_names


def user_is_staff_member(user) -> bool:
    """A logged-in, active member of a CANO organisation's staff (medewerker) or above."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(_group_names(user) & set(STAFF_GROUPS))


def user_is_editor(user) -> bool:
    if not user_is_staff_member(user):
        return False
    return user.is_superuser or EDITORS_GROUP in _group_names(user)


def user_is_facilitator(user) -> bool:
    if not user_is_staff_member(user):
        return False
    return user.is_superuser or FACILITATORS_GROUP in _group_names(user)


# The part of a calendar key the database looks up by; the whole key is then compared in
# constant time.
CALENDAR_KEY_PREFIX = 8


def calendar_feed_user(*, key: str) -> User | None:
    """The active account whose calendar URL carries `key`, or None (unknown or revoked)."""
    if len(key) < CALENDAR_KEY_PREFIX * 2:
        return None
    candidates = CalendarFeed.objects.filter(
        key__startswith=key[:CALENDAR_KEY_PREFIX], user__is_active=True
    ).select_related("user")
    for feed in candidates:
        if secrets.compare_digest(feed.key.encode(), key.encode()):
            return feed.user
    return None


def calendar_feed_of(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def user_group_names(user) -> frozenset[str]:
    """The names of the user's groups (none for anonymous visitors), read once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(_group_names(user))
