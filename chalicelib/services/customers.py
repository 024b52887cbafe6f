"""The customer master (Kundenstamm): create, edit, search, bulk load from a dealer management system."""
import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from ..domain import matching
from ..domain.ids import is_valid_id, new_id
from ..domain.permissions import Caller
from ..domain.person import Person, ShortText
from ..domain.search import lead_tokens, query_terms
from ..errors import BadRequestError, InvalidInputError, NotFoundError, StaleVersionError, VersionRequiredError
from ..store import customers as store
from ..store import keys
from ..store.leads import read_audit
from ..store.models import AuditItem, CustomerItem
from ..store.models import MatchKeyItem
from ..store.transactions import ConditionFailed
from ..validation import field_errors, validate
from .tenants import load_tenant

MAX_BULK = 1000


class CustomerInput(Person):
    """A customer's person fields; a last name at least (dealer systems often lack contact data)."""
    last_name: ShortText


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def customer_view(item: CustomerItem) -> dict:
    return {"id": item.customer_id, **item.data, "external_id": item.external_id, "version": item.version,
            "created_at": item.created_at, "created_by": item.created_by,
            "updated_at": item.updated_at, "updated_by": item.updated_by}


def derived(data: dict) -> tuple[set[str], str | None, list[str]]:
    """Match keys, surname code and search tokens of a customer's person data."""
    profile = matching.Profile.of(data)
    tokens = lead_tokens(first_name=data.get("first_name"), last_name=data.get("last_name"),
                         city=data.get("city"), email=data.get("email"), phone=data.get("phone"))
    return matching.customer_keys(profile), matching.surname_code(profile), tokens


def audit_entry(caller: Caller, customer_id: str, action: str, now: dt.datetime, changes: list[dict],
                channel: str = "api") -> AuditItem:
    return AuditItem(keys.audit_pk(caller.tenant, "customer", customer_id), f"{keys.iso(now)}#{new_id()}",
                     action=action, actor=caller.user, role=caller.role, channel=channel, at=keys.iso(now),
                     changes=changes)


def _changes(old: dict, new: dict) -> list[dict]:
    return [{"field": f, "old": old.get(f), "new": new.get(f)} for f in sorted(set(old) | set(new))
            if old.get(f) != new.get(f)]


def add_new(write: store.MasterWrite, caller: Caller, data: dict, *, now: dt.datetime,
            external_id: str | None = None, channel: str = "api") -> CustomerItem:
    """Put a new customer and everything that indexes it into `write`."""
    customer_id = new_id()
    match_keys, surname, tokens = derived(data)
    item = CustomerItem(keys.entity_pk(caller.tenant, customer_id), tenant=caller.tenant, customer_id=customer_id,
                        data=data, external_id=external_id, match_keys=sorted(match_keys), surname_code=surname,
                        tokens=tokens, recent_sk=f"{keys.iso(now)}#{customer_id}", created_at=keys.iso(now),
                        created_by=caller.user, updated_at=keys.iso(now), updated_by=caller.user)
    write.save(item, condition=CustomerItem.pk.does_not_exist(), tag=f"customer:{customer_id}")
    write.customer_keys_changed(customer_id, set(), match_keys)
    write.tokens_changed(customer_id, item.created_at, [], tokens)
    write.bump(store.total_shard(), n=1)
    if surname:
        write.bump(f"s:{surname}", n=1)
    if external_id:
        write.claim_external_id(external_id, customer_id)
    write.save(audit_entry(caller, customer_id, "created", now, _changes({}, data), channel))
    return item


def change(write: store.MasterWrite, caller: Caller, item: CustomerItem, data: dict, *, now: dt.datetime,
           channel: str = "api") -> list[dict]:
    """Put a customer's new person data (version-checked) and its re-indexing into `write`."""
    changes = _changes(item.data, data)
    if not changes:
        return []
    old_keys, old_surname, old_tokens = set(item.match_keys), item.surname_code, list(item.tokens)
    match_keys, surname, tokens = derived(data)
    item.data, item.match_keys, item.surname_code, item.tokens = data, sorted(match_keys), surname, tokens
    item.updated_at, item.updated_by = keys.iso(now), caller.user
    write.save(item, tag=f"customer:{item.customer_id}")
    write.customer_keys_changed(item.customer_id, old_keys, match_keys)
    write.tokens_changed(item.customer_id, item.created_at, old_tokens, tokens)
    if surname != old_surname:
        if old_surname:
            write.bump(f"s:{old_surname}", n=-1)
        if surname:
            write.bump(f"s:{surname}", n=1)
    write.save(audit_entry(caller, item.customer_id, "updated", now, changes, channel))
    return changes


