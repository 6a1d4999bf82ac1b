"""The safe fetcher against a local server: redirects, SSRF refusals, size and time limits, types, charsets."""
import ipaddress
import socket

import pytest

from tests.verify.ingestion.conftest import ARTICLE_HTML, endless_writer, gzip_body, slow_writer
from verify.ingestion import fetch
from verify.ingestion.fetch import (
    FetchConnectionError,
    FetchTimeoutError,
    ForbiddenAddressError,
    HTTPStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
)


@pytest.fixture(autouse=True)
def _limits(fetch_settings, connections):
    return fetch_settings


def test_fetches_a_page_and_sends_a_clear_user_agent(site, connections):
    url = site.add("/article", ARTICLE_HTML)

    result = fetch.fetch_url(url=url)

    assert result.status_code == 200
    assert result.mime_type == "text/html"
    assert "14 bridges were repaired" in result.text
    assert site.request_headers[0]["User-Agent"].startswith("VerityBot/1.0")
    assert site.request_headers[0]["Host"] == f"127.0.0.1:{site.port}"
    assert connections and all(host == "127.0.0.1" for host, _ in connections)


def test_follows_redirects_and_reports_the_final_url(site):
    target = site.add("/final", ARTICLE_HTML)
    site.redirect("/hop2", "/final", status=301)
    start = site.redirect("/hop1", site.url("/hop2"), status=307)

    result = fetch.fetch_url(url=start)

    assert result.final_url == target
    assert result.redirects == (site.url("/hop2"), target)
    assert site.requests == ["/hop1", "/hop2", "/final"]


def test_more_than_five_redirects_are_refused(site):
    for hop in range(7):
        site.redirect(f"/loop{hop}", f"/loop{hop + 1}")

    with pytest.raises(TooManyRedirectsError, match="More than 5 redirects"):
        fetch.fetch_url(url=site.url("/loop0"))
    assert len(site.requests) == 6


@pytest.mark.parametrize("location", [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://10.0.0.1/admin",
    "http://127.0.0.2:8080/",
    "http://[::1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://2130706434/",  # 127.0.0.2: loopback, outside the allowed 127.0.0.1/32
    "http://0x7f.2/",
])
def test_a_redirect_to_an_internal_address_is_refused_before_connecting(site, connections, location):
    start = site.redirect("/go", location)

    with pytest.raises(ForbiddenAddressError, match="Refused to fetch"):
        fetch.fetch_url(url=start)

    # Only the first hop (the allowed test server) was contacted, once.
    assert site.requests == ["/go"]
    assert connections == [("127.0.0.1", site.port)]


