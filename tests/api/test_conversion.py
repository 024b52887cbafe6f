"""Create activity (conversion): duplicate check, the three customer decisions, one transaction."""
import datetime as dt
import json

import pytest

from chalicelib.store import customers as customer_store
from chalicelib.store import transactions
from chalicelib.store.models import ActivityItem, CustomerItem, LeadItem, MatchKeyItem
from tests.conftest import lead_payload, vienna_today

ANNA = {"salutation": "Frau", "first_name": "Anna", "last_name": "Müller", "street": "Mariahilfer Straße 12/3/7",
        "postal_code": "1070", "city": "Wien", "country": "AT", "phone": "+43 664 1234567",
        "email": "anna.mueller@gmail.com", "birth_date": "1980-12-31"}
# A week ahead: a due date before today is refused.
SOON = (dt.date.today() + dt.timedelta(days=7)).isoformat()
ACTIVITY = {"type": "test_drive", "due_date": SOON, "notes": "Golf GTI", "details": {"vehicle": "Golf GTI"}}


def counts():
    return {m.__name__: sum(1 for _ in m.scan()) for m in (CustomerItem, ActivityItem, MatchKeyItem)}


@pytest.fixture
def anna(api):
    r = api().post("/customers", ANNA)
    assert r.status_code == 201, r.json
    return r.json


def lead_of_anna(api, **changes):
    fields = {"first_name": "Anna", "last_name": "Mueller", "email": "Anna.Mueller@GoogleMail.com",
              "phone": "0664 1234567", "street": "Mariahilferstr. 12", "birth_date": None, **changes}
    payload = lead_payload(**fields)
    r = api().post("/leads", payload)
    assert r.status_code == 201, r.json
    return r.json


def check(api, lead_id, role="sales_manager"):
    r = api(role).get(f"/leads/{lead_id}/duplicates")
    assert r.status_code == 200, r.json
    return r.json


def test_the_duplicate_check_finds_the_customer_and_shows_three_columns(api, anna):
    lead = lead_of_anna(api)
    before = counts()
    result = check(api, lead["id"])
    assert counts() == before                                   # checking writes nothing
    top = result["candidates"][0]
    assert top["customer"]["id"] == anna["id"] and top["verdict"] == "duplicate"
    assert {r["field"] for r in top["reasons"] if r["outcome"] == "agree"} >= {"last_name", "first_name", "email", "phone"}
    street = next(f for f in top["fields"] if f["field"] == "street")
    assert street == {"field": "street", "customer": "Mariahilfer Straße 12/3/7", "lead": "Mariahilferstr. 12", "differs": True}
    assert next(f for f in top["fields"] if f["field"] == "phone")["differs"] is False
    assert result["check_token"] and result["meta"]["items_read"] > 0


def test_new_customer_creates_customer_activity_and_converts_the_lead(api):
    lead = api().post("/leads", lead_payload(last_name="Neumann", first_name="Eva", email="eva@neumann.at")).json
    token = check(api, lead["id"])["check_token"]
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token, "activity": ACTIVITY})
    assert r.status_code == 201, r.json
    customer, activity = r.json["customer"], r.json["activity"]
    assert customer["last_name"] == "Neumann" and customer["email"] == "eva@neumann.at"
    assert activity["customer_id"] == customer["id"] and activity["lead_id"] == lead["id"]
    assert activity["person"]["last_name"] == "Neumann" and activity["type"] == "test_drive"
    converted = api().get(f"/leads/{lead['id']}").json
    assert (converted["status"], converted["customer_id"], converted["activity_id"]) == ("converted", customer["id"], activity["id"])
    assert converted["allowed_actions"] == ["log"]          # nothing else is accepted on a converted lead
    assert api().get(f"/leads/{lead['id']}/log").json["items"][0]["action"] == "converted"
    assert api().get(f"/customers/{customer['id']}/log").json["items"][0]["action"] == "created"
    assert [a["id"] for a in api().get(f"/customers/{customer['id']}/activities").json["items"]] == [activity["id"]]
    second = api().post("/leads", lead_payload(last_name="Neumann", first_name="Eva", email="EVA@neumann.at")).json
    assert check(api, second["id"])["candidates"][0]["customer"]["id"] == customer["id"]


def test_update_customer_takes_only_the_chosen_fields(api, anna):
    lead = lead_of_anna(api, phone="0676 9998877", city="Wien", remark="neue Nummer")
    result = check(api, lead["id"])
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "update_customer", "customer_id": anna["id"],
                   "fields": ["phone"], "check_token": result["check_token"], "activity": ACTIVITY})
    assert r.status_code == 201, r.json
    customer = api().get(f"/customers/{anna['id']}").json
    assert customer["phone"] == "+436769998877"                             # chosen
    assert customer["street"] == "Mariahilfer Straße 12/3/7"                # not chosen: untouched
    assert customer["last_name"] == "Müller" and customer["version"] == 2
    assert r.json["activity"]["person"]["phone"] == "+436769998877"         # from the customer master
    log = api().get(f"/customers/{anna['id']}/log").json["items"][0]
    assert log["changes"] == [{"field": "phone", "old": "+436641234567", "new": "+436769998877"}]


def test_keep_customer_changes_nothing_and_copies_the_master_data(api, anna):
    lead = lead_of_anna(api, phone="0676 9998877")
    token = check(api, lead["id"])["check_token"]
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "keep_customer", "customer_id": anna["id"],
                   "check_token": token, "activity": {"type": "call"}})
    assert r.status_code == 201, r.json
    assert api().get(f"/customers/{anna['id']}").json["version"] == 1
    assert r.json["activity"]["person"]["phone"] == "+436641234567"         # the master's, not the lead's


def test_only_open_leads_convert_and_a_second_conversion_is_409(api):
    lead = api().post("/leads", lead_payload(last_name="Einmal")).json
    token = check(api, lead["id"])["check_token"]
    body = {"decision": "new_customer", "check_token": token, "activity": {"type": "call"}}
    assert api().post(f"/leads/{lead['id']}/convert", body).status_code == 201
    before = counts()
    assert api().post(f"/leads/{lead['id']}/convert", body).status_code == 409
    assert api().get(f"/leads/{lead['id']}/duplicates").status_code == 409
    assert counts() == before


def test_the_same_idempotency_key_returns_the_first_result(api):
    lead = api().post("/leads", lead_payload(last_name="Zweimal")).json
    token = check(api, lead["id"])["check_token"]
    body = {"decision": "new_customer", "check_token": token, "activity": {"type": "call"}}
    first = api().post(f"/leads/{lead['id']}/convert", body, headers={"idempotency-key": "conv-1"})
    before = counts()
    again = api().post(f"/leads/{lead['id']}/convert", body, headers={"idempotency-key": "conv-1"})
    assert again.status_code == 201 and again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert counts() == before
    other = api().post(f"/leads/{lead['id']}/convert", {**body, "activity": {"type": "email"}},
                       headers={"idempotency-key": "conv-1"})
    assert other.status_code == 422


def test_a_customer_changed_after_the_check_is_a_stale_decision(api, anna):
    lead = lead_of_anna(api)
    token = check(api, lead["id"])["check_token"]
    assert api().patch(f"/customers/{anna['id']}", {"city": "Wien", "street": "Neubaugasse 1", "version": 1}).status_code == 200
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "keep_customer", "customer_id": anna["id"],
                   "check_token": token, "activity": {"type": "call"}})
    assert r.status_code == 409 and r.json["duplicate_check"]["candidates"][0]["customer"]["version"] == 2
    assert counts() == before and api().get(f"/leads/{lead['id']}").json["status"] == "open"


def test_a_new_customer_with_the_same_email_after_the_check_is_a_stale_decision(api):
    lead = api().post("/leads", lead_payload(last_name="Doppel", email="doppel@example.at")).json
    token = check(api, lead["id"])["check_token"]
    twin = api().post("/customers", {"last_name": "Doppel", "email": "doppel@example.at"}).json
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "call"}})
    assert r.status_code == 409
    assert twin["id"] in [c["customer"]["id"] for c in r.json["duplicate_check"]["candidates"]]


def test_a_failure_inside_the_transaction_changes_nothing(api, anna, monkeypatch):
    lead = lead_of_anna(api, phone="0676 9998877")
    token = check(api, lead["id"])["check_token"]
    real_commit = transactions.Transaction.commit

    def commit_with_a_failing_part(self):
        self.check(LeadItem, "t1#no-such-lead", condition=LeadItem.pk.exists(), tag="chaos")
        return real_commit(self)
    monkeypatch.setattr(transactions.Transaction, "commit", commit_with_a_failing_part)
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "update_customer", "customer_id": anna["id"],
                   "fields": ["phone"], "check_token": token, "activity": {"type": "call"}})
    monkeypatch.undo()
    assert r.status_code == 409
    assert counts() == before
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open"
    assert api().get(f"/customers/{anna['id']}").json == anna


def test_decisions_are_validated(api, anna):
    lead = lead_of_anna(api)
    token = check(api, lead["id"])["check_token"]
    post = lambda body: api().post(f"/leads/{lead['id']}/convert", {"check_token": token, "activity": {"type": "call"}, **body})
    assert post({"decision": "merge"}).status_code == 422
    assert post({"decision": "keep_customer"}).json["errors"][0]["field"] == "customer_id"
    # new_customer names what was sent that it does not take: fields alone is fields, not customer_id
    assert [e["field"] for e in post({"decision": "new_customer", "fields": ["email"]}).json["errors"]] == ["fields"]
    assert [e["field"] for e in post({"decision": "new_customer", "customer_id": anna["id"]}).json["errors"]] == ["customer_id"]
    assert post({"decision": "update_customer", "customer_id": anna["id"]}).json["errors"][0]["field"] == "fields"
    assert post({"decision": "update_customer", "customer_id": anna["id"], "fields": ["shoe_size"]}).status_code == 422
    assert post({"decision": "keep_customer", "customer_id": "01NOTACANDIDATE"}).status_code == 422
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "skydiving"}})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "activity.type"
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": "garbage",
                   "activity": {"type": "call"}})
    assert r.status_code == 400
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open"


def test_a_rep_converts_own_leads_only(api):
    own = api().post("/leads", lead_payload(last_name="Eigen", assignee="rep-a")).json
    pool = api().post("/leads", lead_payload(last_name="Pool")).json
    other = api().post("/leads", lead_payload(last_name="Fremd", assignee="rep-b")).json
    rep = api("sales_rep")
    assert rep.get(f"/leads/{pool['id']}/duplicates").status_code == 403
    assert rep.get(f"/leads/{other['id']}/duplicates").status_code == 404
    token = rep.get(f"/leads/{own['id']}/duplicates").json["check_token"]
    r = rep.post(f"/leads/{own['id']}/convert", {"decision": "new_customer", "check_token": token, "activity": {"type": "call"}})
    assert r.status_code == 201 and r.json["activity"]["assignee"] == "rep-a"
    assert [a["id"] for a in rep.get("/activities").json["items"]] == [r.json["activity"]["id"]]
    assert [a["id"] for a in api().get("/activities?assignee=rep-a").json["items"]] == [r.json["activity"]["id"]]
    typo = api().get("/activities?assignee=rep-aa")
    assert typo.status_code == 422 and [e["field"] for e in typo.json["errors"]] == ["assignee"]


