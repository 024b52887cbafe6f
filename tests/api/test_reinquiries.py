"""Re-inquiries: the same person asking again for the same make within the tenant's window is a
touch on their open lead, through every channel; another make opens a linked lead; nothing else
changes for the sender."""
import datetime as dt
import io
import json
import time
from urllib.parse import quote_plus, urlencode

import openpyxl
import pytest

from chalicelib.domain.webhook_signatures import webhook_headers
from chalicelib.store.models import LeadItem
from tests.conftest import webhook_integration, lead_payload, notify_importer, report_codes, taken_in_at, vienna_today

BUCKET = "leadflow-files"
SITE = "https://www.autohaus-eins.at"
EMAIL = "anna.mueller@example.at"
PHONE = "0664 1234567"


@pytest.fixture
def window(api):
    """Tenant t1 with the product's re-inquiry window (the test tenants have it off)."""
    def set_days(days: int = 30) -> dict:
        admin = api("admin")
        version = admin.get("/tenant").json["version"]
        changed = admin.patch("/tenant", {"version": version, "reinquiry_days": days})
        assert changed.status_code == 200, changed.json
        return changed.json
    set_days()
    return set_days


def leads_of(tenant="t1"):
    return [i for i in LeadItem.scan() if i.tenant == tenant]


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat()


def first_lead(api, **fields) -> dict:
    created = api().post("/leads", lead_payload(qualification="warm", **fields))
    assert created.status_code == 201, created.json
    return created.json


def log_of(api, lead_id: str) -> list[dict]:
    return api().get(f"/leads/{lead_id}/log").json["items"]


def reinquiry_entries(api, lead_id: str) -> list[dict]:
    return [e for e in log_of(api, lead_id) if e["action"] == "reinquiry"]


def submission_of(entry: dict) -> dict:
    return next(c["new"] for c in entry["changes"] if c["field"] == "reinquiry")


# ---------------------------------------------------------------- every channel


def _post(chalice_client, hook_id: str, body: bytes, content_type: str, headers: dict | None = None):
    answer = chalice_client.http.post(f"/webhooks/{hook_id}", body=body,
                                      headers={"content-type": content_type, **(headers or {})})
    answer.json = json.loads(answer.body) if answer.body and answer.body.startswith(b"{") else None
    return answer


def _signed(secret: str, body: bytes, msg_id: str) -> dict:
    return webhook_headers(secret, msg_id, int(time.time()), body)


def _drop(bucket, chalice_client, name: str, body: bytes) -> None:
    key = f"incoming/t1/{name}"
    bucket.put_object(Bucket=BUCKET, Key=key, Body=body)
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key)))


HEADER = ["Nachname", "Vorname", "Telefon", "E-Mail", "PLZ", "Ort", "Marke"]


def _rows(*people: tuple[str, str, str]) -> list[list[str]]:
    return [[last, "Anna", PHONE if email == EMAIL else "", email, "1070", "Wien", make]
            for last, email, make in people]


def again_by_api(api, bucket, chalice_client):
    answer = api().post("/leads", lead_payload(qualification="warm", remark="Noch eine Frage"))
    assert answer.status_code == 200, answer.json
    return {"lead_id": answer.json["reinquiry_of"], "answer": answer.json}


def again_by_json_webhook(api, bucket, chalice_client):
    hook = webhook_integration(api, "generic")
    body = json.dumps({"vorname": "Anna", "nachname": "Müller", "email": EMAIL.upper(),
                       "nachricht": "Ist der Golf noch da?"}).encode()
    answer = _post(chalice_client, hook["id"], body, "application/json", _signed(hook["secret"], body, "re-json"))
    assert answer.status_code == 201, answer.body
    return {"lead_id": answer.json["reinquiry_of"], "answer": answer.json, "raw": True}


def again_by_html_form(api, bucket, chalice_client):
    hook = webhook_integration(api, "html_form", allowed_origins=[SITE])
    body = urlencode({"vorname": "Anna", "nachname": "Müller", "telefon": PHONE}).encode()
    answer = _post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded",
                   {"origin": SITE, "accept": "application/json"})
    assert answer.status_code in (201, 303), answer.body
    return {"raw": True}


