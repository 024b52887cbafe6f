"""People signed in through the stack's Cognito user pool are told apart by their subject, not by
the group role they all call as; any other pool, or a subject nobody mapped, is refused."""
import json

import pytest
from chalice.test import Client

from chalicelib.services.principals import principal_id
from chalicelib.store import directory
from devstack.local_server import LeadflowGateway
from tests.conftest import ROOT, lead_payload

REGION, ACCOUNT = "eu-central-1", "123456789012"
POOL = "eu-central-1_Lf0People"
IDENTITY_POOL = "eu-central-1:2d5cbd8e-5b1a-4c2e-9f43-0d8f3c1f1a77"
JANE = "7d3f1a52-8c1e-4b7a-9a35-2f4e8f0c6b11"
MAX = "c0a8e4f2-1b6d-4e1a-8f3c-5a9d7e2b4c60"
SALES_REP_ROLE = f"arn:aws:sts::{ACCOUNT}:assumed-role/leadflow-SalesRepGroupRole-1X2Y3Z/CognitoIdentityCredentials"


def signed_in(sub: str, *, pool: str = POOL, identity_pool: str = IDENTITY_POOL, role_arn: str = SALES_REP_ROLE,
              authentication_type: str = "authenticated") -> dict:
    """requestContext.identity as API Gateway's IAM authorizer fills it in for a caller with the
    identity pool's credentials of a person who signed in through `pool`."""
    issuer = f"cognito-idp.{pool.split('_')[0]}.amazonaws.com/{pool}"
    return {
        "cognitoIdentityPoolId": identity_pool,
        "cognitoIdentityId": f"{REGION}:0f6b0c3e-0d7c-4a57-b7a1-{sub[-12:]}",
        "cognitoAuthenticationType": authentication_type,
        "cognitoAuthenticationProvider": f"{issuer},{issuer}:CognitoSignIn:{sub}",
        "accountId": ACCOUNT,
        "caller": "AROAEXAMPLEGROUPROLE:CognitoIdentityCredentials",
        "user": "AROAEXAMPLEGROUPROLE:CognitoIdentityCredentials",
        "accessKey": "ASIAEXAMPLESESSION01",
        "userArn": role_arn,
        "sourceIp": "203.0.113.7",
    }


class ApiGateway(LeadflowGateway):
    """API Gateway as deployed: its IAM authorizer verified the signature and describes the caller
    in requestContext.identity (chalice's stand-in leaves that to us)."""
    caller: dict = {}

    def __init__(self, app_object, config) -> None:
        super().__init__(app_object, config)
        create_event = self.event_converter.create_lambda_event

        def with_caller(*args, **kwargs):
            event = create_event(*args, **kwargs)
            event["requestContext"]["identity"].update(ApiGateway.caller)
            return event
        self.event_converter.create_lambda_event = with_caller


@pytest.fixture
def deployed(aws, tenants, monkeypatch):
    """call(identity, method, path, body): the API in the deployed auth mode (iam), with the stack's pools."""
    import chalice.test

    from app import app
    monkeypatch.setenv("LEADFLOW_COGNITO_USER_POOL_ID", POOL)
    monkeypatch.setenv("LEADFLOW_COGNITO_IDENTITY_POOL_ID", IDENTITY_POOL)
    monkeypatch.setattr(chalice.test, "LocalGateway", ApiGateway)
    with Client(app, stage_name="dev", project_dir=str(ROOT)) as client:
        def call(identity: dict, method: str = "GET", path: str = "/me", body: dict | None = None):
            ApiGateway.caller = identity
            try:
                raw = json.dumps(body).encode() if body is not None else b""
                headers = {"host": "abc123.execute-api.eu-central-1.amazonaws.com",
                           **({"content-type": "application/json"} if raw else {})}
                response = client.http.request(method, path, headers=headers, body=raw)
            finally:
                ApiGateway.caller = {}
            response.json = json.loads(response.body) if response.body else None
            return response
        yield call


def map_person(sub: str, *, user: str, role: str, tenant: str = "t1", pool: str = POOL) -> None:
    directory.put_principal(f"cognito:{pool}:{sub}", tenant=tenant, user=user, role=role)


def test_a_person_is_the_user_their_subject_is_mapped_to(deployed):
    map_person(JANE, user="jane", role="sales_rep")
    r = deployed(signed_in(JANE))
    assert r.status_code == 200, r.json
    assert (r.json["tenant"], r.json["user"], r.json["role"]) == ("t1", "jane", "sales_rep")


def test_two_people_calling_as_the_same_group_role_are_two_users(deployed):
    map_person(JANE, user="jane", role="sales_rep")
    map_person(MAX, user="max", role="sales_rep", tenant="t2")
    assert deployed(signed_in(JANE)).json["user"] == "jane"
    assert (deployed(signed_in(MAX)).json["tenant"], deployed(signed_in(MAX)).json["user"]) == ("t2", "max")
    lead = deployed(signed_in(JANE), "POST", "/leads", lead_payload()).json
    assert deployed(signed_in(MAX), "GET", f"/leads/{lead['id']}").status_code == 404


