"""The one intake: whatever the channel (API, web form, portal, file), a lead is admitted and
stored here, with its id, version 1, deadline, search tokens, audit entry and idempotency record.

Two ways in:
- a person (the API, the workspace) is held to every rule and gets a 422 at the field;
- a machine sender (webhooks, file imports) cannot correct and resend: its record is kept
  whole, with what was wrong listed as problems ("needs review"), and is refused only when it
  identifies nobody (domain/review.py).

Whatever the way in, an inquiry of a person who has an open lead for the same make within the
tenant's window is not a second lead but a touch on that one (domain/reinquiries.py): build()
decides, store() writes either, deciding again when the person's leads changed meanwhile.
"""
import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.deadlines import due_at
from ..domain.ids import new_id
from ..domain.lead import LeadInput
from ..domain.permissions import Caller
from ..domain import reinquiries
from ..domain.review import bounded, from_reader, problem, rescue, validate_machine_record
from ..domain.search import contact_tokens, person_tokens, surname_token
from ..domain.sources import CatalogSource, match_source
from ..observability import metric
from ..store import audit as audit_store
from ..store import directory, keys
from ..store import leads as lead_store
from ..store import reinquiries as reinquiry_store
from ..store.models import AuditItem, IdempotencyItem, LeadItem
from . import consents
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
        problems.append(problem("assignee", fields.pop("assignee"), "not an active user of this tenant who works leads"))
    data, rescued = rescue(fields, notes)
    lead, found_problems = validate_machine_record(LeadInput, data, _context(book.tenant))
    return Admitted(lead, bounded(problems + rescued + found_problems))


@dataclass
class NewLead:
    """A new open lead, its "created" audit entry, its person's contact claims (each with the lead it
    named when read) and the open leads of the person for another make it is linked to."""
    item: LeadItem
    audit: AuditItem
    claims: list = field(default_factory=list)
    related: list[tuple[LeadItem, AuditItem]] = field(default_factory=list)
    again: Callable[[], "NewLead | Touch"] | None = None     # decide again after a conflicting write
    consents: list = field(default_factory=list)              # its consent ledger's first entries (services/consents.py)


@dataclass
class Touch:
    """A re-inquiry (domain/reinquiries.py): the person's open lead, changed by it (touches counted,
    a hotter qualification taken, the deadline never later), and the audit entry that keeps the
    submission. `version` is the lead's version once written."""
    item: LeadItem
    audit: AuditItem
    version: int
    once: bool = False                  # an import's row: its entry's key is the row's, written once
    again: Callable[[], "NewLead | Touch"] | None = None
    consents: list = field(default_factory=list)       # the re-inquiry's marketing grants on the open lead
    old_tokens: list[str] | None = None                 # the lead's search tokens before it was completed


Outcome = NewLead | Touch


def due_of(received_at: str, qualification: str, tenant: Tenant, *, taken_in: str) -> str | None:
    """The deadline (end of the Nth working day) as stored, or None for junk: counted from when the
    lead was received, or from when leadflow took it in if the first had passed by then
    (domain/deadlines.py deadline_start)."""
    due = due_at(keys.parse_iso(received_at), qualification, country=tenant.country,
                 subdivision=tenant.subdivision, categories=tenant.holiday_categories,
                 timezone=tenant.timezone, taken_in=keys.parse_iso(taken_in))
    return keys.iso(due) if due else None


def fill(item: LeadItem, lead: LeadInput, tenant: Tenant, problems: list[dict], *, recompute_due: bool = True) -> None:
    """Set a lead item's fields, deadline, search tokens and problems from a validated lead."""
    item.data = lead.model_dump(mode="json", exclude=set(TOP_LEVEL))
    item.qualification = lead.qualification
    item.source, item.source_detail, item.assignee = lead.source, lead.source_detail, lead.assignee
    if recompute_due:
        item.due_at = due_of(item.received_at, lead.qualification, tenant, taken_in=item.created_at)
    item.tokens = person_tokens(item.data)
    item.problems = problems


def writable_view(item: LeadItem) -> dict:
    """The client-writable representation of a stored lead (what an edit merges into)."""
    return {**item.data, **{name: getattr(item, name) for name in TOP_LEVEL}}


