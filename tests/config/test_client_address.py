"""The client address: X-Forwarded-For is believed only from TRUSTED_PROXIES, read from the right."""
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from config.client_address import client_address


def address(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_from_a_trusted_proxy_the_last_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]
    # The client forged the left-most entry; the proxies appended the rest.
    assert address("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.5") == "203.0.113.7"
    assert address("fd00::1", "2001:db8::9") == "2001:db8::9"


def test_a_request_not_from_a_trusted_proxy_is_its_own_client_whatever_it_forwards(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert address("203.0.113.8", "10.0.0.7") == "203.0.113.8"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "203.0.113.7, garbage"])
def test_garbage_in_the_chain_stops_at_the_last_trusted_hop(settings, forwarded):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert address("10.0.0.2", forwarded) == "10.0.0.2"


def test_an_ipv4_mapped_address_is_read_as_ipv4(settings):
    settings.TRUSTED_PROXIES = []
    assert address("::ffff:203.0.113.4") == "203.0.113.4"


def test_a_bad_trusted_proxies_setting_stops_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=Path(__file__).resolve().parents[2],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x" * 50,
             "TRUSTED_PROXIES": "10.0.0.0/8,nonsense", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr
