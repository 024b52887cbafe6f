"""The consent ledger (issue 15, part 1): every channel's first entries, append-only storage, grants
and withdrawals that take effect at once, who may read and record them, consent carried at
conversion, activities held to it (and the tenant's documented exceptions), sweepstake leads marked."""
import json
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from app import app
from chalicelib.domain.permissions import Caller
from chalicelib.services import consents as consent_service
from chalicelib.services import intake
from chalicelib.services.tenants import load_tenant
from chalicelib.store import consents as consent_store
from chalicelib.store import leads as lead_store
from chalicelib.store.models import ActivityItem, ConsentItem, LeadItem
from tests.conftest import lead_payload, notify_importer, webhook_integration

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SITE = "https://www.autohaus-eins.at"
NOTICE = "Datenschutzhinweis 2026-01"
CONSENT = {"marketing_email": True, "marketing_post": True, "privacy_notice_version": "2026-01",
           "given_at": "2026-11-30T10:00:00Z"}


def ledger(api, kind, entity_id, role="sales_manager", tenant="t1"):
    r = api(role, tenant).get(f"/{kind}s/{entity_id}/consents")
    assert r.status_code == 200, r.json
    return r.json


def record(api, kind, entity_id, *entries, role="sales_manager", tenant="t1"):
    return api(role, tenant).post(f"/{kind}s/{entity_id}/consents", {"entries": list(entries)})


def withdraw(purpose, channel=None, **more):
    return {"purpose": purpose, "channel": channel, "state": "withdrawn", "source": "in_person", **more}


def grant(purpose, channel=None, **more):
    return {"purpose": purpose, "channel": channel, "state": "granted", "source": "in_person", "notice": NOTICE, **more}


def new_lead(api, role="sales_manager", **overrides):
    r = api(role).post("/leads", lead_payload(**overrides))
    assert r.status_code == 201, r.json
    return r.json


def convert(api, lead_id, activity, role="sales_manager", **more):
    token = api(role).get(f"/leads/{lead_id}/duplicates").json["check_token"]
    return api(role).post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": token,
                                                        "activity": activity, **more})


def summary(entries):
    return sorted((e["purpose"], e["channel"], e["state"], e["source"]) for e in entries)


@pytest.fixture
def sweepstake(api):
    r = api("admin").post("/sources", {"name": "Gewinnspiel", "details": ["Sommer 2026"]})
    assert r.status_code == 201, r.json
    return {"source": "Gewinnspiel", "source_detail": "Sommer 2026"}


def tenant_settings(api, **changes):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    r = admin.patch("/tenant", {"version": version, **changes})
    assert r.status_code == 200, r.json
    return r.json


# ---------------------------------------------------------------- every channel's first entries


def test_a_lead_sent_through_the_api_starts_its_ledger_with_each_granted_channel_and_its_dealer_contact(api):
    lead = new_lead(api, consent=CONSENT)
    got = ledger(api, "lead", lead["id"])
    assert summary(got["entries"]) == [("dealer_contact", None, "granted", "api"),
                                       ("marketing", "email", "granted", "api"),
                                       ("marketing", "post", "granted", "api")]
    email = next(e for e in got["entries"] if e["channel"] == "email")
    assert email["notice"] == "2026-01" and email["given_at"].startswith("2026-11-30T10:00:00")
    assert email["at"] == lead["created_at"] and email["actor"] == "manager" and email["lead_id"] == lead["id"]
    assert got["current"] == {"marketing_email": True, "marketing_phone": False, "marketing_sms": False,
                              "marketing_post": True, "dealer_contact": True, "data_transfer": False}
    assert lead["marketing_consent"] is True and lead["sweepstake_without_consent"] is False


def test_a_lead_without_a_consent_section_records_only_its_dealer_contact(api):
    lead = new_lead(api)
    assert summary(ledger(api, "lead", lead["id"])["entries"]) == [("dealer_contact", None, "granted", "api")]
    assert lead["consent"] is None and lead["marketing_consent"] is False


