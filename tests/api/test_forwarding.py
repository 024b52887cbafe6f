"""Importer -> dealer forwarding across tenants: links set up by both sides, forwarding by hand and by
rule (API, Google Ads, ADF), the dealer's accept, reject and conversion reported back, and that
nothing else crosses. t2 is the importer, t1 and t3 its dealers (tests/conftest.py, below)."""
import json
from pathlib import Path

import pytest

from chalicelib.domain.permissions import Caller
from chalicelib.services import forwarding
from chalicelib.store import leads as lead_store
from chalicelib.store.models import LeadItem
from devstack.provision import provision_tenant
from tests.conftest import ACCOUNTS, SOURCES, TENANT_USERS, lead_payload

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "webhooks"
FORWARD_RULE = {"id": "weiterleiten", "name": "Händlerkontakt an den Händler", "target": {"kind": "forward"}}
TO_REP = {"id": "rest", "name": "Alles andere an rep-a", "target": {"kind": "user", "user": "rep-a"}}


@pytest.fixture
def t3(tenants):
    """A second dealer, in Graz."""
    tenants["t3"] = provision_tenant("t3", name="Autohaus Drei Graz", country="AT", subdivision="6",
                                     users=TENANT_USERS, sources=SOURCES, aws_accounts=ACCOUNTS)
    return tenants["t3"]


def link(api, dealer="t1", importer="t2", codes=None, sides=("importer", "dealer")):
    if "importer" in sides:
        r = api("admin", importer).request("PUT", f"/links/dealers/{dealer}", json_body={"codes": codes or []})
        assert r.status_code == 200, r.json
    if "dealer" in sides:
        r = api("admin", dealer).request("PUT", f"/links/importers/{importer}")
        assert r.status_code == 200, r.json


def importer_lead(api, role="sales_manager", **overrides) -> dict:
    interest = {"make": "Volkswagen", "models": ["ID.4"], "dealer_contact": True, **overrides.pop("interest", {})}
    r = api(role, "t2").post("/leads", lead_payload(vehicle={"interest": interest}, **overrides))
    assert r.status_code == 201, r.json.get("errors")
    return r.json


def forward(api, lead_id, dealer=None, role="sales_manager"):
    return api(role, "t2").post(f"/leads/{lead_id}/forward", {"dealer": dealer} if dealer else {})


def leads_of(tenant: str) -> list[LeadItem]:
    return [i for i in LeadItem.scan() if i.tenant == tenant]


def dealer_copy(tenant: str = "t1") -> LeadItem:
    [item] = [i for i in leads_of(tenant) if i.forwarded_from]
    return item


def log_of(api, lead_id, tenant, role="admin") -> list[dict]:
    r = api(role, tenant).get(f"/leads/{lead_id}/log")
    assert r.status_code == 200, r.json
    return r.json["items"]


# ---------------------------------------------------------------- links


def test_a_link_is_active_only_when_both_sides_have_put_it(api):
    link(api, codes=["4711", "Autohaus Eins Wien"], sides=("importer",))
    [mine] = api("admin", "t2").get("/links").json["items"]
    [theirs] = api("sales_manager", "t1").get("/links").json["items"]
    assert mine == {"tenant": "t1", "name": "Autohaus Eins", "side": "dealer", "state": "waiting_for_them",
                    "codes": ["4711", "Autohaus Eins Wien"]}
    assert theirs == {"tenant": "t2", "name": "Importeur Zwei", "side": "importer", "state": "waiting_for_us", "codes": []}
    link(api, sides=("dealer",))
    assert api("admin", "t2").get("/links").json["items"][0]["state"] == "active"
    assert api("auditor", "t1").get("/links").json["items"][0]["state"] == "active"


