"""Callers are authenticated by SigV4 and mapped to tenant, user and role; everything fails closed."""
import datetime as dt
import json

import pytest
from chalice.test import Client

from chalicelib.errors import UnauthenticatedError
from chalicelib.store import directory
from devstack.signing import signed_headers
from tests.conftest import ROOT, lead_payload


def test_health_needs_no_auth(api):
    r = api(None).get("/health")
    assert r.status_code == 200 and r.json == {"status": "ok"}


def test_health_answers_head_as_get_without_a_body(api):
    """An uptime monitor or load balancer asks HEAD: the status and headers GET gives, no body."""
    got = api(None).get("/health")
    r = api(None).request("HEAD", "/health")
    assert r.status_code == 200 and r.body == b""
    assert r.headers["Content-Type"] == got.headers["Content-Type"] == "application/json"


def test_head_of_health_is_in_the_openapi_document_without_a_body(api):
    head = api(None).get("/openapi.json").json["paths"]["/health"]["head"]
    assert "security" not in head and "content" not in head["responses"]["200"]


def test_unsigned_requests_are_401(api):
    r = api(None).get("/leads")
    assert r.status_code == 401
    assert r.headers["Content-Type"] == "application/problem+json"
    assert "WWW-Authenticate" in r.headers


def test_a_forged_signature_is_401(api, tenants):
    forged = dict(tenants["t1"]["admin"], secret_access_key="not-the-secret")
    r = api().__class__(api()._client, forged).get("/leads")
    assert r.status_code == 401 and "signature does not match" in r.json["detail"]


def test_an_unknown_access_key_is_401(api, tenants):
    unknown = dict(tenants["t1"]["admin"], access_key_id="AKIAUNKNOWNUNKNOWN00")
    assert api().__class__(api()._client, unknown).get("/leads").status_code == 401


def test_a_body_changed_after_signing_is_401(chalice_client, tenants):
    creds = tenants["t1"]["sales_manager"]
    body = json.dumps(lead_payload()).encode()
    headers = signed_headers("POST", "http://localhost/leads", creds, body=body,
                             headers={"host": "localhost", "content-type": "application/json"})
    tampered = json.dumps(lead_payload(last_name="Mayer")).encode()
    r = chalice_client.http.request("POST", "/leads", headers=headers, body=tampered)
    assert r.status_code == 401


def test_a_query_changed_after_signing_is_401(chalice_client, tenants):
    creds = tenants["t1"]["sales_rep"]
    headers = signed_headers("GET", "http://localhost/leads?assignee=me", creds, headers={"host": "localhost"})
    r = chalice_client.http.request("GET", "/leads?assignee=rep-b", headers=headers)
    assert r.status_code == 401


def test_an_old_signature_is_401(chalice_client, tenants, monkeypatch):
    import botocore.auth
    creds = tenants["t1"]["sales_manager"]
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=20)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: old.replace(tzinfo=None))
    headers = signed_headers("GET", "http://localhost/leads", creds, headers={"host": "localhost"})
    r = chalice_client.http.request("GET", "/leads", headers=headers)
    assert r.status_code == 401 and "expired" in json.loads(r.body)["detail"]


def test_a_signature_for_another_host_is_401(chalice_client, tenants):
    creds = tenants["t1"]["sales_manager"]
    headers = signed_headers("GET", "http://evil.example/leads", creds)
    headers["host"] = "localhost"
    assert chalice_client.http.request("GET", "/leads", headers=headers).status_code == 401


def test_an_identity_header_is_never_trusted(api):
    r = api(None).get("/leads", headers={"x-leadflow-user": "admin", "x-amz-user-arn": "arn:aws:iam::000000000000:user/t1-admin"})
    assert r.status_code == 401


def test_iam_mode_without_an_identity_from_api_gateway_fails_closed(aws, tenants):
    """chalice local lets IAM routes through with no identity: leadflow must still say 401."""
    from app import app
    with Client(app, stage_name="dev", project_dir=str(ROOT)) as client:
        r = client.http.get("/leads", headers={"host": "localhost"})
        assert r.status_code == 401


def test_iam_mode_maps_the_arn_api_gateway_verified(aws, tenants, monkeypatch):
    """Deployed: the caller's ARN comes from API Gateway's request context; an assumed role maps by role."""
    from chalice.app import Request

    from chalicelib.services.identity import resolve_caller
    monkeypatch.setenv("LEADFLOW_AUTH_MODE", "iam")
    directory.put_principal("arn:aws:iam::123456789012:role/t1-sales", tenant="t1", user="manager",
                            role="sales_manager")
    event = {"requestContext": {"identity": {"userArn":
             "arn:aws:sts::123456789012:assumed-role/t1-sales/anything-the-caller-likes"},
             "resourcePath": "/me", "httpMethod": "GET", "path": "/me"},
             "headers": {}, "multiValueQueryStringParameters": None, "pathParameters": None,
             "stageVariables": None, "body": None, "isBase64Encoded": False}
    caller = resolve_caller(Request(event))
    assert (caller.tenant, caller.user, caller.role) == ("t1", "manager", "sales_manager")
    event["requestContext"]["identity"]["userArn"] = None
    with pytest.raises(UnauthenticatedError):
        resolve_caller(Request(event))