def test_a_sign_in_through_another_user_pool_is_refused_whatever_is_mapped(deployed):
    """Fails if the pool check goes: the same subject is mapped under both pools."""
    other_pool = "eu-central-1_SomeoneElse"
    map_person(JANE, user="jane", role="admin")
    map_person(JANE, user="jane-elsewhere", role="admin", pool=other_pool)
    r = deployed(signed_in(JANE, pool=other_pool))
    assert r.status_code == 403 and "user pool" in r.json["detail"]
    assert deployed(signed_in(JANE)).status_code == 200


def test_a_provider_that_names_our_pool_in_another_region_is_refused(deployed):
    map_person(JANE, user="jane", role="admin")
    identity = signed_in(JANE)
    identity["cognitoAuthenticationProvider"] = identity["cognitoAuthenticationProvider"].replace(
        "cognito-idp.eu-central-1.", "cognito-idp.us-east-1.")
    assert deployed(identity).status_code == 403


def test_credentials_of_another_identity_pool_are_refused(deployed):
    map_person(JANE, user="jane", role="admin")
    assert deployed(signed_in(JANE, identity_pool="eu-central-1:00000000-0000-0000-0000-000000000000")).status_code == 403


def test_a_subject_nobody_mapped_is_refused_and_told_what_to_ask_for(deployed):
    r = deployed(signed_in(JANE))
    assert r.status_code == 403 and f"cognito:{POOL}:{JANE}" in r.json["detail"]


def test_the_group_roles_arn_never_stands_for_a_person(deployed):
    """Everyone in the group calls as this assumed role: mapping its role must not let anyone in."""
    directory.put_principal(f"arn:aws:iam::{ACCOUNT}:role/leadflow-SalesRepGroupRole-1X2Y3Z", tenant="t1",
                            user="everyone", role="admin")
    assert deployed(signed_in(JANE)).status_code == 403


def test_an_unauthenticated_identity_is_401(deployed):
    map_person(JANE, user="jane", role="admin")
    assert deployed(signed_in(JANE, authentication_type="unauthenticated")).status_code == 401


def test_without_a_configured_user_pool_no_sign_in_is_accepted(deployed, monkeypatch):
    map_person(JANE, user="jane", role="admin")
    monkeypatch.delenv("LEADFLOW_COGNITO_USER_POOL_ID")
    assert deployed(signed_in(JANE)).status_code == 403


def test_a_deactivated_person_is_refused_on_their_next_request(deployed):
    map_person(JANE, user="jane", role="sales_rep")
    assert deployed(signed_in(JANE)).status_code == 200
    directory.put_principal(f"cognito:{POOL}:{JANE}", tenant="t1", user="jane", role="sales_rep", active=False)
    assert deployed(signed_in(JANE)).status_code == 403


def test_iam_callers_are_still_mapped_by_their_arn(deployed):
    directory.put_principal(f"arn:aws:iam::{ACCOUNT}:role/dealer-system", tenant="t1", user="dms", role="integration")
    r = deployed({"userArn": f"arn:aws:sts::{ACCOUNT}:assumed-role/dealer-system/nightly"})
    assert r.status_code == 200 and r.json["user"] == "dms"


# ------------------------------------------------------------------ an admin maps a person


def test_an_admin_maps_a_person_of_the_pool_who_can_then_work(deployed):
    map_person(JANE, user="jane", role="admin")
    admin = signed_in(JANE)
    r = deployed(admin, "POST", "/principals", {"principal": f"cognito:{POOL}:{MAX.upper()}", "user": "max",
                                                "role": "sales_manager", "name": "Max Huber"})
    assert r.status_code == 201, r.json
    assert r.json["principal"] == f"cognito:{POOL}:{MAX}"                    # one spelling: the sub in lower case
    me = deployed(signed_in(MAX)).json
    assert (me["tenant"], me["user"], me["role"]) == ("t1", "max", "sales_manager")
    r = deployed(admin, "PATCH", f"/principals/{principal_id(f'cognito:{POOL}:{MAX}')}", {"version": 1, "active": False})
    assert r.status_code == 200
    assert deployed(signed_in(MAX)).status_code == 403


def test_people_of_another_pool_or_malformed_subjects_cannot_be_mapped(deployed):
    map_person(JANE, user="jane", role="admin")
    admin = signed_in(JANE)
    r = deployed(admin, "POST", "/principals", {"principal": f"cognito:eu-central-1_SomeoneElse:{MAX}",
                                                "user": "max", "role": "sales_rep"})
    assert r.status_code == 422 and r.json["errors"][0]["type"] == "foreign_user_pool"
    r = deployed(admin, "POST", "/principals", {"principal": f"cognito:{POOL}:max", "user": "max", "role": "sales_rep"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "principal"
    r = deployed(admin, "POST", "/principals", {"principal": f"cognito:{POOL}:{JANE}", "user": "j2", "role": "admin"})
    assert r.status_code == 409                                               # mapped already
