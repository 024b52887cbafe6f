"""Assignment rules: which salesperson (or team, or the pool) a new lead goes to, and why.

A tenant keeps an ordered list of rules; the first whose every condition holds wins, the last
is the default that catches the rest. Pure rules here; the turn counter of a team's round robin,
the members' open leads (least_open) and the users' absences come from the store
(services/assignment.py)."""
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ..validation import NotANumber, Schema
from .lead import Qualification

Name = Annotated[str, Field(min_length=1, max_length=100)]
MAX_RULES = 100
_RANGE = re.compile(r"^([0-9]{4,5})-([0-9]{4,5})$")
_PREFIX = re.compile(r"^([0-9A-Za-z]{1,10})\*$")


class Conditions(Schema):
    """Every condition given must hold (an empty list or None: any). Lists: one of."""
    model_config = ConfigDict(defer_build=True, extra="forbid")      # a misspelt key is refused, not ignored
    sources: list[Name] = []
    source_details: list[Name] = []
    qualifications: list[Qualification] = []
    channels: list[Literal["api", "webhook", "import", "forward"]] = []
    makes: list[Name] = []
    models: list[Name] = []
    postal_codes: Annotated[list[str], Field(
        description='exact ("1100"), prefix ("11*") or range ("1000-1299") of the same length')] = []
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = []
    needs_review: bool | None = None

    @field_validator("postal_codes")
    @classmethod
    def _postal_patterns(cls, values: list[str]) -> list[str]:
        return cls.check_postal_patterns(values)

    @staticmethod
    def check_postal_patterns(values: list[str]) -> list[str]:
        """The postal-code patterns rules and market areas (domain/forwarding.py) accept."""
        for value in values:
            ranged = _RANGE.match(value)
            if ranged and (len(ranged[1]) != len(ranged[2]) or ranged[1] > ranged[2]):
                raise ValueError(f"{value!r}: a range runs from the lower to the higher code, both of one length")
            if not (ranged or _PREFIX.match(value) or re.fullmatch(r"[0-9A-Za-z -]{2,10}", value)):
                raise ValueError(f"{value!r}: a postal code, a prefix like 11* or a range like 1000-1299")
        return values


class Target(Schema):
    """A user, a team (in turns: round robin), the pool, or (an importer's rule) forwarding to
    the lead's dealer: its preferred dealer, else its market area (domain/forwarding.py)."""
    model_config = ConfigDict(defer_build=True, extra="forbid")
    kind: Literal["user", "team", "pool", "forward"]
    user: Annotated[str, Field(max_length=64)] | None = None
    team: Name | None = Field(None, description="the team's name, shown in the lead's log")
    members: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=200)] = []
    strategy: Literal["round_robin", "least_open"] = Field(
        "round_robin", description="a team's: round_robin (in turns) or least_open (the member with the fewest "
                                   "open leads; ties in turns)")

    @model_validator(mode="after")
    def _complete(self):
        if self.kind == "user" and not self.user:
            raise ValueError("a user target names its user")
        if self.kind == "team" and not self.members:
            raise ValueError("a team target lists its members")
        if self.kind != "team" and self.strategy != "round_robin":
            raise ValueError("a strategy chooses among a team's members: only a team target has one")
        return self


class Rule(Schema):
    model_config = ConfigDict(defer_build=True, extra="forbid")      # a misspelt key is refused, not ignored
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$", description="stable: it keys the round robin")]
    name: Name
    active: bool = True
    conditions: Conditions = Field(default_factory=Conditions)
    target: Target


class Absence(Schema):
    """Days (both included) a user takes no new leads."""
    model_config = ConfigDict(defer_build=True, populate_by_name=True, extra="forbid")
    start: Annotated[dt.date, NotANumber] = Field(alias="from")
    end: Annotated[dt.date, NotANumber] = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError("an absence ends on or after the day it starts")
        return self


