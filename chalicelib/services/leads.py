"""Lead use cases: create, read, edit, delete, list, audit log."""
import base64
import binascii
import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass

from ..config import get_settings
from ..domain import permissions
from ..domain.deadlines import due_at
from ..domain.ids import is_valid_id, new_id
from ..domain.lead import READ_ONLY_FIELDS, LeadInput
from ..domain.permissions import Caller
from ..domain.search import lead_tokens, query_terms
from ..errors import (
    BadRequestError, ConflictError, ForbiddenError, InvalidInputError,
    NotFoundError, StaleVersionError, VersionRequiredError,
)
from ..store import keys, lead_queries
from ..store import leads as store
from ..store.models import AuditItem, IdempotencyItem, LeadItem
from ..validation import validate
from .replies import Reply
from .idempotency import IDEMPOTENCY_TTL_SECONDS, idempotency_pk, replay, request_hash
from .tenants import Tenant, load_tenant, require_active_user, resolve_source

# Top-level lead attributes; everything else of a LeadInput lives in the item's `data`.
_TOP_LEVEL = ("qualification", "source", "source_detail", "assignee", "received_at")
_IMMUTABLE_ON_PATCH = READ_ONLY_FIELDS | {"received_at"}
# UI actions and the permission each needs; edit/delete/convert also need an open lead.
_ROW_ACTIONS = {"log": "lead.log", "edit": "lead.update", "delete": "lead.delete",
                "assign": "lead.assign", "convert": "lead.convert"}
_OPEN_ONLY = {"edit", "delete", "convert"}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- views


def lead_view(item: LeadItem, caller: Caller, now: dt.datetime | None = None) -> dict:
    now_iso = keys.iso(now or _now())
    view = {"id": item.lead_id, **item.data}
    view.update({
        "qualification": item.qualification, "source": item.source,
        "source_detail": item.source_detail, "status": item.status, "assignee": item.assignee,
        "channel": item.channel, "received_at": item.received_at, "due_at": item.due_at,
        "overdue": bool(item.status == "open" and item.due_at and item.due_at < now_iso),
        "created_at": item.created_at, "created_by": item.created_by,
        "updated_at": item.updated_at, "updated_by": item.updated_by,
        "customer_id": item.customer_id, "activity_id": item.activity_id,
        "version": item.version, "allowed_actions": allowed_actions(item, caller),
    })
    return view


def allowed_actions(item: LeadItem, caller: Caller) -> list[str]:
    return [
        name for name, action in _ROW_ACTIONS.items()
        if permissions.reaches(caller, action, assignee=item.assignee, created_by=item.created_by)
        and (name not in _OPEN_ONLY or item.status == "open")
    ]


def _input_of(item: LeadItem) -> dict:
    """The client-writable representation of a stored lead (what PATCH merges into)."""
    return {**item.data, **{name: getattr(item, name) for name in _TOP_LEVEL}}


# ---------------------------------------------------------------- validation


def _refuse_read_only(payload: dict, read_only: frozenset[str]) -> None:
    errors = [{"field": name, "message": "is set by leadflow and cannot be written", "type": "read_only"}
              for name in payload if name in read_only]
    if errors:
        raise InvalidInputError("the request writes read-only fields", errors)


def _validated(payload: dict, tenant: Tenant, unchanged_source: tuple | None = None, *,
               resolve=None) -> LeadInput:
    """Validate a lead; its source is checked against the catalog unless it is the one it had
    (a source retired from the catalog must not block editing the leads that came from it).
    A file import passes a resolver that looks each source up once per file."""
    lead = validate(LeadInput, payload, {"country": tenant.country, "tenant_kind": tenant.kind},
                    "the lead breaks a validation rule")
    if (lead.source, lead.source_detail) != unchanged_source:
        lead.source, lead.source_detail = (resolve or resolve_source)(tenant.id, lead.source, lead.source_detail)
    return lead


