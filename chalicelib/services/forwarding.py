"""Importer -> dealer forwarding ("Weiterleitung"): by hand or by an importer's forward rule, the
dealer's accept or reject, and the reports the importer gets back (accepted, worked, converted).

The dealer's lead is made by the one intake (intake.build: channel "forward", the dealer's
routing rules apply) under an id derived from the importer, its lead and the how-manieth forwarding
it is; it is created, conditionally, in one transaction with the importer's lead's change: a retry,
an import resumed, a delivery twice never make two dealer leads. What crosses: the prospect's lead
(to the dealer) and the dealer's status and reason (back to the importer), nothing else of either.
"""
import copy
import datetime as dt
import logging

from ..domain.forwarding import (
    ACCEPTED, FORWARDED, IMPORTER, NEW, REJECTED, advanced, attempts, dealer_lead_entropy, forward_refusal,
)
from ..domain.ids import new_id
from ..domain.permissions import Caller
from ..domain.review import IdentifiesNobodyError
from ..domain.versions import require_version
from ..errors import ConflictError, InvalidInputError, StaleVersionError
from ..observability import metric
from ..store import audit as audit_store
from ..store import keys
from ..store import leads as lead_store
from ..store.models import LeadItem
from . import intake
from .leads import audit_entry, lead_view, load_lead
from .links import Partners
from .replies import Reply
from .tenants import Tenant, load_tenant

log = logging.getLogger(__name__)

SYSTEM_USER, SYSTEM_ROLE = "leadflow", "system"     # who the dealer's lead's log says created it
CHANNEL = "forward"
ATTEMPTS = 3


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- forwarding


def forward_lead(caller: Caller, lead_id: str, dealer: str | None, *, expected_version: int | None,
                 now: dt.datetime | None = None) -> Reply:
    """Forward an open importer's lead that asks for dealer contact to an actively linked dealer:
    the one named, else its preferred dealer, else its market area's."""
    item = load_lead(caller, lead_id, "lead.forward")
    tenant = load_tenant(caller.tenant)
    if tenant.kind != IMPORTER:
        raise InvalidInputError("only an importer forwards leads", [{
            "field": "dealer", "type": "forwarding", "message": "only an importer's leads are forwarded to dealers"}])
    if expected_version is not None:
        require_version(item.version, expected_version)
    _require_forwardable(item)
    partners = Partners(tenant)
    if dealer:
        link = partners.active(dealer)
        if link is None:
            state = next((l.state for l in partners.links if l.other == dealer), None)
            said = {"waiting_for_them": "the dealer has not confirmed the link yet",
                    "waiting_for_us": "this importer has not confirmed the link yet"}.get(state, "no link with this dealer")
            raise InvalidInputError(f"cannot forward to {dealer}: {said}", [{
                "field": "dealer", "type": "no_active_link", "message": f"{dealer!r}: {said}"}])
        why = f"forwarded by hand to {dealer}"
    else:
        facts = _facts(item)
        choice = partners.dealer_for(**facts)
        if choice.dealer is None:
            raise InvalidInputError(f"no dealer to forward to: {choice.why}", [{
                "field": "dealer", "type": "no_dealer_found", "message": f"name the dealer: {choice.why}"}])
        dealer, why = choice.dealer, choice.why
    now = now or _now()
    try:
        forwarded = _forward(item, tenant, dealer, why, actor=caller, now=now, dealer_name=partners.name(dealer))
    except lead_store.WriteConflict:
        raise StaleVersionError("the lead changed while you were forwarding it; reload and try again",
                                current_version=None) from None
    return Reply(lead_view(forwarded, caller, now))


def _require_forwardable(item: LeadItem) -> None:
    interest = ((item.data or {}).get("vehicle") or {}).get("interest") or {}
    refusal = forward_refusal(status=item.status, dealer_contact=bool(interest.get("dealer_contact")))
    if refusal and item.status != "open":
        raise ConflictError(refusal)
    if refusal:
        raise InvalidInputError(refusal, [{"field": "vehicle.interest.dealer_contact", "type": "forwarding",
                                           "message": "the prospect did not ask for dealer contact"}])


