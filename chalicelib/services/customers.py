"""The customer master (Kundenstamm): create, edit, search, bulk load from a dealer management system."""
import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, create_model, model_validator

from ..domain import permissions
from ..domain.ids import is_valid_id, new_id
from ..domain.person import PERSON_FIELDS, Person
from ..domain.permissions import Caller
from ..domain.review import IdentifiesNobodyError, bounded, from_reader, problem, settle_problems, validate_machine_record
from ..domain.search import person_tokens, query_terms
from ..domain.versions import require_version
from ..errors import BadRequestError, InvalidInputError, NotFoundError, StaleVersionError
from ..store import audit as audit_store
from ..store import customers as store
from ..store import keys
from ..store.models import CustomerItem
from ..store.transactions import ConditionFailed
from ..validation import Schema, validate
from .cursors import decode_cursor, encode_cursor
from .tenants import Tenant, load_tenant

MAX_BULK = 1000
REINDEX_PAGE = 100          # customers a reindex call derives anew (each at most one transaction)
READ_ONLY = frozenset({"id", "version", "external_id", "created_at", "created_by", "updated_at", "updated_by",
                       "needs_review", "problems"})


class CustomerInput(Person):
    """A customer's person fields: a last name or a company (dealer systems often lack contact data)."""

    READ_ONLY: ClassVar[frozenset[str]] = READ_ONLY

    @model_validator(mode="after")
    def _customer_rules(self, info: ValidationInfo):
        self.check_record(info, needs_contact=False)
        return self


class _PatchBase(Schema):
    model_config = ConfigDict(extra="forbid")
    READ_ONLY: ClassVar[frozenset[str]] = READ_ONLY - {"version"}


