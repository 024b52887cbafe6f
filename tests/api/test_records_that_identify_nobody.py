"""A record that names no person or company and gives no e-mail or phone is refused in every
channel, with a reason that says so, and nothing is stored for it (its neighbours are)."""
import json
import time
from urllib.parse import quote_plus, urlencode

import pytest

from chalicelib.domain.webhook_signatures import webhook_headers
from tests.conftest import drop_file as drop, import_of as the_import, report_codes

BUCKET = "leadflow-files"
SITE = "https://www.autohaus-eins.at"
NOBODY = "identifies nobody"
NOBODY_IN_THE_REPORT = "bezeichnet niemanden"        # the error report is German


@pytest.fixture
def hook(api, bucket):
    def make(fmt: str) -> dict:
        body = {"name": f"{fmt} sender", "format": fmt, "default_source": "Website"}
        if fmt == "html_form":
            body["allowed_origins"] = [SITE]
        created = api("admin").post("/integrations", body)
        assert created.status_code == 201, created.json
        return created.json
    return make


def post(chalice_client, hook_id: str, body: bytes, content_type: str, **headers):
    response = chalice_client.http.post(f"/webhooks/{hook_id}", body=body,
                                        headers={"content-type": content_type, **headers})
    response.text = response.body.decode("utf-8")
    return response


def signed(hook: dict, body: bytes, msg_id: str) -> dict:
    return webhook_headers(hook["secret"], msg_id, int(time.time()), body)


def no_leads(api) -> bool:
    return api().get("/leads", params={"page_size": 100}).json["items"] == []


@pytest.mark.parametrize("payload", [
    {"nachricht": "Was kostet der Enyaq mit Anhängerkupplung?", "modell": "Enyaq", "probefahrt": "ja",
     "datenschutz": "1"},
    {"anrede": "Herr", "email": "kaputt@", "nachricht": "Bitte melden"},          # the only contact unreadable
    {"strasse": "Hauptstraße 5", "plz": "1010", "ort": "Wien", "nachricht": "Prospekt bitte"},
], ids=["only-a-question", "only-a-broken-e-mail", "only-an-address"])
def test_a_json_form_post_that_names_nobody_is_refused_with_its_reason_and_nothing_is_stored(
        api, hook, chalice_client, payload):
    sender = hook("generic")
    body = json.dumps(payload, ensure_ascii=False).encode()
    answer = post(chalice_client, sender["id"], body, "application/json", **signed(sender, body, "msg_nobody"))
    assert answer.status_code == 422, answer.text
    assert NOBODY in answer.text
    assert no_leads(api)


def test_a_browser_form_that_names_nobody_gets_a_page_asking_for_a_name_and_nothing_is_stored(api, hook, chalice_client):
    sender = hook("html_form")
    body = urlencode({"modell": "Elroq", "probefahrt": "on", "nachricht": "Probefahrt am Samstag?"}).encode()
    answer = post(chalice_client, sender["id"], body, "application/x-www-form-urlencoded", origin=SITE)
    assert answer.status_code == 422
    assert "Bitte geben Sie Ihren Namen" in answer.text                   # the visitor is told what is missing
    assert no_leads(api)


def test_a_google_lead_that_names_nobody_is_refused_with_its_reason_and_nothing_is_stored(api, hook, chalice_client):
    sender = hook("google_ads")
    body = json.dumps({
        "lead_id": "TGVhZElkOm5vYm9keQ", "api_version": "1.0", "form_id": 1, "campaign_id": 2, "is_test": False,
        "google_key": sender["secret"],
        "user_column_data": [
            {"column_name": "Welches Modell?", "string_value": "Kodiaq", "column_id": "VEHICLE_MODEL"},
            {"column_name": "City", "string_value": "Wien", "column_id": "CITY"}]}).encode()
    answer = post(chalice_client, sender["id"], body, "application/json")
    assert answer.status_code == 422, answer.text
    assert NOBODY in answer.text
    assert no_leads(api)


