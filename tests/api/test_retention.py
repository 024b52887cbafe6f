"""Retention (issue 15, part 4): per tenant, unconverted leads after N months, junk after M months,
raw payloads after K days and error reports after L days go; converted, recent and held leads stay;
the preview shows exactly what the next run removes; the legal hold and the preview are admins'.

Times are injected (the run's `now`, the preview's clock), never slept for: leads are sent with a
received_at in the past, S3 objects are judged by their LastModified against a run days ahead."""
import datetime as dt

import pytest

from chalicelib.domain import retention as rules
from chalicelib.domain.permissions import Caller
from chalicelib.services import retention
from chalicelib.store import audit as audit_store
from chalicelib.store import keys
from chalicelib.store.models import ImportItem, LeadItem
from tests.conftest import lead_payload

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
ADMIN = Caller("t1", "admin", "admin", "test")


def days_ago(days: int) -> str:
    return (NOW - dt.timedelta(days=days)).isoformat()


def send(api, name: str, received_days_ago: int, tenant: str = "t1", taken_in_then: bool = True, **fields) -> dict:
    payload = lead_payload(last_name=name, email=f"{name.lower()}@example.at", phone=None,
                           received_at=days_ago(received_days_ago), **fields)
    created = api("sales_manager", tenant).post("/leads", payload)
    assert created.status_code == 201, created.json
    if taken_in_then:
        # Taken into leadflow when it came (not imported from an old file today).
        item = LeadItem.get(keys.lead_pk(tenant, created.json["id"]))
        item.update(actions=[LeadItem.created_at.set(keys.iso(NOW - dt.timedelta(days=received_days_ago)))])
    return api("sales_manager", tenant).get(f"/leads/{created.json['id']}").json


def convert(api, lead_id: str) -> None:
    manager = api("sales_manager")
    token = manager.get(f"/leads/{lead_id}/duplicates").json["check_token"]
    done = manager.post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": token,
                                                      "activity": {"type": "call"}})
    assert done.status_code == 201, done.json


def hold(api, lead: dict, *, reason: str | None = "Rechtsstreit Az. 4 C 12/26", on: bool = True, role: str = "admin",
         version: int | None = None):
    body = {"hold": on, **({"reason": reason} if reason is not None else {})}
    current = version if version is not None else api("admin").get(f"/leads/{lead['id']}").json["version"]
    return api(role).request("PUT", f"/leads/{lead['id']}/legal-hold", json_body=body,
                             headers={"if-match": f'"{current}"'})


def exists(tenant: str, lead_id: str) -> bool:
    return LeadItem.count(keys.lead_pk(tenant, lead_id)) == 1


def preview_ids(preview: dict, rule: str) -> set[str]:
    return {lead["id"] for lead in preview["leads"][rule]["first"]}


@pytest.fixture
def clock(monkeypatch):
    """The preview's clock (the API asks the service for now)."""
    monkeypatch.setattr(retention, "_now", lambda: NOW)
    return NOW


@pytest.fixture
def leads(api, bucket):
    """t1's leads of every kind the rules tell apart (received days ago)."""
    made = {
        "old_open": send(api, "Altoffen", 400),
        "old_closed": send(api, "Altzu", 380),
        "old_converted": send(api, "Altkunde", 420),
        "recent": send(api, "Neu", 200),
        "old_junk": send(api, "Altmuell", 120, qualification="junk"),
        "young_junk": send(api, "Jungmuell", 60, qualification="junk"),
        "old_cold": send(api, "Altkalt", 120, qualification="cold"),
        "held": send(api, "Gehalten", 500),
    }
    convert(api, made["old_converted"]["id"])
    manager = api("sales_manager")
    closed = manager.patch(f"/leads/{made['old_closed']['id']}", {"status": "closed"},
                           headers={"if-match": f'"{made["old_closed"]["version"]}"'})
    assert closed.status_code == 200, closed.json
    assert hold(api, made["held"]).status_code == 200
    return made


# ---------------------------------------------------------------- what goes and what stays