def _validated(payload: dict, caller: Caller, read_only=("id", "version", "external_id", "created_at",
                                                          "created_by", "updated_at", "updated_by")) -> dict:
    errors = [{"field": f, "message": "is set by leadflow and cannot be written", "type": "read_only"}
              for f in payload if f in read_only]
    if errors:
        raise InvalidInputError("the request writes read-only fields", errors)
    tenant = load_tenant(caller.tenant)
    customer = validate(CustomerInput, payload, {"country": tenant.country}, "the customer breaks a validation rule")
    return customer.model_dump(mode="json")


def load(caller: Caller, customer_id: str) -> CustomerItem:
    item = store.get_customer(caller.tenant, customer_id) if is_valid_id(customer_id) else None
    if item is None:
        raise NotFoundError("customer not found")
    return item


def create_customer(caller: Caller, payload: dict) -> dict:
    data = _validated(payload, caller)
    write = store.MasterWrite(caller.tenant)
    item = add_new(write, caller, data, now=_now())
    store.commit(write)
    item.version = 1
    return customer_view(item)


def get_customer(caller: Caller, customer_id: str) -> dict:
    return customer_view(load(caller, customer_id))


def update_customer(caller: Caller, customer_id: str, patch: dict, *, expected_version: int | None) -> dict:
    item = load(caller, customer_id)
    if "version" in patch:
        body_version = patch.pop("version")
        expected_version = expected_version if expected_version is not None else body_version
    if expected_version is None:
        raise VersionRequiredError("send the version you edited in If-Match (or as \"version\")",
                                   current_version=item.version)
    if expected_version != item.version:
        raise StaleVersionError("the customer changed since you read it", current_version=item.version)
    merged = {k: v for k, v in {**item.data, **patch}.items() if v is not None}
    data = _validated(merged, caller)
    write = store.MasterWrite(caller.tenant)
    if not change(write, caller, item, data, now=_now()):
        return customer_view(item)                   # nothing changed: nothing to write
    try:
        store.commit(write)
    except ConditionFailed:
        current = store.get_customer(caller.tenant, customer_id)
        raise StaleVersionError("the customer changed while you were saving",
                                current_version=current.version if current else None) from None
    return customer_view(item)


def customer_log(caller: Caller, customer_id: str) -> dict:
    load(caller, customer_id)
    entries, _ = read_audit(caller.tenant, "customer", customer_id, limit=100, start=None)
    return {"customer_id": customer_id,
            "items": [{"at": e.at, "action": e.action, "actor": e.actor, "role": e.role, "channel": e.channel,
                       "changes": e.changes} for e in entries]}


def search_customers(caller: Caller, q: str | None, page_size: int) -> dict:
    """Newest first, or by free text over name, e-mail, phone and city (umlaut-insensitive)."""
    if not q:
        items, _ = store.customers_by_recent(caller.tenant, limit=page_size, start=None)
        return {"items": [customer_view(i) for i in items], "meta": {"items_read": len(items)}}
    terms = query_terms(q)[:5]
    if not terms or any(len(t) < 2 for t in terms) or any(t.isdigit() and len(t) < keys.SEARCH_DIGIT_PREFIX for t in terms):
        raise BadRequestError(f"q needs words of at least 2 letters, or at least {keys.SEARCH_DIGIT_PREFIX} digits of a phone number")
    matches, read = None, 0
    for term in terms:
        found, scanned = store.find_customer_tokens(caller.tenant, term, 200)
        read += scanned
        matches = found if matches is None else {k: v for k, v in matches.items() if k in found}
    ranked = sorted(matches, key=lambda cid: matches[cid], reverse=True)[:page_size]
    found = store.batch_get_customers(caller.tenant, ranked)
    return {"items": [customer_view(found[c]) for c in ranked if c in found],
            "meta": {"items_read": read + len(found), "candidates": len(matches)}}


# ------------------------------------------------------------------ bulk load


@dataclass
class _Row:
    index: int
    external_id: str
    data: dict | None = None
    result: str = ""
    customer_id: str | None = None
    errors: list | None = None


_EXTERNAL_ID_REQUIRED = {"field": "external_id", "message": "required (the id in your system)", "type": "missing"}