def test_a_principal_without_a_mapping_is_403(api, tenants):
    directory.get_principal(tenants["t1"]["auditor"]["principal"]).delete()
    assert api("auditor").get("/leads").status_code == 403


def test_a_deactivated_principal_is_refused_on_its_next_request(api, tenants):
    c = api("sales_rep")
    assert c.get("/me").status_code == 200
    arn = tenants["t1"]["sales_rep"]["principal"]
    directory.put_principal(arn, tenant="t1", user="rep-a", role="sales_rep", active=False)
    assert c.get("/me").status_code == 403


def test_me_answers_the_mapped_identity(api):
    me = api("sales_rep").get("/me").json
    assert (me["tenant"], me["user"], me["role"]) == ("t1", "rep-a", "sales_rep")
    assert "lead.delete" not in me["permissions"]


# ------------------------------------------------------------------ tenants never meet


def test_another_tenants_lead_is_404_for_every_action(api):
    lead = api("sales_manager", "t1").post("/leads", lead_payload()).json
    other = api("admin", "t2")
    assert other.get(f"/leads/{lead['id']}").status_code == 404
    assert other.patch(f"/leads/{lead['id']}", {"remark": "x"}, headers={"if-match": '"1"'}).status_code == 404
    assert other.delete(f"/leads/{lead['id']}").status_code == 404
    assert other.get(f"/leads/{lead['id']}/log").status_code == 404
    assert other.get("/leads").json["items"] == []
    assert other.get("/leads", params={"q": "Müller"}).json["items"] == []
    assert api("sales_manager", "t1").get(f"/leads/{lead['id']}").json["remark"] == "Rückruf erwünscht"


def test_a_cursor_cannot_reach_into_another_tenant(api):
    c1 = api("sales_manager", "t1")
    for _ in range(3):
        c1.post("/leads", lead_payload())
    cursor = c1.get("/leads", params={"page_size": 10}).json["next_cursor"]
    assert cursor is None
    for _ in range(10):
        c1.post("/leads", lead_payload())
    cursor = c1.get("/leads", params={"page_size": 10}).json["next_cursor"]
    r = api("sales_manager", "t2").get("/leads", params={"page_size": 10, "cursor": cursor})
    assert r.status_code == 400


# ------------------------------------------------------------------ roles (base of the permission table)


def test_an_auditor_reads_but_writes_nothing(api):
    lead = api().post("/leads", lead_payload()).json
    auditor = api("auditor")
    assert auditor.get(f"/leads/{lead['id']}").status_code == 200
    assert auditor.get(f"/leads/{lead['id']}/log").status_code == 200
    assert auditor.post("/leads", lead_payload()).status_code == 403
    assert auditor.patch(f"/leads/{lead['id']}", {"remark": "x"}, headers={"if-match": '"1"'}).status_code == 403
    assert auditor.delete(f"/leads/{lead['id']}").status_code == 403


def test_an_integration_reads_back_only_what_it_created(api):
    mine = api("integration").post("/leads", lead_payload()).json
    theirs = api().post("/leads", lead_payload()).json
    integration = api("integration")
    assert integration.get(f"/leads/{mine['id']}").status_code == 200
    assert integration.get(f"/leads/{theirs['id']}").status_code == 404
    assert [i["id"] for i in integration.get("/leads").json["items"]] == [mine["id"]]


def test_a_rep_sees_own_and_unassigned_leads_only(api):
    manager = api()
    own = manager.post("/leads", lead_payload(assignee="rep-a")).json
    pool = manager.post("/leads", lead_payload()).json
    other = manager.post("/leads", lead_payload(assignee="rep-b")).json
    rep = api("sales_rep")
    assert rep.get(f"/leads/{other['id']}").status_code == 404
    assert rep.patch(f"/leads/{other['id']}", {"remark": "x"}, headers={"if-match": '"1"'}).status_code == 404
    assert rep.get(f"/leads/{other['id']}/log").status_code == 404
    assert {i["id"] for i in rep.get("/leads").json["items"]} == {own["id"], pool["id"]}
    assert rep.get("/leads", params={"assignee": "rep-b"}).json["items"] == []
    assert rep.get("/leads", params={"q": "Müller"}).json["items"] != []
    assert other["id"] not in {i["id"] for i in rep.get("/leads", params={"q": "Müller"}).json["items"]}


def test_a_rep_cannot_delete_or_assign_to_others_but_may_take_a_pool_lead(api):
    pool = api().post("/leads", lead_payload()).json
    rep = api("sales_rep")
    assert rep.delete(f"/leads/{pool['id']}").status_code == 403
    r = rep.patch(f"/leads/{pool['id']}", {"assignee": "rep-b"}, headers={"if-match": '"1"'})
    assert r.status_code == 403
    r = rep.patch(f"/leads/{pool['id']}", {"assignee": "rep-a"}, headers={"if-match": '"1"'})
    assert r.status_code == 200 and r.json["assignee"] == "rep-a"
    assert api().get(f"/leads/{pool['id']}/log").json["items"][0]["action"] == "assigned"