def test_the_preview_lists_exactly_what_the_next_run_removes(api, leads, clock):
    answer = api("admin").get("/privacy/retention")
    assert answer.status_code == 200, answer.json
    preview = answer.json
    assert preview["next_run_at"] == keys.iso(rules.next_run(NOW))
    shown = preview_ids(preview, rules.UNCONVERTED) | preview_ids(preview, rules.JUNK)
    assert shown == {leads[n]["id"] for n in ("old_open", "old_closed", "old_junk")}
    assert preview["leads"][rules.JUNK]["count"] == 1 and preview["leads"][rules.UNCONVERTED]["count"] == 2
    assert all(lead["why"] and lead["received_at"] for lead in preview["leads"][rules.UNCONVERTED]["first"])

    counts = retention.apply_tenant("t1", now=keys.parse_iso(preview["next_run_at"]))
    gone = {name for name, lead in leads.items() if not exists("t1", lead["id"])}
    assert gone == {"old_open", "old_closed", "old_junk"}
    assert counts[rules.UNCONVERTED] == 2 and counts[rules.JUNK] == 1
    after = api("admin").get("/privacy/retention").json
    assert after["leads"][rules.UNCONVERTED]["count"] == after["leads"][rules.JUNK]["count"] == 0
    assert after["last_run"]["counts"][rules.UNCONVERTED] == 2


def test_old_unconverted_leads_go_while_converted_and_recent_ones_stay(api, leads):
    retention.apply_tenant("t1", now=NOW)
    assert not exists("t1", leads["old_open"]["id"]) and not exists("t1", leads["old_closed"]["id"])
    for name in ("old_converted", "recent"):
        assert api("sales_manager").get(f"/leads/{leads[name]['id']}").status_code == 200, name
    entries, _ = audit_store.read("t1", "privacy", "erasures", limit=10, start=None)
    assert entries and {(e.actor, e.channel) for e in entries} == {("retention", "schedule")}   # the run's, not the API's


def test_a_junk_lead_goes_after_its_months_and_not_before(api, leads):
    retention.apply_tenant("t1", now=NOW)
    assert not exists("t1", leads["old_junk"]["id"])
    assert exists("t1", leads["young_junk"]["id"]) and exists("t1", leads["old_cold"]["id"])
    retention.apply_tenant("t1", now=NOW + dt.timedelta(days=40))      # now the young one is 100 days old
    assert not exists("t1", leads["young_junk"]["id"])
    assert exists("t1", leads["old_cold"]["id"])


def test_a_held_lead_is_kept_until_its_hold_is_released(api, leads, clock):
    held = leads["held"]
    preview = api("admin").get("/privacy/retention").json
    assert held["id"] not in preview_ids(preview, rules.UNCONVERTED)
    assert {k["id"]: k["why"] for k in preview["kept"]["first"]}[held["id"]].startswith("legal hold: Rechtsstreit")
    assert preview["kept"]["held"] == 1
    retention.apply_tenant("t1", now=NOW)
    lead = api("admin").get(f"/leads/{held['id']}").json
    assert lead["legal_hold"]["reason"] == "Rechtsstreit Az. 4 C 12/26" and lead["legal_hold"]["by"] == "admin"
    assert "delete" not in lead["allowed_actions"]                   # nobody deletes a held lead
    assert api("admin").delete(f"/leads/{held['id']}", headers={"if-match": f'"{lead["version"]}"'}).status_code == 409
    bulk = api("admin").post("/leads/bulk-delete", {"lead_ids": [held["id"]]}).json
    assert bulk["results"][0]["result"] == "conflict" and exists("t1", held["id"])
    assert {e["action"] for e in api("admin").get(f"/leads/{held['id']}/log").json["items"]} >= {"legal_hold"}

    released = hold(api, held, on=False, reason="Verfahren beendet")
    assert released.status_code == 200 and released.json["legal_hold"] is None
    assert released.json["version"] == lead["version"] + 1
    retention.apply_tenant("t1", now=NOW)
    assert not exists("t1", held["id"])


def test_each_tenant_keeps_its_own_months_and_a_run_leaves_other_tenants_alone(api, bucket):
    admin = api("admin")
    changed = admin.patch("/tenant", {"version": admin.get("/tenant").json["version"],
                                      "retention": {"unconverted_lead_months": 6}})
    assert changed.status_code == 200, changed.json
    assert changed.json["retention"] == {**rules.DEFAULTS, "unconverted_lead_months": 6}
    mine, theirs = send(api, "Achtmonate", 240), send(api, "Achtmonate", 240, tenant="t2")
    their_old = send(api, "Uralt", 400, tenant="t2")
    retention.apply_tenant("t1", now=NOW)
    assert not exists("t1", mine["id"])
    assert exists("t2", theirs["id"]) and exists("t2", their_old["id"])      # t1's run: t2 untouched
    retention.apply_retention(now=NOW)                                       # every tenant, each by its settings
    assert exists("t2", theirs["id"]) and not exists("t2", their_old["id"])