def test_a_web_forms_consent_is_recorded_with_the_servers_time_and_the_address_it_saw(api, bucket, chalice_client):
    hook = webhook_integration(api, "html_form", allowed_origins=[SITE])
    body = (FIXTURES / "webhooks" / "contact-form.urlencoded").read_bytes()
    answer = chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers={
        "content-type": "application/x-www-form-urlencoded", "origin": SITE})
    assert answer.status_code in (201, 303), answer.body
    [item] = [i for i in LeadItem.scan() if i.tenant == "t1"]
    entries = ledger(api, "lead", item.lead_id)["entries"]
    assert summary(entries) == [("dealer_contact", None, "granted", "form"), ("marketing", "email", "granted", "form"),
                                ("marketing", "sms", "granted", "form")]
    sms = next(e for e in entries if e["channel"] == "sms")
    assert sms["ip"] == "127.0.0.1" and sms["notice"] == "2025-03" and sms["at"] == item.created_at
    assert sms["actor"].startswith("webhook:") and sms["role"] == "integration"


def test_an_imported_rows_consent_is_recorded_from_the_file(api, bucket, chalice_client):
    key = "incoming/t1/Vienna Autoshow 2017.csv"
    bucket.put_object(Bucket="leadflow-files", Key=key,
                      Body=(FIXTURES / "imports" / "vienna-autoshow-2017.utf8-bom.csv").read_bytes())
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket="leadflow-files", key=quote_plus(key)))
    [juergen] = [i for i in LeadItem.scan() if i.tenant == "t1" and i.data.get("first_name") == "Jürgen"]
    entries = ledger(api, "lead", juergen.lead_id)["entries"]
    # the row: Einwilligung E-Mail ja, Telefon nein, Post ja, Datenschutzhinweis-Version 2017-01
    assert summary(entries) == [("dealer_contact", None, "granted", "file"), ("marketing", "email", "granted", "file"),
                                ("marketing", "post", "granted", "file")]
    assert {e["notice"] for e in entries} == {"2017-01"} and {e["role"] for e in entries} == {"integration"}


def test_a_new_lead_and_its_first_entries_are_written_together_or_not_at_all(api, monkeypatch):
    caller = Caller("t1", "manager", "sales_manager", "test")
    tenant = load_tenant("t1")
    admitted = intake.admit_person(tenant, intake.LeadInput.model_validate(
        lead_payload(consent=CONSENT), context={"country": "AT", "tenant_kind": "dealer", "problems": []}))
    outcome = intake.build(caller, tenant, admitted, channel="api", now=consent_service._now())
    consent_store.append([outcome.consents[0]])            # an entry with one of the new entries' keys exists
    with pytest.raises(lead_store.WriteConflict):
        intake.store(outcome)
    assert lead_store.get_lead("t1", outcome.item.lead_id) is None
    assert len(consent_store.ledger("t1", "lead", outcome.item.lead_id)) == 1


# ---------------------------------------------------------------- append-only


def test_the_ledger_is_append_only_a_second_write_with_the_same_key_fails(api):
    lead = new_lead(api)
    [entry] = consent_store.ledger("t1", "lead", lead["id"])
    again = consent_store.new_entry("t1", "lead", lead["id"], entry_id=entry.entry_id, at=entry.at,
                                    purpose="dealer_contact", state="withdrawn", source="api", actor="x", role="admin")
    with pytest.raises(consent_store.EntryExistsError):
        consent_store.append([again])
    [still] = consent_store.ledger("t1", "lead", lead["id"])
    assert still.state == "granted" and still.actor == "manager"


def test_no_route_changes_or_deletes_a_ledger_entry():
    methods = {m for path, route in app.routes.items() if "consents" in path for m in route}
    assert methods == {"GET", "POST"}