def test_a_rep_converting_a_pool_lead_is_told_to_take_it_first(api):
    pool = api().post("/leads", lead_payload(last_name="Pool")).json
    rep = api("sales_rep")
    hint = "your role may not convert this lead: take the lead first (assign it to yourself)"
    checked = rep.get(f"/leads/{pool['id']}/duplicates")
    assert checked.status_code == 403 and checked.json["detail"] == hint
    r = rep.post(f"/leads/{pool['id']}/convert", {"decision": "new_customer", "check_token": "x",
                                                  "activity": {"type": "call"}})
    assert r.status_code == 403 and r.json["detail"] == hint
    assert api().get(f"/leads/{pool['id']}").json["status"] == "open"
    assert rep.patch(f"/leads/{pool['id']}", {"assignee": "rep-a"}, headers={"if-match": '"1"'}).status_code == 200
    token = rep.get(f"/leads/{pool['id']}/duplicates").json["check_token"]
    r = rep.post(f"/leads/{pool['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                  "activity": {"type": "call"}})
    assert r.status_code == 201


def test_customers_are_searchable_without_umlauts_and_editable_by_version(api, anna):
    assert [c["id"] for c in api().get("/customers", params={"q": "muller"}).json["items"]] == [anna["id"]]
    assert api("integration").get("/customers").status_code == 403
    assert api().patch(f"/customers/{anna['id']}", {"city": "Graz", "postal_code": "8010"}).status_code == 428
    assert api().patch(f"/customers/{anna['id']}", {"city": "Graz", "postal_code": "8010", "version": 1}).status_code == 200
    assert api().patch(f"/customers/{anna['id']}", {"city": "Linz", "postal_code": "4020", "version": 1}).status_code == 412


def test_the_customer_master_is_paged_by_cursor_newest_first_and_by_search(api):
    """Beyond the first page the master was reachable only by search, and a common name was cut."""
    rows = [{"external_id": f"PAGE-{i}", "last_name": "Seitenweise", "first_name": f"Kunde{i:02d}",
             "email": f"kunde{i}@example.at"} for i in range(23)]
    assert api("integration").post("/customers/bulk", {"customers": rows}).status_code == 200
    for params in ({}, {"q": "seitenweise"}):
        seen, cursor = [], None
        for _ in range(10):
            page = api().get("/customers", params={"page_size": 10, **params, **({"cursor": cursor} if cursor else {})})
            assert page.status_code == 200, page.json
            seen += [c["id"] for c in page.json["items"]]
            if not (cursor := page.json["next_cursor"]):
                break
        assert len(seen) == len(set(seen)) >= 23, (params, seen)
    other = api().get("/customers", params={"q": "seitenweise", "page_size": 10}).json["next_cursor"]
    refused = api().get("/customers", params={"cursor": other})
    assert refused.status_code == 400 and "cursor" in refused.json["detail"]
    from chalicelib.services.cursors import encode_cursor
    forged = [encode_cursor("customer-search", "t1|seitenweise", {"at": {"S": "x"}}),
              encode_cursor("customers", "t1", {"pk": {"S": "t2#x"}, "tenant": {"S": "t2"}, "recent_sk": {"S": "x"}})]
    for cursor, q in zip(forged, ("seitenweise", None)):
        r = api().get("/customers", params={"cursor": cursor, **({"q": q} if q else {})})
        assert r.status_code == 400 and "cursor" in r.json["detail"], r.json


def test_bulk_load_is_idempotent_by_external_id(api):
    rows = [{"external_id": f"DMS-{i}", "last_name": name, "first_name": "Max", "email": f"max{i}@example.at"}
            for i, name in enumerate(["Gruber", "Huber", "Bauer"])]
    bad = {"external_id": "DMS-9", "last_name": "X", "email": "not-an-email"}
    r = api("integration").post("/customers/bulk", {"customers": rows + [bad, {"last_name": "no id"}]})
    assert r.status_code == 200, r.json
    assert r.json["counts"] == {"created": 4, "rejected": 1, "needs_review": 1}
    kept = r.json["results"][3]
    assert kept["result"] == "created" and kept["problems"][0]["field"] == "email"
    assert kept["problems"][0]["given"] == "not-an-email"
    assert r.json["results"][4]["errors"][0]["field"] == "external_id"
    again = api("integration").post("/customers/bulk", {"customers": rows})
    assert again.json["counts"] == {"unchanged": 3, "needs_review": 0}
    rows[1]["email"] = "max.huber@example.at"
    changed = api("admin").post("/customers/bulk", {"customers": rows})
    assert changed.json["counts"] == {"unchanged": 2, "updated": 1, "needs_review": 0}
    assert changed.json["results"][1]["changed"] == ["email"]
    assert len(api().get("/customers", params={"page_size": 100}).json["items"]) == 4
    assert api("sales_manager").post("/customers/bulk", {"customers": rows}).status_code == 403
    assert api("integration").post("/customers/bulk", {"customers": [rows[0]] * 1001}).status_code == 422


def test_a_bulk_load_of_a_thousand_customers_as_a_dealer_system_writes_them_is_not_too_large(api):
    """The route takes up to 1,000 customers, but 1,000 records with name, company, address, phones,
    e-mail and birth date (about 370 bytes each) were refused with 413 at the API's 256 KiB."""
    record = {"external_id": "DMS-1000", "salutation": "Herr", "title": "Dr.", "first_name": "Josef",
              "last_name": "Gruber", "company": "Gruber Transporte GmbH", "street": "Hauptstraße 5/3/12",
              "postal_code": "1100", "city": "Wien", "country": "AT", "phone": "01 6041234",
              "mobile_phone": "0664 1234567", "email": "josef.gruber@example.at", "birth_date": "1968-04-12"}
    body = {"customers": [record] * 1000}
    assert len(json.dumps(body)) > 256 * 1024
    r = api("integration").post("/customers/bulk", body)
    assert r.status_code == 200, r.json
    assert r.json["counts"] == {"created": 1, "rejected": 999, "needs_review": 0}, r.json["counts"]


def test_a_bulk_record_refused_for_naming_nobody_says_which_value_was_taken_out_first(api):
    """A 5,000-character name was refused as "identifies nobody" alone: the reason was its length."""
    r = api("integration").post("/customers/bulk", {"customers": [{"external_id": "DMS-77", "last_name": "L" * 5000}]})
    assert r.status_code == 200 and r.json["counts"]["rejected"] == 1, r.json
    errors = r.json["results"][0]["errors"]
    assert errors[0]["field"] == "last_name" and "at most" in errors[0]["message"], errors
    assert any(e["type"] == "identifies_nobody" for e in errors), errors


def test_a_bulk_ids_whole_text_is_the_key_and_a_number_is_its_digits(api):
    long_a, long_b = "K" * 100 + "-A", "K" * 100 + "-B"        # one customer number of 100 characters, then two
    r = api("integration").post("/customers/bulk", {"customers": [
        {"external_id": long_a, "last_name": "Alpha", "email": "alpha@example.at"},
        {"external_id": "K" * 100, "last_name": "Kappa", "email": "kappa@example.at"},
        {"external_id": 4711, "last_name": "Viertausend", "email": "v4711@example.at"},
        {"external_id": True, "last_name": "Flag", "email": "flag@example.at"}]})
    assert r.status_code == 200, r.json
    results = r.json["results"]
    assert results[0]["result"] == "rejected" and results[0]["errors"][0]["field"] == "external_id"
    assert "longer than 100 characters" in results[0]["errors"][0]["message"]
    assert results[1]["result"] == "created"
    assert (results[2]["result"], results[2]["external_id"]) == ("created", "4711")
    assert results[3]["result"] == "rejected" and results[3]["errors"][0]["field"] == "external_id"
    again = api("integration").post("/customers/bulk", {"customers": [
        {"external_id": long_b, "last_name": "Beta", "email": "beta@example.at"},
        {"external_id": "4711", "last_name": "Viertausend", "email": "v4711@example.at"}]})
    assert [x["result"] for x in again.json["results"]] == ["rejected", "unchanged"]
    kappa = api().get("/customers", params={"q": "kappa"}).json["items"]
    assert [c["last_name"] for c in kappa] == ["Kappa"]          # not overwritten by a cut-down id


@pytest.mark.parametrize("decision, extra", [("keep_customer", {}), ("update_customer", {"fields": ["phone"]})],
                         ids=["keep_customer", "update_customer"])
def test_a_customer_edited_outside_its_match_keys_after_the_check_is_a_stale_decision(api, anna, decision, extra):
    lead = lead_of_anna(api, phone="0676 9998877")
    token = check(api, lead["id"])["check_token"]
    edited = api().patch(f"/customers/{anna['id']}", {"title": "Mag.", "version": 1})       # no match key has a title
    assert edited.status_code == 200 and edited.json["version"] == 2
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": decision, "customer_id": anna["id"],
                   "check_token": token, "activity": {"type": "call"}, **extra})
    assert r.status_code == 409, r.json
    fresh = r.json["duplicate_check"]
    assert (fresh["lead_version"], fresh["candidates"][0]["customer"]["id"]) == (1, anna["id"])
    assert fresh["candidates"][0]["customer"]["version"] == 2
    assert counts() == before
    assert api().get(f"/customers/{anna['id']}").json == edited.json
    stored = api().get(f"/leads/{lead['id']}").json
    assert (stored["status"], stored["version"], stored["activity_id"]) == ("open", 1, None)
    again = api().post(f"/leads/{lead['id']}/convert", {"decision": decision, "customer_id": anna["id"],
                       "check_token": fresh["check_token"], "activity": {"type": "call"}, **extra})
    assert again.status_code == 201, again.json                    # decided again on the fresh check


