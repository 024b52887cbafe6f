"""Lead create, read, edit, delete through the HTTP API (chalice.test.Client on moto)."""
import pytest

from chalicelib.store import leads as lead_store
from tests.conftest import lead_payload, taken_in_at


def create(c, **overrides):
    r = c.post("/leads", lead_payload(**overrides))
    assert r.status_code == 201, r.json
    return r.json


def test_create_normalises_and_stores_every_section(api):
    lead = create(api("sales_manager"), title="dr dipl ing", postal_code="A-1070",
                  vehicle={"current": {"make": "Opel", "model": "Astra", "year": 2012, "mileage_km": 140000},
                           "next": {"purchase": "new", "usage": "leasing", "financing": "leasing",
                                    "timeframe": "within_3_months"},
                           "interest": {"make": "VW", "models": ["Golf"], "price": 35000, "currency": "EUR",
                                        "brochure": True, "test_drive": True}})
    assert lead["phone"] == "+436641234567"
    assert lead["email"] == "anna.mueller@example.at"          # one spelling: matching and search find it
    assert lead["postal_code"] == "1070"
    assert lead["title"] == "Dr. Dipl.-Ing."
    assert lead["salutation"] == "ms"
    assert lead["vehicle"]["current"]["mileage_km"] == 140000
    assert lead["vehicle"]["next"]["usage"] == "leasing"
    assert lead["vehicle"]["interest"]["brochure"] is True
    assert lead["status"] == "open" and lead["channel"] == "api" and lead["version"] == 1
    assert lead["created_by"] == "manager" and lead["assignee"] is None
    assert lead["due_at"] is not None and lead["received_at"].endswith("Z")
    assert lead["source"] == "Vienna Autoshow" and lead["source_detail"] == "Vienna Autoshow 2017"
    assert lead["allowed_actions"] == ["log", "edit", "delete", "assign", "take", "convert", "close", "contact"]


def test_text_is_stored_as_nfc(api):
    decomposed = "Mu\u0308ller"
    lead = create(api(), last_name=decomposed)
    assert lead["last_name"] == "Müller" and len(lead["last_name"]) == 6


def test_get_returns_the_lead_with_its_version_as_etag(api):
    c = api()
    lead = create(c)
    r = c.get(f"/leads/{lead['id']}")
    assert r.status_code == 200
    assert r.headers["ETag"] == '"1"'
    assert r.json["id"] == lead["id"]


def test_source_names_are_matched_to_the_catalog_spelling(api):
    lead = create(api(), source="vienna autoshow", source_detail="VIENNA AUTOSHOW 2026")
    assert (lead["source"], lead["source_detail"]) == ("Vienna Autoshow", "Vienna Autoshow 2026")


def test_a_phone_number_with_its_area_code_in_brackets_is_read_as_written(api):
    lead = create(api(), phone="(0664) 123 45 67", mobile_phone="(+43) 676 1234567")
    assert (lead["phone"], lead["mobile_phone"]) == ("+436641234567", "+436761234567")


def test_a_mileage_or_price_sent_as_text_is_read_as_people_write_it(api):
    lead = create(api(), vehicle={"current": {"mileage_km": "140.000"}, "interest": {"price": "38.000,50"}})
    assert (lead["vehicle"]["current"]["mileage_km"], lead["vehicle"]["interest"]["price"]) == (140000, 38000.5)
    r = api().post("/leads", lead_payload(vehicle={"current": {"mileage_km": "viel"}}))
    assert r.status_code == 422
    assert r.json["errors"][0]["field"] == "vehicle.current.mileage_km" and "not a number" in r.json["errors"][0]["message"]


@pytest.mark.parametrize("written", ["12 500 km", "12.500 km", "12500km"])
def test_a_mileage_with_its_unit_is_read_as_the_workspace_form_promises(api, written):
    lead = create(api(), vehicle={"current": {"mileage_km": written}})
    assert lead["vehicle"]["current"]["mileage_km"] == 12500


def test_a_consent_time_sent_as_a_number_is_refused_at_its_field(api):
    r = api().post("/leads", lead_payload(consent={"marketing_email": True, "given_at": 1764000000}))
    assert r.status_code == 422
    assert r.json["errors"][0]["field"] == "consent.given_at" and "a number, not a date" in r.json["errors"][0]["message"]


