"""A lead's deadline counts from when it was received, unless counted so it had passed before
leadflow took the lead in (an old fair list imported today): then from the intake. The list's
overdue view and the escalation sweep follow from the stored deadline."""
import datetime as dt

from chalicelib.domain.deadlines import due_at
from chalicelib.services import escalation
from chalicelib.services.tenants import load_tenant
from chalicelib.store import keys
from chalicelib.store.models import LeadItem
from tests.api.test_escalation import Captured
from tests.api.test_imports import FIXTURES, drop
from tests.conftest import lead_payload


def expected_due(counted_from: dt.datetime | str, qualification: str, tenant: str = "t1") -> str:
    t = load_tenant(tenant)
    moment = keys.parse_iso(counted_from) if isinstance(counted_from, str) else counted_from
    return keys.iso(due_at(moment, qualification, country=t.country, subdivision=t.subdivision,
                           categories=t.holiday_categories, timezone=t.timezone))


def imported_2017_fair_list(bucket, chalice_client) -> list[LeadItem]:
    drop(bucket, chalice_client, "incoming/t1/messe-2017.csv",
         (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes())
    leads = [i for i in LeadItem.scan() if i.tenant == "t1"]
    assert len([lead for lead in leads if lead.received_at < "2018"]) >= 4
    return leads


def test_an_old_fair_list_imported_today_is_due_in_working_days_from_today_not_from_2017(api, bucket, chalice_client):
    leads = imported_2017_fair_list(bucket, chalice_client)
    for lead in leads:
        shown = api().get(f"/leads/{lead.lead_id}").json
        if shown["qualification"] == "junk":
            continue
        assert shown["due_at"] == expected_due(lead.created_at, shown["qualification"])
        assert shown["due_at"] > keys.iso(dt.datetime.now(dt.timezone.utc)) and shown["overdue"] is False
    assert "2017" in {lead.received_at[:4] for lead in leads}             # the leads' own dates kept as given


def test_the_next_escalation_sweep_after_importing_an_old_list_notifies_nobody(api, bucket, chalice_client):
    imported_2017_fair_list(bucket, chalice_client)
    channel = Captured()
    report = escalation.escalate_overdue(now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=15),
                                         channel=channel)
    assert (report.overdue, report.steps, channel.messages) == (0, 0, [])
    assert api().get("/leads", params={"overdue": "true"}).json["items"] == []


def test_a_lead_typed_in_two_days_late_keeps_its_deadline_from_when_it_was_received(api):
    received = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=2)
    r = api().post("/leads", lead_payload(qualification="hot", received_at=received.isoformat()))
    assert r.status_code == 201, r.json
    # Two working days after a day two days ago end today at the earliest: the prospect's wait counts.
    assert r.json["due_at"] == expected_due(received, "hot")
    assert r.json["received_at"] == keys.iso(received)


def test_a_lead_posted_today_with_a_2017_date_is_due_from_today_and_keeps_its_date(api):
    r = api().post("/leads", lead_payload(qualification="hot", received_at="2017-11-10T14:30:00+01:00"))
    assert r.status_code == 201, r.json
    assert r.json["received_at"] == "2017-11-10T13:30:00.000000Z"
    assert r.json["due_at"] == expected_due(r.json["created_at"], "hot") and r.json["overdue"] is False


def test_requalifying_an_old_lead_taken_in_today_counts_the_new_deadline_from_the_intake_too(api):
    c = api()
    lead = c.post("/leads", lead_payload(qualification="cold", received_at="2017-11-10T14:30:00+01:00")).json
    r = c.patch(f"/leads/{lead['id']}", {"qualification": "hot"}, headers={"if-match": '"1"'})
    assert r.status_code == 200, r.json
    assert r.json["due_at"] == expected_due(lead["created_at"], "hot") and r.json["overdue"] is False
    assert c.get("/leads", params={"overdue": "true"}).json["items"] == []


def test_a_hotter_reinquiry_from_the_same_old_list_does_not_make_the_lead_overdue(api):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    assert admin.patch("/tenant", {"version": version, "reinquiry_days": 30}).status_code == 200
    c = api()
    lead = c.post("/leads", lead_payload(qualification="cold", received_at="2017-11-10T14:30:00+01:00")).json
    hot = c.post("/leads", lead_payload(qualification="hot", received_at="2017-11-11T10:00:00+01:00"))
    assert hot.status_code == 200 and hot.json["id"] == lead["id"] and hot.json["qualification"] == "hot"
    assert "2017" < hot.json["due_at"][:4] and hot.json["overdue"] is False
    assert hot.json["due_at"] <= lead["due_at"]                 # never later than the one it had
