"""Assignment rules through the API: order, conditions, targets, absences, every channel, the dry
run, who may manage them, and the log that names the rule."""
import collections
import datetime as dt

import pytest

from chalicelib.domain.assignment import Rule
from chalicelib.services.assignment import Router, facts_of
from chalicelib.services.tenants import load_tenant
from chalicelib.store import directory
from chalicelib.store.leads import get_lead
from tests.conftest import lead_payload, vienna_today

FAIR = {"id": "fair-hot", "name": "Heiße Messe-Leads ans Messeteam",
        "conditions": {"sources": ["Vienna Autoshow"], "qualifications": ["hot"]},
        "target": {"kind": "team", "team": "Messeteam", "members": ["rep-a", "rep-b"]}}
VIENNA = {"id": "wien", "name": "Wien an den Verkaufsleiter", "conditions": {"postal_codes": ["1000-1299"]},
          "target": {"kind": "user", "user": "manager"}}
REVIEW = {"id": "review", "name": "Zu prüfen in den Pool", "conditions": {"needs_review": True}, "target": {"kind": "pool"}}
DEFAULT = {"id": "default", "name": "Alles andere an rep-b", "target": {"kind": "user", "user": "rep-b"}}


def put_rules(api, rules, version=0, role="admin"):
    return api(role).request("PUT", "/routing-rules", json_body={"rules": rules}, headers={"if-match": f'"{version}"'})


def create(api, **fields):
    r = api("sales_manager").post("/leads", lead_payload(**fields))
    assert r.status_code == 201, r.json
    return r.json


def test_without_rules_a_lead_stays_in_the_pool(api):
    assert create(api)["assignee"] is None


def test_the_first_rule_that_matches_assigns_and_the_log_names_it(api):
    assert put_rules(api, [FAIR, VIENNA, DEFAULT]).status_code == 200
    fair = create(api, qualification="hot", source="Vienna Autoshow", postal_code="1100", city="Wien")
    vienna = create(api, qualification="warm", source="Vienna Autoshow", postal_code="1100", city="Wien")
    other = create(api, qualification="warm", postal_code="8010", city="Graz")
    assert fair["assignee"] in {"rep-a", "rep-b"}               # the first rule wins over the postal code
    assert vienna["assignee"] == "manager" and other["assignee"] == "rep-b"
    log = api("sales_manager").get(f"/leads/{fair['id']}/log").json["items"][0]
    routing = next(c["new"] for c in log["changes"] if c["field"] == "routing")
    assert routing["rule"] == "fair-hot" and routing["target"] == "Messeteam"
    assert {"field": "assignee", "old": None, "new": fair["assignee"]} in log["changes"]


def test_an_assignee_the_sender_names_is_kept(api):
    put_rules(api, [DEFAULT])
    assert create(api, assignee="rep-a")["assignee"] == "rep-a"


def test_the_team_takes_turns(api):
    put_rules(api, [FAIR])
    got = [create(api, qualification="hot", source="Vienna Autoshow")["assignee"] for _ in range(6)]
    assert collections.Counter(got) == {"rep-a": 3, "rep-b": 3}
    assert got[0] != got[1]


def test_an_absent_member_is_passed_by_and_nobody_available_means_the_pool(api):
    put_rules(api, [FAIR])
    today = vienna_today().isoformat()
    r = api("sales_manager").request("PUT", "/users/rep-a/absences", json_body={"absences": [{"from": today, "to": today}]})
    assert r.status_code == 200, r.json
    got = {create(api, qualification="hot", source="Vienna Autoshow")["assignee"] for _ in range(3)}
    assert got == {"rep-b"}
    api("sales_manager").request("PUT", "/users/rep-b/absences", json_body={"absences": [{"from": today, "to": today}]})
    assert create(api, qualification="hot", source="Vienna Autoshow")["assignee"] is None


def test_an_absence_that_ends_before_it_starts_is_refused_at_its_field(api):
    r = api("sales_manager").request("PUT", "/users/rep-a/absences",
                                     json_body={"absences": [{"from": "2026-12-20", "to": "2026-12-10"}]})
    assert r.status_code == 422 and r.json["errors"][0]["field"].startswith("absences")


def test_an_absence_day_sent_as_a_number_is_refused_at_its_field(api):
    r = api("sales_manager").request("PUT", "/users/rep-a/absences",
                                     json_body={"absences": [{"from": 1798761600, "to": "2027-01-02"}]})
    assert r.status_code == 422, r.json
    assert r.json["errors"][0]["field"] == "absences.0.from" and "a number, not a date" in r.json["errors"][0]["message"]


