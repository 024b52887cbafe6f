"""The seed's actions on selected rows: assign them to a user, or delete them. Each lead on its own."""
import datetime as dt

from ..domain import permissions
from ..domain.ids import is_valid_id
from ..domain.permissions import Caller
from ..store import keys
from ..store import leads as store
from ..domain.lead import is_workable, not_workable_reason
from .leads import audit_entry
from .tenants import require_user

MAX_IDS = 500
OK, NOT_FOUND, FORBIDDEN, CONFLICT = "ok", "not_found", "forbidden", "conflict"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _triage(caller: Caller, lead_ids: list[str], action: str):
    """Split the selection into leads to change and per-id results for the rest."""
    unique = list(dict.fromkeys(lead_ids))
    found = store.batch_get_leads(caller.tenant, [i for i in unique if is_valid_id(i)])
    results, workable = {}, []
    for lead_id in unique:
        item = found.get(lead_id)
        if item is None or not permissions.reaches(caller, "lead.read", assignee=item.assignee,
                                                   created_by=item.created_by):
            results[lead_id] = (NOT_FOUND, "no such lead")
        elif not permissions.reaches(caller, action, assignee=item.assignee, created_by=item.created_by):
            results[lead_id] = (FORBIDDEN, permissions.refusal(caller, action, assignee=item.assignee,
                                                               created_by=item.created_by))
        elif not is_workable(item.status):
            results[lead_id] = (CONFLICT, not_workable_reason(item.status))
        else:
            workable.append(item)
    return unique, results, workable


def _report(unique: list[str], results: dict) -> dict:
    rows = [{"id": i, "result": results[i][0], "reason": results[i][1]} for i in unique]
    counts = {name: 0 for name in (OK, NOT_FOUND, FORBIDDEN, CONFLICT)}
    for row in rows:
        counts[row["result"]] += 1
    return {"results": rows, "counts": counts}


def _write(writes: list[store.Write], results: dict, done: str) -> None:
    failed = store.write_each(writes)
    for write in writes:
        results[write.key] = ((CONFLICT, "the lead changed meanwhile; reload and try again")
                              if write.key in failed else (OK, done))


def bulk_assign(caller: Caller, lead_ids: list[str], assignee: str | None, *, channel: str = "api",
                now: dt.datetime | None = None) -> dict:
    """Assign the selected leads to an active user of the tenant (or back to the pool with null)."""
    if assignee is not None:
        require_user(caller.tenant, assignee, active=True)
    unique, results, workable = _triage(caller, lead_ids, "lead.bulk_assign")
    now = now or _now()
    writes = []
    for item in workable:
        if item.assignee == assignee:
            results[item.lead_id] = (OK, "already assigned to them")
            continue
        change = {"field": "assignee", "old": item.assignee, "new": assignee}
        item.assignee = assignee
        item.updated_at, item.updated_by = keys.iso(now), caller.user
        writes.append(store.lead_change(item, audit_entry(caller, item.lead_id, "assigned", channel, now, [change])))
    _write(writes, results, "assigned")
    return _report(unique, results)


def bulk_delete(caller: Caller, lead_ids: list[str], *, channel: str = "api",
                now: dt.datetime | None = None) -> dict:
    """Delete the selected open leads; each keeps its log without values (services/erasure.py
    forget_deleted), with the entry that says who deleted it."""
    unique, results, workable = _triage(caller, lead_ids, "lead.bulk_delete")
    now = now or _now()
    held = [item for item in workable if item.legal_hold]
    for item in held:
        results[item.lead_id] = (CONFLICT, "under legal hold")
    writes = [store.lead_removal(item, audit_entry(caller, item.lead_id, "deleted", channel, now, []))
              for item in workable if not item.legal_hold]
    _write(writes, results, "deleted")
    from .erasure import forget_deleted
    forget_deleted(caller.tenant, [item for item in workable if results[item.lead_id][0] == OK],
                   actor=caller.user, role=caller.role)
    return _report(unique, results)