def test_a_run_is_bounded_goes_on_where_it_stopped_and_is_safe_to_run_twice(api, bucket, monkeypatch, clock):
    monkeypatch.setattr(retention, "LEADS_PER_RUN", 2)
    old = [send(api, f"Alt{n}", 400 + n) for n in range(3)]
    preview = api("admin").get("/privacy/retention").json["leads"][rules.UNCONVERTED]
    assert preview["count"] == 2 and preview["more"] is True
    retention.apply_tenant("t1", now=NOW)
    assert sum(exists("t1", lead["id"]) for lead in old) == 1
    retention.apply_tenant("t1", now=NOW)
    retention.apply_tenant("t1", now=NOW)
    assert not any(exists("t1", lead["id"]) for lead in old)
    assert api("admin").get("/privacy/retention").json["leads"][rules.UNCONVERTED] | {"first": []} == {
        **preview, "count": 0, "more": False, "first": []}


# ---------------------------------------------------------------- objects in the bucket


def test_raw_payloads_and_reports_older_than_their_days_go_with_every_version(api, bucket):
    bucket.put_bucket_versioning(Bucket="leadflow-files", VersioningConfiguration={"Status": "Enabled"})
    admin = api("admin")
    admin.patch("/tenant", {"version": admin.get("/tenant").json["version"],
                            "retention": {"raw_payload_days": 40, "import_report_days": 60}})
    mine = keys.raw_payload_key("t1", "hook", "abc", "json")
    theirs = keys.raw_payload_key("t2", "hook", "abc", "json")
    report = keys.report_key("t1", "01IMPORT0000000000000000AA")
    for key in (mine, mine, theirs, theirs, report, report):         # twice: two versions
        bucket.put_object(Bucket="leadflow-files", Key=key, Body=b'{"nachname": "Roh"}')
    bucket.delete_object(Bucket="leadflow-files", Key=report)        # a delete marker on top
    ImportItem(keys.import_pk("t1", "01IMPORT0000000000000000AA"), tenant="t1",
               import_id="01IMPORT0000000000000000AA", report_key=report).save()

    def versions(key):
        listed = bucket.list_object_versions(Bucket="leadflow-files", Prefix=key)
        return len(listed.get("Versions", [])) + len(listed.get("DeleteMarkers", []))

    retention.apply_tenant("t1", now=NOW + dt.timedelta(days=39))
    assert (versions(mine), versions(report)) == (2, 3)
    # The preview is of the next scheduled run after `now`: counted from when the objects were
    # written, not from NOW (a suite collected before the run's hour and run after it saw none).
    written = dt.datetime.now(dt.timezone.utc)
    preview = retention.preview(ADMIN, now=written + dt.timedelta(days=40))["objects"]
    assert preview[rules.RAW_PAYLOADS]["versions"] == 2 and preview[rules.IMPORT_REPORTS]["versions"] == 0
    retention.apply_tenant("t1", now=NOW + dt.timedelta(days=41))
    assert (versions(mine), versions(theirs), versions(report)) == (0, 2, 3)
    retention.apply_tenant("t1", now=NOW + dt.timedelta(days=61))
    assert versions(report) == 0
    assert ImportItem.get(keys.import_pk("t1", "01IMPORT0000000000000000AA")).report_key is None
    assert versions(theirs) == 2                                     # t2's, by t2's run only


# ---------------------------------------------------------------- guards


def test_only_admins_see_the_preview_and_put_a_hold(api, leads):
    assert api("sales_manager").get("/privacy/retention").status_code == 403
    assert api("auditor").get("/privacy/retention").status_code == 403
    refused = hold(api, leads["old_open"], role="sales_manager")
    assert refused.status_code == 403
    assert api("admin").get(f"/leads/{leads['old_open']['id']}").json["legal_hold"] is None


