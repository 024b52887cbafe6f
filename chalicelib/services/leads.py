"""Lead use cases: create, read, edit, delete, list, search, audit log."""
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from pydantic import BaseModel

from ..config import get_settings
from ..domain import contacts, escalation, forwarding, permissions
from ..domain.deadlines import deadline_met
from ..domain.ids import is_valid_id, new_id
from ..domain.lead import (
    LeadInput, allowed_actions, is_overdue, is_workable, not_workable_reason, status_change_error,
)
from ..domain.lead_filter import LeadFilter, matches
from ..domain.permissions import Caller
from ..domain.review import broken_rules, settle_problems, touched_fields
from ..domain.search import query_terms
from ..domain.versions import require_version
from ..errors import (
    BadRequestError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError,
)
from ..observability import metric
from ..store import audit as audit_store
from ..store import keys, lead_queries
from ..store import leads as store
from ..store.models import LeadItem
from ..validation import validate
from . import intake
from .idempotency import IDEMPOTENCY_TTL_SECONDS, idempotency_pk, replay
from . import consents
from .consents import lead_markers as consent_markers
from .cursors import decode_cursor, encode_cursor
from .replies import Reply
from .tenants import load_tenant, require_user, resolve_source


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
        "overdue": is_overdue(item.status, item.due_at, now_iso),
        "needs_review": bool(item.problems), "problems": list(item.problems or []), "origin": item.origin,
        "created_at": item.created_at, "created_by": item.created_by,
        "updated_at": item.updated_at, "updated_by": item.updated_by,
        "customer_id": item.customer_id, "activity_id": item.activity_id,
        "first_contact_at": item.first_contact_at,
        "time_to_first_contact": contacts.time_to_first_contact(item.received_at, item.first_contact_at),
        "deadline_met": deadline_met(item.due_at, item.first_contact_at, now_iso),
        "escalation": escalation.view_of(item.escalation),
        "forwarding": forwarding.importer_view(item.forwarding),
        "forwarded_from": forwarding.dealer_view(item.forwarded_from),
        "touches": item.touches or 0, "last_touch_at": item.last_touch_at,
        "related_leads": list(item.related_leads or []),
        **consent_markers(item),
        "legal_hold": item.legal_hold,
        "version": item.version,
        "allowed_actions": allowed_actions(caller, status=item.status, assignee=item.assignee,
                                           created_by=item.created_by, dealer_contact=_dealer_contact(item),
                                           forwarded=(item.forwarded_from or {}).get("status"),
                                           held=bool(item.legal_hold)),
    })
    return view


def _dealer_contact(item: LeadItem) -> bool:
    return bool((((item.data or {}).get("vehicle") or {}).get("interest") or {}).get("dealer_contact"))


def validation_context(caller: Caller) -> dict:
    """What a lead a person sends is validated with: the tenant's country and kind."""
    tenant = load_tenant(caller.tenant)
    return {"country": tenant.country, "tenant_kind": tenant.kind, "problems": []}


# ---------------------------------------------------------------- create


def create_lead(caller: Caller, lead: LeadInput, *, request_hash: str, idempotency_key: str | None = None,
                now: dt.datetime | None = None) -> Reply:
    """Store a lead a person (or an integration through the API) sent, held to every rule."""
    idem_pk = idempotency_pk(caller, "lead.create", idempotency_key) if idempotency_key else None
    # Before anything else: a retry gets the first answer even if the catalog or the users
    # changed since (the write would then be refused although it succeeded the first time).
    if idem_pk and (record := store.get_idempotency(idem_pk)):
        return replay(record, request_hash)
    tenant = load_tenant(caller.tenant)
    admitted = intake.admit_person(tenant, lead)
    if admitted.lead.assignee:
        _require_may_assign(caller, None, admitted.lead.assignee)
        require_user(caller.tenant, admitted.lead.assignee, active=True)
    now = now or _now()
    outcome = intake.build(caller, tenant, admitted, channel="api", now=now)

    def answer(stored: intake.Outcome) -> Reply:
        """201 and the new lead; 200 and the person's open lead it was attached to (a re-inquiry),
        shown whole only to a caller who may read it (a rep sees another rep's lead by its id alone)."""
        if isinstance(stored, intake.Touch):
            lead = stored.item
            if not permissions.reaches(caller, "lead.read", assignee=lead.assignee, created_by=lead.created_by):
                return Reply({"id": lead.lead_id, "reinquiry_of": lead.lead_id, "status": lead.status,
                              "detail": "attached to the person's open lead, which your role may not read"}, 200)
            return Reply({**lead_view(lead, caller, now), "version": stored.version, "reinquiry_of": lead.lead_id}, 200)
        return Reply({**lead_view(stored.item, caller, now), "version": 1}, 201)

    def record_of(stored: intake.Outcome):
        reply = answer(stored)
        return store.idempotency_record(idem_pk, request_hash=request_hash, status_code=reply.status,
                                        response=reply.body, ttl_seconds=IDEMPOTENCY_TTL_SECONDS,
                                        lead=(caller.tenant, stored.item.lead_id))
    try:
        outcome = intake.store(outcome, record_of if idem_pk else None)
    except store.WriteConflict:
        # Lost a race with the same Idempotency-Key: answer as the winner did.
        if idem_pk and (record := store.get_idempotency(idem_pk)):
            return replay(record, request_hash)
        raise
    if isinstance(outcome, intake.NewLead) and intake.routed_to(outcome) == "forward":
        # An importer's rule forwarded it as it was stored: answer with the lead as it is now.
        outcome.item = store.get_lead(caller.tenant, outcome.item.lead_id) or outcome.item
    return answer(outcome)


