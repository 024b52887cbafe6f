"""Web-form webhooks: integrations, the three sender formats, signatures, replays, nothing lost or doubled."""
import json
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from chalicelib.domain.webhook_signatures import webhook_headers
from chalicelib.store.models import IdempotencyItem, LeadItem, TenantItem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "webhooks"
BUCKET = "leadflow-files"
SITE = "https://www.autohaus-eins.at"


@pytest.fixture
def integration(api, bucket):
    def make(fmt="generic", tenant="t1", **settings):
        body = {"name": f"{fmt} sender", "format": fmt, "default_source": "Website",
                "default_source_detail": "Kontaktformular", **settings}
        if fmt == "html_form":
            body.setdefault("allowed_origins", [SITE])
        created = api("admin", tenant=tenant).post("/integrations", body)
        assert created.status_code == 201, created.json
        return created.json
    return make


def post(chalice_client, integration_id, body: bytes, content_type="application/json", **headers):
    response = chalice_client.http.post(f"/webhooks/{integration_id}", body=body,
                                        headers={"content-type": content_type, **headers})
    response.headers = {k.lower(): v for k, v in response.headers.items()}
    response.json = json.loads(response.body) if response.body and response.headers.get(
        "content-type", "").startswith(("application/json", "application/problem+json")) else None
    return response


def signed(secret, body: bytes, msg_id="msg_2Qx7", timestamp=None) -> dict:
    return webhook_headers(secret, msg_id, int(timestamp or time.time()), body)


def leads_of(tenant="t1"):
    return [i for i in LeadItem.scan() if i.tenant == tenant]


LEAD = {"vorname": "Jana", "nachname": "Müller", "email": "jana.mueller@example.de", "telefon": "0664 1234567",
        "modell": "ID.4", "probefahrt": "ja", "nachricht": "Bitte um Rückruf", "newsletter_quelle": "Sommer"}


# ---------------------------------------------------------------- integrations


def test_the_secret_is_shown_once_and_stored_so_that_it_cannot_be_read_back(api, integration):
    created = integration("generic")
    secret = created["secret"]
    assert secret.startswith("whsec_") and created["webhook_path"] == f"/webhooks/{created['id']}"
    again = api("admin").get(f"/integrations/{created['id']}").json
    listed = api("admin").get("/integrations").json["items"]
    assert "secret" not in again and all("secret" not in i for i in listed)
    assert secret not in json.dumps(again) and secret not in json.dumps(listed)
    stored = [i for i in TenantItem.scan() if i.item.startswith("integration#")]
    assert stored and secret not in json.dumps(stored[0].data) and secret.removeprefix("whsec_") not in json.dumps(stored[0].data)


def test_only_admins_configure_integrations_and_other_tenants_see_none(api, integration):
    created = integration("generic")
    assert api("sales_manager").post("/integrations", {"name": "x", "format": "generic"}).status_code == 403
    assert api("auditor").get(f"/integrations/{created['id']}").status_code == 200
    assert api("sales_rep").get("/integrations").status_code == 403
    assert api("admin", tenant="t2").get(f"/integrations/{created['id']}").status_code == 404
    assert api("admin", tenant="t2").get("/integrations").json["items"] == []


def test_an_html_form_integration_needs_its_origins_and_a_mapping_must_name_lead_fields(api, bucket):
    refused = api("admin").post("/integrations", {"name": "Form", "format": "html_form"})
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "allowed_origins"
    bad_map = api("admin").post("/integrations", {"name": "F", "format": "generic", "field_mapping": {"x": "salary"}})
    assert bad_map.status_code == 422 and bad_map.json["errors"][0]["field"] == "field_mapping"
    bad_source = api("admin").post("/integrations", {"name": "F", "format": "generic", "default_source": "Radio"})
    assert bad_source.status_code == 422 and bad_source.json["errors"][0]["field"] == "default_source"


# ---------------------------------------------------------------- signed senders


def test_a_signed_json_form_post_becomes_a_lead_with_the_integrations_source(api, integration, chalice_client, bucket):
    hook = integration("generic", default_qualification="hot")
    body = json.dumps(LEAD).encode()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert (lead["source"], lead["source_detail"], lead["qualification"]) == ("Website", "Kontaktformular", "hot")
    assert lead["channel"] == "webhook" and lead["phone"] == "+436641234567"
    assert "newsletter_quelle: Sommer" in lead["remark"]                # unmapped, not lost
    assert lead["vehicle"]["interest"]["test_drive"] is True
    raw = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET, Prefix=f"webhooks/t1/{hook['id']}/")["Contents"]]
    assert len(raw) == 1 and bucket.get_object(Bucket=BUCKET, Key=raw[0])["Body"].read() == body


def test_the_same_delivery_again_returns_the_first_answer_and_stores_nothing(integration, chalice_client):
    hook = integration("generic")
    body = json.dumps(LEAD).encode()
    first = post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id="msg_same"))
    again = post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id="msg_same"))
    assert first.status_code == 201 and again.status_code == 201 and again.json == first.json
    assert again.headers.get("idempotent-replayed") == "true"
    assert len(leads_of()) == 1
    record = [r for r in IdempotencyItem.scan()][0]
    assert record.expires_at - time.time() >= 72 * 3600


