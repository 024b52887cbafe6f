"""Retention: what each tenant no longer keeps (domain/retention.py), shown before it goes (GET
/privacy/retention), removed by a daily run (app.py apply_retention), and the legal hold that keeps
a lead out of it.

One plan serves both: the preview plans a run at the time the next one comes and shows it; the
run plans at its own time and carries out exactly that. A plan reads, per tenant, old leads from
the lead indexes (the junk qualification's partition, each unconverted status's partition, oldest
first, received before the cutoff) and the leads themselves by key, and the tenant's raw payloads
and error reports by key prefix, every version. It is bounded: at most LEADS_PER_RUN leads and
OBJECT_VERSIONS versions per prefix a tenant and run, INDEX_READS index entries a rule; where it
stopped is kept (store/retention.py cursors) and the next run goes on from there, starting over at
the beginning once it reached the end. Leads go through the erasure (services/erasure.py
erase_leads: everything that hangs on them too); objects are deleted with every version.

Safe to run twice: what a run erased is gone from the indexes and the bucket, a lead the erasure
finds changed is read again, a held one skipped, and a second run at once writes the same
positions.
"""
import datetime as dt
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..config import get_settings
from ..domain import retention as rules
from ..domain.ids import new_id
from ..domain.permissions import Caller
from ..domain.retention import LegalHoldInput
from ..domain.versions import require_version
from ..errors import StaleVersionError
from ..store import audit as audit_store
from ..store import directory, keys
from ..store import leads as lead_store
from ..store import retention as store
from ..store.models import LeadItem
from .replies import Reply
from .tenants import load_tenant

log = logging.getLogger(__name__)

ACTOR, ROLE, CHANNEL = "retention", "system", "schedule"
LEADS_PER_RUN = 200          # leads a run erases per tenant; the rest go with the next runs
INDEX_READS = 1000           # index entries a rule reads per tenant and run (kept leads are read too)
OBJECT_VERSIONS = 5000       # object versions a run lists per prefix and tenant
SHOWN = 50                   # lead ids the preview lists per rule
MIN_SECONDS_LEFT = 60        # a run stops before a tenant when less of its time is left


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- the plan


@dataclass
class Picked:
    lead_id: str
    received_at: str
    status: str
    qualification: str
    why: str

    def view(self) -> dict:
        return {"id": self.lead_id, "received_at": self.received_at, "status": self.status,
                "qualification": self.qualification, "why": self.why}


@dataclass
class LeadRule:
    rule: str
    months: int
    received_before: str
    remove: list[Picked] = field(default_factory=list)
    more: bool = False                 # candidates beyond this run's bounds: a later run goes on


@dataclass
class ObjectRule:
    rule: str
    prefix: str
    days: int
    modified_before: str
    versions: list[dict] = field(default_factory=list)
    more: bool = False

    @property
    def objects(self) -> list[str]:
        return list(dict.fromkeys(v["Key"] for v in self.versions))

    def gone(self) -> list[str]:
        """Keys whose current version goes (their object is gone once the run is done)."""
        return list(dict.fromkeys(v["Key"] for v in self.versions if v["IsLatest"]))


@dataclass
class Plan:
    tenant: str
    at: dt.datetime
    settings: rules.RetentionSettings
    leads: dict[str, LeadRule]
    objects: dict[str, ObjectRule]
    kept: list[Picked] = field(default_factory=list)
    cursors: dict = field(default_factory=dict)       # where the next run goes on (what this one reaches)
    items_read: int = 0


def _partitions(tenant: str) -> list[tuple[str, str, str, str]]:
    """(rule, cursor name, index, partition) in the order a run reads them: junk first, the more
    specific rule, then each unconverted status."""
    found = [(rules.JUNK, rules.JUNK, "qualification_recent", keys.qualification_pk(tenant, "junk"))]
    found += [(rules.UNCONVERTED, f"{rules.UNCONVERTED}:{status}", "status_recent", keys.status_pk(tenant, status))
              for status in rules.UNCONVERTED_STATUSES]
    return found


def _facts(item: LeadItem) -> rules.LeadFacts:
    return rules.LeadFacts(status=item.status, qualification=item.qualification, received_at=item.received_at,
                           last_touch_at=item.last_touch_at, legal_hold=item.legal_hold,
                           created_at=item.created_at, first_contact_at=item.first_contact_at,
                           converted_at_dealer=(item.forwarding or {}).get("status") == "converted")


def _picked(item: LeadItem, why: str) -> Picked:
    return Picked(item.lead_id, item.received_at, item.status, item.qualification, why)