# ---------------------------------------------------------------- read


def load_lead(caller: Caller, lead_id: str, action: str) -> LeadItem:
    """The caller's lead, or NotFound: other tenants' and out-of-scope leads look absent."""
    if not is_valid_id(lead_id):
        raise NotFoundError("lead not found")
    item = store.get_lead(caller.tenant, lead_id)
    if item is None or not permissions.reaches(caller, "lead.read", assignee=item.assignee,
                                               created_by=item.created_by):
        raise NotFoundError("lead not found")
    if not permissions.reaches(caller, action, assignee=item.assignee, created_by=item.created_by):
        raise ForbiddenError(permissions.refusal(caller, action, assignee=item.assignee, created_by=item.created_by))
    return item


def get_lead(caller: Caller, lead_id: str) -> Reply:
    return Reply(lead_view(load_lead(caller, lead_id, "lead.read"), caller))


# ---------------------------------------------------------------- update and delete


def _require_may_assign(caller: Caller, current: str | None, new: str | None) -> None:
    if not permissions.may_assign(caller, current, new):
        raise ForbiddenError("your role may not assign leads to other users")


def _refuse_denied_fields(caller: Caller, payload: dict) -> None:
    denied = permissions.denied_fields(caller, payload)
    if denied:
        raise ForbiddenError(f"your role ({caller.role}) may not write {', '.join(denied)}",
                             errors=[{"field": f, "message": "your role may not write this field",
                                      "type": "forbidden_field"} for f in denied])


def update_lead(caller: Caller, lead_id: str, body: BaseModel, *, expected_version: int | None,
                channel: str = "api", now: dt.datetime | None = None) -> Reply:
    """Apply a JSON merge patch (the fields a client sent, null clearing one) to an open lead at
    the version the client read. What a person writes settles the problems of those fields;
    "reviewed" settles them all (a person looked at them and the values stand)."""
    item = load_lead(caller, lead_id, "lead.update")
    patch = body.model_dump(mode="json", exclude_unset=True)
    _refuse_denied_fields(caller, patch)
    if "qualification" in patch and patch["qualification"] is None:
        # Every lead has one (its deadline follows it): null would quietly make it warm again.
        raise InvalidInputError("the lead breaks a validation rule", [{
            "field": "qualification", "type": "missing",
            "message": "cannot be cleared: one of hot, warm, cold, junk"}])
    body_version = patch.pop("version", None)
    if expected_version is not None and body_version is not None and body_version != expected_version:
        raise InvalidInputError("two versions given", [{
            "field": "version", "type": "version_mismatch",
            "message": f"the body says version {body_version}, If-Match says {expected_version}: send one"}])
    require_version(item.version, expected_version if expected_version is not None else body_version)
    requested = patch.pop("status", None)
    reviewed = bool(patch.pop("reviewed", None))
    new_status = requested or item.status
    refusal = status_change_error(item.status, requested, other_changes=bool(patch) or reviewed)
    if refusal:
        kind, message = refusal
        if kind == "conflict":
            raise ConflictError(message)
        raise InvalidInputError("invalid status change", [{"field": "status", "message": message,
                                                           "type": "status_transition"}])
    tenant = load_tenant(caller.tenant)
    before = intake.writable_view(item)
    merged = _merge_patch(before, patch)
    doubts: list[dict] = []
    lead = validate(LeadInput, merged, {"country": tenant.country, "tenant_kind": tenant.kind,
                                        "problems": doubts, "waive": broken_rules(item.problems), "stored": before},
                    "the lead breaks a validation rule")
    if (lead.source, lead.source_detail) != (item.source, item.source_detail):
        # A source retired from the catalog must not block editing the leads that came from it.
        lead.source, lead.source_detail = resolve_source(tenant.id, lead.source, lead.source_detail)
    if lead.assignee != item.assignee:
        _require_may_assign(caller, item.assignee, lead.assignee)
        if lead.assignee:
            require_user(caller.tenant, lead.assignee, active=True)
    now = now or _now()
    old_tokens, old_problems = list(item.tokens), list(item.problems or [])
    old_status, old_due = item.status, item.due_at
    item.status = new_status
    # The deadline follows the qualification; other edits keep it as computed at the time.
    problems = doubts if reviewed else settle_problems(old_problems, touched_fields(patch), doubts)
    intake.fill(item, lead, tenant, problems, recompute_due=lead.qualification != item.qualification)
    changes = intake.diff(before, intake.writable_view(item))
    for name, old, new in (("status", old_status, item.status), ("due_at", old_due, item.due_at),
                           ("problems", old_problems, problems)):
        if old != new:
            changes.append({"field": name, "old": old, "new": new})
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


