"""Follow-up and escalation: a scheduled sweep takes each overdue lead along its tenant's steps
(domain/escalation.py): remind the assignee, notify the sales managers, reassign by the rules.

Each step happens once per lead. The steps taken are recorded on the lead, written only if the
lead is still at the version the sweep read: two sweeps that read it at once write it once, the
other re-reads it, finds the steps taken and does nothing. Notifications leave after the write
(services/notify.py), so a lost race sends none. Each step is in the lead's log ("escalated").
"""
import datetime as dt
import logging
from dataclasses import asdict, dataclass
from functools import cached_property

from ..domain.escalation import Calendar, DueStep, done_actions, due_steps, needs_follow_up, settings_of
from ..domain.ids import new_id
from ..observability import metric
from ..store import audit as audit_store
from ..store import directory, keys, lead_queries
from ..store import leads as lead_store
from ..store.models import LeadItem
from . import notify
from .assignment import Router, facts_of, today_in
from .tenants import Tenant, load_tenant

log = logging.getLogger(__name__)

ACTOR, ROLE, CHANNEL = "leadflow", "system", "schedule"     # who the lead's log says took a step
PAGE_SIZE = 100
ATTEMPTS = 3          # a lead another writer changed meanwhile is read again and looked at anew


@dataclass
class SweepReport:
    tenants: int = 0
    overdue: int = 0           # overdue leads looked at
    items_read: int = 0        # index entries and leads
    steps: int = 0             # steps taken
    conflicts: int = 0         # writes refused because the lead changed since it was read


class TenantRun:
    """One tenant's settings, calendar, managers and rules, read once per sweep (managers and rules
    only when a step needs them)."""

    def __init__(self, tenant: Tenant):
        self.tenant = tenant
        self.settings = settings_of(tenant.escalation)
        self.calendar = Calendar(tenant.country, tenant.subdivision, tenant.holiday_categories, tenant.timezone)
        self.router = Router(tenant)

    @cached_property
    def managers(self) -> list[str]:
        """The users who work as sales managers (an active principal of that role)."""
        return sorted({p.user for p in directory.list_principals(self.tenant.id)
                       if p.active and p.role == "sales_manager"})


def escalate_overdue(*, now: dt.datetime | None = None, channel: notify.Channel | None = None) -> SweepReport:
    """Every tenant's overdue leads, each taken through the steps whose time has come."""
    now = now or dt.datetime.now(dt.timezone.utc)
    channel = channel or notify.default_channel()
    report = SweepReport()
    for tenant_id in directory.list_tenant_ids():
        sweep_tenant(tenant_id, now=now, channel=channel, report=report)
    log.info("escalation sweep", extra=asdict(report))
    return report


def sweep_tenant(tenant_id: str, *, now: dt.datetime, channel: notify.Channel,
                 report: SweepReport | None = None) -> SweepReport:
    """One tenant: its open leads whose deadline has passed, read from the status_due index."""
    report = report or SweepReport()
    report.tenants += 1
    run = TenantRun(load_tenant(tenant_id))
    if not any(step.enabled for step in run.settings.steps):
        return report
    start = None
    while True:
        leads, start, read = lead_queries.overdue_page(tenant_id, keys.iso(now), page_size=PAGE_SIZE,
                                                       start_key=start)
        report.items_read += read
        report.overdue += len(leads)
        for item in leads:
            escalate_lead(item, run, now=now, channel=channel, report=report)
        if start is None:
            return report


def escalate_lead(item: LeadItem, run: TenantRun, *, now: dt.datetime, channel: notify.Channel,
                  report: SweepReport) -> int:
    """Take the steps due on one lead and not taken yet; returns how many were taken."""
    for _ in range(ATTEMPTS):
        if not needs_follow_up(status=item.status, due_at=item.due_at, first_contact_at=item.first_contact_at,
                               now_iso=keys.iso(now)):
            return 0
        steps = due_steps(run.settings, due_at=keys.parse_iso(item.due_at), done=done_actions(item.escalation),
                          now=now, calendar=run.calendar)
        if not steps:
            return 0
        audits, messages = take_steps(item, steps, run, now)
        try:
            lead_store.save_escalation(item, audits)
        except lead_store.WriteConflict:
            report.conflicts += 1
            item = lead_store.get_lead(item.tenant, item.lead_id)
            if item is None:
                return 0
            continue
        for message in messages:
            _send(channel, message)
        report.steps += len(steps)
        return len(steps)
    log.warning("escalation gave up on a lead that kept changing", extra={"lead_id": item.lead_id})
    return 0


def take_steps(item: LeadItem, steps: list[DueStep], run: TenantRun, now: dt.datetime) -> tuple[list, list[dict]]:
    """Apply the steps to the lead item (its record, a reassignment); the audit entries and the
    messages to send once it is saved."""
    at = keys.iso(now)
    records = list((item.escalation or {}).get("steps", []))
    audits, messages = [], []
    for step in steps:
        record = {"step": step.number, "action": step.action, "due": keys.iso(step.at), "at": at}
        changes = []
        if step.action == "remind_assignee":
            # A lead in the pool has nobody to remind: the managers, who hand out the pool, are.
            to = [item.assignee] if item.assignee else run.managers
        elif step.action == "notify_managers":
            to = run.managers
        else:
            routed = run.router.decide(facts_of(item), today=today_in(run.tenant, now), forward=False)
            record.update({"assignee_before": item.assignee, "assignee": routed.assignee,
                           "rule": routed.log()["rule"]})
            if routed.assignee != item.assignee:
                changes.append({"field": "assignee", "old": item.assignee, "new": routed.assignee})
                item.assignee = routed.assignee
            changes.append({"field": "routing", "old": None, "new": routed.log()})
            to = [routed.assignee] if routed.assignee else run.managers
        record["to"] = list(to)
        records.append(record)
        audits.append(audit_store.entry(
            item.tenant, "lead", item.lead_id, action="escalated", actor=ACTOR, role=ROLE, channel=CHANNEL, at=at,
            changes=[{"field": "escalation", "old": None, "new": record}, *changes], entry_id=new_id()))
        messages.append(notify.escalation_message(
            tenant=item.tenant, lead_id=item.lead_id, qualification=item.qualification, due_at=item.due_at,
            step=step.number, action=step.action, to=list(to), at=at))
    item.escalation = {"steps": records}
    return audits, messages


def _send(channel: notify.Channel, message: dict) -> None:
    """A failed notification does not undo the step: it is logged and counted, and the step stays taken
    (sending it again on the next sweep could send it twice)."""
    try:
        channel.send(message)
        metric("EscalationSteps", action=message["action"])
    except Exception as exc:                  # any channel's failure: the others still go out
        log.error("notification failed", extra={"lead_id": message["lead_id"], "action": message["action"],
                                                "error": type(exc).__name__})
        metric("NotificationFailures", action=message["action"])

