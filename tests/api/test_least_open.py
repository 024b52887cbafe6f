"""A team's least_open strategy: the available member with the fewest open leads gets the next one,
ties in the round robin's turns; counted from the sparse assignee_open index, not a scan."""
import collections
import datetime as dt
import itertools

import pytest

from chalicelib.domain.assignment import Rule, fewest_open
from chalicelib.services.assignment import Router, facts_of
from chalicelib.services.tenants import load_tenant
from chalicelib.store import directory, lead_queries
from chalicelib.store.leads import get_lead
from tests.api.test_assignment_rules import put_rules
from tests.conftest import lead_payload, vienna_today

TEAM = {"id": "team", "name": "Wenigste offene Leads", "conditions": {"qualifications": ["hot"]},
        "target": {"kind": "team", "team": "Verkauf", "members": ["rep-a", "rep-b"], "strategy": "least_open"}}


_people = itertools.count()


def create(api, **fields) -> dict:
    """A lead of a person of its own (the same person again would be a re-inquiry)."""
    n = next(_people)
    r = api("sales_manager").post("/leads", lead_payload(**{"email": f"person{n}@example.at", "last_name": f"Person{n}",
                                                            "phone": None, **fields}))
    assert r.status_code == 201, r.json
    return r.json


def lead_for(api, assignee: str | None, n: int, qualification="warm") -> dict:
    return create(api, assignee=assignee, qualification=qualification)


def close(api, lead: dict) -> None:
    r = api("sales_manager").patch(f"/leads/{lead['id']}", {"status": "closed"},
                                   headers={"if-match": f'"{lead["version"]}"'})
    assert r.status_code == 200, r.json


def test_the_member_with_the_fewest_open_leads_gets_the_lead(api):
    for n in range(2):
        lead_for(api, "rep-a", n)
    lead_for(api, "rep-b", 2)
    assert put_rules(api, [TEAM]).status_code == 200
    assert create(api, qualification="hot")["assignee"] == "rep-b"
    log = api("sales_manager").get("/leads", params={"assignee": "rep-b"}).json["items"][0]
    entry = api("sales_manager").get(f"/leads/{log['id']}/log").json["items"][0]
    routing = next(c["new"] for c in entry["changes"] if c["field"] == "routing")
    assert routing["why"] == "least open leads in team Verkauf (rep-a 2, rep-b 1): rep-b"


def test_closed_and_converted_leads_are_not_open_leads(api):
    for n in range(3):
        close(api, lead_for(api, "rep-b", n))
    lead_for(api, "rep-a", 3)
    assert lead_queries.open_leads_of("t1", ["rep-a", "rep-b"]) == {"rep-a": 1, "rep-b": 0}
    put_rules(api, [TEAM])
    assert create(api, qualification="hot")["assignee"] == "rep-b"


def test_ties_are_broken_by_the_turn_so_the_team_stays_even(api):
    put_rules(api, [TEAM])
    got = [create(api, qualification="hot")["assignee"] for _ in range(6)]
    assert collections.Counter(got) == {"rep-a": 3, "rep-b": 3}
    for n in range(1, 7):                           # never more than one apart along the way
        counts = collections.Counter(got[:n])
        assert abs(counts["rep-a"] - counts["rep-b"]) <= 1
    assert directory.peek_turn("t1", "team") == 3   # a turn only for each tie


def test_absent_and_inactive_members_are_passed_by(api):
    directory.put_user("t1", "gone", {"name": "Ausgeschieden"}, active=True)
    lead_for(api, "rep-b", 0)
    lead_for(api, "rep-b", 1)
    put_rules(api, [dict(TEAM, target={**TEAM["target"], "members": ["gone", "rep-a", "rep-b"]})])
    directory.put_user("t1", "gone", {"name": "Ausgeschieden"}, active=False)
    today = vienna_today().isoformat()
    r = api("sales_manager").request("PUT", "/users/rep-a/absences", json_body={"absences": [{"from": today, "to": today}]})
    assert r.status_code == 200, r.json
    # gone and rep-a have no open leads, but neither can take one today: rep-b, with two, gets it.
    assert create(api, qualification="hot")["assignee"] == "rep-b"


def test_the_dry_run_names_the_counts_and_takes_no_turn(api):
    lead_for(api, "rep-a", 0)
    put_rules(api, [TEAM])
    r = api("sales_manager").post("/routing-rules/dry-run", {"lead": lead_payload(qualification="hot")})
    assert r.status_code == 200, r.json
    assert r.json["assignee"] == "rep-b" and "least open leads in team Verkauf (rep-a 1, rep-b 0)" in r.json["why"][-1]
    lead_for(api, "rep-b", 1)
    tie = api("sales_manager").post("/routing-rules/dry-run", {"lead": lead_payload(qualification="hot")}).json
    assert "a tie of rep-a, rep-b, turn 1 goes to rep-a" in tie["why"][-1]
    assert directory.peek_turn("t1", "team") == 0


def test_the_rule_editor_keeps_the_strategy_and_refuses_a_bad_one_at_its_field(api):
    saved = put_rules(api, [TEAM])
    assert saved.status_code == 200 and saved.json["rules"][0]["target"]["strategy"] == "least_open"
    r = put_rules(api, [dict(TEAM, target={**TEAM["target"], "strategy": "fastest"})], version=1)
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "rules.0.target.strategy"
    r = put_rules(api, [dict(TEAM, target={"kind": "user", "user": "rep-a", "strategy": "least_open"})], version=1)
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "rules.0.target"
    assert api("admin").get("/routing-rules").json["version"] == 1


def test_a_router_counts_each_members_open_leads_once_and_then_keeps_count(api, monkeypatch):
    """A file's leads are routed by one router: the counts are read once, then kept by the router."""
    for n in range(2):
        lead_for(api, "rep-a", n)
    put_rules(api, [TEAM])
    item = get_lead("t1", create(api, qualification="warm")["id"])          # no rule for warm: the pool
    reads = []
    counted = lead_queries.open_leads_of
    monkeypatch.setattr(lead_queries, "open_leads_of", lambda tenant, users: reads.append(users) or counted(tenant, users))
    router = Router(load_tenant("t1"))
    facts = facts_of(item)
    got = [router.decide(facts.__class__(**{**facts.__dict__, "qualification": "hot"}), today=dt.date.today()).assignee
           for _ in range(6)]
    assert reads == [["rep-a", "rep-b"]]
    assert got[:2] == ["rep-b", "rep-b"] and collections.Counter(got) == {"rep-a": 2, "rep-b": 4}


@pytest.mark.parametrize("counts,fewest", [
    ({"a": 1, "b": 0, "c": 0}, ["b", "c"]), ({"a": 0}, ["a"]), ({}, ["a", "b", "c"]), ({"a": 2, "b": 3, "c": 4}, ["a"])])
def test_fewest_open(counts, fewest):
    members = ["a", "b", "c"] if len(counts) != 1 else ["a"]
    assert fewest_open(members, counts) == fewest


def test_only_a_team_has_a_strategy():
    assert Rule.model_validate(TEAM).target.strategy == "least_open"
    with pytest.raises(ValueError):
        Rule.model_validate(dict(TEAM, target={"kind": "pool", "strategy": "least_open"}))
