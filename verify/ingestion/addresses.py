"""Which network addresses the fetcher may connect to (the SSRF rules), and name resolution."""
from __future__ import annotations

import ipaddress
import socket

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# Cloud metadata endpoints are refused even when an allow-list covers their network: an intranet
# deployment never needs them, and they hand out credentials.
METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
# IANA special-purpose blocks that Python's ipaddress counts as global (or that carry another address):
# the IETF protocol assignments, the 6to4 relay anycast, 6to4 and Teredo (both embed an IPv4 address
# a packet may be routed to), NAT64's local-use prefix and the documentation prefix.
SPECIAL_PURPOSE_NETWORKS = tuple(ipaddress.ip_network(cidr) for cidr in (
    "192.0.0.0/24", "192.88.99.0/24", "2002::/16", "2001::/32", "64:ff9b:1::/48", "2001:db8::/32",
))
# NAT64's well-known prefix: the last 32 bits are the IPv4 address actually reached.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")


class ResolutionError(Exception):
    """The name did not resolve (the fetcher turns it into a FetchConnectionError)."""


def host_resolve(*, host: str, port: int) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise ResolutionError(f"The host name {host} could not be resolved.") from exc
    addresses: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise ResolutionError(f"The host name {host} has no addresses.")
    return addresses


def address_refusal(*, address: Address) -> str:
    """Why we will not connect to `address`, or "" when we will."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address_refusal(address=address.ipv4_mapped)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if any(address in network for network in allowed_networks()):
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address in NAT64_WELL_KNOWN:
        embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        refusal = address_refusal(address=embedded)
        return f"a NAT64 address of {refusal}" if refusal else ""
    if isinstance(address, ipaddress.IPv6Address) and (address.sixtofour or address.teredo):
        return "a 6to4 or Teredo address (it embeds an IPv4 address)"
    if any(address in network for network in SPECIAL_PURPOSE_NETWORKS):
        return "a special-purpose address"
    for attribute, label in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    ):
        if getattr(address, attribute):
            return label
    if not address.is_global:
        return "not a public address"
    return ""


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.VERIFY_FETCH_ALLOWED_NETWORKS]
