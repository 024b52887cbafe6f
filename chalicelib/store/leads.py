"""Lead storage: every write is one transaction over the lead, its search tokens and its audit entry."""
from collections.abc import Iterable

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from . import keys
from .models import AuditItem, IdempotencyItem, LeadItem, SearchTokenItem, bind_models, transaction_connection


class WriteConflict(Exception):
    """A condition of the transaction failed: `reasons` lists each item's cancellation code."""

    def __init__(self, reasons: list[str | None]):
        super().__init__(", ".join(str(r) for r in reasons))
        self.reasons = reasons


def get_lead(tenant: str, lead_id: str) -> LeadItem | None:
    bind_models()
    try:
        return LeadItem.get(keys.lead_pk(tenant, lead_id), consistent_read=True)
    except DoesNotExist:
        return None


def batch_get_leads(tenant: str, lead_ids: Iterable[str]) -> dict[str, LeadItem]:
    bind_models()
    pks = [keys.lead_pk(tenant, lead_id) for lead_id in dict.fromkeys(lead_ids)]
    return {item.lead_id: item for item in LeadItem.batch_get(pks)}


def _token_items(item: LeadItem, tokens: Iterable[str]) -> list[SearchTokenItem]:
    return [
        SearchTokenItem(keys.search_pk(item.tenant, token), f"{token}#{item.lead_id}",
                        lead_id=item.lead_id, received_at=item.received_at)
        for token in tokens
    ]


def _run(operations) -> None:
    try:
        with TransactWrite(connection=transaction_connection()) as transaction:
            operations(transaction)
    except TransactWriteError as exc:
        reasons = [getattr(r, "code", None) if r else None for r in (exc.cancellation_reasons or [])]
        if any(r == "ConditionalCheckFailed" for r in reasons):
            raise WriteConflict(reasons) from exc
        raise


def insert_lead(item: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None = None) -> None:
    """Create the lead (never over an existing one), its tokens, its audit entry, its key record."""
    bind_models()

    def operations(t):
        if idempotency is not None:
            t.save(idempotency, condition=IdempotencyItem.pk.does_not_exist())
        t.save(item, condition=LeadItem.pk.does_not_exist())
        for token in _token_items(item, item.tokens):
            t.save(token)
        t.save(audit)
    _run(operations)


def replace_lead(item: LeadItem, old_tokens: list[str], audit: AuditItem) -> None:
    """Save a changed lead if its version is still the one read (VersionAttribute adds the check)."""
    bind_models()
    new, old = set(item.tokens), set(old_tokens)
    # The received time of unchanged tokens is immutable, so they stay as they are.
    def operations(t):
        t.save(item)
        for token in _token_items(item, sorted(old - new)):
            t.delete(token)
        for token in _token_items(item, sorted(new - old)):
            t.save(token)
        t.save(audit)
    _run(operations)


def remove_lead(item: LeadItem, audit: AuditItem) -> None:
    """Delete the lead and its tokens; the audit entry saying who deleted it stays."""
    bind_models()
    _run(lead_removal(item, audit).apply)


class Write:
    """The items one lead's change touches, written together or not at all."""

    def __init__(self, key: str):
        self.key = key
        self.saves: list = []
        self.deletes: list = []

    def __len__(self) -> int:
        return len(self.saves) + len(self.deletes)

    def apply(self, t) -> None:
        for model in self.saves:
            t.save(model)
        for model in self.deletes:
            t.delete(model)


def lead_change(item: LeadItem, audit: AuditItem) -> Write:
    write = Write(item.lead_id)
    write.saves = [item, audit]
    return write


def lead_removal(item: LeadItem, audit: AuditItem) -> Write:
    write = Write(item.lead_id)
    write.saves = [audit]
    write.deletes = [item, *_token_items(item, item.tokens)]
    return write


MAX_TRANSACTION_ITEMS = 100


def write_each(writes: list[Write]) -> set[str]:
    """Write many leads' changes in as few transactions as fit; return the keys whose condition failed.

    Each Write stays atomic. A cancelled transaction names the items that failed; those writes
    are reported and the others are written again in a new transaction.
    """
    bind_models()
    failed: set[str] = set()
    pending = list(writes)
    while pending:
        batch, size = [], 0
        while pending and size + len(pending[0]) <= MAX_TRANSACTION_ITEMS:
            size += len(pending[0])
            batch.append(pending.pop(0))
        try:
            _run(lambda t: [w.apply(t) for w in batch])
        except WriteConflict as exc:
            position, retry = 0, []
            for write in batch:
                codes = exc.reasons[position:position + len(write)]
                position += len(write)
                (failed.add(write.key) if "ConditionalCheckFailed" in codes else retry.append(write))
            pending = retry + pending
    return failed


def read_audit(tenant: str, entity: str, entity_id: str, *, limit: int,
               start: dict | None) -> tuple[list[AuditItem], dict | None]:
    bind_models()
    results = AuditItem.query(keys.audit_pk(tenant, entity, entity_id), scan_index_forward=False,
                              limit=limit, last_evaluated_key=start)
    entries = list(results)
    return entries, results.last_evaluated_key


def get_idempotency(pk: str) -> IdempotencyItem | None:
    bind_models()
    try:
        return IdempotencyItem.get(pk, consistent_read=True)
    except DoesNotExist:
        return None
