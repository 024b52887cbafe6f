"""The seed's actions on selected rows: assign to another user, delete. Per-lead results."""
from chalicelib.store import leads as lead_store
from tests.conftest import lead_payload


def make_leads(c, n, **overrides):
    return [c.post("/leads", lead_payload(**overrides)).json["id"] for _ in range(n)]


def results(r):
    assert r.status_code == 200, r.json
    return {row["id"]: row["result"] for row in r.json["results"]}


def test_bulk_assign_reports_each_lead(api):
    manager = api()
    ids = make_leads(manager, 3)
    foreign = make_leads(api(tenant="t2"), 1)
    closed = make_leads(manager, 1)[0]
    manager.patch(f"/leads/{closed}", {"status": "closed"}, headers={"if-match": '"1"'})
    r = manager.post("/leads/bulk-assign", {"lead_ids": ids + foreign + [closed, "no-such-id"], "assignee": "rep-b"})
    got = results(r)
    assert [got[i] for i in ids] == ["ok"] * 3
    assert got[foreign[0]] == "not_found" and got["no-such-id"] == "not_found"
    assert got[closed] == "conflict"
    assert r.json["counts"] == {"ok": 3, "not_found": 2, "forbidden": 0, "conflict": 1}
    for lead_id in ids:
        lead = manager.get(f"/leads/{lead_id}").json
        assert lead["assignee"] == "rep-b" and lead["version"] == 2
        log = manager.get(f"/leads/{lead_id}/log").json["items"][0]
        assert log["action"] == "assigned" and log["changes"] == [{"field": "assignee", "old": None, "new": "rep-b"}]
    assert {i["id"] for i in api("sales_rep_2").get("/leads", params={"assignee": "me"}).json["items"]} == set(ids)
    assert api(tenant="t2").get(f"/leads/{foreign[0]}").json["assignee"] is None


def test_bulk_assign_to_an_unknown_or_inactive_user_is_refused(api):
    from chalicelib.store import directory
    manager = api()
    ids = make_leads(manager, 2)
    r = manager.post("/leads/bulk-assign", {"lead_ids": ids, "assignee": "ghost"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "assignee"
    directory.put_user("t1", "rep-b", {"name": "rep-b"}, active=False)
    assert manager.post("/leads/bulk-assign", {"lead_ids": ids, "assignee": "rep-b"}).status_code == 422
    assert all(manager.get(f"/leads/{i}").json["assignee"] is None for i in ids)


def test_bulk_assign_null_returns_leads_to_the_pool(api):
    manager = api()
    ids = make_leads(manager, 2, assignee="rep-a")
    assert set(results(manager.post("/leads/bulk-assign", {"lead_ids": ids, "assignee": None})).values()) == {"ok"}
    assert all(manager.get(f"/leads/{i}").json["assignee"] is None for i in ids)


def test_bulk_delete_deletes_open_leads_and_keeps_their_logs(api):
    manager = api()
    ids = make_leads(manager, 3)
    converted = ids[2]
    item = lead_store.get_lead("t1", converted)
    item.status = "converted"
    item.save()
    got = results(manager.post("/leads/bulk-delete", {"lead_ids": ids}))
    assert got == {ids[0]: "ok", ids[1]: "ok", converted: "conflict"}
    assert manager.get(f"/leads/{ids[0]}").status_code == 404
    deleted_log = manager.get(f"/leads/{ids[0]}/log").json["items"]
    assert [e["action"] for e in deleted_log] == ["deleted", "created"]
    assert "Müller" not in str(deleted_log[1]["changes"])          # its values went with it
    assert "Müller" in str(manager.get(f"/leads/{converted}/log").json["items"][-1]["changes"])
    assert manager.get(f"/leads/{converted}").status_code == 200
    assert manager.get("/leads", params={"q": "muller"}).json["items"][0]["id"] == converted


def edit_right_after_the_bulk_read(monkeypatch, client, lead_id):
    """Someone edits the lead between the bulk action's read and its write."""
    real = lead_store.batch_get_leads

    def read_then_someone_edits(tenant, lead_ids):
        found = real(tenant, lead_ids)
        client.patch(f"/leads/{lead_id}", {"remark": "edited meanwhile"}, headers={"if-match": '"1"'})
        return found
    monkeypatch.setattr(lead_store, "batch_get_leads", read_then_someone_edits)


def test_a_lead_changed_during_a_bulk_action_is_a_conflict_and_the_others_go_through(api, monkeypatch):
    manager = api()
    ids = make_leads(manager, 4)
    edit_right_after_the_bulk_read(monkeypatch, manager, ids[1])
    got = results(manager.post("/leads/bulk-assign", {"lead_ids": ids, "assignee": "rep-a"}))
    assert got == {ids[0]: "ok", ids[1]: "conflict", ids[2]: "ok", ids[3]: "ok"}
    monkeypatch.undo()
    assert manager.get(f"/leads/{ids[1]}").json["remark"] == "edited meanwhile"
    assert manager.get(f"/leads/{ids[1]}").json["assignee"] is None


def test_bulk_bodies_are_validated(api):
    manager = api()
    r = manager.post("/leads/bulk-assign", {"lead_ids": [], "assignee": "rep-a"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "lead_ids"
    r = manager.post("/leads/bulk-delete", {"lead_ids": ["x"] * 501})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "lead_ids"
    r = manager.post("/leads/bulk-delete", {"ids": ["x"]})
    assert r.status_code == 422


def test_500_leads_are_assigned_in_one_call(api):
    from devstack.bulk_seed import seed_leads
    manager = api()
    ids = seed_leads("t1", (lead_payload(phone=None, email=f"p{i}@example.at") for i in range(500)),
                     created_by="manager")
    r = manager.post("/leads/bulk-assign", {"lead_ids": ids, "assignee": "rep-a"})
    assert r.json["counts"]["ok"] == 500
    assert {i["assignee"] for i in manager.get("/leads", params={"page_size": 100}).json["items"]} == {"rep-a"}


def test_a_lead_changed_during_a_bulk_delete_is_the_one_reported(api, monkeypatch):
    """Deletes and puts go out grouped by kind: the conflict must still name the right lead."""
    manager = api()
    ids = make_leads(manager, 4)
    edit_right_after_the_bulk_read(monkeypatch, manager, ids[2])
    got = results(manager.post("/leads/bulk-delete", {"lead_ids": ids}))
    monkeypatch.undo()
    assert got == {ids[0]: "ok", ids[1]: "ok", ids[2]: "conflict", ids[3]: "ok"}
    assert [manager.get(f"/leads/{i}").status_code for i in ids] == [404, 404, 200, 404]
