"""POST /privacy/access: everything leadflow holds about one person of a tenant, as one document
(DSGVO/GDPR Art. 15); admins alone; audited without the person's values."""
import json
import time

import pytest

from chalicelib.api.responses import AccessExport
from chalicelib.domain.webhook_signatures import webhook_headers
from chalicelib.store import audit as audit_store
from tests.conftest import drop_file, import_of, lead_payload

ANNA = "anna.mueller@example.at"
FAIR_CSV = ("Nachname;Vorname;Telefon;E-Mail;PLZ;Ort;Probefahrt;Qualifizierung;Lead-Herkunft;Bemerkung\r\n"
            "Gruber;Sepp;0664 5550001;sepp.gruber@example.at;1010;Wien;ja;Warm;Vienna Autoshow;Stand 4\r\n"
            "Wallner;Resi;0664 5550002;resi.wallner@example.at;8010;Graz;vielleicht;Warm;Vienna Autoshow;\r\n")


def export(api, role="admin", tenant="t1", **body):
    """The export's answer; a 200 is checked against its model in /openapi.json (what the workspace reads)."""
    r = api(role, tenant).post("/privacy/access", body)
    if r.status_code == 200:
        AccessExport.model_validate(r.json)
    return r


def privacy_log(tenant="t1") -> list[dict]:
    entries, _ = audit_store.read(tenant, "privacy", "exports", limit=50, start=None)
    return [audit_store.view(e) for e in entries]


def website_hook(api) -> dict:
    return api("admin").post("/integrations", {"name": "Website", "format": "generic", "default_source": "Website"}).json


def convert(api, lead_id: str) -> dict:
    token = api().get(f"/leads/{lead_id}/duplicates").json["check_token"]
    converted = api().post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": token,
                                                         "activity": {"type": "call", "notes": "Golf GTI"}})
    assert converted.status_code == 201, converted.json
    return converted.json


# ---------------------------------------------------------------- finding the person


def test_an_admin_exports_every_lead_of_a_person_found_by_email_with_its_audit_log(api):
    ids = [api().post("/leads", lead_payload(remark=f"Anfrage {n}")).json["id"] for n in range(2)]
    api().post("/leads", lead_payload(first_name="Berta", last_name="Huber", email="berta.huber@example.at",
                                      phone="0664 7777777"))
    r = export(api, email="Anna.Mueller@Example.AT")
    assert r.status_code == 200, r.json
    doc = r.json
    assert doc["subject"] == {"email": ANNA}
    assert doc["tenant"]["id"] == "t1" and doc["generated_at"]
    assert sorted(lead["id"] for lead in doc["leads"]) == sorted(ids)
    assert {lead["last_name"] for lead in doc["leads"]} == {"Müller"}
    assert all(lead["audit"][0]["action"] == "created" for lead in doc["leads"])
    # consents: each inquiry's dealer_contact grant (domain/consents.py)
    assert doc["counts"] == {"leads": 2, "customers": 0, "activities": 0, "consents": 2, "raw_payloads": 0,
                             "import_rows": 0, "audit_entries": 2}