def test_a_qualification_cannot_be_cleared_by_null_and_the_lead_stays_as_it_was(api):
    lead = create(api(), qualification="hot")
    r = api().patch(f"/leads/{lead['id']}", {"qualification": None}, headers={"if-match": '"1"'})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "qualification", r.json
    after = api().get(f"/leads/{lead['id']}").json
    assert (after["qualification"], after["due_at"], after["version"]) == ("hot", lead["due_at"], 1)


def test_junk_has_no_deadline(api):
    assert create(api(), qualification="junk")["due_at"] is None


def test_importer_leads_may_ask_for_dealer_contact(api):
    lead = create(api(tenant="t2"), postal_code="80331", city="München", country="DE",
                  phone="089 1234567", vehicle={"interest": {"dealer_contact": True}})
    assert lead["vehicle"]["interest"]["dealer_contact"] is True


@pytest.mark.parametrize("field, value, fragment", [
    ("email", "anna@", "e-mail"),
    ("phone", "12", "phone"),
    ("postal_code", "123", "postal code for AT"),
    ("birth_date", "2099-01-01", "future"),
    ("birth_date", "1850-01-01", "implausible"),
    ("birth_date", 0, "a number, not a date"),              # a date parser's 1970-01-01
    ("birth_date", "864000000", "a number, not a date"),    # seconds since 1970
    ("salutation", "Majestät", "salutation"),
    ("title", "Dr. Magister", "academic title"),
    ("country", "XX", "ISO 3166-1"),
    ("first_name", "x" * 101, "100 characters"),
    ("remark", "x" * 4001, "4000 characters"),
    ("qualification", "lukewarm", "hot"),
    ("received_at", "2020-01-01T10:00:00", "timezone"),
    ("received_at", 1764000000, "a number, not a date"),        # not read as seconds since 1970
])
def test_invalid_fields_are_named_in_a_422(api, field, value, fragment):
    r = api().post("/leads", lead_payload(**{field: value}))
    assert r.status_code == 422, r.json
    assert r.headers["Content-Type"] == "application/problem+json"
    errors = r.json["errors"]
    assert any(e["field"] == field and fragment in e["message"] for e in errors), errors


def test_postal_code_is_checked_in_the_leads_country(api):
    r = api().post("/leads", lead_payload(country="DE", postal_code="1070", phone="+49 89 1234567"))
    assert r.status_code == 422
    assert r.json["errors"][0]["field"] == "postal_code"
    assert "DE" in r.json["errors"][0]["message"]


def test_unknown_fields_are_rejected_by_name(api):
    r = api().post("/leads", lead_payload(favourite_colour="blue", vehicle={"interest": {"colour": "red"}}))
    assert r.status_code == 422
    fields = {e["field"] for e in r.json["errors"]}
    assert fields == {"favourite_colour", "vehicle.interest.colour"}


def test_read_only_fields_cannot_be_written_on_create(api):
    r = api().post("/leads", lead_payload(status="converted", version=7))
    assert r.status_code == 422
    assert {e["field"] for e in r.json["errors"]} == {"status", "version"}


def test_a_lead_needs_a_last_name(api):
    r = api().post("/leads", lead_payload(last_name=None))
    assert r.status_code == 422
    assert r.json["errors"] == [{"field": "last_name", "message": "a last name (or a company) is needed",
                                 "type": "missing_name"}]


def test_a_lead_needs_one_way_to_reach_the_person(api):
    r = api().post("/leads", {"last_name": "Huber", "city": "Wien"})
    assert r.status_code == 422 and "reach" in r.json["errors"][0]["message"]
    assert r.json["errors"][0]["field"] == "phone"
    assert api().post("/leads", {"last_name": "Huber", "email": "huber@example.at"}).status_code == 201
    assert api().post("/leads", {"last_name": "Huber", "street": "Ring 1", "city": "Wien"}).status_code == 201


def test_source_must_be_in_the_catalog_and_detail_must_belong_to_it(api):
    r = api().post("/leads", lead_payload(source="Facebook", source_detail=None))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "source"
    r = api().post("/leads", lead_payload(source="Website", source_detail="Vienna Autoshow 2017"))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "source_detail"


def test_dealer_contact_is_refused_on_a_dealers_lead(api):
    r = api().post("/leads", lead_payload(vehicle={"interest": {"dealer_contact": True}}))
    assert r.status_code == 422 and "importer" in r.json["errors"][0]["message"]