def _facts(item: LeadItem) -> dict:
    data = item.data or {}
    interest = (data.get("vehicle") or {}).get("interest") or {}
    return {"preferred": interest.get("preferred_dealer"), "postal_code": data.get("postal_code"),
            "country": data.get("country")}


def forward_routed(news: list) -> None:
    """After the intake stored new leads: forward those an importer's forward rule sent to a dealer.
    A lead whose forwarding fails stays open in the importer's pool (logged): it can be forwarded by
    hand. Never raises: the leads are stored, and the channel must answer that they are."""
    for new in news:
        routing = intake.routing_of(new)
        if routing.get("target") != "forward" or not routing.get("dealer"):
            continue
        try:
            forward_arrived(new.item.tenant, new.item.lead_id, routing["dealer"], routing.get("why") or "")
        except Exception as exc:             # noqa: BLE001 - any failure: the lead stays in the pool
            log.error("forwarding failed: the lead stays in the importer's pool",
                      extra={"tenant": new.item.tenant, "lead_id": new.item.lead_id, "error": type(exc).__name__})
            metric("ForwardingFailures", channel=new.item.channel)


def forward_arrived(tenant_id: str, lead_id: str, dealer: str, why: str, now: dt.datetime | None = None) -> bool:
    """Forward a just-stored lead as its rule said, once: a lead found forwarded already (a retry,
    a parallel run) is left alone. Returns whether this call forwarded it."""
    tenant = load_tenant(tenant_id)
    system = Caller(tenant_id, SYSTEM_USER, SYSTEM_ROLE, CHANNEL)
    partners = Partners(tenant)
    for _ in range(ATTEMPTS):
        item = lead_store.get_lead(tenant_id, lead_id)
        if item is None or item.status != "open" or item.forwarding:
            return False
        if partners.active(dealer) is None:
            return False
        try:
            _forward(item, tenant, dealer, why, actor=system, now=now or _now(), dealer_name=partners.name(dealer))
            return True
        except lead_store.WriteConflict:
            continue                          # changed meanwhile (or forwarded by a parallel run): look again
    return False


def _forward(item: LeadItem, importer: Tenant, dealer_id: str, why: str, *, actor: Caller, now: dt.datetime,
             dealer_name: str) -> LeadItem:
    """The dealer's lead (made by the one intake) and the importer's lead's change, in one transaction."""
    dealer = load_tenant(dealer_id)
    attempt = attempts(item.forwarding) + 1
    at = keys.iso(now)
    created_ms = int(keys.parse_iso(item.created_at).timestamp() * 1000)
    dealer_lead_id = new_id(created_ms, entropy=dealer_lead_entropy(importer.id, item.lead_id, attempt))
    new = _dealer_lead(item, importer, dealer, dealer_lead_id, attempt=attempt, now=now, actor=actor)

    before = {"status": item.status, "assignee": item.assignee}
    record = {"status": FORWARDED, "at": at, "dealer": dealer_id, "reason": None, "by": actor.user, "why": why}
    history = list((item.forwarding or {}).get("history", [])) + [record]
    item.forwarding = {"dealer": dealer_id, "dealer_name": dealer_name, "status": FORWARDED, "at": at,
                       "reason": None, "history": history, "attempt": attempt}
    item.status, item.assignee = FORWARDED, None
    item.updated_at, item.updated_by = at, actor.user
    changes = [{"field": "status", "old": before["status"], "new": FORWARDED},
               {"field": "forwarding", "old": None, "new": {"dealer": dealer_id, "dealer_name": dealer_name, "why": why}}]
    if before["assignee"]:
        changes.append({"field": "assignee", "old": before["assignee"], "new": None})
    audit = audit_entry(actor, item.lead_id, "forwarded", actor.principal if actor.role == SYSTEM_ROLE else "api",
                        now, changes)
    lead_store.save_linked_leads([(item, audit)], created=(new.item, new.audit), created_consents=new.consents)
    metric("LeadsForwarded", by="rule" if actor.role == SYSTEM_ROLE else "hand")
    return item


