"""Routing a new lead to a salesperson: the tenant's rules (domain/assignment.py), read once per
request or file, the round robin's counter, the users' absences and (least_open) the members' open leads.
Admins manage the rules."""
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from pydantic import ConfigDict, Field

from ..domain import activities
from ..domain.assignment import MAX_RULES, Absence, Decision, Facts, Rule, available, fewest_open, first_match, round_robin
from ..domain.lead import LeadInput
from ..domain.permissions import Caller
from ..errors import InvalidInputError, NotFoundError, StaleVersionError, VersionRequiredError
from ..store import directory, lead_queries
from ..store.models import LeadItem
from ..validation import Schema
from .links import Partners
from .tenants import Tenant, load_tenant, onlookers


class RulesInput(Schema):
    """The whole ordered list (first match wins), saved at once; the version read with GET."""
    model_config = ConfigDict(defer_build=True, extra="forbid")
    rules: list[Rule] = Field(max_length=MAX_RULES)
    version: int | None = Field(None, description="the version you read, unless sent as If-Match")


@dataclass(frozen=True)
class Assignment:
    assignee: str | None
    rule: Rule | None
    why: list[str]
    dealer: str | None = None          # a forward rule's: the dealer the lead goes to (services/forwarding.py)

    def log(self) -> dict:
        """What the lead's log says about it: the rule, its target, and the reasons."""
        target = self.rule.target if self.rule else None
        log = {"rule": self.rule.id if self.rule else None, "name": self.rule.name if self.rule else None,
               "target": target.team or target.kind if target else "pool", "assignee": self.assignee,
               "why": self.why[-1]}
        if self.dealer:
            log["dealer"] = self.dealer
        return log


def facts_of(item: LeadItem) -> Facts:
    interest = ((item.data or {}).get("vehicle") or {}).get("interest") or {}
    return Facts(source=item.source, source_detail=item.source_detail, qualification=item.qualification,
                 channel=item.channel, make=interest.get("make"), models=tuple(interest.get("models") or ()),
                 postal_code=(item.data or {}).get("postal_code"), country=(item.data or {}).get("country"),
                 needs_review=bool(item.problems), dealer_contact=bool(interest.get("dealer_contact")),
                 preferred_dealer=interest.get("preferred_dealer"))


class Router:
    """The tenant's rules and users, read on first use and kept for one request or one file."""

    def __init__(self, tenant: Tenant):
        self.tenant = tenant
        self._rules: list[Rule] | None = None
        self._users: tuple[set[str], dict[str, list[Absence]]] | None = None
        self._open_leads: dict[str, int] = {}       # least_open's counts, read once: open_leads()
        self.partners = Partners(tenant)           # an importer's dealers, read only if a forward rule is asked

    @property
    def rules(self) -> list[Rule]:
        if self._rules is None:
            item = directory.get_routing_rules(self.tenant.id)
            self._rules = [Rule.model_validate(r) for r in (item.data.get("rules", []) if item else [])]
        return self._rules

    def active_users(self) -> set[str]:
        return self._people()[0]

    def _people(self) -> tuple[set[str], dict[str, list[Absence]]]:
        if self._users is None:
            items = directory.list_users(self.tenant.id)
            # Whom a lead can go to: active, and able to work it (a rule member or a sender's
            # Bearbeiter who is an auditor or an integration is passed by, as an absent one is).
            active = {directory.user_of(i) for i in items if i.active} - onlookers(self.tenant.id)
            absences = {directory.user_of(i): [Absence.model_validate(a) for a in i.data.get("absences", [])]
                        for i in items}
            self._users = (active, absences)
        return self._users

    def decide(self, facts: Facts, *, today: dt.date, take_turn: bool = True, forward: bool = True) -> Assignment:
        """Where a lead with these facts goes. A dry run (take_turn=False) names the member
        whose turn is next without taking it. Forward rules apply to a lead as it arrives
        (forward=False: a reassignment later passes them by)."""
        if not self.rules:
            return Assignment(None, None, ["no rules: the lead goes to the pool"])
        if any(r.active and r.target.kind == "forward" for r in self.rules):
            if forward and facts.dealer_contact:
                choice = self.partners.dealer_for(preferred=facts.preferred_dealer, postal_code=facts.postal_code,
                                                  country=facts.country)
                facts = replace(facts, forward_dealer=choice.dealer, forward_why=choice.why)
            elif not forward:
                facts = replace(facts, forward_why="forwarding is decided when a lead arrives")
        decision: Decision = first_match(self.rules, facts)
        rule, why = decision.rule, list(decision.why)
        if rule is not None and rule.target.kind == "forward":
            why[-1] = f"{why[-1]}: forwarded to {facts.forward_dealer} ({facts.forward_why})"
            return Assignment(None, rule, why, dealer=facts.forward_dealer)
        if rule is None or rule.target.kind == "pool":
            return Assignment(None, rule, why)
        active, absences = self._people()
        if rule.target.kind == "user":
            if rule.target.user in available([rule.target.user], active, absences, today):
                return Assignment(rule.target.user, rule, why)
            why.append(f"{rule.target.user} is absent or inactive: the lead goes to the pool")
            return Assignment(None, rule, why)
        members = available(rule.target.members, active, absences, today)
        if not members:
            why.append(f"nobody of team {rule.target.team or rule.id} is available: the lead goes to the pool")
            return Assignment(None, rule, why)
        team = rule.target.team or rule.id
        if rule.target.strategy == "least_open":
            open_leads = self.open_leads(members)
            fewest = fewest_open(members, open_leads)
            counts = ", ".join(f"{m} {open_leads[m]}" for m in members)
            if len(fewest) == 1:
                member = fewest[0]
                why.append(f"least open leads in team {team} ({counts}): {member}")
            else:
                turn = self._turn(rule, take_turn)
                member = round_robin(fewest, turn - 1)
                why.append(f"least open leads in team {team} ({counts}): a tie of {', '.join(fewest)}, "
                           f"turn {turn} goes to {member}")
        else:
            turn = self._turn(rule, take_turn)
            member = round_robin(members, turn - 1)
            why.append(f"round robin of team {team}: turn {turn} goes to {member}")
        if take_turn and member in self._open_leads:
            self._open_leads[member] += 1
        return Assignment(member, rule, why)

    def _turn(self, rule: Rule, take_turn: bool) -> int:
        """The rule's next turn: taken (one atomic ADD), or in a dry run only looked at."""
        if take_turn:
            return directory.next_turn(self.tenant.id, rule.id)
        return directory.peek_turn(self.tenant.id, rule.id) + 1

    def open_leads(self, members: list[str]) -> dict[str, int]:
        """The members' open leads: counted from the assignee_open index once per router (one
        request or one file), then kept up to date with the leads this router hands out, which
        the index (eventually consistent, and a file's leads are written after routing) may not
        show yet."""
        missing = [m for m in members if m not in self._open_leads]
        if missing:
            self._open_leads.update(lead_queries.open_leads_of(self.tenant.id, missing))
        return {m: self._open_leads[m] for m in members}


