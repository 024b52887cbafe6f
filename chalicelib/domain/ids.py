"""Identifiers: time-ordered, URL-safe, unguessable."""
import os
import re
import time

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_PATTERN = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def new_id(now_ms: int | None = None, entropy: bytes | None = None) -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, 26 characters of Crockford base32.
    With `entropy` (10+ bytes, e.g. a hash of file and row) the id is deterministic."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | int.from_bytes((entropy or os.urandom(10))[:10], "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value or ""))
