"""The consent ledger (DSGVO/GDPR Art. 7): a lead's and a customer's entries, what they grant now,
grants and withdrawals recorded by a person (effective at once), a new lead's first entries, the
entries a conversion carries to the customer, and the consent an activity needs.
Rules and decisions: domain/consents.py."""
import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from ..domain import consents as rules
from ..domain import permissions
from ..domain.ids import new_id
from ..domain.permissions import Caller
from ..errors import ConflictError, InvalidInputError
from ..observability import metric
from ..store import consents as store
from ..store import keys
from ..store import leads as lead_store
from ..store.models import ConsentItem
from ..validation import Schema
from .replies import Reply

MAX_ENTRIES = 10
ATTEMPTS = 5                   # a lead edited meanwhile: read it again (a withdrawal is never refused for that)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ConsentChange(Schema):
    """One grant or withdrawal: marketing names its channel, the other purposes none."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    purpose: Literal[rules.PURPOSES]
    channel: Literal[rules.CHANNELS] | None = Field(None, validate_default=True,
                                                     description="marketing's channel; none for the other purposes")
    state: Literal[rules.STATES]
    source: Literal[rules.RECORDING_SOURCES] = Field(
        "api", description="how the person said it: in_person (at the dealership, on the phone), workspace, api")
    notice: Annotated[str, Field(max_length=2000)] | None = Field(
        None, validate_default=True, description="the privacy notice's version or text the person was shown; "
                                                 "required for a grant")
    note: Annotated[str, Field(max_length=1000)] | None = None

    @field_validator("channel")
    @classmethod
    def _channel_fits(cls, value, info: ValidationInfo):
        purpose = info.data.get("purpose")
        if purpose == "marketing" and value is None:
            raise ValueError("marketing needs its channel: email, phone, sms or post")
        if purpose and purpose != "marketing" and value is not None:
            raise ValueError(f"{purpose} has no channel")
        return value

    @field_validator("notice")
    @classmethod
    def _grant_names_its_notice(cls, value, info: ValidationInfo):
        if info.data.get("state") == rules.GRANTED and not value:
            raise ValueError("a grant names the privacy notice the person was shown")
        return value


class ConsentRecording(Schema):
    """Grants and withdrawals to record, in order; each takes effect when stored."""
    model_config = ConfigDict(extra="forbid")
    entries: Annotated[list[ConsentChange], Field(min_length=1, max_length=MAX_ENTRIES)]


# ---------------------------------------------------------------- entries


def view(item: ConsentItem) -> dict:
    return {"id": item.entry_id, "purpose": item.purpose, "channel": item.channel, "state": item.state,
            "at": item.at, "source": item.source, "notice": item.notice, "ip": item.ip, "given_at": item.given_at,
            "actor": item.actor, "role": item.role, "lead_id": item.lead_id, "note": item.note}


def ledger(tenant: str, kind: str, entity_id: str) -> list[dict]:
    """A lead's or customer's entries, oldest first."""
    return [view(i) for i in store.ledger(tenant, kind, entity_id)]


def current(tenant: str, kind: str, entity_id: str) -> dict[str, bool]:
    """What the person grants now, per purpose and marketing channel."""
    return rules.current(ledger(tenant, kind, entity_id))


def _item(tenant: str, kind: str, entity_id: str, entry: dict, *, entry_id: str, at: str, actor: str, role: str,
          lead_id: str | None = None) -> ConsentItem:
    return store.new_entry(tenant, kind, entity_id, entry_id=entry_id, at=at, purpose=entry["purpose"],
                           channel=entry.get("channel"), state=entry["state"], source=entry["source"],
                           notice=entry.get("notice"), ip=entry.get("ip"), given_at=entry.get("given_at"),
                           actor=actor, role=role, lead_id=lead_id, note=entry.get("note"))


def entries_for_new_lead(caller: Caller, tenant_kind: str, lead, *, channel: str, now: dt.datetime) -> list[ConsentItem]:
    """A new lead's first entries (domain/consents.py initial_entries), to be written with the lead.
    Their keys follow from the lead's id and the time, so an import's row written again writes the same."""
    data = lead.data or {}
    interest = ((data.get("vehicle") or {}).get("interest") or {})
    entries = rules.initial_entries(data.get("consent"), channel=channel,
                                    sweepstake=rules.is_sweepstake(lead.source, lead.source_detail),
                                    wants_dealer=bool(interest.get("dealer_contact")), importer=tenant_kind == "importer")
    at = keys.iso(now)
    return [_item(caller.tenant, "lead", lead.lead_id, entry, entry_id=f"{lead.lead_id}.{n:02d}", at=at,
                  actor=caller.user, role=caller.role, lead_id=lead.lead_id) for n, entry in enumerate(entries)]


def entries_for_touch(caller: Caller, lead, consent: dict | None, *, channel: str, now: dt.datetime,
                      entry_id: str) -> list[ConsentItem]:
    """A re-inquiry's marketing grants on the open lead it is attached to (a ticked box again is a
    grant again; an unticked one withdraws nothing)."""
    entries = rules.marketing_grants(consent, channel=channel)
    at = keys.iso(now)
    return [_item(caller.tenant, "lead", lead.lead_id, entry, entry_id=f"{entry_id}.{n:02d}", at=at, actor=caller.user,
                  role=caller.role, lead_id=lead.lead_id) for n, entry in enumerate(entries)]


def touched_section(previous: dict | None, grants: list[ConsentItem]) -> dict | None:
    """The lead's consent section after a re-inquiry's grants (they only add)."""
    if not grants:
        return previous
    section = dict(previous or {})
    for grant in grants:
        section[rules.key_of("marketing", grant.channel)] = True
    latest = grants[-1]
    section.update({k: v for k, v in {"privacy_notice_version": (latest.notice or "")[:50] or None,
                                      "given_at": latest.given_at or latest.at, "ip": latest.ip}.items() if v})
    return section


# ---------------------------------------------------------------- the lead view's marker


def lead_markers(item) -> dict:
    """What the lead view says about consent: marketing granted on any channel, and a sweepstake
    lead without it (to be contacted only once the person grants marketing)."""
    return {"marketing_consent": rules.has_marketing((item.data or {}).get("consent")),
            "sweepstake_without_consent": rules.sweepstake_without_consent(item)}


# ---------------------------------------------------------------- the routes


def _answer(kind: str, entity_id: str, entries: list[dict], **extra) -> dict:
    return {"kind": kind, f"{kind}_id": entity_id, "current": rules.current(entries), "entries": entries, **extra}


def lead_ledger(caller: Caller, lead_id: str) -> Reply:
    """A lead's ledger and what it grants now (lead.read reaches the lead)."""
    from .leads import load_lead
    item = load_lead(caller, lead_id, "lead.read")
    return Reply(_answer("lead", item.lead_id, ledger(caller.tenant, "lead", item.lead_id)))