def build(caller: Caller, tenant: Tenant, admitted: Admitted, *, channel: str, now: dt.datetime,
          lead_id: str | None = None, audit_id: str | None = None, origin: dict | None = None,
          router: Router | None = None, reinquiry: bool = True,
          lookup: reinquiry_store.Lookup = reinquiry_store.FROM_TABLES) -> Outcome:
    """What an inquiry becomes, as every channel stores it: a touch on its person's open lead of
    the same make within the tenant's window (domain/reinquiries.py), else a new open lead with
    its "created" audit entry, linked to the person's open lead of another make if there is one.
    An import passes its own deterministic ids, so that writing a row again writes the same items
    (a touch's audit entry, too). A lead that names no assignee is routed by the tenant's rules
    (an import passes its router, which reads the rules once per file). `reinquiry=False` (seed
    data, benchmarks) always makes a new lead and claims nothing. An import passes the
    `lookup` it read for its whole batch at once (prefetch); deciding again after a conflicting
    write reads the tables afresh."""
    def again() -> Outcome:
        return build(caller, tenant, admitted, channel=channel, now=now, lead_id=lead_id, audit_id=audit_id,
                     origin=origin, router=router, reinquiry=reinquiry)

    received = keys.iso(admitted.lead.received_at or now)
    person = _person(tenant, admitted, received, lookup) if reinquiry else None
    if person is not None and person.decision.attach_to:
        touch = _touch(caller, tenant, admitted, person.leads[person.decision.attach_to], channel=channel,
                       now=now, received=received, origin=origin, audit_id=audit_id)
        touch.again = again
        return touch
    new = _new_lead(caller, tenant, admitted, channel=channel, now=now, lead_id=lead_id, audit_id=audit_id,
                    origin=origin, router=router)
    if person is not None:
        _claim_and_link(caller, tenant, new, person, now=now, channel=channel)
        new.again = again
    return new


def prefetch(tenant: Tenant, batch: list[Admitted]) -> reinquiry_store.Lookup:
    """What _person reads for each of these inquiries, read for all of them at once: their
    contacts' claims, their contacts' and (with name and address) surnames' leads."""
    if tenant.reinquiry_days <= 0 or not batch:
        return reinquiry_store.FROM_TABLES
    contacts, tokens = [], []
    for admitted in batch:
        data = admitted.lead.model_dump(mode="json")
        contacts += reinquiries.contact_keys(data)
        tokens += contact_tokens(data)
        if reinquiries.name_key(data) and (surname := surname_token(data)):
            tokens.append(surname)
    return reinquiry_store.Prefetched(tenant.id, contacts, tokens)


@dataclass
class _Person:
    """What the store knows of the inquiry's person: their leads found by contact, the contacts'
    claims as read, and the decision."""
    contacts: list[str]
    claims: dict[str, str]
    leads: dict[str, LeadItem]
    decision: reinquiries.Decision


def _person(tenant: Tenant, admitted: Admitted, received: str, lookup: reinquiry_store.Lookup) -> _Person | None:
    """The inquiry's person's leads and what the inquiry is to them, or None when the tenant's
    window is off or the inquiry has neither e-mail, phone nor a full name and address. Leads are
    found by e-mail and phone; only when those find none to attach or link to, by the last name,
    kept if name and address are the same (domain/reinquiries.py name_key)."""
    data = admitted.lead.model_dump(mode="json")
    contacts, person_key = reinquiries.contact_keys(data), reinquiries.name_key(data)
    if tenant.reinquiry_days <= 0 or not (contacts or person_key):
        return None
    claims = lookup.claims_of(tenant.id, contacts)
    leads = {lead.lead_id: lead for lead in lookup.leads_of(tenant.id, contact_tokens(data), claims.values())}

    def decision_of(found: dict[str, LeadItem], key: str | None) -> reinquiries.Decision:
        candidates = [reinquiries.Candidate(lead.lead_id, lead.status, keys.parse_iso(lead.received_at),
                                            reinquiries.make_of(lead.data),
                                            frozenset(reinquiries.contact_keys(lead.data)),
                                            reinquiries.name_key(lead.data), lead.data.get("first_name"),
                                            lead.data.get("last_name"), lead.data.get("birth_date"))
                      for lead in found.values()]
        return reinquiries.decide(contacts, reinquiries.make_of(data), keys.parse_iso(received), candidates,
                                  tenant.reinquiry_days, person_key=key, first_name=data.get("first_name"),
                                  last_name=data.get("last_name"), birth_date=data.get("birth_date"))
    decision = decision_of(leads, None)
    if decision == reinquiries.Decision() and person_key and (surname := surname_token(data)):
        leads.update({lead.lead_id: lead for lead in lookup.leads_of(tenant.id, [surname])})
        decision = decision_of(leads, person_key)
    return _Person(contacts, claims, leads, decision)