def again_by_google_ads(api, bucket, chalice_client):
    hook = webhook_integration(api, "google_ads")
    body = json.dumps({"lead_id": "re-google", "google_key": hook["secret"], "user_column_data": [
        {"column_id": "FULL_NAME", "string_value": "Anna Müller"},
        {"column_id": "EMAIL", "string_value": EMAIL},
        {"column_id": "VEHICLE_MODEL", "string_value": "Tiguan"}]}).encode()
    answer = _post(chalice_client, hook["id"], body, "application/json")
    assert answer.status_code == 201, answer.body
    return {"lead_id": answer.json["reinquiry_of"], "answer": answer.json, "raw": True}


ADF = """<?xml version="1.0" encoding="UTF-8"?><?adf version="1.0"?><adf><prospect>
<id source="boerse.example">{id}</id><requestdate>{at}</requestdate>
<vehicle interest="buy"><make>Volkswagen</make><model>Golf</model></vehicle>
<customer><contact><name part="first">Anna</name><name part="last">Müller</name><email>{email}</email>
<address><postalcode>1070</postalcode><city>Wien</city></address></contact></customer>
</prospect></adf>"""


def _adf(ident: str) -> bytes:
    at = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)).isoformat(timespec="seconds")
    return ADF.format(id=ident, at=at, email=EMAIL).encode()


def again_by_adf_webhook(api, bucket, chalice_client):
    hook = webhook_integration(api, "adf")
    body = _adf("re-adf")
    answer = _post(chalice_client, hook["id"], body, "application/xml", _signed(hook["secret"], body, "re-adf"))
    assert answer.status_code == 201, answer.body
    return {"lead_id": answer.json["reinquiry_of"], "answer": answer.json, "raw": True}


def again_by_adf_file(api, bucket, chalice_client):
    _drop(bucket, chalice_client, "portal.xml", _adf("re-adf-file"))
    return {"import": "portal.xml"}


def again_by_csv(api, bucket, chalice_client):
    rows = [HEADER, *_rows(("Müller", EMAIL, "Volkswagen"), ("Berger", "berger@example.at", ""))]
    _drop(bucket, chalice_client, "messe.csv", "\n".join(";".join(r) for r in rows).encode("cp1252"))
    return {"import": "messe.csv", "created": 1}


def again_by_xlsx(api, bucket, chalice_client):
    book = openpyxl.Workbook()
    for row in [HEADER, *_rows(("Müller", EMAIL, ""), ("Berger", "berger@example.at", ""))]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    _drop(bucket, chalice_client, "messe.xlsx", out.getvalue())
    return {"import": "messe.xlsx", "created": 1}


CHANNELS = [again_by_api, again_by_json_webhook, again_by_html_form, again_by_google_ads, again_by_adf_webhook,
            again_by_adf_file, again_by_csv, again_by_xlsx]
CHANNEL_OF = {again_by_api: "api", again_by_adf_file: "import", again_by_csv: "import", again_by_xlsx: "import"}


@pytest.mark.parametrize("again", CHANNELS, ids=lambda f: f.__name__)
def test_the_same_person_asking_again_through_any_channel_is_a_touch_on_the_open_lead(
        api, bucket, chalice_client, window, again):
    first = first_lead(api)
    result = again(api, bucket, chalice_client)
    mine = [lead for lead in leads_of() if lead.data.get("email") == EMAIL]
    assert [lead.lead_id for lead in mine] == [first["id"]]                # no second open lead
    assert result.get("lead_id", first["id"]) == first["id"]
    lead = api().get(f"/leads/{first['id']}").json
    assert lead["touches"] == 1 and lead["last_touch_at"] and lead["version"] == 2
    [entry] = reinquiry_entries(api, first["id"])
    channel = CHANNEL_OF.get(again, "webhook")
    assert entry["channel"] == channel
    touch = submission_of(entry)
    assert touch["channel"] == channel and touch["submission"]["last_name"] == "Müller"
    if result.get("raw"):                                   # the delivery's body, kept in S3, is named
        key = touch["origin"]["raw_payload"]
        assert bucket.head_object(Bucket=BUCKET, Key=key)       # (in-process moto stores a form body empty)
    if "import" in result:
        [found] = [i for i in api().get("/imports").json["items"] if i["file"] == result["import"]]
        status = api().get(f"/imports/{found['id']}").json
        assert status["counts"]["reinquiries"] == 1
        assert status["counts"]["created"] == result.get("created", 0)
        assert touch["origin"]["import"] == found["id"]
        report = report_codes(bucket, status)                 # the report names the lead each row was attached to
        assert any(r[1] == "reinquiry" and first["id"] in r[3] for r in report[1:])


