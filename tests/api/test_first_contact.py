"""First contact: calls, e-mails, meetings and SMS logged on a lead; the first that reached the
prospect is its first contact (time to first contact, deadline met) and ends its escalation."""
import datetime as dt
import itertools

import pytest

from chalicelib.domain.contacts import counts_as_contact, time_to_first_contact
from chalicelib.domain.escalation import needs_follow_up
from tests.api.test_escalation import VIENNA, Captured, at, convert, escalations_in_log, overdue_lead, sweep
from tests.conftest import lead_payload, taken_in_at


_people = itertools.count()


def received_lead(api, received: dt.datetime, **fields) -> dict:
    """A lead of a person of its own (the same person again would be a re-inquiry)."""
    n = next(_people)
    fields = {"email": f"kontakt{n}@example.at", "last_name": f"Kontakt{n}", "phone": None, **fields}
    with taken_in_at(received):                         # a live lead then, not a late entry now
        r = api().post("/leads", lead_payload(received_at=received.isoformat(), **fields))
    assert r.status_code == 201, r.json
    return r.json


def log_contact(api, lead: dict, body: dict, *, role="sales_manager", tenant="t1", version=None):
    version = lead["version"] if version is None else version
    return api(role, tenant=tenant).post(f"/leads/{lead['id']}/contacts", body, headers={"if-match": f'"{version}"'})


def contacts_in_log(api, lead_id: str) -> list[dict]:
    entries = api().get(f"/leads/{lead_id}/log?page_size=100").json["items"]
    return [c["new"] for e in entries if e["action"] == "contact" for c in e["changes"] if c["field"] == "contact"]


@pytest.fixture
def fresh(api):
    """A hot lead received 90 minutes ago: due in two working days."""
    received = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(minutes=90)
    return received_lead(api, received), received


def test_a_reached_call_is_the_first_contact_and_the_lead_shows_time_to_it_and_the_deadline_met(api, fresh):
    lead, received = fresh
    r = log_contact(api, lead, {"kind": "call", "outcome": "reached", "note": "Probefahrt am Samstag",
                                "at": (received + dt.timedelta(minutes=30)).isoformat()})
    assert r.status_code == 201, r.json
    assert r.json["contact"]["reached"] and r.json["contact"]["first_contact"]
    shown = api().get(f"/leads/{lead['id']}").json
    assert shown == r.json["lead"]
    assert shown["first_contact_at"].startswith((received + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S"))
    assert shown["time_to_first_contact"] == 30 * 60 and shown["deadline_met"] is True
    assert shown["version"] == lead["version"] + 1
    [logged] = contacts_in_log(api, lead["id"])
    assert logged["kind"] == "call" and logged["note"] == "Probefahrt am Samstag"
    entry = api().get(f"/leads/{lead['id']}/log").json["items"][0]
    assert entry["action"] == "contact" and entry["actor"] == "manager"
    assert any(c["field"] == "first_contact_at" for c in entry["changes"])


def test_a_call_that_did_not_reach_the_prospect_is_an_attempt_logged_without_changing_the_lead(api, fresh):
    lead, _ = fresh
    for outcome in ("not_reached", "left_message"):
        r = log_contact(api, lead, {"kind": "call", "outcome": outcome})
        assert r.status_code == 201, r.json
        assert not r.json["contact"]["reached"] and not r.json["contact"]["first_contact"]
    shown = api().get(f"/leads/{lead['id']}").json
    assert shown["first_contact_at"] is None and shown["time_to_first_contact"] is None
    assert shown["deadline_met"] is None and shown["version"] == lead["version"]
    assert [c["outcome"] for c in contacts_in_log(api, lead["id"])] == ["left_message", "not_reached"]


def test_an_email_counts_once_sent_and_a_bounced_one_does_not(api, fresh):
    lead, _ = fresh
    bounced = log_contact(api, lead, {"kind": "email", "outcome": "not_reached", "note": "Adresse unzustellbar"})
    assert bounced.status_code == 201 and bounced.json["lead"]["first_contact_at"] is None
    sent = log_contact(api, lead, {"kind": "email"})
    assert sent.status_code == 201 and sent.json["contact"]["first_contact"]
    assert sent.json["lead"]["first_contact_at"] is not None


def test_what_counts_as_a_contact():
    assert counts_as_contact("call", "reached") and counts_as_contact("meeting", None)
    assert counts_as_contact("email", None) and counts_as_contact("sms", None)
    assert not counts_as_contact("call", "not_reached") and not counts_as_contact("call", "left_message")
    assert not counts_as_contact("email", "not_reached") and not counts_as_contact("sms", "left_message")
    assert time_to_first_contact("2026-12-01T08:00:00.000000Z", "2026-12-02T08:00:01.000000Z") == 86401
    assert time_to_first_contact("2026-12-01T08:00:00.000000Z", None) is None


def test_a_later_contact_keeps_the_first_and_one_logged_afterwards_with_an_earlier_time_moves_it_back(api, fresh):
    lead, received = fresh
    first = log_contact(api, lead, {"kind": "call", "outcome": "reached",
                                    "at": (received + dt.timedelta(minutes=60)).isoformat()}).json["lead"]
    later = log_contact(api, first, {"kind": "email", "at": (received + dt.timedelta(minutes=80)).isoformat()})
    assert later.status_code == 201 and not later.json["contact"]["first_contact"]
    assert later.json["lead"]["first_contact_at"] == first["first_contact_at"]
    assert later.json["lead"]["version"] == first["version"]          # a later contact leaves the lead as it was
    earlier = log_contact(api, first, {"kind": "sms", "at": (received + dt.timedelta(minutes=10)).isoformat()})
    assert earlier.status_code == 201 and earlier.json["contact"]["first_contact"]
    assert earlier.json["lead"]["time_to_first_contact"] == 10 * 60


def test_a_contact_after_the_deadline_is_recorded_with_the_deadline_missed(api):
    lead = received_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))              # hot: due Friday 5 December
    r = log_contact(api, lead, {"kind": "call", "outcome": "reached", "at": at(VIENNA, 2025, 12, 9, 9, 0).isoformat()})
    assert r.status_code == 201, r.json
    shown = r.json["lead"]
    assert shown["deadline_met"] is False
    assert shown["time_to_first_contact"] == int(dt.timedelta(days=5, hours=23).total_seconds())


