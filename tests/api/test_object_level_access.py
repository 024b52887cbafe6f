"""Rep A never reaches rep B's leads: not by id in the path, in a bulk body, in a filter or a search."""
from tests.conftest import lead_payload


def test_rep_a_cannot_reach_rep_bs_lead_in_any_way(api):
    theirs = api().post("/leads", lead_payload(assignee="rep-b", last_name="Zauner")).json
    rep_a = api("sales_rep")
    assert rep_a.get(f"/leads/{theirs['id']}").status_code == 404
    assert rep_a.patch(f"/leads/{theirs['id']}", {"remark": "x", "version": 1}).status_code == 404
    assert rep_a.delete(f"/leads/{theirs['id']}").status_code == 403
    assert rep_a.get(f"/leads/{theirs['id']}/log").status_code == 404
    assert rep_a.get(f"/leads/{theirs['id']}/duplicates").status_code == 404
    assert rep_a.post(f"/leads/{theirs['id']}/convert", {"decision": "new_customer", "check_token": "x",
                                                         "activity": {"type": "call"}}).status_code == 404
    assert rep_a.post("/leads/bulk-assign", {"lead_ids": [theirs["id"]], "assignee": "rep-a"}).status_code == 403
    assert rep_a.post("/leads/bulk-delete", {"lead_ids": [theirs["id"]]}).status_code == 403
    for params in ({"assignee": "rep-b"}, {"q": "zauner"}, {"sort": "last_name"}, {"sort": "due"},
                   {"qualification": "hot"}, {"source": "Vienna Autoshow"}, {"status": "open"}):
        ids = {i["id"] for i in rep_a.get("/leads", params=params).json["items"]}
        assert theirs["id"] not in ids, params
    after = api().get(f"/leads/{theirs['id']}").json
    assert (after["assignee"], after["version"]) == ("rep-b", 1)


def test_a_rep_may_not_write_status_and_the_error_names_the_field(api):
    pool = api().post("/leads", lead_payload()).json
    r = api("sales_rep").patch(f"/leads/{pool['id']}", {"status": "closed", "version": 1})
    assert r.status_code == 403 and r.json["errors"] == [
        {"field": "status", "message": "your role may not write this field", "type": "forbidden_field"}]


def test_nobody_writes_tenant_creator_or_channel(api):
    lead = api().post("/leads", lead_payload()).json
    for role in ("admin", "sales_manager", "sales_rep"):
        r = api(role).patch(f"/leads/{lead['id']}", {"tenant": "t2", "created_by": "x", "version": 1})
        assert r.status_code == 422 and {e["field"] for e in r.json["errors"]} == {"tenant", "created_by"}


def test_allowed_actions_follow_role_ownership_and_status(api):
    own = api().post("/leads", lead_payload(assignee="rep-a")).json
    pool = api().post("/leads", lead_payload()).json
    assert api("sales_rep").get(f"/leads/{own['id']}").json["allowed_actions"] == ["log", "edit", "convert", "contact"]
    assert api("sales_rep").get(f"/leads/{pool['id']}").json["allowed_actions"] == ["log", "edit", "take", "contact"]
    assert api("auditor").get(f"/leads/{own['id']}").json["allowed_actions"] == ["log"]
    assert api("admin").get(f"/leads/{own['id']}").json["allowed_actions"] == [
        "log", "edit", "delete", "assign", "convert", "close", "contact"]
    mine = api("integration").post("/leads", lead_payload()).json
    assert mine["allowed_actions"] == []


def test_a_rep_sees_take_on_a_pool_lead_and_after_taking_it_may_convert_it(api):
    pool = api().post("/leads", lead_payload()).json
    rep = api("sales_rep")
    assert "take" in rep.get(f"/leads/{pool['id']}").json["allowed_actions"]
    taken = rep.patch(f"/leads/{pool['id']}", {"assignee": "rep-a"}, headers={"if-match": f'"{pool["version"]}"'})
    assert taken.status_code == 200 and taken.json["assignee"] == "rep-a"
    assert taken.json["allowed_actions"] == ["log", "edit", "convert", "contact"]
    assert rep.get(f"/leads/{pool['id']}/duplicates").status_code == 200


def test_take_is_offered_only_on_an_open_lead_in_the_pool(api):
    closed = api().post("/leads", lead_payload(last_name="Zu")).json
    api().patch(f"/leads/{closed['id']}", {"status": "closed"}, headers={"if-match": '"1"'})
    own = api().post("/leads", lead_payload(last_name="Eigen", assignee="rep-a")).json
    assert "take" not in api("sales_rep").get(f"/leads/{closed['id']}").json["allowed_actions"]
    assert "take" not in api("sales_rep").get(f"/leads/{own['id']}").json["allowed_actions"]
    assert "take" not in api("admin").get(f"/leads/{own['id']}").json["allowed_actions"]
    assert "take" not in api("auditor").get(f"/leads/{closed['id']}").json["allowed_actions"]


def test_a_rep_may_neither_give_a_pool_lead_to_a_colleague_nor_take_a_lead_back_into_the_pool(api):
    pool = api().post("/leads", lead_payload(last_name="Pool")).json
    own = api().post("/leads", lead_payload(last_name="Eigen", assignee="rep-a")).json
    rep = api("sales_rep")
    r = rep.patch(f"/leads/{pool['id']}", {"assignee": "rep-b"}, headers={"if-match": '"1"'})
    assert r.status_code == 403 and r.json["detail"] == "your role may not assign leads to other users"
    assert rep.patch(f"/leads/{own['id']}", {"assignee": None}, headers={"if-match": '"1"'}).status_code == 403
    assert [api().get(f"/leads/{lead['id']}").json["assignee"] for lead in (pool, own)] == [None, "rep-a"]


def test_an_integration_cannot_assign_on_create(api):
    r = api("integration").post("/leads", lead_payload(assignee="rep-a"))
    assert r.status_code == 403


def test_an_action_missing_from_the_table_is_denied_to_every_role():
    from chalicelib.domain.permissions import ROLES, Caller, may
    for role in ROLES:
        assert not may(Caller("t1", "u", role, "p"), "lead.teleport")
    assert not may(Caller("t1", "u", "superuser", "p"), "lead.read")
