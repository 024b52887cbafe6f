"""Every route against every role, an anonymous caller and another tenant's admin.

The expected status codes are written here, independently of chalicelib/domain/permissions.py,
so that a wrong change to either the code's table or this one fails. A route added to the app
without a row here fails too. Every table is compared before and after each request: a refusal
or a read stores nothing, an accepted write stores something.
"""
import functools
import itertools
import json

import boto3
import pytest

from app import app
from chalicelib.config import get_settings
from chalicelib.services.principals import principal_id
from chalicelib.services.tenants import source_key
from chalicelib.store import directory
from tests.conftest import lead_payload

CALLERS = ("admin", "sales_manager", "sales_rep", "integration", "auditor", "anonymous", "other_tenant")

EXPECTED = {
    #                                   admin mgr  rep  integ aud  anon other
    ("GET", "/health"):                 (200, 200, 200, 200, 200, 200, 200),
    ("HEAD", "/health"):                (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/openapi.json"):           (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/me"):                     (200, 200, 200, 200, 200, 401, 200),
    ("POST", "/leads"):                 (201, 201, 201, 201, 403, 401, 201),
    ("GET", "/leads"):                  (200, 200, 200, 200, 200, 401, 200),
    ("POST", "/leads/bulk-assign"):     (200, 200, 403, 403, 403, 401, 200),
    ("POST", "/leads/bulk-delete"):     (200, 200, 403, 403, 403, 401, 200),
    ("GET", "/leads/{lead_id}"):        (200, 200, 200, 404, 200, 401, 404),
    ("PATCH", "/leads/{lead_id}"):      (200, 200, 200, 403, 403, 401, 404),
    ("DELETE", "/leads/{lead_id}"):     (204, 204, 403, 403, 403, 401, 404),
    ("GET", "/leads/{lead_id}/log"):    (200, 200, 200, 403, 200, 401, 404),
    ("POST", "/leads/{lead_id}/contacts"):        (201, 201, 201, 403, 403, 401, 404),
    # the legal hold: admins alone (retention and erasure leave a held lead alone)
    ("PUT", "/leads/{lead_id}/legal-hold"):       (200, 403, 403, 403, 403, 401, 404),
    # the consent ledger: read with lead.read (the auditor too), recorded with lead.update
    ("GET", "/leads/{lead_id}/consents"):         (200, 200, 200, 404, 200, 401, 404),
    ("POST", "/leads/{lead_id}/consents"):        (201, 201, 201, 403, 403, 401, 404),
    # t1 is a dealer: it forwards nothing (422); the other tenant, t2, is its importer
    ("POST", "/leads/{lead_id}/forward"):         (422, 422, 403, 403, 403, 401, 404),
    # on a lead t2 forwarded to t1 (unassigned: a rep reaches it)
    ("POST", "/leads/{lead_id}/accept"):          (200, 200, 200, 403, 403, 401, 404),
    ("POST", "/leads/{lead_id}/reject"):          (200, 200, 200, 403, 403, 401, 404),
    ("GET", "/links"):                            (200, 200, 403, 403, 200, 401, 200),
    # {dealer_tenant} is t1: t1 cannot link dealers (422) nor end a link it does not have (404); t2 can
    ("PUT", "/links/dealers/{dealer_tenant}"):    (422, 403, 403, 403, 403, 401, 200),
    ("DELETE", "/links/dealers/{dealer_tenant}"): (404, 403, 403, 403, 403, 401, 204),
    # {importer_tenant} is t2: t1 links it; t2 cannot link itself (422) nor end a link it does not have
    ("PUT", "/links/importers/{importer_tenant}"):    (200, 403, 403, 403, 403, 401, 422),
    ("DELETE", "/links/importers/{importer_tenant}"): (204, 403, 403, 403, 403, 401, 404),
    ("GET", "/market-areas"):                     (200, 200, 403, 403, 200, 401, 200),
    ("PUT", "/market-areas"):                     (422, 403, 403, 403, 403, 401, 200),     # only an importer has them
    ("GET", "/sources"):                (200, 200, 200, 200, 200, 401, 200),
    ("POST", "/sources"):               (201, 403, 403, 403, 403, 401, 201),
    ("PATCH", "/sources/{name}"):       (200, 403, 403, 403, 403, 401, 404),
    ("GET", "/tenant"):                 (200, 200, 200, 403, 200, 401, 200),
    ("PATCH", "/tenant"):               (200, 403, 403, 403, 403, 401, 200),
    ("GET", "/principals"):             (200, 403, 403, 403, 200, 401, 200),
    ("POST", "/principals"):            (201, 403, 403, 403, 403, 401, 201),
    ("PATCH", "/principals/{principal_id}"):      (200, 403, 403, 403, 403, 401, 404),
    ("GET", "/principals/{principal_id}/log"):    (200, 403, 403, 403, 200, 401, 404),
    ("GET", "/users"):                  (200, 200, 200, 403, 200, 401, 200),
    # the lead is unassigned: a rep converts only leads assigned to them
    ("GET", "/leads/{lead_id}/duplicates"):       (200, 200, 403, 403, 403, 401, 404),
    ("POST", "/leads/{lead_id}/convert"):         (201, 201, 403, 403, 403, 401, 404),
    ("POST", "/customers"):             (201, 201, 201, 403, 403, 401, 201),
    ("GET", "/customers"):              (200, 200, 200, 403, 200, 401, 200),
    ("POST", "/customers/bulk"):        (200, 403, 403, 200, 403, 401, 200),
    # admins alone; another tenant's admin derives its own master anew
    ("POST", "/customers/reindex"):     (200, 403, 403, 403, 403, 401, 200),
    ("GET", "/customers/{customer_id}"):          (200, 200, 200, 403, 200, 401, 404),
    ("PATCH", "/customers/{customer_id}"):        (200, 200, 200, 403, 403, 401, 404),
    ("GET", "/customers/{customer_id}/log"):      (200, 200, 200, 403, 200, 401, 404),
    ("GET", "/customers/{customer_id}/activities"): (200, 200, 200, 403, 200, 401, 404),
    ("GET", "/customers/{customer_id}/consents"):   (200, 200, 200, 403, 200, 401, 404),
    ("POST", "/customers/{customer_id}/consents"):  (201, 201, 201, 403, 403, 401, 404),
    ("GET", "/activities"):             (200, 200, 200, 403, 200, 401, 200),
    ("PATCH", "/activities/{activity_id}"):       (200, 200, 200, 403, 403, 401, 404),
    ("GET", "/imports"):                (200, 200, 403, 200, 403, 401, 200),
    ("POST", "/imports"):               (201, 201, 403, 201, 403, 401, 201),
    ("GET", "/imports/{import_id}"):    (404, 404, 403, 404, 403, 401, 404),
    ("GET", "/integrations"):           (200, 403, 403, 403, 200, 401, 200),
    ("POST", "/integrations"):          (201, 403, 403, 403, 403, 401, 201),
    ("GET", "/integrations/{integration_id}"):    (200, 403, 403, 403, 200, 401, 404),
    ("PATCH", "/integrations/{integration_id}"):  (200, 403, 403, 403, 403, 401, 404),
    ("POST", "/integrations/{integration_id}/secrets"): (201, 403, 403, 403, 403, 401, 404),
    # no IAM: an IAM signature, whoever's, is no proof of the integration's sender
    ("POST", "/webhooks/{integration_id}"):       (401, 401, 401, 401, 401, 401, 401),
    ("GET", "/routing-rules"):                    (200, 200, 403, 403, 200, 401, 200),
    ("PUT", "/routing-rules"):                    (200, 403, 403, 403, 403, 401, 200),
    ("POST", "/routing-rules/dry-run"):           (200, 200, 403, 403, 200, 401, 200),
    ("PUT", "/users/{user_id}/absences"):         (200, 200, 403, 403, 403, 401, 404),
    # the access export: admins alone; another tenant's admin gets its own tenant's (empty) export; audited
    ("POST", "/privacy/access"):                  (200, 403, 403, 403, 403, 401, 200),
    # what the next retention run removes: admins alone; another tenant's admin sees its own tenant's
    ("GET", "/privacy/retention"):                (200, 403, 403, 403, 403, 401, 200),
    # the erasure: admins alone; another tenant's admin erases nothing of t1's (its own log says it looked)
    ("POST", "/privacy/erasure/preview"):         (200, 403, 403, 403, 403, 401, 200),
    ("POST", "/privacy/erasure"):                 (200, 403, 403, 403, 403, 401, 200),
    ("GET", "/privacy/requests"):                 (200, 403, 403, 403, 403, 401, 200),
    # the workspace's files are public (the page signs each API call); unknown files are 404 for all
    ("GET", "/"):                                 (302, 302, 302, 302, 302, 302, 302),
    ("GET", "/workspace"):                        (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/workspace/config.json"):            (200, 200, 200, 200, 200, 200, 200),
    ("GET", "/workspace/{name}"):                 (404, 404, 404, 404, 404, 404, 404),
    ("GET", "/workspace/{folder}/{name}"):        (404, 404, 404, 404, 404, 404, 404),
    ("GET", "/workspace/{folder}/{sub}/{name}"):  (404, 404, 404, 404, 404, 404, 404),
}


def test_every_route_has_a_row():
    routes = {(m, p) for p, methods in app.routes.items() for m in methods}
    assert routes == set(EXPECTED)


_counter = itertools.count()
CONSENT_WITHDRAWN = {"entries": [{"purpose": "marketing", "channel": "email", "state": "withdrawn",
                                  "source": "in_person", "note": "am Telefon"}]}


def _request(route, manager, tenants):
    """A valid request on fresh t1 data: (method, path, body, headers)."""
    method, path = route
    n = next(_counter)
    if "{lead_id}" in path or path.startswith("/leads/bulk"):
        lead_id = manager.post("/leads", lead_payload()).json["id"]
        path = path.replace("{lead_id}", lead_id)
    bodies = {
        ("POST", "/leads"): lead_payload(),
        ("POST", "/leads/bulk-assign"): {"lead_ids": [locals().get("lead_id")], "assignee": "rep-b"},
        ("POST", "/leads/bulk-delete"): {"lead_ids": [locals().get("lead_id")]},
        ("PATCH", "/leads/{lead_id}"): {"remark": "geändert", "version": 1},
        ("POST", "/leads/{lead_id}/contacts"): {"kind": "call", "outcome": "not_reached", "version": 1},
        ("POST", "/leads/{lead_id}/forward"): {"dealer": "t1"},
        ("POST", "/leads/{lead_id}/reject"): {"reason": "zu weit weg"},
        ("PUT", "/links/dealers/{dealer_tenant}"): {"codes": ["4711"]},
        ("PUT", "/market-areas"): {"areas": []},                   # the version: the caller's tenant's, below
        ("POST", "/sources"): {"name": f"Messe {n}", "details": ["2026"]},
        ("PATCH", "/sources/{name}"): {"details": ["2027"], "version": 1},
        ("PATCH", "/tenant"): {"name": f"Autohaus {n}", "version": None},
        ("POST", "/principals"): {"principal": f"arn:aws:iam::111122223333:user/new-{n}", "user": f"u{n}", "role": "sales_rep"},
        ("PATCH", "/principals/{principal_id}"): {"name": f"Name {n}", "version": 1},
        ("POST", "/customers"): {"last_name": f"Kunde{n}", "email": f"k{n}@example.at"},
        ("POST", "/customers/bulk"): {"customers": [{"external_id": f"E{n}", "last_name": "Bulk"}]},
        ("POST", "/customers/reindex"): {},
        ("PATCH", "/customers/{customer_id}"): {"city": "Graz", "version": 1},
        ("PATCH", "/activities/{activity_id}"): {"status": "done", "version": 1},
        ("POST", "/imports"): {"file_name": "Vienna Autoshow 2017.csv"},
        ("POST", "/integrations"): {"name": f"Formular {n}", "format": "generic"},
        ("PATCH", "/integrations/{integration_id}"): {"name": f"Formular {n}", "version": 1},
        ("POST", "/integrations/{integration_id}/secrets"): {"keep_previous_hours": 1},
        ("POST", "/webhooks/{integration_id}"): {"nachname": "Huber", "email": f"w{n}@example.at"},
        ("PUT", "/routing-rules"): {"rules": []},                  # the version: the caller's tenant's, below
        ("POST", "/routing-rules/dry-run"): {"lead": lead_payload()},
        ("PUT", "/users/{user_id}/absences"): {"absences": [{"from": "2026-12-24", "to": "2026-12-31"}]},
        ("POST", "/privacy/access"): {"email": "Anna.Mueller@Example.at"},
        ("PUT", "/leads/{lead_id}/legal-hold"): {"hold": True, "reason": "Rechtsstreit", "version": 1},
        ("POST", "/leads/{lead_id}/consents"): CONSENT_WITHDRAWN,
        ("POST", "/customers/{customer_id}/consents"): CONSENT_WITHDRAWN,
        ("POST", "/privacy/erasure/preview"): {"email": "Anna.Mueller@Example.at"},
        ("POST", "/privacy/erasure"): {"email": "Anna.Mueller@Example.at", "confirm": True},
    }
    body = bodies.get(route)
    if route == ("GET", "/privacy/retention"):         # the preview lists the tenant's objects in the bucket
        _files_bucket()
    if "{name}" in path:
        directory.create_source("t1", source_key(f"Quelle {n}"), {"name": f"Quelle {n}", "details": []})
        path = path.replace("{name}", f"Quelle%20{n}")
    if "{customer_id}" in path or "{activity_id}" in path:
        customer = manager.post("/customers", {"last_name": f"Kunde{n}", "email": f"c{n}@example.at"}).json
        path = path.replace("{customer_id}", customer["id"])
        if "{activity_id}" in path:
            lead = manager.post("/leads", lead_payload(last_name=f"Akt{n}", email=f"a{n}@example.at")).json
            token = manager.get(f"/leads/{lead['id']}/duplicates").json["check_token"]
            conv = manager.post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                "activity": {"type": "call"}}).json
            path = path.replace("{activity_id}", conv["activity"]["id"])
    if route == ("POST", "/leads/{lead_id}/convert"):
        token = manager.get(f"/leads/{lead_id}/duplicates").json["check_token"]
        body = {"decision": "new_customer", "check_token": token, "activity": {"type": "call"}}
    if route in (("POST", "/leads/{lead_id}/accept"), ("POST", "/leads/{lead_id}/reject")):
        path = f"/leads/{_forwarded_to_t1(n)}/{path.rsplit('/', 1)[1]}"
    if "{dealer_tenant}" in path or "{importer_tenant}" in path:
        from chalicelib.domain.permissions import Caller
        from chalicelib.services import links
        if route[0] == "DELETE":                 # the link the caller's tenant ends: its own side put first
            links.put_link(Caller("t2", "admin", "admin", "matrix"), "t1", "dealer", None)
            links.put_link(Caller("t1", "admin", "admin", "matrix"), "t2", "importer", None)
        path = path.replace("{dealer_tenant}", "t1").replace("{importer_tenant}", "t2")
    path = path.replace("{import_id}", "01NOSUCHIMPORT")
    if "{user_id}" in path:                  # a t1 user that t2 does not have: another tenant's admin gets 404
        directory.put_user("t1", f"absent-{n}", {"name": f"Absent {n}"})
        path = path.replace("{user_id}", f"absent-{n}")
    if "{integration_id}" in path:
        from chalicelib.domain.permissions import Caller
        from chalicelib.services import integrations
        admin = Caller("t1", "admin", "admin", "matrix")
        created = integrations.create_integration(admin, integrations.IntegrationInput(name=f"Hook {n}", format="generic"))
        path = path.replace("{integration_id}", created.body["id"])
    if "{principal_id}" in path:
        arn = f"arn:aws:iam::111122223333:user/target-{n}"
        directory.put_principal(arn, tenant="t1", user=f"target-{n}", role="sales_rep")
        path = path.replace("{principal_id}", principal_id(arn))
    return method, path, body