@pytest.mark.parametrize("tamper", ["forged", "reserialised", "expired", "future", "missing", "other_integration"])
def test_deliveries_that_cannot_prove_their_sender_are_refused_and_nothing_is_stored(
        integration, chalice_client, bucket, tamper):
    hook, other = integration("generic"), integration("generic")
    body = json.dumps(LEAD).encode()
    headers = signed(hook["secret"], body)
    if tamper == "forged":
        headers = signed("whsec_" + "A" * 44, body)
    elif tamper == "reserialised":                  # the same JSON, spaced differently
        body = json.dumps(LEAD, indent=1).encode()
    elif tamper == "expired":
        headers = signed(hook["secret"], body, timestamp=time.time() - 3600)   # an hour off: far outside the 300 s
    elif tamper == "future":
        headers = signed(hook["secret"], body, timestamp=time.time() + 3600)   # tolerance, however slow the machine
    elif tamper == "missing":
        headers = {}
    elif tamper == "other_integration":
        headers = signed(other["secret"], body)
    answer = post(chalice_client, hook["id"], body, **headers)
    assert answer.status_code == 401, answer.json
    assert answer.json["detail"] and "www-authenticate" not in {k.lower() for k in answer.headers}
    assert leads_of() == []
    assert "Contents" not in bucket.list_objects_v2(Bucket=BUCKET, Prefix="webhooks/")


def test_during_a_rotation_the_old_and_the_new_secret_are_both_valid(api, integration, chalice_client):
    hook = integration("generic")
    rotated = api("admin").post(f"/integrations/{hook['id']}/secrets", {"keep_previous_hours": 24})
    assert rotated.status_code == 201 and rotated.json["secret"] != hook["secret"]
    assert len(rotated.json["secrets"]) == 2 and rotated.json["secrets"][0]["valid_until"]
    for n, secret in enumerate((hook["secret"], rotated.json["secret"])):
        body = json.dumps({**LEAD, "email": f"rotation{n}@example.de"}).encode()
        both = {"webhook-signature": signed(secret, body, msg_id=f"m{n}")["webhook-signature"]}
        assert post(chalice_client, hook["id"], body, **{**signed(secret, body, msg_id=f"m{n}"), **both}).status_code == 201
    ended = api("admin").post(f"/integrations/{hook['id']}/secrets", {"keep_previous_hours": 0}).json
    body = json.dumps(LEAD).encode()
    for secret in (hook["secret"], rotated.json["secret"]):
        assert post(chalice_client, hook["id"], body, **signed(secret, body, msg_id="m-old")).status_code == 401
    assert post(chalice_client, hook["id"], body, **signed(ended["secret"], body, msg_id="m-new")).status_code == 201


def test_a_deactivated_or_unknown_integration_takes_nothing(api, integration, chalice_client):
    hook = integration("generic")
    version = api("admin").get(f"/integrations/{hook['id']}").json["version"]
    off = api("admin").patch(f"/integrations/{hook['id']}", {"active": False}, headers={"if-match": f'"{version}"'})
    assert off.status_code == 200 and off.json["active"] is False
    body = json.dumps(LEAD).encode()
    assert post(chalice_client, hook["id"], body, **signed(hook["secret"], body)).status_code == 404
    assert post(chalice_client, "t1.01ARZ3NDEKTSV4RRFFQ69G5FAV", body).status_code == 404
    assert post(chalice_client, "nonsense", body).status_code == 404
    assert leads_of() == []


def test_bad_payloads_are_refused_with_the_reason(integration, chalice_client):
    hook = integration("generic")
    for body, status, needle in ((b"{not json", 400, "JSON"), (b"[1, 2]", 400, "object"),
                                 (json.dumps({"email": "kaputt@", "nachricht": "hallo"}).encode(), 422, "identifies nobody")):
        answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id=f"bad{status}{len(body)}"))
        assert answer.status_code == status, answer.json
        assert needle in json.dumps(answer.json)
    assert post(chalice_client, hook["id"], b"x", content_type="text/plain").status_code == 415
    assert leads_of() == []


# ---------------------------------------------------------------- a plain HTML form


def test_a_plain_html_form_from_the_dealers_site_delivers_a_lead_with_its_consent(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2", success_url="https://www.autohaus-eins.at/danke")
    body = (FIXTURES / "contact-form.urlencoded").read_bytes()
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded",
                  origin=SITE)
    assert answer.status_code == 303 and answer.headers["location"] == "https://www.autohaus-eins.at/danke"
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert lead["last_name"] == "Müller-Lüdenscheidt" and lead["qualification"] == "warm"
    assert lead["consent"]["marketing_email"] is True and lead["consent"]["marketing_sms"] is True
    assert lead["consent"]["privacy_notice_version"] == "2025-03" and lead["consent"]["given_at"]
    assert lead["consent"]["ip"] == "127.0.0.1"                         # the sender's address, as API Gateway saw it
    assert "rueckruf: abends" in lead["remark"]


def test_a_machines_form_encoded_post_gets_json_with_its_lead_id_not_a_thank_you_page(integration, chalice_client):
    """A signed sender, or a site's script asking for JSON alone, needs the lead id and whether it
    needs review; a browser's plain post still gets its page (see above)."""
    hook = integration("generic")
    body = b"nachname=AcceptJson&email=acceptjson%40example.at&telefon=0664+12"
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", **signed(hook["secret"], body))
    assert answer.status_code == 201 and answer.json["lead_id"], answer.body
    assert answer.json["needs_review"] is True
    form = integration("html_form", tenant="t2")
    scripted = post(chalice_client, form["id"], b"nachname=Skript&email=skript%40example.at",
                    "application/x-www-form-urlencoded", origin=SITE, accept="application/json")
    assert scripted.status_code == 201 and scripted.json["lead_id"], scripted.body