def _due(received_at: str, qualification: str, tenant: Tenant) -> str | None:
    due = due_at(keys.parse_iso(received_at), qualification, country=tenant.country,
                 subdivision=tenant.subdivision, categories=tenant.holiday_categories,
                 timezone=tenant.timezone)
    return keys.iso(due) if due else None


def _fill_item(item: LeadItem, lead: LeadInput, tenant: Tenant, *, recompute_due: bool = True) -> None:
    data = lead.model_dump(mode="json", exclude=set(_TOP_LEVEL))
    item.data = data
    item.qualification = lead.qualification
    item.source, item.source_detail, item.assignee = lead.source, lead.source_detail, lead.assignee
    if recompute_due:
        item.due_at = _due(item.received_at, lead.qualification, tenant)
    item.tokens = lead_tokens(first_name=lead.first_name, last_name=lead.last_name,
                              city=lead.city, email=lead.email, phone=lead.phone)
    reindex(item)


def reindex(item: LeadItem) -> None:
    """Recompute every index attribute from the lead's current fields."""
    index_keys = keys.lead_index_keys(
        tenant=item.tenant, lead_id=item.lead_id, status=item.status,
        qualification=item.qualification, source=item.source, source_detail=item.source_detail,
        assignee=item.assignee, received_at=item.received_at, due_at=item.due_at,
        last_name=item.data.get("last_name") or "", first_name=item.data.get("first_name"))
    for name, value in index_keys.items():
        setattr(item, name, value)


def audit_entry(caller: Caller, lead_id: str, action: str, channel: str, now: dt.datetime,
           changes: list[dict], entry_id: str | None = None) -> AuditItem:
    return AuditItem(keys.audit_pk(caller.tenant, "lead", lead_id), f"{keys.iso(now)}#{entry_id or new_id()}",
                     action=action, actor=caller.user, role=caller.role, channel=channel,
                     at=keys.iso(now), changes=changes)


def _flatten(value, prefix: str = "") -> dict:
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{prefix}{key}."))
        return out
    return {prefix[:-1]: value}


