"""The rate-limit counter: exact under parallel hits, on Redis and in the database."""

import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.core.cache import cache

from cano.ratelimit import counter_hit, counter_release

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


def hit_in_parallel(key, *, times, window=60):
    barrier = threading.Barrier(times)

    def worker(_):
        barrier.wait()
        return counter_hit(key, window=window)

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(worker, range(times)))


@pytest.fixture
def redis_cache(settings):
    """The shared Redis cache of production, in a key space of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield cache
    cache.delete_pattern("*")


@pytest.mark.django_db
def test_database_counter_counts_per_key_and_restarts_after_the_window():
    """Hits count up per key; once the window has passed the count starts again at 1."""
    assert [counter_hit("a", window=1) for _ in range(3)] == [1, 2, 3]
    assert counter_hit("b", window=1) == 1
    time.sleep(1.1)
    assert counter_hit("a", window=1) == 1


def test_redis_counter_is_exact_under_fifty_parallel_hits(redis_cache):
    """50 hits at once on Redis give each of the counts 1 to 50 exactly once."""
    counts = hit_in_parallel("burst", times=50)
    assert sorted(counts) == list(range(1, 51))
    assert sum(count <= 10 for count in counts) == 10


def test_redis_counter_window_expires(redis_cache):
    """The window set on the first hit is kept by later hits and then ends."""
    counter_hit("short", window=1)
    assert counter_hit("short", window=1) == 2
    assert 0 < redis_cache.ttl("short") <= 1
    time.sleep(1.2)
    assert counter_hit("short", window=1) == 1


def test_an_unreachable_redis_lets_requests_through(settings):
    """When Redis is down the hit is not counted, and no error reaches the visitor."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:8119/1",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    assert counter_hit("down", window=60) == 0


@pytest.mark.django_db
def test_database_counter_gives_back_a_released_hit_in_its_window_only():
    """A released hit is counted no more; a window that ended stays ended."""
    counter_hit("given-back", window=1)
    counter_hit("given-back", window=1)
    counter_release("given-back")
    assert counter_hit("given-back", window=1) == 2
    time.sleep(1.1)
    counter_release("given-back")
    assert counter_hit("given-back", window=1) == 1
    counter_release("never-counted")
    assert counter_hit("never-counted", window=1) == 1


def test_redis_counter_gives_back_a_released_hit_in_its_window_only(redis_cache):
    """On Redis too a released hit is counted no more, and an ended window is not recreated."""
    counter_hit("given-back", window=1)
    counter_hit("given-back", window=1)
    counter_release("given-back")
    assert counter_hit("given-back", window=1) == 2
    time.sleep(1.2)
    counter_release("given-back")
    assert redis_cache.get("given-back") is None
    assert counter_hit("given-back", window=1) == 1
