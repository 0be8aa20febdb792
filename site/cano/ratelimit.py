"""A counter per key and time window: the one mechanism behind every rate limit.

Each hit must be counted exactly once however many workers count at the same moment, or a limit
of 10 lets 11 through. With Redis as the cache (``REDIS_URL``) the counter lives there: ``add``
is SET NX with the expiry, so the window starts once, and django-redis' ``incr`` is one atomic
script that never recreates an expired key without its expiry. Without Redis it is one row per
key, counted by a single INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement, which
PostgreSQL and SQLite both run atomically.
"""

import logging
from datetime import timedelta

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.utils import timezone

from .models import RateLimitCounter

logger = logging.getLogger(__name__)


def counter_hit(key: str, *, window: int) -> int:
    """Count one hit on ``key``; return the number of hits in the current window (1 on the first).

    When Redis cannot be reached the hit is not counted (0 is returned): a rate limit that is
    briefly off is better than a site that answers 500 to everyone.
    """
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        try:
            return _redis_hit(cache, key, window=window)
        except (ConnectionInterrupted, RedisError):
            logger.error("Rate-limit counter unavailable: Redis did not answer.")
            return 0
    return _database_hit(key, window=window)


def counter_release(key: str) -> None:
    """Give back a hit the caller counted on ``key`` (an attempt that turned out to cost nothing).

    Only a window still running is counted down; an ended one is not recreated (django-redis'
    ``decr`` is the script ``incr`` is).
    """
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        try:
            cache.decr(key)
        except ValueError:  # the window ended: nothing to give back
            pass
        except (ConnectionInterrupted, RedisError):
            logger.error("Rate-limit counter unavailable: Redis did not answer.")
        return
    RateLimitCounter.objects.filter(key=key, count__gt=0, expires_at__gt=timezone.now()).update(
        count=F("count") - 1
    )


def _redis_hit(cache: RedisCache, key: str, *, window: int) -> int:
    while True:
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr(): this hit opens the next window
            continue


# Every right-hand side reads the row as it was before this statement, so an expired window
# restarts at 1 with a new expiry and a live one only counts up.
UPSERT_SQL = """
    INSERT INTO cano_rate_limit_counter (key, count, expires_at) VALUES (%s, 1, %s)
    ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN cano_rate_limit_counter.expires_at <= %s
            THEN 1 ELSE cano_rate_limit_counter.count + 1 END,
        expires_at = CASE WHEN cano_rate_limit_counter.expires_at <= %s
            THEN excluded.expires_at ELSE cano_rate_limit_counter.expires_at END
    RETURNING count
"""


def _database_hit(key: str, *, window: int) -> int:
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT_SQL, [key, adapt(now + timedelta(seconds=window)), adapt(now), adapt(now)]
        )
        count = cursor.fetchone()[0]
    if count == 1:
        # A new window is a good moment to drop windows that ended, so the table stays small.
        RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    return count
