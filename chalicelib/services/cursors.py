"""Page cursors: the DynamoDB key to go on from, opaque to clients and bound to the query it came from."""
import base64
import binascii
import json

from ..errors import BadRequestError


def encode_cursor(kind: str, fingerprint: str, key: dict) -> str:
    """An opaque cursor: the key to go on from, bound to one query (`kind`, `fingerprint`)."""
    raw = json.dumps({"k": kind, "f": fingerprint, "key": key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, fingerprint: str, names: set[str] | None = None) -> dict:
    """The key a cursor carries; it must be of this query and have exactly the key's attributes."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        key = data["key"]
        valid = data["k"] == kind and data["f"] == fingerprint and isinstance(key, dict) and all(
            isinstance(v, dict) and set(v) == {"S"} and isinstance(v["S"], str) and v["S"] for v in key.values())
        valid = valid and (names is None or set(key) == names)
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        valid = False
    if not valid:
        raise BadRequestError("the cursor is not valid for this query; start again without it")
    return key
