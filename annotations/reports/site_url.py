"""Is VERIFY_SITE_URL a public address? Permalinks and every ClaimReview `url` are built on it."""
import ipaddress
from urllib.parse import urlparse

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def site_url_is_loopback(url: str) -> bool:
    """True for an address only this machine can reach (localhost, 127.0.0.0/8, ::1, 0.0.0.0)."""
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_url_problem(*, url: str, debug: bool) -> str:
    """Why reports cannot be published at this address ("" when they can).

    A loopback address is accepted while DEBUG is on (a desk trying Verity on its own machine).
    """
    url = (url or "").strip()
    parsed = urlparse(url)
    if not url:
        return "No public site address is configured: set VERIFY_SITE_URL to this site's public https:// address."
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return f"VERIFY_SITE_URL ({url}) is not an absolute http(s) address."
    if not debug and site_url_is_loopback(url):
        return (f"VERIFY_SITE_URL is {url}, an address only this machine can reach: published reports would "
                f"point readers and search engines at it. Set it to this site's public address.")
    return ""