@pytest.mark.parametrize("decision, extra", [
    ("keep_customer", {}),
    ("update_customer", {"fields": ["city"]}),         # the same city: nothing to write, the version is pinned
    ("update_customer", {"fields": ["phone"]}),        # a new phone: written at the version read
], ids=["keep_customer", "update_customer_unchanged", "update_customer_changed"])
def test_a_customer_edited_while_the_conversion_commits_is_a_stale_decision(api, anna, monkeypatch, decision, extra):
    """The edit lands between the conversion's read of the customer and its transaction."""
    lead = lead_of_anna(api, phone="0676 9998877")
    token = check(api, lead["id"])["check_token"]
    real_commit = transactions.Transaction.commit

    def commit_after_an_edit(self):
        customer = CustomerItem.get(f"t1#{anna['id']}", consistent_read=True)
        customer.data = {**customer.data, "title": "Mag."}
        customer.save()
        monkeypatch.setattr(transactions.Transaction, "commit", real_commit)
        return real_commit(self)
    monkeypatch.setattr(transactions.Transaction, "commit", commit_after_an_edit)
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": decision, "customer_id": anna["id"],
                   "check_token": token, "activity": {"type": "call"}, **extra})
    monkeypatch.undo()
    assert r.status_code == 409, r.json
    assert r.json["duplicate_check"]["candidates"][0]["customer"]["version"] == 2
    assert counts() == before
    customer = api().get(f"/customers/{anna['id']}").json
    assert (customer["title"], customer["phone"], customer["version"]) == ("Mag.", anna["phone"], 2)
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open"