def test_either_side_ending_the_link_stops_it_and_both_logs_say_who(api):
    link(api)
    assert api("admin", "t1").delete("/links/importers/t2").status_code == 204
    assert api("admin", "t2").get("/links").json["items"][0]["state"] == "waiting_for_them"
    lead = importer_lead(api)
    r = forward(api, lead["id"], "t1")
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "dealer"
    from chalicelib.store import audit as audit_store
    mine, _ = audit_store.read("t2", "link", "t1", limit=10, start=None)
    theirs, _ = audit_store.read("t1", "link", "t2", limit=10, start=None)
    assert [e.action for e in mine] == ["link_deleted_by_them", "link_put_by_them", "link_put"]
    assert [e.action for e in theirs] == ["link_deleted", "link_put", "link_put_by_them"]
    assert mine[0].actor == "t1:admin"


@pytest.mark.parametrize("caller, path, why", [
    ("t1", "/links/dealers/t3", "only an importer links dealers"),
    ("t2", "/links/importers/t1", "only a dealer links importers"),
    ("t2", "/links/dealers/t2", "cannot link itself"),
    ("t2", "/links/dealers/nosuchtenant", "no dealer tenant"),
])
def test_the_kinds_of_the_tenants_must_fit(api, t3, caller, path, why):
    r = api("admin", caller).request("PUT", path, json_body={})
    assert r.status_code == 422 and why in r.json["detail"], r.json
    assert api("admin", caller).get("/links").json["items"] == []


def test_only_admins_set_up_links(api):
    assert api("sales_manager", "t2").request("PUT", "/links/dealers/t1").status_code == 403
    assert api("sales_rep", "t2").get("/links").status_code == 403


# ---------------------------------------------------------------- forwarding by hand


def test_a_link_proposed_by_one_side_alone_forwards_nothing(api):
    for side in ("importer", "dealer"):
        link(api, sides=(side,))
        lead = importer_lead(api, email=f"{side}@example.at")
        r = forward(api, lead["id"], "t1")
        assert r.status_code == 422 and r.json["errors"][0]["field"] == "dealer", r.json
        assert "not confirmed" in r.json["errors"][0]["message"]
        assert leads_of("t1") == [] and api("sales_manager", "t2").get(f"/leads/{lead['id']}").json["status"] == "open"
        api("admin", "t2").delete("/links/dealers/t1") if side == "importer" else api("admin", "t1").delete("/links/importers/t2")


def test_forwarding_to_an_unlinked_dealer_is_refused(api, t3):
    link(api)
    lead = importer_lead(api)
    r = forward(api, lead["id"], "t3")
    assert r.status_code == 422 and r.json["errors"][0] == {
        "field": "dealer", "type": "no_active_link", "message": "'t3': no link with this dealer"}
    assert leads_of("t3") == [] and leads_of("t1") == []


def test_a_forwarded_lead_becomes_the_dealers_own_lead_routed_by_the_dealers_rules(api):
    link(api)
    rules = [{"id": "wien", "name": "Wien", "conditions": {"channels": ["forward"], "postal_codes": ["1*"]},
              "target": {"kind": "user", "user": "manager"}}]
    assert api("admin", "t1").request("PUT", "/routing-rules", json_body={"rules": rules, "version": 0}).status_code == 200
    lead = importer_lead(api, assignee="rep-a", remark="Möchte einen Händler in Wien")
    r = api("sales_manager", "t2").post(f"/leads/{lead['id']}/forward", {"dealer": "t1"}, headers={"if-match": '"1"'})
    assert r.status_code == 200, r.json
    mine = r.json
    assert (mine["status"], mine["assignee"]) == ("forwarded", None)
    assert mine["forwarding"]["dealer"] == "t1" and mine["forwarding"]["dealer_name"] == "Autohaus Eins"
    assert mine["forwarding"]["status"] == "forwarded" and mine["forwarding"]["reason"] is None
    copy = api("sales_manager", "t1").get(f"/leads/{dealer_copy().lead_id}").json
    assert copy["forwarded_from"] == {"importer": "t2", "importer_name": "Importeur Zwei", "lead_id": lead["id"],
                                      "status": "new", "reason": None}
    assert copy["assignee"] == "manager" and copy["channel"] == "forward" and copy["status"] == "open"
    assert (copy["last_name"], copy["email"], copy["vehicle"]["interest"]["models"]) == ("Müller", lead["email"], ["ID.4"])
    assert copy["vehicle"]["interest"]["dealer_contact"] is False and copy["qualification"] == lead["qualification"]
    assert copy["source"] == "Importeur Zwei" and copy["source_detail"] == "Vienna Autoshow"
    assert "Möchte einen Händler in Wien" in copy["remark"] and "Weitergeleitet von Importeur Zwei" in copy["remark"]
    assert set(copy["allowed_actions"]) >= {"accept", "reject"} and "forward" not in copy["allowed_actions"]
    assert log_of(api, lead["id"], "t2")[0]["action"] == "forwarded"
    created = log_of(api, copy["id"], "t1")[0]
    forwarded_from = next(c["new"] for c in created["changes"] if c["field"] == "forwarded_from")
    assert forwarded_from["by"] == "t2:manager" and created["actor"] == "leadflow"