CustomerPatch = create_model(
    "CustomerPatch", __base__=_PatchBase,
    __doc__="Changed person fields at the version read; null clears one.",
    version=(int | None, None),
    **{name: (f.annotation | None, None) for name, f in Person.model_fields.items()},
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def customer_view(item: CustomerItem) -> dict:
    return {"id": item.customer_id, **item.data, "external_id": item.external_id,
            "needs_review": bool(item.problems), "problems": list(item.problems or []), "version": item.version,
            "created_at": item.created_at, "created_by": item.created_by,
            "updated_at": item.updated_at, "updated_by": item.updated_by}


def validation_context(caller: Caller) -> dict:
    return {"country": load_tenant(caller.tenant).country, "problems": []}


def derived(data: dict, problems: list[dict] = ()) -> tuple[set[str], str | None, list[str]]:
    """Match keys, surname codes (space-separated, one per part of the surname) and search tokens
    of a customer's person data; a phone kept only as a problem still makes a match key."""
    from ..domain import matching  # loaded by the writes that need it, not with the app

    profile = matching.Profile.of(data, problems)
    codes = " ".join(sorted(set(matching.surname_codes(profile)))) or None
    return matching.customer_keys(profile), codes, person_tokens(data)


def _bump_surnames(write: store.MasterWrite, codes: str | None, n: int) -> None:
    for code in (codes or "").split():
        write.bump(f"s:{code}", n=n)


def audit_entry(caller: Caller, customer_id: str, action: str, now: dt.datetime, changes: list[dict],
                channel: str = "api"):
    return audit_store.entry(caller.tenant, "customer", customer_id, action=action, actor=caller.user,
                             role=caller.role, channel=channel, at=keys.iso(now), changes=changes, entry_id=new_id())


def _changes(old: dict, new: dict) -> list[dict]:
    return [{"field": f, "old": old.get(f), "new": new.get(f)} for f in sorted(set(old) | set(new))
            if old.get(f) != new.get(f)]


def add_new(write: store.MasterWrite, caller: Caller, data: dict, *, now: dt.datetime,
            external_id: str | None = None, channel: str = "api", problems: list[dict] = (),
            origin: dict | None = None) -> CustomerItem:
    """Put a new customer and everything that indexes it into `write`; `origin` names the file row
    it came from (its log keeps it: the access export shows the row, the erasure blanks it)."""
    customer_id = new_id()
    match_keys, surname, tokens = derived(data, problems)
    item = store.new_customer(caller.tenant, customer_id, data=data, external_id=external_id,
                              match_keys=sorted(match_keys), surname_code=surname, tokens=tokens,
                              problems=list(problems), created_at=keys.iso(now), created_by=caller.user)
    write.create_customer(item)
    write.customer_keys_changed(customer_id, set(), match_keys)
    write.tokens_changed(customer_id, item.created_at, [], tokens)
    write.bump(store.total_shard(), n=1)
    _bump_surnames(write, surname, 1)
    if external_id:
        write.claim_external_id(external_id, customer_id)
    changes = _changes({}, data) + ([{"field": "problems", "old": None, "new": list(problems)}] if problems else [])
    write.save(audit_entry(caller, customer_id, "created", now, changes + _origin(origin), channel))
    return item


def change(write: store.MasterWrite, caller: Caller, item: CustomerItem, data: dict, *, now: dt.datetime,
           channel: str = "api", problems: list[dict] | None = None, origin: dict | None = None) -> list[dict]:
    """Put a customer's new person data (version-checked) and its re-indexing into `write`."""
    changes = _changes(item.data, data)
    if problems is not None and problems != list(item.problems or []):
        changes.append({"field": "problems", "old": list(item.problems or []), "new": problems})
        item.problems = problems
    if not changes:
        return []
    item.data, item.updated_at, item.updated_by = data, keys.iso(now), caller.user
    _derive_anew(write, item)
    write.save(audit_entry(caller, item.customer_id, "updated", now, changes + _origin(origin), channel))
    return changes


def _derive_anew(write: store.MasterWrite, item: CustomerItem) -> bool:
    """Put the customer (at the version read) with its match keys, surname codes and search
    tokens derived anew from its data, and the index changes, into `write`; whether any changed."""
    old_keys, old_surname, old_tokens = set(item.match_keys), item.surname_code, list(item.tokens)
    match_keys, surname, tokens = derived(item.data, item.problems or [])
    item.match_keys, item.surname_code, item.tokens = sorted(match_keys), surname, tokens
    write.update_customer(item)
    write.customer_keys_changed(item.customer_id, old_keys, match_keys)
    write.tokens_changed(item.customer_id, item.created_at, old_tokens, tokens)
    if surname != old_surname:
        _bump_surnames(write, old_surname, -1)
        _bump_surnames(write, surname, 1)
    return (old_keys, old_surname, sorted(old_tokens)) != (match_keys, surname, sorted(tokens))


def reindex(caller: Caller, cursor: str | None, page_size: int = REINDEX_PAGE) -> dict:
    """Derive the match keys, surname codes and search tokens of a page of customers anew from
    their stored data, newest first: after the rules that derive them changed (a new key, a letter
    folded otherwise) a customer saved before is found as one saved now. Writes only what is
    stale, one transaction per customer at the version read; a customer edited meanwhile was
    derived anew by that edit. `next_cursor` goes on; none when the master is done."""
    start = decode_cursor(cursor, "reindex", caller.tenant, set(store.RECENT_KEY)) if cursor else None
    try:
        items, last = store.customers_by_recent(caller.tenant, limit=page_size, start=start)
    except ValueError:
        raise BadRequestError("the cursor is not valid: send the next_cursor of the last answer, or none") from None
    reindexed = edited = 0
    for item in items:
        write = store.MasterWrite(caller.tenant)
        if not _derive_anew(write, item):
            continue
        try:
            store.commit(write)
            reindexed += 1
        except ConditionFailed:
            edited += 1
    return {"checked": len(items), "reindexed": reindexed, "edited_meanwhile": edited,
            "next_cursor": encode_cursor("reindex", caller.tenant, last) if last else None}


def _origin(origin: dict | None) -> list[dict]:
    return [{"field": "origin", "old": None, "new": origin}] if origin else []


def load(caller: Caller, customer_id: str) -> CustomerItem:
    item = store.get_customer(caller.tenant, customer_id) if is_valid_id(customer_id) else None
    if item is None:
        raise NotFoundError("customer not found")
    return item


def create_customer(caller: Caller, customer: CustomerInput) -> dict:
    """A customer a person typed (validated at the API's edge)."""
    write = store.MasterWrite(caller.tenant)
    item = add_new(write, caller, customer.model_dump(mode="json"), now=_now(), problems=customer.doubts)
    store.commit(write)
    item.version = 1
    return customer_view(item)


def get_customer(caller: Caller, customer_id: str) -> dict:
    return customer_view(load(caller, customer_id))


def update_customer(caller: Caller, customer_id: str, body: BaseModel, *, expected_version: int | None) -> dict:
    """A person's edit: the changed fields at the version read; what they write settles its problems."""
    item = load(caller, customer_id)
    patch = body.model_dump(mode="json", exclude_unset=True)
    body_version = patch.pop("version", None)
    require_version(item.version, expected_version if expected_version is not None else body_version, "customer")
    merged = {k: v for k, v in {**item.data, **patch}.items() if v is not None}
    doubts: list[dict] = []
    waive = {p["rule"] for p in item.problems or [] if p.get("rule")}
    customer = validate(CustomerInput, merged, {"country": load_tenant(caller.tenant).country, "problems": doubts,
                                                "waive": waive, "stored": item.data},
                        "the customer breaks a validation rule")
    problems = settle_problems(list(item.problems or []), set(patch), doubts)
    write = store.MasterWrite(caller.tenant)
    if not change(write, caller, item, customer.model_dump(mode="json"), now=_now(), problems=problems):
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
    entries, _ = audit_store.read(caller.tenant, "customer", customer_id, limit=100, start=None)
    return {"customer_id": customer_id, "items": [audit_store.view(e) for e in entries]}


def search_customers(caller: Caller, q: str | None, page_size: int, cursor: str | None = None) -> dict:
    """Newest first, or by free text over name, company, e-mail, phone and city (umlaut-insensitive);
    a page's next_cursor goes on from it."""
    if not q:
        start = decode_cursor(cursor, "customers", caller.tenant, set(store.RECENT_KEY)) if cursor else None
        try:
            items, last = store.customers_by_recent(caller.tenant, limit=page_size, start=start)
        except ValueError:
            raise BadRequestError("the cursor is not valid for this query; start again without it") from None
        return {"items": [customer_view(i) for i in items], "meta": {"items_read": len(items)},
                "next_cursor": encode_cursor("customers", caller.tenant, last) if last and items else None}
    terms = query_terms(q)[:5]
    if not terms or any(len(t) < 2 for t in terms) or any(t.isdigit() and len(t) < keys.SEARCH_DIGIT_PREFIX for t in terms):
        raise InvalidInputError("a query parameter is not valid", [{
            "field": "q", "type": "value_error",
            "message": f"needs words of at least 2 letters, or at least {keys.SEARCH_DIGIT_PREFIX} digits of a phone number"}])
    matches, read = None, 0
    for term in terms:
        found, scanned = store.find_customer_tokens(caller.tenant, term, 200)
        read += scanned
        matches = found if matches is None else {k: v for k, v in matches.items() if k in found}
    fingerprint = f"{caller.tenant}|{' '.join(terms)}"
    at = decode_cursor(cursor, "customer-search", fingerprint, {"at"})["at"]["S"] if cursor else "0"
    if not (at.isdigit() and len(at) <= 6):
        raise BadRequestError("the cursor is not valid for this query; start again without it")
    offset = int(at)
    order = sorted(matches, key=lambda cid: (matches[cid], cid), reverse=True)
    ranked = order[offset:offset + page_size]
    found = store.batch_get_customers(caller.tenant, ranked)
    more = offset + page_size < len(order)
    return {"items": [customer_view(found[c]) for c in ranked if c in found],
            "meta": {"items_read": read + len(found), "candidates": len(matches)},
            "next_cursor": encode_cursor("customer-search", fingerprint, {"at": {"S": str(offset + page_size)}})
            if more else None}


# ------------------------------------------------------------------ bulk load


@dataclass
class _Row:
    index: int
    external_id: str
    record: dict = field(default_factory=dict)
    result: str = ""
    customer_id: str | None = None
    changed: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)         # kept with the customer, for review
    warnings: list[dict] = field(default_factory=list)         # about the request itself, not stored
    errors: list[dict] | None = None