def customer_ledger(caller: Caller, customer_id: str) -> Reply:
    from .customers import load
    item = load(caller, customer_id)
    return Reply(_answer("customer", item.customer_id, ledger(caller.tenant, "customer", item.customer_id)))


def _changes(entries: list[ConsentItem]) -> list[dict]:
    """The audit entry's record of what was recorded (no IP: the ledger has it)."""
    return [{"field": f"consent.{rules.key_of(e.purpose, e.channel)}", "old": None,
             "new": {"state": e.state, "source": e.source, "entry": e.entry_id}} for e in entries]


def record_for_lead(caller: Caller, lead_id: str, body: ConsentRecording, *, now: dt.datetime | None = None) -> Reply:
    """Grants and withdrawals on a lead's ledger (lead.update reaches the lead), whatever its status,
    with the lead's consent section made anew from the ledger, in one transaction; a converted
    lead's customer gets the same entries. A lead edited meanwhile is read again: a withdrawal is
    never refused for a stale version."""
    from .customers import audit_entry as customer_audit_entry
    from .leads import audit_entry, load_lead
    for attempt in range(ATTEMPTS):
        item = load_lead(caller, lead_id, "lead.update")
        moment = now or _now()
        at = keys.iso(moment)
        base = new_id()               # one request's entries keep their order: same time, ids in sequence
        new = [_item(caller.tenant, "lead", lead_id, change.model_dump(), entry_id=f"{base}.{n:02d}", at=at,
                     actor=caller.user, role=caller.role, lead_id=lead_id) for n, change in enumerate(body.entries)]
        entries = ledger(caller.tenant, "lead", lead_id) + [view(e) for e in new]
        old_section = (item.data or {}).get("consent")
        section = rules.snapshot(old_section, entries)
        item.data = {**(item.data or {}), "consent": section} if section is not None else item.data
        item.updated_at, item.updated_by = at, caller.user
        changes = _changes(new)
        if section != old_section:
            changes.append({"field": "consent", "old": old_section, "new": section})
        carried, customer_audit = [], None
        if item.customer_id and permissions.may(caller, "customer.write"):
            carried = [_item(caller.tenant, "customer", item.customer_id, view(e), entry_id=e.entry_id, at=at,
                             actor=caller.user, role=caller.role, lead_id=lead_id) for e in new]
            customer_audit = customer_audit_entry(caller, item.customer_id, "consent", moment, _changes(carried))
        try:
            store.append_with_lead(new, item, audit_entry(caller, lead_id, "consent", "api", moment, changes),
                                   customer_entries=carried, customer_audit=customer_audit)
        except lead_store.WriteConflict:
            if attempt == ATTEMPTS - 1:
                raise ConflictError("the lead kept changing while the consent was recorded; send it again") from None
            continue
        _count(new)
        return Reply(_answer("lead", lead_id, entries, version=item.version), 201)
    raise AssertionError("unreachable")


