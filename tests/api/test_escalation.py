"""Follow-up and escalation on moto: the sweep with a controlled clock, each step once, the
reassign step, notifications without personal data, first contact and deadline met."""
import datetime as dt
import json
import threading
from zoneinfo import ZoneInfo

import pytest

from chalicelib.services import escalation
from chalicelib.services.notify import MESSAGE_FIELDS
from chalicelib.store import directory, lead_queries
from chalicelib.store import leads as lead_store
from tests.conftest import lead_payload, taken_in_at

VIENNA, BERLIN = ZoneInfo("Europe/Vienna"), ZoneInfo("Europe/Berlin")
ALL_STEPS = {"steps": [{"action": "remind_assignee", "after_working_days": 0},
                       {"action": "notify_managers", "after_working_days": 1},
                       {"action": "reassign", "after_working_days": 2}]}
PERSON = {"first_name": "Vera", "last_name": "Verspätet", "email": "vera.verspaetet@example.at",
          "phone": "0664 7654321", "street": "Praterstraße 1", "postal_code": "1020", "city": "Wien"}


class Captured:
    """A notification channel that keeps what it was given (threads may send at once)."""

    def __init__(self):
        self.messages, self._lock = [], threading.Lock()

    def send(self, message: dict) -> None:
        with self._lock:
            self.messages.append(message)

    def actions(self, lead_id: str) -> list[str]:
        return [m["action"] for m in self.messages if m["lead_id"] == lead_id]


def at(zone, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)


def overdue_lead(api, received: dt.datetime, *, tenant="t1", assignee="rep-a", **fields) -> dict:
    """A lead received then and taken in then (a live lead, overdue since; not a late entry now)."""
    payload = lead_payload(**{**PERSON, **fields}, received_at=received.isoformat(), assignee=assignee)
    with taken_in_at(received):
        r = api(tenant=tenant).post("/leads", payload)
    assert r.status_code == 201, r.json
    return r.json


def sweep(now: dt.datetime, channel: Captured) -> escalation.SweepReport:
    return escalation.escalate_overdue(now=now, channel=channel)


def escalations_in_log(api, lead_id: str, tenant="t1") -> list[dict]:
    entries = api(tenant=tenant).get(f"/leads/{lead_id}/log?page_size=100").json["items"]
    return [e for e in entries if e["action"] == "escalated"]


def set_steps(api, tenant: str, steps: dict) -> dict:
    admin = api("admin", tenant=tenant)
    version = admin.get("/tenant").json["version"]
    r = admin.patch("/tenant", {"version": version, "escalation": steps})
    assert r.status_code == 200, r.json
    return r.json


def test_a_hot_lead_in_vienna_is_reminded_at_its_deadline_and_reaches_the_managers_after_weekend_and_holiday(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))              # Wednesday: due Friday 5 December
    channel = Captured()
    assert sweep(at(VIENNA, 2025, 12, 5, 23, 0), channel).steps == 0
    assert sweep(at(VIENNA, 2025, 12, 6, 0, 30), channel).steps == 1
    assert [(m["action"], m["to"]) for m in channel.messages] == [("remind_assignee", ["rep-a"])]
    # Monday 8 December is a public holiday in Austria: one working day after Friday is Tuesday.
    assert sweep(at(VIENNA, 2025, 12, 9, 12, 0), channel).steps == 0
    assert sweep(at(VIENNA, 2025, 12, 10, 0, 30), channel).steps == 1
    assert channel.messages[-1]["action"] == "notify_managers" and channel.messages[-1]["to"] == ["manager"]
    shown = api().get(f"/leads/{lead['id']}").json
    assert shown["escalation"]["level"] == 2
    assert [(s["step"], s["action"], s["due"]) for s in shown["escalation"]["steps"]] == [
        (1, "remind_assignee", "2025-12-05T22:59:59.000000Z"), (2, "notify_managers", "2025-12-09T22:59:59.000000Z")]
    assert shown["assignee"] == "rep-a"                         # reassignment is off by default
    log = escalations_in_log(api, lead["id"])
    assert len(log) == 2 and {(e["actor"], e["role"], e["channel"]) for e in log} == {("leadflow", "system", "schedule")}


def test_in_bavaria_assumption_day_and_the_weekend_hold_the_managers_notice_until_tuesday_night(api):
    lead = overdue_lead(api, at(BERLIN, 2025, 8, 12, 9, 0), tenant="t2")     # Tuesday: due Thursday 14 August
    channel = Captured()
    assert sweep(at(BERLIN, 2025, 8, 15, 0, 30), channel).steps == 1
    # Friday 15 August (Assumption Day) is off in Bavaria, then the weekend: the step comes after Monday.
    assert sweep(at(BERLIN, 2025, 8, 18, 23, 0), channel).steps == 0
    assert sweep(at(BERLIN, 2025, 8, 19, 0, 30), channel).steps == 1
    assert channel.actions(lead["id"]) == ["remind_assignee", "notify_managers"]
    assert all(m["tenant"] == "t2" for m in channel.messages)


