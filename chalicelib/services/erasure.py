"""The erasure (DSGVO/GDPR Art. 17): a person's every trace in a tenant removed or made anonymous, as
the registry (domain/personal_data.py) says for each attribute and S3 prefix; audited without
the person's values.

The person is found as the access export finds them (services/privacy.py find_person). What hangs
on their leads and customers is found by key: search tokens and match keys named on the items,
audit entries by entity, activities by customer, raw payloads and import rows by the lead's origin
(and a re-inquiry's, in its audit entry), a customer-master file's rows by the origin in the
customer's log and by the customer's number (services/privacy.py customer_file_rows), idempotency records by the by_lead index, contact
claims by the hashed contact, the consent ledger by entity, forwarded copies by the deterministic
id of each forwarding (domain/forwarding.py dealer_lead_entropy).

Order: the objects in S3, the other tenants' requests, idempotency records, claims, consents,
activities and audit entries first; customers; each lead (with its tokens) last. An erasure that
stops midway is finished by running it again: the leads that name everything else are still found.
Leads under legal hold (a truthy `legal_hold`) are skipped and reported.

Other tenants: a lead forwarded to a dealer is the dealer's own (its controller): the importer's
erasure leaves an erasure request in the dealer's tenant (GET /privacy/requests), which the
dealer's admin carries out (POST /privacy/erasure with request_id); both sides' logs say so.
"""
import datetime as dt
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import ConfigDict, Field, StrictBool, model_validator

from ..domain import erasure as rules
from ..domain import reinquiries
from ..domain.forwarding import dealer_lead_entropy
from ..domain.ids import is_valid_id, new_id
from ..domain.permissions import Caller
from ..domain.person import record_error
from ..errors import NotFoundError
from ..formats import csv_rewrite
from ..formats.detect import detect_format
from ..store import audit as audit_store
from ..store import customers as customer_store
from ..store import erasure as store
from ..store import imports as import_store
from ..store import keys
from ..store import leads as lead_store
from ..store import privacy as privacy_store
from ..store.models import ActivityItem, AuditItem, CustomerItem, LeadItem
from .privacy import CRITERIA, AccessRequest, add_rows, customer_file_rows, each, file_origins, find_person, origins_of
from .tenants import load_tenant

log = logging.getLogger(__name__)

AUDIT_ENTITY, AUDIT_ID = "privacy", "erasures"       # the tenant's log of erasures (store/keys.py audit_pk)
ATTEMPTS = 4                                          # a lead or customer edited meanwhile: read and erase again
HELD = "under legal hold"


class ErasureRequest(AccessRequest):
    """Whom to erase: as for the access export, or an erasure request another tenant left here."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    request_id: Annotated[str, Field(max_length=40)] | None = None

    @model_validator(mode="after")
    def _one_at_least(self):
        if self.request_id and not is_valid_id(self.request_id):
            raise record_error("request_id", "value_error", "not an id of leadflow")
        if not self.request_id and not any(getattr(self, name) for name in CRITERIA):
            raise record_error("email", "missing_criterion",
                               "name the person: an email, phone, lead_id, customer_id or request_id")
        return self


class ErasureOrder(ErasureRequest):
    """An erasure, confirmed: `"confirm": true` after the preview."""
    confirm: StrictBool = False

    @model_validator(mode="after")
    def _confirmed(self):
        if self.confirm is not True:
            raise record_error("confirm", "confirm_required",
                               "an erasure cannot be undone: look at the preview, then send \"confirm\": true")
        return self


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _held(item: LeadItem) -> bool:
    return bool(getattr(item, "legal_hold", None))


# ---------------------------------------------------------------- what there is to erase


@dataclass
class Plan:
    """Everything of the person an erasure touches, read by key, nothing written yet."""
    tenant: str
    leads: dict[str, LeadItem] = field(default_factory=dict)
    held: dict[str, LeadItem] = field(default_factory=dict)
    customers: dict[str, CustomerItem] = field(default_factory=dict)
    activities: list[ActivityItem] = field(default_factory=list)
    audits: dict[tuple[str, str], list[AuditItem]] = field(default_factory=dict)
    raw_payloads: list[str] = field(default_factory=list)
    rows: dict[str, set[int]] = field(default_factory=dict)
    idempotency: list[tuple[str, str]] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    consents: dict[tuple[str, str], int] = field(default_factory=dict)
    forwarded: list[tuple[str, str, str]] = field(default_factory=list)     # (dealer, dealer's lead id, our lead id)
    leads_removed: bool = False          # the leads are gone already (deleted): only what hangs on them
    needles: rules.Needles = field(default_factory=lambda: rules.Needles((), ()))

    def counts(self) -> dict[str, int]:
        """What the erasure will touch, as far as the items read tell (report lines: preview reads them)."""
        tokens = sum(len(i.tokens or []) for i in [*self.leads.values(), *self.customers.values()])
        return {"leads": len(self.leads), "customers": len(self.customers), "activities": len(self.activities),
                "consents": sum(self.consents.values()),
                "audit_entries": sum(len(e) for e in self.audits.values()), "search_tokens": tokens,
                "match_keys": sum(len(c.match_keys or []) for c in self.customers.values()),
                "idempotency": len(self.idempotency), "contact_claims": len(self.claims),
                "raw_payloads": len(self.raw_payloads), "import_rows": sum(len(r) for r in self.rows.values()),
                "report_lines": 0, "forwarded": len(self.forwarded)}


def _ledger_size(tenant: str, kind: str, entity_id: str) -> int:
    """Entries of the person's consent ledger (store/consents.py)."""
    from ..store import consents
    return len(consents.ledger(tenant, kind, entity_id))


