"""Personal data in the workspace (issue 15), in a real headless Chromium against the `make run`
stack: an admin answers an access request and an erasure request on the "Datenschutz" screen, a
rep sees no such screen, a withdrawal in a lead's consent panel counts at once. Results are checked
through the API, not only on the screen."""
import datetime as dt
import json
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.stack import call

pytestmark = pytest.mark.e2e


def prospect(stack, **fields):
    """A person who asked through the API, with a phone and e-mail of their own."""
    tag = uuid.uuid4().hex[:6]
    body = {"first_name": "Erika", "last_name": f"Probst-{tag}", "email": f"erika.probst.{tag}@example.at",
            "phone": f"+43664{int(tag, 16) % 10_000_000:07d}", "qualification": "warm", "source": "Walk-in",
            "country": "AT", "postal_code": "1070", "city": "Wien", **fields}
    status, lead, _ = call(stack, "sales_manager", "POST", "/leads", body)
    assert status == 201, lead
    return lead


def taken_in(stack, lead: dict, at: str) -> None:
    """The lead as if leadflow had taken it in at `at` (the API stamps the present; retention counts
    from the later of the lead's date and that), written straight into the stack's table."""
    import boto3
    from chalicelib.store import keys
    db = boto3.client("dynamodb", endpoint_url=stack["moto"], region_name="eu-central-1",
                      aws_access_key_id="local", aws_secret_access_key="local")
    table = next(t for t in db.list_tables()["TableNames"] if t.endswith("leads"))
    tenant = call(stack, "sales_manager", "GET", "/me")[1]["tenant"]
    db.update_item(TableName=table, Key={"pk": {"S": keys.lead_pk(tenant, lead["id"])}},
                   UpdateExpression="SET created_at = :at",
                   ExpressionAttributeValues={":at": {"S": keys.iso(dt.datetime.fromisoformat(at))}})


def export(stack, **criteria):
    status, doc, _ = call(stack, "admin", "POST", "/privacy/access", criteria)
    assert status == 200, doc
    return doc


def open_privacy(workspace):
    ws = workspace("admin")
    page = ws.sign_in()
    page.get_by_role("link", name="Datenschutz").click()
    expect(page.get_by_role("heading", name="Datenschutz", level=1)).to_be_visible()
    return ws, page


def find(page, **criteria):
    for name, value in criteria.items():
        page.fill(f"#privacy-{name.replace('_', '-')}", value)
    page.get_by_role("button", name="Person suchen").click()


# ------------------------------------------------------------------ access (Art. 15)

def test_an_admin_finds_a_person_reads_the_export_and_downloads_it_as_json(workspace, stack):
    lead = prospect(stack)
    ws, page = open_privacy(workspace)
    find(page, email=lead["email"])
    shown = page.locator("[data-testid=export]")
    expect(shown.locator(f"article[data-lead='{lead['id']}']")).to_contain_text(lead["last_name"])
    expect(shown.locator(f"article[data-lead='{lead['id']}']")).to_contain_text(lead["phone"])
    expect(page.locator("[data-testid=export-counts] li[data-kind=leads] strong")).to_have_text("1")
    shown.get_by_text("Protokolleinträge (").first.click()            # the lead's audit entries, unfolded
    expect(shown.locator("details.audit table").first).to_contain_text("angelegt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Als JSON herunterladen").click()
    assert download.value.suggested_filename.endswith(".json")
    doc = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [l["id"] for l in doc["leads"]] == [lead["id"]] and doc["subject"] == {"email": lead["email"]}
    assert doc["counts"] == export(stack, email=lead["email"])["counts"]    # the same document the API gives
    assert ws.errors == []


def test_a_phone_the_api_cannot_read_is_shown_at_its_field(workspace):
    ws, page = open_privacy(workspace)
    find(page, phone="ab 17 Uhr")
    expect(page.locator("#privacy-phone-error")).to_contain_text("keine Telefonnummer")           # in the workspace's German
    expect(page.locator("#privacy-phone")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-testid=export]")).to_have_count(0)
    page.fill("#privacy-phone", "")
    page.get_by_role("button", name="Person suchen").click()             # no criterion at all
    expect(page.locator("#privacy-email-error")).to_contain_text("name the person")