def _files_bucket() -> None:
    s3 = boto3.client("s3", region_name=get_settings().region)
    if get_settings().bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=get_settings().bucket, CreateBucketConfiguration={"LocationConstraint": get_settings().region})


def _forwarded_to_t1(n: int) -> str:
    """A lead the importer t2 forwarded to t1 over their link: the id of t1's copy."""
    from chalicelib.domain.permissions import Caller
    from chalicelib.services import forwarding, leads, links
    from chalicelib.store.models import LeadItem
    links.put_link(Caller("t2", "admin", "admin", "matrix"), "t1", "dealer", None)
    links.put_link(Caller("t1", "admin", "admin", "matrix"), "t2", "importer", None)
    manager = Caller("t2", "manager", "sales_manager", "matrix")
    lead = leads.create_lead(manager, _importer_lead(n), request_hash="x").body
    forwarding.forward_lead(manager, lead["id"], "t1", expected_version=None)
    return next(i.lead_id for i in LeadItem.scan() if i.tenant == "t1" and (i.forwarded_from or {}).get("lead_id") == lead["id"])


def _importer_lead(n: int):
    from chalicelib.domain.lead import LeadInput
    from chalicelib.validation import validate
    payload = lead_payload(last_name=f"Weiter{n}", email=f"w{n}@example.at",
                           vehicle={"interest": {"make": "Volkswagen", "dealer_contact": True}})
    return validate(LeadInput, payload, {"country": "DE", "tenant_kind": "importer", "problems": []})