_EXTERNAL_ID_REQUIRED = {"field": "external_id", "message": "required (the id in your system)", "type": "missing"}


def record_of_row(fields: dict) -> dict:
    """A customer file's row (read with the customer columns) as a bulk record: its customer
    number and the person fields it has; what it leaves out stays as the customer has it."""
    return {"external_id": fields.get("external_id"),
            **{k: v for k, v in fields.items() if k in PERSON_FIELDS and v not in (None, "")}}


def _machine_customer(tenant: Tenant, data: dict) -> tuple[dict, list[dict]]:
    customer, problems = validate_machine_record(CustomerInput, data, {"country": tenant.country})
    return customer.model_dump(mode="json"), problems


def check_machine_record(book, record: dict) -> dict:
    """What bulk_load would say of a record, without loading it (a resumed import's report)."""
    external_id, error = _external_id(record)
    if error:
        given = record.get("external_id") if isinstance(record, dict) else None
        return {"refused": True, "problems": [problem("external_id", given, error["message"])]}
    data = {k: v for k, v in record.items() if k != "external_id" and v is not None}
    try:
        return {"refused": False, "problems": _machine_customer(book.tenant, data)[1]}
    except IdentifiesNobodyError as exc:
        return {"refused": True, "problems": [problem(e["field"] or "", None, e["message"]) for e in exc.errors]}