def test_a_lead_edited_after_the_check_is_a_stale_decision(api):
    lead = api().post("/leads", lead_payload(last_name="Nachher", email="nachher@example.at")).json
    token = check(api, lead["id"])["check_token"]
    edited = api().patch(f"/leads/{lead['id']}", {"remark": "doch lieber ein Angebot"}, headers={"if-match": '"1"'})
    assert edited.status_code == 200 and edited.json["version"] == 2
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "call"}})
    assert r.status_code == 409, r.json
    assert r.json["duplicate_check"]["lead_id"] == lead["id"] and r.json["duplicate_check"]["lead_version"] == 2
    assert counts() == before
    stored = api().get(f"/leads/{lead['id']}").json
    assert (stored["status"], stored["version"], stored["customer_id"]) == ("open", 2, None)
    assert [e["action"] for e in api().get(f"/leads/{lead['id']}/log").json["items"]] == ["updated", "created"]


RICH = dict(first_name="Anna Maria", last_name="Müller-Lüdenscheidt", street="Hauptstraße 5/3", postal_code="1070",
            city="Wien", birth_date="1980-01-02", email="anna.huber@example.at", phone="+43 1 5041234",
            mobile_phone="+43 664 1234568", company="ACME GmbH")


def test_a_lead_with_double_names_and_every_contact_converts_and_still_guards_its_e_mail(api):
    """Its check reads more keys than one transaction can re-check: the strongest are re-checked."""
    api().post("/customers", {**RICH, "email": "other@example.at", "mobile_phone": None, "phone": None})
    lead = api().post("/leads", lead_payload(**RICH)).json
    token = check(api, lead["id"])["check_token"]
    twin = api().post("/customers", {"last_name": "Doppelt", "email": RICH["email"]}).json
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "call"}})
    assert r.status_code == 409
    assert twin["id"] in [c["customer"]["id"] for c in r.json["duplicate_check"]["candidates"]]
    token = r.json["duplicate_check"]["check_token"]
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "call"}})
    assert r.status_code == 201, r.json