def _dealer_lead(item: LeadItem, importer: Tenant, dealer: Tenant, lead_id: str, *, attempt: int,
                 now: dt.datetime, actor: Caller) -> intake.NewLead:
    """The dealer's copy: the prospect, vehicle, remark and qualification; the importer as its source
    (its own source noted in the remark); routed by the dealer's rules."""
    fields = {k: v for k, v in copy.deepcopy(intake.writable_view(item)).items()
              if k not in ("assignee", "received_at", "source", "source_detail", "consent") and v is not None}
    # Consent stays with the importer it was given to; the dealer contacts the prospect because asked to.
    vehicle = fields.get("vehicle") or {}
    if isinstance(vehicle.get("interest"), dict):
        # Dealer contact is what the importer's lead asked for; on the dealer's lead it has happened.
        vehicle["interest"] = {**vehicle["interest"], "dealer_contact": False}
    given = " / ".join(v for v in (item.source, item.source_detail) if v)
    notes = [f"Weitergeleitet von {importer.name}" + (f" (Herkunft: {given})" if given else "")]
    book = intake.Book(dealer)
    try:
        admitted = intake.admit_machine(book, fields, notes=notes, defaults=intake.Defaults(
            source=importer.name[:100], source_detail=(item.source or None) and item.source[:100], override=True))
    except IdentifiesNobodyError as exc:
        raise ConflictError(f"the lead cannot be forwarded: {exc.detail}") from None
    system = Caller(dealer.id, SYSTEM_USER, SYSTEM_ROLE, CHANNEL)
    # Always a lead of its own (no re-inquiry touch): it is the importer's lead handed over, linked back to it.
    new = intake.build(system, dealer, admitted, channel=CHANNEL, now=now, lead_id=lead_id, router=book.router,
                       reinquiry=False)
    new.item.forwarded_from = {"importer": importer.id, "importer_name": importer.name, "lead_id": item.lead_id,
                               "status": NEW, "at": keys.iso(now), "attempt": attempt}
    new.audit.changes = [*new.audit.changes, {"field": "forwarded_from", "old": None, "new": {
        "importer": importer.id, "importer_name": importer.name, "lead_id": item.lead_id,
        "by": f"{importer.id}:{actor.user}"}}]
    return new


# ---------------------------------------------------------------- the dealer's answer


def accept(caller: Caller, lead_id: str, *, expected_version: int | None, now: dt.datetime | None = None) -> Reply:
    """The dealer takes the forwarded lead on; the importer sees "accepted"."""
    item = _forwarded_lead(caller, lead_id, "lead.accept", expected_version)
    if item.forwarded_from.get("status") != NEW:
        raise ConflictError(f"the lead was {item.forwarded_from.get('status')} already")
    now = now or _now()
    item.forwarded_from = {**item.forwarded_from, "status": ACCEPTED}
    item.updated_at, item.updated_by = keys.iso(now), caller.user
    audit = audit_entry(caller, lead_id, "forward_accepted", "api", now, [
        {"field": "forwarded_from.status", "old": NEW, "new": ACCEPTED}])
    _answer(caller, item, audit, ACCEPTED, None, now)
    return Reply(lead_view(item, caller, now))


def reject(caller: Caller, lead_id: str, reason: str, *, expected_version: int | None,
           now: dt.datetime | None = None) -> Reply:
    """The dealer gives the lead back with its reason: the dealer's lead is rejected (kept, no longer
    open), the importer's lead is open again in its pool, the reason on it."""
    item = _forwarded_lead(caller, lead_id, "lead.reject", expected_version)
    if item.forwarded_from.get("status") not in (NEW, ACCEPTED):
        raise ConflictError(f"the lead was {item.forwarded_from.get('status')} already")
    now = now or _now()
    old_status = item.status
    item.status = REJECTED
    item.forwarded_from = {**item.forwarded_from, "status": REJECTED, "reason": reason}
    item.updated_at, item.updated_by = keys.iso(now), caller.user
    audit = audit_entry(caller, lead_id, "forward_rejected", "api", now, [
        {"field": "status", "old": old_status, "new": REJECTED}, {"field": "reason", "old": None, "new": reason}])
    _answer(caller, item, audit, REJECTED, reason, now)
    return Reply(lead_view(item, caller, now))


