"""The client's address, for login lockout and throttling.

REMOTE_ADDR is the client unless it is one of the proxies listed in TRUSTED_PROXIES (CIDRs). From a
trusted proxy, X-Forwarded-For is read from the right: each hop a trusted proxy appended is skipped,
and the first address that is not a trusted proxy is the client. Anything to its left was written by
the client itself and is never believed. Without TRUSTED_PROXIES, X-Forwarded-For is ignored.
"""
import ipaddress
from functools import cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs if cidr.strip())


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip().split("%", 1)[0])
    except ValueError:
        return None
    return address.ipv4_mapped or address if isinstance(address, ipaddress.IPv6Address) else address


def client_address(request) -> str:
    """The address of the client that sent `request`, as a string ("unknown" when there is none)."""
    trusted = _trusted(tuple(settings.TRUSTED_PROXIES))
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    current = _address(remote)
    if current is None or not any(current in network for network in trusted):
        return str(current) if current is not None else remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage in the chain: trust no further than the last proxy
        current = address
        if not any(address in network for network in trusted):
            break
    return str(current)
