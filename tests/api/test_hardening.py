"""Inputs that once caused 500s or slipped past a guard (found in review); each answers 4xx now."""
import base64
import json
import time

import pytest

from chalicelib.store import leads as lead_store
from chalicelib.store.models import IdempotencyItem
from chalicelib.domain.webhook_signatures import webhook_headers
from tests.conftest import lead_payload, webhook_integration


@pytest.mark.parametrize("value", ['"' + "9" * 5000 + '"', '"\u00b2"', '"1.5"', '"-1"'])
def test_a_malformed_if_match_is_400(api, value):
    lead = api().post("/leads", lead_payload()).json
    r = api().patch(f"/leads/{lead['id']}", {"remark": "x"}, headers={"if-match": value})
    assert r.status_code == 400 and "If-Match" in r.json["detail"]
    assert api().get(f"/leads/{lead['id']}").json == lead
    assert [e["action"] for e in api().get(f"/leads/{lead['id']}/log").json["items"]] == ["created"]


def test_a_malformed_if_match_on_what_is_no_lead_does_not_speak_of_a_lead(api):
    r = api("admin").request("PUT", "/routing-rules", json_body={"rules": []}, headers={"if-match": "abc"})
    assert r.status_code == 400
    assert r.json["detail"] == 'If-Match must be the version you read, as an ETag, e.g. "3"'


def test_json_nested_deeper_than_32_levels_is_400(api):
    deep = {"remark": "x"}
    for _ in range(40):
        deep = {"a": deep}
    r = api().post("/leads", deep)
    assert r.status_code == 400 and "nested" in r.json["detail"]


@pytest.mark.parametrize("received_at", ["0001-01-01T00:30:00+01:00", "0999-06-01T00:00:00+00:00", "1999-12-31T23:00:00Z"])
def test_implausibly_old_received_times_are_422(api, received_at):
    r = api().post("/leads", lead_payload(received_at=received_at))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "received_at"


@pytest.mark.parametrize("params", [{"received_from": "0001-01-01T00:00:00+01:00"},
                                    {"received_to": "9999-12-31T23:59:59-01:00"},
                                    {"received_from": "2026-12-01", "received_to": "2026-01-01"}])
def test_impossible_received_ranges_are_422(api, params):
    assert api().get("/leads", params=params).status_code == 422


@pytest.mark.parametrize("cursor", [
    base64.urlsafe_b64encode(b"[" * 1400).decode(),                      # nested too deeply
    "eyJrIjoicmVjZW50In0",                                              # no key at all
])
def test_garbled_cursors_are_400(api, cursor):
    assert api().get("/leads", params={"cursor": cursor}).status_code == 400


def test_a_cursor_with_a_missing_sort_key_is_400(api):
    for _ in range(12):
        api().post("/leads", lead_payload())
    real = api().get("/leads", params={"page_size": 10}).json["next_cursor"]
    data = json.loads(base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)))
    data["key"].pop("recent_sk")
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    assert api().get("/leads", params={"page_size": 10, "cursor": forged}).status_code == 400


def test_a_converted_lead_answers_409_to_any_edit(api):
    lead = api().post("/leads", lead_payload()).json
    item = lead_store.get_lead("t1", lead["id"])
    item.status = "converted"
    item.save()
    r = api().patch(f"/leads/{lead['id']}", {"remark": "x", "version": 2})
    assert r.status_code == 409 and "converted" in r.json["detail"]


def test_a_lead_from_a_retired_source_can_still_be_edited(api):
    lead = api().post("/leads", lead_payload(source="Website", source_detail="Kontaktformular")).json
    assert api("admin").patch("/sources/Website", {"active": False, "version": 1}).status_code == 200
    r = api().patch(f"/leads/{lead['id']}", {"remark": "Rückruf am Montag", "version": 1})
    assert r.status_code == 200 and r.json["source"] == "Website"
    assert r.json["due_at"] == lead["due_at"]                      # only a qualification change moves it


def test_search_pages_on_past_the_exact_word_into_longer_ones(api):
    c = api()
    for i in range(10):
        c.post("/leads", lead_payload(last_name="Müller", first_name=f"M{i}"))
    c.post("/leads", lead_payload(last_name="Müllerová"))
    first = c.get("/leads", params={"q": "muller", "page_size": 10}).json
    assert len(first["items"]) == 10 and first["next_cursor"]
    rest = c.get("/leads", params={"q": "muller", "page_size": 10, "cursor": first["next_cursor"]}).json
    assert [i["last_name"] for i in rest["items"]] == ["Müllerová"]


