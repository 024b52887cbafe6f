"""Erasure (DSGVO/GDPR Art. 17): a person's every trace removed or made anonymous; the primitive
retention uses (services/erasure.py erase_leads) and POST /privacy/erasure(/preview)."""
import json
import time

from chalicelib.domain.webhook_signatures import webhook_headers
from chalicelib.services.erasure import erase_leads
from chalicelib.store import audit as audit_store
from chalicelib.store.models import IdempotencyItem, LeadItem, SearchTokenItem
from tests.conftest import lead_payload

ANNA = "anna.mueller@example.at"


def erasure_log(tenant="t1") -> list[dict]:
    entries, _ = audit_store.read(tenant, "privacy", "erasures", limit=50, start=None)
    return [audit_store.view(e) for e in entries]


def website_hook(api) -> dict:
    return api("admin").post("/integrations", {"name": "Website", "format": "generic", "default_source": "Website"}).json


def deliver(chalice_client, hook, sent: dict, msg: str):
    body = json.dumps(sent, ensure_ascii=False).encode()
    headers = {"content-type": "application/json", **webhook_headers(hook["secret"], msg, int(time.time()), body)}
    answer = chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers=headers)
    assert answer.status_code == 201, answer.body
    return json.loads(answer.body)


# ---------------------------------------------------------------- the primitive (retention uses it)


def test_erase_leads_removes_the_leads_tokens_and_raw_payload_and_blanks_the_idempotency_copy(api, bucket,
                                                                                            chalice_client):
    lead_id = api().post("/leads", lead_payload(), headers={"idempotency-key": "k-1"}).json["id"]
    hook = website_hook(api)
    hooked = deliver(chalice_client, hook, {"vorname": "Anna", "nachname": "Müller", "email": ANNA}, "m-1")["lead_id"]
    other = api().post("/leads", lead_payload(first_name="Berta", last_name="Huber", email="berta@example.at",
                                              phone="0664 7777777")).json["id"]
    counts = erase_leads("t1", [lead_id, hooked], actor="retention", role="system", reason="unconverted_lead")
    assert counts["leads"] == 2 and counts["raw_payloads"] == 1 and counts["held"] == 0
    assert counts["idempotency"] == 2                   # the API's answer and the webhook delivery's
    assert counts["search_tokens"] > 0 and counts["audit_entries"] >= 2
    assert {i.lead_id for i in LeadItem.scan()} == {other}
    assert {t.entity_id for t in SearchTokenItem.scan()} == {other}
    assert bucket.list_objects_v2(Bucket="leadflow-files").get("KeyCount") == 0
    [record] = [i for i in IdempotencyItem.scan() if "lead.create" in i.pk]
    assert record.response == {"id": lead_id, "status": "erased"}
    text = json.dumps([api("admin").get(f"/leads/{lead_id}/log").json], ensure_ascii=False)
    assert "Müller" not in text and "1234567" not in text
    [entry] = erasure_log()
    assert entry["action"] == "erasure" and entry["actor"] == "retention"
    assert "Müller" not in json.dumps(entry, ensure_ascii=False)
    # a retry with the same Idempotency-Key is answered and stores nobody again
    again = api().post("/leads", lead_payload(), headers={"idempotency-key": "k-1"})
    assert again.json == {"id": lead_id, "status": "erased"}
    assert {i.lead_id for i in LeadItem.scan()} == {other}


def hold(api, lead_id: str) -> None:
    r = api("admin").request("PUT", f"/leads/{lead_id}/legal-hold", json_body={"hold": True, "reason": "Rechtsstreit"},
                             headers={"if-match": '"1"'})
    assert r.status_code == 200, r.json


def test_erase_leads_skips_a_lead_under_legal_hold_and_counts_it(api):
    held, other = [api().post("/leads", lead_payload()).json["id"] for _ in range(2)]
    hold(api, held)
    counts = erase_leads("t1", [held, other], actor="retention", role="system", reason="unconverted_lead")
    assert (counts["leads"], counts["held"]) == (1, 1)
    assert {i.lead_id for i in LeadItem.scan()} == {held}
    assert api().get(f"/leads/{held}").json["last_name"] == "Müller"


