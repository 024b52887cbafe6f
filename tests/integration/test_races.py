"""Races with real threads against a moto server: one winner, never two customers or activities.

The server runs in its own process with DynamoDB's write isolation (devstack.moto_speedups); the
threads call the services, as concurrent Lambda invocations would.
"""
import os
import threading

import pytest

from chalicelib.domain.permissions import Caller
from chalicelib.errors import ConflictError, StaleVersionError
from tests.conftest import lead_payload
from tests.integration.moto_process import moto_process

ROUNDS = 5


@pytest.fixture(scope="module")
def moto_server():
    with moto_process("race-", reinquiry_days=0):       # one person's leads here are two leads (test_reinquiry_races)
        yield


MANAGER = Caller("t1", "manager", "sales_manager", "arn:aws:iam::000000000000:user/t1-manager")
ADMIN = Caller("t1", "admin", "admin", "arn:aws:iam::000000000000:user/t1-admin")


def together(*calls):
    """Run the calls at the same moment on threads; return each one's result or exception."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:       # the outcome under test
            results[i] = exc
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def new_lead(**fields):
    from devstack.direct import create_lead
    return create_lead(MANAGER, lead_payload(**fields)).body


def convert_call(caller, lead_id, key=None, decision="new_customer", customer_id=None):
    from chalicelib.services import conversion
    token = conversion.duplicate_check(caller, lead_id)["check_token"]
    body = {"decision": decision, "check_token": token, "activity": {"type": "call"},
            **({"customer_id": customer_id} if customer_id else {})}
    from devstack.direct import convert
    return lambda: convert(caller, lead_id, body, idempotency_key=key)


def customers_with_email(email):
    from chalicelib.services.customers import search_customers
    return [c for c in search_customers(MANAGER, email, 100)["items"] if c.get("email") == email]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_clients_converting_one_lead_make_one_customer(moto_server, round_):
    email = f"once{round_}@example.at"
    lead = new_lead(last_name="Einmal", email=email)
    results = together(convert_call(MANAGER, lead["id"]), convert_call(ADMIN, lead["id"]))
    winners = [r for r in results if not isinstance(r, Exception)]
    assert len(winners) == 1 and winners[0].status == 201, results
    assert all(isinstance(r, ConflictError) for r in results if isinstance(r, Exception)), results
    assert len(customers_with_email(email)) == 1


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_leads_of_one_new_person_converted_at_once_make_one_customer(moto_server, round_):
    email = f"twin{round_}@example.at"
    first, second = new_lead(last_name="Zwilling", email=email), new_lead(last_name="Zwilling", email=email)
    results = together(convert_call(MANAGER, first["id"]), convert_call(ADMIN, second["id"]))
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError)
    fresh = losers[0].extra["duplicate_check"]["candidates"]
    assert fresh[0]["customer"]["id"] == winners[0].body["customer"]["id"]
    assert len(customers_with_email(email)) == 1


def test_the_same_idempotency_key_sent_twice_at_once_converts_once(moto_server):
    email = "idem@example.at"
    lead = new_lead(last_name="Idem", email=email)
    call = convert_call(MANAGER, lead["id"], key="retry-1")
    results = together(call, call)
    assert all(not isinstance(r, Exception) for r in results), results
    assert results[0].body == results[1].body
    assert len(customers_with_email(email)) == 1


def test_five_editors_at_one_version_make_one_change(moto_server):
    from chalicelib.services.leads import get_lead, update_lead
    lead = new_lead(last_name="Fünffach")
    from chalicelib.api.schemas import LeadPatch
    calls = [lambda i=i: update_lead(MANAGER, lead["id"], LeadPatch(remark=f"editor {i}"), expected_version=1)
             for i in range(5)]
    results = together(*calls)
    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    assert all(isinstance(r, StaleVersionError) for r in results if isinstance(r, Exception))
    assert get_lead(MANAGER, lead["id"]).body["version"] == 2


def test_two_bulk_loads_of_the_same_customers_at_once_create_each_once(moto_server):
    from chalicelib.services.customers import bulk_load
    rows = [{"external_id": f"RACE-{i}", "last_name": "Parallel", "email": f"parallel{i}@example.at"} for i in range(20)]
    results = together(lambda: bulk_load(ADMIN, rows), lambda: bulk_load(ADMIN, rows))
    assert all(not isinstance(r, Exception) for r in results), results
    for i in range(20):
        assert len(customers_with_email(f"parallel{i}@example.at")) == 1


def test_one_event_delivered_three_times_at_once_imports_each_row_once(moto_server):
    import boto3

    from chalicelib.services.import_events import ImportBusyError, handle_s3_event
    from chalicelib.services.leads import ListRequest, list_leads
    s3 = boto3.client("s3", endpoint_url=os.environ["LEADFLOW_S3_ENDPOINT"], region_name="eu-central-1")
    s3.create_bucket(Bucket="race-files", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    rows = ["Nachname;Vorname;E-Mail"] + [f"Parallelimport;P{i};pi{i}@example.at" for i in range(30)]
    s3.put_object(Bucket="race-files", Key="incoming/t1/parallel.csv", Body="\n".join(rows).encode())
    event = {"Records": [{"s3": {"bucket": {"name": "race-files"}, "object": {"key": "incoming/t1/parallel.csv"}}}]}
    results = together(*[lambda: handle_s3_event(event)] * 3)
    # A delivery that finds the import held asks to be delivered again later (Lambda retries it).
    assert all(not isinstance(r, Exception) or isinstance(r, ImportBusyError) for r in results), results
    for result in results:
        if isinstance(result, ImportBusyError):
            assert handle_s3_event(event)[0]["status"] == "done"
    page = list_leads(MANAGER, ListRequest(q="parallelimport", page_size=100), budget=2000).body
    assert len(page["items"]) == 30
    from chalicelib.services.imports import list_imports
    done = [i for i in list_imports(MANAGER)["items"] if i["file"] == "parallel.csv"]
    assert len(done) == 1 and done[0]["status"] == "done" and done[0]["counts"]["created"] == 30


def test_two_admins_demoting_each_other_at_once_leave_one_admin(moto_server):
    """The count of active admins is checked in the same transaction as each change."""
    from chalicelib.services import principals
    from chalicelib.store import directory
    second_arn = "arn:aws:iam::000000000000:user/t1-second-admin"
    directory.put_principal(second_arn, tenant="t1", user="boss2", role="admin")
    first_arn = ADMIN.principal
    second = Caller("t1", "boss2", "admin", second_arn)
    versions = {arn: directory.get_principal(arn).version for arn in (first_arn, second_arn)}
    results = together(
        lambda: principals.update_principal(ADMIN, principals.principal_id(second_arn), version=versions[second_arn], role="sales_rep"),
        lambda: principals.update_principal(second, principals.principal_id(first_arn), version=versions[first_arn], role="sales_rep"))
    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    assert all(isinstance(r, ConflictError) for r in results if isinstance(r, Exception)), results
    admins = [p for p in directory.list_principals("t1") if p.role == "admin" and p.active]
    assert len(admins) == 1


def test_one_webhook_delivered_four_times_at_once_stores_one_lead(moto_server):
    """Senders retry on a timeout while the first attempt is still running: the idempotency record
    is claimed in the lead's own transaction, so only one of the parallel deliveries stores a lead."""
    import json
    import time

    import boto3

    from chalicelib.domain.webhook_signatures import webhook_headers
    from chalicelib.services import integrations, webhooks
    from chalicelib.services.leads import ListRequest, list_leads
    s3 = boto3.client("s3", endpoint_url=os.environ["LEADFLOW_S3_ENDPOINT"], region_name="eu-central-1")
    s3.create_bucket(Bucket="leadflow-files", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    hook = integrations.create_integration(ADMIN, integrations.IntegrationInput(name="Race", format="generic")).body
    body = json.dumps({"nachname": "Parallelhook", "email": "parallel.hook@example.at"}).encode()
    headers = {"content-type": "application/json",
               **webhook_headers(hook["secret"], "msg_race", int(time.time()), body)}
    delivery = webhooks.Delivery(hook["id"], body, headers, "127.0.0.1")
    results = together(*[lambda: webhooks.receive(delivery)] * 4)
    assert all(not isinstance(r, Exception) for r in results), results
    assert len({r.body["lead_id"] for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    page = list_leads(MANAGER, ListRequest(q="parallelhook", page_size=100), budget=2000).body
    assert len(page["items"]) == 1
    # Every copy wrote the body before its lead: to one key, so one object is left, the lead's.
    raws = s3.list_objects_v2(Bucket="leadflow-files", Prefix=f"webhooks/{hook['id'].split('.')[0]}/")["Contents"]
    assert [r["Key"] for r in raws] == [page["items"][0]["origin"]["raw_payload"]]


def test_leads_arriving_at_once_are_spread_over_the_team_as_if_one_by_one(moto_server):
    import collections
    import datetime as dt

    from chalicelib.services.assignment import Router, facts_of
    from chalicelib.services.tenants import load_tenant
    from chalicelib.store import directory
    from chalicelib.store.leads import get_lead
    rules = directory.new_routing_rules("t1")
    rules.data = {"rules": [{"id": "race-team", "name": "Team", "target": {"kind": "team", "members": ["rep-a", "rep-b"]}}]}
    directory.save_routing_rules(rules)
    item = get_lead("t1", new_lead()["id"])
    before = directory.peek_turn("t1", "race-team")

    def arrive():
        return Router(load_tenant("t1")).decide(facts_of(item), today=dt.date(2026, 12, 2)).why[-1]
    said = [w for _ in range(3) for w in together(*[arrive] * 8)]
    turns = [int(w.split("turn ")[1].split()[0]) for w in said]
    assert sorted(turns) == list(range(before + 1, before + 25))        # no number handed out twice
    counts = collections.Counter(w.rsplit(" ", 1)[1] for w in said)
    assert counts == {"rep-a": 12, "rep-b": 12}