def plan(tenant: str, leads: dict[str, LeadItem], customers: dict[str, CustomerItem] | None = None,
         activities: list[ActivityItem] | None = None) -> Plan:
    """Read what hangs on these leads and customers (leads under legal hold set apart)."""
    found = Plan(tenant, customers=dict(customers or {}), activities=list(activities or []))
    for lead_id, item in leads.items():
        (found.held if _held(item) else found.leads)[lead_id] = item
    lead_ids, customer_ids = sorted(found.leads), sorted(found.customers)
    lead_logs = each(lambda i: privacy_store.audit_entries(tenant, "lead", i), lead_ids)
    customer_logs = each(lambda i: privacy_store.audit_entries(tenant, "customer", i), customer_ids)
    contacts = set()
    for lead_id, entries in zip(lead_ids, lead_logs):
        item = found.leads[lead_id]
        found.audits[("lead", lead_id)] = entries
        for origin in origins_of(item, entries):
            if origin.get("raw_payload"):
                found.raw_payloads.append(origin["raw_payload"])
        add_rows(found.rows, origins_of(item, entries))
        contacts.update(reinquiries.contact_keys(item.data or {}))
        found.forwarded += _forwarded_copies(item)
    for customer_id, entries in zip(customer_ids, customer_logs):
        found.audits[("customer", customer_id)] = entries
        add_rows(found.rows, file_origins(entries))
    for import_id, numbers in customer_file_rows(load_tenant(tenant), found.customers.values()).items():
        found.rows.setdefault(import_id, set()).update(numbers)
    found.raw_payloads = list(dict.fromkeys(found.raw_payloads))
    found.needles = rules.Needles.of(item.data or {} for item in [*found.leads.values(), *found.customers.values()])
    found.idempotency = [(pk, lead_id) for lead_id, pks in zip(lead_ids, each(
        lambda i: store.idempotency_of(tenant, i), lead_ids)) for pk in pks]
    found.claims = store.claims_naming(tenant, contacts, set(lead_ids))
    ledgers = [("lead", i) for i in lead_ids] + [("customer", i) for i in customer_ids]
    found.consents = dict(zip(ledgers, each(lambda ledger: _ledger_size(tenant, *ledger), ledgers)))
    return found


def _forwarded_copies(item: LeadItem) -> list[tuple[str, str, str]]:
    """Each dealer's lead this lead was forwarded as: its id is made from the forwarding's number."""
    copies, attempt = [], 0
    created_ms = int(keys.parse_iso(item.created_at).timestamp() * 1000)
    for record in (item.forwarding or {}).get("history", []):
        if record.get("status") == "forwarded":
            attempt += 1
            copies.append((record.get("dealer"),
                           new_id(created_ms, entropy=dealer_lead_entropy(item.tenant, item.lead_id, attempt)),
                           item.lead_id))
    return copies


# ---------------------------------------------------------------- doing it


def _erase_files(found: Plan, counts: Counter) -> None:
    counts["raw_payloads"] += sum(1 for key in found.raw_payloads if store.delete_object(key))
    for import_id, numbers in sorted(found.rows.items()):
        item = import_store.get(found.tenant, import_id)
        if item is None:
            continue
        if item.key:
            counts["import_rows"] += _rewrite_file(item, numbers, found.needles)
        if item.report_key:
            counts["report_lines"] += _rewrite_report(item.report_key, numbers, found.needles)


