"""Sending to untrusted URLs (webhook deliveries) under the fetcher's SSRF rules.

The destination is checked like every hop of a fetch (`fetch.url_check`: the host resolved once,
every address public or inside VERIFY_FETCH_ALLOWED_NETWORKS, the connection pinned to the checked
address). Redirects are not followed: a receiver answers where it was registered, and following a
redirect with the body would send it somewhere nobody vetted.
"""
from __future__ import annotations

from dataclasses import dataclass

import httpx
from django.conf import settings

from verify.ingestion.fetch import response_open, tls_verify, url_check

# Of the receiver's answer, only this much is read (kept in the delivery log).
ANSWER_EXCERPT_BYTES = 2000


@dataclass(frozen=True)
class PostResult:
    status_code: int
    excerpt: str  # the start of the answer's body, decoded leniently


def url_post(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> PostResult:
    """POST `body` to `url` once, safely. Any HTTP answer is returned (the caller judges its status);
    a refused address, a bad URL, a timeout or a broken connection raises a FetchError subclass."""
    target = url_check(url=url)
    limits = httpx.Timeout(timeout, connect=min(timeout, settings.VERIFY_FETCH_CONNECT_TIMEOUT))
    request_headers = {"User-Agent": settings.VERIFY_FETCH_USER_AGENT, **headers, "Host": target.host_header}
    # trust_env=False: a proxy from the environment would connect on our behalf, unchecked.
    with httpx.Client(timeout=limits, follow_redirects=False, trust_env=False, verify=tls_verify()) as client:
        request = client.build_request("POST", target.pinned_url, content=body, headers=request_headers,
                                       extensions=target.extensions)
        response = response_open(client, request, host=target.host,
                                 timeout_message=f"{target.host} did not answer within {timeout:g} s.")
        try:
            excerpt = b""
            try:
                for chunk in response.iter_raw():
                    excerpt += chunk
                    if len(excerpt) >= ANSWER_EXCERPT_BYTES:
                        break
            except httpx.HTTPError:
                pass  # the status is what counts; a body cut short is not a failed delivery
            return PostResult(status_code=response.status_code,
                              excerpt=excerpt[:ANSWER_EXCERPT_BYTES].decode("utf-8", "replace"))
        finally:
            response.close()
