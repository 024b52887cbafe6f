"""What a review of the workspace in the browser found: a phone's width, a button the mouse could
not reach, a log of raw JSON, bulk actions offered where they can only fail, a screen reached by
its address, codes shown instead of words. Each test here failed before its fix."""
import datetime as dt
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.stack import call
from tests.e2e.test_workspace import api_lead

pytestmark = pytest.mark.e2e

# Words of the elements a selector finds that the browser broke over more than one line.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


# ------------------------------------------------------------------ a phone's width

def test_on_a_phones_width_the_lead_table_scrolls_in_its_box_and_breaks_no_word_letter_by_letter(workspace, stack):
    ws = workspace("sales_manager")
    ws.page.set_viewport_size({"width": 390, "height": 800})
    page = ws.sign_in("/leads")
    page.wait_for_selector("table.leads tbody tr")
    assert page.evaluate(BROKEN_WORDS, "table.leads") == []
    table = page.locator("table.leads")
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")          # scrolls sideways in its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
    log_link = page.locator("td.row-actions a").first
    box = log_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390            # the actions column can be reached
    log_link.click()
    expect(page.get_by_role("heading", name="Protokoll des Leads")).to_be_visible()


def test_on_a_phones_width_the_lead_tabs_keep_their_words_whole_and_a_long_name_stays_within_the_screen(
        workspace, stack):
    lead = api_lead(stack, last_name="Langname" + "x" * 70)            # one word far wider than the screen
    ws = workspace("sales_manager")
    ws.page.set_viewport_size({"width": 390, "height": 800})
    page = ws.sign_in(f"/leads/{lead['id']}/edit")
    expect(page.get_by_role("tab", name="Interessent")).to_be_visible()
    assert page.evaluate(BROKEN_WORDS, "[role=tablist]") == []
    ws.go(f"/leads/{lead['id']}/convert")                             # the name in the heading, not in a table
    expect(page.get_by_role("heading", name=re.compile("Langname"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


# ------------------------------------------------------------------ the vehicle tab

def test_the_button_that_adds_a_typed_model_can_be_clicked_with_the_mouse(workspace, stack):
    lead = api_lead(stack, vehicle={"interest": {"make": "Škoda", "models": ["Enyaq"]}})
    page = workspace("sales_manager").sign_in(f"/leads/{lead['id']}/edit")
    page.get_by_role("tab", name="Fahrzeug").click()
    page.fill("#lead-other-model", "Octavia Combi")
    page.click("#lead-other-model + button", timeout=5_000)           # no force: the button must take the click
    expect(page.locator("#lead-models")).to_have_values(["Enyaq", "Octavia Combi"])
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("p.meta")).to_contain_text("Version 2")
    saved = call(stack, "sales_manager", "GET", f"/leads/{lead['id']}")[1]["vehicle"]["interest"]["models"]
    assert set(saved) == {"Enyaq", "Octavia Combi"}


# ------------------------------------------------------------------ the lead's log

def test_the_lead_log_says_in_words_what_happened_in_german_and_in_english(workspace, stack):
    received = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)).isoformat()
    lead = api_lead(stack, source="Vienna Autoshow", source_detail="Vienna Autoshow 2026", received_at=received,
                    vehicle={"interest": {"make": "Škoda", "models": ["Enyaq"], "test_drive": True}})
    status, logged, _ = call(stack, "sales_manager", "POST", f"/leads/{lead['id']}/contacts",
                             {"kind": "call", "direction": "inbound", "outcome": "reached", "note": "Hat angerufen"},
                             headers={"if-match": f'"{lead["version"]}"'})
    assert status == 201, logged
    ws = workspace("sales_manager")
    page = ws.sign_in(f"/leads/{lead['id']}/log")
    log = page.locator("table.log")
    expect(log).to_contain_text("Anruf, eingehend, erreicht – Hat angerufen")
    for words in ("Kontakt erfasst", "angelegt", "Verkaufsleiter", "Interesse: Marke", "Interesse: Probefahrt",
                  "Quelldetail", "Eingang", "Erster Kontakt"):
        expect(log).to_contain_text(words)
    shown = log.inner_text()
    for raw in ('{"', "[{", "vehicle.", "source_detail", "received_at", "first_contact_at", "sales_manager",
                "created", "contact:"):
        assert raw not in shown, raw
    assert not re.search(r"\d{4}-\d\d-\d\dT", shown), shown                # times in the locale's format
    page.select_option("#language", "en")
    expect(log).to_contain_text("Call, inbound, reached – Hat angerufen")
    expect(log).to_contain_text("Interest: Make")
    expect(log).to_contain_text("Sales manager")
    assert ws.axe_violations() == []


def test_the_lead_log_names_each_value_a_sender_got_wrong_with_what_was_sent_and_why(workspace, stack):
    novak = call(stack, "sales_manager", "GET", "/leads", params={"q": "novak"})[1]["items"][0]
    page = workspace("sales_manager").sign_in(f"/leads/{novak['id']}/log")
    problems = page.locator("table.log ul.problems li")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_have_text("Telefon: gesendet: „0664 123“ – keine gültige Telefonnummer "
                                         "(gelesen mit Ländervorwahl von AT)")
    expect(problems.nth(1)).to_contain_text("Geburtsdatum: gesendet: „31.02.1985“")
    expect(page.locator("table.log")).to_contain_text("Schnittstelle")       # the integration's role, in words
    assert '"field"' not in page.locator("table.log").inner_text()


