"""The OpenAPI document covers every route; the source catalog is the admins' to manage."""
from app import app
from tests.conftest import lead_payload


def test_openapi_describes_every_route_and_method(api):
    doc = api(None).get("/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for path, methods in app.routes.items():
        for method in methods:
            assert method.lower() in doc["paths"].get(path, {}), f"{method} {path} is missing from /openapi.json"


def test_every_route_names_the_model_of_its_answer(api):
    from chalicelib.api.routing import ENDPOINTS
    answers = [e for e in ENDPOINTS if e.method != "HEAD"]          # HEAD: GET's headers, no body
    missing = [f"{e.method} {e.path}" for e in answers if e.response is None and e.status != 204 and not e.produces]
    assert missing == []
    doc = api(None).get("/openapi.json").json
    for e in answers:
        if e.status != 204:
            assert "content" in doc["paths"][e.path][e.method.lower()]["responses"][str(e.status)], e.path


def test_every_body_is_validated_into_its_model_at_the_endpoint():
    from chalicelib.api.routing import ENDPOINTS
    unvalidated = [f"{e.method} {e.path}" for e in ENDPOINTS
                   if e.method in ("POST", "PUT", "PATCH") and e.body is None and not e.other_bodies]
    assert unvalidated == []


def test_the_webhook_route_documents_each_format_it_takes(api):
    doc = api(None).get("/openapi.json").json
    content = doc["paths"]["/webhooks/{integration_id}"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/json", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml"}
    described = " ".join(c["schema"]["description"] for c in content.values())
    assert all(kind in described for kind in ("generic", "html_form", "google_ads", "adf"))


def test_openapi_schemas_come_from_the_validating_models(api):
    doc = api(None).get("/openapi.json").json
    create = doc["paths"]["/leads"]["post"]
    ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    schema = doc["components"]["schemas"][ref]
    assert schema["additionalProperties"] is False
    assert {"last_name", "phone", "vehicle", "qualification"} <= set(schema["properties"])
    assert "application/problem+json" in create["responses"]["422"]["content"]
    names = {p["name"] for p in doc["paths"]["/leads"]["get"]["parameters"]}
    assert {"status", "qualification", "assignee", "overdue", "q", "sort", "page_size", "cursor"} <= names


def test_admins_manage_sources_and_others_read_them(api):
    admin = api("admin")
    r = admin.post("/sources", {"name": "Gewinnspiel", "details": ["Sommer 2026", "Winter 2026"]})
    assert r.status_code == 201 and r.json["version"] == 1
    assert api("sales_manager").post("/sources", {"name": "Messe"}).status_code == 403
    assert "Gewinnspiel" in {s["name"] for s in api("sales_rep").get("/sources").json["items"]}
    assert admin.post("/sources", {"name": "gewinnspiel"}).status_code == 409
    lead = api().post("/leads", lead_payload(source="Gewinnspiel", source_detail="Sommer 2026"))
    assert lead.status_code == 201


def test_a_deactivated_source_takes_no_new_leads(api):
    admin = api("admin")
    r = admin.patch("/sources/Website", {"active": False, "version": 1})
    assert r.status_code == 200 and r.json["active"] is False
    assert admin.patch("/sources/Website", {"active": True, "version": 1}).status_code == 412
    r = api().post("/leads", lead_payload(source="Website", source_detail=None))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "source"


def test_source_details_are_replaced_at_the_version_read(api):
    admin = api("admin")
    r = admin.patch("/sources/Vienna%20Autoshow", {"details": ["Vienna Autoshow 2027"], "version": 1})
    assert r.status_code == 200 and r.json["details"] == ["Vienna Autoshow 2027"]
    r = api().post("/leads", lead_payload(source_detail="Vienna Autoshow 2017"))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "source_detail"


def test_names_an_admin_gives_are_stored_without_invisible_characters_and_a_blank_one_is_refused(api):
    """A source pasted from a spreadsheet as "Mes\\u0000se" with a trailing space, a detail with a
    zero-width space: the catalog showed "Messe", but a sender's "Messe" matched nothing and the
    tenant's name could be a bidi override or a single space."""
    admin = api("admin")
    r = admin.post("/sources", {"name": "Mes\u0000se ", "details": ["Halle\u200b B", "\u202eTag 2"]})
    assert r.status_code == 201 and (r.json["name"], r.json["details"]) == ("Messe", ["Halle B", "Tag 2"]), r.json
    assert api().post("/leads", lead_payload(source="Messe", source_detail="Halle B")).status_code == 201
    version = admin.get("/tenant").json["version"]
    for name in (" ", "\u202e", "\u0000"):
        r = admin.patch("/tenant", {"version": version, "name": name})
        assert r.status_code == 422 and r.json["errors"][0]["field"] == "name", (name, r.json)
    r = admin.patch("/tenant", {"version": version, "name": "\u202eAutohaus  Eins\u0000"})
    assert r.status_code == 200 and r.json["name"] == "Autohaus Eins", r.json
    r = admin.post("/integrations", {"name": " \u200b ", "format": "generic", "default_source": "Website"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "name", r.json


def test_null_for_a_tenant_setting_is_a_422_at_its_field_and_only_clears_the_subdivision(api):
    """{"name": null} or {"retention": null} answered 200 and changed nothing: the admin believed the
    name cleared or the retention reset to the defaults."""
    admin = api("admin", "t2")
    tenant = admin.get("/tenant").json
    for field in ("name", "country", "retention", "reinquiry_days", "escalation"):
        r = admin.patch("/tenant", {"version": tenant["version"], field: None})
        assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == [field], (field, r.json)
    assert admin.get("/tenant").json == tenant
    r = admin.patch("/tenant", {"version": tenant["version"], "subdivision": None})
    assert r.status_code == 200 and r.json["subdivision"] is None, r.json


def test_tenant_settings_say_which_holidays_count(api):
    t = api("sales_rep", "t2").get("/tenant").json
    assert (t["country"], t["subdivision"], t["kind"]) == ("DE", "BY", "importer")
    assert t["holiday_categories"] == ["public", "catholic"]