def test_a_person_posting_again_gets_200_and_the_open_lead_marked_as_a_reinquiry(api, window):
    first = first_lead(api)
    again = api().post("/leads", lead_payload(qualification="warm", email=EMAIL.upper(), phone=None))
    assert again.status_code == 200
    assert again.json["id"] == again.json["reinquiry_of"] == first["id"]
    assert again.json["touches"] == 1 and again.json["version"] == 2
    assert {k.lower(): v for k, v in again.headers.items()}["etag"] == '"2"'
    by_phone = api().post("/leads", lead_payload(qualification="warm", email=None, phone="+43 664 1234567"))
    assert by_phone.status_code == 200 and by_phone.json["touches"] == 2


def test_the_openapi_document_describes_the_reinquiry_answer(api, chalice_client):
    document = json.loads(chalice_client.http.get("/openapi.json").body)
    lead = document["components"]["schemas"]["Lead"]["properties"]
    assert {"touches", "last_touch_at", "related_leads", "reinquiry_of"} <= set(lead)
    answers = document["paths"]["/leads"]["post"]["responses"]
    assert "re-inquiry" in answers["200"]["description"] and answers["201"]["content"] == answers["200"]["content"]
    tenant = document["components"]["schemas"]["TenantPatch"]["properties"]
    assert "reinquiry_days" in tenant


# ---------------------------------------------------------------- the window and the make


def test_the_window_counts_inclusively_and_a_day_more_opens_a_new_lead(api, window):
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=45)
    first = first_lead(api, received_at=iso(start))
    edge = api().post("/leads", lead_payload(received_at=iso(start + dt.timedelta(days=30))))
    assert edge.status_code == 200 and edge.json["reinquiry_of"] == first["id"]
    beyond = api().post("/leads", lead_payload(received_at=iso(start + dt.timedelta(days=30, seconds=1))))
    assert beyond.status_code == 201 and beyond.json["id"] != first["id"]
    assert beyond.json["related_leads"] == []


def test_a_window_of_zero_turns_reinquiries_off_and_the_setting_is_validated(api, window):
    assert window(0)["reinquiry_days"] == 0
    first_lead(api)
    assert api().post("/leads", lead_payload()).status_code == 201
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    refused = admin.patch("/tenant", {"version": version, "reinquiry_days": -1})
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "reinquiry_days"


def test_another_make_opens_a_new_lead_linked_both_ways(api, window):
    first = first_lead(api)
    other = api().post("/leads", lead_payload(vehicle={"interest": {"make": "Škoda", "models": ["Octavia"]}}))
    assert other.status_code == 201 and other.json["id"] != first["id"]
    assert other.json["related_leads"] == [{"lead_id": first["id"], "make": "Volkswagen", "relation": "earlier_inquiry"}]
    earlier = api().get(f"/leads/{first['id']}").json
    assert earlier["related_leads"] == [{"lead_id": other.json["id"], "make": "Škoda", "relation": "later_inquiry"}]
    assert earlier["touches"] == 0
    assert log_of(api, first["id"])[0]["action"] == "related_lead"
    # a general inquiry (no make) attaches to the newest open lead of the person
    general = api().post("/leads", lead_payload(vehicle=None))
    assert general.status_code == 200 and general.json["reinquiry_of"] in (first["id"], other.json["id"])
    # the same make as the second lead attaches to it, not to the first
    skoda = api().post("/leads", lead_payload(vehicle={"interest": {"make": "SKODA"}}))
    assert skoda.status_code == 200 and skoda.json["reinquiry_of"] == other.json["id"]


