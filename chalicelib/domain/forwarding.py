"""Importer -> dealer forwarding ("Weiterleitung"), the pure part: links between an importer and its
dealers, the market-area table, which dealer a lead goes to, and what each side sees of the other.

A link is active only when both sides have put it (an importer admin and the dealer's admin): a link
one side proposed forwards nothing. The dealer of a lead is its preferred dealer (Google Ads
PREFERRED_DEALERSHIP, ADF <vendor>) when that names an actively linked dealer, else the market area
of its postal code; the importer's lead must ask for dealer contact (vehicle.interest.dealer_contact).
"""
import hashlib
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..validation import Schema
from .assignment import Conditions, postal_matches
from .text import fold

DEALER, IMPORTER = "dealer", "importer"
ACTIVE, WAITING_FOR_THEM, WAITING_FOR_US = "active", "waiting_for_them", "waiting_for_us"
MAX_CODES, MAX_AREAS = 20, 500

# The importer's lead: forwarded (out of its pool) until the dealer rejects it (back to open).
FORWARDED = "forwarded"
# The dealer's lead after it said no: not open (no edits, no escalation), kept with its reason.
REJECTED = "rejected"

# What the importer learns of its forwarded lead, in order: a later report never moves it back.
REPORTS = ("forwarded", "accepted", "worked", "converted")
# What the dealer's lead says of its forwarding.
NEW, ACCEPTED = "new", "accepted"

TenantId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="a tenant's id")]
Code = Annotated[str, Field(min_length=1, max_length=100)]


class LinkInput(Schema):
    """The importer's side may name the dealer numbers or names its leads' preferred-dealer fields
    carry for this dealer (matched without case and accents); the dealer's side sends nothing."""
    codes: Annotated[list[Code], Field(max_length=MAX_CODES)] = []


class MarketArea(Schema):
    """A dealer's postal codes: exact ("1010"), prefix ("11*") or range ("1020-1090")."""
    dealer: TenantId
    postal_codes: Annotated[list[str], Field(min_length=1, max_length=1000)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None

    @field_validator("postal_codes")
    @classmethod
    def _patterns(cls, values: list[str]) -> list[str]:
        return Conditions.check_postal_patterns(values)     # the assignment rules' patterns, one definition


class MarketAreasInput(Schema):
    """The whole table (first area that holds a lead's postal code wins), with the version read."""
    areas: Annotated[list[MarketArea], Field(max_length=MAX_AREAS)]
    version: int | None = Field(None, description="the version you read, unless sent as If-Match")


_VERSION = Field(None, description="the lead's version you read, unless sent as If-Match (optional)")


class ForwardInput(Schema):
    """The dealer to forward to; without it the lead's preferred dealer, else its market area."""
    dealer: TenantId | None = None
    version: int | None = _VERSION


class AcceptInput(Schema):
    """Nothing to say but, optionally, the version read."""
    version: int | None = _VERSION


class RejectInput(Schema):
    """Why the dealer gives the lead back: the importer sees it."""
    reason: Annotated[str, Field(min_length=1, max_length=1000)]
    version: int | None = _VERSION

    @field_validator("reason")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("say why the lead is rejected")
        return value.strip()


@dataclass(frozen=True)
class Link:
    """One tenant's view of a link: the other tenant, what it is, who has put it."""
    other: str
    side: str                       # what the other tenant is: dealer | importer
    ours: bool
    theirs: bool
    codes: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        if self.ours and self.theirs:
            return ACTIVE
        return WAITING_FOR_THEM if self.ours else WAITING_FOR_US

    @property
    def active(self) -> bool:
        return self.state == ACTIVE


def link_refusal(my_kind: str, other_kind: str | None, side: str) -> str | None:
    """Why a tenant of my_kind may not link the other as `side` (None: it may)."""
    if side == DEALER and my_kind != IMPORTER:
        return "only an importer links dealers (this tenant is a dealer)"
    if side == IMPORTER and my_kind != DEALER:
        return "only a dealer links importers (this tenant is an importer)"
    if other_kind is None:
        return f"no {side} tenant of that id"
    if other_kind != side:
        return f"that tenant is not a {side}"
    return None


@dataclass(frozen=True)
class Choice:
    dealer: str | None
    why: str


def _code_key(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(value or ""))


def choose_dealer(*, preferred: str | None, postal_code: str | None, country: str | None,
                  links: list[Link], areas: list[MarketArea], names: dict[str, str]) -> Choice:
    """The actively linked dealer a lead goes to: its preferred dealer (by a code of the link, the
    dealer's id or its name), else the first market area holding its postal code."""
    active = {link.other: link for link in links if link.active and link.side == DEALER}
    if preferred and _code_key(preferred):
        wanted = _code_key(preferred)
        for dealer, link in active.items():
            keys = {_code_key(c) for c in link.codes} | {_code_key(dealer), _code_key(names.get(dealer, ""))}
            if wanted in keys - {""}:
                return Choice(dealer, f"preferred dealer {preferred!r} is {dealer}")
    for area in areas:
        if area.country and country and area.country != country:
            continue
        if postal_matches(postal_code, area.postal_codes):
            if area.dealer in active:
                why = f"postal code {postal_code} is in the market area of {area.dealer}"
                if preferred:
                    why = f"preferred dealer {preferred!r} is no linked dealer; " + why
                return Choice(area.dealer, why)
    said = []
    said.append(f"preferred dealer {preferred!r} is no linked dealer" if preferred else "no preferred dealer")
    said.append(f"postal code {postal_code or '(none)'} is in no market area of a linked dealer")
    return Choice(None, "; ".join(said))


def forward_refusal(*, status: str, dealer_contact: bool) -> str | None:
    """Why a lead cannot be forwarded (None: it can)."""
    if status != "open":
        return f"the lead is {status}: only open leads can be forwarded"
    if not dealer_contact:
        return "the prospect did not ask for dealer contact (vehicle.interest.dealer_contact)"
    return None


def dealer_lead_entropy(importer: str, lead_id: str, attempt: int) -> bytes:
    """What makes the dealer's lead id: the importer, its lead, and the how-manieth forwarding it
    is. A retry of one forwarding makes the same id (and the create, conditional, fails); a new
    forwarding after a rejection makes another."""
    return hashlib.sha256(f"forward/{importer}/{lead_id}/{attempt}".encode()).digest()


def attempts(forwarding: dict | None) -> int:
    """How many times the lead was forwarded."""
    return sum(1 for h in (forwarding or {}).get("history", []) if h.get("status") == FORWARDED)


def advanced(current: str, report: str) -> bool:
    """Whether a dealer's report moves the importer's view on (never back, never past a rejection)."""
    if current == REJECTED or report not in REPORTS:
        return False
    return REPORTS.index(report) > REPORTS.index(current) if current in REPORTS else True


# The keys each side is shown of a forwarding: nothing else of the other tenant crosses.
IMPORTER_KEYS = ("dealer", "dealer_name", "status", "at", "reason", "history")
HISTORY_KEYS = ("status", "at", "dealer", "reason")
DEALER_KEYS = ("importer", "importer_name", "lead_id", "status", "reason")     # reason: the dealer's own


def importer_view(forwarding: dict | None) -> dict | None:
    if not forwarding:
        return None
    out = {k: forwarding.get(k) for k in IMPORTER_KEYS}
    out["history"] = [{k: h.get(k) for k in HISTORY_KEYS} for h in forwarding.get("history", [])]
    return out


def dealer_view(forwarded_from: dict | None) -> dict | None:
    if not forwarded_from:
        return None
    return {k: forwarded_from.get(k) for k in DEALER_KEYS}