def test_a_form_on_a_site_whose_domain_has_umlauts_is_taken_from_the_browsers_origin(api, integration, chalice_client):
    """The admin typed https://www.autohaus-müller.at; browsers send the domain's ASCII form in
    Origin, so every post of the dealer's form was refused (401) and its leads lost."""
    hook = integration("html_form", allowed_origins=["https://www.autohaus-müller.at:443/"])
    assert hook["allowed_origins"] == ["https://www.xn--autohaus-mller-psb.at"]
    answer = post(chalice_client, hook["id"], b"nachname=Umlaut&email=umlaut%40example.at",
                  "application/x-www-form-urlencoded", origin="https://www.xn--autohaus-mller-psb.at",
                  accept="application/json")
    assert answer.status_code == 201, answer.body
    from chalicelib.store import directory        # an integration saved as typed, before origins were stored so
    item = directory.get_integration("t1", hook["id"])
    item.data = {**item.data, "allowed_origins": ["https://www.autohaus-müller.at"]}
    directory.save_integration(item)
    again = post(chalice_client, hook["id"], b"nachname=Umlaut&email=umlaut2%40example.at",
                 "application/x-www-form-urlencoded", origin="https://www.xn--autohaus-mller-psb.at",
                 accept="application/json")
    assert again.status_code == 201, again.body
    refused = api("admin").post("/integrations", {"name": "Tippfehler", "format": "html_form",
                                                  "default_source": "Website", "allowed_origins": ["https://exa mple.at"]})
    assert refused.status_code == 422 and refused.json["errors"][0]["field"] == "allowed_origins", refused.json


def test_a_form_posted_from_another_site_is_refused(integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = (FIXTURES / "contact-form.urlencoded").read_bytes()
    for origin in ({"origin": "https://evil.example"}, {"referer": "https://evil.example/form"}, {}):
        assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", **origin).status_code == 401
    assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded",
                referer=f"{SITE}/kontakt").status_code == 201
    assert len(leads_of("t2")) == 1


def test_a_filled_honeypot_makes_the_lead_junk_instead_of_dropping_it(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = urlencode({"nachname": "Bot", "email": "bot@example.com", "website": "http://spam.example"}).encode()
    assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE).status_code == 201
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert lead["qualification"] == "junk" and "spam trap" in lead["remark"]


# ---------------------------------------------------------------- Google Ads


def google_payload(key, **overrides) -> bytes:
    payload = json.loads((FIXTURES / "google-ads-lead.json").read_text())
    payload = {k: v for k, v in payload.items() if k.lower() != "google_key"}
    return json.dumps({**payload, "google_key": key, **overrides}).encode()


def test_a_google_ads_lead_form_delivers_a_lead_once(api, integration, chalice_client, bucket):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    assert not hook["secret"].startswith("whsec_")
    body = google_payload(hook["secret"])
    first = post(chalice_client, hook["id"], body)
    assert first.status_code == 201, first.json
    lead = api().get(f"/leads/{first.json['lead_id']}").json
    assert (lead["first_name"], lead["last_name"]) == ("Katharina Maria", "Huber")
    assert lead["source"] == "Website" and lead["email"] == "k.huber@example.at"
    again = post(chalice_client, hook["id"], body)
    assert again.json == first.json and len(leads_of()) == 1
    raw = bucket.list_objects_v2(Bucket=BUCKET, Prefix="webhooks/t1/")["Contents"]
    assert hook["secret"] not in bucket.get_object(Bucket=BUCKET, Key=raw[0]["Key"])["Body"].read().decode()


