"""Seed many leads fast: build items exactly as the create service does, then batch-write them.

For benchmarks and tests that need thousands of leads. Moto deep-copies every table a
transaction touches, so creating leads one transaction at a time slows down as tables grow;
batch writes do not. No audit entries are written for these leads.
"""
import datetime as dt
from collections.abc import Iterable

from chalicelib.domain.ids import new_id
from chalicelib.services.leads import _validated, new_lead_item, reindex
from chalicelib.services.tenants import load_tenant
from chalicelib.store import keys
from chalicelib.store.leads import token_items
from chalicelib.store.models import LeadItem, SearchTokenItem, bind_models


def build_lead_item(tenant, payload: dict, *, created_by: str, channel: str = "api",
                    status: str = "open", now: dt.datetime | None = None) -> LeadItem:
    """The item create_lead would write (its id time-ordered by the lead's received time)."""
    from chalicelib.domain.permissions import Caller
    now = now or dt.datetime.now(dt.timezone.utc)
    lead = _validated(payload, tenant)
    lead_id = new_id(int((lead.received_at or now).timestamp() * 1000))
    item, _audit = new_lead_item(Caller(tenant.id, created_by, "admin", "seed"), lead, tenant,
                                 channel=channel, now=now, lead_id=lead_id)
    item.status, item.version = status, 1
    reindex(item)
    return item


def write_leads(items: Iterable[LeadItem]) -> int:
    bind_models()
    count = 0
    with LeadItem.batch_write() as leads, SearchTokenItem.batch_write() as tokens:
        for item in items:
            leads.save(item)
            for token in token_items(item, item.tokens):
                tokens.save(token)
            count += 1
    return count


def seed_leads(tenant_id: str, payloads: Iterable[dict], *, created_by: str) -> list[str]:
    tenant = load_tenant(tenant_id)
    items = [build_lead_item(tenant, p, created_by=created_by) for p in payloads]
    write_leads(items)
    return [i.lead_id for i in items]


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
        data = CustomerInput.model_validate(person, context={"country": tenant.country}).model_dump(mode="json")
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
