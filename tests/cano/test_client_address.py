import pytest

from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from cano.client_address import client_address

PROXY = "10.0.0.1"


def request_from(remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_header_is_ignored_when_no_proxy_is_trusted(settings):
    """With DJANGO_TRUSTED_PROXIES empty (the default) the socket address is the client."""
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from(PROXY, "203.0.113.5")) == PROXY


def test_spoofed_header_from_an_untrusted_address_is_ignored(settings):
    """A visitor who sends X-Forwarded-For himself keeps his own address."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(request_from("198.51.100.7", "203.0.113.5")) == "198.51.100.7"


def test_trusted_proxy_names_the_rightmost_untrusted_hop(settings):
    """Behind a trusted proxy the client is the hop the proxy saw, not what the client wrote."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = request_from(PROXY, "6.6.6.6, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"


def test_a_chain_of_trusted_proxies_is_skipped(settings):
    """A load balancer in front of the proxy is passed over when it is trusted too."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.168.0.0/16"]
    request = request_from(PROXY, "203.0.113.5, 192.168.4.4")
    assert client_address(request) == "203.0.113.5"


@pytest.mark.parametrize("header", ["", "   ", "niet-een-adres", "1.2.3.4:80", "\x00" * 50])
def test_a_garbled_header_from_the_proxy_falls_back_to_the_proxy(settings, header):
    """An empty or unreadable header never raises; the proxy's own address is used."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(request_from(PROXY, header)) == PROXY


def test_ipv4_clients_on_a_dual_stack_socket_count_as_one(settings):
    """::ffff:203.0.113.5 and 203.0.113.5 are the same client."""
    settings.TRUSTED_PROXIES = ["::1/128"]
    assert client_address(request_from("::1", "::ffff:203.0.113.5")) == "203.0.113.5"
    assert client_address(request_from("::ffff:198.51.100.7")) == "198.51.100.7"


def test_a_wrong_trusted_proxy_setting_stops_with_a_clear_error(settings):
    """A typo in DJANGO_TRUSTED_PROXIES is reported, not silently trusted or ignored."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured, match="DJANGO_TRUSTED_PROXIES"):
        client_address(request_from(PROXY, "203.0.113.5"))