def test_googles_key_is_checked_in_either_spelling_and_a_wrong_one_is_refused(integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    body = google_payload(hook["secret"]).replace(b'"google_key"', b'"Google_key"')
    assert post(chalice_client, hook["id"], body).status_code == 201
    assert post(chalice_client, hook["id"], google_payload("wrong", lead_id="other")).status_code == 401
    assert post(chalice_client, hook["id"], google_payload(hook["secret"] + "x", lead_id="o2")).status_code == 401
    assert len(leads_of()) == 1


def test_a_google_test_lead_is_acknowledged_and_not_stored(integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    answer = post(chalice_client, hook["id"], google_payload(hook["secret"], is_test=True))
    assert answer.status_code == 200 and answer.json["status"] == "test"
    assert leads_of() == []


# ---------------------------------------------------------------- ADF XML


def test_an_adf_sender_delivers_its_prospects_and_a_resent_prospect_is_not_stored_twice(api, integration, chalice_client):
    hook = integration("adf", default_source="Website", default_source_detail="Kontaktformular")
    body = (FIXTURES / "adf-lead.xml").read_bytes()
    first = post(chalice_client, hook["id"], body, "application/xml", **signed(hook["secret"], body, msg_id="adf-1"))
    assert first.status_code == 201, first.json
    [item] = leads_of()
    lead = api().get(f"/leads/{item.lead_id}").json
    assert lead["source"] == "Website" and "Herkunft laut Absender: mobile.de / Händleranfrage" in lead["remark"]
    # The same prospect in a new delivery (a new webhook-id): recognised by its ADF id and source.
    again = post(chalice_client, hook["id"], body, "application/xml", **signed(hook["secret"], body, msg_id="adf-2"))
    assert again.status_code == 201 and again.json == first.json
    assert [l.lead_id for l in leads_of()] == [item.lead_id] and first.json["lead_id"] == item.lead_id


def test_an_adf_delivery_written_in_utf_16_is_read_as_declared(api, integration, chalice_client):
    hook = integration("adf", default_source="Website", default_source_detail="Kontaktformular")
    text = (FIXTURES / "adf-lead.xml").read_text(encoding="utf-8")
    body = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
    answer = post(chalice_client, hook["id"], body, "application/xml; charset=utf-16",
                  **signed(hook["secret"], body, msg_id="adf-utf16"))
    assert answer.status_code == 201, answer.json
    [item] = leads_of()
    assert item.data["last_name"] and item.data.get("email")


def test_an_adf_delivery_written_in_windows_1252_that_says_utf_8_is_stored_and_flagged_not_refused(
        api, integration, chalice_client):
    """A portal's export tool wrote Windows-1252 under an UTF-8 declaration: the XML parser refused
    the bytes, the sender got a 400 and the prospect was lost."""
    hook = integration("adf", default_source="Website", default_source_detail="Kontaktformular")
    body = (FIXTURES / "adf-lead.xml").read_text(encoding="utf-8").encode("cp1252")
    assert 'encoding="UTF-8"' in body.decode("cp1252") or "encoding='UTF-8'" in body.decode("cp1252")
    answer = post(chalice_client, hook["id"], body, "application/xml", **signed(hook["secret"], body, msg_id="adf-1252"))
    assert answer.status_code == 201, answer.json
    [item] = leads_of()
    lead = api().get(f"/leads/{item.lead_id}").json
    assert (lead["city"], lead["street"]) == ("München", "Sendlinger Straße 7")
    assert lead["needs_review"] and any("Windows-1252" in (p.get("reason") or "") for p in lead["problems"]), lead["problems"]


@pytest.mark.parametrize("content_type, body", [
    ("application/x-www-form-urlencoded; charset=utf-8",
     b"nachname=M%FCller&email=mueller%40example.at&ort=M%FCnchen&plz=80331"),
    ("application/json", '{"nachname": "Müller", "email": "mueller@example.at", "ort": "München", '
                         '"plz": "80331"}'.encode("cp1252")),
    ("application/json; charset=utf-8", '{"nachname": "Müller", "email": "mueller@example.at", '
                                        '"ort": "München", "plz": "80331"}'.encode("cp1252")),
])
def test_a_form_or_json_delivery_in_windows_1252_that_says_utf_8_is_stored_and_flagged_not_refused(
        api, integration, chalice_client, content_type, body):
    """An old site wrote Windows-1252 under "charset=utf-8" (JSON is UTF-8 by its standard): the
    delivery was refused with a 400 and the lead lost, while an ADF document so written is kept."""
    hook = integration("generic")
    answer = post(chalice_client, hook["id"], body, content_type, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert (lead["last_name"], lead["city"], lead["email"]) == ("Müller", "München", "mueller@example.at")
    assert lead["needs_review"] and any("Windows-1252" in (p.get("reason") or "") for p in lead["problems"]), lead


def test_a_json_object_sent_with_a_forms_content_type_is_read_as_json(api, integration, chalice_client):
    """curl -d sends JSON as application/x-www-form-urlencoded: it was one field named after the whole
    object, and the delivery was refused as identifying nobody."""
    hook = integration()
    body = json.dumps(LEAD).encode()
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded",
                  **signed(hook["secret"], body, msg_id="json-as-form"))
    assert answer.status_code == 201, answer.json
    [item] = leads_of()
    assert (item.data["first_name"], item.data["last_name"], item.data["email"]) == ("Jana", "Müller", LEAD["email"])


def test_no_body_and_no_secret_appears_in_the_logs(integration, chalice_client, capsys, caplog):
    hook = integration("generic")
    body = json.dumps({**LEAD, "nachricht": "GEHEIM-7731"}).encode()
    accepted = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    forged = post(chalice_client, hook["id"], body, **signed("whsec_" + "B" * 44, body, msg_id="forged"))
    assert (accepted.status_code, forged.status_code) == (201, 401)          # both paths ran and logged
    assert [l.lead_id for l in leads_of()] == [accepted.json["lead_id"]]
    out = capsys.readouterr()
    logged = out.out + out.err + caplog.text
    assert "GEHEIM-7731" not in logged and hook["secret"] not in logged and "jana.mueller" not in logged


# ---------------------------------------------------------------- the guards, each on its own


def test_the_same_webhook_id_at_two_integrations_is_two_deliveries(integration, chalice_client):
    first, second = integration("generic"), integration("generic")
    body = json.dumps(LEAD).encode()
    answers = [post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id="msg_1"))
               for hook in (first, second)]
    assert [a.status_code for a in answers] == [201, 201] and "idempotent-replayed" not in answers[1].headers
    assert sorted(l.lead_id for l in leads_of()) == sorted(a.json["lead_id"] for a in answers)
    assert answers[0].json["lead_id"] != answers[1].json["lead_id"]


def test_a_body_over_the_limit_is_refused_before_anything_else(integration, chalice_client):
    hook = integration("generic")
    body = json.dumps({**LEAD, "nachricht": "x" * 300_000}).encode()
    assert post(chalice_client, hook["id"], body, **signed(hook["secret"], body)).status_code == 413
    assert leads_of() == []