def record_for_customer(caller: Caller, customer_id: str, body: ConsentRecording, *,
                        now: dt.datetime | None = None) -> Reply:
    """Grants and withdrawals on a customer's ledger, with their audit entry."""
    from .customers import audit_entry, load
    item = load(caller, customer_id)
    moment = now or _now()
    at = keys.iso(moment)
    base = new_id()
    new = [_item(caller.tenant, "customer", item.customer_id, change.model_dump(), entry_id=f"{base}.{n:02d}", at=at,
                 actor=caller.user, role=caller.role) for n, change in enumerate(body.entries)]
    store.append_with_audit(new, audit_entry(caller, item.customer_id, "consent", moment, _changes(new)))
    _count(new)
    return Reply(_answer("customer", item.customer_id, ledger(caller.tenant, "customer", item.customer_id)), 201)


def _count(entries: list[ConsentItem]) -> None:
    for entry in entries:
        metric("ConsentsRecorded", purpose=entry.purpose, state=entry.state)


# ---------------------------------------------------------------- conversion and activities


def carried_to_customer(caller: Caller, lead_id: str, customer_id: str) -> list[ConsentItem]:
    """The lead's entries as the customer's (source conversion, lead_id set), each keeping when it
    was given, so that the customer's latest entry of a purpose still decides. Their keys follow from
    the lead's entries: carrying again writes the same items."""
    carried = []
    for entry in ledger(caller.tenant, "lead", lead_id):
        note = f"from lead {lead_id} (source {entry['source']})" + (f": {entry['note']}" if entry.get("note") else "")
        carried.append(_item(caller.tenant, "customer", customer_id, {**entry, "source": "conversion", "note": note[:1000]},
                             entry_id=entry["id"] if entry["id"].startswith(f"{lead_id}.") else f"{lead_id}.{entry['id']}",
                             at=entry["at"], actor=entry["actor"],
                             role=entry["role"], lead_id=lead_id))
    return carried


def missing_consent(state: dict[str, bool], activity_type: str, tenant_channels: dict | None) -> str | None:
    """The channel an activity of this type needs consent for and the person has not given, or None."""
    channel = rules.activity_channel(activity_type, tenant_channels)
    if channel is None or rules.permits(state, channel):
        return None
    return channel


def require_for_activity(state: dict[str, bool], activity_type: str, *, tenant, exception: str | None,
                         field: str | None = "activity") -> dict | None:
    """Refuse an activity (or a logged outgoing contact) that reaches the person by a channel they
    have not consented to (409, naming the consent), unless the tenant allows documented exceptions
    and the request gives its reason: then the exception to record on the activity and in the audit.
    `field`: the object holding consent_exception in the request (None: the body itself)."""
    channel = missing_consent(state, activity_type, tenant.consent_channels)
    field = f"{field}.consent_exception" if field else "consent_exception"
    if channel is None:
        if exception:
            raise InvalidInputError("no consent exception needed", [{
                "field": field, "type": "value_error",
                "message": f"the person has consented to {activity_type}: leave consent_exception out"}])
        return None
    needed = [f"marketing_{channel}", "dealer_contact"]
    if exception and tenant.consent_exceptions:
        return {"channel": channel, "missing": needed, "reason": exception}
    if exception:
        raise InvalidInputError("consent exceptions are off", [{
            "field": field, "type": "value_error",
            "message": "the tenant allows no consent exceptions (setting consent_exceptions)"}])
    raise ConflictError(f"the person has not consented to be contacted by {channel} ({activity_type}): "
                        f"neither marketing_{channel} nor dealer_contact is granted; record the consent "
                        f"(POST /leads/{{id}}/consents or /customers/{{id}}/consents) or choose another activity",
                        missing_consent={"activity_type": activity_type, "channel": channel, "needs_one_of": needed})


def ledger_entries(tenant: str, lead_ids: list[str], customer_ids: list[str], read_each) -> list[dict]:
    """The access export's consents: every entry of the person's leads' and customers' ledgers, each
    naming whose it is (read_each: the export's parallel reader)."""
    wanted = [("lead", i) for i in lead_ids] + [("customer", i) for i in customer_ids]
    found = read_each(lambda pair: ledger(tenant, *pair), wanted)
    return [{"kind": kind, "entity_id": entity_id, **entry} for (kind, entity_id), entries in zip(wanted, found)
            for entry in entries]