def test_assignee_must_be_an_active_user_of_the_tenant(api):
    r = api().post("/leads", lead_payload(assignee="nobody"))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "assignee"
    assert create(api(), assignee="rep-a")["assignee"] == "rep-a"


# ------------------------------------------------------------------ malformed requests


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b"[1, 2]", 400),
    (b"", 400),
    (b"[" * 200_000 + b"]" * 200_000, 413),
    (b'{"a":' * 5000 + b"1" + b"}" * 5000, 400),
    (b"\xff\xfe", 400),
])
def test_malformed_bodies_get_a_4xx_problem(api, body, status):
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.body
    assert r.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("body, field", [
    (b'{"last_name": "Huber", "last_name": "Maier", "phone": "0664 1234567"}', "last_name"),
    (b'{"last_name": "Huber", "phone": "0664 1234567", "vehicle": {"interest": {"make": "VW", "make": "Audi"}}}',
     "vehicle.interest.make"),
])
def test_a_key_sent_twice_is_a_422_naming_it_not_the_last_one_silently_taken(api, body, field):
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.body
    assert [(e["field"], e["type"]) for e in r.json["errors"]] == [(field, "duplicate_key")]
    assert api().get("/leads").json["items"] == []


def test_a_number_of_thousands_of_digits_is_a_400_in_plain_words(api):
    body = b'{"last_name": "Huber", "phone": "0664 1234567", "vehicle": {"current": {"mileage_km": ' + b"9" * 5001 + b"}}}"
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 400 and "more than 4,300 digits" in r.json["detail"] and "sys." not in r.json["detail"]