def _touch(caller: Caller, tenant: Tenant, admitted: Admitted, lead: LeadItem, *, channel: str, now: dt.datetime,
           received: str, origin: dict | None, audit_id: str | None) -> Touch:
    """The open lead with the re-inquiry counted, and the entry that keeps the submission."""
    at = keys.iso(now)
    count = lead.touches or 0
    changes = [{"field": "touches", "old": count, "new": count + 1}]
    qualification = reinquiries.hotter(lead.qualification, admitted.lead.qualification)
    if qualification != lead.qualification:
        # A late delivery may claim a time before the lead existed: its deadline counts from the lead's,
        # and from now if counted so it had passed already (an old file's row on an old lead).
        since = max(received, lead.received_at or received, key=keys.parse_iso)
        due = reinquiries.earlier_due(lead.due_at, due_of(since, qualification, tenant, taken_in=keys.iso(now)))
        changes.append({"field": "qualification", "old": lead.qualification, "new": qualification})
        if due != lead.due_at:
            changes.append({"field": "due_at", "old": lead.due_at, "new": due})
        lead.qualification, lead.due_at = qualification, due
    submission = admitted.lead.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    # What the lead lacked and the inquiry says (its e-mail, a test drive now) completes the lead.
    data, completions = reinquiries.completed(lead.data or {}, admitted.lead.model_dump(mode="json"))
    old_tokens = None
    if completions:
        changes += completions
        old_tokens = list(lead.tokens or [])
        lead.data, lead.tokens = data, person_tokens(data)
        # A value the first sender got wrong (kept as a problem) that this inquiry gives right.
        done = {c["field"] for c in completions}
        resolved = [p for p in lead.problems or [] if p.get("field") in done]
        if resolved:
            changes.append({"field": "problems", "old": list(lead.problems), "new": [
                p for p in lead.problems if p.get("field") not in done]})
            lead.problems = changes[-1]["new"]
    changes.append({"field": "reinquiry", "old": None, "new": {
        "channel": channel, "received_at": received, "submission": submission,
        "problems": admitted.problems, "origin": origin}})
    # The message shows on the lead, the lead's own remark kept (domain/reinquiries.py).
    day = today_in(tenant, keys.parse_iso(received))           # the day received, where the dealer is
    remark = reinquiries.remark_with_message((lead.data or {}).get("remark"), admitted.lead.remark, day)
    if remark is not None:
        changes.append({"field": "remark", "old": (lead.data or {}).get("remark"), "new": remark})
        lead.data = {**(lead.data or {}), "remark": remark}
    lead.touches = count + 1
    lead.last_touch_at = max(lead.last_touch_at or received, received)
    lead.updated_at, lead.updated_by = at, caller.user
    entry_id = audit_id or new_id()
    grants = consents.entries_for_touch(caller, lead, submission.get("consent"), channel=channel, now=now,
                                        entry_id=entry_id)
    if grants:                          # the ledger's entries, and the lead's consent section made from them
        before = (lead.data or {}).get("consent")
        lead.data = {**(lead.data or {}), "consent": consents.touched_section(before, grants)}
        changes.append({"field": "consent", "old": before, "new": lead.data["consent"]})
    audit = audit_store.entry(caller.tenant, "lead", lead.lead_id, action="reinquiry", actor=caller.user,
                              role=caller.role, channel=channel, at=at, changes=changes, entry_id=entry_id)
    return Touch(lead, audit, version=lead.version + 1, once=audit_id is not None, consents=grants,
                 old_tokens=old_tokens)


def _claim_and_link(caller: Caller, tenant: Tenant, new: NewLead, person: _Person, *, now: dt.datetime,
                    channel: str) -> None:
    """The new lead claims its person's contacts; an open lead of another make is linked both ways."""
    keep = (tenant.reinquiry_days + 1) * 86400
    new.claims = [(reinquiry_store.claim(tenant.id, contact, new.item.lead_id, keep_seconds=keep),
                   person.claims.get(contact)) for contact in person.contacts]
    first_id = person.decision.link_to
    if first_id is None:
        return
    first = person.leads[first_id]
    make = ((new.item.data.get("vehicle") or {}).get("interest") or {}).get("make")
    first_make = ((first.data.get("vehicle") or {}).get("interest") or {}).get("make")
    earlier, later = ("household", "household") if person.decision.household else ("earlier_inquiry", "later_inquiry")
    new.item.related_leads = [{"lead_id": first_id, "make": first_make, "relation": earlier}]
    new.audit.changes = [*new.audit.changes, {"field": "related_leads", "old": None, "new": new.item.related_leads}]
    before = list(first.related_leads or [])
    first.related_leads = [*before, {"lead_id": new.item.lead_id, "make": make, "relation": later}]
    at = keys.iso(now)
    first.updated_at, first.updated_by = at, caller.user
    audit = audit_store.entry(caller.tenant, "lead", first_id, action="related_lead", actor=caller.user,
                              role=caller.role, channel=channel, at=at, entry_id=new_id(),
                              changes=[{"field": "related_leads", "old": before, "new": first.related_leads}])
    new.related = [(first, audit)]


