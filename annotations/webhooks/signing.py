"""How deliveries are signed, so receivers can check that Verity sent them and when.

The signature is HMAC-SHA256, keyed with the endpoint's secret, over `<timestamp>.<body>`: the
timestamp header's value (Unix seconds), a full stop, and the raw request body as received. It is
sent hex-encoded as `X-Verity-Signature: sha256=<hex>`. A receiver recomputes it over the bytes it
received, compares in constant time, and refuses timestamps older than a few minutes (replays).
"""
import hashlib
import hmac
import json

TIMESTAMP_HEADER = "X-Verity-Timestamp"
SIGNATURE_HEADER = "X-Verity-Signature"
EVENT_HEADER = "X-Verity-Event"
DELIVERY_HEADER = "X-Verity-Delivery"
SIGNATURE_PREFIX = "sha256="


def body_encode(body: dict) -> bytes:
    """The exact bytes sent: compact UTF-8 JSON."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(int(timestamp)).encode("ascii") + b"." + body
    return SIGNATURE_PREFIX + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_valid(*, secret: str, timestamp: str, body: bytes, signature: str, now: int,
                    tolerance: int = 300) -> bool:
    """What a receiver does (written here so the documented recipe is tested)."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    expected = signature_compute(secret=secret, timestamp=int(timestamp), body=body)
    return hmac.compare_digest(expected, signature)


def signed_headers(*, secret: str, timestamp: int, body: bytes, event: str, delivery_id: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(int(timestamp)),
        SIGNATURE_HEADER: signature_compute(secret=secret, timestamp=timestamp, body=body),
        EVENT_HEADER: event,
        DELIVERY_HEADER: str(delivery_id),
    }
