"""Seed many leads fast: build items exactly as the create service does, then batch-write them.

For benchmarks and tests that need thousands of leads. Moto deep-copies every table a
transaction touches, so creating leads one transaction at a time slows down as tables grow;
batch writes do not. No audit entries are written for these leads.
"""
import datetime as dt
from collections.abc import Iterable

from chalicelib.domain.ids import new_id
from chalicelib.services.leads import _fill_item, _validated
from chalicelib.services.tenants import load_tenant
from chalicelib.store import keys
from chalicelib.store.models import LeadItem, SearchTokenItem, bind_models


def build_lead_item(tenant, payload: dict, *, created_by: str, channel: str = "api",
                    status: str = "open", now: dt.datetime | None = None) -> LeadItem:
    now = now or dt.datetime.now(dt.timezone.utc)
    lead = _validated(payload, tenant)
    lead_id = new_id(int((lead.received_at or now).timestamp() * 1000))
    item = LeadItem(keys.lead_pk(tenant.id, lead_id), tenant=tenant.id, lead_id=lead_id, status=status,
                    channel=channel, received_at=keys.iso(lead.received_at or now),
                    created_at=keys.iso(now), created_by=created_by, updated_at=keys.iso(now),
                    updated_by=created_by, version=1)
    _fill_item(item, lead, tenant)
    return item


def write_leads(items: Iterable[LeadItem]) -> int:
    bind_models()
    count = 0
    with LeadItem.batch_write() as leads, SearchTokenItem.batch_write() as tokens:
        for item in items:
            leads.save(item)
            for token in item.tokens:
                tokens.save(SearchTokenItem(keys.search_pk(item.tenant, token), f"{token}#{item.lead_id}",
                                            entity_id=item.lead_id, received_at=item.received_at))
            count += 1
    return count


def seed_leads(tenant_id: str, payloads: Iterable[dict], *, created_by: str) -> list[str]:
    tenant = load_tenant(tenant_id)
    items = [build_lead_item(tenant, p, created_by=created_by) for p in payloads]
    write_leads(items)
    return [i.lead_id for i in items]
