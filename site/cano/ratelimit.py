"""A cache counter per key and time window: the one mechanism behind every rate limit."""

from django.core.cache import cache


def counter_hit(key: str, *, window: int) -> int:
    """Count one hit on ``key``; return the number of hits in the current window (1 on the first)."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1
