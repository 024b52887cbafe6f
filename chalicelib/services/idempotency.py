"""Idempotency-Key handling shared by every retryable write: the record is written in the same
transaction as the write it stands for, so a retry finds either both or neither."""
import hashlib
import json

from ..domain.permissions import Caller
from ..errors import BadRequestError, IdempotencyMismatchError
from ..store import keys
from ..store.models import IdempotencyItem
from .replies import Reply

IDEMPOTENCY_TTL_SECONDS = 24 * 3600


def request_hash(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def idempotency_pk(caller: Caller, operation: str, key: str, *, subject: str | None = None) -> str:
    """The record of an Idempotency-Key: per principal, operation and (e.g. for a conversion) lead."""
    if not (1 <= len(key) <= 128) or not key.isprintable():
        raise BadRequestError("Idempotency-Key must be 1 to 128 printable characters")
    return keys.idempotency_pk(caller.tenant, caller.principal, operation, key, subject)


def replay(record: IdempotencyItem, body_hash: str) -> Reply:
    if record.request_hash != body_hash:
        raise IdempotencyMismatchError("this Idempotency-Key was used with a different request body; use a new key")
    return Reply(record.response, record.status_code, replayed=True)
