"""Signing as receivers are told to check it: HMAC-SHA256 over `<timestamp>.<body>`."""
import hashlib
import hmac
import json

from annotations.webhooks.signing import (
    SIGNATURE_HEADER, TIMESTAMP_HEADER, body_encode, signature_compute, signature_valid, signed_headers,
)

SECRET = "whsec-0123456789abcdef"
BODY = body_encode({"event": "verdict.final", "data": {"claim": {"text": "“11,000” troops"}}})


def test_the_signature_is_hmac_sha256_of_the_timestamp_a_dot_and_the_body():
    expected = hmac.new(SECRET.encode(), b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert signature_compute(secret=SECRET, timestamp=1700000000, body=BODY) == f"sha256={expected}"


def test_the_headers_carry_the_timestamp_signed_and_a_receiver_accepts_them():
    headers = signed_headers(secret=SECRET, timestamp=1700000000, body=BODY, event="verdict.final", delivery_id=7)
    assert headers[TIMESTAMP_HEADER] == "1700000000"
    assert signature_valid(secret=SECRET, timestamp=headers[TIMESTAMP_HEADER], body=BODY,
                           signature=headers[SIGNATURE_HEADER], now=1700000010)


def test_a_changed_body_another_secret_or_an_old_timestamp_fail_the_check():
    signature = signature_compute(secret=SECRET, timestamp=1700000000, body=BODY)
    assert not signature_valid(secret=SECRET, timestamp="1700000000", body=BODY + b" ", signature=signature,
                               now=1700000000)
    assert not signature_valid(secret="another-secret-of-length", timestamp="1700000000", body=BODY,
                               signature=signature, now=1700000000)
    assert not signature_valid(secret=SECRET, timestamp="1700000000", body=BODY, signature=signature,
                               now=1700000000 + 301)
    assert not signature_valid(secret=SECRET, timestamp="17e8", body=BODY, signature=signature, now=1700000000)


def test_the_body_is_compact_utf8_json():
    assert json.loads(BODY.decode("utf-8"))["data"]["claim"]["text"] == "“11,000” troops"
    assert b" " not in BODY.replace(b"\xe2\x80\x9c11,000\xe2\x80\x9d troops", b"")
