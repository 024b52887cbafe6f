"""Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body`.

A sender signs the raw body bytes with a shared secret and sends three headers:
webhook-id, webhook-timestamp (Unix seconds) and webhook-signature (space-separated `v1,<base64>`
entries; several allowed so that a sender can sign with the old and the new secret while a
rotation is under way). Pure Python: no AWS, no framework.
"""
import base64
import binascii
import hashlib
import hmac
import secrets as _random

from ..errors import SenderUnverifiedError

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
TOLERANCE_SECONDS = 300
VERSION = "v1"
# Bounds on what a caller can make us hash and compare: the id becomes an idempotency key.
MAX_ID_CHARS = 256
MAX_SIGNATURES = 10


class SignatureError(SenderUnverifiedError):
    """A delivery whose sender could not be verified; `reason` says why, safe to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def new_secret() -> str:
    """A fresh signing secret: whsec_ + 32 random bytes, base64."""
    return SECRET_PREFIX + base64.b64encode(_random.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key of a secret: the base64-decoded part of `whsec_...`, else the text's UTF-8.

    Raises ValueError for a `whsec_` secret that is not base64 (check secrets when they are
    configured, not when a delivery arrives). Note that the Svix/Standard Webhooks libraries
    base64-decode a secret given without prefix; here such a secret is used as typed, so a
    sender configured with a bare base64 secret must be given the whsec_ form.
    """
    if not secret:
        raise ValueError("the secret is empty")
    if not secret.startswith(SECRET_PREFIX):
        return secret.encode("utf-8")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a whsec_ secret must be base64 after its prefix") from None
    if not key:
        raise ValueError("the secret is empty")
    return key


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature of one delivery."""
    content = b"%s.%d.%s" % (msg_id.encode("utf-8"), timestamp, body)
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return f"{VERSION},{base64.b64encode(digest).decode('ascii')}"


def webhook_headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers a Standard Webhooks sender adds (for senders, benches and tests)."""
    return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(secret, msg_id, timestamp, body)}


def verify(secrets: list[str], msg_id: str | None, timestamp_header: str | None,
           signature_header: str | None, body: bytes, *, now: float) -> None:
    """Pass if one `v1` signature matches one of the secrets, else raise SignatureError.

    Several secrets are a rotation: a delivery signed with any of them is valid. The
    timestamp must lie within 5 minutes of `now` either way, so a captured delivery cannot
    be replayed later (within the window, the webhook-id's idempotency record stops it).
    """
    for name, value in (("webhook-id", msg_id), ("webhook-timestamp", timestamp_header),
                        ("webhook-signature", signature_header)):
        if not value or not value.strip():
            raise SignatureError(f"missing {name} header")
    if len(msg_id) > MAX_ID_CHARS:
        raise SignatureError(f"the webhook-id header is longer than {MAX_ID_CHARS} characters")
    timestamp = _timestamp(timestamp_header)
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise SignatureError("timestamp outside the 5-minute tolerance")
    if not secrets:
        raise SignatureError("no signing secret is configured for this integration")
    offered = _v1_signatures(signature_header)
    if not offered:
        raise SignatureError("no v1 signature in the webhook-signature header")
    expected = [sign(secret, msg_id, timestamp, body).encode("ascii") for secret in secrets]
    # Every pair is compared, matched or not, so timing says nothing about which one matched.
    matches = [hmac.compare_digest(mine, theirs) for mine in expected for theirs in offered]
    if not any(matches):
        raise SignatureError("no signature matches")


def constant_time_equals(a: str | None, b: str | None) -> bool:
    """Two shared keys compared in constant time (Google's google_key); None never matches."""
    if a is None or b is None:
        return False
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def _timestamp(header: str) -> int:
    text = header.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise SignatureError("the webhook-timestamp header is not a whole number of seconds")
    return int(text)


def _v1_signatures(header: str) -> list[bytes]:
    """The `v1` entries of the header, encoded; other versions (v1a: asymmetric) are ignored."""
    found = []
    for entry in header.split()[:MAX_SIGNATURES]:
        version, _, signature = entry.partition(",")
        if version == VERSION and signature:
            found.append(f"{VERSION},{signature}".encode("utf-8"))
    return found
