"""HTTPS through the pinned connection: the certificate is checked against the host name, not the IP."""
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import require
from verify.ingestion import fetch
from verify.ingestion.fetch import CertificateError


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    require(shutil.which("openssl") is not None, "the TLS tests make a certificate with the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_site(certificate):
    cert, key = certificate
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            seen.append(self.headers["Host"])
            body = b"<html><body><p>Served over TLS to news.test.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _names_resolve_to_loopback(monkeypatch, fetch_settings, connections, certificate):
    fetch_settings.VERIFY_FETCH_CA_BUNDLE = str(certificate[0])
    original = socket.getaddrinfo

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host.endswith(".test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return original(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)


def test_https_to_the_pinned_address_verifies_the_certificate_for_the_name(tls_site, connections):
    port, seen = tls_site

    result = fetch.fetch_url(url=f"https://news.test:{port}/story")

    assert "Served over TLS" in result.text
    assert seen == [f"news.test:{port}"]
    assert connections == [("127.0.0.1", port)]


def test_a_certificate_for_another_name_is_refused_and_not_retried(tls_site):
    port, seen = tls_site

    with pytest.raises(CertificateError, match="not valid for that name") as caught:
        fetch.fetch_url(url=f"https://other.test:{port}/story")
    assert caught.value.transient is False
    assert seen == []


def test_an_untrusted_certificate_is_refused(tls_site, settings):
    settings.VERIFY_FETCH_CA_BUNDLE = ""  # the public authorities only
    port, _ = tls_site

    with pytest.raises(CertificateError):
        fetch.fetch_url(url=f"https://news.test:{port}/story")
