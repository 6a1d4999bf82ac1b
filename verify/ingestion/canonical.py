"""Whether a page's `<link rel=canonical>` may name the article: only when it stays on the fetched site.

A page can name any address as its canonical URL. Trusted blindly, a page on site A that names
site B's story would be stored under B's address: a later submission of B's URL would return A's
text as a duplicate without fetching B, and a published ClaimReview would cite B for A's words. So a
canonical URL counts only when it is on the same site as the address the page was fetched from: the
same registrable domain (news.example.org and www.example.org share example.org; the public suffix
list decides, so a.github.io and b.github.io do not), or, for hosts without one (an IP address,
localhost, an intranet name), the same host.
"""
from urllib.parse import urlsplit

from tld import get_fld


def site_of(url: str) -> str:
    """The registrable domain of `url` ("example.org"), else its host; "" when it has none."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:  # e.g. an unbalanced [ in the host
        return ""
    if not host:
        return ""
    return get_fld(f"http://{host}/", fail_silently=True) or host


def canonical_url_trusted(*, canonical_url: str, fetched_url: str) -> str:
    """`canonical_url` when it is on the fetched page's own site, else "" (keep the fetched URL)."""
    if not canonical_url:
        return ""
    site = site_of(canonical_url)
    return canonical_url if site and site == site_of(fetched_url) else ""