def plan_tenant(tenant_id: str, at: dt.datetime) -> Plan:
    """What a run at `at` removes in the tenant, within a run's bounds, from where the last run stopped."""
    settings = rules.settings_of(load_tenant(tenant_id).retention)
    cut = rules.cutoffs(settings, at)
    before = {rules.JUNK: keys.iso(cut.junk), rules.UNCONVERTED: keys.iso(cut.unconverted)}
    plan = Plan(tenant_id, at, settings, leads={
        rules.JUNK: LeadRule(rules.JUNK, settings.junk_months, before[rules.JUNK]),
        rules.UNCONVERTED: LeadRule(rules.UNCONVERTED, settings.unconverted_lead_months, before[rules.UNCONVERTED])},
        objects={})
    saved = store.get_cursors(tenant_id)
    seen: set[str] = set()
    removing = 0
    for rule, name, index, partition in _partitions(tenant_id):
        target, start = plan.leads[rule], saved.get(name)
        if removing >= LEADS_PER_RUN:             # this run is full: is anything waiting here?
            probe, _, read = store.old_leads(index, partition, before[rule], start=start, limit=1)
            plan.items_read += read
            target.more = target.more or bool(probe)
            plan.cursors[name] = start
            continue
        reads = 0
        while True:
            entries, last, read = store.old_leads(index, partition, before[rule], start=start,
                                                  limit=min(store.PAGE, INDEX_READS - reads))
            reads += len(entries)
            plan.items_read += read
            leads = store.leads_by_pk([pk for pk, _ in entries])
            plan.items_read += len(leads)
            full, number = False, 0
            for number, (pk, position) in enumerate(entries, start=1):
                start = position
                item = leads.get(pk)
                if item is None or item.lead_id in seen:     # erased meanwhile, or the junk rule's already
                    continue
                seen.add(item.lead_id)
                goes, why = rules.verdict(rule, _facts(item), cut, keys.iso)
                if goes:
                    target.remove.append(_picked(item, why))
                    removing += 1
                    full = removing >= LEADS_PER_RUN
                    if full:
                        break
                elif why != "received within the period":
                    plan.kept.append(_picked(item, why))
            if full or (last is not None and reads >= INDEX_READS):
                target.more = target.more or number < len(entries) or last is not None
                plan.cursors[name] = start if target.more else None
                break
            if last is None:
                plan.cursors[name] = None             # the end: the next run starts over
                break
            start = last
    app_settings = get_settings()
    for rule, prefix, days, modified_before, bound in (
            (rules.RAW_PAYLOADS, keys.raw_payloads_prefix(tenant_id), settings.raw_payload_days, cut.raw_payloads,
             app_settings.raw_payload_lifecycle_days),
            (rules.IMPORT_REPORTS, keys.reports_prefix(tenant_id), settings.import_report_days, cut.import_reports,
             app_settings.report_lifecycle_days)):
        target = plan.objects[rule] = ObjectRule(rule, prefix, days, keys.iso(modified_before))
        versions, last_key = store.object_versions(prefix, after_key=saved.get(rule), limit=OBJECT_VERSIONS)
        target.versions = [v for v in versions if v["LastModified"] < modified_before]
        target.more = last_key is not None
        plan.cursors[rule] = last_key
    return plan


# ---------------------------------------------------------------- the preview


def preview(caller: Caller, *, now: dt.datetime | None = None) -> dict:
    """What the next scheduled run will remove in the caller's tenant, rule by rule, and the leads
    it passes over and why (held, converted at the dealer, asked again); nothing is written."""
    at = rules.next_run(now or _now())
    plan = plan_tenant(caller.tenant, at)
    last = store.last_run(caller.tenant)
    return {
        "tenant": caller.tenant,
        "next_run_at": keys.iso(at),
        "settings": plan.settings.model_dump(mode="json"),
        "leads": {rule: {"months": r.months, "received_before": r.received_before, "count": len(r.remove),
                         "more": r.more, "first": [p.view() for p in r.remove[:SHOWN]]}
                  for rule, r in plan.leads.items()},
        "objects": {rule: {"days": r.days, "modified_before": r.modified_before, "objects": len(r.objects),
                           "versions": len(r.versions), "more": r.more}
                    for rule, r in plan.objects.items()},
        "kept": {"count": len(plan.kept), "held": sum(1 for p in plan.kept if p.why.startswith("legal hold")),
                 "first": [p.view() for p in plan.kept[:SHOWN]]},
        "limits": {"leads_per_run": LEADS_PER_RUN, "object_versions_per_run": OBJECT_VERSIONS},
        "last_run": {"at": last.at, **{c["field"]: c["new"] for c in last.changes if c["field"] == "counts"}}
        if last else None,
    }


# ---------------------------------------------------------------- the run


@dataclass
class RunReport:
    tenants: int = 0
    leads: int = 0
    kept: int = 0
    objects: int = 0            # objects whose every version went
    versions: int = 0
    items_read: int = 0
    stopped_early: bool = False  # the run's time ran out: the tenants left go with the next run
    failures: int = 0


