"""Lead storage: every write is one transaction over the lead, its search tokens and its audit entry.

The index attributes of a lead (store/keys.py) are derived from its fields here, on every
write, so that no caller can store a lead whose list positions disagree with its fields.
"""
import time
from collections.abc import Iterable, Sequence

from pynamodb.exceptions import DoesNotExist

from . import batches, keys
from .consents import add_entries
from .models import AuditItem, IdempotencyItem, LeadItem, SearchTokenItem, bind_models
from .transactions import MAX_ITEMS, ConditionFailed, Transaction


class WriteConflict(Exception):
    """A condition of the write failed (the item exists already, or changed since it was read)."""

    def __init__(self, tags: set[str]):
        super().__init__(", ".join(sorted(tags)))
        self.tags = tags


def new_lead(tenant: str, lead_id: str, **attributes) -> LeadItem:
    """A lead item not yet stored."""
    return LeadItem(keys.lead_pk(tenant, lead_id), tenant=tenant, lead_id=lead_id, **attributes)


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


def _index(item: LeadItem) -> LeadItem:
    """Set every index attribute from the lead's current fields."""
    index_keys = keys.lead_index_keys(
        tenant=item.tenant, lead_id=item.lead_id, status=item.status,
        qualification=item.qualification, source=item.source, source_detail=item.source_detail,
        assignee=item.assignee, received_at=item.received_at, due_at=item.due_at,
        last_name=(item.data or {}).get("last_name") or (item.data or {}).get("company") or "",
        first_name=(item.data or {}).get("first_name"), needs_review=bool(item.problems))
    for name, value in index_keys.items():
        setattr(item, name, value)
    return item


def _commit(tx: Transaction) -> None:
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise WriteConflict(exc.tags) from exc


def insert_lead(item: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None = None, *,
                consents: Sequence = ()) -> None:
    """Create the lead (never over an existing one, at version 1), its tokens, its audit entry, its
    consent ledger's first entries and its idempotency record, all or nothing."""
    bind_models()
    tx = Transaction()
    add_new_lead(tx, item, audit, idempotency, consents=consents)
    _commit(tx)


def add_new_lead(tx: Transaction, item: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None = None,
                 *, tag: str = "lead", consents: Sequence = ()) -> None:
    """Put a new lead (never over an existing one, at version 1), its tokens, its audit entry, its
    consent ledger's first entries (store/consents.py) and its idempotency record into a caller's
    transaction."""
    if idempotency is not None:
        tx.save(idempotency, condition=idempotency_condition(), tag="idempotency")
    tx.save(_index(item), condition=LeadItem.pk.does_not_exist(), tag=tag)
    for token in token_items(item, item.tokens):
        tx.save(token)
    tx.save(audit)
    add_entries(tx, consents, tag=tag)


def commit(tx: Transaction) -> None:
    """Commit a transaction the leads' functions filled (raises WriteConflict)."""
    _commit(tx)


def existing_leads(tenant: str, lead_ids: Iterable[str]) -> set[str]:
    """Which of these leads exist (read consistently: a resumed import must see its own writes)."""
    return set(batch_get_leads(tenant, lead_ids, consistent=True))


def put_new_leads(leads: Sequence[tuple[LeadItem, AuditItem]], extra: Sequence = ()) -> int:
    """Write many new leads with batch writes: tokens and audit entries first, each lead item last,
    so that a lead that exists has all its items even if the writes stop midway. Only for leads
    no one else writes (an import's own rows, found absent first, under the import's lease):
    BatchWriteItem has no conditions. `extra` items (their contact claims) go before the leads too.
    Returns the number of requests."""
    bind_models()
    tokens, audits, items = [], [], []
    for item, audit in leads:
        item.version = 1                  # PynamoDB sets it only in save(); a batch write serialises as is
        tokens += token_items(item, item.tokens)
        audits.append(audit)
        items.append(_index(item))
    return batches.put_all(tokens + audits + list(extra) + items)


def replace_lead(item: LeadItem, old_tokens: list[str], audit: AuditItem) -> None:
    """Save a changed lead if its version is still the one read (VersionAttribute adds the check)."""
    bind_models()
    tx = Transaction()
    tx.save(_index(item), tag="lead")
    add_token_changes(tx, item, old_tokens)
    tx.save(audit)
    _commit(tx)