def _forwarded_lead(caller: Caller, lead_id: str, action: str, expected_version: int | None) -> LeadItem:
    item = load_lead(caller, lead_id, action)
    if not item.forwarded_from:
        raise ConflictError("this lead was not forwarded by an importer")
    if item.status != "open":
        raise ConflictError(f"the lead is {item.status}: only an open forwarded lead can be accepted or rejected")
    if expected_version is not None:
        require_version(item.version, expected_version)
    return item


def _answer(caller: Caller, item: LeadItem, audit, status: str, reason: str | None, now: dt.datetime) -> None:
    """The dealer's lead and the importer's, changed together; a changed importer's lead is read again."""
    for _ in range(ATTEMPTS):
        origin = _importer_lead(item)
        changed = [(item, audit)]
        if origin is not None and (status == REJECTED or advanced(origin.forwarding.get("status"), status)):
            changed.append(_importer_change(origin, caller, status, reason, now))
        try:
            lead_store.save_linked_leads(changed)
            return
        except lead_store.WriteConflict as exc:
            if item.pk in exc.tags:
                raise StaleVersionError("the lead changed meanwhile; reload and try again", current_version=None) from None
    raise StaleVersionError("the importer's lead kept changing; try again", current_version=None)


def _importer_lead(dealer_item: LeadItem) -> LeadItem | None:
    """The importer's lead this one copies, if it is still forwarded to this dealer in this attempt."""
    origin = dealer_item.forwarded_from or {}
    item = lead_store.get_lead(origin.get("importer", ""), origin.get("lead_id", "")) if origin.get("lead_id") else None
    forwarding = (item.forwarding or {}) if item else {}
    if not item or forwarding.get("dealer") != dealer_item.tenant or forwarding.get("attempt") != origin.get("attempt"):
        return None
    return item


def _importer_change(item: LeadItem, caller: Caller, status: str, reason: str | None, now: dt.datetime):
    """The importer's lead told of the dealer's step; a rejection puts it back into its pool."""
    at = keys.iso(now)
    forwarding = dict(item.forwarding)
    old = forwarding["status"]
    forwarding.update(status=status, reason=reason if status == REJECTED else forwarding.get("reason"))
    forwarding["history"] = [*forwarding.get("history", []),
                             {"status": status, "at": at, "dealer": item.forwarding["dealer"], "reason": reason}]
    item.forwarding = forwarding
    changes = [{"field": "forwarding.status", "old": old, "new": status}]
    if status == REJECTED:
        changes += [{"field": "status", "old": item.status, "new": "open"},
                    {"field": "reason", "old": None, "new": reason}]
        item.status, item.assignee = "open", None
    item.updated_at, item.updated_by = at, f"{caller.tenant}:{caller.user}"
    # The importer's log names the dealer (the tenant on the other side) and its user.
    audit = audit_store.entry(item.tenant, "lead", item.lead_id, action=f"forward_{status}",
                              actor=f"{caller.tenant}:{caller.user}", role=caller.role, channel=CHANNEL, at=at,
                              changes=changes, entry_id=new_id())
    return item, audit


def report_back(dealer_item: LeadItem, status: str, caller: Caller, now: dt.datetime | None = None) -> None:
    """After the dealer worked (first contact) or converted a forwarded lead: the importer's lead says
    so. Best effort after the dealer's own write: a failure is logged, the dealer's step stands."""
    if not dealer_item.forwarded_from or dealer_item.forwarded_from.get("status") == REJECTED:
        return
    now = now or _now()
    try:
        for _ in range(ATTEMPTS):
            origin = _importer_lead(dealer_item)
            if origin is None or not advanced(origin.forwarding.get("status"), status):
                return
            try:
                lead_store.save_linked_leads([_importer_change(origin, caller, status, None, now)])
                return
            except lead_store.WriteConflict:
                continue
    except Exception as exc:                 # noqa: BLE001 - the dealer's step is done whatever happens here
        log.error("forwarding report failed", extra={"tenant": dealer_item.tenant, "lead_id": dealer_item.lead_id,
                                                     "error": type(exc).__name__})
        metric("ForwardingReportFailures", status=status)