def apply_retention(*, now: dt.datetime | None = None, time_left=None) -> RunReport:
    """Every tenant's retention, tenant by tenant (the `listed` index), each within a run's bounds."""
    now = now or _now()
    report = RunReport()
    for tenant_id in directory.list_tenant_ids():
        if time_left is not None and time_left() < MIN_SECONDS_LEFT:
            report.stopped_early = True
            break
        try:
            apply_tenant(tenant_id, now=now, report=report)
        except Exception:               # noqa: BLE001 - one tenant's failure must not keep the others' data
            report.failures += 1
            log.exception("retention failed for a tenant", extra={"tenant": tenant_id})
    log.info("retention run", extra=asdict(report))
    return report


def apply_tenant(tenant_id: str, *, now: dt.datetime, report: RunReport | None = None) -> dict:
    """Carry out the plan of a run at `now` in one tenant; its log (privacy#retention) gets the counts."""
    report = report or RunReport()
    plan = plan_tenant(tenant_id, now)
    report.tenants += 1
    report.items_read += plan.items_read
    counts: Counter = Counter()
    erased: dict[str, list[str]] = {}
    for rule, target in plan.leads.items():
        ids = [p.lead_id for p in target.remove]
        if not ids:
            continue
        from .erasure import erase_leads           # the erasure's modules load only when a run erases
        result = erase_leads(tenant_id, ids, actor=ACTOR, role=ROLE, channel=CHANNEL,
                             reason=f"retention: {rule}, received before {target.received_before[:10]}")
        counts.update({f"{rule}.{k}": v for k, v in result.items() if isinstance(v, int) and v})
        counts[rule] += result.get("leads", 0)
        erased[rule] = ids
    for rule, target in plan.objects.items():
        if target.versions:
            store.delete_versions([{"Key": v["Key"], "VersionId": v["VersionId"]} for v in target.versions])
            counts[f"{rule}.versions"] += len(target.versions)
            counts[rule] += len(target.gone())
            if rule == rules.IMPORT_REPORTS:
                for key in target.gone():
                    store.forget_report(tenant_id, key)
    store.save_cursors(tenant_id, {name: position for name, position in plan.cursors.items() if position})
    report.leads += counts[rules.JUNK] + counts[rules.UNCONVERTED]
    report.kept += len(plan.kept)
    report.objects += counts[rules.RAW_PAYLOADS] + counts[rules.IMPORT_REPORTS]
    report.versions += counts[f"{rules.RAW_PAYLOADS}.versions"] + counts[f"{rules.IMPORT_REPORTS}.versions"]
    if counts:
        at = keys.iso(now)
        store.record(audit_store.entry(
            tenant_id, "privacy", "retention", action="retention", actor=ACTOR, role=ROLE, channel=CHANNEL, at=at,
            entry_id=new_id(), changes=[
                {"field": "counts", "old": None, "new": dict(sorted(counts.items()))},
                {"field": "settings", "old": None, "new": plan.settings.model_dump(mode="json")},
                {"field": "leads", "old": None, "new": erased},
                # ids only: a hold's reason is free text that may name people
                {"field": "held", "old": None, "new": [p.lead_id for p in plan.kept
                                                        if p.why.startswith("legal hold")]}]))
    return dict(counts)


# ---------------------------------------------------------------- legal hold


def set_legal_hold(caller: Caller, lead_id: str, body: LegalHoldInput, *, expected_version: int | None,
                   channel: str = "api", now: dt.datetime | None = None) -> Reply:
    """Hold a lead (retention and erasure leave it alone, nobody deletes it) or release it, at the
    version the client read; the lead's log says who, when and why."""
    from .leads import audit_entry, lead_view, load_lead      # here: leads builds on much this module needs not
    item = load_lead(caller, lead_id, "lead.legal_hold")
    require_version(item.version, expected_version if expected_version is not None else body.version)
    now = now or _now()
    at = keys.iso(now)
    old = item.legal_hold
    new = {"reason": body.reason, "by": caller.user, "at": at} if body.hold else None
    if (old or {}).get("reason") == (new or {}).get("reason"):
        return Reply(lead_view(item, caller, now))            # held for that reason, or free: nothing to write
    item.legal_hold = new
    item.updated_at, item.updated_by = at, caller.user
    changes = [{"field": "legal_hold", "old": old, "new": new}]
    if not body.hold and body.reason:
        changes.append({"field": "reason", "old": None, "new": body.reason})
    audit = audit_entry(caller, lead_id, "legal_hold" if body.hold else "legal_hold_released", channel, now, changes)
    if lead_store.write_each([lead_store.lead_change(item, audit)]):
        current = lead_store.get_lead(caller.tenant, lead_id)
        raise StaleVersionError("the lead changed while you were saving; reload and try again",
                                current_version=current.version if current else None)
    return Reply(lead_view(item, caller, now))
