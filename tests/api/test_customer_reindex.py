"""Reindex: a customer indexed under rules since changed is found again once derived anew."""
import pytest

from chalicelib.domain.permissions import Caller
from chalicelib.services import customers as customer_service
from chalicelib.store import customers as store
from tests.conftest import lead_payload

AYSE = {"first_name": "Ayşe", "last_name": "Yıldız", "city": "Wien", "postal_code": "1100", "country": "AT",
        "email": "a.yildiz@example.at"}
# What the rules made of "Yıldız" before dotless i was folded: "y ld z", three fragments.
STALE_TOKENS = ["ayse", "y", "ld", "z", "wien"]


def make_stale(customer_id: str) -> None:
    """Store the customer as an older release indexed it: name keys and tokens of the fragments."""
    item = store.get_customer("t1", customer_id)
    write = store.MasterWrite("t1")
    stale_keys = {k for k in item.match_keys if k.startswith("e:")} | {"m:0-52-8:1100"}
    write.customer_keys_changed(customer_id, set(item.match_keys), stale_keys)
    write.tokens_changed(customer_id, item.created_at, item.tokens, STALE_TOKENS)
    item.match_keys, item.tokens = sorted(stale_keys), STALE_TOKENS
    write.update_customer(item)
    store.commit(write)


def duplicate_ids(api, **lead) -> list[str]:
    created = api().post("/leads", lead_payload(**lead))
    assert created.status_code == 201, created.json
    r = api().get(f"/leads/{created.json['id']}/duplicates")
    assert r.status_code == 200, r.json
    return [c["customer"]["id"] for c in r.json["candidates"]]


@pytest.fixture
def ayse(api):
    r = api().post("/customers", AYSE)
    assert r.status_code == 201, r.json
    make_stale(r.json["id"])
    return r.json


def test_reindex_makes_a_customer_indexed_under_old_rules_findable_again(api, ayse):
    lead = dict(first_name="Ayse", last_name="Yildiz", email=None, phone="+43 660 5551234", street=None,
                postal_code="1100", city="Wien")
    assert ayse["id"] not in duplicate_ids(api, **lead)
    assert api().get("/customers?q=yildiz").json["items"] == []

    r = api("admin").post("/customers/reindex", {})

    assert r.status_code == 200, r.json
    assert r.json == {"checked": 1, "reindexed": 1, "edited_meanwhile": 0, "next_cursor": None}
    assert ayse["id"] in duplicate_ids(api, **lead)
    assert [c["id"] for c in api().get("/customers?q=yildiz").json["items"]] == [ayse["id"]]
    item = store.get_customer("t1", ayse["id"])
    assert "y" not in item.tokens and item.version == 3        # created, made stale, derived anew
    again = api("admin").post("/customers/reindex", {})
    assert again.json["reindexed"] == 0                        # nothing stale: nothing written


@pytest.mark.parametrize("role", ["sales_manager", "sales_rep", "auditor", "integration"])
def test_only_an_admin_may_reindex(api, ayse, role):
    r = api(role).post("/customers/reindex", {})
    assert r.status_code == 403
    assert store.get_customer("t1", ayse["id"]).tokens == STALE_TOKENS


def test_another_tenants_admin_reindexes_only_its_own_master(api, ayse):
    r = api("admin", "t2").post("/customers/reindex", {})
    assert r.status_code == 200 and r.json["checked"] == 0
    assert store.get_customer("t1", ayse["id"]).tokens == STALE_TOKENS


def test_reindex_goes_through_the_master_page_by_page(api, ayse):
    for n in range(4):
        assert api().post("/customers", {**AYSE, "email": f"a{n}@example.at"}).status_code == 201
    admin = Caller("t1", "admin", "admin", "test")
    seen, cursor, reindexed = 0, None, 0
    for _ in range(10):
        page = customer_service.reindex(admin, cursor, page_size=2)
        seen, reindexed, cursor = seen + page["checked"], reindexed + page["reindexed"], page["next_cursor"]
        if cursor is None:
            break
    assert (seen, reindexed) == (5, 1)


def test_a_cursor_of_another_tenant_or_query_is_refused_with_400(api, ayse):
    api().post("/customers", {**AYSE, "email": "zwei@example.at"})
    cursor = customer_service.reindex(Caller("t1", "admin", "admin", "test"), None, page_size=1)["next_cursor"]
    assert cursor
    r = api("admin", "t2").post("/customers/reindex", {"cursor": cursor})
    assert r.status_code == 400 and "cursor" in r.json["detail"]
    assert api("admin").post("/customers/reindex", {"cursor": "bm90IGEgY3Vyc29y"}).status_code == 400


@pytest.mark.parametrize("forge", ["extra_attribute", "other_tenants_key"])
def test_a_forged_reindex_cursor_is_a_400_not_a_500(api, ayse, forge):
    import base64
    import json
    api().post("/customers", {**AYSE, "email": "drei@example.at"})
    cursor = customer_service.reindex(Caller("t1", "admin", "admin", "test"), None, page_size=1)["next_cursor"]
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    if forge == "extra_attribute":
        data["key"]["foo"] = {"S": "x"}
    else:
        data["key"] = {name: {"S": value["S"].replace("t1", "t2")} for name, value in data["key"].items()}
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    r = api("admin").post("/customers/reindex", {"cursor": forged})
    assert r.status_code == 400 and "cursor" in r.json["detail"], r.json


def test_a_customer_edited_during_the_reindex_is_left_to_that_edit(api, ayse, monkeypatch):
    real_commit = store.commit

    def edit_first(write):
        monkeypatch.setattr(store, "commit", real_commit)
        current = store.get_customer("t1", ayse["id"])
        api().patch(f"/customers/{ayse['id']}", {"city": "Wien", "street": "Favoritenstraße 1",
                                                 "version": current.version})
        real_commit(write)

    monkeypatch.setattr(store, "commit", edit_first)
    r = api("admin").post("/customers/reindex", {})
    assert r.json["reindexed"] == 0 and r.json["edited_meanwhile"] == 1
    item = store.get_customer("t1", ayse["id"])
    assert item.data["street"] == "Favoritenstraße 1" and "yildiz" in item.tokens
