"""Login throttling: repeated failures for one address or from one IP lock further attempts."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from cano.ratelimit import counter_hit


def _keys(*, email: str, ip: str) -> list[str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [f"login-fail:email:{digest}", f"login-fail:ip:{ip}"]


def login_is_locked(*, email: str, ip: str) -> bool:
    limit_email = settings.LOGIN_FAILURE_LIMIT
    # One IP may serve a whole office behind NAT, so it gets more room than one address.
    limit_ip = settings.LOGIN_FAILURE_LIMIT * 4
    email_key, ip_key = _keys(email=email, ip=ip)
    return cache.get(email_key, 0) >= limit_email or cache.get(ip_key, 0) >= limit_ip


def login_failure_record(*, email: str, ip: str) -> None:
    for key in _keys(email=email, ip=ip):
        counter_hit(key, window=settings.LOGIN_FAILURE_WINDOW)


def login_failures_clear(*, email: str) -> None:
    cache.delete(_keys(email=email, ip="")[0])