@pytest.mark.parametrize("status", ["closed", "converted"])
def test_a_closed_or_converted_lead_is_not_attached_to_a_new_lead_opens(api, window, status):
    first = first_lead(api)
    if status == "closed":
        closed = api().patch(f"/leads/{first['id']}", {"status": "closed"}, headers={"if-match": '"1"'})
        assert closed.status_code == 200, closed.json
    else:
        token = api().get(f"/leads/{first['id']}/duplicates").json["check_token"]
        converted = api().post(f"/leads/{first['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                                 "activity": {"type": "call"}})
        assert converted.status_code in (200, 201), converted.json
    again = api().post("/leads", lead_payload())
    assert again.status_code == 201 and again.json["id"] != first["id"] and again.json["touches"] == 0
    assert api().get(f"/leads/{first['id']}").json["touches"] == 0


def test_a_lead_of_another_tenant_is_never_touched(api, window):
    foreign = api(tenant="t2").post("/leads", lead_payload())
    assert foreign.status_code == 201, foreign.json
    mine = api().post("/leads", lead_payload())
    assert mine.status_code == 201


# ---------------------------------------------------------------- qualification and deadline


def test_a_hotter_reinquiry_raises_the_qualification_and_never_moves_the_deadline_later(api, window):
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=4)
    first = first_lead(api, received_at=iso(start))
    warm_due = first["due_at"]
    hot = api().post("/leads", lead_payload(qualification="hot", received_at=iso(start + dt.timedelta(hours=1))))
    assert hot.status_code == 200 and hot.json["qualification"] == "hot"
    assert hot.json["due_at"] <= warm_due                      # two working days from the touch: not later
    [entry] = reinquiry_entries(api, first["id"])
    fields = {c["field"]: c for c in entry["changes"]}
    assert fields["qualification"]["old"] == "warm" and fields["qualification"]["new"] == "hot"
    due_after_hot = hot.json["due_at"]
    colder = api().post("/leads", lead_payload(qualification="cold"))
    assert colder.status_code == 200
    assert (colder.json["qualification"], colder.json["due_at"]) == ("hot", due_after_hot)   # not lowered


def test_another_first_name_with_the_same_phone_is_another_person_of_the_household_not_a_touch(api, window):
    first = first_lead(api)
    other = api().post("/leads", lead_payload(first_name="Katharina"))
    assert other.status_code == 201, other.json
    assert other.json["id"] != first["id"]
    assert [(r["lead_id"], r["relation"]) for r in other.json["related_leads"]] == [(first["id"], "household")]
    again = api().post("/leads", lead_payload(first_name="Katharina"))
    assert again.status_code == 200 and again.json["id"] == other.json["id"]       # she, asking again
    assert api().get(f"/leads/{first['id']}").json["touches"] == 0


def test_another_surname_or_birth_date_with_the_same_phone_is_another_person_not_a_touch(api, window):
    first = first_lead(api, birth_date="1980-12-31")
    # Her married double name and a birth date one typo off are still she, asking again.
    for same in ({"last_name": "Müller-Berger"}, {"birth_date": "1980-12-13"}):
        assert api().post("/leads", lead_payload(**same)).status_code == 200
    assert api().get(f"/leads/{first['id']}").json["touches"] == 2
    for other in ({"first_name": None, "last_name": "Wagner-Test", "email": None},
                  {"birth_date": "1955-03-04", "email": None}):
        answer = api().post("/leads", lead_payload(**other))
        assert answer.status_code == 201, answer.json
        assert answer.json["id"] != first["id"]
        assert [r["relation"] for r in answer.json["related_leads"]] == ["household"]   # linked, not lost
    assert api().get(f"/leads/{first['id']}").json["touches"] == 2