def test_a_phone_written_nationally_finds_the_leads_stored_in_e164(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    doc = export(api, phone="+43 664 1234567").json
    assert [lead["id"] for lead in doc["leads"]] == [lead_id]
    assert doc["subject"] == {"phone": "+436641234567"}
    assert [lead["id"] for lead in export(api, phone="0664/1234567").json["leads"]] == [lead_id]


def test_another_persons_lead_sharing_the_compact_email_token_is_not_exported(api):
    """anna.mueller@ and annamueller@ make the same search token: only the address searched for counts."""
    mine = api().post("/leads", lead_payload()).json["id"]
    api().post("/leads", lead_payload(first_name="Annemarie", email="annamueller@example.at", phone="0664 2222222"))
    assert [lead["id"] for lead in export(api, email=ANNA).json["leads"]] == [mine]


def test_a_customer_id_finds_the_customer_its_activities_and_the_lead_converted_into_it(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    converted = convert(api, lead_id)
    customer_id = converted["customer"]["id"]
    doc = export(api, customer_id=customer_id).json
    assert [c["id"] for c in doc["customers"]] == [customer_id]
    assert doc["customers"][0]["audit"] and doc["customers"][0]["email"] == ANNA
    assert [a["id"] for a in doc["activities"]] == [converted["activity"]["id"]]
    assert doc["activities"][0]["notes"] == "Golf GTI"
    assert [lead["id"] for lead in doc["leads"]] == [lead_id]
    assert [a["action"] for a in doc["leads"][0]["audit"]] == ["created", "converted"]


def test_the_email_finds_the_persons_leads_and_customer_together(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    customer_id = convert(api, lead_id)["customer"]["id"]
    doc = export(api, email=ANNA).json
    assert ([lead["id"] for lead in doc["leads"]], [c["id"] for c in doc["customers"]]) == ([lead_id], [customer_id])
    assert doc["counts"]["activities"] == 1


def test_a_lead_id_exports_that_lead(api):
    lead_id = api().post("/leads", lead_payload(email=None, phone="0664 3333333")).json["id"]
    doc = export(api, lead_id=lead_id).json
    assert [lead["id"] for lead in doc["leads"]] == [lead_id]


def test_the_consent_ledger_of_a_lead_is_exported(api):
    consent = {"marketing_email": True, "privacy_notice_version": "2026-01", "given_at": "2026-11-30T10:00:00Z",
               "ip": "192.0.2.7"}
    lead_id = api().post("/leads", lead_payload(consent=consent)).json["id"]
    found = export(api, email=ANNA).json["consents"]
    [email] = [e for e in found if e["purpose"] == "marketing"]
    assert email["kind"] == "lead" and email["entity_id"] == lead_id and email["channel"] == "email"
    assert email["state"] == "granted" and email["source"] == "api" and email["ip"] == "192.0.2.7"
    assert email["notice"] == "2026-01" and email["given_at"].startswith("2026-11-30T10:00:00")
    assert {e["purpose"] for e in found} == {"marketing", "dealer_contact"}


def test_a_webhook_leads_raw_payload_is_exported_as_received(api, bucket, chalice_client):
    hook = website_hook(api)
    sent = {"vorname": "Wendelin", "nachname": "Oberkofler", "email": "w.oberkofler@example.de",
            "telefon": "0676 5544332", "nachricht": "Rückruf bitte"}
    body = json.dumps(sent, ensure_ascii=False).encode()
    headers = {"content-type": "application/json", **webhook_headers(hook["secret"], "msg-1", int(time.time()), body)}
    assert chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers=headers).status_code == 201
    doc = export(api, email="W.Oberkofler@example.de").json
    assert len(doc["leads"]) == 1
    [raw] = doc["raw_payloads"]
    assert raw["key"] == doc["leads"][0]["origin"]["raw_payload"] and raw["status"] == "kept"
    assert json.loads(raw["content"]) == sent


ADF_OF_THREE = """<?xml version="1.0" encoding="UTF-8"?>
<adf>
  <prospect><id source="portal.at">P-1</id><customer><contact>
    <name part="first">Anna</name><name part="last">Auskunft</name><email>anna.auskunft@example.at</email>
  </contact></customer></prospect>
  <prospect><id source="portal.at">P-2</id><customer><contact>
    <name part="first">Bernd</name><name part="last">Nachbar</name><email>bernd.nachbar@example.at</email>
    <phone>+43 664 7771234</phone>
  </contact></customer></prospect>
  <prospect><id source="portal.at">P-3</id><customer><contact>
    <name part="first">Clara</name><name part="last">Ohnemail</name>
    <address><street line="1">Hauptstraße 1</street><city>Wien</city><postalcode>1010</postalcode></address>
  </contact></customer></prospect>
</adf>""".encode()


def test_an_adf_delivery_of_several_people_is_exported_with_the_persons_own_prospect_only(api, bucket, chalice_client):
    """An ADF delivery holds one prospect per person: the access export of one of them handed out
    the names and e-mail addresses of everyone else in the delivery (GDPR Art. 15(4))."""
    hook = api("admin").post("/integrations", {"name": "Portal", "format": "adf", "default_source": "Website"}).json
    headers = {"content-type": "application/xml", **webhook_headers(hook["secret"], "adf-3", int(time.time()), ADF_OF_THREE)}
    answer = chalice_client.http.post(f"/webhooks/{hook['id']}", body=ADF_OF_THREE, headers=headers)
    assert answer.status_code == 201, answer.body
    clara = json.loads(answer.body)["leads"][2]["lead_id"]
    for body, own, others in [({"email": "anna.auskunft@example.at"}, "Auskunft", ("Nachbar", "Ohnemail")),
                              ({"lead_id": clara}, "Ohnemail", ("Auskunft", "Nachbar", "bernd.nachbar"))]:
        doc = export(api, **body).json
        [raw] = doc["raw_payloads"]
        assert raw["status"] == "kept_in_part" and "1 of the delivery's 3 prospects" in raw["detail"], raw
        assert own in raw["content"] and not any(other in raw["content"] for other in others), raw["content"]

def test_a_raw_payload_or_file_that_is_gone_is_said_to_be_gone(api, bucket, chalice_client):
    hook = website_hook(api)
    body = json.dumps({"nachname": "Oberkofler", "email": "w.oberkofler@example.de"}).encode()
    headers = {"content-type": "application/json", **webhook_headers(hook["secret"], "msg-3", int(time.time()), body)}
    assert chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers=headers).status_code == 201
    drop_file(bucket, chalice_client, "incoming/t1/Messe 2026.csv", FAIR_CSV.encode("utf-8"))
    for version in bucket.list_object_versions(Bucket="leadflow-files")["Versions"]:      # every version: gone
        bucket.delete_object(Bucket="leadflow-files", Key=version["Key"], VersionId=version["VersionId"])
    [raw] = export(api, email="w.oberkofler@example.de").json["raw_payloads"]
    assert (raw["status"], raw["content"]) == ("gone", None)
    [row] = export(api, email="sepp.gruber@example.at").json["import_rows"]
    assert (row["row"], row["cells"], row["report"]) == (2, None, [])


def test_a_re_inquirys_raw_payload_is_exported_from_the_audit_entry_that_keeps_it(api, bucket, chalice_client):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    assert admin.patch("/tenant", {"version": version, "reinquiry_days": 30}).status_code == 200
    lead_id = api().post("/leads", lead_payload()).json["id"]
    hook = website_hook(api)
    body = json.dumps({"vorname": "Anna", "nachname": "Müller", "email": ANNA, "nachricht": "Nochmals"}).encode()
    headers = {"content-type": "application/json", **webhook_headers(hook["secret"], "msg-2", int(time.time()), body)}
    answer = chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers=headers)
    assert json.loads(answer.body)["reinquiry_of"] == lead_id
    doc = export(api, email=ANNA).json
    assert [lead["id"] for lead in doc["leads"]] == [lead_id] and doc["leads"][0]["origin"] is None
    [raw] = doc["raw_payloads"]
    assert json.loads(raw["content"])["nachricht"] == "Nochmals"