@functools.cache
def _dynamodb(region: str, endpoint: str | None):
    return boto3.client("dynamodb", region_name=region, endpoint_url=endpoint)


def stored_state() -> dict:
    """Every item of every table."""
    settings = get_settings()
    dynamodb = _dynamodb(settings.region, settings.dynamodb_endpoint)
    state = {}
    for table in dynamodb.list_tables()["TableNames"]:
        items = dynamodb.get_paginator("scan").paginate(TableName=table, ConsistentRead=True).build_full_result()["Items"]
        state[table] = sorted(json.dumps(item, sort_keys=True) for item in items)
    return state


# Accepted writes that have nothing to store: another tenant's admin names t1's leads, which are
# answered one by one as not found.
STORE_NOTHING = {(("POST", "/leads/bulk-assign"), "other_tenant"), (("POST", "/leads/bulk-delete"), "other_tenant"),
                 # a dry run stores nothing, whoever runs it; nor does an erasure's preview
                 *((("POST", "/routing-rules/dry-run"), c) for c in CALLERS),
                 *((("POST", "/privacy/erasure/preview"), c) for c in CALLERS),
                 # a reindex of a master whose keys are current has nothing to write
                 *((("POST", "/customers/reindex"), c) for c in CALLERS)}


def _outcome(route, caller: str, status: int, changed: bool) -> str:
    """The status, and whether the request stored what the table implies: a refusal and a read
    store nothing, an accepted write stores something."""
    writes = status < 400 and route[0] not in ("GET", "HEAD") and (route, caller) not in STORE_NOTHING
    if changed != writes:
        return f"{status}, " + ("stored something" if changed else "stored nothing")
    return f"{status}"


@pytest.mark.parametrize("route", sorted(EXPECTED), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_answers_each_caller_as_the_table_says_and_only_accepted_writes_store(api, tenants, route):
    manager = api("sales_manager")
    for tenant in tenants:                  # created on a tenant's first duplicate check: not the caller's doing
        directory.token_key(tenant)
    got, want = {}, {}
    for caller, expected in zip(CALLERS, EXPECTED[route]):
        method, path, body = _request(route, manager, tenants)
        tenant = "t2" if caller == "other_tenant" else "t1"
        if route == ("PATCH", "/tenant"):
            body["version"] = directory.get_tenant_settings(tenant).version
        if route == ("PUT", "/routing-rules"):
            body["version"] = getattr(directory.get_routing_rules(tenant), "version", 0)
        if route == ("PUT", "/market-areas"):
            from chalicelib.store import links as link_store
            body["version"] = getattr(link_store.get_market_areas(tenant), "version", 0)
        client = api(None) if caller == "anonymous" else api("admin", "t2") if caller == "other_tenant" else api(caller)
        before = stored_state()
        r = client.request(method, path, json_body=body)
        got[caller] = _outcome(route, caller, r.status_code, stored_state() != before)
        want[caller] = f"{expected}"
    assert got == want