def _rewrite_file(item, numbers: set[int], needles: rules.Needles) -> int:
    """The imported file with the person's rows blanked (row numbers stay: other leads point into
    it), the version read replaced (an import pins the version it was made of: another file
    uploaded later at the same key is not touched; without a pin, every older version is deleted).
    A file that is not CSV (XLSX, ADF) is deleted whole."""
    body = privacy_store.read_object(item.key, item.version_id)
    if body is None:
        return 0
    if detect_format(item.file_name or item.key, body[:8]) == "csv":
        try:
            new, changed = csv_rewrite.rewrite(body, lambda number, cells: csv_rewrite.BLANK if (
                number in numbers or needles.found_in(cells)) else csv_rewrite.KEEP)
            if changed:
                version = store.replace_object(item.key, new, content_type="text/csv", version_id=item.version_id)
                if item.version_id:
                    import_store.repin(item, version)
            return changed
        except csv_rewrite.NotRewritableError:
            pass
    store.delete_object(item.key, version_id=item.version_id)
    return len(numbers)


def _rewrite_report(key: str, numbers: set[int], needles: rules.Needles) -> int:
    """The import's error report without the lines about the person's rows (or naming their e-mail
    or phone: a refused row made no lead); every older version deleted."""
    body = privacy_store.read_object(key)
    if body is None:
        return 0
    try:
        new, changed = csv_rewrite.rewrite(body, _report_decision(numbers, needles))
    except csv_rewrite.NotRewritableError:
        return store.delete_object(key) and 1
    if changed:
        store.replace_object(key, new, content_type="text/csv; charset=utf-8")
    return changed


def _report_decision(numbers: set[int], needles: rules.Needles):
    """A report line goes if it is about one of the rows (its first column) or names the person."""
    def decide(_: int, cells: list[str]) -> str:
        row = cells[0] if cells else ""
        mine = (row.isdigit() and int(row) in numbers) or needles.found_in(cells[1:])
        return csv_rewrite.DROP if mine else csv_rewrite.KEEP
    return decide


def _erase_ledgers(found: Plan, counts: Counter) -> None:
    from ..store import consents as consent_store
    ledgers = [ledger for ledger, size in found.consents.items() if size]
    counts["consents"] += sum(each(lambda ledger: consent_store.delete_ledger(found.tenant, *ledger), ledgers))


def _anonymise_audit(entries: list[AuditItem]) -> int:
    changed = [e for e in entries if not rules.is_anonymous(e.changes)]
    for entry in changed:
        entry.changes = rules.anonymised(entry.changes)
    return store.rewrite_audit(changed) if changed else 0


def _erase_customer(tenant: str, item: CustomerItem, counts: Counter) -> None:
    for _ in range(ATTEMPTS):
        heads = {key: store.match_key_state(tenant, key, item.customer_id) for key in item.match_keys or []}
        try:
            removed = store.delete_customer(item, heads)
        except store.ConditionFailed:
            item = customer_store.get_customer(tenant, item.customer_id)
            if item is None:
                return
            counts["audit_entries"] += _anonymise_audit(privacy_store.audit_entries(tenant, "customer", item.customer_id))
            continue
        counts["customers"] += 1
        counts.update(removed)
        return
    raise RuntimeError(f"customer {item.customer_id} kept changing: erase again")


def _erase_lead(tenant: str, item: LeadItem) -> Counter:
    """The lead and its tokens; edited meanwhile: its new log entries made anonymous, then again."""
    counts: Counter = Counter()
    for _ in range(ATTEMPTS):
        try:
            counts["search_tokens"] += store.delete_lead(item)
        except store.ConditionFailed:
            item = lead_store.get_lead(tenant, item.lead_id)
            if item is None:
                return counts
            counts["audit_entries"] += _anonymise_audit(privacy_store.audit_entries(tenant, "lead", item.lead_id))
            continue
        counts["leads"] += 1
        return counts
    raise RuntimeError(f"lead {item.lead_id} kept changing: erase again")


def _request_id(dealer: str, dealer_lead_id: str) -> str:
    """One request per forwarded copy, however often the importer's erasure runs."""
    return new_id(0, entropy=hashlib.sha256(f"erasure-request/{dealer}/{dealer_lead_id}".encode()).digest())