def test_renaming_a_customer_with_double_names_moves_every_match_key(api):
    """More keys change than one transaction holds: the old ones are removed right after."""
    from chalicelib.domain.matching import Profile, customer_keys
    customer = api().post("/customers", RICH).json
    renamed = {"first_name": "Berta Luise", "last_name": "Schmidt-Hoffmann"}
    r = api().patch(f"/customers/{customer['id']}", {**renamed, "version": 1})
    assert r.status_code == 200, r.json
    stored = {k.pk.split("#", 1)[1] for k in MatchKeyItem.scan() if k.sk == customer["id"]}
    want = customer_keys(Profile.of({**RICH, **renamed}))
    assert len(want | customer_keys(Profile.of(RICH))) > 50 and stored == want
    assert [c["id"] for c in api().get("/customers?q=schmidt").json["items"]] == [customer["id"]]
    assert api().get("/customers?q=ludenscheidt").json["items"] == []


def test_a_relative_added_elsewhere_in_town_after_the_check_does_not_make_it_stale(api):
    """Sharing only the surname and the town, it is not the person: the decision stands."""
    lead = api().post("/leads", lead_payload(last_name="Brandmair", email="elke@example.at")).json
    token = check(api, lead["id"])["check_token"]
    api().post("/customers", {"first_name": "Karl", "last_name": "Brandmair", "street": "Neubaugasse 9",
                              "postal_code": "1070", "city": "Wien", "email": "karl@example.at"})
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                   "activity": {"type": "call"}})
    assert r.status_code == 201, r.json


def converted_activity(api, first_name: str, email: str) -> dict:
    """The activity of a lead of Mr or Ms Termin converted to a new customer (at version 1)."""
    lead = api().post("/leads", lead_payload(last_name="Termin", first_name=first_name, email=email)).json
    token = check(api, lead["id"])["check_token"]
    return api().post(f"/leads/{lead['id']}/convert",
                      {"decision": "new_customer", "check_token": token, "activity": ACTIVITY}).json["activity"]


def test_an_activity_is_completed_with_if_match_as_a_lead_is_edited_or_with_the_version_in_the_body(api):
    activity = converted_activity(api, "Tina", "tina@termin.at")
    done = api().patch(f"/activities/{activity['id']}", {"status": "done"}, headers={"if-match": '"1"'})
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["version"]) == ("done", 2)
    stale = api().patch(f"/activities/{activity['id']}", {"notes": "x"}, headers={"if-match": '"1"'})
    assert stale.status_code == 412
    both = api().patch(f"/activities/{activity['id']}", {"notes": "x", "version": 2}, headers={"if-match": '"3"'})
    assert both.status_code == 422 and both.json["errors"][0]["field"] == "version"
    assert api().patch(f"/activities/{activity['id']}", {"notes": "x", "version": 2}).status_code == 200
    assert api().patch(f"/activities/{activity['id']}", {"notes": "y"}).status_code == 428