def test_a_body_in_the_charset_its_content_type_declares_is_read_in_it(api):
    body = '{"last_name": "Müller", "phone": "0664 1234567"}'.encode("iso-8859-1")
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json; charset=iso-8859-1"})
    assert r.status_code == 201 and r.json["last_name"] == "Müller", r.body
    for charset in ("klingon", "base64", "rot13"):       # no charsets, though Python has codecs so named
        r = api().request("POST", "/leads", body=body, headers={"content-type": f"application/json; charset={charset}"})
        assert r.status_code == 415, (charset, r.body)
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json; charset=undefined"})
    assert r.status_code == 400, r.body                   # a codec that refuses every byte
    utf8 = '{"last_name": "Jäger", "phone": "0664 7654321"}'.encode()
    for charset in ("utf8mb4", "us-ascii", "UTF-8"):
        r = api().request("POST", "/leads", body=utf8, headers={"content-type": f"application/json; charset={charset}"})
        assert r.status_code in (200, 201) and r.json["last_name"] == "Jäger", (charset, r.body)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_which_json_does_not_have_are_a_400_that_says_so(api, constant):
    body = b'{"last_name": "Huber", "phone": "0664 1234567", "vehicle": {"interest": {"price": ' + constant.encode() + b"}}}"
    r = api().request("POST", "/leads", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 400 and f"{constant} is no JSON value" in r.json["detail"], r.body


def test_wrong_types_are_422_not_500(api):
    r = api().post("/leads", {"last_name": 42, "phone": ["0664"], "vehicle": "Golf"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json["errors"]} >= {"last_name", "phone", "vehicle"}


def test_true_or_false_for_a_number_is_a_422_at_its_field_not_read_as_one_or_zero(api):
    """A price of true was stored as 1 EUR and a mileage of true as 1 km; an admin's retention of
    true months became one month, after which the daily run deletes the tenant's leads."""
    r = api().post("/leads", lead_payload(vehicle={"interest": {"price": True}, "current": {"mileage_km": False,
                                                                                             "year": True}}))
    assert r.status_code == 422, r.json
    assert {e["field"] for e in r.json["errors"]} == {
        "vehicle.interest.price", "vehicle.current.mileage_km", "vehicle.current.year"}, r.json
    assert "true is not a number" in r.json["errors"][0]["message"] or "false is not a number" in r.json["errors"][0]["message"]
    admin = api("admin")
    tenant = admin.get("/tenant").json
    for patch, field in [({"retention": {"unconverted_lead_months": True}}, "retention.unconverted_lead_months"),
                         ({"reinquiry_days": True}, "reinquiry_days"),
                         ({"matching": {"duplicate_at": True}}, "matching.duplicate_at"),
                         ({"escalation": {"steps": [{"action": "remind_assignee", "after_working_days": False}]}},
                          "escalation.steps.0.after_working_days")]:
        r = admin.patch("/tenant", {"version": tenant["version"], **patch})
        assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == [field], (patch, r.json)
    assert admin.get("/tenant").json == tenant


def test_unsupported_content_type_is_a_415_problem(api):
    r = api().request("POST", "/leads", body=b"last_name=Huber", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert r.headers["Content-Type"] == "application/problem+json"


def test_unsupported_method_is_a_405_problem(api):
    r = api().request("PUT", "/leads")
    assert r.status_code == 405 and r.json["status"] == 405


# ------------------------------------------------------------------ edit


def test_patch_changes_only_what_is_sent_and_logs_old_and_new(api):
    c = api()
    lead = create(c)
    r = c.patch(f"/leads/{lead['id']}", {"city": "Graz", "postal_code": "8010",
                                        "vehicle": {"interest": {"offer": True}}},
                headers={"if-match": '"1"'})
    assert r.status_code == 200, r.json
    assert r.json["city"] == "Graz" and r.json["version"] == 2
    assert r.json["vehicle"]["interest"]["test_drive"] is True      # merged, not replaced
    assert r.json["vehicle"]["interest"]["offer"] is True
    log = c.get(f"/leads/{lead['id']}/log").json["items"]
    assert log[0]["action"] == "updated" and log[0]["actor"] == "manager"
    assert {"field": "city", "old": "Wien", "new": "Graz"} in log[0]["changes"]
    assert {"field": "vehicle.interest.offer", "old": False, "new": True} in log[0]["changes"]
    assert log[-1]["action"] == "created"


def test_patch_without_a_version_is_refused(api):
    c = api()
    lead = create(c)
    r = c.patch(f"/leads/{lead['id']}", {"city": "Graz", "postal_code": "8010"})
    assert r.status_code == 428 and r.json["current_version"] == 1


def test_stale_version_is_refused_with_the_current_one(api):
    c = api()
    lead = create(c)
    assert c.patch(f"/leads/{lead['id']}", {"remark": "first"}, headers={"if-match": '"1"'}).status_code == 200
    r = c.patch(f"/leads/{lead['id']}", {"remark": "second"}, headers={"if-match": '"1"'})
    assert r.status_code == 412 and r.json["current_version"] == 2
    assert c.get(f"/leads/{lead['id']}").json["remark"] == "first"


def test_version_may_be_sent_in_the_body(api):
    c = api()
    lead = create(c)
    assert c.patch(f"/leads/{lead['id']}", {"remark": "x", "version": 1}).status_code == 200
    assert c.patch(f"/leads/{lead['id']}", {"remark": "y", "version": 1}).status_code == 412


def test_a_version_in_the_body_is_a_number_and_must_agree_with_if_match(api):
    c = api()
    lead = create(c)
    text = c.patch(f"/leads/{lead['id']}", {"remark": "x", "version": "1"})
    assert text.status_code == 422 and [e["field"] for e in text.json["errors"]] == ["version"]
    both = c.patch(f"/leads/{lead['id']}", {"remark": "x", "version": 2}, headers={"if-match": '"1"'})
    assert both.status_code == 422 and both.json["errors"][0]["type"] == "version_mismatch"
    assert c.get(f"/leads/{lead['id']}").json["version"] == 1


def test_a_write_racing_past_the_version_check_is_still_refused(api, tenants):
    """Two writers read version 1; the store's conditional write lets only one through."""
    lead = create(api())
    first = lead_store.get_lead("t1", lead["id"])
    second = lead_store.get_lead("t1", lead["id"])
    first.data = {**first.data, "remark": "first"}
    lead_store.replace_lead(first, list(first.tokens), _audit("t1", lead["id"]))
    second.data = {**second.data, "remark": "second"}
    with pytest.raises(lead_store.WriteConflict):
        lead_store.replace_lead(second, list(second.tokens), _audit("t1", lead["id"]))
    assert lead_store.get_lead("t1", lead["id"]).data["remark"] == "first"


def _audit(tenant, lead_id):
    from chalicelib.store.models import AuditItem
    return AuditItem(f"{tenant}#lead#{lead_id}", "2026-01-01T00:00:00.000000Z#x", action="updated",
                     actor="t", role="admin", channel="api", at="2026-01-01T00:00:00.000000Z")


def test_changing_the_qualification_recomputes_the_deadline(api):
    c = api()
    with taken_in_at("2026-11-27T10:05:00+01:00"):                        # a Friday
        lead = create(c, qualification="cold", received_at="2026-11-27T10:00:00+01:00")
    assert lead["due_at"] == "2026-12-14T22:59:59.000000Z"      # 10 working days; 8 Dec is off
    r = c.patch(f"/leads/{lead['id']}", {"qualification": "hot"}, headers={"if-match": '"1"'})
    assert r.json["due_at"] == "2026-12-01T22:59:59.000000Z"    # Monday, Tuesday
    log = c.get(f"/leads/{lead['id']}/log").json["items"][0]["changes"]
    assert {"field": "due_at", "old": lead["due_at"], "new": r.json["due_at"]} in log


def test_patch_refuses_read_only_and_unknown_fields(api):
    c = api()
    lead = create(c)
    r = c.patch(f"/leads/{lead['id']}", {"created_by": "x", "channel": "import"}, headers={"if-match": '"1"'})
    assert r.status_code == 422 and {e["field"] for e in r.json["errors"]} == {"created_by", "channel"}
    r = c.patch(f"/leads/{lead['id']}", {"shoe_size": 44}, headers={"if-match": '"1"'})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "shoe_size"


def test_patch_null_clears_a_field_but_not_a_required_one(api):
    c = api()
    lead = create(c)
    r = c.patch(f"/leads/{lead['id']}", {"remark": None}, headers={"if-match": '"1"'})
    assert r.status_code == 200 and r.json["remark"] is None
    r = c.patch(f"/leads/{lead['id']}", {"last_name": None}, headers={"if-match": '"2"'})
    assert r.status_code == 422


def test_only_open_leads_can_be_edited_or_deleted(api, tenants):
    c = api()
    lead = create(c)
    r = c.patch(f"/leads/{lead['id']}", {"status": "closed"}, headers={"if-match": '"1"'})
    assert r.status_code == 200 and r.json["status"] == "closed"
    assert r.json["allowed_actions"] == ["log", "reopen"]
    r = c.patch(f"/leads/{lead['id']}", {"remark": "x"}, headers={"if-match": '"2"'})
    assert r.status_code == 409 and "closed" in r.json["detail"]
    assert c.delete(f"/leads/{lead['id']}").status_code == 409
    r = c.patch(f"/leads/{lead['id']}", {"status": "open"}, headers={"if-match": '"2"'})
    assert r.status_code == 200 and r.json["status"] == "open"


def test_a_converted_lead_cannot_be_edited_deleted_or_reopened(api):
    c = api()
    lead = create(c)
    token = c.get(f"/leads/{lead['id']}/duplicates").json["check_token"]
    converted = c.post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                        "activity": {"type": "call"}})
    assert converted.status_code == 201, converted.json
    stored, log = c.get(f"/leads/{lead['id']}").json, c.get(f"/leads/{lead['id']}/log").json
    assert (stored["status"], stored["version"]) == ("converted", 2)
    for patch in ({"remark": "x"}, {"status": "open"}, {"status": "closed"}):
        r = c.patch(f"/leads/{lead['id']}", patch, headers={"if-match": '"2"'})
        assert r.status_code == 409 and "converted" in r.json["detail"], (patch, r.json)
    r = c.delete(f"/leads/{lead['id']}", headers={"if-match": '"2"'})
    assert r.status_code == 409 and "converted" in r.json["detail"]
    assert c.get(f"/leads/{lead['id']}").json == stored
    assert c.get(f"/leads/{lead['id']}/log").json == log


# ------------------------------------------------------------------ delete and log


def test_delete_removes_the_lead_and_keeps_who_deleted_it(api):
    c = api()
    lead = create(c)
    assert c.delete(f"/leads/{lead['id']}", headers={"if-match": '"1"'}).status_code == 204
    assert c.get(f"/leads/{lead['id']}").status_code == 404
    log = c.get(f"/leads/{lead['id']}/log")
    assert log.status_code == 200
    assert [e["action"] for e in log.json["items"]] == ["deleted", "created"]
    assert log.json["items"][0]["actor"] == "manager"
    assert c.get("/leads", params={"q": "Müller"}).json["items"] == []
    # what the lead said is gone with it: its log names the fields, not their values
    created = log.json["items"][1]["changes"]
    assert {"last_name", "email"} <= {change["field"] for change in created}
    assert "Müller" not in str(created) and lead["email"] not in str(created)


def test_delete_with_a_stale_version_is_refused(api):
    c = api()
    lead = create(c)
    c.patch(f"/leads/{lead['id']}", {"remark": "x"}, headers={"if-match": '"1"'})
    assert c.delete(f"/leads/{lead['id']}", headers={"if-match": '"1"'}).status_code == 412
    assert c.get(f"/leads/{lead['id']}").status_code == 200


def test_log_pages_newest_first(api):
    c = api()
    lead = create(c)
    for version in range(1, 13):
        c.patch(f"/leads/{lead['id']}", {"remark": f"r{version}"}, headers={"if-match": f'"{version}"'})
    first = c.get(f"/leads/{lead['id']}/log", params={"page_size": 10}).json
    assert len(first["items"]) == 10 and first["items"][0]["changes"][0]["new"] == "r12"
    rest = c.get(f"/leads/{lead['id']}/log", params={"page_size": 10, "cursor": first["next_cursor"]}).json
    assert len(rest["items"]) == 3 and rest["items"][-1]["action"] == "created"
    assert rest["next_cursor"] is None


def test_unknown_and_malformed_ids_are_404(api):
    c = api()
    assert c.get("/leads/01ARZ3NDEKTSV4RRFFQ69G5FAV").status_code == 404
    assert c.get("/leads/..%2F..%2Fetc").status_code == 404
    assert c.get("/leads/nope/log").status_code == 404


# ------------------------------------------------------------------ idempotent create


def test_the_same_idempotency_key_creates_one_lead(api):
    c = api()
    first = c.post("/leads", lead_payload(), headers={"idempotency-key": "form-4711"})
    again = c.post("/leads", lead_payload(), headers={"idempotency-key": "form-4711"})
    assert first.status_code == again.status_code == 201
    assert again.json["id"] == first.json["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(c.get("/leads").json["items"]) == 1


def test_the_same_idempotency_key_with_another_body_is_refused(api):
    c = api()
    c.post("/leads", lead_payload(), headers={"idempotency-key": "k1"})
    r = c.post("/leads", lead_payload(last_name="Huber"), headers={"idempotency-key": "k1"})
    assert r.status_code == 422 and "different request body" in r.json["detail"]
    assert len(c.get("/leads").json["items"]) == 1


def test_idempotency_keys_are_per_principal(api):
    a = api("sales_manager").post("/leads", lead_payload(), headers={"idempotency-key": "same"})
    b = api("admin").post("/leads", lead_payload(), headers={"idempotency-key": "same"})
    assert a.json["id"] != b.json["id"]


def _lead_ids():
    from chalicelib.store.models import LeadItem
    return sorted(i.lead_id for i in LeadItem.scan())


def test_a_retry_gets_the_first_answer_although_the_source_was_retired_meanwhile(api):
    c = api()
    payload = lead_payload(source="Website", source_detail="Kontaktformular")
    first = c.post("/leads", payload, headers={"idempotency-key": "form-retired"})
    assert first.status_code == 201, first.json
    assert api("admin").patch("/sources/Website", {"active": False, "version": 1}).status_code == 200
    again = c.post("/leads", payload, headers={"idempotency-key": "form-retired"})
    assert again.status_code == 201, again.json
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert _lead_ids() == [first.json["id"]]
    fresh = c.post("/leads", payload, headers={"idempotency-key": "form-new"})     # a new request is held to the catalog
    assert fresh.status_code == 422 and fresh.json["errors"][0]["field"] == "source"


def test_a_retry_gets_the_first_answer_although_the_assignee_was_deactivated_meanwhile(api, tenants):
    from chalicelib.services.principals import principal_id
    c = api()
    payload = lead_payload(assignee="rep-b")
    first = c.post("/leads", payload, headers={"idempotency-key": "assign-left"})
    assert first.status_code == 201, first.json
    ref = principal_id(tenants["t1"]["sales_rep_2"]["principal"])
    off = api("admin").patch(f"/principals/{ref}", {"active": False, "version": 1})
    assert off.status_code == 200 and off.json["active"] is False
    again = c.post("/leads", payload, headers={"idempotency-key": "assign-left"})
    assert again.status_code == 201, again.json
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert _lead_ids() == [first.json["id"]]
    fresh = c.post("/leads", payload, headers={"idempotency-key": "assign-new"})   # a new request is held to the users
    assert fresh.status_code == 422 and fresh.json["errors"][0]["field"] == "assignee"