def _ask_dealers(found: Plan, erasure_id: str, actor: str, role: str, at: str, counts: Counter) -> None:
    if not found.forwarded:
        return
    importer = load_tenant(found.tenant)
    for dealer, dealer_lead_id, _ in found.forwarded:
        request_id = _request_id(dealer, dealer_lead_id)
        data = {"id": request_id, "from": found.tenant, "from_name": importer.name, "lead_id": dealer_lead_id,
                "status": "pending", "requested_at": at, "requested_by": f"{found.tenant}:{actor}",
                "erasure_id": erasure_id}
        if store.put_request(dealer, request_id, data):
            store.record(audit_store.entry(
                dealer, AUDIT_ENTITY, AUDIT_ID, action="erasure_requested", actor=f"{found.tenant}:{actor}", role=role,
                channel="api", at=at, entry_id=new_id(),
                changes=[{"field": "request_id", "old": None, "new": request_id},
                         {"field": "from", "old": None, "new": found.tenant}]))
        counts["forwarded"] += 1


def execute(found: Plan, *, actor: str, role: str, reason: str, now: dt.datetime | None = None,
            erasure_id: str | None = None, extra: list[dict] = (), channel: str = "api") -> tuple[str, dict[str, int]]:
    """Erase what the plan found, in the module's order; audit it in the tenant's erasure log.
    Returns the erasure's id and what it erased, by kind."""
    now = now or _now()
    at, erasure_id = keys.iso(now), erasure_id or new_id()
    counts: Counter = Counter(dict.fromkeys(rules.KINDS, 0))
    _erase_files(found, counts)
    _ask_dealers(found, erasure_id, actor, role, at, counts)
    for pk, lead_id in found.idempotency:
        counts["idempotency"] += store.blank_idempotency(pk, lead_id)
    counts["contact_claims"] += sum(store.delete_claim(pk, set(found.leads)) for pk in found.claims)
    _erase_ledgers(found, counts)
    counts["activities"] += store.delete_activities(found.activities)
    counts["audit_entries"] += sum(each(_anonymise_audit, found.audits.values()))
    for item in found.customers.values():
        _erase_customer(found.tenant, item, counts)
    if found.leads_removed:
        counts["leads"] += len(found.leads)
    else:
        for done in each(lambda item: _erase_lead(found.tenant, item), found.leads.values()):
            counts.update(done)
    result = {kind: counts[kind] for kind in rules.KINDS}
    changes = [{"field": "reason", "old": None, "new": reason},
               {"field": "kinds", "old": None, "new": [k for k in rules.KINDS if result[k]]},
               {"field": "counts", "old": None, "new": result},
               {"field": "held", "old": None, "new": len(found.held)}, *extra]
    store.record(audit_store.entry(found.tenant, AUDIT_ENTITY, AUDIT_ID, action="erasure", actor=actor, role=role,
                                   channel=channel, at=at, entry_id=erasure_id, changes=changes))
    log.info("erasure", extra={"tenant": found.tenant, "erasure_id": erasure_id, "counts": result, "reason": reason})
    return erasure_id, result


def erase_leads(tenant_id: str, lead_ids: list[str], *, actor: str, role: str, reason: str,
                channel: str = "api") -> dict:
    """Erase these leads and everything hanging on them (tokens, audit values, consents, raw payloads,
    import rows and report lines, idempotency copies, contact claims, forwarded copies asked for);
    not their customers. Leads under legal hold are skipped (counted as "held"), missing ones
    ignored. Audited in the tenant's erasure log with the reason. Returns the counts by kind."""
    leads = lead_store.batch_get_leads(tenant_id, lead_ids, consistent=True)
    found = plan(tenant_id, leads)
    _, counts = execute(found, actor=actor, role=role, reason=reason, channel=channel)
    return {**counts, "held": len(found.held)}


def forget_deleted(tenant_id: str, items: list[LeadItem], *, actor: str, role: str) -> dict:
    """What leads a user deleted leave behind (their removal wrote the "deleted" log entries):
    their log entries' values, consent ledgers, idempotency copies, contact claims, raw payloads,
    and their own rows of imported files and reports. Not rows of the same person's other leads
    (no search by e-mail or phone: the person may still be a prospect) and not forwarded copies
    (the dealer's own leads). Audited in the tenant's erasure log. Returns the counts by kind."""
    if not items:
        return {}
    found = plan(tenant_id, {item.lead_id: item for item in items})
    found.leads_removed, found.forwarded, found.needles = True, [], rules.Needles((), ())
    _, counts = execute(found, actor=actor, role=role, reason="leads deleted")
    return counts


# ---------------------------------------------------------------- the API's use cases


def _subject(caller: Caller, request: ErasureRequest) -> tuple[Plan, dict | None]:
    """The plan for a person (by the export's criteria), or for another tenant's request: only its
    forwarded lead (the request names no more; the dealer's customer is its own)."""
    if request.request_id:
        item = store.get_request(caller.tenant, request.request_id)
        if item is None:
            raise NotFoundError("erasure request not found")
        lead = lead_store.get_lead(caller.tenant, item.data["lead_id"])
        return plan(caller.tenant, {lead.lead_id: lead} if lead else {}), item
    leads, customers, activities = find_person(caller.tenant, request)
    return plan(caller.tenant, leads, customers, activities), None