def test_each_step_happens_once_however_often_the_sweep_runs(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    set_steps(api, "t1", ALL_STEPS)
    channel = Captured()
    later = at(VIENNA, 2025, 12, 20, 9, 0)
    assert sweep(later, channel).steps == 3
    version = api().get(f"/leads/{lead['id']}").json["version"]
    assert sweep(later, channel).steps == 0
    assert sweep(later + dt.timedelta(days=30), channel).steps == 0
    assert channel.actions(lead["id"]) == ["remind_assignee", "notify_managers", "reassign"]
    assert len(escalations_in_log(api, lead["id"])) == 3
    assert api().get(f"/leads/{lead['id']}").json["version"] == version          # nothing written again


def test_a_sweep_that_read_the_lead_before_another_took_the_step_does_not_take_it_again(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    now, channel = at(VIENNA, 2025, 12, 6, 0, 30), Captured()
    [stale], _, _ = lead_queries.overdue_page("t1", "2025-12-06T00:00:00.000000Z")
    assert sweep(now, channel).steps == 1                            # another sweep, meanwhile
    run = escalation.TenantRun(escalation.load_tenant("t1"))
    report = escalation.SweepReport()
    # The stale copy says no step was taken: only the version condition stops a second reminder.
    assert escalation.escalate_lead(stale, run, now=now, channel=channel, report=report) == 0
    assert report.conflicts == 1
    assert channel.actions(lead["id"]) == ["remind_assignee"]
    assert len(escalations_in_log(api, lead["id"])) == 1


def test_a_lead_converted_after_the_sweep_read_it_is_not_escalated(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    [stale], _, _ = lead_queries.overdue_page("t1", "2025-12-06T00:00:00.000000Z")
    convert(api, lead["id"])
    run = escalation.TenantRun(escalation.load_tenant("t1"))
    channel, report = Captured(), escalation.SweepReport()
    assert escalation.escalate_lead(stale, run, now=at(VIENNA, 2025, 12, 6, 0, 30), channel=channel, report=report) == 0
    assert report.conflicts == 1 and channel.messages == []
    assert escalations_in_log(api, lead["id"]) == []


def test_the_reassign_step_hands_the_lead_to_whom_the_rules_say_and_tells_the_new_assignee(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    set_steps(api, "t1", ALL_STEPS)
    rules = directory.new_routing_rules("t1")
    rules.data = {"rules": [{"id": "hot-to-b", "name": "Hot leads to B", "conditions": {"qualifications": ["hot"]},
                             "target": {"kind": "user", "user": "rep-b"}}]}
    directory.save_routing_rules(rules)
    channel = Captured()
    assert sweep(at(VIENNA, 2025, 12, 10, 0, 30), channel).steps == 2                # not yet: Wednesday night
    assert sweep(at(VIENNA, 2025, 12, 11, 0, 30), channel).steps == 1
    shown = api().get(f"/leads/{lead['id']}").json
    assert shown["assignee"] == "rep-b"
    step = shown["escalation"]["steps"][-1]
    assert (step["action"], step["assignee_before"], step["assignee"], step["rule"]) == ("reassign", "rep-a", "rep-b", "hot-to-b")
    assert channel.messages[-1]["to"] == ["rep-b"]
    [entry] = [e for e in escalations_in_log(api, lead["id"]) if any(c["field"] == "assignee" for c in e["changes"])]
    assert {"field": "assignee", "old": "rep-a", "new": "rep-b"} in entry["changes"]
    mine = api("sales_rep_2").get("/leads?assignee=me&sort=due").json["items"]        # the index moved with it
    assert lead["id"] in {item["id"] for item in mine}


def test_a_notification_carries_the_leads_link_qualification_and_deadline_and_no_personal_data(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    channel = Captured()
    sweep(at(VIENNA, 2025, 12, 20, 9, 0), channel)
    assert channel.messages
    for message in channel.messages:
        assert tuple(message) == MESSAGE_FIELDS
        assert (message["lead_id"], message["link"], message["qualification"], message["due_at"]) == (
            lead["id"], f"/leads/{lead['id']}", "hot", lead["due_at"])
        text = json.dumps(message, ensure_ascii=False).lower()
        for value in (*PERSON.values(), "+436647654321", "verspaetet", "vera", "golf", "rückruf"):
            assert value.lower() not in text, value


def test_a_lead_not_yet_due_is_left_alone(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), qualification="warm")     # due Wednesday 10 December
    channel = Captured()
    report = sweep(at(VIENNA, 2025, 12, 9, 12, 0), channel)
    assert (report.steps, report.overdue, channel.messages) == (0, 0, [])
    shown = api().get(f"/leads/{lead['id']}").json
    assert (shown["escalation"], shown["version"]) == (None, 1)


def test_the_sweep_reads_the_overdue_leads_and_nothing_else(api):
    overdue = [overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), email=f"o{i}@example.at") for i in range(2)]
    for i in range(3):
        overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), qualification="cold", email=f"c{i}@example.at")
    overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), qualification="junk", email="junk@example.at")
    report = sweep(at(VIENNA, 2025, 12, 6, 0, 30), Captured())
    assert report.overdue == len(overdue) and report.steps == len(overdue)
    assert report.items_read == 2 * len(overdue)               # each one's index entry and the lead


