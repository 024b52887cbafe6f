from tests.conftest import lead_payload


def test_create_and_list(api):
    c = api("sales_manager")
    r = c.post("/leads", lead_payload())
    assert r.status_code == 201, r.json
    r = c.get("/leads")
    assert r.status_code == 200, r.json
    assert len(r.json["items"]) == 1
