"""The leads list: filters, sorting, cursor paging, free-text search, and what each page reads."""
import datetime as dt

import pytest

from tests.conftest import lead_payload, taken_in_at


def ago(days: float) -> str:
    return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat()


@pytest.fixture
def seeded(api):
    """Twelve leads of known shape in t1, created by the manager, each when it was received."""
    c = api()
    specs = [
        dict(last_name="Müller", first_name="Anna", qualification="hot", assignee="rep-a", received_at=ago(30)),
        dict(last_name="Mayer", first_name="Josef", qualification="warm", assignee="rep-a", received_at=ago(1)),
        dict(last_name="Gruber", first_name="Eva", qualification="cold", assignee="rep-b", received_at=ago(2),
             source="Website", source_detail="Kontaktformular", city="Graz", postal_code="8010"),
        dict(last_name="Öztürk", first_name="Can", qualification="junk", received_at=ago(3), source="Website",
             source_detail=None, email="can.oeztuerk@example.com", phone="+49 171 2345678", country="DE",
             postal_code="80331", city="München"),
        dict(last_name="Weiß", first_name="Sophie", qualification="hot", received_at=ago(0.1)),
        dict(last_name="Strauß", first_name="Lena", qualification="warm", received_at=ago(40)),
    ] + [dict(last_name=f"Huber{i}", qualification="cold", received_at=ago(5 + i)) for i in range(6)]
    ids = {}
    for spec in specs:
        with taken_in_at(spec["received_at"]):
            r = c.post("/leads", lead_payload(**spec))
        assert r.status_code == 201, r.json
        ids[spec["last_name"]] = r.json["id"]
    return ids


def names(response):
    assert response.status_code == 200, response.json
    return [i["last_name"] for i in response.json["items"]]


def test_all_leads_newest_first(api, seeded):
    got = names(api().get("/leads"))
    assert got[:3] == ["Weiß", "Mayer", "Gruber"] and len(got) == 12


@pytest.mark.parametrize("params, expected", [
    ({"qualification": "hot"}, {"Müller", "Weiß"}),
    ({"source": "Website"}, {"Gruber", "Öztürk"}),
    ({"source": "website", "source_detail": "kontaktformular"}, {"Gruber"}),
    ({"assignee": "rep-b"}, {"Gruber"}),
    ({"assignee": "unassigned", "qualification": "hot"}, {"Weiß"}),
    ({"status": "closed"}, set()),
    ({"overdue": "true"}, {"Müller", "Strauß"}),
])
def test_filters(api, seeded, params, expected):
    assert set(names(api().get("/leads", params={**params, "page_size": 100}))) == expected


def test_mine_means_the_caller(api, seeded):
    assert set(names(api("sales_rep").get("/leads", params={"assignee": "me"}))) == {"Müller", "Mayer"}


def test_an_assignee_who_is_no_user_is_a_422_naming_the_parameter_not_an_empty_list(api, seeded):
    got = api().get("/leads", params={"assignee": "rep-bb"})
    assert got.status_code == 422
    assert [(e["field"], e["type"]) for e in got.json["errors"]] == [("assignee", "unknown_user")]
    assert "'rep-bb' is no user of this tenant" in got.json["errors"][0]["message"]


def test_received_date_range(api, seeded):
    frm = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    got = set(names(api().get("/leads", params={"received_from": frm, "page_size": 100})))
    assert got == {"Weiß", "Mayer", "Gruber", "Öztürk"}


def test_a_received_date_that_is_none_is_one_error_naming_the_parameter_and_both_forms(api, seeded):
    got = api().get("/leads", params={"received_from": "gestern"})
    assert got.status_code == 422
    assert [(e["field"], e["message"]) for e in got.json["errors"]] == [
        ("received_from", "gestern is neither a date (2026-12-01) nor a date and time (2026-12-01T08:00:00Z)")]
    stamp = api().get("/leads", params={"received_from": "2020-01-01T08:00:00Z", "received_to": "2099-12-31"})
    assert stamp.status_code == 200


def test_a_received_time_without_a_zone_is_the_dealers_local_time_as_a_date_is_its_day(api):
    """07:00 in Vienna was read as 07:00 UTC (08:00 in Vienna): a lead received at 07:30 fell out."""
    lead = api().post("/leads", lead_payload(last_name="Frühaufsteher", email="frueh@example.at",
                                             received_at="2026-03-02T07:30:00+01:00")).json
    assert api().get("/tenant").json["timezone"] == "Europe/Vienna"
    early = names(api().get("/leads", params={"received_from": "2026-03-02T07:00:00", "received_to": "2026-03-02"}))
    late = names(api().get("/leads", params={"received_from": "2026-03-02T07:45:00", "received_to": "2026-03-02"}))
    assert (lead["last_name"] in early, lead["last_name"] in late) == (True, False)