def test_the_importer_reads_nothing_of_the_dealer_but_the_forwardings_status(api):
    link(api)
    lead = importer_lead(api)
    forward(api, lead["id"], "t1")
    copy_id = dealer_copy().lead_id
    for role in ("admin", "sales_manager", "auditor"):
        assert api(role, "t2").get(f"/leads/{copy_id}").status_code == 404
        assert api(role, "t2").get(f"/leads/{copy_id}/log").status_code == 404
        assert api(role, "t2").post(f"/leads/{copy_id}/accept").status_code in (403, 404)   # auditors: 403 first
    listed = api("admin", "t2").get("/leads", params={"status": "forwarded"}).json["items"]
    assert [i["id"] for i in listed] == [lead["id"]]
    seen = listed[0]
    assert set(seen["forwarding"]) == {"dealer", "dealer_name", "status", "at", "reason", "history"}
    assert all(set(h) == {"status", "at", "dealer", "reason"} for h in seen["forwarding"]["history"])
    assert copy_id not in json.dumps(api("admin", "t2").get(f"/leads/{lead['id']}").json)
    assert copy_id not in json.dumps(log_of(api, lead["id"], "t2"))


def test_the_dealer_sees_nothing_of_the_importer_but_the_forwarded_leads_copy(api, t3):
    link(api)
    other = importer_lead(api, email="nicht.weitergeleitet@example.at")
    lead = importer_lead(api, assignee="rep-b")
    forward(api, lead["id"], "t1")
    for role in ("admin", "sales_manager", "sales_rep", "auditor"):
        assert api(role, "t1").get(f"/leads/{lead['id']}").status_code == 404
        assert api(role, "t1").get(f"/leads/{other['id']}").status_code == 404
        assert api(role, "t1").post(f"/leads/{lead['id']}/forward", {}).status_code in (403, 404, 422)
    assert api("admin", "t1").get(f"/leads/{lead['id']}/log").status_code == 404
    [only] = api("admin", "t1").get("/leads").json["items"]
    assert set(only["forwarded_from"]) == {"importer", "importer_name", "lead_id", "status", "reason"}
    assert only["assignee"] is None and "rep-b" not in json.dumps(only)     # the importer's assignee stays home
    assert api("admin", "t1").get("/links").json["items"][0]["codes"] == []
    # Another dealer of the same importer sees nothing at all, nor may it answer for t1.
    assert api("admin", "t3").get("/leads").json["items"] == []
    assert api("admin", "t3").post(f"/leads/{only['id']}/reject", {"reason": "x"}).status_code == 404


def test_forwarding_needs_an_open_lead_that_asks_for_dealer_contact(api):
    link(api)
    plain = importer_lead(api, interest={"dealer_contact": False})
    r = forward(api, plain["id"], "t1")
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "vehicle.interest.dealer_contact"
    assert "forward" not in plain["allowed_actions"]
    closed = importer_lead(api, email="zu@example.at")
    assert "forward" in closed["allowed_actions"]
    api("sales_manager", "t2").patch(f"/leads/{closed['id']}", {"status": "closed"}, headers={"if-match": '"1"'})
    r = forward(api, closed["id"], "t1")
    assert r.status_code == 409 and "only open leads" in r.json["detail"]
    assert forward(api, plain["id"], "t1", role="sales_rep").status_code == 403
    assert api("sales_manager", "t2").post(f"/leads/{closed['id']}/forward", {"dealer": "T1!"}).status_code == 422
    assert leads_of("t1") == []