ADF_NOBODY = """<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf>
  <prospect>
    <id source="willhaben.at">WH-1</id>
    <requestdate>2026-11-29T10:33:57+01:00</requestdate>
    <vehicle interest="buy" status="used"><make>Skoda</make><model>Kamiq</model></vehicle>
    <customer><contact><name part="full"> </name></contact><comments>Preis verhandelbar?</comments></customer>
  </prospect>
</adf>
"""


def test_an_adf_prospect_that_names_nobody_is_refused_with_its_reason_and_nothing_is_stored(api, hook, chalice_client):
    sender = hook("adf")
    body = ADF_NOBODY.encode()
    answer = post(chalice_client, sender["id"], body, "application/xml", **signed(sender, body, "msg_adf_nobody"))
    assert answer.status_code == 422, answer.text
    assert NOBODY in answer.text
    assert no_leads(api)


def test_a_row_of_a_lead_file_that_names_nobody_is_rejected_with_its_reason_and_the_others_are_stored(
        api, bucket, chalice_client):
    body = ("Anrede;Vorname;Nachname;E-Mail;Telefon;Modell;Probefahrt\r\n"
            "Frau;Eva;Lang;eva.lang@aon.at;;Elroq;ja\r\n"
            ";;;;;Enyaq;x\r\n"                                              # a badge scan that failed
            "Herr;;;kaputt@;0664 12;Golf;\r\n").encode("cp1252")             # what it gives cannot be read
    drop(bucket, chalice_client, "incoming/t1/Messe Nachtrag.csv", body)
    status = the_import(api, "Messe Nachtrag.csv")
    assert (status["counts"]["created"], status["counts"]["rejected"]) == (1, 2), status
    errors = {int(r[0]): r[3] for r in report_codes(bucket, status)[1:] if r[1] == "error"}
    assert sorted(errors) == [3, 4] and all(NOBODY_IN_THE_REPORT in reason for reason in errors.values()), errors
    [lead] = api().get("/leads").json["items"]
    assert lead["last_name"] == "Lang"


def test_an_adf_file_prospect_that_names_nobody_is_rejected_with_its_reason_and_the_other_is_stored(
        api, bucket, chalice_client):
    good = ("<prospect><id source=\"willhaben.at\">WH-2</id><customer><contact><name part=\"full\">Eva Lang</name>"
            "<email>eva.lang@aon.at</email></contact></customer></prospect>")
    body = ADF_NOBODY.replace("<adf>", "<adf>" + good).encode()
    drop(bucket, chalice_client, "incoming/t1/portal-export.xml", body)
    status = the_import(api, "portal-export.xml")
    assert (status["counts"]["created"], status["counts"]["rejected"]) == (1, 1), status
    errors = {int(r[0]): r[3] for r in report_codes(bucket, status)[1:] if r[1] == "error"}
    assert list(errors) == [2] and NOBODY_IN_THE_REPORT in errors[2], errors
    assert [lead["last_name"] for lead in api().get("/leads").json["items"]] == ["Lang"]


def test_a_customer_row_that_names_nobody_is_rejected_with_its_reason_and_nothing_is_stored_for_it(
        api, bucket, chalice_client):
    body = ("Kundennummer;Anrede;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Mobil\r\n"
            "K-1;Herr;Karl;Brunner;;Wiener Straße 3;2500;Baden;karl.brunner@aon.at;\r\n"
            "K-2;;;;;Hauptstraße 3;2500;Baden;;\r\n"
            "K-3;Frau;;;;;;;kaputt@;0664 12\r\n").encode("cp1252")
    drop(bucket, chalice_client, "incoming/t1/customers/Kunden.csv", body)
    status = the_import(api, "Kunden.csv")
    assert (status["counts"]["created"], status["counts"]["rejected"]) == (1, 2), status
    errors = {int(r[0]): r[3] for r in report_codes(bucket, status)[1:] if r[1] == "error"}
    assert sorted(errors) == [3, 4] and all(NOBODY_IN_THE_REPORT in reason for reason in errors.values()), errors
    assert [c["external_id"] for c in api().get("/customers").json["items"]] == ["K-1"]
