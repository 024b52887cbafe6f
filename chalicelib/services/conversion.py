"""Convert a lead (the seed's "Aktivität anlegen"): the user's customer decision and a CRM activity,
all in one DynamoDB transaction, and only if nothing the duplicate check showed has changed."""
import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from ..domain import consents as consent_rules
from ..domain import matching
from ..domain.lead import CONVERTED, is_workable, not_workable_reason
from ..domain.permissions import Caller
from ..domain.person import PERSON_FIELDS, PersonField
from ..domain.versions import require_version
from ..errors import ConflictError, InvalidInputError, NotFoundError
from ..observability import metric
from ..store import consents as consent_store
from ..store import customers as customer_store
from ..store import keys
from ..store import leads as lead_store
from ..store.transactions import MAX_ITEMS, ConditionFailed, Transaction
from ..validation import Schema, validate
from . import consents, customers, duplicates, forwarding
from .activities import ActivityInput, activity_item, activity_view, require_due_date
from .idempotency import IDEMPOTENCY_TTL_SECONDS, idempotency_pk, replay
from .leads import audit_entry, lead_view, load_lead
from .replies import Reply
from .tenants import load_tenant, require_user


GUARD_RESERVE = 8          # the lead, its audit entry, the activity, the idempotency record, consents


def _guard(write: customer_store.MasterWrite, extra: Transaction, heads: dict[str, int]) -> None:
    """The customer master must be as the duplicate check saw it under the keys it read: expect
    each head's counter unchanged, strongest keys first. A head the write bumps anyway costs
    nothing; the others as many as the transaction has room for (a lead with many names and
    contacts reads more keys than one transaction can re-check: its weakest, name-only ones go)."""
    room = customer_store.room(write, extra) - GUARD_RESERVE
    for key in matching.guard_keys(heads):
        if key in write.heads or room > 0:
            room -= key not in write.heads
            write.expect(key, heads[key])


class ConvertRequest(Schema):
    """The user's decision after the duplicate check, and the activity to create."""
    model_config = ConfigDict(extra="forbid")
    decision: Literal["update_customer", "keep_customer", "new_customer"]
    customer_id: Annotated[str, Field(max_length=64)] | None = None
    fields: Annotated[list[PersonField], Field(max_length=len(PERSON_FIELDS))] | None = Field(
        None, description="update_customer: the lead's fields to take into the customer (the checkboxes)")
    check_token: Annotated[str, Field(max_length=20000)]
    activity: ActivityInput


def duplicate_check(caller: Caller, lead_id: str) -> dict:
    lead = load_lead(caller, lead_id, "lead.convert")
    if not is_workable(lead.status):
        raise ConflictError(not_workable_reason(lead.status, "checked and converted"))
    return duplicates.check(caller, lead)


def _stale(caller: Caller, lead_id: str, why: str) -> ConflictError:
    fresh = duplicate_check(caller, lead_id) if (lead := lead_store.get_lead(caller.tenant, lead_id)) and is_workable(lead.status) else None
    return ConflictError(f"{why}; decide again on the fresh duplicate check", duplicate_check=fresh)


