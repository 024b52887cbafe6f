"""Admins map IAM principals to users and roles, deactivate them, and never lose the last admin."""
from chalicelib.services.principals import principal_id
from chalicelib.store import directory
from devstack.provision import new_access_key
from tests.conftest import SignedClient, lead_payload

NEW_ARN = "arn:aws:iam::111122223333:user/julia.berger"


def as_principal(api, arn):
    """Local mode: give the principal an access key, as IAM would, and sign as it."""
    akid, secret = new_access_key()
    directory.put_local_access_key(akid, secret, arn)
    creds = {"access_key_id": akid, "secret_access_key": secret, "region": "eu-central-1"}
    return SignedClient(api()._client, creds)


def test_an_admin_adds_a_principal_that_can_then_work(api):
    r = api("admin").post("/principals", {"principal": NEW_ARN, "user": "j.berger", "role": "sales_rep",
                                          "name": "Julia Berger"})
    assert r.status_code == 201, r.json
    assert r.json["role"] == "sales_rep" and r.json["active"] and r.json["version"] == 1
    me = as_principal(api, NEW_ARN).get("/me").json
    assert (me["tenant"], me["user"], me["role"]) == ("t1", "j.berger", "sales_rep")
    assert {"id": "j.berger", "name": "Julia Berger", "active": True, "works_leads": True} in api().get("/users").json["items"]
    assert api().post("/leads", lead_payload(assignee="j.berger")).status_code == 201


def test_an_assumed_role_arn_is_mapped_as_its_role(api):
    r = api("admin").post("/principals", {"principal": "arn:aws:sts::111122223333:assumed-role/dealer-web/s1",
                                          "user": "website-2", "role": "integration"})
    assert r.json["principal"] == "arn:aws:iam::111122223333:role/dealer-web"


