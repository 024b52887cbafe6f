"""The consent ledger's storage: a person's entries (a lead's, a customer's) under one partition,
oldest first. Append-only: an entry is written only where no entry has its key, alone or in the
transaction of the change it belongs to; there is no update. Deleted only by an erasure
(delete_ledger)."""
from collections.abc import Iterable, Sequence

from . import batches, keys
from .models import ConsentItem, bind_models
from .transactions import ConditionFailed, Transaction

PAGE = 200
KINDS = ("lead", "customer")


class EntryExistsError(Exception):
    """An entry with this key is written already: the ledger is never overwritten."""


def new_entry(tenant: str, kind: str, entity_id: str, *, entry_id: str, at: str, **attributes) -> ConsentItem:
    """An entry not yet stored."""
    if kind not in KINDS:
        raise ValueError(f"a ledger belongs to a lead or a customer, not {kind!r}")
    return ConsentItem(keys.consent_pk(tenant, kind, entity_id), keys.consent_sk(at, entry_id),
                       entry_id=entry_id, at=at, **attributes)


def append_condition():
    """Write only where no entry has the key: the ledger's rule, and what makes a repeat harmless."""
    return ConsentItem.sk.does_not_exist()


def add_entries(tx: Transaction, entries: Iterable[ConsentItem], *, tag: str = "consent") -> None:
    """Put new entries into a caller's transaction, each only where none has its key."""
    for entry in entries:
        tx.save(entry, condition=append_condition(), tag=tag)


def append(entries: Sequence[ConsentItem]) -> None:
    """Write entries, all or nothing; EntryExistsError if one's key is taken."""
    bind_models()
    tx = Transaction()
    add_entries(tx, entries)
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise EntryExistsError(str(exc)) from exc


def append_each_once(entries: Sequence[ConsentItem]) -> int:
    """Write entries one by one where their key is free, skipping those written already (entries
    with deterministic keys, written again after an interruption); the number written."""
    bind_models()
    written = 0
    for entry in entries:
        tx = Transaction()
        add_entries(tx, [entry])
        try:
            tx.commit()
            written += 1
        except ConditionFailed:
            continue
    return written


def ledger(tenant: str, kind: str, entity_id: str) -> list[ConsentItem]:
    """Every entry of a lead's or a customer's ledger, oldest first (read consistently: a withdrawal
    just recorded counts at once)."""
    bind_models()
    return list(ConsentItem.query(keys.consent_pk(tenant, kind, entity_id), consistent_read=True, page_size=PAGE))


def delete_ledger(tenant: str, kind: str, entity_id: str) -> int:
    """Erasure only: delete a lead's or customer's whole ledger; the number of entries deleted."""
    bind_models()
    entries = ledger(tenant, kind, entity_id)
    for start in range(0, len(entries), batches.BATCH_ITEMS):
        with ConsentItem.batch_write() as batch:
            for entry in entries[start:start + batches.BATCH_ITEMS]:
                batch.delete(entry)
    return len(entries)


def append_with_lead(entries: Sequence[ConsentItem], lead, audit, *, customer_entries: Sequence[ConsentItem] = (),
                     customer_audit=None) -> None:
    """Entries on a lead's ledger with the lead's new consent section (only if the lead is still at
    the version read: tag "lead"), its audit entry, and the same entries on its customer's ledger,
    all or nothing. Raises leads.WriteConflict."""
    from . import leads as lead_store        # here: leads writes a new lead's entries through this module
    bind_models()
    tx = Transaction()
    lead_store.add_lead_save(tx, lead)
    add_entries(tx, [*entries, *customer_entries])
    tx.save(audit)
    if customer_audit is not None:
        tx.save(customer_audit)
    lead_store.commit(tx)


def append_with_audit(entries: Sequence[ConsentItem], audit) -> None:
    """Entries on a ledger with the audit entry that records them, all or nothing."""
    bind_models()
    tx = Transaction()
    add_entries(tx, entries)
    tx.save(audit)
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise EntryExistsError(str(exc)) from exc