def test_sort_by_last_name_folds_umlauts(api, seeded):
    got = names(api().get("/leads", params={"sort": "last_name", "page_size": 100}))
    assert got.index("Gruber") < got.index("Mayer") < got.index("Müller") < got.index("Öztürk") < got.index("Strauß")


def test_sort_by_qualification_puts_hot_first(api, seeded):
    got = api().get("/leads", params={"sort": "qualification", "page_size": 100}).json["items"]
    quals = [i["qualification"] for i in got]
    assert quals == sorted(quals, key=["hot", "warm", "cold", "junk"].index)
    assert [i["last_name"] for i in got[:2]] == ["Weiß", "Müller"]       # newest first within hot


def test_sort_by_due_puts_the_most_urgent_first_and_junk_last(api, seeded):
    got = api().get("/leads", params={"sort": "due", "page_size": 100}).json["items"]
    dues = [i["due_at"] for i in got]
    assert dues[-1] is None and dues[:-1] == sorted(dues[:-1])


def test_overdue_view_is_sorted_by_due_and_flags_overdue(api, seeded):
    got = api().get("/leads", params={"overdue": "true"}).json
    assert [i["last_name"] for i in got["items"]] == ["Strauß", "Müller"]
    assert all(i["overdue"] for i in got["items"])
    assert got["meta"]["index"] == "status_due"


def test_my_leads_by_due_date_come_from_one_partition(api, seeded):
    got = api("sales_rep").get("/leads", params={"assignee": "me", "sort": "due", "page_size": 10}).json
    assert [i["last_name"] for i in got["items"]] == ["Müller", "Mayer"]
    assert got["meta"]["index"] == "assignee_due"
    assert got["meta"]["items_read"] == 2 * 2      # the partition's two keys and their leads, no filter over it


def test_a_reps_pool_view_reads_one_page(api, seeded):
    got = api("sales_rep").get("/leads", params={"assignee": "unassigned", "page_size": 10}).json
    assert got["meta"]["index"] == "assignee_recent"
    assert got["meta"]["items_read"] == 2 * len(got["items"]) == 18  # every key read is a lead shown
    assert {i["assignee"] for i in got["items"]} == {None}


def test_cursor_paging_visits_every_lead_once_while_leads_are_added(api, seeded):
    c = api()
    seen, cursor = [], None
    while True:
        params = {"page_size": 10, **({"cursor": cursor} if cursor else {})}
        page = c.get("/leads", params=params).json
        seen += [i["id"] for i in page["items"]]
        if cursor is None:
            c.post("/leads", lead_payload(last_name="Neu"))          # arrives while paging
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(seeded.values())


def test_page_sizes_are_10_25_50_100(api, seeded):
    assert len(api().get("/leads", params={"page_size": 10}).json["items"]) == 10
    r = api().get("/leads", params={"page_size": 7})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "page_size"