# ---------------------------------------------------------------- the person who came through every channel

import boto3  # noqa: E402
import pytest  # noqa: E402

from chalicelib.api.responses import ErasurePreview, ErasureResult  # noqa: E402
from chalicelib.store.models import ALL_MODELS, SHARING_MODELS  # noqa: E402
from tests.conftest import drop_file, import_of  # noqa: E402

WENDELGARD = {"salutation": "Frau", "first_name": "Wendelgard", "last_name": "Obermoser", "street": "Kirchengasse 17",
              "postal_code": "1070", "city": "Wien", "country": "AT", "phone": "+43 664 9876543",
              "email": "Wendelgard.Obermoser@Example.at", "birth_date": "1979-03-14"}
# Each of her values as it may be stored: as given, folded, compact, in digits.
HER_VALUES = ("wendelgard", "obermoser", "kirchengasse", "9876543", "1979-03-14", "14.03.1979", "19790314",
              "k-4711", "1234987")
FAIR_CSV = ("Nachname;Vorname;Telefon;E-Mail;Straße;PLZ;Ort;Geburtsdatum;Probefahrt;Qualifizierung;Lead-Herkunft\r\n"
            "Gruber;Sepp;0664 5550001;sepp.gruber@example.at;Hauptplatz 1;1010;Wien;;ja;Warm;Vienna Autoshow\r\n"
            "Obermoser;Wendelgard;+43 664 9876543;wendelgard.obermoser@example.at;Kirchengasse 17;1070;Wien;"
            "14.03.1979;vielleicht;Warm;Vienna Autoshow\r\n"
            "Wallner;Resi;0664 5550002;resi.wallner@example.at;Annenstraße 3;8010;Graz;;ja;Warm;Vienna Autoshow\r\n")
DMS_NOVEMBER = ("Kundennummer;Nachname;Vorname;Straße;PLZ;Ort;Telefon;Mobil;E-Mail;Geburtsdatum\r\n"
                "K-4711;Obermoser;Wendelgard;Kirchengasse 17;1070;Wien;+43 664 9876543;0676 1234987;"
                "wendelgard.obermoser@example.at;14.03.1979\r\n"
                "K-4712;Brandstätter;Gerlinde;Lerchenfelder Straße 2;1070;Wien;0664 5550003;;;\r\n")
DMS_DECEMBER = ("Kundennummer;Nachname;Vorname;Straße;PLZ;Ort\r\n"
                "K-4712;Brandstätter;Gerlinde;Lerchenfelder Straße 2;1070;Wien\r\n"
                "K-4711;Obermoser;Wendelgard;Kirchengasse 17;1070;Wien\r\n")
OTHERS = ("gruber", "wallner", "huber", "lerchenfelder")