MAX_EXTERNAL_ID = 100


def _external_id(raw) -> tuple[str | None, dict | None]:
    """The record's id in the dealer system as text, or the error that refuses the record. A
    number is its digits (customer numbers are numbers in most systems); an id too long is refused,
    never cut: two ids that share their first 100 characters would become one customer."""
    value = raw.get("external_id") if isinstance(raw, dict) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, _EXTERNAL_ID_REQUIRED
    if not isinstance(value, str):
        return None, {"field": "external_id", "message": "the id in your system, as text or a whole number",
                      "type": "string_type"}
    if len(value.strip()) > MAX_EXTERNAL_ID:
        return None, {"field": "external_id", "type": "string_too_long",
                      "message": f"longer than {MAX_EXTERNAL_ID} characters ({len(value.strip())})"}
    return value.strip(), None


def _merge(row: _Row, existing: CustomerItem | None, tenant: Tenant, may_clear: bool) -> dict:
    """The customer's data after this record: what the record leaves out stays as it is; an
    explicit null clears a field for roles that may edit customers; a value that breaks a rule
    is kept as a problem and leaves the customer's value alone."""
    before = dict(existing.data) if existing else {}
    sent = {k: v for k, v in row.record.items() if k != "external_id"}
    cleared = [k for k, v in sent.items() if v is None]
    if cleared and not may_clear:
        row.warnings += [problem(k, None, "your role may not clear a customer's field; the null was ignored")
                         for k in cleared]
        sent = {k: v for k, v in sent.items() if v is not None}
    merged = {k: v for k, v in {**before, **sent}.items() if v is not None}
    data, found = _machine_customer(tenant, merged)
    for p in found:                   # a refused new value: the customer keeps the one it had
        if p["field"] in before and p["field"] in sent and data.get(p["field"]) is None:
            data[p["field"]] = before[p["field"]]
    row.problems = bounded(row.problems + found)
    return data


