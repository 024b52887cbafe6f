"""Importer-dealer links (set up by both sides' admins, never by one alone) and an importer's market
areas; `Partners` finds the dealer a lead goes to (services/forwarding.py, the assignment rules)."""
import datetime as dt
import re

from ..domain.forwarding import (
    DEALER, IMPORTER, Choice, Link, LinkInput, MarketArea, MarketAreasInput, choose_dealer, link_refusal,
)
from ..domain.ids import new_id
from ..domain.permissions import Caller
from ..errors import InvalidInputError, NotFoundError, StaleVersionError, VersionRequiredError
from ..store import audit as audit_store
from ..store import directory, keys
from ..store import links as link_store
from .tenants import Tenant, load_tenant

_OTHER_SIDE = {DEALER: IMPORTER, IMPORTER: DEALER}
TENANT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def _link_of(item) -> Link:
    data = item.data or {}
    return Link(other=link_store.other_of(item), side=data.get("side", DEALER), ours=bool(data.get("ours")),
                theirs=bool(data.get("theirs")), codes=tuple(data.get("codes") or ()))


def tenant_name(tenant_id: str) -> str:
    """Another tenant's display name (all of it one side learns of the other besides its id)."""
    item = directory.get_tenant_settings(tenant_id)
    return (item.data or {}).get("name", tenant_id) if item else tenant_id


def _kind(tenant_id: str) -> str | None:
    item = directory.get_tenant_settings(tenant_id)
    return (item.data or {}).get("kind", "dealer") if item else None


def list_links(caller: Caller) -> dict:
    items = []
    for item in link_store.list_links(caller.tenant):
        link = _link_of(item)
        items.append({"tenant": link.other, "name": tenant_name(link.other), "side": link.side,
                      "state": link.state, "codes": list(link.codes)})
    return {"items": items}


def _require_tenant_id(other: str, side: str) -> None:
    if not TENANT_ID.fullmatch(other or ""):
        raise NotFoundError(f"no {side} tenant {other!r}")


def put_link(caller: Caller, other: str, side: str, body: LinkInput | None, now: dt.datetime | None = None) -> dict:
    """This side's half of a link with `other` (side: what the other tenant is). Active once the
    other side has put its half too. The importer's codes may be changed by putting it again."""
    field = f"{side}_tenant"
    _require_tenant_id(other, side)
    if other == caller.tenant:
        raise InvalidInputError("a tenant cannot link itself", [{"field": field, "message": "name another tenant"}])
    me = load_tenant(caller.tenant)
    refusal = link_refusal(me.kind, _kind(other), side)
    if refusal:
        raise InvalidInputError(refusal, [{"field": field, "message": refusal, "type": "link_kind"}])
    codes = list(dict.fromkeys(c.strip() for c in (body.codes if body else []) if c.strip()))
    if codes and side == IMPORTER:
        raise InvalidInputError("codes are the importer's", [{"field": "codes", "message":
                                "the importer names the codes its leads carry for a dealer; send none"}])
    return _change(caller, other, side, {"by": caller.user, "at": keys.iso(now or _now())}, codes, "link_put")


def delete_link(caller: Caller, other: str, side: str, now: dt.datetime | None = None) -> None:
    """End this side's half: the link stops forwarding at once; the other side sees it waiting."""
    _require_tenant_id(other, side)
    item = link_store.get_link(caller.tenant, other)
    if item is None or not item.data.get("ours") or item.data.get("side") != side:
        raise NotFoundError(f"no link with {side} {other}")
    _change(caller, other, side, None, None, "link_deleted", now=now)


def _change(caller: Caller, other: str, side: str, ours: dict | None, codes: list[str] | None, action: str,
            now: dt.datetime | None = None) -> dict:
    now = now or _now()
    mine = link_store.get_link(caller.tenant, other) or link_store.new_link(caller.tenant, other, side)
    theirs = link_store.get_link(other, caller.tenant) or link_store.new_link(other, caller.tenant, _OTHER_SIDE[side])
    before = _link_of(mine).state if mine.version else None
    mine.data = {**mine.data, "side": side, "ours": ours}
    if codes is not None and side == DEALER:
        mine.data["codes"] = codes
    theirs.data = {**theirs.data, "side": _OTHER_SIDE[side], "theirs": ours}
    after = _link_of(mine).state if ours or mine.data.get("theirs") else None
    at = keys.iso(now)
    change = [{"field": "state", "old": before, "new": after}]
    if codes is not None and side == DEALER:
        change.append({"field": "codes", "old": None, "new": codes})
    audits = [
        audit_store.entry(caller.tenant, "link", other, action=action, actor=caller.user, role=caller.role,
                          channel="api", at=at, changes=change, entry_id=new_id()),
        audit_store.entry(other, "link", caller.tenant, action=f"{action}_by_them", actor=f"{caller.tenant}:{caller.user}",
                          role=caller.role, channel="api", at=at, changes=[{"field": "state", "old": None,
                          "new": _link_of(theirs).state if ours or theirs.data.get("ours") else None}],
                          entry_id=new_id()),
    ]
    try:
        link_store.save_link(mine, theirs, audits)
    except link_store.ChangedMeanwhileError:
        raise StaleVersionError("the link changed meanwhile; read the links again") from None
    link = _link_of(mine)
    return {"tenant": other, "name": tenant_name(other), "side": side, "state": link.state if ours or link.theirs else None,
            "codes": list(link.codes)}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- market areas


