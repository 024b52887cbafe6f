"""Seed many leads fast: built by the one intake exactly as the API creates them, then written
with the intake's batch form (as the file import writes them).

For benchmarks and tests that need thousands of leads. Moto deep-copies every table a
transaction touches, so creating leads one transaction at a time slows down as tables grow;
batch writes do not.
"""
import datetime as dt
from collections.abc import Iterable

from chalicelib.domain.ids import new_id
from chalicelib.domain.lead import LeadInput
from chalicelib.services import intake
from chalicelib.services.tenants import load_tenant
from chalicelib.store import keys
from chalicelib.store.models import bind_models
from chalicelib.validation import validate


def build_lead(tenant, payload: dict, *, created_by: str, channel: str = "api",
               status: str = "open", now: dt.datetime | None = None) -> intake.NewLead:
    """The lead create_lead would write (its id time-ordered by the lead's received time), taken in
    when it was received unless `now` says otherwise: seed data is a history as it was lived, its
    overdue leads overdue (a deadline counts from the intake only for a lead too old for it then)."""
    from chalicelib.domain.permissions import Caller
    lead = validate(LeadInput, payload, {"country": tenant.country, "tenant_kind": tenant.kind, "problems": []})
    now = now or lead.received_at or dt.datetime.now(dt.timezone.utc)
    admitted = intake.admit_person(tenant, lead)
    lead_id = new_id(int((lead.received_at or now).timestamp() * 1000))
    new = intake.build(Caller(tenant.id, created_by, "admin", "seed"), tenant, admitted, channel=channel,
                       now=now, lead_id=lead_id, reinquiry=False)     # seed data: every payload a lead
    new.item.status = status
    return new


def write_leads(news: list[intake.NewLead]) -> int:
    intake.store_batch(news)
    return len(news)


def seed_leads(tenant_id: str, payloads: Iterable[dict], *, created_by: str) -> list[str]:
    tenant = load_tenant(tenant_id)
    news = [build_lead(tenant, p, created_by=created_by) for p in payloads]
    write_leads(news)
    return [n.item.lead_id for n in news]


def seed_customers(tenant_id: str, people: list[dict], *, created_by: str = "seed") -> list[str]:
    """Customers built exactly as the service builds them (services.customers.add_new: match keys,
    counters, search tokens), written with batch writes; counters are summed. For a fresh tenant."""
    from chalicelib.domain.permissions import Caller
    from chalicelib.services.customers import CustomerInput, add_new
    from chalicelib.store.customers import MasterWrite
    from chalicelib.store.models import AuditItem, MatchKeyItem

    bind_models()
    tenant = load_tenant(tenant_id)
    caller = Caller(tenant_id, created_by, "admin", "seed")
    now = dt.datetime.now(dt.timezone.utc)
    write = MasterWrite(tenant_id)
    ids = []
    for person in people:
        data = validate(CustomerInput, person, {"country": tenant.country}).model_dump(mode="json")
        ids.append(add_new(write, caller, data, now=now).customer_id)
    by_model: dict[type, list] = {}
    for model, _condition, _tag in write.saves:
        if isinstance(model, AuditItem):
            continue
        if getattr(model, "version", 0) is None:
            model.version = 1
        by_model.setdefault(type(model), []).append(model)
    for key, head in write.heads.items():
        by_model.setdefault(MatchKeyItem, []).append(MatchKeyItem(
            keys.match_pk(tenant_id, key), keys.HEAD, v=head["v"] or None, n=head["n"] or None,
            customer_id=head["create_ref"]))
    for model_cls, models in by_model.items():
        with model_cls.batch_write() as batch:
            for model in models:
                batch.save(model)
    return ids