def test_a_stale_if_match_forwards_nothing(api):
    link(api)
    lead = importer_lead(api)
    r = api("sales_manager", "t2").post(f"/leads/{lead['id']}/forward", {"dealer": "t1"}, headers={"if-match": '"7"'})
    assert r.status_code == 412 and leads_of("t1") == []


def test_a_dealer_cannot_forward_its_own_leads(api):
    link(api)
    lead = api("admin", "t1").post("/leads", lead_payload()).json
    r = api("admin", "t1").post(f"/leads/{lead['id']}/forward", {"dealer": "t1"})
    assert r.status_code == 422 and "only an importer" in r.json["detail"]


def test_without_a_dealer_named_the_preferred_dealer_then_the_market_area_decides(api, t3):
    link(api, codes=["4711"])
    link(api, dealer="t3")
    areas = {"areas": [{"dealer": "t1", "postal_codes": ["1000-1299"]}, {"dealer": "t3", "postal_codes": ["8*"]}],
             "version": 0}
    r = api("admin", "t2").request("PUT", "/market-areas", json_body=areas)
    assert r.status_code == 200 and r.json["version"] == 1, r.json
    preferred = importer_lead(api, postal_code="8010", city="Graz", interest={"preferred_dealer": "47 11"})
    by_name = importer_lead(api, email="name@example.at", postal_code="1100",
                            interest={"preferred_dealer": "autohaus drei graz"})
    by_area = importer_lead(api, email="graz@example.at", postal_code="8020", city="Graz")
    nowhere = importer_lead(api, email="linz@example.at", postal_code="4020", city="Linz")
    assert forward(api, preferred["id"]).json["forwarding"]["dealer"] == "t1"
    assert forward(api, by_name["id"]).json["forwarding"]["dealer"] == "t3"
    assert forward(api, by_area["id"]).json["forwarding"]["dealer"] == "t3"
    r = forward(api, nowhere["id"])
    assert r.status_code == 422 and "postal code 4020 is in no market area" in r.json["errors"][0]["message"]
    assert "no preferred dealer" in r.json["errors"][0]["message"]


def test_market_areas_name_linked_dealers_and_valid_postal_codes(api, t3):
    link(api)
    r = api("admin", "t2").request("PUT", "/market-areas", json_body={"areas": [{"dealer": "t3", "postal_codes": ["8*"]}], "version": 0})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "areas.0.dealer"
    r = api("admin", "t2").request("PUT", "/market-areas", json_body={"areas": [{"dealer": "t1", "postal_codes": ["1299-1000"]}], "version": 0})
    assert r.status_code == 422 and r.json["errors"][0]["field"].startswith("areas.0.postal_codes")
    r = api("admin", "t1").request("PUT", "/market-areas", json_body={"areas": [], "version": 0})
    assert r.status_code == 422
    assert api("sales_manager", "t2").request("PUT", "/market-areas", json_body={"areas": [], "version": 0}).status_code == 403
    assert api("admin", "t2").get("/market-areas").json == {"areas": [], "version": 0}


# ---------------------------------------------------------------- the dealer's answer