def test_recording_appends_and_keeps_every_earlier_entry(api):
    lead = new_lead(api, consent=CONSENT)
    assert record(api, "lead", lead["id"], withdraw("marketing", "email")).status_code == 201
    assert record(api, "lead", lead["id"], grant("marketing", "email")).status_code == 201
    emails = [e["state"] for e in ledger(api, "lead", lead["id"])["entries"] if e["channel"] == "email"]
    assert emails == ["granted", "withdrawn", "granted"]


# ---------------------------------------------------------------- recording, effective at once


def test_a_withdrawal_shows_at_once_in_the_leads_consent_and_its_log(api):
    lead = new_lead(api, consent=CONSENT)
    r = record(api, "lead", lead["id"], withdraw("marketing", "email", note="per Telefon"),
               withdraw("marketing", "post"))
    assert r.status_code == 201, r.json
    assert r.json["current"]["marketing_email"] is False and r.json["version"] == lead["version"] + 1
    now = api().get(f"/leads/{lead['id']}").json
    assert now["consent"]["marketing_email"] is False and now["consent"]["marketing_post"] is False
    assert now["marketing_consent"] is False and now["version"] == r.json["version"]
    [entry] = [e for e in api().get(f"/leads/{lead['id']}/log").json["items"] if e["action"] == "consent"]
    assert {c["field"] for c in entry["changes"]} >= {"consent.marketing_email", "consent.marketing_post", "consent"}


def test_a_grant_needs_the_notice_and_marketing_its_channel(api):
    lead = new_lead(api)
    no_notice = record(api, "lead", lead["id"], {**grant("marketing", "phone"), "notice": None})
    no_channel = record(api, "lead", lead["id"], grant("marketing"))
    channel_on_contact = record(api, "lead", lead["id"], withdraw("dealer_contact", "phone"))
    not_ours = record(api, "lead", lead["id"], {**grant("marketing", "sms"), "source": "conversion"})
    assert [r.status_code for r in (no_notice, no_channel, channel_on_contact, not_ours)] == [422] * 4
    assert len(ledger(api, "lead", lead["id"])["entries"]) == 1


def test_editing_consent_through_a_lead_edit_is_refused_naming_the_field_and_the_ledger(api):
    lead = new_lead(api, consent=CONSENT)
    r = api().patch(f"/leads/{lead['id']}", {"consent": {"marketing_email": False}, "version": lead["version"]})
    assert r.status_code == 422
    [error] = r.json["errors"]
    assert error["field"] == "consent" and "/consents" in error["message"]
    after = api().get(f"/leads/{lead['id']}").json
    assert after["consent"]["marketing_email"] is True and after["version"] == lead["version"]
    edited = api().patch(f"/leads/{lead['id']}", {"remark": "neu", "version": lead["version"]})
    assert edited.status_code == 200 and edited.json["consent"] == lead["consent"]     # other edits keep it


def test_a_withdrawal_on_a_converted_lead_reaches_its_customer(api):
    lead = new_lead(api, consent=CONSENT)
    converted = convert(api, lead["id"], {"type": "email"})
    assert converted.status_code == 201, converted.json
    customer_id = converted.json["customer"]["id"]
    assert record(api, "lead", lead["id"], withdraw("marketing", "email")).status_code == 201
    assert ledger(api, "customer", customer_id)["current"]["marketing_email"] is False


# ---------------------------------------------------------------- who may read and record


def test_the_auditor_reads_the_ledger_but_records_nothing(api):
    lead = new_lead(api)
    assert api("auditor").get(f"/leads/{lead['id']}/consents").status_code == 200
    assert record(api, "lead", lead["id"], withdraw("dealer_contact"), role="auditor").status_code == 403
    assert len(ledger(api, "lead", lead["id"])["entries"]) == 1


def test_a_rep_records_on_leads_in_reach_and_another_reps_lead_looks_absent(api):
    theirs = new_lead(api, assignee="rep-b")
    pool = new_lead(api, email="pool@example.at")
    assert record(api, "lead", theirs["id"], withdraw("dealer_contact"), role="sales_rep").status_code == 404
    assert api("sales_rep").get(f"/leads/{theirs['id']}/consents").status_code == 404
    assert record(api, "lead", pool["id"], withdraw("dealer_contact"), role="sales_rep").status_code == 201
    assert ledger(api, "lead", theirs["id"])["current"]["dealer_contact"] is True