def test_a_converted_lead_records_its_first_contact_and_is_never_escalated(api):
    late = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    on_time = overdue_lead(api, dt.datetime.now(VIENNA) - dt.timedelta(minutes=5), email="puenktlich@example.at")
    for lead in (late, on_time):
        converted = convert(api, lead["id"])
        assert converted["first_contact_at"] and converted["status"] == "converted"
    assert api().get(f"/leads/{late['id']}").json["deadline_met"] is False
    shown = api().get(f"/leads/{on_time['id']}").json
    assert shown["deadline_met"] is True and shown["first_contact_at"] <= shown["due_at"]
    log = api().get(f"/leads/{on_time['id']}/log").json["items"]
    assert any(c["field"] == "first_contact_at" for e in log if e["action"] == "converted" for c in e["changes"])
    channel = Captured()
    assert sweep(dt.datetime.now(VIENNA) + dt.timedelta(days=60), channel).steps == 0
    assert channel.messages == [] and escalations_in_log(api, late["id"]) == []


def test_admins_set_the_escalation_steps_others_may_not_and_bad_steps_name_the_field(api):
    assert api().get("/tenant").json["escalation"]["steps"][2] == {
        "action": "reassign", "after_working_days": 2, "enabled": False}
    shown = set_steps(api, "t1", {"steps": [{"action": "notify_managers", "after_working_days": 0}]})
    assert shown["escalation"] == {"steps": [{"action": "notify_managers", "after_working_days": 0, "enabled": True}]}
    version = shown["version"]
    assert api("sales_manager").patch("/tenant", {"version": version, "escalation": ALL_STEPS}).status_code == 403
    bad = api("admin").patch("/tenant", {"version": version, "escalation": {"steps": [
        {"action": "reassign", "after_working_days": 3}, {"action": "remind_assignee", "after_working_days": 1}]}})
    assert bad.status_code == 422 and bad.json["errors"][0]["field"].startswith("escalation")
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    channel = Captured()
    sweep(at(VIENNA, 2025, 12, 6, 0, 30), channel)
    assert channel.actions(lead["id"]) == ["notify_managers"]


def test_a_tenant_without_enabled_steps_reads_no_leads(api):
    overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    set_steps(api, "t1", {"steps": [{"action": "remind_assignee", "after_working_days": 0, "enabled": False}]})
    report = escalation.sweep_tenant("t1", now=at(VIENNA, 2025, 12, 20, 9, 0), channel=Captured())
    assert (report.items_read, report.steps) == (0, 0)


def test_the_scheduled_function_escalates_overdue_leads(api, chalice_client):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    event = chalice_client.events.generate_cw_event(source="aws.events", detail_type="Scheduled Event",
                                                    detail={}, resources=[])
    chalice_client.lambda_.invoke("escalate_overdue_leads", event)
    shown = api().get(f"/leads/{lead['id']}").json
    assert [s["action"] for s in shown["escalation"]["steps"]] == ["remind_assignee", "notify_managers"]


def test_every_tenant_is_listed_from_its_settings_item(tenants):
    assert directory.list_tenant_ids() == ["t1", "t2"]


def test_a_lead_in_the_pool_reminds_the_managers(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), assignee=None)
    channel = Captured()
    sweep(at(VIENNA, 2025, 12, 6, 0, 30), channel)
    assert [(m["action"], m["to"]) for m in channel.messages if m["lead_id"] == lead["id"]] == [
        ("remind_assignee", ["manager"])]


def test_a_failed_notification_leaves_the_step_taken(api):
    lead = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))

    class Broken:
        def send(self, message):
            raise ConnectionError("topic unreachable")
    report = sweep(at(VIENNA, 2025, 12, 6, 0, 30), Broken())
    assert report.steps == 1
    assert sweep(at(VIENNA, 2025, 12, 6, 0, 45), Captured()).steps == 0
    assert lead_store.get_lead("t1", lead["id"]).escalation["steps"][0]["action"] == "remind_assignee"


def convert(api, lead_id: str) -> dict:
    token = api().get(f"/leads/{lead_id}/duplicates").json["check_token"]
    r = api().post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": token,
                                                 "activity": {"type": "call"}})
    assert r.status_code == 201, r.json
    return r.json["lead"]


@pytest.fixture(autouse=True)
def _no_outbox(monkeypatch):
    """Notifications go to the test's channel, never to a file or a topic of the environment."""
    monkeypatch.delenv("LEADFLOW_OUTBOX", raising=False)
    monkeypatch.delenv("LEADFLOW_NOTIFY_TOPIC_ARN", raising=False)
