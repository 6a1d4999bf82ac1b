"""A fetcher for untrusted URLs: no requests to internal addresses (SSRF), bounded in size and time.

Every hop (the first URL and each redirect) is checked the same way: the host name is resolved
once, every address it resolves to must be public (or inside VERIFY_FETCH_ALLOWED_NETWORKS), and
the connection goes to the address that was checked. The request is sent to that IP with the
original Host header and TLS server name, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot steer the request elsewhere.
"""
from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx
from django.conf import settings

from verify.ingestion.addresses import (  # noqa: F401 (re-exported: the SSRF rules live there)
    METADATA_ADDRESSES,
    Address,
    ResolutionError,
    address_refusal,
    allowed_networks,
    host_resolve,
)
from verify.ingestion.charsets import bytes_decode, content_type_parse

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json"}
ARTICLE_TYPES = HTML_TYPES | TEXT_TYPES
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch that did not produce a usable page. `str(error)` is meant for the person who asked."""

    # Worth trying again later (timeouts, refused connections, 5xx); the others will not change.
    transient = False


class InvalidURLError(FetchError):
    pass


class ForbiddenAddressError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


class ResponseTooLargeError(FetchError):
    pass


class UnsupportedContentTypeError(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, status_code: int):
        super().__init__(message)
        self.status_code = status_code
        self.transient = status_code >= 500 or status_code in (408, 425, 429)


class FetchTimeoutError(FetchError):
    transient = True


class FetchConnectionError(FetchError):
    transient = True


class CertificateError(FetchError):
    """The site's TLS certificate is not valid for its name: retrying will not help."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status_code: int
    mime_type: str  # e.g. "text/html", without parameters
    charset: str  # the one the text was decoded with ("" when not modified)
    content: bytes
    text: str
    headers: dict[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


def fetch_url(
    *,
    url: str,
    accept: set[str] | frozenset[str] = frozenset(ARTICLE_TYPES),
    extra_headers: dict[str, str] | None = None,
) -> FetchResult:
    """GET `url` safely and return its decoded body; raises a FetchError subclass otherwise."""
    max_bytes = settings.VERIFY_FETCH_MAX_BYTES
    deadline = time.monotonic() + settings.VERIFY_FETCH_TOTAL_TIMEOUT
    timeout = httpx.Timeout(
        connect=settings.VERIFY_FETCH_CONNECT_TIMEOUT, read=settings.VERIFY_FETCH_READ_TIMEOUT,
        write=settings.VERIFY_FETCH_READ_TIMEOUT, pool=settings.VERIFY_FETCH_CONNECT_TIMEOUT,
    )
    headers = {
        "User-Agent": settings.VERIFY_FETCH_USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
        **(extra_headers or {}),
    }
    redirects: list[str] = []
    current = url
    # trust_env=False: an HTTP(S)_PROXY in the environment would connect on our behalf, unchecked.
    # Certificates are checked against the host *name* (sent as SNI), not the pinned IP.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=tls_verify()) as client:
        while True:
            target = url_check(url=current)
            request = client.build_request("GET", target.pinned_url, headers={**headers, "Host": target.host_header},
                                           extensions=target.extensions)
            response = response_open(client, request, host=target.host,
                                     timeout_message=f"{target.host} did not answer in time.")
            try:
                if response.status_code in REDIRECT_STATUSES and response.headers.get("location"):
                    if len(redirects) >= MAX_REDIRECTS:
                        raise TooManyRedirectsError(f"More than {MAX_REDIRECTS} redirects; stopped at {current}.")
                    current = urljoin(current, response.headers["location"].strip())
                    redirects.append(current)
                    if time.monotonic() > deadline:
                        raise FetchTimeoutError("The page took too long to load (redirects).")
                    continue
                return _read_response(response, url=url, final_url=current, accept=accept, max_bytes=max_bytes,
                                      deadline=deadline, redirects=tuple(redirects))
            finally:
                response.close()


def tls_verify() -> ssl.SSLContext | bool:
    """Certificates are checked against the public CAs, or VERIFY_FETCH_CA_BUNDLE when set."""
    return ssl.create_default_context(cafile=settings.VERIFY_FETCH_CA_BUNDLE) \
        if settings.VERIFY_FETCH_CA_BUNDLE else True


def response_open(client: httpx.Client, request: httpx.Request, *, host: str, timeout_message: str) -> httpx.Response:
    """Send a request to a checked target (streamed); transport failures become FetchErrors."""
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(timeout_message) from exc
    except httpx.TransportError as exc:
        if "CERTIFICATE_VERIFY_FAILED" in str(exc):
            raise CertificateError(f"The TLS certificate of {host} is not valid for that name "
                                   "(or not issued by a trusted authority).") from exc
        raise FetchConnectionError(f"Could not connect to {host}: {exc or type(exc).__name__}.") from exc


@dataclass(frozen=True)
class CheckedTarget:
    host: str  # the name as written (punycode for IDNs)
    address: Address  # the vetted address we connect to
    pinned_url: str  # the URL with the host replaced by that address
    host_header: str
    extensions: dict


def url_check(*, url: str) -> CheckedTarget:
    """Validate one hop: scheme, syntax, and every address the host resolves to. No connection is made."""
    parsed = url_parse(url=url)
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = host_resolve(host=host, port=port)
    except ResolutionError as exc:
        raise FetchConnectionError(str(exc)) from exc
    for address in addresses:
        reason = address_refusal(address=address)
        if reason:
            raise ForbiddenAddressError(f"Refused to fetch {host}: it resolves to {address}, {reason}.")
    address = addresses[0]
    pinned_host = f"[{address}]" if address.version == 6 else str(address)
    pinned = parsed.copy_with(host=pinned_host.strip("[]"))
    default_port = parsed.port is None or parsed.port == (443 if parsed.scheme == "https" else 80)
    named = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets in Host
    host_header = named if default_port else f"{named}:{port}"
    extensions = {"sni_hostname": host} if parsed.scheme == "https" else {}
    return CheckedTarget(host=host, address=address, pinned_url=str(pinned), host_header=host_header,
                         extensions=extensions)


def url_parse(*, url: str) -> httpx.URL:
    """Syntax checks that need no network: http(s) only, a host, no credentials."""
    url = (url or "").strip()
    if not url:
        raise InvalidURLError("The URL is empty.")
    if len(url) > 2000:
        raise InvalidURLError("The URL is longer than 2,000 characters.")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidURLError(f"Not a valid URL: {exc}.") from exc
    if parsed.scheme not in ("http", "https"):
        raise InvalidURLError("Only http:// and https:// URLs can be fetched.")
    if not parsed.raw_host:
        raise InvalidURLError("The URL has no host name.")
    if parsed.userinfo:
        raise InvalidURLError("URLs with a user name or password are not fetched.")
    return parsed


def _read_response(response: httpx.Response, *, url: str, final_url: str, accept, max_bytes: int,
                   deadline: float, redirects: tuple[str, ...]) -> FetchResult:
    headers = {name.lower(): value for name, value in response.headers.items()}
    if response.status_code == 304:
        return FetchResult(url=url, final_url=final_url, status_code=304, mime_type="", charset="", content=b"",
                           text="", headers=headers, redirects=redirects)
    if response.status_code >= 400 or response.status_code < 200:
        raise HTTPStatusError(f"The server answered {response.status_code} {response.reason_phrase}.".replace(" .", "."),
                              status_code=response.status_code)
    mime_type, declared_charset = content_type_parse(headers.get("content-type", ""))
    if mime_type and mime_type not in accept:
        raise UnsupportedContentTypeError(
            f"The URL serves {mime_type}, which is not accepted here (accepted: {', '.join(sorted(accept))})."
        )
    declared_length = headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise ResponseTooLargeError(f"The page is {int(declared_length):,} bytes; the limit is {max_bytes:,}.")
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_bytes decompresses, so the cap also bounds what a gzip bomb expands to. No chunk_size:
        # chunks come as they arrive, so a server dripping bytes still meets the deadline check.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ResponseTooLargeError(f"The page is larger than the limit of {max_bytes:,} bytes.")
            if time.monotonic() > deadline:
                raise FetchTimeoutError("The page took too long to download.")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError("The server stopped sending the page (read timeout).") from exc
    except httpx.DecodingError as exc:
        raise FetchConnectionError("The page's compressed body is corrupt.") from exc
    except httpx.TransportError as exc:
        raise FetchConnectionError(f"The connection broke while reading the page: {exc or type(exc).__name__}.") from exc
    content = b"".join(chunks)
    text, charset = bytes_decode(content=content, declared_charset=declared_charset)
    return FetchResult(url=url, final_url=final_url, status_code=response.status_code, mime_type=mime_type,
                       charset=charset, content=content, text=text, headers=headers, redirects=redirects)