def test_an_integration_reads_only_the_ledgers_of_leads_it_sent_and_records_none(api):
    sent = api("integration").post("/leads", lead_payload()).json
    other = new_lead(api, email="other@example.at")
    assert api("integration").get(f"/leads/{sent['id']}/consents").status_code == 200
    assert api("integration").get(f"/leads/{other['id']}/consents").status_code == 404
    assert record(api, "lead", sent["id"], withdraw("dealer_contact"), role="integration").status_code == 403


def test_another_tenant_neither_reads_nor_records_a_ledger(api):
    lead = new_lead(api)
    customer = api().post("/customers", {"last_name": "Kunde", "email": "k@example.at"}).json
    for kind, entity_id in (("lead", lead["id"]), ("customer", customer["id"])):
        assert api("admin", "t2").get(f"/{kind}s/{entity_id}/consents").status_code == 404
        assert record(api, kind, entity_id, withdraw("dealer_contact"), role="admin", tenant="t2").status_code == 404
    assert len(ledger(api, "lead", lead["id"])["entries"]) == 1 and ledger(api, "customer", customer["id"])["entries"] == []


def test_a_customers_ledger_is_recorded_with_customer_write_and_read_with_customer_read(api):
    customer = api().post("/customers", {"last_name": "Kunde", "email": "k@example.at"}).json
    assert record(api, "customer", customer["id"], grant("marketing", "sms"), role="sales_rep").status_code == 201
    assert record(api, "customer", customer["id"], withdraw("marketing", "sms"), role="auditor").status_code == 403
    got = ledger(api, "customer", customer["id"], role="auditor")
    assert summary(got["entries"]) == [("marketing", "sms", "granted", "in_person")]
    [entry] = api().get(f"/customers/{customer['id']}/log").json["items"][:1]
    assert entry["action"] == "consent"


# ---------------------------------------------------------------- conversion and activities


def test_conversion_carries_the_leads_entries_to_the_customer(api):
    lead = new_lead(api, consent=CONSENT)
    before = ledger(api, "lead", lead["id"])["entries"]
    converted = convert(api, lead["id"], {"type": "call"})
    assert converted.status_code == 201, converted.json
    got = ledger(api, "customer", converted.json["customer"]["id"])
    assert summary(got["entries"]) == sorted((p, c, s, "conversion") for p, c, s, _ in summary(before))
    assert {e["lead_id"] for e in got["entries"]} == {lead["id"]}
    assert sorted(e["at"] for e in got["entries"]) == sorted(e["at"] for e in before)      # when it was given
    assert got["current"] == ledger(api, "lead", lead["id"])["current"]
    log = api().get(f"/leads/{lead['id']}/log").json["items"][0]
    assert {"field": "consents_carried", "old": None, "new": 3} in log["changes"]


def test_a_customers_later_withdrawal_outweighs_a_carried_earlier_grant(api):
    lead = new_lead(api, consent=CONSENT)
    customer = api().post("/customers", {"first_name": "Anna", "last_name": "Müller", "email": "anna.mueller@example.at",
                                         "phone": "0664 1234567", "street": "Mariahilfer Straße 12/3/7",
                                         "postal_code": "1070", "city": "Wien"}).json
    assert record(api, "customer", customer["id"], withdraw("marketing", "email")).status_code == 201
    check = api().get(f"/leads/{lead['id']}/duplicates").json
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "keep_customer", "customer_id": customer["id"],
                                                    "check_token": check["check_token"], "activity": {"type": "email"}})
    assert r.status_code == 201, r.json
    current = ledger(api, "customer", customer["id"])["current"]
    assert current["marketing_email"] is False and current["marketing_post"] is True and current["dealer_contact"]