def test_a_sales_rep_sees_no_privacy_screen(workspace, stack):
    ws = workspace("sales_rep")
    page = ws.sign_in()
    expect(page.get_by_role("navigation")).to_be_visible()
    expect(page.get_by_role("link", name="Datenschutz")).to_have_count(0)
    ws.go("/privacy")
    expect(page.get_by_text("Ihre Rolle darf das nicht.")).to_be_visible()
    expect(page.locator("#privacy-email")).to_have_count(0)
    assert call(stack, "sales_rep", "POST", "/privacy/access", {"email": "x@example.at"})[0] == 403


def test_the_privacy_screen_with_an_export_passes_axe_core(workspace, stack):
    lead = prospect(stack)
    ws, page = open_privacy(workspace)
    find(page, lead_id=lead["id"])
    page.wait_for_selector("[data-testid=export] article")
    assert ws.axe_violations() == []


# ------------------------------------------------------------------ erasure (Art. 17)

def test_an_admin_erases_a_person_after_preview_and_confirmation_and_the_export_then_finds_nothing(workspace, stack):
    lead = prospect(stack)
    ws, page = open_privacy(workspace)
    find(page, email=lead["email"])
    expect(page.locator(f"[data-testid=export] article[data-lead='{lead['id']}']")).to_be_visible()
    page.get_by_role("button", name="Löschung prüfen").click()
    preview = page.locator("[data-testid=erasure-preview]")
    expect(preview.locator("tr[data-kind=leads] td").nth(1)).to_have_text("1")
    expect(preview.locator("tr[data-kind=leads]")).to_contain_text(lead["id"])
    page.get_by_role("button", name="Löschen …").click()
    dialog = page.get_by_role("dialog", name="Person endgültig löschen?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Endgültig löschen")).to_be_disabled()
    dialog.get_by_role("button", name="Abbrechen").click()                 # cancelled: nothing happens
    expect(dialog).to_be_hidden()
    assert export(stack, email=lead["email"])["counts"]["leads"] == 1
    page.get_by_role("button", name="Löschen …").click()
    dialog.get_by_label("Zur Bestätigung „LÖSCHEN“ eingeben").fill("löschen")
    expect(dialog.get_by_role("button", name="Endgültig löschen")).to_be_disabled()   # the word, exactly
    dialog.get_by_label("Zur Bestätigung „LÖSCHEN“ eingeben").fill("LÖSCHEN")
    dialog.get_by_role("button", name="Endgültig löschen").click()
    expect(page.locator("[data-testid=erasure-counts] li[data-kind=leads] strong")).to_have_text("1")
    expect(page.locator("[data-testid=export-nothing]")).to_be_visible()    # the export, made again: nothing
    assert not any(export(stack, email=lead["email"])["counts"].values())
    assert not any(export(stack, phone=lead["phone"])["counts"].values())
    assert call(stack, "admin", "GET", f"/leads/{lead['id']}")[0] == 404
    assert ws.errors == []


def test_the_confirmation_dialog_passes_axe_core(workspace, stack):
    lead = prospect(stack)
    ws, page = open_privacy(workspace)
    find(page, lead_id=lead["id"])
    page.get_by_role("button", name="Löschung prüfen").click()
    page.get_by_role("button", name="Löschen …").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert ws.axe_violations() == []
    page.keyboard.press("Escape")                                           # closes, erases nothing
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert call(stack, "admin", "GET", f"/leads/{lead['id']}")[0] == 200


# ------------------------------------------------------------------ consent ledger and legal hold on the lead