def test_the_dealer_rejects_with_a_reason_and_the_lead_returns_to_the_importers_pool(api):
    link(api)
    lead = importer_lead(api, assignee="rep-a")
    forward(api, lead["id"], "t1")
    copy_id = dealer_copy().lead_id
    r = api("sales_rep", "t1").post(f"/leads/{copy_id}/reject", {"reason": "  "})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "reason"
    assert api("sales_rep", "t1").post(f"/leads/{copy_id}/reject", {}).json["errors"][0]["field"] == "reason"
    [error] = api("sales_rep", "t1").post(f"/leads/{copy_id}/reject", {"reason": None}).json["errors"]
    assert error["field"] == "reason" and error["message"].startswith("null is no value"), error   # not "a valid string"
    r = api("sales_rep", "t1").post(f"/leads/{copy_id}/reject", {"reason": "Kein Händler in der Nähe"})
    assert r.status_code == 200, r.json
    assert r.json["status"] == "rejected" and r.json["forwarded_from"]["status"] == "rejected"
    assert r.json["forwarded_from"]["reason"] == "Kein Händler in der Nähe"
    assert r.json["allowed_actions"] == ["log"]
    back = api("sales_manager", "t2").get(f"/leads/{lead['id']}").json
    assert (back["status"], back["assignee"]) == ("open", None)
    assert back["forwarding"]["status"] == "rejected" and back["forwarding"]["reason"] == "Kein Händler in der Nähe"
    assert [h["status"] for h in back["forwarding"]["history"]] == ["forwarded", "rejected"]
    pool = api("sales_manager", "t2").get("/leads", params={"status": "open", "assignee": "unassigned"}).json["items"]
    assert lead["id"] in [i["id"] for i in pool]
    theirs = log_of(api, lead["id"], "t2")[0]
    assert theirs["action"] == "forward_rejected" and theirs["actor"] == "t1:rep-a"
    assert {"field": "reason", "old": None, "new": "Kein Händler in der Nähe"} in theirs["changes"]
    ours = log_of(api, copy_id, "t1")[0]
    assert ours["action"] == "forward_rejected" and ours["actor"] == "rep-a"
    # Rejected once: no second answer; the importer may forward it again (a new dealer lead).
    assert api("sales_manager", "t1").post(f"/leads/{copy_id}/accept").status_code == 409
    again = forward(api, lead["id"], "t1")
    assert again.status_code == 200 and len(leads_of("t1")) == 2, again.json


def test_accept_and_conversion_are_reported_back_to_the_importer(api):
    link(api)
    lead = importer_lead(api)
    forward(api, lead["id"], "t1")
    copy_id = dealer_copy().lead_id
    manager = api("sales_manager", "t1")
    r = manager.post(f"/leads/{copy_id}/accept", headers={"if-match": '"1"'})
    assert r.status_code == 200 and r.json["forwarded_from"]["status"] == "accepted", r.json
    assert manager.post(f"/leads/{copy_id}/accept").status_code == 409
    assert api("sales_manager", "t2").get(f"/leads/{lead['id']}").json["forwarding"]["status"] == "accepted"
    token = manager.get(f"/leads/{copy_id}/duplicates").json["check_token"]
    converted = manager.post(f"/leads/{copy_id}/convert", {"decision": "new_customer", "check_token": token,
                                                            "activity": {"type": "call"}})
    assert converted.status_code == 201, converted.json
    seen = api("sales_manager", "t2").get(f"/leads/{lead['id']}").json
    assert seen["status"] == "forwarded" and seen["forwarding"]["status"] == "converted"
    assert [h["status"] for h in seen["forwarding"]["history"]] == ["forwarded", "accepted", "converted"]
    assert "customer" not in json.dumps(seen["forwarding"])                  # no more of the dealer's data
    assert [e["action"] for e in log_of(api, lead["id"], "t2")][:2] == ["forward_converted", "forward_accepted"]


def test_only_a_forwarded_lead_is_accepted_or_rejected(api):
    lead = api("sales_manager", "t1").post("/leads", lead_payload()).json
    assert "accept" not in lead["allowed_actions"]
    assert api("sales_manager", "t1").post(f"/leads/{lead['id']}/accept").status_code == 409
    assert api("sales_manager", "t1").post(f"/leads/{lead['id']}/reject", {"reason": "nein"}).status_code == 409
    assert api("auditor", "t1").post(f"/leads/{lead['id']}/accept").status_code == 403


# ---------------------------------------------------------------- by rule, on arrival


def put_rules(api, rules, tenant="t2"):
    r = api("admin", tenant).request("PUT", "/routing-rules", json_body={"rules": rules, "version": 0})
    assert r.status_code == 200, r.json