def audit_entry(caller: Caller, lead_id: str, action: str, channel: str, now: dt.datetime, changes: list[dict]):
    """An audit entry of a lead, to be written with the change it records."""
    return audit_store.entry(caller.tenant, "lead", lead_id, action=action, actor=caller.user, role=caller.role,
                             channel=channel, at=keys.iso(now), changes=changes, entry_id=new_id())


def delete_lead(caller: Caller, lead_id: str, *, expected_version: int | None,
                channel: str = "api", now: dt.datetime | None = None) -> None:
    """Delete an open lead; its log keeps who did what and when, without the values (a deleted
    lead's personal data goes wherever it was kept: services/erasure.py forget_deleted)."""
    item = load_lead(caller, lead_id, "lead.delete")
    if not is_workable(item.status):
        raise ConflictError(not_workable_reason(item.status, "deleted"))
    if item.legal_hold:            # the delete is version-checked: a hold put meanwhile refuses it too
        raise ConflictError("the lead is under legal hold: an admin must release it first")
    if expected_version is not None:
        require_version(item.version, expected_version)
    now = now or _now()
    try:
        store.remove_lead(item, audit_entry(caller, lead_id, "deleted", channel, now, []))
    except store.WriteConflict:
        raise StaleVersionError("the lead changed while you were deleting it; reload and decide again",
                                current_version=None) from None
    from .erasure import forget_deleted
    forget_deleted(caller.tenant, [item], actor=caller.user, role=caller.role)


# ---------------------------------------------------------------- contacts


def log_contact(caller: Caller, lead_id: str, body: contacts.ContactInput, *, expected_version: int | None,
                channel: str = "api", now: dt.datetime | None = None) -> Reply:
    """Log a call, e-mail, meeting or SMS on an open lead at the version the client read; the
    first one that reached the prospect (domain/contacts.py) becomes the lead's first contact."""
    item = load_lead(caller, lead_id, "lead.contact")
    if not is_workable(item.status):
        raise ConflictError(not_workable_reason(item.status, "contacted (log it on the customer)"))
    require_version(item.version, expected_version if expected_version is not None else body.version)
    now = now or _now()
    at = keys.iso(body.at or now)
    if at < item.received_at:
        raise InvalidInputError("the contact lies before the lead was received", [{
            "field": "at", "type": "value_error", "message": f"lies before the lead was received ({item.received_at})"}])
    exception = None
    if body.direction == "outbound":       # the prospect's own call or visit needs no consent (domain/contacts.py)
        exception = consents.require_for_activity(consents.current(caller.tenant, "lead", lead_id), body.kind,
                                                  tenant=load_tenant(caller.tenant), exception=body.consent_exception,
                                                  field=None)
    elif body.consent_exception:
        raise InvalidInputError("no consent exception needed", [{
            "field": "consent_exception", "type": "value_error",
            "message": "an inbound contact needs no consent: leave consent_exception out"}])
    contact = {"kind": body.kind, "direction": body.direction, "outcome": body.outcome, "note": body.note, "at": at,
               "reached": contacts.counts_as_contact(body.kind, body.outcome, body.direction)}
    if exception:
        contact["consent_exception"] = exception
    changes = [{"field": "contact", "old": None, "new": contact}]
    first = contact["reached"] and contacts.is_first_contact(at, item.first_contact_at)
    if first:
        changes.append({"field": "first_contact_at", "old": item.first_contact_at, "new": at})
        item.first_contact_at = at
        item.updated_at, item.updated_by = keys.iso(now), caller.user
    try:
        store.save_contact(item, audit_entry(caller, lead_id, "contact", channel, now, changes), lead_changed=first)
    except store.WriteConflict:
        current = store.get_lead(caller.tenant, lead_id)
        raise StaleVersionError("the lead changed while you were logging the contact; reload and try again",
                                current_version=current.version if current else None) from None
    view = lead_view(item, caller, now)
    if first and item.forwarded_from:       # a forwarded lead: its importer sees it worked
        from .forwarding import report_back      # here: forwarding builds on this module
        report_back(item, "worked", caller, now)
    metric("ContactsLogged", kind=body.kind, reached=str(contact["reached"]).lower())
    return Reply({"contact": {**contact, "first_contact": first}, "lead": view}, 201)


