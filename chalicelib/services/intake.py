"""The one intake: whatever the channel (API, web form, portal, file), a lead is admitted and
stored here, with its id, version 1, deadline, search tokens, audit entry and idempotency record.

Two ways in:
- a person (the API, the workspace) is held to every rule and gets a 422 at the field;
- a machine sender (webhooks, file imports) cannot correct and resend: its record is kept
  whole, with what was wrong listed as problems ("needs review"), and is refused only when it
  identifies nobody (domain/review.py).
"""
import datetime as dt
from dataclasses import dataclass, field

from ..domain.deadlines import due_at
from ..domain.ids import new_id
from ..domain.lead import LeadInput
from ..domain.permissions import Caller
from ..domain.review import from_reader, problem, rescue, validate_machine_record
from ..domain.search import person_tokens
from ..domain.sources import CatalogSource, match_source
from ..observability import metric
from ..store import audit as audit_store
from ..store import directory, keys
from ..store import leads as lead_store
from ..store.models import AuditItem, IdempotencyItem, LeadItem
from .assignment import Router, facts_of, today_in
from .tenants import Tenant, resolve_source

# Lead attributes kept at the item's top level (the list filters); the rest is the item's `data`.
TOP_LEVEL = ("qualification", "source", "source_detail", "assignee", "received_at")


@dataclass
class Admitted:
    """A lead that passed the intake's rules, and what a person should review about it."""
    lead: LeadInput
    problems: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Defaults:
    """What a channel decides for its leads: an integration's or an import's source and rating.
    With `override`, the channel's source wins over the sender's (an integration knows where its
    form is; a sender's own words for it are kept in the remark)."""
    source: str | None = None
    source_detail: str | None = None
    qualification: str | None = None
    override: bool = False


class Book:
    """The tenant's source catalog, active users and assignment rules, read once per delivery or file."""

    def __init__(self, tenant: Tenant):
        self.tenant = tenant
        self._catalog: list[CatalogSource] | None = None
        self.router = Router(tenant)                 # the assignment rules and the users, read on first use

    @property
    def catalog(self) -> list[CatalogSource]:
        if self._catalog is None:
            self._catalog = [CatalogSource(i.data["name"], tuple(i.data.get("details", [])), i.active)
                             for i in directory.list_sources(self.tenant.id)]
        return self._catalog

    @property
    def users(self) -> set[str]:
        return self.router.active_users()            # one read of the users serves both


def _context(tenant: Tenant, problems: list | None = None, **extra) -> dict:
    return {"country": tenant.country, "tenant_kind": tenant.kind, "problems": problems, **extra}


def admit_person(tenant: Tenant, lead: LeadInput) -> Admitted:
    """A lead a person typed, validated at the API's edge: its source must be in the catalog.
    Its doubts (a phone number whose country was a guess) are kept for review."""
    lead.source, lead.source_detail = resolve_source(tenant.id, lead.source, lead.source_detail)
    return Admitted(lead, lead.doubts)


def admit_machine(book: Book, fields: dict, *, reader_problems: list[dict] = (), notes: list[str] = (),
                  defaults: Defaults = Defaults()) -> Admitted:
    """A machine sender's lead: every value that breaks a rule is kept as a problem, the rest
    stored. Raises review.IdentifiesNobodyError for a record that names nobody."""
    fields = dict(fields)
    notes = list(notes)
    problems = from_reader(list(reader_problems))
    source, detail = fields.pop("source", None), fields.pop("source_detail", None)
    given = " / ".join(str(v) for v in (source, detail) if v)
    # A detail alone ("Vienna Autoshow 2017") usually begins with its source's name.
    found = None if defaults.override else match_source(book.catalog, source or detail, detail)
    if found is not None:
        fields["source"], fields["source_detail"] = found.source, found.detail
        if not found.exact:
            notes.append(f"Herkunft laut Absender: {given}")
    elif defaults.source:
        fields["source"], fields["source_detail"] = defaults.source, defaults.source_detail
        if given:
            notes.append(f"Herkunft laut Absender: {given}")
    elif given:
        problems.append(problem("source", given, "not in the source catalog; stored without a source"))
    if defaults.qualification and "qualification" not in fields:
        fields["qualification"] = defaults.qualification
    assignee = fields.get("assignee")
    if assignee is not None and assignee not in book.users:
        problems.append(problem("assignee", fields.pop("assignee"), "not an active user of this tenant"))
    data, rescued = rescue(fields, notes)
    lead, found_problems = validate_machine_record(LeadInput, data, _context(book.tenant))
    return Admitted(lead, problems + rescued + found_problems)