def test_a_forward_rule_forwards_on_arrival_and_otherwise_the_next_rule_applies(api):
    link(api, codes=["4711"])
    put_rules(api, [FORWARD_RULE, TO_REP])
    asked = importer_lead(api, interest={"preferred_dealer": "4711"})
    plain = importer_lead(api, email="ohne@example.at", interest={"dealer_contact": False})
    nowhere = importer_lead(api, email="nirgends@example.at")
    assert asked["status"] == "forwarded" and asked["forwarding"]["dealer"] == "t1"   # the answer shows it at once
    seen = api("sales_manager", "t2").get(f"/leads/{asked['id']}").json
    assert seen["status"] == "forwarded" and seen["forwarding"]["dealer"] == "t1"
    routing = next(c["new"] for c in log_of(api, asked["id"], "t2")[-1]["changes"] if c["field"] == "routing")
    assert routing["target"] == "forward" and routing["dealer"] == "t1" and "preferred dealer '4711' is t1" in routing["why"]
    assert api("sales_manager", "t2").get(f"/leads/{plain['id']}").json["assignee"] == "rep-a"
    why = next(c["new"] for c in log_of(api, nowhere["id"], "t2")[-1]["changes"] if c["field"] == "routing")["why"]
    assert api("sales_manager", "t2").get(f"/leads/{nowhere['id']}").json["status"] == "open"
    assert len(leads_of("t1")) == 1
    dry = api("sales_manager", "t2").post("/routing-rules/dry-run", {"lead": lead_payload(
        vehicle={"interest": {"dealer_contact": True}})}).json
    assert dry["assignee"] == "rep-a" and "no dealer to forward to" in dry["why"][0], dry
    assert why.startswith("rule 'Alles andere")


def test_forwarding_on_arrival_happens_once_however_often_it_is_retried(api):
    link(api)
    put_rules(api, [{**FORWARD_RULE, "conditions": {}}, TO_REP])
    api("admin", "t2").request("PUT", "/market-areas", json_body={"areas": [{"dealer": "t1", "postal_codes": ["1*"]}],
                                                                  "version": 0})
    lead = importer_lead(api)
    assert forwarding.forward_arrived("t2", lead["id"], "t1", "again") is False    # a retry: found forwarded
    assert len(leads_of("t1")) == 1


def test_two_runs_that_read_the_lead_at_once_make_one_dealer_lead(api):
    link(api)
    lead = importer_lead(api)
    from chalicelib.services.tenants import load_tenant
    first, second = (lead_store.get_lead("t2", lead["id"]) for _ in range(2))
    system = Caller("t2", "leadflow", "system", "forward")
    forwarding._forward(first, load_tenant("t2"), "t1", "test", actor=system, now=forwarding._now(), dealer_name="x")
    with pytest.raises(lead_store.WriteConflict):
        forwarding._forward(second, load_tenant("t2"), "t1", "test", actor=system, now=forwarding._now(), dealer_name="x")
    assert len(leads_of("t1")) == 1


def test_the_same_forwarding_written_again_creates_no_second_dealer_lead(api):
    """The dealer lead's id is derived, and its create conditional: even a write that passed the
    importer's version check (here: a fresh read) cannot make a second one for the same forwarding."""
    link(api)
    lead = importer_lead(api)
    from chalicelib.services.tenants import load_tenant
    item = lead_store.get_lead("t2", lead["id"])
    snapshot = item.forwarding
    system = Caller("t2", "leadflow", "system", "forward")
    forwarding._forward(item, load_tenant("t2"), "t1", "test", actor=system, now=forwarding._now(), dealer_name="x")
    fresh = lead_store.get_lead("t2", lead["id"])
    fresh.status, fresh.forwarding = "open", snapshot              # as if the first write were not seen
    with pytest.raises(lead_store.WriteConflict) as raised:
        forwarding._forward(fresh, load_tenant("t2"), "t1", "test", actor=system, now=forwarding._now(), dealer_name="x")
    assert raised.value.tags == {"created"} and len(leads_of("t1")) == 1


