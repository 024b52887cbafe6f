"""Importer-dealer links and an importer's market areas, kept as tenant items.

A link is two items, one in each tenant's partition (`link#{other tenant}`): each says whether
this side has put it ("ours") and whether the other has ("theirs"). A side's put or delete
writes both items in one transaction, version-checked, with an audit entry on each side: so each
tenant lists its links from its own partition, and neither item can say "active" alone.
"""
from pynamodb.exceptions import DoesNotExist

from .models import AuditItem, TenantItem, bind_models
from .transactions import ConditionFailed, Transaction

LINK_PREFIX = "link#"
MARKET_AREAS = "market-areas"


class ChangedMeanwhileError(Exception):
    """One of the link's items changed since it was read."""


def link_item_key(other: str) -> str:
    return f"{LINK_PREFIX}{other}"


def other_of(item: TenantItem) -> str:
    return item.item.removeprefix(LINK_PREFIX)


def _get(tenant: str, item_key: str) -> TenantItem | None:
    bind_models()
    try:
        return TenantItem.get(tenant, item_key, consistent_read=True)
    except DoesNotExist:
        return None


def get_link(tenant: str, other: str) -> TenantItem | None:
    """This tenant's item of its link with the other tenant."""
    return _get(tenant, link_item_key(other))


def new_link(tenant: str, other: str, side: str) -> TenantItem:
    return TenantItem(tenant, link_item_key(other), data={"side": side, "ours": None, "theirs": None, "codes": []},
                      active=True)


def list_links(tenant: str) -> list[TenantItem]:
    """The tenant's link items: one partition, one prefix."""
    bind_models()
    return list(TenantItem.query(tenant, TenantItem.item.startswith(LINK_PREFIX), consistent_read=True))


def save_link(mine: TenantItem, theirs: TenantItem, audits: list[AuditItem]) -> None:
    """Both items of a link (an item whose sides are both empty is deleted) and the audit entries,
    at once and only if neither item changed since it was read."""
    bind_models()
    tx = Transaction()
    for item, tag in ((mine, "mine"), (theirs, "theirs")):
        if item.data.get("ours") or item.data.get("theirs"):
            tx.save(item, tag=tag)
        elif item.version:
            tx.delete(item, tag=tag)             # version-checked like a save
    for audit in audits:
        tx.save(audit)
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise ChangedMeanwhileError() from exc


def get_market_areas(tenant: str) -> TenantItem | None:
    """The importer's market-area table (one item: saved whole, versioned)."""
    return _get(tenant, MARKET_AREAS)


def new_market_areas(tenant: str) -> TenantItem:
    return TenantItem(tenant, MARKET_AREAS, data={"areas": []}, active=True)


def save_market_areas(item: TenantItem, audit: AuditItem) -> None:
    """Save the table if nobody changed it since it was read, with its audit entry."""
    bind_models()
    tx = Transaction()
    tx.save(item, tag="areas")
    tx.save(audit)
    try:
        tx.commit()
    except ConditionFailed as exc:
        raise ChangedMeanwhileError() from exc