def traces(values) -> list[str]:
    """Where any of these values is found: every item of every table and of every index, every
    version of every object in the files bucket."""
    ddb, s3 = boto3.client("dynamodb", region_name="eu-central-1"), boto3.client("s3", region_name="eu-central-1")
    tables = {m.Meta.table_name for m in [*ALL_MODELS.values(), *(model for _, model in SHARING_MODELS)]}
    found = []
    for table in sorted(tables):
        indexes = [None] + [i["IndexName"] for i in ddb.describe_table(TableName=table)["Table"].get(
            "GlobalSecondaryIndexes", [])]
        for index in indexes:
            params = {"TableName": table, **({"IndexName": index} if index else {})}
            for page in ddb.get_paginator("scan").paginate(**params):
                for item in page["Items"]:
                    text = json.dumps(item, ensure_ascii=False).lower()
                    found += [f"{table}/{index or '-'}: {v}" for v in values if v in text]
    listing = s3.list_object_versions(Bucket="leadflow-files")
    for version in listing.get("Versions", []):
        body = s3.get_object(Bucket="leadflow-files", Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
        text = body.decode("utf-8-sig", errors="replace").lower()
        found += [f"s3 {version['Key']}@{version['VersionId']}: {v}" for v in values if v in text]
    return found


def _convert(api, lead_id: str, tenant: str) -> dict:
    token = api("sales_manager", tenant).get(f"/leads/{lead_id}/duplicates").json["check_token"]
    r = api("sales_manager", tenant).post(f"/leads/{lead_id}/convert", {
        "decision": "new_customer", "check_token": token,
        "activity": {"type": "call", "notes": "Wendelgard Obermoser will eine Probefahrt"}},
        headers={"idempotency-key": "conv-1"})
    assert r.status_code == 201, r.json
    return r.json


def everywhere(api, bucket, chalice_client) -> dict:
    """Wendelgard at the importer t2 through every channel; other people beside her."""
    bucket.put_bucket_versioning(Bucket="leadflow-files", VersioningConfiguration={"Status": "Enabled"})
    admin = api("admin", "t2")
    version = admin.get("/tenant").json["version"]
    assert admin.patch("/tenant", {"version": version, "reinquiry_days": 30}).status_code == 200
    assert api("admin", "t1").request("PUT", "/links/importers/t2").status_code == 200
    assert admin.request("PUT", "/links/dealers/t1", json_body={"codes": []}).status_code == 200
    manager = api("sales_manager", "t2")
    # 0. a lead of hers (another address) a user deleted: its log keeps no values
    deleted = manager.post("/leads", lead_payload(first_name="Wendelgard", last_name="Obermoser",
                                                  email="w.obermoser@example.com", remark="Wendelgard, Kirchengasse"))
    assert manager.delete(f"/leads/{deleted.json['id']}", headers={"if-match": '"1"'}).status_code == 204
    # 1. the API, with an Idempotency-Key (the answer's copy)
    first = manager.post("/leads", lead_payload(**WENDELGARD, remark="Wendelgard ruft zurück"),
                         headers={"idempotency-key": "first-1"})
    assert first.status_code == 201, first.json
    lead_id = first.json["id"]
    # 2. a webhook delivery (a re-inquiry: its raw payload is named in the lead's log)
    hook = admin.post("/integrations", {"name": "Website", "format": "generic", "default_source": "Website"}).json
    sent = {"vorname": "Wendelgard", "nachname": "Obermoser", "email": "wendelgard.obermoser@example.at",
            "telefon": "+43 664 9876543", "strasse": "Kirchengasse 17", "nachricht": "Bitte um Rückruf"}
    assert deliver(chalice_client, hook, sent, "w-1")["reinquiry_of"] == lead_id
    # 3. a file import: her row a re-inquiry with a warning in the report; others' rows beside it
    drop_file(bucket, chalice_client, "incoming/t2/Messe 2026.csv", FAIR_CSV.encode("utf-8"))
    assert import_of(lambda *a: api("sales_manager", "t2"), "Messe 2026.csv")["status"] in ("done", "partial")
    # 4. the dealer system's customer master
    bulk = admin.post("/customers/bulk", {"customers": [{**{k: v for k, v in WENDELGARD.items() if k != "salutation"},
                                                         "external_id": "K-4711"}]})
    assert bulk.status_code == 200, bulk.json
    # ... and its files: one changes her (the log names the row), a later one repeats her without
    # e-mail or phone (unchanged: only her customer number names her)
    drop_file(bucket, chalice_client, "incoming/t2/customers/DMS 2026-11.csv", DMS_NOVEMBER.encode("cp1252"))
    assert import_of(lambda *a: admin, "DMS 2026-11.csv")["counts"]["updated"] == 1
    drop_file(bucket, chalice_client, "incoming/t2/customers/DMS 2026-12.csv", DMS_DECEMBER.encode("cp1252"))
    assert import_of(lambda *a: admin, "DMS 2026-12.csv")["counts"]["unchanged"] == 2
    # 5. conversion with an activity (idempotent: the answer's copy holds the customer)
    converted = _convert(api, lead_id, "t2")
    # 6. another make: a new lead, forwarded to the linked dealer t1
    forwarded = manager.post("/leads", lead_payload(**WENDELGARD, vehicle={"interest": {
        "make": "Audi", "models": ["Q4"], "dealer_contact": True}})).json
    r = manager.post(f"/leads/{forwarded['id']}/forward", {"dealer": "t1"}, headers={"if-match": '"1"'})
    assert r.status_code == 200, r.json
    # others
    berta = manager.post("/leads", lead_payload(first_name="Berta", last_name="Huber", email="berta.huber@example.at",
                                                phone="+43 664 7777777", street="Lange Gasse 5")).json["id"]
    assert {v for v in HER_VALUES if traces([v])} >= {"wendelgard", "obermoser", "kirchengasse", "9876543"}
    return {"lead_id": lead_id, "customer_id": converted["customer"]["id"], "berta": berta}


def test_a_person_who_came_through_every_channel_is_found_nowhere_after_the_erasure(api, bucket, chalice_client):
    made = everywhere(api, bucket, chalice_client)
    admin = api("admin", "t2")
    export = admin.post("/privacy/access", {"email": "wendelgard.obermoser@example.at"}).json
    assert export["counts"]["leads"] == 2 and export["counts"]["customers"] == 2
    assert export["counts"]["raw_payloads"] == 1 and export["counts"]["import_rows"] == 3
    assert {(r["file"], r["row"]) for r in export["import_rows"]} == {
        ("Messe 2026.csv", 3), ("DMS 2026-11.csv", 2), ("DMS 2026-12.csv", 3)}

    preview = admin.post("/privacy/erasure/preview", {"email": "wendelgard.obermoser@example.at"})
    assert preview.status_code == 200, preview.json
    ErasurePreview.model_validate(preview.json)
    assert preview.json["counts"]["leads"] == 2 and preview.json["ids"]["forwarded"] == ["t1"]
    assert preview.json["counts"]["report_lines"] >= 1 and preview.json["counts"]["raw_payloads"] == 1
    assert made["lead_id"] in preview.json["ids"]["leads"]

    done = admin.post("/privacy/erasure", {"email": "wendelgard.obermoser@example.at", "confirm": True})
    assert done.status_code == 200, done.json
    ErasureResult.model_validate(done.json)
    counts = done.json["counts"]
    assert (counts["leads"], counts["customers"], counts["activities"]) == (2, 2, 1)
    assert counts["raw_payloads"] == 1 and counts["import_rows"] == 3 and counts["report_lines"] >= 1
    assert counts["forwarded"] == 1 and counts["match_keys"] > 0 and counts["contact_claims"] >= 1
    assert counts["idempotency"] >= 2
    same = ("leads", "customers", "activities", "consents", "search_tokens", "idempotency", "contact_claims",
            "raw_payloads", "import_rows", "report_lines", "forwarded")
    assert {k: counts[k] for k in same} == {k: preview.json["counts"][k] for k in same}     # the preview was right

    # the dealer's admin sees the request and carries it out
    dealer = api("admin", "t1")
    [request] = dealer.get("/privacy/requests").json["items"]
    assert (request["from"], request["status"]) == ("t2", "pending")
    assert dealer.post("/privacy/erasure/preview", {"request_id": request["id"]}).json["counts"]["leads"] == 1
    carried = dealer.post("/privacy/erasure", {"request_id": request["id"], "confirm": True})
    assert carried.status_code == 200, carried.json
    assert carried.json["counts"]["leads"] == 1
    assert dealer.get("/privacy/requests").json["items"][0]["status"] == "done"

    assert traces(HER_VALUES) == []
    # nobody else lost anything
    assert all(traces([name]) for name in OTHERS)
    assert api("sales_manager", "t2").get(f"/leads/{made['berta']}").status_code == 200
    # both sides' logs say what happened, without her values
    importer_log, dealer_log = erasure_log("t2"), erasure_log("t1")
    assert {e["action"] for e in importer_log} == {"erasure", "erasure_request_done"}
    assert {e["action"] for e in dealer_log} == {"erasure", "erasure_requested"}
    erasures = [(e, {c["field"]: c["new"] for c in e["changes"]}) for e in importer_log if e["action"] == "erasure"]
    assert sorted(said["reason"] != "leads deleted" for _, said in erasures) == [False, True]
    [entry] = [e for e, said in erasures if said["reason"] != "leads deleted"]
    assert entry["actor"] == "admin" and {c["field"]: c["new"] for c in entry["changes"]}["counts"] == counts

    # once more: nothing is found, and the answer says so
    again = admin.post("/privacy/erasure", {"email": "wendelgard.obermoser@example.at", "confirm": True}).json
    assert again["nothing_found"] is True and not any(again["counts"].values()) and again["detail"]


# ---------------------------------------------------------------- guards


@pytest.mark.parametrize("role", ["sales_manager", "sales_rep", "integration", "auditor"])
def test_only_an_admin_may_erase_or_preview(api, role):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    assert api(role).post("/privacy/erasure", {"email": ANNA, "confirm": True}).status_code == 403
    assert api(role).post("/privacy/erasure/preview", {"email": ANNA}).status_code == 403
    assert api(role).get("/privacy/requests").status_code == 403
    assert LeadItem.get(f"t1#{lead_id}") and erasure_log() == []


def test_another_tenants_admin_erases_nothing_of_this_tenants_person(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    done = api("admin", "t2").post("/privacy/erasure", {"email": ANNA, "lead_id": lead_id, "confirm": True})
    assert done.status_code == 200 and done.json["nothing_found"] is True
    assert api().get(f"/leads/{lead_id}").json["last_name"] == "Müller"
    assert erasure_log("t1") == [] and [e["actor"] for e in erasure_log("t2")] == ["admin"]


def test_another_tenants_request_cannot_be_carried_out_elsewhere(api):
    assert api("admin", "t2").post("/privacy/erasure", {"request_id": "01M8WDBP1P07AK2R9751DG0EQF",
                                                        "confirm": True}).status_code == 404


@pytest.mark.parametrize("confirm", [None, False, "yes", 1])
def test_an_erasure_without_confirm_true_is_422_at_confirm_and_erases_nothing(api, confirm):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    body = {"email": ANNA, **({"confirm": confirm} if confirm is not None else {})}
    r = api("admin").post("/privacy/erasure", body)
    assert r.status_code == 422, r.json
    assert "confirm" in [e["field"] for e in r.json["errors"]]
    assert LeadItem.get(f"t1#{lead_id}") and erasure_log() == []


def test_the_preview_names_what_would_go_and_writes_nothing(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    r = api("admin").post("/privacy/erasure/preview", {"email": ANNA})
    assert r.status_code == 200, r.json
    ErasurePreview.model_validate(r.json)
    assert r.json["ids"]["leads"] == [lead_id] and r.json["counts"]["leads"] == 1
    assert r.json["counts"]["search_tokens"] > 0 and r.json["nothing_found"] is False
    assert LeadItem.get(f"t1#{lead_id}") and erasure_log() == []
    assert "Müller" in json.dumps(api().get(f"/leads/{lead_id}/log").json, ensure_ascii=False)


def test_a_customers_match_keys_go_and_the_duplicate_check_still_finds_the_other_customer(api):
    """Two customers share the postal-code key: the erased one's member goes, the head stays counted up."""
    manager = api()
    mine = manager.post("/customers", {"first_name": "Anna", "last_name": "Müller", "email": ANNA,
                                       "postal_code": "1070", "city": "Wien"}).json["id"]
    other = manager.post("/customers", {"first_name": "Anton", "last_name": "Müller", "email": "anton@example.at",
                                        "postal_code": "1070", "city": "Wien"}).json["id"]
    done = api("admin").post("/privacy/erasure", {"customer_id": mine, "confirm": True}).json
    assert done["counts"]["customers"] == 1 and done["counts"]["match_keys"] > 0
    from chalicelib.store.models import MatchKeyItem
    items = list(MatchKeyItem.scan())
    assert not [i for i in items if i.customer_id == mine or ANNA in i.pk]
    assert [i for i in items if i.customer_id == other]
    lead_id = manager.post("/leads", lead_payload(first_name="Anton", email="anton@example.at", phone=None,
                                                  street=None)).json["id"]
    candidates = manager.get(f"/leads/{lead_id}/duplicates").json["candidates"]
    assert [c["customer"]["id"] for c in candidates] == [other]


def test_a_lead_under_legal_hold_is_skipped_and_reported(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    hold(api, lead_id)
    preview = api("admin").post("/privacy/erasure/preview", {"email": ANNA}).json
    assert preview["held"] == [{"lead_id": lead_id, "reason": "under legal hold"}] and preview["ids"]["leads"] == []
    done = api("admin").post("/privacy/erasure", {"email": ANNA, "confirm": True}).json
    assert done["held"] == [{"lead_id": lead_id, "reason": "under legal hold"}] and done["counts"]["leads"] == 0
    assert done["detail"] is None
    assert api().get(f"/leads/{lead_id}").json["last_name"] == "Müller"


def test_a_person_found_only_in_a_lead_under_legal_hold_is_not_reported_as_nothing_found(api):
    lead_id = api().post("/leads", lead_payload()).json["id"]
    hold(api, lead_id)
    preview = api("admin").post("/privacy/erasure/preview", {"email": ANNA})
    assert preview.status_code == 200, preview.json
    ErasurePreview.model_validate(preview.json)
    assert preview.json["held"] == [{"lead_id": lead_id, "reason": "under legal hold"}]
    assert not any(preview.json["counts"].values()) and preview.json["nothing_found"] is False
    done = api("admin").post("/privacy/erasure", {"email": ANNA, "confirm": True}).json
    assert done["held"] and done["nothing_found"] is False and done["detail"] is None


def test_a_forwarded_copys_erasure_request_is_carried_out_only_by_the_dealers_admin(api):
    assert api("admin", "t1").request("PUT", "/links/importers/t2").status_code == 200
    assert api("admin", "t2").request("PUT", "/links/dealers/t1", json_body={"codes": []}).status_code == 200
    lead = api("sales_manager", "t2").post("/leads", lead_payload(vehicle={"interest": {
        "make": "Audi", "dealer_contact": True}})).json
    assert api("sales_manager", "t2").post(f"/leads/{lead['id']}/forward", {"dealer": "t1"},
                                           headers={"if-match": '"1"'}).status_code == 200
    assert api("admin", "t2").post("/privacy/erasure", {"email": ANNA, "confirm": True}).json["counts"]["forwarded"] == 1
    [request] = api("admin", "t1").get("/privacy/requests").json["items"]
    assert api("admin", "t2").get("/privacy/requests").json["items"] == []
    # the importer cannot carry out the dealer's request, nor can the dealer's manager
    assert api("admin", "t2").post("/privacy/erasure", {"request_id": request["id"], "confirm": True}).status_code == 404
    assert api("sales_manager", "t1").post("/privacy/erasure", {"request_id": request["id"],
                                                                "confirm": True}).status_code == 403
    [copy] = [i for i in LeadItem.scan() if i.tenant == "t1"]
    assert copy.data["last_name"] == "Müller"
    done = api("admin", "t1").post("/privacy/erasure", {"request_id": request["id"], "confirm": True}).json
    assert done["counts"]["leads"] == 1 and not [i for i in LeadItem.scan() if i.tenant == "t1"]
    # a second run of the importer's erasure asks nobody again; the done request stays done
    assert api("admin", "t2").post("/privacy/erasure", {"email": ANNA, "confirm": True}).json["nothing_found"]
    assert [r["status"] for r in api("admin", "t1").get("/privacy/requests").json["items"]] == ["done"]


def test_the_preview_counts_what_the_erasure_then_reports_kind_by_kind(api):
    """The preview said 16 match keys, the erasure 30: it counted the keys' heads as well."""
    manager = api()
    customer = manager.post("/customers", {"first_name": "Birgit", "last_name": "Huber", "email": "birgit.h55@example.at",
                                           "phone": "0664 5550055", "street": "Ring 5", "postal_code": "1010",
                                           "city": "Wien", "birth_date": "1955-05-05"}).json
    manager.post("/leads", lead_payload(first_name="Birgit", last_name="Huber", email="birgit.h55@example.at",
                                        phone="0664 5550055"))
    preview = api("admin").post("/privacy/erasure/preview", {"email": "birgit.h55@example.at"}).json
    done = api("admin").post("/privacy/erasure", {"email": "birgit.h55@example.at", "confirm": True}).json
    assert preview["counts"]["match_keys"] > 0 and customer["id"] in preview["ids"]["customers"], (customer, preview)
    assert {k: v for k, v in done["counts"].items() if k in preview["counts"]} == preview["counts"]


def test_the_file_an_erasure_rewrites_is_not_imported_again(api, bucket, chalice_client):
    """Blanking her rows writes the file anew under incoming/: S3 notifies the importer of that
    write as of any; it must not import everyone else's rows a second time (a closed lead's person
    would get a new lead, an open one a re-inquiry that never happened)."""
    from urllib.parse import quote_plus

    from tests.conftest import notify_importer
    key = "incoming/t1/Messe Erase.csv"
    drop_file(bucket, chalice_client, key, "Nachname;Vorname;E-Mail\nAlpha;Anna;alpha.erase@example.at\n"
              "Beta;Bernd;beta.erase@example.at\nGamma;Gerda;gamma.erase@example.at\n".encode())
    manager = api("sales_manager")
    [beta] = manager.get("/leads", params={"q": "beta.erase@example.at"}).json["items"]
    assert manager.patch(f"/leads/{beta['id']}", {"status": "closed"}, headers={"If-Match": '"1"'}).status_code == 200
    erased = api("admin").post("/privacy/erasure", {"email": "alpha.erase@example.at", "confirm": True})
    assert erased.status_code == 200 and erased.json["counts"]["import_rows"] == 1
    assert b"Alpha" not in bucket.get_object(Bucket="leadflow-files", Key=key)["Body"].read()
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket="leadflow-files", key=quote_plus(key)))
    assert [i["file"] for i in api("admin").get("/imports").json["items"]] == ["Messe Erase.csv"]
    assert len(manager.get("/leads", params={"q": "beta.erase@example.at"}).json["items"]) == 1
    [gamma] = manager.get("/leads", params={"q": "gamma.erase@example.at"}).json["items"]
    assert (gamma["version"], gamma["touches"]) == (1, 0)


def test_an_erasure_blanks_the_rows_of_the_file_version_its_import_read_and_leaves_a_later_file_at_that_key(
        api, bucket, chalice_client):
    """The same file name dropped again (a corrected list) is another import of another version:
    blanking her rows in the first must not touch the second, nor delete it."""
    key = "incoming/t1/Messe Zweimal.csv"
    drop_file(bucket, chalice_client, key, "Nachname;Vorname;E-Mail\nAlpha;Anna;alpha.zwei@example.at\n"
              "Beta;Bernd;beta.zwei@example.at\n".encode())
    drop_file(bucket, chalice_client, key, "Nachname;Vorname;E-Mail\nGamma;Gerda;gamma.zwei@example.at\n"
              "Delta;Dora;delta.zwei@example.at\n".encode())
    assert len(api("admin").get("/imports").json["items"]) == 2
    erased = api("admin").post("/privacy/erasure", {"email": "alpha.zwei@example.at", "confirm": True})
    assert erased.status_code == 200 and erased.json["counts"]["import_rows"] == 1, erased.json
    admin = api("admin")
    beta = admin.post("/privacy/access", {"email": "beta.zwei@example.at"}).json["import_rows"]
    gamma = admin.post("/privacy/access", {"email": "gamma.zwei@example.at"}).json["import_rows"]
    assert [(r["row"], r["cells"]["Nachname"]) for r in beta] == [(3, "Beta")], beta
    assert [(r["row"], r["cells"]["Nachname"]) for r in gamma] == [(2, "Gamma")], gamma
    versions = bucket.list_object_versions(Bucket="leadflow-files", Prefix=key)["Versions"]
    bodies = [bucket.get_object(Bucket="leadflow-files", Key=key, VersionId=v["VersionId"])["Body"].read() for v in versions]
    assert len(bodies) == 2 and not any(b"Alpha" in body for body in bodies), bodies
