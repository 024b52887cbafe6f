"""One intake, every channel: a lead that came in through the API, a CSV, an XLSX or an ADF file,
or any webhook format is read, edited with its ETag, checked for duplicates and converted alike."""
import io
import json
import time
from urllib.parse import quote_plus, urlencode

import openpyxl
import pytest

from chalicelib.domain.webhook_signatures import webhook_headers
from tests.conftest import webhook_integration, lead_payload, notify_importer

BUCKET = "leadflow-files"
SITE = "https://www.autohaus-eins.at"
HEADER = ["Nachname", "Vorname", "Telefon", "E-Mail", "PLZ", "Ort", "Lead-Herkunft", "Lead-Herkunft-Detail"]


def person(last: str, n: int) -> dict:
    return {"last_name": last, "first_name": "Kanal", "phone": f"0664 55500{n:02d}", "email": f"{last.lower()}@example.at"}


def _row(p: dict) -> list:
    return [p["last_name"], p["first_name"], p["phone"], p["email"], "1010", "Wien", "Vienna Autoshow",
            "Vienna Autoshow 2017"]


def _drop(bucket, chalice_client, name: str, body: bytes) -> None:
    key = f"incoming/t1/{name}"
    bucket.put_object(Bucket=BUCKET, Key=key, Body=body)
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET,
                                                                                         key=quote_plus(key)))


def _post(chalice_client, hook_id: str, body: bytes, content_type: str, headers: dict | None = None):
    answer = chalice_client.http.post(f"/webhooks/{hook_id}", body=body,
                                      headers={"content-type": content_type, **(headers or {})})
    assert answer.status_code in (201, 303), answer.body
    return answer


def _signed(secret: str, body: bytes, msg_id: str) -> dict:
    return webhook_headers(secret, msg_id, int(time.time()), body)


def by_api(api, bucket, chalice_client, p):
    r = api().post("/leads", lead_payload(**p, street=None, postal_code="1010", city="Wien", salutation=None))
    assert r.status_code == 201, r.json


def by_csv(api, bucket, chalice_client, p):
    text = ";".join(HEADER) + "\n" + ";".join(_row(p)) + "\n"
    _drop(bucket, chalice_client, "kanal.csv", text.encode("cp1252"))


def by_xlsx(api, bucket, chalice_client, p):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(_row(p))
    out = io.BytesIO()
    book.save(out)
    _drop(bucket, chalice_client, "kanal.xlsx", out.getvalue())


ADF = """<?xml version="1.0" encoding="UTF-8"?><?adf version="1.0"?><adf><prospect>
<id source="boerse.example">{id}</id><requestdate>2026-11-28T10:00:00+01:00</requestdate>
<vehicle interest="buy"><make>Volkswagen</make><model>ID.4</model></vehicle>
<customer><contact><name part="first">{first}</name><name part="last">{last}</name><email>{email}</email>
<phone>{phone}</phone><address><postalcode>1010</postalcode><city>Wien</city></address></contact></customer>
<provider><name part="full">Vienna Autoshow</name><service>Vienna Autoshow 2017</service></provider>
</prospect></adf>"""


def _adf(p: dict) -> bytes:
    return ADF.format(id=p["last_name"], first=p["first_name"], last=p["last_name"], email=p["email"],
                      phone=p["phone"]).encode()


def by_adf_file(api, bucket, chalice_client, p):
    _drop(bucket, chalice_client, "kanal.xml", _adf(p))


def by_json_webhook(api, bucket, chalice_client, p):
    hook = webhook_integration(api, "generic")
    body = json.dumps({"vorname": p["first_name"], "nachname": p["last_name"], "telefon": p["phone"],
                       "email": p["email"], "nachricht": "Bitte um Rückruf"}).encode()
    _post(chalice_client, hook["id"], body, "application/json", _signed(hook["secret"], body, "kanal-json"))


def by_html_form(api, bucket, chalice_client, p):
    hook = webhook_integration(api, "html_form", allowed_origins=[SITE])
    body = urlencode({"vorname": p["first_name"], "nachname": p["last_name"], "telefon": p["phone"],
                      "email": p["email"]}).encode()
    _post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", {"origin": SITE})


def by_google_ads(api, bucket, chalice_client, p):
    hook = webhook_integration(api, "google_ads")
    body = json.dumps({"lead_id": "kanal-google", "google_key": hook["secret"], "user_column_data": [
        {"column_id": "FULL_NAME", "string_value": f"{p['first_name']} {p['last_name']}"},
        {"column_id": "EMAIL", "string_value": p["email"]},
        {"column_id": "PHONE_NUMBER", "string_value": p["phone"]}]}).encode()
    _post(chalice_client, hook["id"], body, "application/json")


def by_adf_webhook(api, bucket, chalice_client, p):
    hook = webhook_integration(api, "adf")
    body = _adf(p)
    _post(chalice_client, hook["id"], body, "application/xml", _signed(hook["secret"], body, "kanal-adf"))


def etag(response) -> str:
    return {k.lower(): v for k, v in response.headers.items()}["etag"]


CHANNELS = [by_api, by_csv, by_xlsx, by_adf_file, by_json_webhook, by_html_form, by_google_ads, by_adf_webhook]


@pytest.mark.parametrize("send", CHANNELS, ids=lambda f: f.__name__)
def test_a_lead_from_any_channel_is_read_edited_checked_and_converted_alike(api, bucket, chalice_client, send):
    p = person(f"Kanal{CHANNELS.index(send)}", CHANNELS.index(send))
    send(api, bucket, chalice_client, p)
    manager = api()
    [listed] = manager.get("/leads", params={"q": p["email"]}).json["items"]
    read = manager.get(f"/leads/{listed['id']}")
    lead = read.json
    assert read.status_code == 200 and lead["version"] == 1 and etag(read) == '"1"'
    assert (lead["last_name"], lead["first_name"], lead["phone"]) == (p["last_name"], "Kanal", "+43664555" + p["phone"][-4:])
    assert lead["status"] == "open" and lead["needs_review"] is False and lead["due_at"]
    assert lead["allowed_actions"] == ["log", "edit", "delete", "assign", "take", "convert", "close", "contact"]
    assert manager.get(f"/leads/{lead['id']}/log").json["items"][-1]["action"] == "created"

    edited = manager.patch(f"/leads/{lead['id']}", {"qualification": "hot", "remark": "angerufen"},
                           headers={"if-match": etag(read)})
    assert edited.status_code == 200 and edited.json["version"] == 2 and etag(edited) == '"2"'
    stale = manager.patch(f"/leads/{lead['id']}", {"remark": "zu spät"}, headers={"if-match": '"1"'})
    assert stale.status_code == 412

    check = manager.get(f"/leads/{lead['id']}/duplicates")
    assert check.status_code == 200 and check.json["lead_version"] == 2
    converted = manager.post(f"/leads/{lead['id']}/convert", {
        "decision": "new_customer", "check_token": check.json["check_token"], "activity": {"type": "call"}})
    assert converted.status_code == 201, converted.json
    customer = converted.json["customer"]
    assert (customer["last_name"], customer["email"]) == (p["last_name"], p["email"])
    assert manager.get(f"/leads/{lead['id']}").json["status"] == "converted"