def convert(caller: Caller, lead_id: str, req: ConvertRequest, *, request_hash: str, idempotency_key: str | None,
            expected_version: int | None = None, now: dt.datetime | None = None) -> Reply:
    """The user's decision and the activity, in one transaction; refused (409, with a fresh check)
    when the lead, the chosen customer or the customers the check looked at changed since."""
    idem_pk = idempotency_pk(caller, "lead.convert", idempotency_key, subject=lead_id) if idempotency_key else None
    body_hash = request_hash
    if idem_pk and (record := lead_store.get_idempotency(idem_pk)):
        return replay(record, body_hash)
    lead = load_lead(caller, lead_id, "lead.convert")
    if not is_workable(lead.status):
        raise ConflictError(not_workable_reason(lead.status, "converted"))
    if expected_version is not None:            # optional here: the check token carries the version read
        require_version(lead.version, expected_version)
    token = duplicates.decode_token(caller.tenant, req.check_token)
    if token["lead"] != lead_id:
        raise InvalidInputError("wrong check_token", [{"field": "check_token", "type": "value_error",
                                                       "message": "issued for another lead"}])
    if token["lv"] != lead.version:
        raise _stale(caller, lead_id, "the lead changed since the duplicate check")
    tenant = load_tenant(caller.tenant)
    now = now or dt.datetime.now(dt.timezone.utc)
    write = customer_store.MasterWrite(caller.tenant)
    extra = Transaction()
    person = {f: lead.data.get(f) for f in PERSON_FIELDS}
    customer_changed = False

    if req.decision == "new_customer":
        given = [f for f in ("customer_id", "fields") if getattr(req, f)]
        if given:       # each error at the field that was sent
            raise InvalidInputError("new_customer takes no customer", [{"field": f, "type": "value_error",
                                    "message": "leave customer_id and fields out for new_customer"} for f in given])
        data = validate(customers.CustomerInput, {k: v for k, v in person.items() if v is not None},
                        {"country": tenant.country}, "the lead's person data cannot make a customer")
        customer = customers.add_new(write, caller, data.model_dump(mode="json"), now=now)
    else:
        if not req.customer_id:
            raise InvalidInputError("customer_id missing", [{"field": "customer_id", "type": "missing",
                                    "message": f"{req.decision} needs the customer chosen in the duplicate check"}])
        if req.customer_id not in token["customers"]:
            raise InvalidInputError("customer not offered", [{"field": "customer_id", "type": "value_error",
                                    "message": "choose one of the candidates of the duplicate check"}])
        customer = customer_store.get_customer(caller.tenant, req.customer_id)
        if customer is None:
            raise NotFoundError("customer not found")
        if customer.version != token["customers"][req.customer_id]:
            raise _stale(caller, lead_id, "the customer changed since the duplicate check")
        if req.decision == "update_customer":
            if not req.fields:
                raise InvalidInputError("no fields chosen", [{"field": "fields", "type": "missing",
                                        "message": "choose the lead's fields to take into the customer"}])
            empty = [f for f in req.fields if person.get(f) is None]
            if empty:
                raise InvalidInputError("chosen fields without a value", [{
                    "field": "fields", "type": "value_error",
                    "message": f"the lead has no {', '.join(empty)} to take into the customer"}])
            data = validate(customers.CustomerInput, {**customer.data, **{f: person.get(f) for f in req.fields}},
                            {"country": tenant.country, "waive": {p["rule"] for p in customer.problems or [] if p.get("rule")}},
                            "the chosen fields cannot be taken into the customer")
            customer_changed = bool(customers.change(write, caller, customer, data.model_dump(mode="json"), now=now))
            if not customer_changed:       # nothing differed: still pin the customer's version
                write.pin(customer)
        else:
            write.pin(customer)

    _guard(write, extra, token["heads"])

    activity_input = req.activity
    if activity_input.type not in tenant.activity_types:
        raise InvalidInputError("unknown activity type", [{"field": "activity.type", "type": "value_error",
                                "message": f"one of the tenant's activity types: {', '.join(tenant.activity_types)}"}])
    require_due_date(activity_input.due_date, timezone=tenant.timezone, now=now, field="activity.due_date")
    assignee = activity_input.assignee or lead.assignee or caller.user
    if assignee != caller.user:
        require_user(caller.tenant, assignee, "activity.assignee", active=True)
    # The lead's consent goes with the person: its ledger's entries become the customer's, and the
    # activity is held to what the customer then grants (an inquiry's dealer contact allows the follow-up).
    carried = consents.carried_to_customer(caller, lead_id, customer.customer_id)
    known = [] if req.decision == "new_customer" else consents.ledger(caller.tenant, "customer", customer.customer_id)
    state = consent_rules.current(known + [consents.view(e) for e in carried])
    exception = consents.require_for_activity(state, activity_input.type, tenant=tenant,
                                              exception=activity_input.consent_exception)
    activity = activity_item(caller, customer, activity_input, assignee=assignee, lead_id=lead_id, now=now,
                             consent_exception=exception)

    changes = [{"field": "status", "old": lead.status, "new": CONVERTED},
               {"field": "customer_id", "old": None, "new": customer.customer_id},
               {"field": "activity_id", "old": None, "new": activity.activity_id}]
    if not lead.first_contact_at:         # the activity is the first contact (time to first contact, deadline met)
        changes.append({"field": "first_contact_at", "old": None, "new": keys.iso(now)})
        lead.first_contact_at = keys.iso(now)
    lead.status, lead.customer_id, lead.activity_id = CONVERTED, customer.customer_id, activity.activity_id
    lead.updated_at, lead.updated_by = keys.iso(now), caller.user
    lead_store.add_lead_save(extra, lead)
    write.add_activity(activity)
    changes.append({"field": "decision", "old": None, "new": req.decision})
    if carried:
        changes.append({"field": "consents_carried", "old": None, "new": len(carried)})
    if exception:
        changes.append({"field": "consent_exception", "old": None,
                        "new": {"activity_id": activity.activity_id, "type": activity.type, **exception}})
    extra.save(audit_entry(caller, lead_id, "converted", "api", now, changes))
    # In the conversion's transaction as far as it has room (DynamoDB: 100 items); a longer ledger's
    # older rest right after, keyed by the lead's entries (written once whatever repeats it).
    room = max(0, MAX_ITEMS - write.size() - len(extra) - 2)
    rest, carried = carried[:-room] if room else carried, carried[-room:] if room else []
    consent_store.add_entries(extra, carried)
    result = {"lead": lead_view(lead, caller, now), "customer": customers.customer_view(customer),
              "activity": activity_view(activity)}
    result["lead"]["version"] = lead.version + 1
    result["customer"]["version"] = 1 if req.decision == "new_customer" else customer.version + int(customer_changed)
    result["activity"]["version"] = 1
    if idem_pk:
        lead_store.add_idempotency(extra, lead_store.idempotency_record(
            idem_pk, request_hash=body_hash, status_code=201, response=result, ttl_seconds=IDEMPOTENCY_TTL_SECONDS,
            lead=(caller.tenant, lead_id)))
    try:
        customer_store.commit(write, extra)
    except ConditionFailed as exc:
        if "idempotency" in exc.tags and (record := lead_store.get_idempotency(idem_pk)):
            return replay(record, body_hash)
        if "lead" in exc.tags:
            current = lead_store.get_lead(caller.tenant, lead_id)
            if current is not None and not is_workable(current.status):
                raise ConflictError(f"the lead was {current.status} meanwhile by someone else") from None
            raise _stale(caller, lead_id, "the lead changed meanwhile") from None
        raise _stale(caller, lead_id, "the customer master changed since the duplicate check "
                                      "(a customer with the same e-mail, phone or name appeared or changed)") from None
    if rest:
        consent_store.append_each_once(rest)
    metric("Conversions", decision=req.decision)
    forwarding.report_back(lead, "converted", caller, now)      # a forwarded lead: its importer sees it converted
    return Reply(result, 201)