def today_in(tenant: Tenant, now: dt.datetime) -> dt.date:
    """The tenant's calendar day at `now` (domain/activities.py today_in, one reading of it)."""
    return activities.today_in(tenant.timezone, now)


# ------------------------------------------------------------------ admin: the rules and a dry run


def get_rules(caller: Caller) -> dict:
    item = directory.get_routing_rules(caller.tenant)
    return {"rules": item.data.get("rules", []) if item else [], "version": item.version if item else 0}


def put_rules(caller: Caller, body: RulesInput, if_match: int | None) -> dict:
    version = if_match if if_match is not None else body.version
    if version is None:
        raise VersionRequiredError("send the version you read (If-Match or version; 0 for the first rules)")
    ids = [r.id for r in body.rules]
    if len(set(ids)) != len(ids):
        raise InvalidInputError("two rules have the same id", [{"field": "rules", "message": "rule ids must be unique"}])
    users = {directory.user_of(i) for i in directory.list_users(caller.tenant)}
    idle = onlookers(caller.tenant)
    importer = load_tenant(caller.tenant).kind == "importer"
    for n, rule in enumerate(body.rules):
        if rule.target.kind == "forward" and not importer:
            raise InvalidInputError(f"rule {rule.id}: only an importer forwards leads",
                                    [{"field": f"rules.{n}.target.kind", "message": "only an importer's rules forward to dealers"}])
        for user in ([rule.target.user] if rule.target.user else []) + rule.target.members:
            if user not in users:
                raise InvalidInputError(f"rule {rule.id}: {user} is not a user of this tenant",
                                        [{"field": f"rules.{n}.target", "message": f"{user!r} is not a user of this tenant"}])
            if user in idle:
                raise InvalidInputError(f"rule {rule.id}: {user} cannot work leads",
                                        [{"field": f"rules.{n}.target", "type": "not_a_lead_worker",
                                          "message": f"{user!r} cannot work leads (an auditor or an integration)"}])
    item = directory.get_routing_rules(caller.tenant) or directory.new_routing_rules(caller.tenant)
    if (item.version or 0) != version:
        raise StaleVersionError(f"the rules are at version {item.version or 0}", current_version=item.version or 0)
    item.data = {"rules": [r.model_dump(mode="json", by_alias=True) for r in body.rules],
                 "updated_by": caller.user}
    try:
        directory.save_routing_rules(item)
    except directory.ChangedMeanwhileError:
        raise StaleVersionError("the rules were changed meanwhile; read them again") from None
    return get_rules(caller)


class DryRun(Schema):
    """A sample lead (the fields of POST /leads) and the channel it would arrive by."""
    lead: LeadInput
    channel: Literal["api", "webhook", "import", "forward"] = "api"


def dry_run(caller: Caller, body: DryRun, now: dt.datetime) -> dict:
    """Where the sample would go and why: nothing stored, no round-robin turn taken."""
    from ..store import leads as lead_store
    from .intake import fill
    tenant = load_tenant(caller.tenant)
    item = lead_store.new_lead(caller.tenant, "dry-run", status="open", channel=body.channel,
                               received_at=now.isoformat(), created_at=now.isoformat(), created_by=caller.user,
                               updated_at=now.isoformat(), updated_by=caller.user)
    fill(item, body.lead, tenant, [], recompute_due=False)
    if item.assignee:
        return {"assignee": item.assignee, "rule": None, "why": ["the lead names its assignee: no rule is asked"]}
    routed = Router(tenant).decide(facts_of(item), today=today_in(tenant, now), take_turn=False)
    log = routed.log()
    return {"assignee": routed.assignee, "rule": log["rule"], "name": log["name"], "why": routed.why,
            "dealer": routed.dealer}


class AbsencesInput(Schema):
    absences: list[Absence] = Field(max_length=50)


def set_absences(caller: Caller, user: str, body: AbsencesInput) -> dict:
    """A user's absences (holidays, sick leave): the round robin passes them by on those days."""
    item = directory.get_user(caller.tenant, user)
    if item is None:
        raise NotFoundError(f"no user {user} in this tenant")
    item.data = {**item.data, "absences": [a.model_dump(mode="json", by_alias=True) for a in body.absences]}
    directory.save_user(item)
    return {"id": user, "absences": item.data["absences"]}