def test_a_dealers_rules_cannot_forward(api):
    r = api("admin", "t1").request("PUT", "/routing-rules", json_body={"rules": [FORWARD_RULE], "version": 0})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "rules.0.target.kind"


# ---------------------------------------------------------------- through the machine channels


def _integration(api, fmt):
    r = api("admin", "t2").post("/integrations", {"name": f"{fmt} importer", "format": fmt, "default_source": "Website",
                                                  "default_source_detail": None})
    assert r.status_code == 201, r.json
    return r.json


def _post(chalice_client, hook_id, body: bytes, content_type, **headers):
    r = chalice_client.http.post(f"/webhooks/{hook_id}", body=body, headers={"content-type": content_type, **headers})
    assert r.status_code in (200, 201), r.body
    return json.loads(r.body)


def test_a_google_ads_lead_with_a_preferred_dealership_is_forwarded_by_the_rule(api, chalice_client, bucket):
    link(api, codes=["Autohaus Wien Mitte"])
    put_rules(api, [FORWARD_RULE, TO_REP])
    hook = _integration(api, "google_ads")
    payload = json.loads((FIXTURES / "google-ads-lead.json").read_text())
    payload = {k: v for k, v in payload.items() if k.lower() != "google_key"} | {"google_key": hook["secret"]}
    answer = _post(chalice_client, hook["id"], json.dumps(payload).encode(), "application/json")
    seen = api("sales_manager", "t2").get(f"/leads/{answer['lead_id']}").json
    assert seen["vehicle"]["interest"]["preferred_dealer"] == "Autohaus Wien Mitte"
    assert seen["status"] == "forwarded" and seen["forwarding"]["dealer"] == "t1"
    assert dealer_copy().data["last_name"] == "Huber"
    # The same delivery again: acknowledged, nothing new on either side.
    _post(chalice_client, hook["id"], json.dumps(payload).encode(), "application/json")
    assert len(leads_of("t1")) == 1 and len(leads_of("t2")) == 1


def test_an_adf_lead_with_a_vendor_is_forwarded_by_the_rule(api, chalice_client, bucket):
    from chalicelib.domain.webhook_signatures import webhook_headers
    import time
    link(api, codes=["Autohaus Isartal GmbH"])
    put_rules(api, [FORWARD_RULE, TO_REP])
    hook = _integration(api, "adf")
    body = (FIXTURES / "adf-lead.xml").read_bytes()
    answer = _post(chalice_client, hook["id"], body, "application/xml",
                   **webhook_headers(hook["secret"], "msg_adf", int(time.time()), body))
    lead_id = answer.get("lead_id") or answer["leads"][0]["lead_id"]
    seen = api("sales_manager", "t2").get(f"/leads/{lead_id}").json
    assert seen["vehicle"]["interest"]["dealer_contact"] is True, (seen["vehicle"], seen["problems"])       # a vendor named on an importer's lead
    assert seen["status"] == "forwarded" and seen["forwarding"]["dealer"] == "t1"
    copy = api("admin", "t1").get(f"/leads/{dealer_copy().lead_id}").json
    assert copy["forwarded_from"]["lead_id"] == lead_id and copy["channel"] == "forward"


def test_the_dealers_first_contact_is_reported_as_worked(api):
    link(api)
    lead = importer_lead(api)
    forward(api, lead["id"], "t1")
    copy_id = dealer_copy().lead_id
    r = api("sales_manager", "t1").post(f"/leads/{copy_id}/contacts", {"kind": "email"}, headers={"if-match": '"1"'})
    assert r.status_code == 201, r.json
    seen = api("sales_manager", "t2").get(f"/leads/{lead['id']}").json["forwarding"]
    assert seen["status"] == "worked"
    # Accepting later does not move the importer's view back.
    assert api("sales_manager", "t1").post(f"/leads/{copy_id}/accept").status_code == 200
    assert api("sales_manager", "t2").get(f"/leads/{lead['id']}").json["forwarding"]["status"] == "worked"