def test_a_withdrawal_blocks_a_call_at_once_naming_the_missing_consent(api):
    lead = new_lead(api)
    assert record(api, "lead", lead["id"], withdraw("dealer_contact")).status_code == 201
    r = convert(api, lead["id"], {"type": "call"})
    assert r.status_code == 409
    assert r.json["missing_consent"] == {"activity_type": "call", "channel": "phone",
                                         "needs_one_of": ["marketing_phone", "dealer_contact"]}
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open" and ActivityItem.count() == 0
    assert convert(api, lead["id"], {"type": "test_drive"}).status_code == 201      # needs no channel's consent


def test_a_phone_marketing_grant_allows_the_call_again(api):
    lead = new_lead(api)
    record(api, "lead", lead["id"], withdraw("dealer_contact"))
    assert record(api, "lead", lead["id"], grant("marketing", "phone")).status_code == 201
    assert convert(api, lead["id"], {"type": "call"}).status_code == 201


def test_the_conversions_follow_up_works_for_a_lead_that_asked_to_be_contacted(api):
    lead = new_lead(api)          # no marketing consent at all: the inquiry's dealer contact allows it
    for activity in ("call", "email", "letter"):
        assert activity in api().get("/tenant").json["consent_channels"]
    assert convert(api, lead["id"], {"type": "call"}).status_code == 201