@dataclass
class NewLead:
    item: LeadItem
    audit: AuditItem


def due_of(received_at: str, qualification: str, tenant: Tenant) -> str | None:
    """The deadline (end of the Nth working day) as stored, or None for junk."""
    due = due_at(keys.parse_iso(received_at), qualification, country=tenant.country,
                 subdivision=tenant.subdivision, categories=tenant.holiday_categories,
                 timezone=tenant.timezone)
    return keys.iso(due) if due else None


def fill(item: LeadItem, lead: LeadInput, tenant: Tenant, problems: list[dict], *, recompute_due: bool = True) -> None:
    """Set a lead item's fields, deadline, search tokens and problems from a validated lead."""
    item.data = lead.model_dump(mode="json", exclude=set(TOP_LEVEL))
    item.qualification = lead.qualification
    item.source, item.source_detail, item.assignee = lead.source, lead.source_detail, lead.assignee
    if recompute_due:
        item.due_at = due_of(item.received_at, lead.qualification, tenant)
    item.tokens = person_tokens(item.data)
    item.problems = problems


def writable_view(item: LeadItem) -> dict:
    """The client-writable representation of a stored lead (what an edit merges into)."""
    return {**item.data, **{name: getattr(item, name) for name in TOP_LEVEL}}


def build(caller: Caller, tenant: Tenant, admitted: Admitted, *, channel: str, now: dt.datetime,
          lead_id: str | None = None, audit_id: str | None = None, origin: dict | None = None,
          router: Router | None = None) -> NewLead:
    """A new open lead and its "created" audit entry, as every channel creates them. An import
    passes its own deterministic ids, so that writing a row again writes the same items. A lead
    that names no assignee is routed by the tenant's rules (an import passes its router, which
    reads the rules once per file)."""
    lead_id = lead_id or new_id()
    at = keys.iso(now)
    item = lead_store.new_lead(caller.tenant, lead_id, status="open", channel=channel,
                               received_at=keys.iso(admitted.lead.received_at or now), created_at=at,
                               created_by=caller.user, updated_at=at, updated_by=caller.user, origin=origin)
    fill(item, admitted.lead, tenant, admitted.problems)
    created = admitted.lead.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    changes = diff({}, created)
    if item.assignee is None:
        routed = (router or Router(tenant)).decide(facts_of(item), today=today_in(tenant, now))
        if routed.rule is not None:
            item.assignee = routed.assignee
            if routed.assignee:
                changes.append({"field": "assignee", "old": None, "new": routed.assignee})
            changes.append({"field": "routing", "old": None, "new": routed.log()})
    if admitted.problems:
        changes.append({"field": "problems", "old": None, "new": admitted.problems})
    if origin:
        changes.append({"field": "origin", "old": None, "new": origin})
    audit = audit_store.entry(caller.tenant, "lead", lead_id, action="created", actor=caller.user,
                              role=caller.role, channel=channel, at=at, changes=changes,
                              entry_id=audit_id or new_id())
    return NewLead(item, audit)


def store(new: NewLead, idempotency: IdempotencyItem | None = None) -> None:
    """Store one new lead with everything that belongs to it, in one transaction
    (raises lead_store.WriteConflict if its id or its idempotency key is taken)."""
    lead_store.insert_lead(new.item, new.audit, idempotency)
    _count([new])


def existing(tenant: str, lead_ids) -> set[str]:
    """Which of a batch's deterministic lead ids are stored already (a resumed import)."""
    return lead_store.existing_leads(tenant, lead_ids)


def store_batch(news: list[NewLead]) -> int:
    """Store many new leads no one else writes (an import's rows, found absent first, under its
    lease) with batch writes; each lead item after its other items. Returns the requests made."""
    requests = lead_store.put_new_leads([(n.item, n.audit) for n in news])
    _count(news)
    return requests


def _count(news: list[NewLead]) -> None:
    for new in news:
        metric("LeadsCreated", channel=new.item.channel)
        if new.item.problems:
            metric("LeadsNeedingReview", channel=new.item.channel)


def _flatten(value, prefix: str = "") -> dict:
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            out.update(_flatten(inner, f"{prefix}{key}."))
        return out
    return {prefix[:-1]: value}


def diff(old: dict, new: dict) -> list[dict]:
    """Changed fields as dotted paths with their old and new values."""
    before, after = _flatten(old), _flatten(new)
    return [{"field": name, "old": before.get(name), "new": after.get(name)}
            for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