@dataclass(frozen=True)
class Facts:
    """What rules look at, taken from a lead as it is stored."""
    source: str | None
    source_detail: str | None
    qualification: str
    channel: str
    make: str | None
    models: tuple[str, ...]
    postal_code: str | None
    country: str | None
    needs_review: bool
    dealer_contact: bool = False
    preferred_dealer: str | None = None
    # Only when a forward rule is looked at: the dealer the lead would go to, or why none.
    forward_dealer: str | None = None
    forward_why: str | None = None


def _fold(value: str | None) -> str:
    return (value or "").strip().casefold()


def postal_matches(code: str | None, patterns: list[str]) -> bool:
    code = (code or "").replace(" ", "").upper()
    if not code:
        return False
    for pattern in patterns:
        if ranged := _RANGE.match(pattern):
            if code.isdigit() and len(code) == len(ranged[1]) and ranged[1] <= code <= ranged[2]:
                return True
        elif prefix := _PREFIX.match(pattern):
            if code.startswith(prefix[1].upper()):
                return True
        elif code == pattern.replace(" ", "").upper():
            return True
    return False


def unmet(conditions: Conditions, facts: Facts) -> list[str]:
    """The conditions a lead does not meet, in words (empty: the rule applies)."""
    c, missed = conditions, []

    def one_of(label: str, wanted: list[str], value: str | None):
        if wanted and _fold(value) not in {_fold(w) for w in wanted}:
            missed.append(f"{label} {value or '(none)'} is not {' / '.join(wanted)}")
    one_of("source", c.sources, facts.source)
    one_of("source detail", c.source_details, facts.source_detail)
    one_of("qualification", c.qualifications, facts.qualification)
    one_of("channel", c.channels, facts.channel)
    one_of("make", c.makes, facts.make)
    one_of("country", c.countries, facts.country)
    if c.models and not {_fold(m) for m in facts.models} & {_fold(m) for m in c.models}:
        missed.append(f"models {', '.join(facts.models) or '(none)'} include none of {' / '.join(c.models)}")
    if c.postal_codes and not postal_matches(facts.postal_code, c.postal_codes):
        missed.append(f"postal code {facts.postal_code or '(none)'} is not in {', '.join(c.postal_codes)}")
    if c.needs_review is not None and c.needs_review != facts.needs_review:
        missed.append("needs review" if c.needs_review else "does not need review")
    return missed


def unforwardable(facts: Facts) -> list[str]:
    """Why a forward rule does not apply to a lead it matches (then the next rule is tried)."""
    if not facts.dealer_contact:
        return ["the prospect did not ask for dealer contact"]
    if facts.forward_dealer is None:
        return [f"no dealer to forward to: {facts.forward_why or 'forwarding is not looked at here'}"]
    return []


@dataclass(frozen=True)
class Decision:
    rule: Rule | None
    why: list[str]                    # per rule looked at, why it did not apply; the last: why it did


def first_match(rules: list[Rule], facts: Facts) -> Decision:
    """The first active rule whose conditions all hold, and the reasons of the ones before it."""
    why = []
    for rule in rules:
        if not rule.active:
            continue
        missed = unmet(rule.conditions, facts)
        if not missed and rule.target.kind == "forward":
            missed = unforwardable(facts)
        if not missed:
            why.append(f"rule {rule.name!r} applies")
            return Decision(rule, why)
        why.append(f"rule {rule.name!r} does not apply: {'; '.join(missed)}")
    why.append("no rule applies: the lead goes to the pool")
    return Decision(None, why)


def available(members: list[str], active_users: set[str], absences: dict[str, list[Absence]], today: dt.date) -> list[str]:
    """The members who can take a lead today: active users of the tenant, not absent."""
    return [m for m in members if m in active_users
            and not any(a.start <= today <= a.end for a in absences.get(m, []))]


def fewest_open(members: list[str], open_leads: dict[str, int]) -> list[str]:
    """The members with the fewest open leads, in the team's order (more than one: a tie, which
    the round robin's turn breaks so that ties are spread fairly too)."""
    fewest = min(open_leads.get(m, 0) for m in members)
    return [m for m in members if open_leads.get(m, 0) == fewest]


def round_robin(members: list[str], turn: int) -> str:
    """The member whose turn it is: turn n (from a counter that only grows) goes to member n mod k."""
    return members[turn % len(members)]