def test_a_hot_reinquiry_claiming_a_time_before_the_lead_existed_counts_its_deadline_from_the_lead(api, window):
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    first = first_lead(api, received_at=iso(now))
    claimed = iso(now - dt.timedelta(days=13))                 # an ad platform's late delivery
    hot = api().post("/leads", lead_payload(qualification="hot", received_at=claimed))
    assert hot.status_code == 200 and hot.json["qualification"] == "hot"
    assert first["received_at"] < hot.json["due_at"] <= first["due_at"]


def test_a_hot_reinquiry_late_in_the_window_keeps_the_earlier_deadline(api, window):
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(days=20)
    with taken_in_at(start):                                    # warm and overdue since, not a late entry
        first = first_lead(api, received_at=iso(start))
    hot = api().post("/leads", lead_payload(qualification="hot"))
    assert hot.status_code == 200 and hot.json["qualification"] == "hot"
    assert hot.json["due_at"] == first["due_at"]               # a hot deadline from today would be later


# ---------------------------------------------------------------- idempotency and the raw submission


def test_the_same_delivery_twice_is_one_touch(api, bucket, chalice_client, window):
    first = first_lead(api)
    hook = webhook_integration(api, "generic")
    body = json.dumps({"vorname": "Anna", "nachname": "Müller", "email": EMAIL}).encode()
    answers = [_post(chalice_client, hook["id"], body, "application/json", _signed(hook["secret"], body, "same"))
               for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json == answers[1].json and answers[0].json["reinquiry_of"] == first["id"]
    assert {k.lower(): v for k, v in answers[1].headers.items()}.get("idempotent-replayed") == "true"
    assert api().get(f"/leads/{first['id']}").json["touches"] == 1
    assert len(reinquiry_entries(api, first["id"])) == 1


def test_the_same_idempotency_key_twice_is_one_touch(api, window):
    first = first_lead(api)
    payload = lead_payload(qualification="warm")
    answers = [api().post("/leads", payload, headers={"idempotency-key": "again-1"}) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200] and answers[0].json == answers[1].json
    assert api().get(f"/leads/{first['id']}").json["touches"] == 1


def test_a_touch_keeps_the_whole_submission_in_the_log(api, window):
    first = first_lead(api)
    api().post("/leads", lead_payload(remark="Bitte um Angebot für den ID.4", source="Website",
                                      source_detail="Kontaktformular",
                                      vehicle={"interest": {"make": "Volkswagen", "models": ["ID.4"], "offer": True}}))
    [entry] = reinquiry_entries(api, first["id"])
    touch = submission_of(entry)
    assert touch["submission"]["remark"] == "Bitte um Angebot für den ID.4"
    assert touch["submission"]["vehicle"]["interest"]["models"] == ["ID.4"]
    assert touch["submission"]["source"] == "Website" and touch["received_at"]
    lead = api().get(f"/leads/{first['id']}").json
    assert lead["source"] == "Vienna Autoshow" and lead["vehicle"]["interest"]["models"] == ["Golf", "ID.4"]
    assert lead["remark"].startswith("Rückruf erwünscht\n[re-inquiry ")        # only its message is added


def test_a_reinquiry_completes_what_the_open_lead_lacked_and_overwrites_nothing(api, window):
    first = first_lead(api, email=None, street=None, postal_code=None, city=None,
                       vehicle={"interest": {"make": "Volkswagen", "models": ["Golf"]}})
    again = api().post("/leads", lead_payload(qualification="warm", first_name="Anna", phone=PHONE,
                                              email="anna.neu@example.at", birth_date="1984-05-17",
                                              street="Neubaugasse 8", postal_code="1070", city="Wien",
                                              vehicle={"interest": {"make": "Volkswagen", "models": ["Golf", "Tiguan"],
                                                                    "test_drive": True}}))
    assert again.status_code == 200, again.json
    lead = api().get(f"/leads/{first['id']}").json
    assert (lead["email"], lead["birth_date"]) == ("anna.neu@example.at", "1984-05-17")
    assert (lead["street"], lead["postal_code"], lead["city"]) == ("Neubaugasse 8", "1070", "Wien")
    assert lead["vehicle"]["interest"]["models"] == ["Golf", "Tiguan"] and lead["vehicle"]["interest"]["test_drive"]
    assert again.json["email"] == "anna.neu@example.at"              # the answer shows what the person typed
    [entry] = reinquiry_entries(api, first["id"])
    assert {"email", "birth_date", "street", "vehicle.interest.test_drive"} <= {c["field"] for c in entry["changes"]}
    assert api().get("/leads", params={"q": "anna.neu@example.at"}).json["items"][0]["id"] == first["id"]
    # What the lead has stays: another e-mail or street is kept only in the log's submission.
    api().post("/leads", lead_payload(qualification="warm", phone=PHONE, email="anna.dritte@example.at",
                                      street="Gumpendorfer Straße 1"))
    lead = api().get(f"/leads/{first['id']}").json
    assert (lead["email"], lead["street"], lead["touches"]) == ("anna.neu@example.at", "Neubaugasse 8", 2)


def test_a_reinquiry_never_changes_the_leads_country_with_an_address_of_another(api, window):
    first = first_lead(api, country="CH", street=None, postal_code=None, city=None, phone="+41 79 123 45 67")
    api().post("/leads", lead_payload(qualification="warm", phone="+41 79 123 45 67", email=None,
                                      street="Hauptstraße 1", postal_code="8001", city=None, country="AT"))
    lead = api().get(f"/leads/{first['id']}").json
    assert (lead["country"], lead["street"], lead["postal_code"], lead["touches"]) == ("CH", None, None, 1)


def test_a_reinquiry_that_gives_right_what_a_sender_got_wrong_resolves_that_problem(api, bucket, chalice_client, window):
    hook = webhook_integration(api, "generic")
    body = json.dumps({"vorname": "Anna", "nachname": "Müller", "telefon": PHONE, "email": "anna.mueller@example,at",
                       "marke": "Volkswagen"}).encode()
    answer = _post(chalice_client, hook["id"], body, "application/json", _signed(hook["secret"], body, "bad-mail"))
    assert answer.status_code == 201, answer.body
    first = api().get(f"/leads/{answer.json['lead_id']}").json
    assert first["needs_review"] and [p["field"] for p in first["problems"]] == ["email"]
    api().post("/leads", lead_payload(qualification="warm", phone=PHONE, email=EMAIL))
    lead = api().get(f"/leads/{first['id']}").json
    assert lead["email"] == EMAIL and lead["problems"] == [] and not lead["needs_review"]


def test_a_reinquirys_message_shows_on_the_lead_as_a_dated_line_after_its_own_remark(api, window):
    first = first_lead(api)
    again = api().post("/leads", lead_payload(remark="Probefahrt am Samstag?"))
    assert again.status_code == 200, again.json
    expected = f"Rückruf erwünscht\n[re-inquiry {vienna_today().isoformat()}] Probefahrt am Samstag?"
    assert again.json["remark"] == expected
    lead = api().get(f"/leads/{first['id']}").json
    assert lead["remark"] == expected and lead["version"] == first["version"] + 1
    [entry] = reinquiry_entries(api, first["id"])
    [change] = [c for c in entry["changes"] if c["field"] == "remark"]
    assert (change["old"], change["new"]) == ("Rückruf erwünscht", expected)
    assert submission_of(entry)["submission"]["remark"] == "Probefahrt am Samstag?"


def test_a_reinquiry_repeating_what_the_remark_says_adds_no_line_but_is_counted(api, window):
    first = first_lead(api, remark="Probefahrt am Samstag?")
    for _ in range(2):
        assert api().post("/leads", lead_payload(remark="Probefahrt am Samstag?")).status_code == 200
    assert api().post("/leads", lead_payload(remark=None)).status_code == 200
    lead = api().get(f"/leads/{first['id']}").json
    assert (lead["remark"], lead["touches"]) == ("Probefahrt am Samstag?", 3)
    assert not [c for e in reinquiry_entries(api, first["id"]) for c in e["changes"] if c["field"] == "remark"]


def test_a_reinquirys_message_is_cut_to_the_remarks_length_and_the_lead_stays_editable(api, window):
    first = first_lead(api, remark="x" * 3950)
    assert api().post("/leads", lead_payload(remark="Probefahrt am Samstag? " * 10)).status_code == 200
    lead = api().get(f"/leads/{first['id']}").json
    assert len(lead["remark"]) == 4000 and lead["remark"].endswith("…")
    assert lead["remark"].startswith("x" * 3950 + f"\n[re-inquiry {vienna_today().isoformat()}] Probefahrt am Samstag?")
    edited = api().patch(f"/leads/{first['id']}", {"qualification": "hot"}, headers={"if-match": f'"{lead["version"]}"'})
    assert edited.status_code == 200, edited.json
    [entry] = reinquiry_entries(api, first["id"])
    assert submission_of(entry)["submission"]["remark"] == ("Probefahrt am Samstag? " * 10).strip()


def test_an_import_run_again_after_a_stop_touches_once(api, bucket, chalice_client, window):
    """The touch's log entry is keyed by the import's row: writing the row again writes nothing."""
    from chalicelib.domain.permissions import Caller
    from chalicelib.services import intake
    from chalicelib.services.tenants import load_tenant
    first = first_lead(api)
    tenant = load_tenant("t1")
    book = intake.Book(tenant)
    admitted = intake.admit_machine(book, {"last_name": "Müller", "email": EMAIL})
    caller = Caller("t1", "import", "integration", "s3://leadflow-files")
    now = dt.datetime.now(dt.timezone.utc)
    stored = intake.store(intake.build(caller, tenant, admitted, channel="import", now=now, lead_id="01" + "A" * 24,
                                       audit_id="01" + "A" * 24))
    assert isinstance(stored, intake.Touch)
    with pytest.raises(intake.lead_store.WriteConflict):
        intake.store(intake.build(caller, tenant, admitted, channel="import", now=now, lead_id="01" + "A" * 24,
                                  audit_id="01" + "A" * 24))
    assert api().get(f"/leads/{first['id']}").json["touches"] == 1


def test_an_import_row_for_another_make_is_created_and_linked_both_ways(api, bucket, chalice_client, window):
    first = first_lead(api)
    rows = [HEADER, *_rows(("Müller", EMAIL, "Cupra"))]
    _drop(bucket, chalice_client, "cupra.csv", "\n".join(";".join(r) for r in rows).encode("cp1252"))
    [found] = [i for i in api().get("/imports").json["items"] if i["file"] == "cupra.csv"]
    assert found["counts"]["created"] == 1 and "reinquiries" not in found["counts"]
    [new] = [lead for lead in leads_of() if lead.lead_id != first["id"]]
    assert new.related_leads == [{"lead_id": first["id"], "make": "Volkswagen", "relation": "earlier_inquiry"}]
    assert api().get(f"/leads/{first['id']}").json["related_leads"] == [
        {"lead_id": new.lead_id, "make": "Cupra", "relation": "later_inquiry"}]


def test_without_a_shared_contact_only_the_same_name_and_address_attaches(api, window):
    first = first_lead(api)
    other_mail = api().post("/leads", lead_payload(email="anna.privat@example.com", phone=None))
    assert other_mail.status_code == 200 and other_mail.json["reinquiry_of"] == first["id"]
    moved = api().post("/leads", lead_payload(email="anna.neu@example.com", phone=None, street="Gumpendorfer Straße 5"))
    assert moved.status_code == 201 and moved.json["related_leads"] == []


def test_a_rep_who_may_not_read_the_open_lead_learns_only_its_id(api, window):
    first = first_lead(api, assignee="rep-b")
    again = api("sales_rep").post("/leads", lead_payload())
    assert again.status_code == 200
    assert again.json == {"id": first["id"], "reinquiry_of": first["id"], "status": "open",
                          "detail": "attached to the person's open lead, which your role may not read"}
    assert api().get(f"/leads/{first['id']}").json["touches"] == 1