def test_a_redirect_to_a_name_resolving_to_a_private_address_is_refused(site, connections, monkeypatch):
    original = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host == "intranet.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", port))]
        return original(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    start = site.redirect("/go", "http://intranet.example.com/wiki")

    with pytest.raises(ForbiddenAddressError, match="192.168.1.20, a private address"):
        fetch.fetch_url(url=start)
    assert connections == [("127.0.0.1", site.port)]


def test_without_an_allow_list_the_loopback_test_server_itself_is_refused(site, connections, settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []
    url = site.add("/article", ARTICLE_HTML)

    with pytest.raises(ForbiddenAddressError, match="loopback"):
        fetch.fetch_url(url=url)
    assert site.requests == []
    assert connections == []


def test_the_connection_goes_to_the_address_that_was_checked(site, connections, monkeypatch):
    """DNS rebinding: the name is resolved once, and the socket opens to that vetted address."""
    answers = iter([("127.0.0.1",), ("10.9.9.9",)])
    original = socket.getaddrinfo

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host == "rebind.example.com":
            address = next(answers)[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return original(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    site.add("/article", ARTICLE_HTML)

    result = fetch.fetch_url(url=f"http://rebind.example.com:{site.port}/article")

    assert "14 bridges" in result.text
    assert connections == [("127.0.0.1", site.port)]
    assert site.request_headers[0]["Host"] == f"rebind.example.com:{site.port}"


def test_a_declared_length_over_the_cap_is_refused_without_reading(site):
    site.add("/declared", b"small", headers={"Content-Length": "999999999"})

    with pytest.raises(ResponseTooLargeError, match="999,999,999 bytes; the limit is 200,000"):
        fetch.fetch_url(url=site.url("/declared"))


def test_a_body_that_outgrows_the_cap_is_cut_off(site):
    site.add("/huge", content_type="text/html", writer=endless_writer(5_000_000), headers={"Connection": "close"})

    with pytest.raises(ResponseTooLargeError, match="larger than the limit of 200,000 bytes"):
        fetch.fetch_url(url=site.url("/huge"))


def test_a_compressed_body_is_capped_at_its_expanded_size(site):
    site.add("/bomb", gzip_body(2_000_000), content_type="text/plain", headers={"Content-Encoding": "gzip"})

    with pytest.raises(ResponseTooLargeError):
        fetch.fetch_url(url=site.url("/bomb"))


def test_a_server_that_stalls_mid_body_hits_the_read_timeout(site):
    site.add("/slow", writer=slow_writer(2.0), headers={"Connection": "close"})

    with pytest.raises(FetchTimeoutError, match="read timeout") as caught:
        fetch.fetch_url(url=site.url("/slow"))
    assert caught.value.transient is True


def test_an_image_is_refused_by_content_type(site):
    site.add("/photo", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")

    with pytest.raises(UnsupportedContentTypeError, match="serves image/png"):
        fetch.fetch_url(url=site.url("/photo"))


def test_an_error_status_is_reported_and_5xx_is_transient(site):
    site.add("/gone", b"gone", status=410)
    site.add("/down", b"down", status=503)

    with pytest.raises(HTTPStatusError, match="410") as gone:
        fetch.fetch_url(url=site.url("/gone"))
    with pytest.raises(HTTPStatusError, match="503") as down:
        fetch.fetch_url(url=site.url("/down"))
    assert (gone.value.transient, down.value.transient) == (False, True)


def test_latin1_bytes_declared_utf8_are_decoded_by_detection(site):
    body = ("<html><body><p>Le café de la gare a fermé après trente années; "
            "les élèves étaient déçus.</p></body></html>").encode("latin-1")
    site.add("/latin1", body, content_type="text/html; charset=utf-8")

    result = fetch.fetch_url(url=site.url("/latin1"))

    assert "café" in result.text and "élèves étaient déçus" in result.text
    assert result.charset != "utf-8"


def test_the_meta_charset_is_used_when_the_header_has_none(site):
    body = '<html><head><meta charset="windows-1252"></head><body><p>“Quoted” café</p></body></html>'
    site.add("/meta", body.encode("cp1252"), content_type="text/html")

    result = fetch.fetch_url(url=site.url("/meta"))

    assert "“Quoted” café" in result.text


def test_a_closed_port_is_a_transient_connection_error(site):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    with pytest.raises(FetchConnectionError) as caught:
        fetch.fetch_url(url=f"http://127.0.0.1:{closed_port}/")
    assert caught.value.transient is True


@pytest.mark.parametrize("url, message", [
    ("", "empty"),
    ("ftp://example.org/file", "Only http"),
    ("file:///etc/passwd", "Only http"),
    ("javascript:alert(1)", "Only http"),
    ("http://user:secret@example.org/", "user name or password"),
    ("http://", "no host"),
    ("https://" + "a" * 2100 + ".org", "longer than 2,000"),
])
def test_malformed_or_non_http_urls_are_refused_without_resolving(url, message, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("resolved a refused URL"))

    with pytest.raises(InvalidURLError, match=message):
        fetch.url_check(url=url)


@pytest.mark.parametrize("address, refused", [
    ("8.8.8.8", ""),
    ("2606:4700:4700::1111", ""),
    ("127.0.0.1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.0.1", "private"),
    ("100.64.0.1", "not a public"),
    ("169.254.169.254", "metadata"),
    ("169.254.1.1", "link-local"),
    ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("fd00:ec2::254", "metadata"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:169.254.169.254", "metadata"),
    ("::ffff:8.8.8.8", ""),
    # Special-purpose ranges Python's ipaddress calls global, and addresses that embed an IPv4 address.
    ("192.0.0.9", "special-purpose"),
    ("192.0.0.170", "special-purpose"),
    ("192.88.99.1", "special-purpose"),
    ("2002:7f00:1::1", "6to4"),  # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::1", "6to4"),  # 6to4 of 169.254.169.254
    ("2002:808:808::1", "6to4"),  # even of a public address: a relay decides where it goes
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "6to4 or Teredo"),
    ("64:ff9b::7f00:1", "NAT64 address of a loopback"),
    ("64:ff9b::a9fe:a9fe", "NAT64 address of a cloud metadata"),
    ("64:ff9b::808:808", ""),
    ("64:ff9b:1::a00:1", "special-purpose"),
    ("2001:db8::1", "special-purpose"),
])
def test_address_classification(address, refused, settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []

    reason = fetch.address_refusal(address=ipaddress.ip_address(address))

    assert (refused in reason) if refused else reason == ""
    assert bool(reason) == bool(refused)


def test_the_allow_list_opens_an_intranet_network_but_never_the_metadata_address(settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = ["10.20.0.0/16", "169.254.0.0/16"]

    assert fetch.address_refusal(address=ipaddress.ip_address("10.20.3.4")) == ""
    assert "private" in fetch.address_refusal(address=ipaddress.ip_address("10.21.0.1"))
    assert "metadata" in fetch.address_refusal(address=ipaddress.ip_address("169.254.169.254"))


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "localhost"])
def test_numeric_and_local_host_forms_resolve_to_loopback_and_are_refused(host, settings, connections):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []

    with pytest.raises(ForbiddenAddressError, match="loopback"):
        fetch.url_check(url=f"http://{host}/")
    assert connections == []


def test_octal_dotted_hosts_are_refused_as_malformed(settings, connections):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []

    with pytest.raises(InvalidURLError, match="Invalid IPv4"):
        fetch.url_check(url="http://0177.0.0.1/")
    assert connections == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch, settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fd00::5", port, 0, 0)),
    ])

    with pytest.raises(ForbiddenAddressError, match="fd00::5, a private address"):
        fetch.url_check(url="https://mixed.example.com/")


def test_https_targets_are_pinned_to_the_checked_address_with_the_name_as_tls_server_name(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2606:4700::6810:84e5", port, 0, 0)),
    ])

    target = fetch.url_check(url="https://news.example.com/a?b=1")

    assert target.pinned_url == "https://[2606:4700::6810:84e5]/a?b=1"
    assert target.host_header == "news.example.com"
    assert target.extensions == {"sni_hostname": "news.example.com"}


def test_charset_fallback_never_raises_on_undecodable_bytes():
    text, charset = fetch.bytes_decode(content=bytes(range(256)) * 4, declared_charset="utf-8")

    assert isinstance(text, str) and charset


def test_a_server_dripping_bytes_forever_hits_the_total_deadline(site, settings):
    settings.VERIFY_FETCH_TOTAL_TIMEOUT = 1.0

    def drip(wfile):
        import time
        wfile.write(b"<html><body><p>")
        for _ in range(40):  # 40 × 0.1 s: each gap is under the read timeout, the whole is not
            wfile.write(b"x")
            wfile.flush()
            time.sleep(0.1)

    site.add("/drip", writer=drip, headers={"Connection": "close"})

    with pytest.raises(FetchTimeoutError, match="took too long"):
        fetch.fetch_url(url=site.url("/drip"))


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", ""])
def test_utf8_bytes_labelled_latin1_or_unlabelled_are_read_as_utf8(declared):
    text, charset = fetch.bytes_decode(content="Le café a fermé; “citation”.".encode(), declared_charset=declared)

    assert text == "Le café a fermé; “citation”." and charset == "utf-8"


def test_a_correct_latin1_label_is_kept():
    text, charset = fetch.bytes_decode(content="Le café a fermé.".encode("latin-1"), declared_charset="iso-8859-1")

    assert text == "Le café a fermé." and charset == "iso-8859-1"