def test_machine_senders_leads_are_routed_too(api, chalice_client, tenants, bucket):
    put_rules(api, [REVIEW, {"id": "hooks", "name": "Webformular", "conditions": {"channels": ["webhook"]},
                             "target": {"kind": "user", "user": "rep-a"}}])
    from chalicelib.domain.permissions import Caller
    from chalicelib.services import integrations
    admin = Caller("t1", "admin", "admin", "test")
    hook = integrations.create_integration(admin, integrations.IntegrationInput(name="Form", format="html_form",
                                           allowed_origins=["https://autohaus.example"])).body
    r = chalice_client.http.post(f"/webhooks/{hook['id']}", headers={
        "content-type": "application/x-www-form-urlencoded", "origin": "https://autohaus.example",
        "accept": "application/json", "host": "localhost"},
        body=b"nachname=Berger&email=berger%40example.at")
    assert r.status_code in (200, 201, 303), r.body
    found = api("sales_manager").get("/leads", params={"q": "berger"}).json["items"]
    assert [lead["assignee"] for lead in found] == ["rep-a"]
    bad = chalice_client.http.post(f"/webhooks/{hook['id']}", headers={
        "content-type": "application/x-www-form-urlencoded", "origin": "https://autohaus.example",
        "accept": "application/json", "host": "localhost"},
        body=b"nachname=Auer&email=auer%40example.at&telefon=0664+12")
    assert bad.status_code in (200, 201, 303), bad.body
    [auer] = api("sales_manager").get("/leads", params={"q": "auer"}).json["items"]
    assert auer["needs_review"] and auer["assignee"] is None          # the review rule comes first


def test_the_dry_run_says_where_and_why_without_taking_a_turn(api, tenants):
    put_rules(api, [FAIR, VIENNA, DEFAULT])
    sample = {"lead": lead_payload(qualification="warm", postal_code="1020", city="Wien")}
    r = api("sales_manager").post("/routing-rules/dry-run", sample)
    assert r.status_code == 200, r.json
    assert r.json["assignee"] == "manager" and r.json["rule"] == "wien"
    assert "does not apply" in r.json["why"][0] and "qualification warm" in r.json["why"][0]
    hot = api("sales_manager").post("/routing-rules/dry-run",
                                    {"lead": lead_payload(qualification="hot", source="Vienna Autoshow")}).json
    again = api("sales_manager").post("/routing-rules/dry-run",
                                      {"lead": lead_payload(qualification="hot", source="Vienna Autoshow")}).json
    assert hot["assignee"] == again["assignee"] and directory.peek_turn("t1", "fair-hot") == 0


def test_only_admins_change_the_rules_and_managers_and_auditors_read_them(api):
    assert put_rules(api, [DEFAULT], role="sales_manager").status_code == 403
    assert put_rules(api, [DEFAULT], role="sales_rep").status_code == 403
    assert api("sales_rep").get("/routing-rules").status_code == 403
    assert api("auditor").get("/routing-rules").status_code == 200
    assert api("sales_rep").request("PUT", "/users/rep-a/absences", json_body={"absences": []}).status_code == 403


def test_rules_saved_meanwhile_are_not_overwritten(api):
    assert put_rules(api, [DEFAULT], version=0).json["version"] == 1
    stale = put_rules(api, [FAIR], version=0)
    assert stale.status_code == 412 and stale.json["current_version"] == 1
    assert [r["id"] for r in api("admin").get("/routing-rules").json["rules"]] == ["default"]
    assert api("admin").request("PUT", "/routing-rules", json_body={"rules": [FAIR]}).status_code == 428


def test_a_rule_naming_an_unknown_user_or_a_bad_range_is_refused_at_its_field(api):
    r = put_rules(api, [dict(DEFAULT, target={"kind": "user", "user": "nobody"})])
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "rules.0.target"
    r = put_rules(api, [dict(VIENNA, conditions={"postal_codes": ["1299-1000"]})])
    assert r.status_code == 422 and "postal_codes" in r.json["errors"][0]["field"]


@pytest.mark.parametrize("user", ["auditor", "web"])
def test_leads_go_only_to_users_who_can_work_them_not_to_an_auditor_or_an_integration(api, user):
    """Given to the auditor (who only reads) or the web form's integration, a lead was left undone:
    an assignment, a bulk one, a rule and the assignee list all keep to users who edit leads."""
    lead = create(api)
    r = api("sales_manager").patch(f"/leads/{lead['id']}", {"assignee": user}, headers={"if-match": '"1"'})
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "assignee", r.json
    assert "cannot work leads" in r.json["errors"][0]["message"]
    r = api("sales_manager").post("/leads/bulk-assign", {"lead_ids": [lead["id"]], "assignee": user})
    assert r.status_code == 422, r.json
    r = put_rules(api, [dict(DEFAULT, target={"kind": "user", "user": user})])
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "rules.0.target"
    users = {u["id"]: u["works_leads"] for u in api("sales_manager").get("/users").json["items"]}
    assert users[user] is False and users["rep-a"] is users["manager"] is users["admin"] is True
    assert api("sales_manager").patch(f"/leads/{lead['id']}", {"assignee": "rep-a"},
                                      headers={"if-match": '"1"'}).status_code == 200