def test_bad_query_parameters_are_named(api):
    r = api().get("/leads", params={"qualification": "tepid", "sort": "shoe_size", "colour": "red"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json["errors"]} == {"qualification", "sort", "colour"}


def test_a_garbled_or_foreign_cursor_is_400(api, seeded):
    c = api()
    assert c.get("/leads", params={"cursor": "garbage!"}).status_code == 400
    cursor = c.get("/leads", params={"page_size": 10}).json["next_cursor"]
    assert c.get("/leads", params={"page_size": 10, "qualification": "hot", "cursor": cursor}).status_code == 400


@pytest.mark.parametrize("q, expected", [
    ("muller", {"Müller"}),
    ("mueller", {"Müller"}),
    ("MÜLL", {"Müller"}),
    ("oztürk", {"Öztürk"}),
    ("strauss", {"Strauß"}),
    ("anna muller", {"Müller"}),
    ("can.oeztuerk@example.com", {"Öztürk"}),
    ("+49 171 2345678", {"Öztürk"}),
    ("0171 2345678", {"Öztürk"}),
    ("graz", {"Gruber"}),
])
def test_free_text_search(api, seeded, q, expected):
    got = api().get("/leads", params={"q": q, "page_size": 100}).json
    assert {i["last_name"] for i in got["items"]} == expected
    assert got["meta"]["index"] == "search"


def test_search_combines_with_filters(api, seeded):
    got = names(api().get("/leads", params={"q": "huber", "page_size": 100}))
    assert sorted(got) == [f"Huber{i}" for i in range(6)]
    assert names(api().get("/leads", params={"q": "huber", "qualification": "hot"})) == []


def test_a_one_letter_search_is_refused(api):
    r = api().get("/leads", params={"q": "a"})                  # too short a parameter: named like any other
    assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == ["q"]
    for q in ("a b", "__", "😀😀"):                                # long enough, but no word to look up
        r = api().get("/leads", params={"q": q})
        assert r.status_code == 422 and r.json["errors"][0]["field"] == "q", r.json
        assert "at least 2 letters" in r.json["errors"][0]["message"]


def test_unfiltered_pages_read_one_page_of_items(api, seeded):
    got = api().get("/leads", params={"page_size": 10}).json
    # The page's keys and one to know there is more, then the page's leads (the index holds keys only).
    assert got["meta"] == {"index": "recent", "items_read": 11 + 10}
    assert len(got["items"]) == 10 and got["next_cursor"]


def test_search_shows_exact_words_newest_first_then_longer_words_and_pages_by_key(api):
    c = api()
    for days in (9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5, 0.2, 0.1):
        c.post("/leads", lead_payload(last_name="Gruber", first_name=f"G{days}", received_at=ago(days)))
    c.post("/leads", lead_payload(last_name="Gruberbauer", received_at=ago(0.01)))
    first = c.get("/leads", params={"q": "gruber", "page_size": 10}).json
    received = [i["received_at"] for i in first["items"]]
    assert [i["last_name"] for i in first["items"]] == ["Gruber"] * 10
    assert received == sorted(received, reverse=True)                        # newest first
    assert first["meta"]["items_read"] <= 2 * 11                             # one page of tokens and leads
    rest = c.get("/leads", params={"q": "gruber", "page_size": 10, "cursor": first["next_cursor"]}).json
    assert [i["last_name"] for i in rest["items"]] == ["Gruber", "Gruber", "Gruberbauer"]
    assert rest["next_cursor"] is None


def test_several_words_must_all_match(api, seeded):
    assert names(api().get("/leads", params={"q": "anna muller"})) == ["Müller"]
    assert names(api().get("/leads", params={"q": "josef muller"})) == []


def test_a_short_phone_search_is_a_422_naming_q(api):
    r = api().get("/leads", params={"q": "0664"})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "q"


def test_a_received_date_is_the_dealers_local_day_not_the_utc_day(api):
    # A Viennese dealer's fair lead at ten past midnight on 12 November (23:10 UTC on the 11th).
    c = api()
    midnight = c.post("/leads", lead_payload(last_name="Mitternacht", received_at="2017-11-12T00:10:00+01:00"))
    evening = c.post("/leads", lead_payload(last_name="Abend", received_at="2017-11-12T23:50:00+01:00"))
    assert midnight.status_code == evening.status_code == 201
    day = {"received_from": "2017-11-12", "received_to": "2017-11-12", "page_size": 100}
    assert set(names(c.get("/leads", params=day))) == {"Mitternacht", "Abend"}
    before = {"received_to": "2017-11-11", "page_size": 100}
    assert "Mitternacht" not in names(c.get("/leads", params=before))


@pytest.mark.parametrize("role, params", [("sales_manager", {"q": "Budget", "source": "Website"}),
                                          ("sales_manager", {"q": "Budget", "qualification": "cold"}),
                                          ("integration", {})])          # an integration reads only its own
def test_a_filtered_list_reads_no_more_than_its_budget_and_gives_a_cursor_to_go_on(api, monkeypatch, role, params):
    """The budget was checked after each chunk of 400 entries and their leads: 2,400 items read of 2,000."""
    monkeypatch.setenv("LEADFLOW_LIST_READ_BUDGET", "100")
    for n in range(70):
        assert api().post("/leads", lead_payload(last_name=f"Budget{n:02d}", email=f"b{n}@example.at", phone=None,
                                                 qualification="hot")).status_code == 201
    got = api(role).get("/leads", params={"page_size": 10, **params}).json
    assert got["items"] == [] and got["meta"]["items_read"] <= 100 and got["next_cursor"], got["meta"]