def diff(old: dict, new: dict) -> list[dict]:
    """Changed fields as dotted paths with their old and new values."""
    before, after = _flatten(old), _flatten(new)
    return [{"field": name, "old": before.get(name), "new": after.get(name)}
            for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


# ---------------------------------------------------------------- create


def create_lead(caller: Caller, payload: dict, *, channel: str = "api",
                idempotency_key: str | None = None, now: dt.datetime | None = None) -> Reply:
    """Validate and store a new open lead with its deadline, tokens and audit entry."""
    idem_pk = idempotency_pk(caller, "lead.create", idempotency_key) if idempotency_key else None
    body_hash = request_hash(payload)
    if idem_pk and (record := store.get_idempotency(idem_pk)):
        return replay(record, body_hash)
    _refuse_read_only(payload, READ_ONLY_FIELDS)
    tenant = load_tenant(caller.tenant)
    lead = _validated(payload, tenant)
    if lead.assignee:
        _require_may_assign(caller, None, lead.assignee)
        require_active_user(caller.tenant, lead.assignee)
    now = now or _now()
    item, audit = new_lead_item(caller, lead, tenant, channel=channel, now=now)
    view = lead_view(item, caller, now)
    view["version"] = 1
    record = None
    if idem_pk:
        record = IdempotencyItem(idem_pk, request_hash=body_hash, status_code=201, response=view,
                                 expires_at=int(time.time()) + IDEMPOTENCY_TTL_SECONDS)
    try:
        store.insert_lead(item, audit, record)
    except store.WriteConflict:
        # Lost a race with the same Idempotency-Key: answer as the winner did.
        if idem_pk and (record := store.get_idempotency(idem_pk)):
            return replay(record, body_hash)
        raise
    return Reply(view, 201)


def new_lead_item(caller: Caller, lead: LeadInput, tenant: Tenant, *, channel: str, now: dt.datetime,
                  lead_id: str | None = None, audit_id: str | None = None) -> tuple[LeadItem, AuditItem]:
    """A new open lead and its "created" audit entry, as every channel creates them.

    An import passes its own deterministic ids, so that writing a row again writes the same items.
    """
    lead_id = lead_id or new_id()
    item = LeadItem(keys.lead_pk(caller.tenant, lead_id), tenant=caller.tenant, lead_id=lead_id,
                    status="open", channel=channel, received_at=keys.iso(lead.received_at or now),
                    created_at=keys.iso(now), created_by=caller.user,
                    updated_at=keys.iso(now), updated_by=caller.user)
    _fill_item(item, lead, tenant)
    created = lead.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return item, audit_entry(caller, lead_id, "created", channel, now, diff({}, created), entry_id=audit_id)


# ---------------------------------------------------------------- read


def _load(caller: Caller, lead_id: str, action: str) -> LeadItem:
    """The caller's lead, or NotFound: other tenants' and out-of-scope leads look absent."""
    if not is_valid_id(lead_id):
        raise NotFoundError("lead not found")
    item = store.get_lead(caller.tenant, lead_id)
    if item is None or not permissions.reaches(caller, "lead.read", assignee=item.assignee,
                                               created_by=item.created_by):
        raise NotFoundError("lead not found")
    if not permissions.reaches(caller, action, assignee=item.assignee, created_by=item.created_by):
        raise ForbiddenError(f"your role may not {action.split('.')[1]} this lead")
    return item


def get_lead(caller: Caller, lead_id: str) -> Reply:
    return Reply(lead_view(_load(caller, lead_id, "lead.read"), caller))


# ---------------------------------------------------------------- update and delete


def _check_version(item: LeadItem, expected: int | None) -> None:
    if expected is None:
        raise VersionRequiredError(
            "send the version you edited in If-Match (or as \"version\" in the body)",
            current_version=item.version)
    if expected != item.version:
        raise StaleVersionError(
            f"the lead changed since you read it (you sent version {expected}, "
            f"it is at {item.version}); reload and apply your change again",
            current_version=item.version)


def _require_may_assign(caller: Caller, current: str | None, new: str | None) -> None:
    if not permissions.may_assign(caller, current, new):
        raise ForbiddenError("your role may not assign leads to other users")


def _refuse_denied_fields(caller: Caller, payload: dict) -> None:
    denied = permissions.denied_fields(caller, payload)
    if denied:
        raise ForbiddenError(f"your role ({caller.role}) may not write {', '.join(denied)}",
                             errors=[{"field": f, "message": "your role may not write this field",
                                      "type": "forbidden_field"} for f in denied])


def update_lead(caller: Caller, lead_id: str, patch: dict, *, expected_version: int | None,
                channel: str = "api", now: dt.datetime | None = None) -> Reply:
    """Apply a JSON merge patch to an open lead at the version the client read."""
    item = _load(caller, lead_id, "lead.update")
    _refuse_read_only(patch, _IMMUTABLE_ON_PATCH - {"version", "status"})
    _refuse_denied_fields(caller, patch)
    if "version" in patch:
        body_version = patch.pop("version")
        if not isinstance(body_version, int) or isinstance(body_version, bool):
            raise InvalidInputError("invalid version", [{"field": "version", "message": "must be an integer", "type": "int_type"}])
        expected_version = expected_version if expected_version is not None else body_version
    _check_version(item, expected_version)
    new_status = patch.pop("status", item.status)
    reopening = item.status == "closed" and new_status == "open" and not patch
    if item.status != "open" and not reopening:
        raise ConflictError(f"the lead is {item.status}: only open leads can be edited"
                            + (" (reopen it with {\"status\": \"open\"} alone)" if item.status == "closed" else ""))
    if new_status not in ("open", "closed"):
        raise InvalidInputError("invalid status change", [{
            "field": "status", "message": "may be set to open or closed; converted is set by conversion",
            "type": "status_transition"}])
    tenant = load_tenant(caller.tenant)
    before = _input_of(item)
    merged = _merge_patch(before, patch)
    lead = _validated(merged, tenant, unchanged_source=(item.source, item.source_detail))
    if lead.assignee != item.assignee:
        _require_may_assign(caller, item.assignee, lead.assignee)
        if lead.assignee:
            require_active_user(caller.tenant, lead.assignee)
    now = now or _now()
    old_tokens = list(item.tokens)
    old_status, old_due = item.status, item.due_at
    item.status = new_status
    # The deadline follows the qualification; other edits keep it as computed at the time.
    _fill_item(item, lead, tenant, recompute_due=lead.qualification != item.qualification)
    changes = diff(before, _input_of(item))
    if old_status != item.status:
        changes.append({"field": "status", "old": old_status, "new": item.status})
    if old_due != item.due_at:
        changes.append({"field": "due_at", "old": old_due, "new": item.due_at})
    if not changes:
        return Reply(lead_view(item, caller, now))
    item.updated_at, item.updated_by = keys.iso(now), caller.user
    action = "status_changed" if old_status != item.status else (
        "assigned" if [c["field"] for c in changes] == ["assignee"] else "updated")
    try:
        store.replace_lead(item, old_tokens, audit_entry(caller, lead_id, action, channel, now, changes))
    except store.WriteConflict:
        current = store.get_lead(caller.tenant, lead_id)
        raise StaleVersionError("the lead changed while you were saving; reload and try again",
                                current_version=current.version if current else None) from None
    return Reply(lead_view(item, caller, now))


def _merge_patch(target: dict, patch: dict) -> dict:
    """RFC 7396 JSON merge patch: objects merge, null removes, anything else replaces."""
    result = dict(target)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge_patch(result[key], value)
        else:
            result[key] = value
    return result


def delete_lead(caller: Caller, lead_id: str, *, expected_version: int | None,
                channel: str = "api", now: dt.datetime | None = None) -> None:
    """Delete an open lead; its audit log keeps who deleted it and when."""
    item = _load(caller, lead_id, "lead.delete")
    if item.status != "open":
        raise ConflictError(f"the lead is {item.status}: only open leads can be deleted")
    if expected_version is not None:
        _check_version(item, expected_version)
    now = now or _now()
    audit = audit_entry(caller, lead_id, "deleted", channel, now, [])
    try:
        store.remove_lead(item, audit)
    except store.WriteConflict:
        raise StaleVersionError("the lead changed while you were deleting it; reload and decide again",
                                current_version=None) from None


# ---------------------------------------------------------------- audit log


def lead_log(caller: Caller, lead_id: str, *, page_size: int, cursor: str | None) -> Reply:
    """Newest first. A deleted lead's log stays readable to roles that may read every lead."""
    if not is_valid_id(lead_id):
        raise NotFoundError("lead not found")
    if not permissions.may(caller, "lead.log"):
        raise ForbiddenError("your role may not read audit logs")
    item = store.get_lead(caller.tenant, lead_id)
    if item is not None:
        _load(caller, lead_id, "lead.log")
    elif permissions.scope_of(caller, "lead.log") != permissions.TENANT:
        raise NotFoundError("lead not found")
    pk = keys.audit_pk(caller.tenant, "lead", lead_id)
    start = _decode_cursor(cursor, "log", pk, {"pk", "sk"}) if cursor else None
    if start is not None and start["pk"]["S"] != pk:
        raise BadRequestError("the cursor is not valid for this log; start again without it")
    entries, last = store.read_audit(caller.tenant, "lead", lead_id, limit=page_size, start=start)
    if not entries and item is None:
        raise NotFoundError("lead not found")
    return Reply({
        "lead_id": lead_id,
        "items": [{"at": e.at, "action": e.action, "actor": e.actor, "role": e.role,
                   "channel": e.channel, "changes": e.changes} for e in entries],
        "next_cursor": _encode_cursor("log", pk, last) if last else None,
    })


# ---------------------------------------------------------------- list


@dataclass
class ListRequest:
    status: str | None = None
    qualification: str | None = None
    source: str | None = None
    source_detail: str | None = None
    assignee: str | None = None          # a user id, "me" or "unassigned"
    overdue: bool = False
    received_from: dt.datetime | None = None
    received_to: dt.datetime | None = None
    q: str | None = None
    sort: str = "-received"
    page_size: int = 25
    cursor: str | None = None


def _encode_cursor(kind: str, fingerprint: str, key: dict) -> str:
    raw = json.dumps({"k": kind, "f": fingerprint, "key": key}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, kind: str, fingerprint: str, names: set[str] | None = None) -> dict:
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


def _fingerprint(tenant: str, req: ListRequest, index: str) -> str:
    params = {k: v for k, v in vars(req).items() if k != "cursor"}
    return hashlib.sha256(json.dumps([tenant, index, params], default=str, sort_keys=True).encode()).hexdigest()[:16]


def list_leads(caller: Caller, req: ListRequest, *, budget: int, now: dt.datetime | None = None) -> Reply:
    """One page of the caller's leads; the planner picks the index, the rest filters a bounded read."""
    scope = permissions.scope_of(caller, "lead.read")
    if scope is None:
        raise ForbiddenError("your role may not read leads")
    now = now or _now()
    source, detail = req.source, req.source_detail
    if source:
        source, detail = resolve_source(caller.tenant, source, detail)
    f = lead_queries.LeadFilter(
        status=req.status, qualification=req.qualification, source=source, source_detail=detail,
        overdue=req.overdue, now=keys.iso(now),
        received_from=keys.iso(req.received_from) if req.received_from else None,
        received_to=keys.iso(req.received_to) if req.received_to else None,
        visible_scope=None if scope == permissions.TENANT else scope, visible_user=caller.user)
    if req.assignee == "unassigned":
        f.unassigned = True
    elif req.assignee:
        f.assignee = caller.user if req.assignee == "me" else req.assignee
    if req.q:
        return _search(caller, req, f, now)
    plan = lead_queries.plan(caller.tenant, f, req.sort.lstrip("-"), req.sort.startswith("-"))
    fingerprint = _fingerprint(caller.tenant, req, plan.index)
    hash_name, range_name = lead_queries.key_names(plan.index)
    start = _decode_cursor(req.cursor, plan.index, fingerprint, {"pk", hash_name, range_name}) if req.cursor else None
    if start is not None:
        sort_value = start[range_name]["S"]
        inside = (plan.sk_low is None or sort_value >= plan.sk_low) and (plan.sk_high is None or sort_value <= plan.sk_high)
        if start[hash_name]["S"] != plan.pk or not start["pk"]["S"].startswith(caller.tenant + "#") or not inside:
            raise BadRequestError("the cursor is not valid for this query; start again without it")
    items, last, read = lead_queries.run(plan, f, page_size=req.page_size, start_key=start, budget=budget)
    return Reply({
        "items": [lead_view(item, caller, now) for item in items],
        "next_cursor": _encode_cursor(plan.index, fingerprint, last) if last else None,
        "page_size": req.page_size,
        "meta": {"index": plan.index, "items_read": read},
    })


def _search(caller: Caller, req: ListRequest, f: lead_queries.LeadFilter, now: dt.datetime) -> Reply:
    """Free text: the longest word picks the tokens (exact word matches, then longer words it
    starts), newest lead first; the other words must start one of the lead's own tokens. Reads
    grow with the page, not with how many leads match."""
    terms = query_terms(req.q)[:5]
    if not terms or any(len(t) < 2 for t in terms):
        raise BadRequestError("q needs words of at least 2 letters or digits")
    primary = max(terms, key=len)
    if primary.isdigit() and len(primary) < keys.SEARCH_DIGIT_PREFIX:
        raise BadRequestError(f"a phone number search needs at least {keys.SEARCH_DIGIT_PREFIX} digits")
    others = [t for t in terms if t != primary]
    phases = ["exact", "prefix"] if len(primary) >= keys.search_prefix_length(primary) else ["exact"]
    fingerprint = _fingerprint(caller.tenant, req, "search")
    phase, start = phases[0], None
    if req.cursor:
        position = _decode_cursor(req.cursor, "search", fingerprint)
        phase, start = position.get("phase", {}).get("S"), position.get("sk", {}).get("S")
        if phase not in phases or not start or not (start == "-" or start.startswith(primary)):
            raise BadRequestError("the cursor is not valid for this query; start again without it")
        start = None if start == "-" else start
    filtered = bool(others) or f.visible_scope is not None or any(
        (f.status, f.qualification, f.source, f.unassigned, f.assignee, f.overdue, f.received_from, f.received_to))
    chunk = req.page_size + 1 if not filtered else max(4 * req.page_size, 100)
    budget = get_settings().list_read_budget
    page: list[LeadItem] = []
    seen: set[str] = set()
    read, next_position, page_sk = 0, None, None
    while True:
        tokens, last, scanned = lead_queries.read_tokens(caller.tenant, primary, exact=phase == "exact",
                                                         start_sk=start, limit=chunk)
        read += scanned
        if phase == "prefix":
            tokens = [t for t in tokens if not t[0].startswith(f"{primary}#")]
        found = store.batch_get_leads(caller.tenant, [lead_id for _, lead_id in tokens if lead_id not in seen])
        read += len(found)
        for sk, lead_id in tokens:
            if len(page) == req.page_size:
                next_position = {"phase": {"S": phase}, "sk": {"S": page_sk}}
                break
            item = found.get(lead_id)
            page_sk = sk
            if item is None or lead_id in seen:
                continue
            seen.add(lead_id)
            if all(any(t.startswith(o) for t in item.tokens) for o in others) and _matches(item, f):
                page.append(item)
        if next_position is not None:
            break
        if last is not None and read < budget:
            start = last
            continue
        if last is not None:                       # read budget spent: continue from here next time
            next_position = {"phase": {"S": phase}, "sk": {"S": last}}
            break
        following = phases.index(phase) + 1
        if following == len(phases):
            break
        if len(page) == req.page_size:              # full exactly at the end of a phase
            next_position = {"phase": {"S": phases[following]}, "sk": {"S": "-"}}
            break
        phase, start = phases[following], None
    return Reply({
        "items": [lead_view(item, caller, now) for item in page],
        "next_cursor": _encode_cursor("search", fingerprint, next_position) if next_position else None,
        "page_size": req.page_size,
        "meta": {"index": "search", "items_read": read},
    })


def _matches(item: LeadItem, f: lead_queries.LeadFilter) -> bool:
    checks = [
        f.status is None or item.status == f.status,
        f.qualification is None or item.qualification == f.qualification,
        f.source is None or item.source == f.source,
        f.source_detail is None or item.source_detail == f.source_detail,
        not f.unassigned or item.assignee is None,
        f.assignee is None or item.assignee == f.assignee,
        not f.overdue or (item.status == "open" and bool(item.due_at) and item.due_at < f.now),
        f.received_from is None or item.received_at >= f.received_from,
        f.received_to is None or item.received_at <= f.received_to + "~",
        f.visible_scope != "own_or_pool" or item.assignee in (None, f.visible_user),
        f.visible_scope != "own" or item.assignee == f.visible_user,
        f.visible_scope != "created" or item.created_by == f.visible_user,
    ]
    return all(checks)