def test_a_sweepstake_lead_without_consent_is_not_called_unless_the_tenant_allows_a_documented_exception(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    refused = convert(api, lead["id"], {"type": "call"})
    assert refused.status_code == 409 and refused.json["missing_consent"]["channel"] == "phone"
    off = convert(api, lead["id"], {"type": "call", "consent_exception": "Rückruf am Stand ausdrücklich erbeten"})
    assert off.status_code == 422 and off.json["errors"][0]["field"] == "activity.consent_exception"
    assert tenant_settings(api, consent_exceptions=True)["consent_exceptions"] is True
    still = convert(api, lead["id"], {"type": "call"})
    assert still.status_code == 409                                   # the setting alone allows nothing
    allowed = convert(api, lead["id"], {"type": "call", "consent_exception": "Rückruf am Stand ausdrücklich erbeten"})
    assert allowed.status_code == 201, allowed.json
    exception = allowed.json["activity"]["consent_exception"]
    assert exception["reason"] == "Rückruf am Stand ausdrücklich erbeten" and exception["channel"] == "phone"
    assert exception["by"] == "manager"
    [stored] = list(ActivityItem.scan())
    assert stored.consent_exception["reason"] == exception["reason"]
    log = api().get(f"/leads/{lead['id']}/log").json["items"][0]
    [audited] = [c for c in log["changes"] if c["field"] == "consent_exception"]
    assert audited["new"]["reason"] == exception["reason"] and audited["new"]["activity_id"] == stored.activity_id


def test_an_exception_where_consent_was_given_is_refused(api):
    lead = new_lead(api)
    r = convert(api, lead["id"], {"type": "call", "consent_exception": "sicher ist sicher"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "activity.consent_exception"


def test_a_tenant_setting_makes_its_own_activity_type_need_consent(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    assert convert(api, lead["id"], {"type": "brochure_dispatch"}).status_code == 201     # by default: no channel
    other = new_lead(api, email="zweite@example.at", **sweepstake)
    assert api().get("/tenant").json["consent_exceptions"] is False
    shown = tenant_settings(api, consent_channels={"brochure_dispatch": "post", "call": "email"})["consent_channels"]
    assert shown["brochure_dispatch"] == "post" and shown["call"] == "phone"       # it adds, never takes away
    r = convert(api, other["id"], {"type": "brochure_dispatch"})
    assert r.status_code == 409 and r.json["missing_consent"]["channel"] == "post"
    version = api("admin").get("/tenant").json["version"]
    refused = api("admin").patch("/tenant", {"version": version, "consent_channels": {"call": None}})
    assert refused.status_code == 422 and refused.json["errors"][0]["field"].startswith("consent_channels")


# ---------------------------------------------------------------- logged contacts


def log_contact(api, lead, body, role="sales_manager"):
    version = api(role).get(f"/leads/{lead['id']}").json["version"]
    return api(role).post(f"/leads/{lead['id']}/contacts", body, headers={"if-match": f'"{version}"'})


def contacts_logged(api, lead_id):
    entries = api().get(f"/leads/{lead_id}/log?page_size=100").json["items"]
    return [c["new"] for e in entries if e["action"] == "contact" for c in e["changes"] if c["field"] == "contact"]


def test_logging_an_outgoing_call_to_a_sweepstake_lead_without_consent_is_refused_as_its_conversion_is(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    converting = convert(api, lead["id"], {"type": "call"})
    logging = log_contact(api, lead, {"kind": "call", "outcome": "reached"})
    assert converting.status_code == logging.status_code == 409
    assert logging.json["type"] == converting.json["type"]
    assert logging.json["missing_consent"] == converting.json["missing_consent"] == {
        "activity_type": "call", "channel": "phone", "needs_one_of": ["marketing_phone", "dealer_contact"]}
    assert "marketing_phone" in logging.json["detail"] and "dealer_contact" in logging.json["detail"]
    email = log_contact(api, lead, {"kind": "email"})
    assert email.status_code == 409 and email.json["missing_consent"]["channel"] == "email"
    shown = api().get(f"/leads/{lead['id']}").json
    assert shown["version"] == lead["version"] and shown["first_contact_at"] is None
    assert contacts_logged(api, lead["id"]) == []


def test_a_meeting_or_a_contact_the_person_consented_to_is_logged_on_a_sweepstake_lead(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    assert log_contact(api, lead, {"kind": "meeting"}).status_code == 201       # reaches nobody by a channel
    assert record(api, "lead", lead["id"], grant("marketing", "phone")).status_code == 201
    assert log_contact(api, lead, {"kind": "call", "outcome": "reached"}).status_code == 201
    assert log_contact(api, lead, {"kind": "sms"}).status_code == 409            # phone marketing is not sms


def test_an_inbound_call_from_a_sweepstake_lead_without_consent_is_logged_and_is_the_first_contact(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    r = log_contact(api, lead, {"kind": "call", "direction": "inbound", "outcome": "reached",
                                "note": "ruft selbst wegen der Probefahrt an"})
    assert r.status_code == 201, r.json
    assert r.json["contact"]["direction"] == "inbound" and r.json["contact"]["first_contact"]
    [logged] = contacts_logged(api, lead["id"])
    assert logged["direction"] == "inbound" and "consent_exception" not in logged


def test_an_inbound_email_is_logged_but_is_not_the_dealers_first_contact(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    r = log_contact(api, lead, {"kind": "email", "direction": "inbound"})
    assert r.status_code == 201, r.json
    assert r.json["contact"]["reached"] is False and r.json["lead"]["first_contact_at"] is None


def test_an_inbound_contact_with_a_consent_exception_is_refused_naming_the_field(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    r = log_contact(api, lead, {"kind": "call", "direction": "inbound", "outcome": "reached",
                                "consent_exception": "ruft selbst an"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "consent_exception"


def test_an_outgoing_call_is_logged_under_the_tenants_documented_exception_and_kept_in_the_log(api, sweepstake):
    lead = new_lead(api, **sweepstake)
    body = {"kind": "call", "outcome": "reached", "consent_exception": "Rückruf am Stand ausdrücklich erbeten"}
    off = log_contact(api, lead, body)
    assert off.status_code == 422 and off.json["errors"][0]["field"] == "consent_exception"
    tenant_settings(api, consent_exceptions=True)
    assert log_contact(api, lead, {"kind": "call", "outcome": "reached"}).status_code == 409
    allowed = log_contact(api, lead, body)
    assert allowed.status_code == 201, allowed.json
    assert allowed.json["contact"]["consent_exception"]["reason"] == body["consent_exception"]
    [logged] = contacts_logged(api, lead["id"])
    assert logged["consent_exception"] == {"channel": "phone", "missing": ["marketing_phone", "dealer_contact"],
                                           "reason": body["consent_exception"]}


def test_a_withdrawal_of_dealer_contact_blocks_logging_a_call_on_an_inquiry(api):
    lead = new_lead(api)
    assert log_contact(api, lead, {"kind": "call", "outcome": "not_reached"}).status_code == 201
    record(api, "lead", lead["id"], withdraw("dealer_contact"))
    assert log_contact(api, lead, {"kind": "call", "outcome": "reached"}).status_code == 409


# ---------------------------------------------------------------- sweepstake leads


def test_a_sweepstake_lead_without_marketing_consent_is_marked_in_the_lead_and_the_list(api, sweepstake):
    marked = new_lead(api, **sweepstake)
    consented = new_lead(api, email="ja@example.at", consent=CONSENT, **sweepstake)
    plain = new_lead(api, email="messe@example.at")
    assert (marked["sweepstake_without_consent"], marked["marketing_consent"]) == (True, False)
    assert consented["sweepstake_without_consent"] is False and plain["sweepstake_without_consent"] is False
    assert summary(ledger(api, "lead", marked["id"])["entries"]) == []            # a prize draw asks for no call
    listed = {i["id"]: i["sweepstake_without_consent"] for i in api().get("/leads").json["items"]}
    assert listed == {marked["id"]: True, consented["id"]: False, plain["id"]: False}
    filtered = api().get("/leads", params={"sweepstake_without_consent": "true"}).json["items"]
    assert [i["id"] for i in filtered] == [marked["id"]]
    found = api().get("/leads", params={"sweepstake_without_consent": "true", "q": marked["last_name"]}).json
    assert [i["id"] for i in found["items"]] == [marked["id"]]                    # the search filters alike
    record(api, "lead", marked["id"], grant("marketing", "email"))
    assert api().get(f"/leads/{marked['id']}").json["sweepstake_without_consent"] is False
    assert api().get("/leads", params={"sweepstake_without_consent": "true"}).json["items"] == []


# ---------------------------------------------------------------- for the erasure


def test_delete_ledger_removes_a_persons_entries_and_counts_them(api):
    lead = new_lead(api, consent=CONSENT)
    other = new_lead(api, email="andere@example.at")
    assert consent_store.delete_ledger("t1", "lead", lead["id"]) == 3
    assert ledger(api, "lead", lead["id"])["entries"] == []
    assert len(ledger(api, "lead", other["id"])["entries"]) == 1
    assert {i.pk for i in ConsentItem.scan()} == {f"t1#lead#{other['id']}"}


def test_a_ledger_entry_names_no_more_than_the_registry_classifies(api):
    from chalicelib.domain.personal_data import MODELS
    lead = new_lead(api, consent=CONSENT)
    [item] = [i for i in ConsentItem.scan() if i.purpose == "marketing" and i.channel == "email"
              and i.pk.endswith(lead["id"])]
    assert set(json.loads(json.dumps(item.serialize()))) <= set(MODELS["ConsentItem"])


# ---------------------------------------------------------------- re-inquiries and forwarding


def test_a_re_inquirys_marketing_grant_is_appended_to_the_open_lead(api):
    tenant_settings(api, reinquiry_days=30)
    first = new_lead(api)
    again = api().post("/leads", lead_payload(consent={"marketing_phone": True, "privacy_notice_version": "2026-02"}))
    assert again.status_code == 200 and again.json["reinquiry_of"] == first["id"], again.json
    got = ledger(api, "lead", first["id"])
    assert summary(got["entries"]) == [("dealer_contact", None, "granted", "api"), ("marketing", "phone", "granted", "api")]
    assert got["current"]["marketing_phone"] is True
    lead = api().get(f"/leads/{first['id']}").json
    assert lead["consent"]["marketing_phone"] is True and lead["consent"]["privacy_notice_version"] == "2026-02"


def test_an_importers_lead_asking_for_a_dealer_records_the_transfer_and_the_dealers_copy_its_dealer_contact(api):
    from tests.api.test_forwarding import dealer_copy, forward, importer_lead, link
    link(api)
    lead = importer_lead(api, consent={"marketing_email": True, "privacy_notice_version": "2026-01"})
    assert summary(ledger(api, "lead", lead["id"], tenant="t2")["entries"]) == [
        ("data_transfer", None, "granted", "api"), ("dealer_contact", None, "granted", "api"),
        ("marketing", "email", "granted", "api")]
    assert forward(api, lead["id"], "t1").status_code == 200
    copy = dealer_copy("t1")
    got = ledger(api, "lead", copy.lead_id, tenant="t1")
    # marketing consent stays with the importer it was given to; the dealer may answer the inquiry
    assert summary(got["entries"]) == [("dealer_contact", None, "granted", "forwarding")]
    assert got["current"]["marketing_email"] is False and got["entries"][0]["role"] == "system"


# ---------------------------------------------------------------- the documented answers


def test_the_ledger_lead_and_export_answers_fit_their_documented_models(api):
    from chalicelib.api import responses
    lead = new_lead(api, consent=CONSENT)
    got = ledger(api, "lead", lead["id"])
    responses.ConsentLedger.model_validate(got)
    assert set(got) <= set(responses.ConsentLedger.model_fields)
    assert all(set(e) == set(responses.ConsentEntry.model_fields) for e in got["entries"])
    assert {"marketing_consent", "sweepstake_without_consent"} <= set(responses.Lead.model_fields) & set(lead)
    exported = api("admin").post("/privacy/access", {"lead_id": lead["id"]}).json["consents"]
    for entry in exported:
        responses.ConsentRecord.model_validate(entry)
        assert set(entry) == set(responses.ConsentRecord.model_fields)
    schemas = api().get("/openapi.json").json["components"]["schemas"]
    assert {"ConsentLedger", "ConsentEntry", "ConsentRecording"} <= set(schemas)


def test_a_refused_entry_is_named_by_its_field(api):
    lead = new_lead(api)
    r = record(api, "lead", lead["id"], withdraw("dealer_contact"), {**grant("marketing", "phone"), "notice": ""})
    assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == ["entries.1.notice"]
    r = record(api, "lead", lead["id"], grant("marketing"))
    assert [e["field"] for e in r.json["errors"]] == ["entries.0.channel"]


def test_an_edit_made_while_consent_is_recorded_is_kept_and_the_consent_recorded(api, monkeypatch):
    lead = new_lead(api, consent=CONSENT)
    real = consent_store.append_with_lead
    calls = []

    def edit_first(*args, **kwargs):
        if not calls:            # between the read and the write, someone edits the lead
            calls.append(api().patch(f"/leads/{lead['id']}", {"remark": "meanwhile", "version": lead["version"]}))
        return real(*args, **kwargs)
    monkeypatch.setattr(consent_store, "append_with_lead", edit_first)
    r = record(api, "lead", lead["id"], withdraw("marketing", "email"))
    assert calls[0].status_code == 200 and r.status_code == 201, r.json
    after = api().get(f"/leads/{lead['id']}").json
    assert after["remark"] == "meanwhile" and after["consent"]["marketing_email"] is False
    assert after["version"] == lead["version"] + 2
    assert [e["state"] for e in ledger(api, "lead", lead["id"])["entries"] if e["channel"] == "email"] == [
        "granted", "withdrawn"]                                   # the retry wrote its entry once


def test_the_entries_of_one_request_take_effect_in_the_order_sent(api):
    lead = new_lead(api)
    changes = [grant("marketing", "email"), withdraw("marketing", "email")] * 5
    r = record(api, "lead", lead["id"], *changes)
    assert r.status_code == 201 and r.json["current"]["marketing_email"] is False
    assert [e["state"] for e in r.json["entries"] if e["channel"] == "email"] == ["granted", "withdrawn"] * 5
    r = record(api, "lead", lead["id"], *changes[1:], grant("marketing", "email"))
    assert r.json["current"]["marketing_email"] is True