def _missing_external_id(raw) -> bool:
    return not isinstance(raw, dict) or not isinstance(raw.get("external_id"), str) or not raw["external_id"].strip()


def _valid_customer(tenant, raw: dict) -> dict:
    payload = {k: v for k, v in raw.items() if k != "external_id"}
    return CustomerInput.model_validate(payload, context={"country": tenant.country}).model_dump(mode="json")


def check_customer(tenant, raw: dict) -> list[dict]:
    """What bulk_load would reject this row for, without loading it (a resumed import's report)."""
    if _missing_external_id(raw):
        return [_EXTERNAL_ID_REQUIRED]
    try:
        _valid_customer(tenant, raw)
    except ValidationError as exc:
        return field_errors(exc)
    return []


def bulk_load(caller: Caller, items: list[dict], *, channel: str = "api") -> dict:
    """Load up to 1,000 customers, each validated like a single one; idempotent by external_id:
    a known one is updated if its data changed, else left as it is."""
    if not 1 <= len(items) <= MAX_BULK:
        raise InvalidInputError("invalid bulk", [{"field": "customers", "type": "too_long",
                                                  "message": f"send 1 to {MAX_BULK} customers"}])
    tenant = load_tenant(caller.tenant)
    rows, seen = [], set()
    for index, raw in enumerate(items):
        row = _Row(index, "")
        rows.append(row)
        if _missing_external_id(raw):
            row.result, row.errors = "rejected", [_EXTERNAL_ID_REQUIRED]
            continue
        row.external_id = raw["external_id"].strip()[:100]
        if row.external_id in seen:
            row.result, row.errors = "rejected", [{"field": "external_id", "message": "appears twice in this call", "type": "duplicate"}]
            continue
        seen.add(row.external_id)
        try:
            row.data = _valid_customer(tenant, raw)
        except ValidationError as exc:      # reported on its row, never raised
            row.result, row.errors = "rejected", field_errors(exc)
    valid = [r for r in rows if r.data is not None]
    refs = _known_refs(caller.tenant, [r.external_id for r in valid])
    existing = store.batch_get_customers(caller.tenant, [c for c in refs.values()])
    now = _now()
    pending: list[tuple[_Row, store.MasterWrite]] = []
    for row in valid:
        write = store.MasterWrite(caller.tenant)
        known = existing.get(refs.get(row.external_id, ""))
        if known is not None:
            row.customer_id = known.customer_id
            row.result = "updated" if change(write, caller, known, row.data, now=now, channel=channel) else "unchanged"
        else:
            row.customer_id = add_new(write, caller, row.data, now=now, external_id=row.external_id,
                                      channel=channel).customer_id
            row.result = "created"
        if write.size():
            pending.append((row, write))
    _commit_in_batches(caller.tenant, pending)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.result] = counts.get(row.result, 0) + 1
    return {"results": [{"index": r.index, "external_id": r.external_id or None, "result": r.result,
                         "customer_id": r.customer_id, **({"errors": r.errors} if r.errors else {})} for r in rows],
            "counts": counts}


def _known_refs(tenant: str, external_ids: list[str]) -> dict[str, str]:
    store.bind_models()
    pks = [(keys.match_pk(tenant, f"x:{e}"), keys.HEAD) for e in external_ids]
    return {item.pk.split("#x:", 1)[1]: item.customer_id for item in MatchKeyItem.batch_get(pks, consistent_read=True)}


def _commit_in_batches(tenant: str, pending: list) -> None:
    """Pack customers into transactions of up to 100 items, merging their counter updates; a batch
    that fails (e.g. a concurrent load claimed an external id) is retried one customer at a time."""
    batch: list = []
    merged = store.MasterWrite(tenant)

    def flush():
        nonlocal batch, merged
        if not batch:
            return
        try:
            store.commit(merged)
        except ConditionFailed:
            for row, write in batch:
                try:
                    store.commit(write)
                except ConditionFailed:
                    row.result, row.customer_id = "conflict", None
                    row.errors = [{"field": "external_id", "type": "conflict",
                                   "message": "written concurrently by another load; send it again"}]
        batch, merged = [], store.MasterWrite(tenant)

    for row, write in pending:
        if merged.size() + write.size() > 95:
            flush()
        batch.append((row, write))
        merged.saves += write.saves
        merged.deletes += write.deletes
        for key, head in write.heads.items():
            target = merged.heads[key]
            target["v"] += head["v"]
            target["n"] += head["n"]
            target["create_ref"] = head["create_ref"] or target["create_ref"]
    flush()