def test_a_google_test_lead_without_the_key_is_refused(integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    assert post(chalice_client, hook["id"], google_payload("wrong", is_test=True)).status_code == 401


def test_a_secret_copied_to_another_integration_does_not_decrypt_there(integration, chalice_client):
    victim, attacker = integration("generic"), integration("generic")
    items = {i.data["id"]: i for i in TenantItem.scan() if i.item.startswith("integration#")}
    target = items[victim["id"]]
    target.data = {**target.data, "secrets": items[attacker["id"]].data["secrets"]}   # ciphertext bound to the attacker's
    target.save()
    body = json.dumps(LEAD).encode()
    assert post(chalice_client, victim["id"], body, **signed(attacker["secret"], body)).status_code == 401
    assert leads_of() == []


def test_one_imperfect_prospect_of_an_adf_delivery_blocks_none_of_the_others(api, integration, chalice_client):
    hook = integration("adf", default_source="Website", default_source_detail="Kontaktformular")
    one = (FIXTURES / "adf-lead.xml").read_text()
    head, prospect = one.split("<prospect", 1)
    prospect, tail = ("<prospect" + prospect).rsplit("</prospect>", 1)
    bad = prospect.replace("lukas.schmid@example.de", "kaputt@").replace('>MDE', '>BAD')
    good = prospect.replace("lukas.schmid@example.de", "zweiter@example.de").replace('>MDE', '>TWO')
    body = (head + prospect + "</prospect>" + bad + "</prospect>" + good + "</prospect>" + tail).encode()
    answer = post(chalice_client, hook["id"], body, "application/xml", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    assert [(r["status"], r["needs_review"]) for r in answer.json["leads"]] == [
        ("accepted", False), ("accepted", True), ("accepted", False)]
    kept = api().get(f"/leads/{answer.json['leads'][1]['lead_id']}").json
    assert kept["email"] is None and kept["problems"][0]["field"] == "email" and kept["problems"][0]["given"] == "kaputt@"
    assert len(leads_of()) == 3


def test_a_form_submitted_twice_in_a_row_is_one_lead_and_another_submission_is_another(integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = urlencode({"nachname": "Doppelklick", "email": "doppel@example.de"}).encode()
    for _ in range(2):
        assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE).status_code == 201
    [once] = leads_of("t2")
    other = urlencode({"nachname": "Doppelklick", "email": "doppel@example.de", "nachricht": "Noch etwas"}).encode()
    assert post(chalice_client, hook["id"], other, "application/x-www-form-urlencoded", origin=SITE).status_code == 201
    [another] = [l for l in leads_of("t2") if l.lead_id != once.lead_id]
    assert "Noch etwas" in another.data["remark"] and "Noch etwas" not in (once.data.get("remark") or "")


def test_a_google_lead_keeps_its_campaign_references(api, integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    answer = post(chalice_client, hook["id"], google_payload(hook["secret"]))
    remark = api().get(f"/leads/{answer.json['lead_id']}").json["remark"]
    payload = json.loads(google_payload(hook["secret"]))
    assert f"lead_id={payload['lead_id']}" in remark and f"campaign_id={payload['campaign_id']}" in remark


def test_fields_the_integration_decides_cannot_be_mapped_from_a_form(api, bucket):
    refused = api("admin").post("/integrations", {"name": "F", "format": "generic",
                                                  "field_mapping": {"bearbeiter": "assignee"}})
    assert refused.status_code == 422 and "assignee" in refused.json["errors"][0]["message"]


def test_a_form_in_a_codec_that_is_no_charset_is_refused_with_415(integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    answer = post(chalice_client, hook["id"], b"nachname=X", "application/x-www-form-urlencoded; charset=hex", origin=SITE)
    assert answer.status_code == 415


def test_a_signed_delivery_with_half_a_character_is_kept_with_the_field_mended_and_flagged(
        api, integration, chalice_client):
    hook = integration("generic")
    body = b'{"nachname": "Huber", "email": "h@example.at", "nachricht": "Gr\\u00fc\\u00dfe \\ud83d"}'
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["remark"] == "Grüße \ufffd" and lead["needs_review"]
    assert [p["field"] for p in lead["problems"]] == ["remark"] and "half a character" in lead["problems"][0]["reason"]


def test_a_signed_delivery_with_a_message_beyond_a_cells_limit_is_kept_cut_and_flagged(
        api, integration, chalice_client, bucket):
    """A pasted mail thread of 40,000 characters refused the whole lead: the sender cannot shorten
    it and send again. The lead is kept, its remark cut and flagged, the delivery kept as sent."""
    hook = integration("generic")
    body = json.dumps({"nachname": "Huber", "email": "lang@example.at", "nachricht": "Grüße " * 7000}).encode()
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["remark"].startswith("Grüße Grüße") and lead["needs_review"]
    assert any(p["field"] == "remark" and "cut there" in p["reason"] for p in lead["problems"]), lead["problems"]
    assert bucket.get_object(Bucket=BUCKET, Key=lead["origin"]["raw_payload"])["Body"].read() == body


def test_a_json_delivery_giving_a_name_twice_keeps_both_values_and_flags_the_field(api, integration, chalice_client):
    """json keeps the last of two equal names without a word: "Erst" was lost. Both are kept, as a
    form's repeated field is, and a person looks at them."""
    hook = integration("generic")
    body = b'{"nachname": "Erst", "nachname": "Zweit", "email": "dup@example.at"}'
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert "Erst" in str(lead) and "Zweit" in str(lead), lead
    assert lead["needs_review"] and "last_name" in {p["field"] for p in lead["problems"]}, lead["problems"]


def test_a_json_true_where_a_name_or_phone_belongs_is_kept_as_given_and_flagged_not_stored_as_the_name(
        api, integration, chalice_client):
    """A site builder's JSON sent a ticked box's true into the surname: the lead was named "true"
    and nobody was told; a true for the test drive is still a yes."""
    hook = integration("generic")
    body = (b'{"vorname": "Eva", "nachname": true, "telefon": false, "email": "wahr@example.at",'
            b' "probefahrt": true}')
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert (lead["first_name"], lead["last_name"], lead["phone"], lead["email"]) == ("Eva", None, None, "wahr@example.at")
    flagged = {(p["field"], p["given"]) for p in lead["problems"] if "yes/no" in p["reason"]}
    assert flagged == {("last_name", "true"), ("phone", "false")} and lead["needs_review"], lead["problems"]
    assert lead["vehicle"]["interest"]["test_drive"] is True


def test_a_form_posting_a_field_twice_with_the_same_value_gives_that_value_once(api, integration, chalice_client):
    """A page builder's form posted its e-mail field twice: "a@b.at, a@b.at" was refused as an
    e-mail address, the lead stored without one and flagged for a reason nobody had given."""
    hook = integration("html_form", tenant="t2")
    body = (b"nachname=Doppelt&email=doppelt%40example.at&email=doppelt%40example.at"
            b"&telefon=%2B43+664+7654321&telefon=%2B43+664+7654321&vorname=Eva&vorname=Eva")
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE,
                  accept="application/json")
    assert answer.status_code == 201, answer.body
    lead = api(tenant="t2").get(f"/leads/{answer.json['lead_id']}").json
    assert (lead["first_name"], lead["last_name"], lead["email"], lead["phone"]) == (
        "Eva", "Doppelt", "doppelt@example.at", "+436647654321"), lead
    assert not lead["needs_review"] and lead["problems"] == [] and not lead["remark"], (lead["problems"], lead["remark"])


@pytest.mark.parametrize("written, remark", [
    ("Eva Doppler <eva.doppler@example.at>", "E-Mail: Eva Doppler <eva.doppler@example.at>"),
    ("mailto:Eva.Doppler@example.at?subject=Probefahrt", None),
    ("eva.doppler@example.at.", None),
])
def test_an_e_mail_address_written_as_a_mail_program_or_a_link_writes_it_is_the_address(
        api, integration, chalice_client, written, remark):
    """A CRM export's 'Name <address>', a page's mailto: link and a sentence's full stop were refused
    as e-mail addresses: the lead kept no way to reach the person and went to review."""
    hook = integration("generic")
    body = json.dumps({"nachname": "Doppler", "vorname": "Eva", "email": written}).encode()
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["email"] == "eva.doppler@example.at" and not lead["needs_review"], lead["problems"]
    assert lead["remark"] == remark
    typed = api().post("/leads", {"last_name": "Doppler", "email": written})     # a person corrects it
    assert typed.status_code == 422 and typed.json["errors"][0]["field"] == "email"


def test_a_delivery_whose_field_name_is_half_a_character_is_kept(integration, chalice_client):
    hook = integration("generic")
    body = b'{"nachname": "Huber", "email": "h@example.at", "\\udc00": "x"}'
    answer = post(chalice_client, hook["id"], body, "application/json", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    assert [lead.data["last_name"] for lead in leads_of()] == ["Huber"]


def test_a_form_in_utf_7_with_half_a_character_is_kept_with_the_field_flagged(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = b"nachname=Huber&email=h%40example.at&nachricht=+2D0-"          # UTF-7 for a lone \ud83d
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded; charset=utf-7", origin=SITE)
    assert answer.status_code in (201, 303), answer.body
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert lead["remark"] == "\ufffd" and lead["needs_review"]


def test_a_google_lead_with_half_a_character_is_kept_and_such_a_key_is_a_wrong_key(api, integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    cut = google_payload(hook["secret"]).replace(b'"Wien"', b'"Wien \\ud83d"', 1)
    answer = post(chalice_client, hook["id"], cut)
    assert answer.status_code in (200, 201), answer.body
    [item] = leads_of()
    lead = api().get(f"/leads/{item.lead_id}").json
    assert lead["city"] == "Wien \ufffd" and lead["needs_review"]
    wrong_key = google_payload("\ud800")
    assert post(chalice_client, hook["id"], wrong_key).status_code == 401


@pytest.mark.parametrize("referer", ["http://[::1/kontakt", "https://[zz]/kontakt"])
def test_a_form_post_whose_referer_is_no_url_is_treated_as_without_origin_not_a_500(
        integration, chalice_client, referer):
    body = urlencode({"nachname": "Huber", "email": "h@example.at"}).encode()
    strict = integration("html_form", tenant="t2")
    refused = post(chalice_client, strict["id"], body, "application/x-www-form-urlencoded", referer=referer)
    assert refused.status_code == 401
    relaxed = integration("html_form", tenant="t2", accept_without_origin=True)
    taken = post(chalice_client, relaxed["id"], body, "application/x-www-form-urlencoded", referer=referer)
    assert taken.status_code == 201
    assert len(leads_of("t2")) == 1


def test_an_adf_delivery_with_a_prospect_nested_a_thousand_levels_deep_is_stored_not_a_500(api, integration, chalice_client):
    hook = integration("adf", default_source="Website", default_source_detail="Kontaktformular")
    body = ('<adf><prospect><customer><contact><name part="last">Tief</name><email>tief@example.at</email>'
            '</contact></customer>' + "<x>" * 1000 + "</x>" * 1000 + "</prospect></adf>").encode()
    answer = post(chalice_client, hook["id"], body, "application/xml", **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.body
    assert (answer.json["status"], answer.json["needs_review"]) == ("accepted", True)
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert (lead["last_name"], lead["email"]) == ("Tief", "tief@example.at")
    assert "nested deeper than 32 levels" in lead["problems"][0]["reason"]


# ---------------------------------------------------------------- a delivery id used twice


def test_a_delivery_id_reused_for_another_submission_keeps_both_and_flags_the_second(api, integration, chalice_client, bucket):
    hook = integration("generic")
    first_body = json.dumps(LEAD).encode()
    second_body = json.dumps({"vorname": "Petra", "nachname": "Zweite", "email": "petra.zweite@example.at"}).encode()
    first = post(chalice_client, hook["id"], first_body, **signed(hook["secret"], first_body, msg_id="msg_reused"))
    second = post(chalice_client, hook["id"], second_body, **signed(hook["secret"], second_body, msg_id="msg_reused"))
    assert (first.status_code, second.status_code) == (201, 201), second.json
    assert second.json["lead_id"] != first.json["lead_id"] and second.json["needs_review"] is True
    assert "idempotent-replayed" not in second.headers
    kept = api().get(f"/leads/{second.json['lead_id']}").json
    assert (kept["last_name"], kept["email"]) == ("Zweite", "petra.zweite@example.at")
    [flag] = kept["problems"]
    assert flag["given"] == "msg_reused" and "reused delivery id msg_reused for a different submission" in flag["reason"]
    assert api().get(f"/leads/{first.json['lead_id']}").json["needs_review"] is False
    # Each body is kept as received, neither overwriting the other.
    raw = {kept["origin"]["raw_payload"], api().get(f"/leads/{first.json['lead_id']}").json["origin"]["raw_payload"]}
    assert {bucket.get_object(Bucket=BUCKET, Key=k)["Body"].read() for k in raw} == {first_body, second_body}
    # Retries of either submission are answered as it was, and store nothing more.
    for body, answer in ((first_body, first), (second_body, second)):
        again = post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id="msg_reused"))
        assert again.json == answer.json and again.headers.get("idempotent-replayed") == "true"
    assert len(leads_of()) == 2


def test_a_different_submission_that_loses_the_race_for_a_used_delivery_id_is_still_stored(
        api, integration, chalice_client, monkeypatch):
    from chalicelib.services import webhooks as service
    hook = integration("generic")
    first_body = json.dumps(LEAD).encode()
    second_body = json.dumps({"nachname": "Parallel", "email": "parallel@example.at"}).encode()
    first = post(chalice_client, hook["id"], first_body, **signed(hook["secret"], first_body, msg_id="msg_race"))
    # The second arrives while the first is still being written: its look-up finds no record yet.
    real, looked_up = service.lead_store.get_idempotency, []

    def first_look_finds_nothing(pk):
        looked_up.append(pk)
        return None if len(looked_up) == 1 else real(pk)
    monkeypatch.setattr(service.lead_store, "get_idempotency", first_look_finds_nothing)
    second = post(chalice_client, hook["id"], second_body, **signed(hook["secret"], second_body, msg_id="msg_race"))
    assert second.status_code == 201 and second.json["lead_id"] != first.json["lead_id"], second.json
    assert second.json["needs_review"] is True and len(leads_of()) == 2


# ---------------------------------------------------------------- spam traps


@pytest.mark.parametrize("submission", [
    {"nachname": "Firmenkunde", "firma": "Beispiel GmbH", "email": "fk@beispiel.example", "website": "https://beispiel.example"},
    {"nachname": "Seite", "email": "s@example.at", "page": {"url": "https://autohaus.example/kontakt"}},
    {"nachname": "Privat", "email": "p@example.at", "website": "https://privat.example"},
])
def test_a_signed_senders_website_or_page_url_is_data_not_a_spam_trap(api, integration, chalice_client, submission):
    hook = integration("generic")
    body = json.dumps(submission).encode()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["qualification"] == "warm" and "spam trap" not in lead["remark"]
    assert "https://" in lead["remark"]                                 # kept, not dropped


def test_a_companys_website_on_a_browser_form_does_not_make_the_lead_junk(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = urlencode({"nachname": "Firmenkunde", "firma": "Beispiel GmbH", "email": "fk@beispiel.at",
                      "website": "https://beispiel.at"}).encode()
    assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE).status_code == 201
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert lead["qualification"] == "warm" and "website: https://beispiel.at" in lead["remark"]


def test_a_browser_forms_configured_trap_still_makes_the_lead_junk_even_next_to_a_company(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2", field_mapping={"website": "honeypot"})
    body = urlencode({"nachname": "Bot", "firma": "Bot GmbH", "email": "bot@example.com",
                      "website": "http://spam.example"}).encode()
    assert post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE).status_code == 201
    [item] = leads_of("t2")
    assert api(tenant="t2").get(f"/leads/{item.lead_id}").json["qualification"] == "junk"


# ---------------------------------------------------------------- fields no form has


@pytest.mark.parametrize("submission, kept", [
    ({"nachname": "Utm", "email": "utm@example.at", "tracking": [{"key": "utm_source", "value": "google"}]},
     'tracking: [{"key":"utm_source","value":"google"}]'),
    ({"nachname": "U2", "email": "u2@example.at", "meta": {"page": {"url": {"full": "x"}}}},
     'meta.page.url: {"full":"x"}'),
])
def test_a_field_holding_objects_or_nested_too_deep_goes_into_the_remark_and_the_lead_is_kept(
        api, integration, chalice_client, submission, kept):
    hook = integration("generic")
    body = json.dumps(submission).encode()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["last_name"] == submission["nachname"] and kept in lead["remark"]


def test_a_long_odd_field_is_cut_in_the_remark_and_kept_whole_in_the_raw_payload(api, integration, chalice_client, bucket):
    hook = integration("generic")
    body = json.dumps({"nachname": "Lang", "email": "lang@example.at",
                       "events": [{"n": i, "text": "x" * 50} for i in range(200)]}).encode()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    [line] = [l for l in lead["remark"].splitlines() if l.startswith("events: ")]
    assert line.startswith('events: [{"n":0,') and line.endswith("…") and len(line) < 1100
    assert bucket.get_object(Bucket=BUCKET, Key=lead["origin"]["raw_payload"])["Body"].read() == body


# ---------------------------------------------------------------- field names with typos


def test_a_form_whose_field_names_have_typos_is_read_by_the_closest_names_and_flagged(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body = b"Nachnahme=Tippfehler&E-Mial=tipp%40example.at&Telefn=0664+2223344"
    answer = post(chalice_client, hook["id"], body, "application/x-www-form-urlencoded", origin=SITE)
    assert answer.status_code == 201, answer.body
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert (lead["last_name"], lead["email"], lead["phone"]) == ("Tippfehler", "tipp@example.at", "+436642223344")
    assert lead["needs_review"] is True
    read_as = {(p["field"], p["given"]): p["reason"] for p in lead["problems"] if "closest known name" in p["reason"]}
    assert read_as == {("last_name", "Tippfehler"): "no field is named 'Nachnahme': read as 'Nachname', the closest known name",
                       ("email", "tipp@example.at"): "no field is named 'E-Mial': read as 'E-Mail', the closest known name",
                       ("phone", "0664 2223344"): "no field is named 'Telefn': read as 'Telefon', the closest known name"}


@pytest.mark.parametrize("submission, field, value", [
    ({"Ihre Angaben": "stand.in@example.at", "Anliegen": "Rückruf bitte"}, "email", "stand.in@example.at"),
    ({"Rückrufnummer bitte": "0664 1112223", "Anliegen": "Probefahrt"}, "phone", "+436641112223"),
])
def test_an_unmapped_e_mail_or_phone_stands_in_when_nothing_else_names_the_person(
        api, integration, chalice_client, submission, field, value):
    hook = integration("generic")
    body = json.dumps(submission).encode()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body))
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead[field] == value and lead["needs_review"] is True
    [flag] = [p for p in lead["problems"] if p["field"] == field]
    assert next(iter(submission)) in flag["reason"]


def test_a_google_lead_with_unknown_columns_is_kept_where_an_answer_is_an_e_mail_address(api, integration, chalice_client):
    hook = integration("google_ads", default_source="Website", default_source_detail=None)
    body = json.dumps({"lead_id": "custom-columns-1", "api_version": "1.0", "form_id": 1, "campaign_id": 2,
                       "google_key": hook["secret"], "user_column_data": [
                           {"column_id": "CUSTOM_Q1", "column_name": "Ihre Kontaktadresse", "string_value": "g.kunde@example.at"},
                           {"column_id": "VEHICLE_MODEL", "column_name": "Modell", "string_value": "Kodiaq"}]}).encode()
    answer = post(chalice_client, hook["id"], body)
    assert answer.status_code == 201, answer.json
    lead = api().get(f"/leads/{answer.json['lead_id']}").json
    assert lead["email"] == "g.kunde@example.at" and lead["needs_review"] is True
    assert any("Ihre Kontaktadresse" in p["reason"] for p in lead["problems"] if p["field"] == "email")


# ---------------------------------------------------------------- multipart forms, and pages for every refusal


def multipart(fields: dict, files: dict | None = None, boundary="----leadflowBoundary7MA4YWxk") -> tuple[bytes, str]:
    """A body as a browser posts <form enctype="multipart/form-data">."""
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
              f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n"
              for name, (filename, content) in (files or {}).items()]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_a_multipart_form_post_is_read_its_files_named_in_the_remark_and_answered_with_a_page(api, integration, chalice_client):
    hook = integration("html_form", tenant="t2")
    body, content_type = multipart({"vorname": "Mia", "nachname": "Mehrteil", "email": "mia@example.at",
                                    "nachricht": "Grüße aus Wien"},
                                   {"fahrzeugschein": ("schein.pdf", b"%PDF-1.4\x00\xff\xfe binary")})
    answer = post(chalice_client, hook["id"], body, content_type, origin=SITE)
    assert answer.status_code == 201 and answer.headers["content-type"].startswith("text/html")
    [item] = leads_of("t2")
    lead = api(tenant="t2").get(f"/leads/{item.lead_id}").json
    assert (lead["first_name"], lead["last_name"], lead["email"]) == ("Mia", "Mehrteil", "mia@example.at")
    assert lead["remark"].startswith("Grüße aus Wien") and "fahrzeugschein: schein.pdf" in lead["remark"]
    assert "PDF" not in lead["remark"]


@pytest.mark.parametrize("case", ["unknown_form", "other_site", "text_plain", "identifies_nobody", "broken_multipart"])
def test_every_refusal_of_a_browsers_form_post_is_a_page_never_json(integration, chalice_client, case):
    hook = integration("html_form", tenant="t2")
    body, content_type = multipart({"nachname": "Seite", "email": "seite@example.at"})
    hook_id, headers = hook["id"], {"origin": SITE}
    if case == "unknown_form":
        hook_id = "t2.01ARZ3NDEKTSV4RRFFQ69G5FAV"
    elif case == "other_site":
        headers = {"origin": "https://evil.example"}
    elif case == "text_plain":                      # <form enctype="text/plain">
        body, content_type = b"nachname=Seite\r\nemail=seite@example.at\r\n", "text/plain"
        headers["accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
    elif case == "identifies_nobody":
        body, content_type = multipart({"nachricht": "Nur eine Frage"})
    elif case == "broken_multipart":
        content_type = "multipart/form-data"        # no boundary: the parts cannot be told apart
    answer = post(chalice_client, hook_id, body, content_type, **headers)
    assert answer.status_code >= 400 and answer.headers["content-type"].startswith("text/html"), answer.body
    assert answer.json is None and b"<!DOCTYPE html>" in answer.body
    assert leads_of("t2") == []


def test_an_unexpected_failure_on_a_browsers_form_post_is_a_page_too(integration, chalice_client, monkeypatch, capfd):
    from chalicelib.services import webhooks as service
    hook = integration("html_form", tenant="t2")

    def broken(delivery):
        raise RuntimeError("a bug, not the visitor's fault")
    monkeypatch.setattr(service, "receive", broken)
    answer = post(chalice_client, hook["id"], b"nachname=Seite", "application/x-www-form-urlencoded", origin=SITE)
    assert answer.status_code == 500 and answer.headers["content-type"].startswith("text/html")
    [logged] = [json.loads(line) for line in capfd.readouterr().out.splitlines()
                if "a browser's form post failed" in line]
    assert logged["error"] == "RuntimeError" and logged["at"]               # logged by type and place,
    assert "visitor" not in json.dumps(logged)                               # never by its message


def test_a_delivery_whose_persons_open_lead_kept_changing_is_told_so_not_that_it_is_stored_in_parallel(
        integration, chalice_client, monkeypatch):
    """Many different deliveries of one person at once touch one open lead; one whose retries run out
    gets a 409 saying why, at once: no parallel request carries the same delivery, so there is no
    record to wait for."""
    from chalicelib.services import webhooks as service
    hook = integration("generic")
    looked_up, stored = [], []          # the delivery's records looked for after the store failed
    real = service.lead_store.get_idempotency
    monkeypatch.setattr(service.lead_store, "get_idempotency",
                        lambda pk: looked_up.append(pk) if stored else real(pk))

    def touched_meanwhile(*args, **kwargs):
        stored.append(True)
        raise service.lead_store.WriteConflict({"touched"})
    monkeypatch.setattr(service.intake, "store", touched_meanwhile)
    body = json.dumps(LEAD).encode()
    started = time.monotonic()
    answer = post(chalice_client, hook["id"], body, **signed(hook["secret"], body, msg_id="msg_busy"))
    assert answer.status_code == 409 and "same delivery" not in answer.json["detail"], answer.json
    assert "kept changing" in answer.json["detail"] and looked_up == [] and time.monotonic() - started < 1.5
    assert leads_of() == []