# ---------------------------------------------------------------- audit log


def lead_log(caller: Caller, lead_id: str, *, page_size: int, cursor: str | None) -> Reply:
    """Newest first. A deleted lead's log stays readable to roles that may read every lead."""
    if not is_valid_id(lead_id):
        raise NotFoundError("lead not found")
    if not permissions.may(caller, "lead.log"):
        raise ForbiddenError("your role may not read audit logs")
    item = store.get_lead(caller.tenant, lead_id)
    if item is not None:
        load_lead(caller, lead_id, "lead.log")
    elif permissions.scope_of(caller, "lead.log") != permissions.TENANT:
        raise NotFoundError("lead not found")
    pk = keys.audit_pk(caller.tenant, "lead", lead_id)
    start = decode_cursor(cursor, "log", pk, {"pk", "sk"}) if cursor else None
    if start is not None and start["pk"]["S"] != pk:
        raise BadRequestError("the cursor is not valid for this log; start again without it")
    entries, last = audit_store.read(caller.tenant, "lead", lead_id, limit=page_size, start=start)
    if not entries and item is None:
        raise NotFoundError("lead not found")
    return Reply({"lead_id": lead_id, "items": [audit_store.view(e) for e in entries],
                  "next_cursor": encode_cursor("log", pk, last) if last else None})


# ---------------------------------------------------------------- list


@dataclass
class ListRequest:
    status: str | None = None
    qualification: str | None = None
    source: str | None = None
    source_detail: str | None = None
    assignee: str | None = None          # a user id, "me" or "unassigned"
    overdue: bool = False
    needs_review: bool = False
    sweepstake_without_consent: bool = False
    received_from: dt.datetime | dt.date | None = None     # a date: that day in the tenant's time zone
    received_to: dt.datetime | dt.date | None = None
    q: str | None = None
    sort: str = "-received"
    page_size: int = 25
    cursor: str | None = None


def _fingerprint(tenant: str, req: ListRequest, index: str) -> str:
    params = {k: v for k, v in vars(req).items() if k != "cursor"}
    return hashlib.sha256(json.dumps([tenant, index, params], default=str, sort_keys=True).encode()).hexdigest()[:16]


def _day_bound(tenant_id: str, value, *, end: bool):
    """A date filter means that day as the dealer lives it (its start or end in the tenant's time
    zone, as deadlines count days), not the UTC day; a date and time is taken as given, in the
    tenant's time zone when it names none."""
    if value is None or (isinstance(value, dt.datetime) and value.tzinfo is not None):
        return value
    from zoneinfo import ZoneInfo
    zone = ZoneInfo(load_tenant(tenant_id).timezone)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone).astimezone(dt.timezone.utc)
    return dt.datetime.combine(value, dt.time.max if end else dt.time.min, tzinfo=zone).astimezone(dt.timezone.utc)