# ------------------------------------------------------------------ bulk actions

def close(stack, lead):
    status, closed, _ = call(stack, "sales_manager", "PATCH", f"/leads/{lead['id']}", {"status": "closed"},
                             headers={"if-match": f'"{lead["version"]}"'})
    assert status == 200, closed
    return closed


def test_a_manager_can_tick_only_leads_a_bulk_action_can_change_and_failures_are_named_by_person(workspace, stack):
    tag = uuid.uuid4().hex[:6]
    open_lead = api_lead(stack, first_name="Offen", last_name=f"Bulk-{tag}")
    closed = close(stack, api_lead(stack, first_name="Zu", last_name=f"Bulk-{tag}"))
    later = api_lead(stack, first_name="Später", last_name=f"Bulk-{tag}")
    page = workspace("sales_manager").sign_in(f"/leads?q=Bulk-{tag}")
    row = lambda lead: page.locator(f"tr[data-lead='{lead['id']}']")    # noqa: E731
    expect(row(closed)).to_be_visible()
    expect(row(closed).locator("input[type=checkbox]")).to_have_count(0)
    page.locator("table.leads thead input[type=checkbox]").check()       # all that can be changed: the two open ones
    expect(page.locator(".bulk")).to_contain_text("2 ausgewählt")
    close(stack, later)                                                   # closed after the list was read
    page.select_option("#bulk-assignee", "l.huber")
    page.get_by_role("button", name="Zuweisen", exact=True).click()
    result = page.locator("[data-testid=bulk-result]")
    expect(result).to_contain_text("1 erledigt, 1 nicht möglich")
    failed = result.locator("li")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text(f"Später Bulk-{tag}")
    expect(failed).to_contain_text("abgeschlossen")                      # the API's reason, in German
    assert later["id"] not in result.inner_text()
    assert call(stack, "sales_manager", "GET", f"/leads/{open_lead['id']}")[1]["assignee"] == "l.huber"


# ------------------------------------------------------------------ screens reached by their address

def test_a_rep_who_opens_the_rules_by_their_address_is_told_their_role_may_not(workspace):
    ws = workspace("sales_rep")
    page = ws.sign_in("/rules")
    expect(page.get_by_text("Ihre Rolle darf das nicht.")).to_be_visible()
    assert "routing.read" not in page.locator("main").inner_text()


# ------------------------------------------------------------------ codes in words

def customer_and_lead(stack, **customer):
    base = {"salutation": "ms", "first_name": "Katrin", "last_name": f"Obermayr-{uuid.uuid4().hex[:5]}",
            "street": "Mariahilfer Straße 12", "postal_code": "1060", "city": "Wien", "country": "AT"}
    status, cust, _ = call(stack, "sales_manager", "POST", "/customers", {**base, **customer})
    assert status == 201, cust
    lead = api_lead(stack, **{k: base[k] for k in ("salutation", "first_name", "last_name", "street", "postal_code", "city")},
                    email=f"{base['last_name'].lower()}@example.at", assignee="l.huber",
                    mobile_phone=f"0664 {uuid.uuid4().int % 10_000_000:07d}")
    return cust, lead


def test_the_conversion_compares_the_salutation_in_words_and_the_birth_date_in_the_locales_format(workspace, stack):
    cust, lead = customer_and_lead(stack, birth_date="1999-02-28")
    page = workspace("sales_rep").sign_in(f"/leads/{lead['id']}/convert")
    page.wait_for_selector("table.compare")
    salutation = page.locator("table.compare tr[data-field=salutation] td")
    expect(salutation.nth(0)).to_have_text("Frau")
    expect(salutation.nth(1)).to_have_text("Frau")
    expect(page.locator("table.compare tr[data-field=birth_date] td").nth(0)).to_have_text("28.02.1999")


def test_the_privacy_export_shows_an_activitys_status_in_words(workspace, stack):
    cust, lead = customer_and_lead(stack)
    check = call(stack, "sales_rep", "GET", f"/leads/{lead['id']}/duplicates")[1]
    status, converted, _ = call(stack, "sales_rep", "POST", f"/leads/{lead['id']}/convert", {
        "decision": "new_customer", "check_token": check["check_token"], "activity": {"type": "call"}})
    assert status in (200, 201), converted
    page = workspace("admin").sign_in("/privacy")
    page.fill("#privacy-email", lead["email"])
    page.get_by_role("button", name="Person suchen").click()
    activities = page.locator("table[aria-labelledby=export-activities] tbody tr")
    expect(activities).to_have_count(1)
    expect(activities.locator("td").nth(2)).to_have_text("offen")


def test_the_lists_channel_column_names_the_channel_in_words(workspace, stack):
    imported = next(lead for lead in call(stack, "sales_manager", "GET", "/leads", params={"page_size": 100})[1]["items"]
                    if lead["channel"] == "import")
    by_api = api_lead(stack)
    page = workspace("sales_manager").sign_in("/leads?page_size=100")
    page.locator("details.columns summary").click()
    page.check("#col-channel")
    expect(page.locator(f"tr[data-lead='{imported['id']}'] td[data-col=channel]")).to_have_text("Dateiimport")
    expect(page.locator(f"tr[data-lead='{by_api['id']}'] td[data-col=channel]")).to_have_text("API")
