"""A local web server with pages written for the ingestion tests, and a guard that records every
outgoing connection so tests can prove nothing but 127.0.0.1 was ever contacted."""
import gzip
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge repairs finished early | The Meridian Ledger</title>
<meta property="og:title" content="Bridge repairs finished early">
<meta name="author" content="Jane Example">
<meta property="og:site_name" content="The Meridian Ledger">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/03/bridges">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Bridge repairs finished early</h1>
<p>The city council said on Monday that 14 bridges were repaired in 2023, twice as many as in 2022.</p>
<p>According to the transport ministry, the programme cost 42 million euros, which is 10% less than planned.</p>
<p>Mayor Ana Lopez claimed that traffic delays fell by a third after the work was completed in December.</p>
</article>
<footer>Copyright 2024 The Meridian Ledger. All rights reserved.</footer>
</body></html>"""

# A news page as saved from a browser: site chrome around the story, which must not become claims.
CITY_TIMES_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour tunnel opens two months early | City Times</title>
<meta property="og:title" content="Harbour tunnel opens two months early">
<meta name="author" content="Maria Keller">
<meta property="og:site_name" content="City Times">
<meta property="article:published_time" content="2026-02-11T08:30:00Z">
<link rel="canonical" href="https://citytimes.example.com/2026/02/harbour-tunnel">
<style>body { font-family: serif; } .promo { color: red; }</style>
<script>window.analytics = {event: "Tunnel traffic rose by 900 percent."};</script>
</head><body>
<header><a href="/">City Times</a></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Harbour tunnel opens two months early</h1>
<p>The new harbour tunnel opened to traffic on Tuesday, two months ahead of schedule, the city transport department said.</p>
<p>According to the department, the project cost 310 million euros, about 8% less than the budget approved by the council in 2021.</p>
<p>Mayor Ana Lopez said that 45,000 vehicles a day are expected to use the tunnel, cutting journey times across the harbour by 20 minutes.</p>
<p>Engineers from the construction firm reported that the tunnel was built 32 metres below sea level.</p>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council approves record budget of 2 billion euros</a></li>
<li><a href="/b">Three arrested after 500 kilograms of cocaine found at port</a></li></ul></aside>
<footer><p>© 2026 City Times. 2 million readers trust us every month.</p>
<p><a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p></footer>
<script>document.write("Subscribe now and save 50 percent.");</script>
</body></html>"""
CITY_TIMES_BODY = [
    "The new harbour tunnel opened to traffic on Tuesday, two months ahead of schedule, the city transport "
    "department said.",
    "According to the department, the project cost 310 million euros, about 8% less than the budget approved by "
    "the council in 2021.",
    "Mayor Ana Lopez said that 45,000 vehicles a day are expected to use the tunnel, cutting journey times across "
    "the harbour by 20 minutes.",
    "Engineers from the construction firm reported that the tunnel was built 32 metres below sea level.",
]
# Text of the page that is not the story: navigation, sidebar, footer, script and style.
CITY_TIMES_CHROME = ["Home", "Weather", "Most read", "2 billion euros", "cocaine", "2 million readers", "©",
                     "Privacy", "900 percent", "Subscribe now", "font-family", "analytics"]

ARTICLE_CANONICAL = "https://news.example.org/2024/03/bridges"


def article_html_on(site, canonical_path: str = "/2024/03/bridges") -> str:
    """ARTICLE_HTML as its own site serves it: the canonical URL on the local site's host."""
    return ARTICLE_HTML.replace(ARTICLE_CANONICAL, site.url(canonical_path))


GERMAN_HTML = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Brücken repariert</title></head>
<body><article><h1>Brücken repariert</h1>
<p>Der Stadtrat hat am Montag mitgeteilt, dass die Reparatur der Brücken im Jahr 2023 abgeschlossen wurde und nicht
mehr Geld kostet als geplant.</p><p>Die Bürgermeisterin sagte, dass der Verkehr auf den Straßen der Stadt wieder
fließt und die Arbeiten von den Anwohnern gelobt werden.</p></article></body></html>"""


def rss_feed(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<description>{title}</description></item>"
        for path, title in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ledger RSS</title>'
            f"<link>{base}/</link><description>Test feed</description>{entries}</channel></rss>")


def atom_feed(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{title}</title><link href="{base}{path}"/><id>urn:test:{path}</id>'
        f"<updated>2024-03-05T10:00:00Z</updated><summary>{title}</summary></entry>"
        for path, title in items
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Ledger Atom</title><id>urn:test:feed</id><updated>2024-03-05T10:00:00Z</updated>{entries}</feed>')


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    # Called instead of writing `body`: for slow and endless responses.
    writer: object = None


class LocalSite:
    """Pages keyed by path; `requests` lists the paths asked for, in order."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.requests: list[str] = []
        self.request_headers: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes = b"", **kwargs) -> str:
        self.pages[path] = Page(body=body.encode() if isinstance(body, str) else body, **kwargs)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, headers={"Location": location})

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler_class(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requests.append(self.path)
                site.request_headers.append(dict(self.headers.items()))
                page = site.pages.get(self.path)
                if page is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                self.send_response(page.status)
                if page.content_type:
                    self.send_header("Content-Type", page.content_type)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                try:
                    if page.writer is not None:
                        self.end_headers()
                        page.writer(self.wfile)
                        return
                    if "Content-Length" not in page.headers:
                        self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


def endless_writer(total_bytes: int):
    def write(wfile):
        chunk = b"<p>" + b"x" * 8189 + b"</p>"
        sent = 0
        while sent < total_bytes:
            wfile.write(chunk)
            sent += len(chunk)
    return write


def slow_writer(delay: float):
    def write(wfile):
        wfile.write(b"<html><body><p>The first words arrive")
        wfile.flush()
        time.sleep(delay)
        wfile.write(b" and the rest much later.</p></body></html>")
    return write


def gzip_body(size: int) -> bytes:
    return gzip.compress(b"a" * size)


@pytest.fixture
def site():
    local = LocalSite()
    yield local
    local.stop()


@pytest.fixture
def connections(monkeypatch):
    """Every TCP connection attempted during the test, as (host, port)."""
    attempted: list[tuple[str, int]] = []
    original = socket.create_connection

    def recording_create_connection(address, *args, **kwargs):
        attempted.append((address[0], address[1]))
        if address[0] != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address}; only 127.0.0.1 is allowed")
        return original(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording_create_connection)
    return attempted


@pytest.fixture
def fetch_settings(settings):
    """Small limits so the size and timeout cases run fast; the test server's address allowed."""
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.VERIFY_FETCH_MAX_BYTES = 200_000
    settings.VERIFY_FETCH_CONNECT_TIMEOUT = 1.0
    settings.VERIFY_FETCH_READ_TIMEOUT = 0.5
    settings.VERIFY_FETCH_TOTAL_TIMEOUT = 5.0
    return settings