def add_token_changes(tx: Transaction, item: LeadItem, old_tokens: Iterable[str], *, tag: str = "") -> None:
    """The search-token items a lead's change adds and removes, with the lead's tag (a conflict on
    them is one on the lead); unchanged tokens stay as they are (the received time they carry never
    changes)."""
    new, old = set(item.tokens), set(old_tokens)
    for token in token_items(item, sorted(old - new)):
        tx.delete(token, tag=tag)
    for token in token_items(item, sorted(new - old)):
        tx.save(token, tag=tag)


def save_escalation(item: LeadItem, audits: Sequence[AuditItem]) -> None:
    """Save the steps taken on a lead (and a reassignment) with their audit entries, only if the
    lead is still at the version read: of two sweeps that read it at once, one writes and the
    other gets WriteConflict (VersionAttribute adds the check)."""
    bind_models()
    tx = Transaction()
    tx.save(_index(item), tag="lead")
    for audit in audits:
        tx.save(audit)
    _commit(tx)


def save_contact(item: LeadItem, audit: AuditItem, *, lead_changed: bool) -> None:
    """Log a contact on a lead only if the lead is still at the version read: with the lead when
    the contact changed it (its first contact), else with a check of the version alone, so that an
    attempt logged leaves the lead (and the version others edit) as it was."""
    bind_models()
    tx = Transaction()
    if lead_changed:
        tx.save(_index(item), tag="lead")
    else:
        tx.check(LeadItem, item.pk, condition=LeadItem.version == item.version, tag="lead")
    tx.save(audit)
    _commit(tx)


def save_linked_leads(changed: Sequence[tuple[LeadItem, AuditItem]], *,
                      created: tuple[LeadItem, AuditItem] | None = None, created_consents: Sequence = ()) -> None:
    """Leads of two tenants that change together (an importer's lead and its dealer's copy): each
    changed lead only if still at the version read, a created one only if its id is free, with
    their audit entries, all or nothing. WriteConflict names "created" or the changed lead's id."""
    bind_models()
    tx = Transaction()
    if created is not None:
        item, audit = created
        tx.save(_index(item), condition=LeadItem.pk.does_not_exist(), tag="created")
        for token in token_items(item, item.tokens):
            tx.save(token)
        tx.save(audit)
        add_entries(tx, created_consents, tag="created")       # its consent ledger's first entries
    for item, audit in changed:
        tx.save(_index(item), tag=item.pk)
        tx.save(audit)
    _commit(tx)


def remove_lead(item: LeadItem, audit: AuditItem) -> None:
    """Delete the lead and its tokens; the audit entry saying who deleted it stays."""
    bind_models()
    tx = Transaction()
    lead_removal(item, audit).add_to(tx)
    _commit(tx)


def add_lead_save(tx: Transaction, item: LeadItem, *, tag: str = "lead") -> None:
    """Put a changed lead into a caller's transaction (version-checked), its index kept right."""
    tx.save(_index(item), tag=tag)


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
    write.saves = [_index(item), audit]
    return write


def lead_removal(item: LeadItem, audit: AuditItem) -> Write:
    write = Write(item.lead_id)
    write.saves = [audit]
    write.deletes = [item, *token_items(item, item.tokens)]
    return write


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
        while pending and len(tx) + len(pending[0]) <= MAX_ITEMS:
            batch.append(pending.pop(0))
            batch[-1].add_to(tx)
        try:
            tx.commit()
        except ConditionFailed as exc:
            failed |= exc.tags
            pending = [w for w in batch if w.key not in exc.tags] + pending
    return failed


# ---------------------------------------------------------------- idempotency records


def idempotency_record(pk: str, *, request_hash: str, status_code: int, response: dict,
                       ttl_seconds: int, lead: tuple[str, str] | None = None) -> IdempotencyItem:
    """The first answer to a retryable write, to be written in the write's own transaction. `lead`
    (tenant, lead id): the lead the answer copies, so that an erasure finds the record by key."""
    return IdempotencyItem(pk, request_hash=request_hash, status_code=status_code, response=response,
                           expires_at=int(time.time()) + ttl_seconds,
                           lead_pk=keys.lead_pk(*lead) if lead else None)


def add_idempotency(tx: Transaction, record: IdempotencyItem) -> None:
    """Claim an idempotency key in a caller's transaction (fails the transaction if it is taken)."""
    tx.save(record, condition=idempotency_condition(), tag="idempotency")


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