def test_a_patch_that_changes_nothing_writes_nothing(api):
    customer = api().post("/customers", {"last_name": "Gleich", "email": "gleich@example.at"}).json
    r = api().patch(f"/customers/{customer['id']}", {"last_name": "Gleich", "version": 1}, headers={"if-match": '"1"'})
    assert r.status_code == 200 and r.json == customer
    assert api().get(f"/customers/{customer['id']}").json == customer
    assert [e["action"] for e in api().get(f"/customers/{customer['id']}/log").json["items"]] == ["created"]


def test_a_tampered_check_token_is_400(api):
    lead = api().post("/leads", lead_payload(last_name="Token")).json
    token = api().get(f"/leads/{lead['id']}/duplicates").json["check_token"]
    payload, _, signature = token.partition(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["heads"] = {}                                              # drop what the conversion would re-check
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=") + "." + signature
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": forged,
                                                    "activity": {"type": "call"}})
    assert r.status_code == 400
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open"


def test_an_expired_idempotency_key_may_be_used_again(api):
    c = api()
    first = c.post("/leads", lead_payload(), headers={"idempotency-key": "old"}).json
    for record in IdempotencyItem.scan():
        record.expires_at = int(time.time()) - 1
        record.save()
    again = c.post("/leads", lead_payload(last_name="Neu"), headers={"idempotency-key": "old"})
    assert again.status_code == 201 and again.json["id"] != first["id"]


def test_a_chosen_field_the_lead_lacks_does_not_erase_the_customer(api):
    anna = api().post("/customers", {"last_name": "Kern", "first_name": "Anna", "email": "anna@kern.at",
                                     "phone": "+436641112233"}).json
    lead = api().post("/leads", {"last_name": "Kern", "first_name": "Anna", "phone": "0664 1112233"}).json
    check = api().get(f"/leads/{lead['id']}/duplicates").json
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "update_customer", "customer_id": anna["id"],
                   "fields": ["email"], "check_token": check["check_token"], "activity": {"type": "call"}})
    assert r.status_code == 422 and "email" in r.json["errors"][0]["message"]
    assert api().get(f"/customers/{anna['id']}").json["email"] == "anna@kern.at"


def test_a_lead_whose_remark_holds_half_a_character_is_a_422_naming_remark(api):
    r = api().post("/leads", lead_payload(remark="Grüße \ud83d"))        # an emoji cut in two, escaped in JSON
    assert r.status_code == 422, r.json
    assert [(e["field"], e["type"]) for e in r.json["errors"]] == [("remark", "string_unicode")]
    assert "surrogate" in r.json["errors"][0]["message"]
    assert api().get("/leads").json["items"] == []


