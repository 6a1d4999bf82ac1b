"""Which canonical URLs a fetched page may claim: its own site's only."""
import pytest

from verify.ingestion.canonical import canonical_url_trusted, site_of


@pytest.mark.parametrize(("canonical", "fetched"), [
    ("https://news.example.org/story", "https://news.example.org/story?utm_source=x"),
    ("https://www.example.org/story", "https://amp.example.org/story"),  # same registrable domain
    ("https://www.bbc.co.uk/news/1", "https://bbc.co.uk/news/1"),  # a two-part public suffix
    ("http://127.0.0.1:8000/story", "http://127.0.0.1:9000/other"),  # an IP: the same host
])
def test_a_canonical_url_on_the_fetched_site_is_trusted(canonical, fetched):
    assert canonical_url_trusted(canonical_url=canonical, fetched_url=fetched) == canonical


@pytest.mark.parametrize(("canonical", "fetched"), [
    ("https://siteb.example/story", "https://sitea.example/story"),
    ("https://news.example.org/story", "http://127.0.0.1:8000/story"),
    ("https://alice.github.io/story", "https://mallory.github.io/story"),  # a public suffix is not a site
    ("https://example.co.uk/story", "https://other.co.uk/story"),
    ("https://[::1/story", "https://sitea.example/story"),  # unparseable
    ("", "https://sitea.example/story"),
])
def test_a_canonical_url_elsewhere_is_not_trusted(canonical, fetched):
    assert canonical_url_trusted(canonical_url=canonical, fetched_url=fetched) == ""


def test_the_site_of_an_address_without_a_registrable_domain_is_its_host():
    assert site_of("http://LOCALHOST:8000/a") == "localhost"
    assert site_of("not a url") == ""