def test_an_imported_leads_file_row_is_exported_with_the_reports_lines_on_it(api, bucket, chalice_client):
    drop_file(bucket, chalice_client, "incoming/t1/Messe 2026.csv", FAIR_CSV.encode("utf-8"))
    assert import_of(api, "Messe 2026.csv")["status"] in ("done", "partial")
    doc = export(api, email="resi.wallner@example.at").json
    [row] = doc["import_rows"]
    assert row["row"] == 3 and row["file"] == "Messe 2026.csv"
    assert row["cells"]["Nachname"] == "Wallner" and row["cells"]["Probefahrt"] == "vielleicht"
    assert [line["level"] for line in row["report"]] == ["warning"]
    assert "Sepp" not in json.dumps(doc, ensure_ascii=False)             # the file's other rows stay out


def test_a_report_line_is_exported_with_the_apis_level_and_field_whether_the_report_is_german_or_older(
        api, bucket, chalice_client):
    """The report reads in German; the export gives a line's level and field from its code column,
    as before, and still reads a report written before it was German."""
    from urllib.parse import unquote, urlsplit
    drop_file(bucket, chalice_client, "incoming/t1/Messe 2026.csv", FAIR_CSV.encode("utf-8"))
    status = import_of(api, "Messe 2026.csv")
    [line] = export(api, email="resi.wallner@example.at").json["import_rows"][0]["report"]
    assert (line["level"], line["field"], line["given"]) == ("warning", "vehicle.interest.test_drive", "vielleicht")
    assert line["reason"].startswith("„vielleicht“ ist kein Ja/Nein-Wert")
    key = unquote(urlsplit(status["error_report"]["url"]).path).lstrip("/").removeprefix("leadflow-files/")
    older = ("row;level;field;reason;given;Nachname\r\n3;warning;vehicle.interest.test_drive;"
             "'vielleicht' is not a yes/no value;vielleicht;Wallner\r\n")
    bucket.put_object(Bucket="leadflow-files", Key=key, Body=older.encode("utf-8-sig"))
    [line] = export(api, email="resi.wallner@example.at").json["import_rows"][0]["report"]
    assert line == {"level": "warning", "field": "vehicle.interest.test_drive",
                    "reason": "'vielleicht' is not a yes/no value", "given": "vielleicht"}