def _new_lead(caller: Caller, tenant: Tenant, admitted: Admitted, *, channel: str, now: dt.datetime,
              lead_id: str | None, audit_id: str | None, origin: dict | None, router: Router | None) -> NewLead:
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
    return NewLead(item, audit, consents=consents.entries_for_new_lead(caller, tenant.kind, item, channel=channel,
                                                                       now=now))


MAX_ATTEMPTS = 6
# Conditions that fail because the person's leads changed since they were read: decide again.
CHANGED_MEANWHILE = {"claim", "related", "touched"}


def store(outcome: Outcome, idempotency: IdempotencyItem | Callable[[Outcome], IdempotencyItem] | None = None
          ) -> Outcome:
    """Store a new lead with everything that belongs to it, or a re-inquiry's touch on its open lead,
    in one transaction, and return what was stored. If the person's leads changed meanwhile (a
    parallel inquiry of the same person, an edit of the open lead), the inquiry is decided again
    on fresh reads and written again; so the idempotency record may be given as a function of the
    outcome (its answer names the lead). Raises lead_store.WriteConflict if the lead's id or the
    idempotency key is taken, an import's touch is written already, or the retries ran out."""
    for attempt in range(MAX_ATTEMPTS):
        record = idempotency(outcome) if callable(idempotency) else idempotency
        try:
            _write(outcome, record)
        except lead_store.WriteConflict as exc:
            if not exc.tags <= CHANGED_MEANWHILE or outcome.again is None or attempt == MAX_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0, 0.01 * 2 ** attempt))     # two writers apart, not in step
            outcome = outcome.again()
            continue
        news = [outcome] if isinstance(outcome, NewLead) else []
        _count(news)
        from . import forwarding       # here, not above: forwarding builds the dealer's lead through this module
        forwarding.forward_routed(news)      # an importer's forward rule: the lead goes to its dealer now
        if isinstance(outcome, Touch):
            metric("Reinquiries", channel=outcome.audit.channel)
        return outcome
    raise AssertionError("unreachable")


def routing_of(new: NewLead) -> dict:
    """What the rules decided for a new lead, as its log says it ({} when no rule routed it)."""
    return next((c["new"] for c in (new.audit.changes or []) if c.get("field") == "routing"), None) or {}


def routed_to(new: NewLead) -> str | None:
    """The target kind of the rule that routed a new lead ("user", "team", "pool", "forward"), if any."""
    return routing_of(new).get("target")


def _write(outcome: Outcome, record: IdempotencyItem | None) -> None:
    if isinstance(outcome, Touch):
        reinquiry_store.save_touch(outcome.item, outcome.audit, record, once=outcome.once, consents=outcome.consents,
                                   old_tokens=outcome.old_tokens)
    elif outcome.claims or outcome.related:
        reinquiry_store.insert_lead(outcome.item, outcome.audit, record, outcome.claims, outcome.related,
                                    consents=outcome.consents)
    else:
        lead_store.insert_lead(outcome.item, outcome.audit, record, consents=outcome.consents)


def existing(tenant: str, lead_ids) -> set[str]:
    """Which of a batch's deterministic lead ids are stored already (a resumed import)."""
    return lead_store.existing_leads(tenant, lead_ids)


def store_batch(news: list[NewLead]) -> int:
    """Store many new leads no one else writes (an import's rows, found absent first, under its
    lease) with batch writes; each lead item after its other items, their contact claims written
    as they are (no condition: a webhook of the same person at that moment may open a second
    lead). Leads linked to another lead and touches go through store(). Returns the requests made."""
    if any(not isinstance(n, NewLead) or n.related for n in news):
        raise ValueError("only plain new leads are written in batches")
    requests = lead_store.put_new_leads([(n.item, n.audit) for n in news],
                                        extra=[claim for n in news for claim, _ in n.claims]
                                        + [entry for n in news for entry in n.consents])
    _count(news)
    from . import forwarding           # here, not above: forwarding builds the dealer's lead through this module
    forwarding.forward_routed(news)          # an importer's forward rule: the leads go to their dealers now
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
