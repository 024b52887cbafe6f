"""Escalation sweeps running at once (real threads against a moto server, as overlapping scheduled
invocations would): each step is taken, audited and notified once per lead."""
import datetime as dt
import threading
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import lead_payload, taken_in_at
from tests.integration.test_races import MANAGER, moto_server, together  # noqa: F401  (the fixture)

ROUNDS = 3
LEADS = 4
SWEEPS = 3


class Captured:
    def __init__(self):
        self.messages, self._lock = [], threading.Lock()

    def send(self, message: dict) -> None:
        with self._lock:
            self.messages.append(message)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_sweeps_running_at_once_take_each_step_once_per_lead(moto_server, round_):  # noqa: F811
    from chalicelib.services.escalation import escalate_overdue
    from chalicelib.store import audit, leads
    from devstack.direct import create_lead
    received = dt.datetime(2025, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/Vienna"))
    with taken_in_at(received):                         # live leads then, overdue since; not a late entry now
        ids = [create_lead(MANAGER, lead_payload(email=f"race{round_}.{i}@example.at", assignee="rep-a",
                                                 received_at=received.isoformat())).body["id"] for i in range(LEADS)]
    channel = Captured()
    now = dt.datetime(2025, 12, 20, 9, 0, tzinfo=ZoneInfo("Europe/Vienna"))
    results = together(*[lambda: escalate_overdue(now=now, channel=channel)] * SWEEPS)
    assert not any(isinstance(r, Exception) for r in results), results
    assert sum(r.steps for r in results) == 2 * LEADS                  # remind and notify, each lead once
    sent = Counter((m["lead_id"], m["action"]) for m in channel.messages)
    assert sent == {(lead_id, action): 1 for lead_id in ids for action in ("remind_assignee", "notify_managers")}
    for lead_id in ids:
        steps = leads.get_lead("t1", lead_id).escalation["steps"]
        assert [s["action"] for s in steps] == ["remind_assignee", "notify_managers"]
        entries, _ = audit.read("t1", "lead", lead_id, limit=100, start=None)
        assert [e.action for e in entries].count("escalated") == 2
