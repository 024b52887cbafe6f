"""A person's earlier leads, found without a scan, and the writes of a re-inquiry (domain/reinquiries.py).

Finding: the person's contact tokens (search table, whole words: the e-mail address, the phone
numbers) name their leads, newest first, at most TOKEN_READ_LIMIT per contact; each contact's
claim names the newest lead opened for it. The leads are then read by key, consistently.

Two first inquiries of one person arriving at once: a new lead is written only together with its
person's contact claims, each on condition that it is absent or still names the lead it named when
read. Of two such writes, one fails its condition; the intake reads again, finds the other's lead
and attaches to it (or links to it, for another make). Claims expire with the tenant's window
(the idempotency table's TTL); a claim naming a lead that was closed, converted, edited or
deleted since is simply replaced by the next new lead of that contact.
"""
import copy
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from . import keys
from . import leads as lead_store
from .consents import add_entries
from .lead_queries import read_tokens
from .models import AuditItem, ContactClaimItem, IdempotencyItem, LeadItem, bind_models
from .transactions import Transaction

TOKEN_READ_LIMIT = 20            # a person's newest leads per contact; older ones are outside any window


def claims_of(tenant: str, contacts: Iterable[str]) -> dict[str, str]:
    """contact -> the lead its claim names (read consistently: the race guard depends on it)."""
    bind_models()
    pks = {keys.contact_claim_pk(tenant, contact): contact for contact in contacts}
    if not pks:
        return {}
    return {pks[item.pk]: item.lead_id for item in ContactClaimItem.batch_get(list(pks), consistent_read=True)}


def leads_of(tenant: str, tokens: Iterable[str], lead_ids: Iterable[str] = ()) -> list[LeadItem]:
    """The leads whose tokens include one of these whole words, and the named ones, read by key."""
    found = list(lead_ids)
    for token in tokens:
        pairs, _, _ = read_tokens(tenant, token, exact=True, start_sk=None, limit=TOKEN_READ_LIMIT)
        found += [lead_id for _, lead_id in pairs]
    return list(lead_store.batch_get_leads(tenant, found, consistent=True).values()) if found else []


class Lookup:
    """How intake reads a person's claims and leads: straight from the tables, one inquiry at a time."""

    def claims_of(self, tenant: str, contacts: Iterable[str]) -> dict[str, str]:
        return claims_of(tenant, contacts)

    def leads_of(self, tenant: str, tokens: Iterable[str], lead_ids: Iterable[str] = ()) -> list[LeadItem]:
        return leads_of(tenant, tokens, lead_ids)


FROM_TABLES = Lookup()
QUERY_THREADS = 8          # token queries of a batch in flight at once
_pool: ThreadPoolExecutor | None = None


def _queries() -> ThreadPoolExecutor:
    """One pool for the process (a Lambda container's invocations too), its threads made once
    (botocore's client is safe to share between threads)."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=QUERY_THREADS, thread_name_prefix="token-query")
    return _pool


class Prefetched(Lookup):
    """The same reads for a batch of inquiries, made at once: every contact's claim and every lead
    found in batch reads, every token's query once, several in flight. It answers as the tables
    did when it was made, so it serves only reads made before the batch writes anything (an
    import's rows of one batch share no contact and no name: services/imports.py); a read it has
    not made goes to the tables."""

    def __init__(self, tenant: str, contacts: Iterable[str], tokens: Iterable[str]):
        self.tenant, self.asked = tenant, set(contacts)
        self.claims = claims_of(tenant, self.asked)
        tokens = list(dict.fromkeys(tokens))
        found = _queries().map(lambda token: read_tokens(tenant, token, exact=True, start_sk=None,
                                                         limit=TOKEN_READ_LIMIT)[0], tokens)
        self.hits = {token: [lead_id for _, lead_id in pairs] for token, pairs in zip(tokens, found)}
        ids = set(self.claims.values()) | {lead_id for hits in self.hits.values() for lead_id in hits}
        self.leads = lead_store.batch_get_leads(tenant, ids, consistent=True) if ids else {}
        self.read = ids                  # absent from self.leads: deleted meanwhile

    def claims_of(self, tenant: str, contacts: Iterable[str]) -> dict[str, str]:
        contacts = set(contacts)
        if tenant != self.tenant or not contacts <= self.asked:
            return claims_of(tenant, contacts)
        return {contact: lead_id for contact, lead_id in self.claims.items() if contact in contacts}

    def leads_of(self, tenant: str, tokens: Iterable[str], lead_ids: Iterable[str] = ()) -> list[LeadItem]:
        tokens = list(tokens)
        if tenant != self.tenant or any(token not in self.hits for token in tokens):
            return leads_of(tenant, tokens, lead_ids)
        wanted = list(lead_ids) + [lead_id for token in tokens for lead_id in self.hits[token]]
        unread = [lead_id for lead_id in wanted if lead_id not in self.read]
        if unread:
            self.leads.update(lead_store.batch_get_leads(tenant, unread, consistent=True))
            self.read.update(unread)
        # Each row gets its own copy, as its own read would: a touch or link changes the lead it
        # was given, and another row of the batch must see the lead as read, not as changed.
        return [copy.deepcopy(self.leads[lead_id]) for lead_id in dict.fromkeys(wanted) if lead_id in self.leads]


def claim(tenant: str, contact: str, lead_id: str, *, keep_seconds: int) -> ContactClaimItem:
    """The claim of a contact for a new lead, expiring once its window has passed."""
    return ContactClaimItem(keys.contact_claim_pk(tenant, contact), lead_id=lead_id,
                            expires_at=int(time.time()) + keep_seconds)


def insert_lead(item: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None,
                claims: Sequence[tuple[ContactClaimItem, str | None]],
                related: Sequence[tuple[LeadItem, AuditItem]] = (), *, consents: Sequence = ()) -> None:
    """A new lead with its contact claims (each only if still as read: tag "claim") and the open
    leads of the person it is linked to (each only if still at the version read: tag "related"),
    all or nothing."""
    bind_models()
    tx = Transaction()
    lead_store.add_new_lead(tx, item, audit, idempotency, consents=consents)
    for claim_item, named in claims:
        condition = (ContactClaimItem.pk.does_not_exist() if named is None
                     else ContactClaimItem.lead_id == named)
        tx.save(claim_item, condition=condition, tag="claim")
    for lead, lead_audit in related:
        lead_store.add_lead_save(tx, lead, tag="related")
        tx.save(lead_audit)
    lead_store.commit(tx)


def save_touch(lead: LeadItem, audit: AuditItem, idempotency: IdempotencyItem | None, *, once: bool,
               consents: Sequence = (), old_tokens: Sequence[str] | None = None) -> None:
    """A re-inquiry on an open lead: the lead only if still at the version read (tag "touched"),
    its audit entry (with `once`, only if that entry is not written yet: an import's row, whose
    entry key is the row's; tag "touch") and the sender's idempotency record."""
    bind_models()
    tx = Transaction()
    if idempotency is not None:
        lead_store.add_idempotency(tx, idempotency)
    lead_store.add_lead_save(tx, lead, tag="touched")
    if old_tokens is not None:          # the touch completed the lead: its search finds what it added
        lead_store.add_token_changes(tx, lead, old_tokens, tag="touched")
    tx.save(audit, condition=AuditItem.pk.does_not_exist() if once else None, tag="touch")
    add_entries(tx, consents, tag="touch")      # the re-inquiry's grants: keyed by its entry, written once too
    lead_store.commit(tx)