def _held_view(found: Plan) -> list[dict]:
    return [{"lead_id": i, "reason": HELD} for i in sorted(found.held)]


def _report_lines(found: Plan) -> int:
    """The lines the erasure would take out of the imports' error reports (each report read once)."""
    lines = 0
    for import_id, numbers in sorted(found.rows.items()):
        item = import_store.get(found.tenant, import_id)
        body = privacy_store.read_object(item.report_key) if item and item.report_key else None
        if body is None:
            continue
        try:
            _, changed = csv_rewrite.rewrite(body, _report_decision(numbers, found.needles))
        except csv_rewrite.NotRewritableError:
            changed = 1
        lines += changed
    return lines


def preview(caller: Caller, request: ErasureRequest) -> dict:
    """What an erasure would remove, by kind, with counts and ids; nothing written."""
    found, order = _subject(caller, request)
    counts = {**found.counts(), "report_lines": _report_lines(found)}
    return {
        "counts": counts,
        "ids": {"leads": sorted(found.leads), "customers": sorted(found.customers),
                "activities": sorted(a.activity_id for a in found.activities),
                "raw_payloads": found.raw_payloads,
                "import_rows": [{"import_id": i, "row": n} for i, rows in sorted(found.rows.items()) for n in sorted(rows)],
                "forwarded": sorted({dealer for dealer, _, _ in found.forwarded})},
        "held": _held_view(found),
        "request": _request_view(order) if order else None,
        "nothing_found": _nothing_found(counts, found),
    }


def _nothing_found(counts: dict, found: Plan) -> bool:
    """Nothing of the person is held here: no count and no lead kept under legal hold (a held lead
    was found, though the erasure leaves it)."""
    return not any(counts.values()) and not found.held


def erase_person(caller: Caller, order: ErasureOrder, *, now: dt.datetime | None = None) -> dict:
    """Erase the person (or carry out another tenant's request); audited on every side."""
    now = now or _now()
    found, request_item = _subject(caller, order)
    extra = [{"field": "criteria", "old": None, "new": [n for n in (*CRITERIA, "request_id") if getattr(order, n)]}]
    if request_item is not None:
        extra.append({"field": "request", "old": None, "new": {"id": request_item.data["id"],
                                                               "from": request_item.data["from"]}})
    erasure_id, counts = execute(found, actor=caller.user, role=caller.role,
                                 reason="request" if request_item is None else "request of another tenant",
                                 now=now, extra=extra)
    if request_item is not None:
        _close_request(caller, request_item, erasure_id, counts, len(found.held), now)
    nothing = _nothing_found(counts, found)
    return {"erasure_id": erasure_id, "counts": counts, "held": _held_view(found),
            "nothing_found": nothing,
            "detail": "nothing of this person was found: nothing to erase" if nothing else None}


def _close_request(caller: Caller, item, erasure_id: str, counts: dict, held: int, now: dt.datetime) -> None:
    """The request is done (unless its lead is under legal hold here: it stays pending); the
    requesting tenant's log says what was done (kinds and counts, no values)."""
    at = keys.iso(now)
    if item.data.get("status") != "done" and not held:
        item.data = {**item.data, "status": "done", "done_at": at, "done_by": caller.user, "done_erasure_id": erasure_id}
        store.save_request(item)
    store.record(audit_store.entry(
        item.data["from"], AUDIT_ENTITY, AUDIT_ID, action="erasure_request_done", actor=f"{caller.tenant}:{caller.user}",
        role=caller.role, channel="api", at=at, entry_id=new_id(),
        changes=[{"field": "request_id", "old": None, "new": item.data["id"]},
                 {"field": "erasure_id", "old": None, "new": item.data.get("erasure_id")},
                 {"field": "counts", "old": None, "new": counts},
                 {"field": "held", "old": None, "new": held}]))


def _request_view(item) -> dict:
    return {name: item.data.get(name) for name in ("id", "from", "from_name", "lead_id", "status", "requested_at",
                                                   "requested_by", "done_at", "done_by")}


def requests(caller: Caller) -> dict:
    """Erasure requests other tenants left for this one, pending first."""
    items = [_request_view(i) for i in store.requests_of(caller.tenant)]
    items.sort(key=lambda r: (r["status"] != "pending", r["requested_at"] or ""))
    return {"items": items}
