"""The client address behind a reverse proxy: X-Forwarded-For is believed only from the
proxies in TRUSTED_PROXIES, and only its right-most entries, which those proxies wrote."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


def request(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # Nginx on the same machine
        ("127.0.0.1", "10.0.0.9, 198.51.100.1", "198.51.100.1"),  # forged entry on the left
        ("10.1.2.3", "198.51.100.1, 10.1.2.4", "198.51.100.1"),  # two proxies in 10.0.0.0/8
        ("127.0.0.1", "", "127.0.0.1"),  # no header: the proxy itself
        ("127.0.0.1", "không phải IP", "127.0.0.1"),  # garbage is not believed
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from a proxy: header ignored
        ("::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_right_most_untrusted_address_behind_trusted_proxies(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert client_ip(request(remote, forwarded)) == expected