def test_invalid_or_duplicate_principals_are_refused(api):
    admin = api("admin")
    r = admin.post("/principals", {"principal": "arn:aws:iam::111122223333:root", "user": "x", "role": "admin"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "principal"
    r = admin.post("/principals", {"principal": NEW_ARN, "user": "x", "role": "owner"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "role"
    assert admin.post("/principals", {"principal": NEW_ARN, "user": "x", "role": "sales_rep"}).status_code == 201
    assert admin.post("/principals", {"principal": NEW_ARN, "user": "y", "role": "admin"}).status_code == 409
    assert api("admin", "t2").post("/principals", {"principal": NEW_ARN, "user": "z", "role": "admin"}).status_code == 409


def test_principals_of_foreign_aws_accounts_cannot_be_mapped(api):
    r = api("admin").post("/principals", {"principal": "arn:aws:iam::999999999999:role/someone-elses-web",
                                          "user": "x", "role": "integration"})
    assert r.status_code == 422 and r.json["errors"][0]["type"] == "foreign_account"


def test_deactivation_takes_effect_on_the_next_request(api):
    admin = api("admin")
    created = admin.post("/principals", {"principal": NEW_ARN, "user": "j.berger", "role": "sales_rep"}).json
    client = as_principal(api, NEW_ARN)
    assert client.get("/leads").status_code == 200
    r = admin.patch(f"/principals/{created['id']}", {"active": False, "version": 1})
    assert r.status_code == 200 and r.json["active"] is False
    assert client.get("/leads").status_code == 403
    r = api().post("/leads", lead_payload(assignee="j.berger"))
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "assignee"
    log = admin.get(f"/principals/{created['id']}/log").json["items"]
    assert [e["action"] for e in log] == ["deactivated", "created"]
    assert log[0]["changes"] == [{"field": "active", "old": True, "new": False}] and log[0]["actor"] == "admin"


def test_a_role_change_takes_effect_on_the_next_request(api, tenants):
    arn = tenants["t1"]["sales_rep"]["principal"]
    rep = api("sales_rep")
    assert rep.delete(f"/leads/{api().post('/leads', lead_payload()).json['id']}").status_code == 403
    version = directory.get_principal(arn).version
    assert api("admin").patch(f"/principals/{principal_id(arn)}", {"role": "sales_manager", "version": version}).status_code == 200
    assert rep.delete(f"/leads/{api().post('/leads', lead_payload()).json['id']}").status_code == 204


def test_a_stale_principal_version_is_refused(api, tenants):
    ref = principal_id(tenants["t1"]["sales_rep"]["principal"])
    admin = api("admin")
    assert admin.patch(f"/principals/{ref}", {"name": "A", "version": 1}).status_code == 200
    r = admin.patch(f"/principals/{ref}", {"name": "B", "version": 1})
    assert r.status_code == 412 and r.json["current_version"] == 2


def test_the_last_admin_cannot_be_deactivated_or_demoted(api, tenants):
    ref = principal_id(tenants["t1"]["admin"]["principal"])
    admin = api("admin")
    r = admin.patch(f"/principals/{ref}", {"active": False, "version": 1})
    assert r.status_code == 409 and "last active admin" in r.json["detail"]
    assert admin.patch(f"/principals/{ref}", {"role": "auditor", "version": 1}).status_code == 409
    assert admin.get("/me").json["role"] == "admin"
    second = admin.post("/principals", {"principal": NEW_ARN, "user": "boss2", "role": "admin"}).json
    assert admin.patch(f"/principals/{ref}", {"role": "auditor", "version": 1}).status_code == 200
    assert admin.get("/me").status_code == 200 and admin.get("/me").json["role"] == "auditor"
    boss2 = as_principal(api, NEW_ARN)
    assert boss2.patch(f"/principals/{second['id']}", {"active": False, "version": 1}).status_code == 409


def test_principals_of_another_tenant_are_not_found(api, tenants):
    ref = principal_id(tenants["t2"]["sales_rep"]["principal"])
    assert api("admin").patch(f"/principals/{ref}", {"active": False, "version": 1}).status_code == 404
    assert api("admin").patch("/principals/not-base64!", {"active": False, "version": 1}).status_code == 404
    listed = {p["principal"] for p in api("admin").get("/principals").json["items"]}
    assert tenants["t2"]["sales_rep"]["principal"] not in listed


def test_admin_changes_do_not_reset_the_tenant_settings_version(api):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    assert admin.patch("/tenant", {"name": "A", "version": version}).status_code == 200
    assert admin.post("/principals", {"principal": NEW_ARN, "user": "boss2", "role": "admin"}).status_code == 201
    assert admin.get("/tenant").json["version"] == version + 1
    assert admin.patch("/tenant", {"name": "B", "version": version}).status_code == 412


def test_tenant_settings_are_validated_against_the_holiday_calendar(api):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    r = admin.patch("/tenant", {"subdivision": "XX", "holiday_categories": ["pagan"], "version": version})
    assert r.status_code == 422 and {e["field"] for e in r.json["errors"]} == {"subdivision", "holiday_categories"}
    r = admin.patch("/tenant", {"holiday_categories": ["public", "bank"], "version": version})
    assert r.status_code == 200 and r.json["holiday_categories"] == ["public", "bank"]
    assert admin.patch("/tenant", {"name": "x", "version": version}).status_code == 412


def test_a_tenants_own_admin_cannot_turn_the_dealership_into_an_importer(api):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    r = admin.patch("/tenant", {"kind": "importer", "version": version})
    assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == ["kind"], r.json
    assert "provisioned" in r.json["errors"][0]["message"]
    assert admin.get("/tenant").json["kind"] == "dealer"


def test_consent_channels_name_only_activity_types_the_tenant_has(api):
    admin = api("admin")
    version = admin.get("/tenant").json["version"]
    r = admin.patch("/tenant", {"consent_channels": {"whatsapp_call": "phone"}, "version": version})
    assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == ["consent_channels"], r.json
    assert "whatsapp_call" in r.json["errors"][0]["message"]
    r = admin.patch("/tenant", {"consent_channels": {"visit": "post"}, "version": version})
    assert r.status_code == 200 and r.json["consent_channels"]["visit"] == "post"
    r = admin.patch("/tenant", {"activity_types": ["call", "whatsapp_call"], "consent_channels": {"whatsapp_call": "phone"},
                                "version": version + 1})
    assert r.status_code == 200 and r.json["consent_channels"]["whatsapp_call"] == "phone"