def test_a_field_name_with_half_a_character_is_a_422_that_names_it(api):
    r = api().post("/leads", {**lead_payload(), "\udc00": "x"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "\\udc00"


def test_a_customer_load_whose_external_id_holds_half_a_character_rejects_that_record_by_name_not_the_load(api):
    r = api("integration").post("/customers/bulk", {"customers": [{"external_id": "E\ud800", "last_name": "Bulk"},
                                                                  {"external_id": "E1", "last_name": "Ganz"}]})
    assert r.status_code == 200, r.json
    refused, loaded = r.json["results"]
    assert (refused["index"], refused["result"]) == (0, "rejected")
    assert refused["errors"][0]["field"] == "external_id" and "surrogate" in refused["errors"][0]["message"]
    assert loaded["result"] == "created"


def test_a_customer_record_with_half_a_character_in_a_name_is_stored_without_it_and_flagged_the_others_loaded(api):
    r = api("integration").post("/customers/bulk", {"customers": [
        {"external_id": "E1", "last_name": "Huber", "first_name": "Jo\ud83d", "email": "jo@example.at"},
        {"external_id": "E2", "last_name": "Maier", "email": "maier@example.at"}]})
    assert r.status_code == 200, r.json
    flawed, clean = r.json["results"]
    assert (flawed["index"], flawed["result"], clean["result"]) == (0, "created", "created")
    [half] = flawed["problems"]
    assert (half["field"], half["given"]) == ("first_name", "Jo\\ud83d") and "surrogate" in half["reason"]
    customer = api().get(f"/customers/{flawed['customer_id']}").json
    assert customer["needs_review"] and "first_name" not in {k for k, v in customer.items() if v}
    assert r.json["counts"] == {"created": 2, "needs_review": 1}


def test_a_customer_record_with_a_key_twice_is_stored_without_that_field_and_flagged_the_others_loaded(api):
    body = ('{"customers": [{"external_id": "E1", "last_name": "Huber", "email": "a@example.at", "email": "b@example.at"},'
            ' {"external_id": "E2", "last_name": "Maier", "email": "maier@example.at"}]}').encode()
    r = api("integration").request("POST", "/customers/bulk", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.json
    flawed, clean = r.json["results"]
    assert (flawed["result"], clean["result"]) == ("created", "created")
    [twice] = flawed["problems"]
    assert (twice["field"], twice["given"]) == ("email", ["a@example.at", "b@example.at"])
    assert "appears twice in the record" in twice["reason"]
    assert api().get(f"/customers/{flawed['customer_id']}").json.get("email") is None   # neither value guessed


def test_a_customer_record_whose_external_id_is_given_twice_is_rejected_by_index_the_others_loaded(api):
    body = ('{"customers": [{"external_id": "E2", "last_name": "Maier"},'
            ' {"external_id": "E1", "external_id": "E9", "last_name": "Huber"}]}').encode()
    r = api("integration").request("POST", "/customers/bulk", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.json
    assert [(x["index"], x["result"]) for x in r.json["results"]] == [(0, "created"), (1, "rejected")]
    assert r.json["results"][1]["errors"][0]["field"] == "external_id"


@pytest.mark.parametrize("body", [
    b'{"customers": [{"external_id": "E1", "last_name": "Huber"}], "customers": []}',
    b'{"customers": [{"external_id": "E1", "last_name": "Huber"}], "\\ud800": 1}',
])
def test_a_bulk_body_broken_outside_its_records_is_still_a_422_and_loads_nothing(api, body):
    r = api("integration").request("POST", "/customers/bulk", body=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.json
    assert api().get("/customers").json["items"] == []


@pytest.mark.parametrize("country", [1.5, 40, True, ["AT"], {"code": "AT"}])
def test_a_country_that_is_no_text_is_a_422_naming_country_not_replaced_by_a_guess(api, country):
    lead = api().post("/leads", lead_payload(country=country))
    assert lead.status_code == 422, lead.json
    assert [e["field"] for e in lead.json["errors"]] == ["country"]
    customer = api().post("/customers", {"last_name": "Huber", "email": "h@example.at", "country": country})
    assert customer.status_code == 422 and [e["field"] for e in customer.json["errors"]] == ["country"]


@pytest.mark.parametrize("path", ["/imports", "/users", "/sources", "/integrations", "/principals"])
def test_a_route_without_query_parameters_refuses_any_by_name(api, path):
    r = api("admin").get(path, params={"page_size": "-1", "foo": "bar"})
    assert r.status_code == 422, r.json
    assert {e["field"] for e in r.json["errors"]} == {"page_size", "foo"}
    assert api("admin").get(path).status_code == 200


def test_a_query_parameter_given_twice_is_named_not_reported_as_a_wrong_value(api):
    r = api().get("/leads?page_size=25&page_size=10")
    assert r.status_code == 422
    assert [(e["field"], e["message"]) for e in r.json["errors"]] == [("page_size", "given 2 times; send it once")]


def test_a_webhook_url_with_a_query_string_still_takes_the_lead(api, bucket, chalice_client):
    hook = webhook_integration(api, "generic")
    body = json.dumps({"vorname": "Ute", "nachname": "Query", "email": "ute@query.at"}).encode()
    headers = {"content-type": "application/json", **webhook_headers(hook["secret"], "q-1", int(time.time()), body)}
    r = chalice_client.http.post(f"/webhooks/{hook['id']}?utm_source=site", body=body, headers=headers)
    assert r.status_code == 201, r.body
    assert chalice_client.http.get("/health?probe=1").status_code == 200