def test_a_call_must_say_whether_it_reached_the_person(api, fresh):
    lead, _ = fresh
    r = log_contact(api, lead, {"kind": "call"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "outcome"
    assert contacts_in_log(api, lead["id"]) == []


@pytest.mark.parametrize("body,field", [
    ({"kind": "fax"}, "kind"),
    ({"kind": "call", "outcome": "maybe"}, "outcome"),
    ({"kind": "email", "note": "x" * 2001}, "note"),
    ({"kind": "email", "at": "2999-01-01T10:00:00+01:00"}, "at"),
    ({"kind": "email", "at": "2026-01-01T10:00:00"}, "at"),                 # without a time zone
    ({"kind": "email", "at": "gestern"}, "at"),
    ({"kind": "email", "when": "2026-01-01T10:00:00Z"}, "when"),
])
def test_bad_input_is_refused_at_its_field_and_logs_nothing(api, fresh, body, field):
    lead, _ = fresh
    r = log_contact(api, lead, body)
    assert r.status_code == 422, r.json
    assert r.json["errors"][0]["field"] == field
    assert contacts_in_log(api, lead["id"]) == []


def test_a_contact_before_the_lead_was_received_is_refused_at_its_field(api, fresh):
    lead, received = fresh
    r = log_contact(api, lead, {"kind": "email", "at": (received - dt.timedelta(days=1)).isoformat()})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "at"


@pytest.mark.parametrize("body", [{"kind": "call", "outcome": "reached"}, {"kind": "call", "outcome": "not_reached"}])
def test_a_stale_version_is_refused_and_logs_nothing(api, fresh, body):
    lead, _ = fresh
    edited = api().patch(f"/leads/{lead['id']}", {"remark": "geändert"}, headers={"if-match": f'"{lead["version"]}"'})
    assert edited.status_code == 200
    r = log_contact(api, lead, body)                                    # the version read before the edit
    assert r.status_code == 412 and r.json["current_version"] == lead["version"] + 1
    assert contacts_in_log(api, lead["id"]) == []
    assert api().get(f"/leads/{lead['id']}").json["first_contact_at"] is None


def test_a_lead_changed_between_reading_and_writing_is_not_overwritten(api, fresh, monkeypatch):
    """The write's own version condition: another edit lands after the service read the lead."""
    from chalicelib.services import leads as service
    from chalicelib.store import leads as store
    lead, _ = fresh
    save, edits = store.save_contact, iter(range(10))

    def edit_then_save(item, audit, **kw):
        edited = api().patch(f"/leads/{lead['id']}", {"remark": f"dazwischen {next(edits)}"},
                             headers={"if-match": f'"{item.version}"'})
        assert edited.status_code == 200
        save(item, audit, **kw)
    monkeypatch.setattr(service.store, "save_contact", edit_then_save)
    for body in ({"kind": "call", "outcome": "reached"}, {"kind": "call", "outcome": "not_reached"}):
        current = api().get(f"/leads/{lead['id']}").json
        r = log_contact(api, current, body)
        assert r.status_code == 412, r.json
    assert contacts_in_log(api, lead["id"]) == []
    assert api().get(f"/leads/{lead['id']}").json["first_contact_at"] is None


def test_the_version_is_required(api, fresh):
    lead, _ = fresh
    r = api().post(f"/leads/{lead['id']}/contacts", {"kind": "email"})
    assert r.status_code == 428
    assert api().post(f"/leads/{lead['id']}/contacts", {"kind": "email", "version": lead["version"]}).status_code == 201


def test_a_rep_logs_contacts_on_own_and_pool_leads_but_not_on_a_colleagues(api):
    own = received_lead(api, dt.datetime.now(dt.timezone.utc), assignee="rep-a")
    pool = received_lead(api, dt.datetime.now(dt.timezone.utc))
    colleagues = received_lead(api, dt.datetime.now(dt.timezone.utc), assignee="rep-b")
    assert log_contact(api, own, {"kind": "email"}, role="sales_rep").status_code == 201
    assert log_contact(api, pool, {"kind": "email"}, role="sales_rep").status_code == 201
    assert log_contact(api, colleagues, {"kind": "email"}, role="sales_rep").status_code == 404
    assert contacts_in_log(api, colleagues["id"]) == []


def test_roles_without_lead_contact_may_not_log_one(api, fresh):
    lead, _ = fresh
    assert "contact" not in api("auditor").get(f"/leads/{lead['id']}").json["allowed_actions"]
    assert log_contact(api, lead, {"kind": "email"}, role="auditor").status_code == 403
    assert log_contact(api, lead, {"kind": "email"}, role="integration").status_code == 403
    assert contacts_in_log(api, lead["id"]) == []


def test_another_tenants_lead_looks_absent(api, fresh):
    lead, _ = fresh
    assert log_contact(api, lead, {"kind": "email"}, role="admin", tenant="t2").status_code == 404
    assert contacts_in_log(api, lead["id"]) == []


def test_only_open_leads_take_contacts_and_the_button_shows_only_there(api, fresh):
    lead, _ = fresh
    assert "contact" in lead["allowed_actions"]
    closed = api().patch(f"/leads/{lead['id']}", {"status": "closed"}, headers={"if-match": f'"{lead["version"]}"'}).json
    assert "contact" not in closed["allowed_actions"]
    r = log_contact(api, closed, {"kind": "email"})
    assert r.status_code == 409 and contacts_in_log(api, lead["id"]) == []


def test_a_contact_logged_before_the_conversion_stays_the_first_contact(api, fresh):
    lead, received = fresh
    logged = log_contact(api, lead, {"kind": "call", "outcome": "reached",
                                     "at": (received + dt.timedelta(minutes=5)).isoformat()}).json["lead"]
    converted = convert(api, lead["id"])
    assert converted["first_contact_at"] == logged["first_contact_at"]
    assert converted["time_to_first_contact"] == 5 * 60


def test_escalation_stops_for_a_lead_with_a_first_contact_and_goes_on_for_one_with_attempts_only(api):
    contacted = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0))
    attempted = overdue_lead(api, at(VIENNA, 2025, 12, 3, 10, 0), email="versucht@example.at", phone=None,
                             last_name="Versucht")
    late = at(VIENNA, 2025, 12, 9, 9, 0).isoformat()
    assert log_contact(api, contacted, {"kind": "call", "outcome": "reached", "at": late}).status_code == 201
    assert log_contact(api, attempted, {"kind": "call", "outcome": "not_reached", "at": late}).status_code == 201
    channel = Captured()
    assert sweep(at(VIENNA, 2025, 12, 20, 9, 0), channel).steps == 2       # the attempted lead's two default steps
    assert channel.actions(contacted["id"]) == [] and escalations_in_log(api, contacted["id"]) == []
    assert channel.actions(attempted["id"]) == ["remind_assignee", "notify_managers"]


def test_needs_follow_up_only_without_a_first_contact():
    due, now = "2025-12-05T22:59:59.000000Z", "2025-12-10T00:00:00.000000Z"
    assert needs_follow_up(status="open", due_at=due, first_contact_at=None, now_iso=now)
    assert not needs_follow_up(status="open", due_at=due, first_contact_at="2025-12-09T08:00:00.000000Z", now_iso=now)


@pytest.fixture(autouse=True)
def _no_outbox(monkeypatch):
    """Notifications go to the test's channel, never to a file or a topic of the environment."""
    monkeypatch.delenv("LEADFLOW_OUTBOX", raising=False)
    monkeypatch.delenv("LEADFLOW_NOTIFY_TOPIC_ARN", raising=False)