def test_the_export_holds_every_row_and_report_line_of_the_file_the_erasure_would_take(api, bucket, chalice_client):
    """A row with a broken e-mail and the person's phone (another lead, not found by her e-mail)
    names her in the file and the report; the erasure takes both out, so the export shows them."""
    body = ("Vorname;Nachname;E-Mail;Telefon\n"
            "Resi;Wallner;resi.wallner@example.at;0664 1234567\n"
            ";;kaputt@;0664 1234567\n"
            "Sepp;Gruber;sepp@example.at;0676 7654321\n")
    drop_file(bucket, chalice_client, "incoming/t1/Messe Nachtrag.csv", body.encode("utf-8"))
    assert import_of(api, "Messe Nachtrag.csv")["status"] == "done"
    doc = export(api, email="resi.wallner@example.at").json
    rows = {row["row"]: row for row in doc["import_rows"]}
    assert sorted(rows) == [2, 3], rows
    # Row 3 is another lead (not found by her e-mail): only what names her is shown of it.
    assert rows[3]["cells"] == {"Telefon": "0664 1234567"} and {l["level"] for l in rows[3]["report"]} == {"warning"}
    assert all(l["given"] in (None, "0664 1234567") for l in rows[3]["report"]), rows[3]["report"]
    assert "kaputt@" not in json.dumps(doc)
    preview = api("admin").post("/privacy/erasure/preview", {"email": "resi.wallner@example.at"}).json
    assert preview["counts"]["report_lines"] == sum(len(row["report"]) for row in rows.values()), preview
    assert "Sepp" not in json.dumps(doc, ensure_ascii=False)


def test_a_person_nobody_holds_gets_an_empty_export(api):
    doc = export(api, email="niemand@example.at").json
    assert doc["leads"] == doc["customers"] == doc["raw_payloads"] == [] and doc["counts"]["leads"] == 0


# ---------------------------------------------------------------- the request


@pytest.mark.parametrize("body, field", [
    ({}, "email"),
    ({"email": "not-an-address"}, "email"),
    ({"phone": "abc"}, "phone"),
    ({"lead_id": "../../etc"}, "lead_id"),
    ({"customer_id": "x" * 41}, "customer_id"),
    ({"email": ANNA, "name": "Anna"}, "name"),
    ({"email": 5}, "email"),
    ({"phone": "+999 12345"}, "phone"),
    ({"email": "a" * 300 + "@example.at"}, "email"),
    ({"email": "", "phone": "  "}, "email"),
], ids=["nothing", "email", "phone", "lead_id", "customer_id", "unknown", "email-number", "phone-country",
        "email-long", "blank"])
def test_a_request_that_names_nobody_is_422_naming_the_field(api, body, field):
    r = api("admin").post("/privacy/access", body)
    assert r.status_code == 422, r.json
    assert field in [e["field"] for e in r.json["errors"]]
    assert privacy_log() == []                                         # a refused request exports nothing


@pytest.mark.parametrize("body", [b"{", b"[]", b'"anna"', b"[" * 5000])
def test_a_body_that_is_not_a_json_object_is_a_client_error(api, body):
    r = api("admin").request("POST", "/privacy/access", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 400


# ---------------------------------------------------------------- who may, and the record of it


@pytest.mark.parametrize("role", ["sales_manager", "sales_rep", "integration", "auditor"])
def test_only_an_admin_may_export(api, role):
    api().post("/leads", lead_payload())
    r = export(api, role, email=ANNA)
    assert r.status_code == 403
    assert privacy_log() == []


def test_an_anonymous_caller_is_refused(api):
    assert api(None).post("/privacy/access", {"email": ANNA}).status_code == 401


def test_another_tenants_admin_finds_nothing_of_this_tenants_person(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    customer_id = convert(api, lead_id)["customer"]["id"]
    doc = export(api, tenant="t2", email=ANNA, phone="0664 1234567", lead_id=lead_id, customer_id=customer_id).json
    assert doc["counts"] == {"leads": 0, "customers": 0, "activities": 0, "consents": 0, "raw_payloads": 0,
                             "import_rows": 0, "audit_entries": 0}
    assert doc["tenant"]["id"] == "t2"
    assert [e["actor"] for e in privacy_log("t2")] == ["admin"] and privacy_log("t1") == []


def test_the_export_is_audited_with_who_criteria_and_counts_and_none_of_the_persons_values(api):
    api().post("/leads", lead_payload())
    assert export(api, email=ANNA, phone="0664 1234567").status_code == 200
    [entry] = privacy_log()
    assert (entry["action"], entry["actor"], entry["role"]) == ("access_export", "admin", "admin")
    changes = {c["field"]: c["new"] for c in entry["changes"]}
    assert changes["criteria"] == ["email", "phone"]
    assert changes["counts"]["leads"] == 1 and changes["counts"]["audit_entries"] == 1
    text = json.dumps(entry, ensure_ascii=False).lower()
    assert not any(v in text for v in ("mueller", "müller", "anna", "1234567", "wien"))