# ---------------------------------------------------------------- due dates


def test_an_activity_due_before_today_is_refused_naming_activity_due_date_and_the_lead_stays_open(api):
    lead = api().post("/leads", lead_payload(last_name="Gestern", first_name="Gerd", email="gerd@gestern.at")).json
    token = check(api, lead["id"])["check_token"]
    before = counts()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                   "activity": {"type": "call", "due_date": "2020-01-01"}})
    assert r.status_code == 422, r.json
    [error] = r.json["errors"]
    assert error["field"] == "activity.due_date" and "before today" in error["message"]
    assert vienna_today().isoformat() in error["message"] and "Europe/Vienna" in error["message"]
    assert counts() == before and api().get(f"/leads/{lead['id']}").json["status"] == "open"
    yesterday = (vienna_today() - dt.timedelta(days=1)).isoformat()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                   "activity": {"type": "call", "due_date": yesterday}})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "activity.due_date"


def test_an_activity_due_date_sent_as_a_number_is_refused_not_read_as_seconds_since_1970(api):
    lead = api().post("/leads", lead_payload(last_name="Zahl", first_name="Zora", email="zora@zahl.at")).json
    token = check(api, lead["id"])["check_token"]
    for number in (1798761600, 20270101, "1798761600"):
        r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                       "activity": {"type": "call", "due_date": number}})
        assert r.status_code == 422, r.json
        [error] = r.json["errors"]
        assert error["field"] == "activity.due_date" and "a number, not a date" in error["message"]


def test_an_if_match_sent_with_a_conversion_must_be_the_leads_version(api):
    lead = api().post("/leads", lead_payload(last_name="Etag", first_name="Eva", email="eva@etag.at")).json
    token = check(api, lead["id"])["check_token"]
    body = {"decision": "new_customer", "check_token": token, "activity": {"type": "call"}}
    assert api().post(f"/leads/{lead['id']}/convert", body, headers={"if-match": "garbage"}).status_code == 400
    stale = api().post(f"/leads/{lead['id']}/convert", body, headers={"if-match": '"7"'})
    assert stale.status_code == 412 and stale.json["current_version"] == 1
    assert api().get(f"/leads/{lead['id']}").json["status"] == "open"
    assert api().post(f"/leads/{lead['id']}/convert", body, headers={"if-match": '"1"'}).status_code == 201


def test_an_activity_due_today_in_the_tenants_time_zone_is_taken(api):
    lead = api().post("/leads", lead_payload(last_name="Heute", first_name="Hanna", email="hanna@heute.at")).json
    token = check(api, lead["id"])["check_token"]
    today = vienna_today().isoformat()
    r = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                   "activity": {"type": "call", "due_date": today}})
    assert r.status_code == 201, r.json
    assert r.json["activity"]["due_date"] == today


def test_an_activity_is_not_moved_to_a_day_before_today_but_may_keep_the_date_it_has(api):
    activity = converted_activity(api, "Toni", "toni@termin.at")
    moved = api().patch(f"/activities/{activity['id']}", {"due_date": "2020-01-01"}, headers={"if-match": '"1"'})
    assert moved.status_code == 422, moved.json
    [error] = moved.json["errors"]
    assert error["field"] == "due_date" and "before today" in error["message"]
    assert api().get(f"/customers/{activity['customer_id']}/activities").json["items"][0]["due_date"] == SOON
    today = api().patch(f"/activities/{activity['id']}", {"due_date": vienna_today().isoformat()},
                        headers={"if-match": '"1"'})
    assert today.status_code == 200, today.json
    # Days pass: the activity is overdue, and completing it sends its date back as read.
    stored = customer_store.get_activity("t1", activity["id"])
    stored.due_date = "2020-01-01"
    customer_store.save_activity(stored)
    done = api().patch(f"/activities/{activity['id']}", {"status": "done", "due_date": "2020-01-01"},
                       headers={"if-match": f'"{stored.version}"'})
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["due_date"]) == ("done", "2020-01-01")