def bulk_load(caller: Caller, records: list[dict], *, channel: str = "api", book=None,
              reader_problems: list[list[dict]] | None = None, origins: list[dict] | None = None) -> dict:
    """Load up to 1,000 customers from a dealer system (a machine sender: a value that breaks a rule
    is kept as a problem, the customer stored and flagged), idempotent by external_id: a known
    customer is merged (what a record omits stays as it is) and updated if anything changed.
    `origins` name each record's file row (a file import's)."""
    if not 1 <= len(records) <= MAX_BULK:
        raise InvalidInputError("invalid bulk", [{"field": "customers", "type": "too_long",
                                                  "message": f"send 1 to {MAX_BULK} customers"}])
    tenant = book.tenant if book is not None else load_tenant(caller.tenant)
    may_clear = permissions.may(caller, "customer.write")
    rows, seen = [], {}
    for index, record in enumerate(records):
        row = _Row(index, "", problems=from_reader((reader_problems or [[]] * len(records))[index]))
        rows.append(row)
        external_id, error = _external_id(record)
        if error:
            # The reader's own words where it could not read the number (Excel's 1,00235E+11).
            unread = [p for p in row.problems if p.get("field") == "external_id"]
            row.result, row.errors = "rejected", [{**error, "message": unread[0]["reason"]} if unread else error]
            continue
        row.external_id = external_id
        if row.external_id in seen:
            first = seen[row.external_id]
            message = (f"the same customer number as row {origins[first]['row']} of this file: only the first "
                       "row of a customer number is read (one customer, one row)"
                       if origins and origins[first].get("row") else "appears twice in this call")
            row.result, row.errors = "rejected", [{"field": "external_id", "message": message, "type": "duplicate"}]
            continue
        seen[row.external_id] = index
        row.record = record
    candidates = [r for r in rows if not r.result]
    # A number a file once gave as 100236.0 (stored so before files read it as 100236) is the same customer.
    earlier = {f"{r.external_id}.0": r.external_id for r in candidates if r.external_id.isdigit()}
    refs = store.external_refs(caller.tenant, [r.external_id for r in candidates] + list(earlier))
    for written, number in earlier.items():
        if written in refs and number not in refs:
            refs[number] = refs[written]
    existing = store.batch_get_customers(caller.tenant, refs.values())
    now = _now()
    pending: list[tuple[_Row, store.MasterWrite]] = []
    for row in candidates:
        known = existing.get(refs.get(row.external_id, ""))
        try:
            data = _merge(row, known, tenant, may_clear)
        except IdentifiesNobodyError as exc:
            row.result, row.errors = "rejected", exc.errors
            continue
        write = store.MasterWrite(caller.tenant)
        if known is not None:
            row.customer_id = known.customer_id
            # What this record sent, or tried to send, replaces what an earlier load said of it.
            touched = set(row.record) | {p["field"] for p in row.problems}
            problems = settle_problems(list(known.problems or []), touched, row.problems)
            changes = change(write, caller, known, data, now=now, channel=channel, problems=problems,
                             origin=origins[row.index] if origins else None)
            row.changed = [c["field"] for c in changes if c["field"] != "problems"]
            row.result = "updated" if changes else "unchanged"
        else:
            row.customer_id = add_new(write, caller, data, now=now, external_id=row.external_id, channel=channel,
                                      problems=row.problems,
                                      origin=origins[row.index] if origins else None).customer_id
            row.changed, row.result = sorted(k for k, v in data.items() if v is not None), "created"
        if write.size():
            pending.append((row, write))
    _commit_in_batches(caller.tenant, pending)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.result] = counts.get(row.result, 0) + 1
    counts["needs_review"] = sum(1 for r in rows if r.problems and r.result in ("created", "updated", "unchanged"))
    return {"results": [{"index": r.index, "external_id": r.external_id or None, "result": r.result,
                         "customer_id": r.customer_id, "changed": r.changed, "problems": r.problems + r.warnings,
                         **({"errors": r.errors} if r.errors else {})} for r in rows],
            "counts": counts}


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
                    row.result, row.customer_id, row.changed = "conflict", None, []
                    row.errors = [{"field": "external_id", "type": "conflict",
                                   "message": "written concurrently by another load; send it again"}]
        batch, merged = [], store.MasterWrite(tenant)

    for row, write in pending:
        if merged.size() + write.size() > 95:
            flush()
        batch.append((row, write))
        merged.merge(write)
    flush()