def test_an_old_fair_list_imported_today_is_todays_work_and_stays(api, leads, clock):
    imported = send(api, "Messe", 400, taken_in_then=False)          # received 400 days ago, taken in now
    contacted = send(api, "Angerufen", 400)
    LeadItem.get(keys.lead_pk("t1", contacted["id"])).update(
        actions=[LeadItem.first_contact_at.set(keys.iso(NOW - dt.timedelta(days=3)))])
    preview = api("admin").get("/privacy/retention").json
    assert not {imported["id"], contacted["id"]} & preview_ids(preview, rules.UNCONVERTED)
    retention.apply_retention(now=NOW + dt.timedelta(hours=1))
    assert exists("t1", imported["id"]) and exists("t1", contacted["id"])
    assert not exists("t1", leads["old_open"]["id"])


def test_a_hold_on_a_stale_version_is_refused_with_412(api, leads):
    lead = leads["old_open"]
    stale = hold(api, lead, version=lead["version"] - 1 if lead["version"] > 1 else lead["version"] + 5)
    assert stale.status_code == 412
    assert api("admin").get(f"/leads/{lead['id']}").json["legal_hold"] is None
    unversioned = api("admin").request("PUT", f"/leads/{lead['id']}/legal-hold", json_body={"hold": False})
    assert unversioned.status_code == 428


def test_a_hold_without_a_reason_is_refused_at_reason(api, leads):
    refused = hold(api, leads["old_open"], reason=None)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json["errors"]] == ["reason"]


def test_the_tenants_retention_is_validated_field_by_field(api, bucket, monkeypatch):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    for retention_setting, field in (({"junk_months": 0}, "retention.junk_months"),
                                     ({"raw_payload_days": 91}, "retention.raw_payload_days"),
                                     ({"keep_forever": True}, "retention.keep_forever")):
        refused = admin.patch("/tenant", {"version": version, "retention": retention_setting})
        assert refused.status_code == 422, retention_setting
        assert [e["field"] for e in refused.json["errors"]] == [field]
    monkeypatch.setenv("LEADFLOW_REPORT_LIFECYCLE_DAYS", "30")       # a stack whose bucket keeps reports 30 days
    refused = admin.patch("/tenant", {"version": version, "retention": {"import_report_days": 31}})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json["errors"]] == ["retention.import_report_days"]
    assert admin.get("/tenant").json["retention"] == rules.DEFAULTS


# ---------------------------------------------------------------- the schedule


def test_the_run_is_scheduled_daily_at_the_time_the_preview_names():
    from app import app
    [source] = [s for s in app.event_sources if getattr(s, "name", None) == "apply_retention"]
    assert source.schedule_expression.to_string() == f"cron({rules.RUN_MINUTE} {rules.RUN_HOUR} * * ? *)"
    assert rules.next_run(dt.datetime(2026, 3, 1, 2, 29, tzinfo=dt.timezone.utc)).day == 1
    assert rules.next_run(dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.timezone.utc)).day == 2


@pytest.mark.parametrize("facts, goes, why", [
    ({"status": "open"}, True, "not converted (open)"),
    ({"status": "converted"}, False, "converted"),
    ({"status": "forwarded", "converted_at_dealer": True}, False, "converted by the dealer"),
    ({"status": "open", "legal_hold": {"reason": "Prüfung"}}, False, "legal hold: Prüfung"),
    ({"status": "open", "last_touch_at": "2026-11-01T00:00:00.000000Z"}, False, "the person asked again"),
    ({"status": "open", "received_at": "2026-11-01T00:00:00.000000Z"}, False, "received within the period"),
])
def test_an_old_lead_goes_unless_it_was_converted_is_held_or_the_person_asked_again(facts, goes, why):
    cut = rules.cutoffs(rules.settings_of(None), dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.timezone.utc))
    lead = rules.LeadFacts(**{"qualification": "warm", "received_at": "2025-10-01T00:00:00.000000Z", **facts})
    verdict = rules.verdict(rules.UNCONVERTED, lead, cut, keys.iso)
    assert verdict[0] is goes and verdict[1].startswith(why)


def test_months_are_calendar_months():
    at = dt.datetime(2026, 3, 31, 2, 30, tzinfo=dt.timezone.utc)
    assert rules.months_before(at, 1) == dt.datetime(2026, 2, 28, 2, 30, tzinfo=dt.timezone.utc)
    assert rules.months_before(at, 12) == dt.datetime(2025, 3, 31, 2, 30, tzinfo=dt.timezone.utc)
    assert rules.months_before(dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc), 13).date() == dt.date(2024, 12, 15)