def test_a_withdrawal_in_the_consent_panel_shows_at_once(workspace, stack):
    lead = prospect(stack)
    status, body, _ = call(stack, "sales_manager", "POST", f"/leads/{lead['id']}/consents", {"entries": [
        {"purpose": "marketing", "channel": "email", "state": "granted", "source": "in_person", "notice": "2026-01"}]})
    assert status == 201, body
    ws = workspace("sales_manager")
    page = ws.sign_in(f"/leads/{lead['id']}/edit")
    panel = page.locator("[data-testid=consents]")
    state = panel.locator("[data-testid=consent-state-marketing_email]")
    expect(state).to_have_text("erteilt")
    expect(panel.locator("[data-testid=consent-state-marketing_sms]")).to_have_text("keine Angabe")
    panel.get_by_role("button", name="Widerrufen: Werbung (E-Mail)").click()
    expect(state).to_have_text("widerrufen")
    expect(panel.get_by_role("status")).to_contain_text("gilt ab sofort")
    expect(panel.get_by_role("button", name="Erteilen: Werbung (E-Mail)")).to_be_visible()
    ledger = call(stack, "sales_manager", "GET", f"/leads/{lead['id']}/consents")[1]
    assert ledger["current"]["marketing_email"] is False
    assert [(e["state"], e["source"], e["actor"]) for e in ledger["entries"] if e["purpose"] == "marketing"] == [
        ("granted", "in_person", "m.steiner"), ("withdrawn", "workspace", "m.steiner")]
    panel.get_by_text("Verlauf (").click()
    expect(panel.locator("[data-testid=consent-ledger] tbody tr").first).to_contain_text("widerrufen")
    assert ws.errors == []


def test_a_leads_consent_and_legal_hold_panels_pass_axe_core(workspace, stack):
    lead = prospect(stack)
    ws = workspace("admin")
    page = ws.sign_in(f"/leads/{lead['id']}/edit")
    page.locator("[data-testid=consents]").get_by_text("Verlauf (").click()
    expect(page.locator("[data-testid=consent-ledger]")).to_be_visible()
    expect(page.locator("[data-testid=legal-hold]")).to_be_visible()
    assert ws.axe_violations() == []


def test_a_grant_without_the_notice_shown_is_refused_in_the_panel(workspace, stack):
    lead = prospect(stack)
    page = workspace("sales_manager").sign_in(f"/leads/{lead['id']}/edit")
    panel = page.locator("[data-testid=consents]")
    panel.get_by_role("button", name="Erteilen: Werbung (SMS)").click()
    expect(panel.locator("#consent-notice-error")).to_contain_text("privacy notice")     # at its field
    expect(panel.locator("[data-testid=consent-state-marketing_sms]")).to_have_text("keine Angabe")
    page.fill("#consent-notice", "Datenschutzhinweis 2026-01")
    panel.get_by_role("button", name="Erteilen: Werbung (SMS)").click()
    expect(panel.locator("[data-testid=consent-state-marketing_sms]")).to_have_text("erteilt")
    assert call(stack, "sales_manager", "GET", f"/leads/{lead['id']}/consents")[1]["current"]["marketing_sms"] is True


def test_an_auditor_reads_the_consents_and_finds_no_button(workspace, stack):
    lead = prospect(stack)
    page = workspace("auditor").sign_in(f"/leads/{lead['id']}/edit")
    panel = page.locator("[data-testid=consents]")
    expect(panel.locator("[data-testid=consent-state-dealer_contact]")).to_have_text("erteilt")
    expect(panel.get_by_role("button")).to_have_count(0)
    expect(page.locator("[data-testid=legal-hold]")).to_have_count(0)


def test_an_admin_holds_a_lead_with_a_reason_and_releases_it(workspace, stack):
    lead = prospect(stack)
    ws = workspace("admin")
    page = ws.sign_in(f"/leads/{lead['id']}/edit")
    hold = page.locator("[data-testid=legal-hold]")
    hold.get_by_role("button", name="Sperre setzen").click()
    expect(page.locator("#hold-reason-error")).to_be_visible()                  # a hold says why
    expect(hold.locator(".message.error")).to_have_text("Bitte die markierten Felder korrigieren.")
    page.fill("#hold-reason", "Rechtsstreit 4 Cg 12/26")
    hold.get_by_role("button", name="Sperre setzen").click()
    expect(hold.locator("[data-testid=legal-hold-state]")).to_contain_text("Rechtsstreit 4 Cg 12/26")
    held = call(stack, "admin", "GET", f"/leads/{lead['id']}")[1]
    assert held["legal_hold"]["reason"] == "Rechtsstreit 4 Cg 12/26" and held["legal_hold"]["by"] == "e.gruber"
    hold.get_by_role("button", name="Sperre aufheben").click()
    expect(hold.locator("[data-testid=legal-hold-state]")).to_have_text("Keine Sperre.")
    assert call(stack, "admin", "GET", f"/leads/{lead['id']}")[1]["legal_hold"] is None
    assert [e for e in ws.errors if "status of 422" not in e] == []          # the refused hold's answer only