def list_leads(caller: Caller, req: ListRequest, *, budget: int, now: dt.datetime | None = None) -> Reply:
    """One page of the caller's leads; the planner picks the index, the rest filters a bounded read."""
    scope = permissions.scope_of(caller, "lead.read")
    if scope is None:
        raise ForbiddenError("your role may not read leads")
    now = now or _now()
    source, detail = req.source, req.source_detail
    if source:
        source, detail = resolve_source(caller.tenant, source, detail)
    received_from = _day_bound(caller.tenant, req.received_from, end=False)
    received_to = _day_bound(caller.tenant, req.received_to, end=True)
    f = LeadFilter(
        status=req.status, qualification=req.qualification, source=source, source_detail=detail,
        overdue=req.overdue, needs_review=req.needs_review, now=keys.iso(now),
        sweepstake_without_consent=req.sweepstake_without_consent,
        received_from=keys.iso(received_from) if received_from else None,
        received_to=keys.iso(received_to) if received_to else None,
        visible_scope=None if scope == permissions.TENANT else scope, visible_user=caller.user)
    if req.assignee == "unassigned":
        f.unassigned = True
    elif req.assignee == "me":
        f.assignee = caller.user
    elif req.assignee:
        require_user(caller.tenant, req.assignee)
        f.assignee = req.assignee
    if req.q:
        return _search(caller, req, f, now)
    plan = lead_queries.plan(caller.tenant, f, req.sort.lstrip("-"), req.sort.startswith("-"))
    fingerprint = _fingerprint(caller.tenant, req, plan.index)
    hash_name, range_name = lead_queries.key_names(plan.index)
    start = decode_cursor(req.cursor, plan.index, fingerprint, {"pk", hash_name, range_name}) if req.cursor else None
    if start is not None:
        sort_value = start[range_name]["S"]
        inside = (plan.sk_low is None or sort_value >= plan.sk_low) and (plan.sk_high is None or sort_value <= plan.sk_high)
        if start[hash_name]["S"] != plan.pk or not start["pk"]["S"].startswith(caller.tenant + "#") or not inside:
            raise BadRequestError("the cursor is not valid for this query; start again without it")
    items, last, read = lead_queries.run(plan, f, page_size=req.page_size, start_key=start, budget=budget)
    if req.overdue:
        # Counted where the overdue view is read, not by the scheduled sweep: the whole backlog would
        # take a list of tenants (no store query gives one without a scan) and a COUNT per tenant that
        # reads, and bills, every overdue lead each time. This counts the overdue leads reps are shown.
        metric("OverdueLeads", len(items))
    return Reply({
        "items": [lead_view(item, caller, now) for item in items],
        "next_cursor": encode_cursor(plan.index, fingerprint, last) if last else None,
        "page_size": req.page_size,
        "meta": {"index": plan.index, "items_read": read},
    })


def _search(caller: Caller, req: ListRequest, f: LeadFilter, now: dt.datetime) -> Reply:
    """Free text: the longest word picks the tokens (exact word matches, then longer words it
    starts), newest lead first; the other words must start one of the lead's own tokens. Reads
    grow with the page, not with how many leads match."""
    terms = query_terms(req.q)[:5]
    if not terms or any(len(t) < 2 for t in terms):
        raise InvalidInputError("a query parameter is not valid", [{
            "field": "q", "type": "value_error", "message": "needs words of at least 2 letters or digits"}])
    primary = max(terms, key=len)
    if primary.isdigit() and len(primary) < keys.SEARCH_DIGIT_PREFIX:
        raise InvalidInputError("a query parameter is not valid", [{
            "field": "q", "type": "value_error",
            "message": f"a phone number search needs at least {keys.SEARCH_DIGIT_PREFIX} digits"}])
    others = [t for t in terms if t != primary]
    phases = ["exact", "prefix"] if len(primary) >= keys.search_prefix_length(primary) else ["exact"]
    fingerprint = _fingerprint(caller.tenant, req, "search")
    phase, start = phases[0], None
    if req.cursor:
        position = decode_cursor(req.cursor, "search", fingerprint)
        phase, start = position.get("phase", {}).get("S"), position.get("sk", {}).get("S")
        if phase not in phases or not start or not (start == "-" or start.startswith(primary)):
            raise BadRequestError("the cursor is not valid for this query; start again without it")
        start = None if start == "-" else start
    filtered = bool(others) or bool(f.clauses())
    budget = get_settings().list_read_budget
    chunk = req.page_size + 1 if not filtered else min(max(budget // 2, 1), max(4 * req.page_size, 100))
    page: list[LeadItem] = []
    seen: set[str] = set()
    read, next_position, page_sk = 0, None, None
    while True:
        tokens, last, scanned = lead_queries.read_tokens(caller.tenant, primary, exact=phase == "exact",
                                                         start_sk=start, limit=chunk)
        read += scanned
        if phase == "prefix":
            tokens = [t for t in tokens if not lead_queries.is_whole_word(t[0], primary)]
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
            if all(any(t.startswith(o) for t in item.tokens) for o in others) and matches(item, f):
                page.append(item)
        if next_position is not None:
            break
        if last is not None and read + 2 * chunk <= budget:    # the next chunk's tokens and leads fit the budget
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
        "next_cursor": encode_cursor("search", fingerprint, next_position) if next_position else None,
        "page_size": req.page_size,
        "meta": {"index": "search", "items_read": read},
    })