def get_market_areas(caller: Caller) -> dict:
    item = link_store.get_market_areas(caller.tenant)
    return {"areas": item.data.get("areas", []) if item else [], "version": item.version if item else 0}


def put_market_areas(caller: Caller, body: MarketAreasInput, if_match: int | None) -> dict:
    """The whole table at the version read (0 for the first). Each dealer must be one this importer
    has linked (its own side at least: areas may be set up while the dealer's side is pending)."""
    version = if_match if if_match is not None else body.version
    if version is None:
        raise VersionRequiredError("send the version you read (If-Match or version; 0 for the first table)")
    if load_tenant(caller.tenant).kind != IMPORTER:
        raise InvalidInputError("only an importer has market areas",
                                [{"field": "areas", "message": "only an importer forwards leads to dealers"}])
    linked = {link_store.other_of(i) for i in link_store.list_links(caller.tenant)
              if i.data.get("ours") and i.data.get("side") == DEALER}
    for n, area in enumerate(body.areas):
        if area.dealer not in linked:
            raise InvalidInputError(f"{area.dealer} is not a linked dealer", [{
                "field": f"areas.{n}.dealer", "message": f"{area.dealer!r} is no dealer this importer has linked"}])
    item = link_store.get_market_areas(caller.tenant) or link_store.new_market_areas(caller.tenant)
    if (item.version or 0) != version:
        raise StaleVersionError(f"the market areas are at version {item.version or 0}", current_version=item.version or 0)
    old = item.data.get("areas", [])
    item.data = {"areas": [a.model_dump(mode="json", exclude_none=True) for a in body.areas], "updated_by": caller.user}
    now = _now()
    audit = audit_store.entry(caller.tenant, "market-areas", caller.tenant, action="updated", actor=caller.user,
                              role=caller.role, channel="api", at=keys.iso(now),
                              changes=[{"field": "areas", "old": old, "new": item.data["areas"]}], entry_id=new_id())
    try:
        link_store.save_market_areas(item, audit)
    except link_store.ChangedMeanwhileError:
        raise StaleVersionError("the market areas were changed meanwhile; read them again") from None
    return get_market_areas(caller)


# ---------------------------------------------------------------- finding a lead's dealer


class Partners:
    """An importer's links and market areas, read on first use and kept for one request or file."""

    def __init__(self, tenant: Tenant):
        self.tenant = tenant
        self._links: list[Link] | None = None
        self._areas: list[MarketArea] | None = None
        self._names: dict[str, str] = {}

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = [_link_of(i) for i in link_store.list_links(self.tenant.id)] if self.tenant.kind == IMPORTER else []
        return self._links

    @property
    def areas(self) -> list[MarketArea]:
        if self._areas is None:
            item = link_store.get_market_areas(self.tenant.id) if self.tenant.kind == IMPORTER else None
            self._areas = [MarketArea.model_validate(a) for a in (item.data.get("areas", []) if item else [])]
        return self._areas

    def name(self, dealer: str) -> str:
        if dealer not in self._names:
            self._names[dealer] = tenant_name(dealer)
        return self._names[dealer]

    def active(self, dealer: str) -> Link | None:
        return next((link for link in self.links if link.other == dealer and link.side == DEALER and link.active), None)

    def dealer_for(self, *, preferred: str | None, postal_code: str | None, country: str | None) -> Choice:
        if self.tenant.kind != IMPORTER:
            return Choice(None, "only an importer forwards leads")
        names = {link.other: self.name(link.other) for link in self.links if link.active} if preferred else {}
        return choose_dealer(preferred=preferred, postal_code=postal_code, country=country, links=self.links,
                             areas=self.areas, names=names)