def test_an_admin_sees_what_the_next_retention_run_removes_and_that_a_held_lead_stays(workspace, stack):
    months_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=150)).isoformat()
    old = prospect(stack, qualification="junk", received_at=months_ago)
    held = prospect(stack, qualification="junk", received_at=months_ago)
    for lead in (old, held):
        taken_in(stack, lead, months_ago)
    status, body, _ = call(stack, "admin", "PUT", f"/leads/{held['id']}/legal-hold",
                           {"hold": True, "reason": "Behördenanfrage"}, headers={"if-match": f'"{held["version"]}"'})
    assert status == 200, body
    ws, page = open_privacy(workspace)
    section = page.locator("[data-testid=retention]")
    expect(section.get_by_role("heading", name="Aufbewahrung: nächster Lauf")).to_be_visible()
    expect(section.locator(f"tr[data-rule=junk_leads] li[data-lead='{old['id']}']")).to_contain_text("Junk, Eingang")
    section.get_by_text("Behaltene Leads:").click()
    expect(section.locator(f"[data-testid=retention-kept] li[data-lead='{held['id']}']")).to_contain_text("Behördenanfrage")
    plan = call(stack, "admin", "GET", "/privacy/retention")[1]
    assert old["id"] in [l["id"] for l in plan["leads"]["junk_leads"]["first"]]
    assert held["id"] not in [l["id"] for r in plan["leads"].values() for l in r["first"]]
    find(page, email=held["email"])                                          # erasure leaves it alone too
    page.get_by_role("button", name="Löschung prüfen").click()
    expect(page.locator("[data-testid=erasure-held]")).to_contain_text(held["id"])
    assert ws.errors == []


def test_a_dealer_admin_carries_out_the_importers_erasure_request_for_a_forwarded_copy(workspace, stack):
    importer, dealer = "demo-importeur:admin", "demo-autohaus-graz:admin"
    last = f"Url-{uuid.uuid4().hex[:6]}"
    status, lead, _ = call(stack, "demo-importeur:sales_manager", "POST", "/leads", {
        "first_name": "Petra", "last_name": last, "email": f"{last.lower()}@example.at", "postal_code": "8010",
        "city": "Graz", "country": "AT", "qualification": "hot", "source": "Website", "source_detail": "Händlersuche",
        "vehicle": {"interest": {"make": "Volkswagen", "dealer_contact": True}}})
    assert status == 201, lead
    status, done, _ = call(stack, importer, "POST", "/privacy/erasure", {"email": lead["email"], "confirm": True})
    assert status == 200 and done["counts"]["forwarded"] == 1, done
    request = next(r for r in call(stack, dealer, "GET", "/privacy/requests")[1]["items"] if r["status"] == "pending")
    assert call(stack, dealer, "GET", f"/leads/{request['lead_id']}")[0] == 200

    ws = workspace(dealer)
    page = ws.sign_in("/privacy")
    row = page.locator(f"[data-testid=erasure-requests] tr[data-request='{request['id']}']")
    expect(row).to_contain_text("offen")
    row.get_by_role("button", name="Ausführen").click()
    dialog = page.get_by_role("dialog", name="Person endgültig löschen?")
    dialog.get_by_label("Zur Bestätigung „LÖSCHEN“ eingeben").fill("LÖSCHEN")
    dialog.get_by_role("button", name="Endgültig löschen").click()
    expect(row).to_contain_text("erledigt")
    expect(row.get_by_role("button")).to_have_count(0)
    assert call(stack, dealer, "GET", f"/leads/{request['lead_id']}")[0] == 404
    assert ws.errors == []
