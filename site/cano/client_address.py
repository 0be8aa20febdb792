"""The visitor's address: from the proxy's X-Forwarded-For only when the proxy is trusted.

Behind a reverse proxy every request's REMOTE_ADDR is the proxy itself, so rate limits and login
lockouts would treat all visitors as one. The proxy's header names the real client, but anyone can
send that header, so it is believed only when REMOTE_ADDR is in ``TRUSTED_PROXIES`` (CIDR networks,
``DJANGO_TRUSTED_PROXIES``). Then the header is read from the right, skipping trusted hops: the
first untrusted address is the client, because everything left of it was written by the client.

Hand-written rather than ipware: its trusted-proxy setting matches address prefixes as strings,
where ours are networks (``10.0.0.0/8``, ``fd00::/8``).
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from error


def trusted_proxy_networks() -> tuple[Network, ...]:
    """The configured trusted proxies; an entry that is not a network stops with a clear error."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _parse(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; one client, one key.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request) -> str:
    """The client's IP address as text; the proxy's header counts only from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _parse(remote)
    result = str(peer) if peer else remote
    networks = trusted_proxy_networks()
    if peer and networks and _trusted(peer, networks):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                # Our proxy writes valid addresses; garbage means the rest is the client's
                # own text, so the last address a trusted hop vouched for stands.
                break
            result = str(address)
            if not _trusted(address, networks):
                break
    return result
