"""Lead storage: every write is one transaction over the lead, its search tokens and its audit entry."""
import time
from collections.abc import Iterable

from pynamodb.exceptions import DoesNotExist

from . import keys
from .models import AuditItem, IdempotencyItem, LeadItem, SearchTokenItem, bind_models
from .transactions import ConditionFailed, Transaction


class WriteConflict(Exception):
    """A condition of the write failed (the item exists already, or changed since it was read)."""

    def __init__(self, tags: set[str]):
        super().__init__(", ".join(sorted(tags)))
        self.tags = tags


def get_lead(tenant: str, lead_id: str) -> LeadItem | None:
    bind_models()
    try:
        return LeadItem.get(keys.lead_pk(tenant, lead_id), consistent_read=True)
    except DoesNotExist:
        return None


def batch_get_leads(tenant: str, lead_ids: Iterable[str], *, consistent: bool = False) -> dict[str, LeadItem]:
    bind_models()
    pks = [keys.lead_pk(tenant, lead_id) for lead_id in dict.fromkeys(lead_ids)]
    return {item.lead_id: item for item in LeadItem.batch_get(pks, consistent_read=consistent)}


def token_items(item: LeadItem, tokens: Iterable[str]) -> list[SearchTokenItem]:
    """The search-token items of a lead for the given tokens."""
    return [
        SearchTokenItem(keys.search_pk(item.tenant, token), f"{token}#{item.lead_id}",
                        entity_id=item.lead_id, received_at=item.received_at)
        for token in tokens
    ]


def _commit(tx: Transaction) -> None:
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise WriteConflict(exc.tags) from exc


def insert_lead(item: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None = None) -> None:
    """Create the lead (never over an existing one), its tokens, its audit entry, its key record."""
    bind_models()
    tx = Transaction()
    if idempotency is not None:
        tx.save(idempotency, condition=idempotency_condition(), tag="idempotency")
    tx.save(item, condition=LeadItem.pk.does_not_exist(), tag="lead")
    for token in token_items(item, item.tokens):
        tx.save(token)
    tx.save(audit)
    _commit(tx)


def replace_lead(item: LeadItem, old_tokens: list[str], audit: AuditItem) -> None:
    """Save a changed lead if its version is still the one read (VersionAttribute adds the check)."""
    bind_models()
    new, old = set(item.tokens), set(old_tokens)
    tx = Transaction()
    tx.save(item, tag="lead")
    # Unchanged tokens stay as they are: the received time they carry never changes.
    for token in token_items(item, sorted(old - new)):
        tx.delete(token)
    for token in token_items(item, sorted(new - old)):
        tx.save(token)
    tx.save(audit)
    _commit(tx)


def remove_lead(item: LeadItem, audit: AuditItem) -> None:
    """Delete the lead and its tokens; the audit entry saying who deleted it stays."""
    bind_models()
    tx = Transaction()
    lead_removal(item, audit).add_to(tx)
    _commit(tx)


class Write:
    """The items one lead's change touches, written together or not at all."""

    def __init__(self, key: str):
        self.key = key
        self.saves: list = []
        self.deletes: list = []

    def __len__(self) -> int:
        return len(self.saves) + len(self.deletes)

    def add_to(self, tx: Transaction) -> None:
        for model in self.saves:
            tx.save(model, tag=self.key)
        for model in self.deletes:
            tx.delete(model, tag=self.key)


def lead_change(item: LeadItem, audit: AuditItem) -> Write:
    write = Write(item.lead_id)
    write.saves = [item, audit]
    return write


def lead_removal(item: LeadItem, audit: AuditItem) -> Write:
    write = Write(item.lead_id)
    write.saves = [audit]
    write.deletes = [item, *token_items(item, item.tokens)]
    return write


MAX_TRANSACTION_ITEMS = 100


def write_each(writes: list[Write]) -> set[str]:
    """Write many leads' changes in as few transactions as fit; return the keys whose condition failed.

    Each Write stays atomic. A cancelled transaction names the writes that failed; those are
    reported and the others are written again in a new transaction.
    """
    bind_models()
    failed: set[str] = set()
    pending = list(writes)
    while pending:
        tx, batch = Transaction(), []
        while pending and len(tx) + len(pending[0]) <= MAX_TRANSACTION_ITEMS:
            batch.append(pending.pop(0))
            batch[-1].add_to(tx)
        try:
            tx.commit()
        except ConditionFailed as exc:
            failed |= exc.tags
            pending = [w for w in batch if w.key not in exc.tags] + pending
    return failed


def read_audit(tenant: str, entity: str, entity_id: str, *, limit: int,
               start: dict | None) -> tuple[list[AuditItem], dict | None]:
    bind_models()
    results = AuditItem.query(keys.audit_pk(tenant, entity, entity_id), scan_index_forward=False,
                              limit=limit, last_evaluated_key=start)
    entries = list(results)
    return entries, results.last_evaluated_key


def get_idempotency(pk: str) -> IdempotencyItem | None:
    """The record of an Idempotency-Key, unless it has expired (DynamoDB's TTL deletes lazily)."""
    bind_models()
    try:
        record = IdempotencyItem.get(pk, consistent_read=True)
    except DoesNotExist:
        return None
    return record if record.expires_at >= time.time() else None


def idempotency_condition():
    """Claim a key that is free or whose record has expired."""
    return IdempotencyItem.pk.does_not_exist() | (IdempotencyItem.expires_at < int(time.time()))