@pytest.mark.parametrize("user", ["auditor", "web"])
def test_a_file_naming_an_auditor_or_integration_as_its_bearbeiter_leaves_the_lead_unassigned_for_review(
        api, chalice_client, bucket, user):
    from tests.conftest import drop_file
    drop_file(bucket, chalice_client, "incoming/t1/bearbeiter.csv",
              f"Nachname;E-Mail;Bearbeiter\nKeinPruefer;kp@example.at;{user}\n".encode())
    [lead] = api("sales_manager").get("/leads", params={"q": "KeinPruefer"}).json["items"]
    assert lead["assignee"] is None and "assignee" in {p["field"] for p in lead["problems"]}, lead


def test_rules_are_the_tenants_own(api):
    put_rules(api, [DEFAULT])
    assert api("admin", tenant="t2").get("/routing-rules").json["rules"] == []
    r = api("sales_manager", tenant="t2").post("/leads", lead_payload())
    assert r.json["assignee"] is None


def test_round_robin_is_fair_over_a_thousand_leads(api, tenants):
    members = ["rep-a", "rep-b", "manager"]
    put_rules(api, [{"id": "all", "name": "Alle", "target": {"kind": "team", "members": members}}])
    router = Router(load_tenant("t1"))
    item = get_lead("t1", create(api)["id"])
    counts = collections.Counter(router.decide(facts_of(item), today=dt.date(2026, 12, 2)).assignee
                                 for _ in range(1000))
    assert set(counts) == set(members) and max(counts.values()) - min(counts.values()) <= 1


@pytest.mark.parametrize("codes,code,hit", [
    (["1000-1299"], "1100", True), (["1000-1299"], "1300", False), (["11*"], "1120", True),
    (["80331"], "80331", True), (["1000-1299"], "80331", False)])
def test_postal_code_conditions(codes, code, hit):
    from chalicelib.domain.assignment import Conditions, Facts, unmet
    facts = Facts(None, None, "warm", "api", None, (), code, "AT", False)
    assert (unmet(Conditions(postal_codes=codes), facts) == []) is hit


def test_rule_models_validate():
    assert Rule.model_validate(FAIR).target.members == ["rep-a", "rep-b"]


def test_a_trade_fair_file_is_routed_row_by_row_reading_the_rules_once(api, chalice_client, bucket):
    from tests.conftest import ROOT, drop_file
    put_rules(api, [{"id": "messe", "name": "Messe an das Messeteam", "conditions": {"channels": ["import"]},
                     "target": {"kind": "team", "team": "Messeteam", "members": ["rep-a", "rep-b"]}}])
    fair = (ROOT / "tests" / "fixtures" / "imports" / "vienna-autoshow-2017.cp1252.csv").read_bytes()
    drop_file(bucket, chalice_client, "incoming/t1/vienna-autoshow-2017.csv", fair)
    leads = api("sales_manager").get("/leads", params={"page_size": 100}).json["items"]
    imported = [lead for lead in leads if lead["channel"] == "import"]
    assert imported and {lead["assignee"] for lead in imported} == {"rep-a", "rep-b"}
    routed = [lead for lead in imported if any(c["field"] == "routing" for c in api("sales_manager").get(
        f"/leads/{lead['id']}/log").json["items"][0]["changes"])]
    # the rows that name their salesperson keep them; the others take turns
    assert 0 < len(routed) < len(imported)
    assert directory.peek_turn("t1", "messe") == len(routed)


@pytest.mark.parametrize("rule", [
    {"id": "messe", "name": "Messe", "conditions": {"source": ["Vienna Autoshow"]}, "target": {"kind": "user", "user": "rep"}},
    {"id": "messe", "name": "Messe", "condtions": {"sources": ["Vienna Autoshow"]}, "target": {"kind": "user", "user": "rep"}},
    {"id": "messe", "name": "Messe", "target": {"kind": "user", "user": "rep", "strategie": "least_open"}},
])
def test_a_misspelt_key_in_a_rule_is_refused_not_saved_as_a_rule_for_every_lead(api, rule):
    """{"source": [...]} for "sources" was ignored: the rule had no condition and took every lead."""
    r = put_rules(api, [rule], version=api("admin").get("/routing-rules").json["version"])
    assert r.status_code == 422, r.json
    assert "unknown field" in r.json["errors"][0]["message"] and r.json["errors"][0]["field"].startswith("rules.0.")
    assert api("admin").get("/routing-rules").json["rules"] == []
