"""The texts the API writes for people (the duplicate check's reasons, the routing dry run's reasons,
an import's status detail, the audit entries) read in German in the German workspace. Each test
collects the texts from the Python code that writes them and feeds them to the page's translators
(chalicelib/web/js/api-texts.js): a new wording there shows here as an English text."""
import datetime as dt
import io
import re
import types
import uuid
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from tests.e2e.stack import call

pytestmark = pytest.mark.e2e

IN_THE_PAGE = """async ([name, texts]) => {
    const m = await import("./js/api-texts.js");
    return texts.map((text) => m[name](text));
}"""


def translated(page, name: str, texts: list[str]) -> list[str]:
    return page.evaluate(IN_THE_PAGE, [name, texts])


def untranslated(page, name: str, texts: list[str]) -> list[str]:
    return [english for english, shown in zip(texts, translated(page, name, texts)) if english == shown]


def template(text: str) -> str:
    """A reason without its numbers and the names it quotes: one line per wording."""
    text = re.sub(r"\d+", "N", text)
    text = re.sub(r"first name \S+ / \S+:", "first name X / Y:", text)
    text = re.sub(r"\(\S+, \S+\)", "(X, Y)", text)
    return re.sub(r"(share|surname) \S+ \(", r"\1 X (", text)


# ------------------------------------------------------------------ the duplicate check

def duplicate_check_reasons() -> set[str]:
    """Every reason, rule and note the duplicate check gives over the benchmark's generated worlds
    (2,000 customers, 1,000 leads each), and the few wordings those never reach, made by comparing
    persons built for them."""
    from bench.eval_sets import fourth_world, second_world, third_world
    from bench.matching_eval import KeyIndex, admitted, first_world
    from chalicelib.domain.lead import LeadInput
    from chalicelib.domain.matching import Profile, compare
    from chalicelib.services.customers import CustomerInput

    texts = set()
    worlds = [first_world(2000, 1000), second_world.build(2000, 1000, 1), third_world.build(2000, 1000, 1),
              fourth_world.build(2000, 1000, 1)]
    for world in worlds:
        customers, problems = {}, {}
        for cid, person in world.customers.items():
            if got := admitted(person, CustomerInput, "AT"):
                customers[cid], problems[cid] = got
        index = KeyIndex(customers, problems)
        for lead in world.leads:
            if got := admitted(lead.person, LeadInput, "AT"):
                for _, verdict in index.check(*got)[0]:
                    texts |= {c.detail for c in verdict.comparisons} | ({verdict.rule} if verdict.rule else set())
    pairs = [({"first_name": "Annemarie", "last_name": "Huber"}, {"first_name": "Anne", "last_name": "Huber"}),
             ({"first_name": "Thornas", "last_name": "Wagncr"}, {"first_name": "Thomas", "last_name": "Wagner"}),
             ({"first_name": "Anna", "last_name": "Svvobocla"}, {"first_name": "Anna", "last_name": "Swoboda"}),
             ({"first_name": "Anna", "last_name": "Huber", "phone": "+43 1 51234567"},
              {"first_name": "Anna", "last_name": "Huber", "phone": "+43 1 51244567"}),
             ({"first_name": "Johann", "last_name": "Huber", "birth_date": "1970-01-02", "email": "jh@example.at"},
              {"first_name": "Johanna", "last_name": "Huber", "birth_date": "1970-01-02", "email": "jh@example.at"}),
             ({"company": "Huber Logistik GmbH", "email": "einkauf@huber-logistik.at"},
              {"company": "Logistik Huber Ges.m.b.H.", "email": "office@huber-logistik.at"})]
    for lead, customer in pairs:
        verdict = compare(Profile.of(lead), Profile.of(customer), surname_frequency=1, total=100)
        texts |= {c.detail for c in verdict.comparisons} | ({verdict.rule} if verdict.rule else set())
    return texts


def test_every_reason_the_duplicate_check_gives_reads_in_german(workspace):
    texts = sorted(duplicate_check_reasons())
    assert len({template(t) for t in texts}) >= 70           # the worlds reach most of matching.py's wordings
    page = workspace("sales_rep").sign_in("/leads")
    assert untranslated(page, "reasonText", texts) == []
    shown = dict(zip(texts, translated(page, "reasonText", texts)))
    assert shown["same e-mail address"] == "gleiche E-Mail-Adresse"
    swapped = next(t for t in texts if t.startswith("same surname (first and last name swapped), "))
    assert re.fullmatch(r"gleicher Nachname \(Vor- und Nachname vertauscht\), \d+ von \d+ Kunden tragen ihn", shown[swapped])
    page.select_option("#language", "en")
    assert translated(page, "reasonText", texts) == texts      # English shows what the API wrote


def test_the_conversion_screen_gives_the_checks_reasons_and_its_note_in_german(workspace, stack):
    """A person twice in the customer master: the note that says so, and each candidate's reasons."""
    tag = uuid.uuid4().hex[:6]
    person = {"first_name": "Notburga", "last_name": f"Zwiesel-{tag}", "email": f"notburga.{tag}@example.at",
              "birth_date": "1961-04-12", "postal_code": "1070", "city": "Wien", "street": "Neubaugasse 7",
              "country": "AT"}
    for _ in range(2):
        status, customer, _ = call(stack, "sales_manager", "POST", "/customers", person)
        assert status == 201, customer
    status, lead, _ = call(stack, "sales_manager", "POST", "/leads", {**person, "qualification": "warm",
                                                                        "source": "Walk-in"})
    assert status == 201, lead
    status, check, _ = call(stack, "sales_manager", "GET", f"/leads/{lead['id']}/duplicates")
    assert check["note"], check                                 # the master holds the person twice
    page = workspace("sales_manager").sign_in(f"/leads/{lead['id']}/convert")
    expect(page.locator("p.message.warn")).to_contain_text("mehrfach im Kundenstamm")
    reasons = page.locator("ul.reasons").first
    reasons.locator("xpath=..").locator("summary").click()
    expect(reasons).to_contain_text("gleiche E-Mail-Adresse")
    expect(reasons).to_contain_text("gleiches Geburtsdatum")
    english = [r["detail"] for r in check["candidates"][0]["reasons"]]
    assert not any(detail in reasons.inner_text() for detail in english)


# ------------------------------------------------------------------ routing

def routing_reasons() -> list[str]:
    """Every reason the routing gives (services/assignment.py Router.decide on the rules of
    domain/assignment.py; an importer's forwarding by domain/forwarding.py), users, turns and an
    importer's dealers given in place of the store's."""
    from chalicelib.domain.assignment import Absence, Facts, Rule, first_match
    from chalicelib.domain.forwarding import Link, MarketArea
    from chalicelib.services.assignment import Router
    from chalicelib.services.links import Partners
    from chalicelib.services.tenants import Tenant

    today = dt.date(2026, 3, 2)

    def router(kind: str, rules: list[dict]) -> Router:
        tenant = Tenant(version=1, id="t", name="T", kind=kind, country="AT", subdivision=None,
                        holiday_categories=(), timezone="Europe/Vienna")
        routed = Router(tenant)
        routed._rules = [Rule.model_validate({"id": f"r{n}", **r}) for n, r in enumerate(rules)]
        routed._users = ({"l.huber", "m.steiner", "k.bauer"},
                         {"k.bauer": [Absence.model_validate({"from": "2026-03-01", "to": "2026-03-31"})]})
        routed._open_leads = {"l.huber": 3, "m.steiner": 3}
        routed._turn = lambda rule, take_turn: 7
        partners = Partners(tenant)
        partners._links = [Link("autohaus-graz", "dealer", True, True, ("G-17",))]
        partners._areas = [MarketArea(dealer="autohaus-graz", postal_codes=["8000-8999"])]
        partners._names = {"autohaus-graz": "Autohaus Graz"}
        routed.partners = partners
        return routed

    facts = Facts(source="Messe", source_detail="Vienna Autoshow", qualification="warm", channel="api", make="VW",
                  models=("Golf",), postal_code="1100", country="AT", needs_review=False)
    nowhere = {"name": "Alles aus Graz", "target": {"kind": "pool"}, "conditions": {
        "sources": ["Web"], "source_details": ["Graz"], "qualifications": ["hot"], "channels": ["webhook"],
        "makes": ["Audi"], "models": ["A3", "Q4"], "postal_codes": ["8000-8999"], "countries": ["DE"],
        "needs_review": True}}
    unchecked = {"name": "O'Briens Geprüfte", "conditions": {"needs_review": False}, "target": {"kind": "pool"}}
    huber = {"name": "Team Wien", "target": {"kind": "user", "user": "l.huber"}}
    bauer = {"name": "Bauer", "target": {"kind": "user", "user": "k.bauer"}}
    away = {"name": "Urlaub", "target": {"kind": "team", "team": "Graz", "members": ["k.bauer"]}}
    turns = {"name": "Reihum", "target": {"kind": "team", "team": "Wien", "members": ["l.huber", "m.steiner"]}}
    fewest = {"name": "Wenigste", "target": {"kind": "team", "team": "Wien", "members": ["l.huber", "m.steiner"],
                                              "strategy": "least_open"}}
    forward = {"name": "An Händler", "target": {"kind": "forward"}}
    why = []
    for kind, rules, lead, more in [
            ("dealer", [nowhere, huber], facts, {}), ("dealer", [unchecked], replace(facts, needs_review=True), {}),
            ("dealer", [bauer], facts, {}), ("dealer", [away], facts, {}), ("dealer", [turns], facts, {}),
            ("dealer", [fewest], facts, {}), ("dealer", [nowhere], facts, {}), ("dealer", [], facts, {}),
            ("dealer", [forward], replace(facts, dealer_contact=True), {}),
            ("importer", [forward], facts, {}),
            ("importer", [forward], replace(facts, dealer_contact=True, preferred_dealer="G-17"), {}),
            ("importer", [forward], replace(facts, dealer_contact=True, preferred_dealer="Xyz", postal_code="8010"), {}),
            ("importer", [forward], replace(facts, dealer_contact=True, postal_code="8010"), {}),
            ("importer", [forward], replace(facts, dealer_contact=True, preferred_dealer="Xyz"), {}),
            ("importer", [forward], replace(facts, dealer_contact=True, postal_code=None), {}),
            ("importer", [forward], replace(facts, dealer_contact=True), {"forward": False})]:
        why += router(kind, rules).decide(lead, today=today, take_turn=False, **more).why
    least = router("dealer", [fewest])
    least._open_leads = {"l.huber": 4, "m.steiner": 1}
    why += least.decide(facts, today=today, take_turn=False).why
    # A forward rule looked at where nobody asked which dealer (only the domain does that).
    why += first_match([Rule.model_validate({"id": "f", **forward})], replace(facts, dealer_contact=True)).why
    return list(dict.fromkeys(why))


def test_every_reason_the_routing_dry_run_gives_reads_in_german(workspace, stack):
    why = routing_reasons()
    status, named, _ = call(stack, "admin", "POST", "/routing-rules/dry-run",
                            {"lead": {"last_name": "Probe", "phone": "0676 5551234", "assignee": "l.huber"}})
    assert status == 200, named
    why += named["why"]
    assert len(why) >= 20, why
    assert any("; source detail Vienna Autoshow is not Graz;" in w for w in why) and any("forwarded to" in w for w in why)
    page = workspace("admin").sign_in("/rules")
    assert untranslated(page, "whyText", why) == []
    shown = dict(zip(why, translated(page, "whyText", why)))
    assert shown["rule 'Team Wien' applies"] == "Regel „Team Wien“ trifft zu"
    assert shown["""rule "O'Briens Geprüfte" does not apply: does not need review"""] == \
        "Regel „O'Briens Geprüfte“ trifft nicht zu: gilt nur für Leads ohne Prüfbedarf"
    graz = next(german for english, german in shown.items() if english.startswith("rule 'Alles aus Graz' does not apply"))
    assert "Qualifizierung warm ist nicht heiß" in graz and "Kanal API ist nicht Webformular" in graz, graz   # no codes
    page.select_option("#language", "en")
    assert translated(page, "whyText", why) == why


# ------------------------------------------------------------------ imports

def import_details(monkeypatch) -> list[str]:
    """Every status detail services/imports.py gives, from its own code: a file's end as `conclude`
    sees it (counts, a reader's failure, a workbook's other sheets), the row limit, a pause, and a
    file too large or imported before; the store and the bucket given in place."""
    from chalicelib.formats.rows import FileFormatError
    from chalicelib.services import imports
    from chalicelib.services.tenants import Tenant
    from chalicelib.store import batches

    details = []

    def throttled(stream, name):
        raise batches.BatchWriteError("3 items unwritten")

    def finish(item, status, detail):
        item.status, item.detail = status, detail
        details.append(detail)
        return item
    monkeypatch.setattr(imports, "_finish", finish)
    monkeypatch.setattr(imports.state, "renew", lambda *a, **k: None)

    def item():
        return types.SimpleNamespace(tenant="t", import_id="01JTESTIMPORT0000000000000", status=None, detail=None,
                                     counts=None, report_key=None, file_name="messe.xlsx", kind="leads", defaults=None,
                                     created_at="2026-03-02T10:00:00+00:00", rows_done=0, key="incoming/t/messe.xlsx",
                                     version_id=None)

    def run(rows=0, stored=0, rejected=0, failure=None, sheet=None, others=(), limit=False):
        done = imports._Run.__new__(imports._Run)
        done.item, done.bucket, done.content_hash = item(), "bucket", None
        done.counts = {"rows": rows, "rejected": rejected}
        done.report = types.SimpleNamespace(write=lambda *a: None)
        done.stored = lambda: stored
        done.limit_reached, done.last_row = limit, rows
        done.sheet, done.other_sheets = sheet, list(others)
        done.time_left = lambda: 0
        done._read_all = lambda stream, name: failure
        done.flush = lambda last=False: None
        return done

    try:
        imports._open_file(item(), io.BytesIO(b""), "leer.csv", default_country="AT")
    except FileFormatError as exc:
        reader = exc.detail
    run(failure=reader).conclude(reader)
    run(failure="an unforeseen message of a reader").conclude("an unforeseen message of a reader")
    details.append(imports.FILE_GONE)
    run().conclude(None)
    run(rows=1200, rejected=1200).conclude(None)
    run(rows=1200, rejected=1200).conclude("not well-formed XML: mismatched tag")
    run(rows=1200, stored=800, rejected=2).conclude("not well-formed XML: mismatched tag")
    run(rows=1200, stored=1200, sheet="Messe", others=["Tag 2"]).conclude(None)
    run(rows=1200, stored=1199, rejected=1, sheet="Messe", others=["Tag 2", "Tag 3"]).conclude("the sheet cannot be read")
    run(rows=300_000, stored=300_000, limit=True).read(None, "messe.csv")
    for stop in (lambda r: r.checkpoint(last=False), lambda r: r.read(None, "messe.csv")):
        stopping = run(rows=2000)
        stopping._read_all = throttled
        try:
            stop(stopping)
        except imports._Stopped as exc:
            details.append(exc.detail)

    tenant = Tenant(version=1, id="tx", name="T", kind="dealer", country="AT", subdivision=None, holiday_categories=(),
                    timezone="Europe/Vienna")
    monkeypatch.setattr(imports, "load_tenant", lambda tenant_id: tenant)
    monkeypatch.setattr(imports.state, "claim", lambda *a, **k: item())
    monkeypatch.setattr(imports.state, "take_lease", lambda *a, **k: True)
    monkeypatch.setattr(imports.files, "chunks", lambda *a, **k: [b"Nachname\nHuber\n"])
    monkeypatch.setattr(imports.state, "claim_content", lambda *a, **k: "01JFIRSTIMPORT000000000000")
    for size in (imports.MAX_FILE_BYTES + 1, 20):
        head = {"ContentLength": size, "ETag": f'"{size}"', "LastModified": dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)}
        monkeypatch.setattr(imports.files, "head", lambda *a, head=head, **k: head)
        imports.run_import("bucket", "incoming/tx/messe.csv")
    return [d for d in details if d]


def test_every_status_detail_of_an_import_reads_in_german(workspace, monkeypatch):
    details = import_details(monkeypatch)
    assert len(details) >= 13, details
    page = workspace("sales_manager").sign_in("/imports")
    assert untranslated(page, "importDetail", details) == []
    shown = dict(zip(details, translated(page, "importDetail", details)))
    limit = next(d for d in details if d.startswith("the file has more than"))
    number = r"300[.\s]000"                                   # in the locale's way: de-AT "300 000"
    assert re.fullmatch(f"die Datei hat mehr als {number} Zeilen; Zeilen nach Zeile {number} wurden nicht importiert",
                        shown[limit]), shown[limit]
    assert shown["the file cannot be read: an unforeseen message of a reader"] == \
        "die Datei kann nicht gelesen werden: an unforeseen message of a reader"   # a reader's own words stay
    page.select_option("#language", "en")
    assert translated(page, "importDetail", details) == details


def test_the_imports_screen_says_why_a_file_without_rows_failed_in_german(workspace, tmp_path):
    empty = tmp_path / f"nur-kopf-{uuid.uuid4().hex[:6]}.csv"
    empty.write_text("Nachname;E-Mail\n", encoding="utf-8")
    page = workspace("sales_manager").sign_in("/imports")
    page.set_input_files("#import-file", str(empty))
    page.get_by_role("button", name="Hochladen").click()
    status = page.locator("[data-testid=import-status]")
    expect(status).to_have_attribute("data-status", "failed", timeout=60_000)
    expect(status).to_contain_text("die Datei hat keine Zeilen zum Importieren")


# ------------------------------------------------------------------ the import's error report

def test_the_error_reports_german_is_the_workspaces_wherever_both_have_it(workspace):
    """services/report_de.py writes the report in German with the workspace's wording (i18n.js,
    api-texts.js): where both translate a reason the importer writes, they say the same thing, so
    that a reason reads alike in the downloaded report and on the screen and the two cannot drift."""
    from chalicelib.services import report_de
    from tests.unit.test_import_report_de import importer_reasons
    reasons = importer_reasons()
    page = workspace("sales_manager").sign_in("/imports")
    both = {english: german for english, german in zip(reasons, translated(page, "reportReason", reasons))
            if german != english}
    assert len(both) > 25, both
    assert {english: report_de.reason(english) for english in both} == both


# ------------------------------------------------------------------ the privacy screen's audit entries

def test_the_privacy_exports_audit_entries_read_as_the_lead_log_does(workspace, stack):
    tag = uuid.uuid4().hex[:6]
    status, lead, _ = call(stack, "sales_manager", "POST", "/leads", {
        "first_name": "Erika", "last_name": f"Auditiert-{tag}", "email": f"erika.{tag}@example.at",
        "qualification": "warm", "source": "Walk-in", "country": "AT",
        "vehicle": {"interest": {"make": "Škoda", "models": ["Enyaq"]}}})
    assert status == 201, lead
    ws = workspace("admin")
    page = ws.sign_in("/privacy")
    page.fill("#privacy-email", lead["email"])
    page.get_by_role("button", name="Person suchen").click()
    article = page.locator(f"[data-testid=export] article[data-lead='{lead['id']}']")
    article.get_by_text("Protokolleinträge (").click()
    table = article.locator("details.audit table")
    expect(table).to_contain_text("angelegt")
    expect(table).to_contain_text("Verkaufsleiter")
    expect(table).to_contain_text("Interesse: Marke")
    text = table.inner_text()
    assert "{" not in text and "created" not in text and "sales_manager" not in text, text
    assert ws.errors == []


def test_every_refusal_a_screen_shows_from_the_api_reads_in_german(workspace):
    """Not found, a role's refusal, a lead no longer open: the API's own words, made by its own code."""
    from chalicelib.domain.lead import not_workable_reason
    from chalicelib.domain.permissions import Caller, refusal
    texts = [f"{thing} not found" for thing in ("lead", "customer", "activity", "import", "integration", "erasure request")]
    texts += ["your role (sales_rep) may not routing.read", "your role (auditor) may not lead.update"]
    rep = Caller("t1", "l.huber", "sales_rep", "test")
    for action in ("lead.update", "lead.delete", "lead.assign", "lead.convert", "lead.contact", "lead.log"):
        texts += [refusal(rep, action, assignee=None, created_by=None), refusal(rep, action, assignee="k.bauer", created_by=None)]
    for status in ("converted", "closed", "deleted", "forwarded"):
        for what in ("changed", "edited", "deleted", "converted", "checked and converted",
                     "contacted (log it on the customer)"):
            texts.append(not_workable_reason(status, what))
    texts = list(dict.fromkeys(texts))
    page = workspace("sales_rep").sign_in("/leads")
    assert untranslated(page, "errorText", texts) == []
    page.select_option("#language", "en")
    assert translated(page, "errorText", texts) == texts              # English: the API's words


def written(node, samples: dict, where: str) -> list[str]:
    """The texts a string in the source can be: a constant as written, either side of a conditional,
    an f-string with each part it fills in taken from `samples` (by the expression as ast.unparse
    writes it, "!r" added where it is quoted, as the text shows it); an unknown part fails: add its
    samples. Anything else (a variable) is another place's wording: none here."""
    import ast
    import itertools
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return written(node.body, samples, where) + written(node.orelse, samples, where)
    if not isinstance(node, ast.JoinedStr):
        return []
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append([part.value])
            continue
        expr = ast.unparse(part.value) + ("!r" if part.conversion == ord("r") else "")
        assert expr in samples, f"{where}: add samples for {expr!r}"
        parts.append(samples[expr])
    return ["".join(choice) for choice in itertools.product(*parts)]


# Sample values for the parts of a refusal the services fill in; "{why}" stands for each of the
# conversion's reasons (_stale's third argument).
SAMPLES = {"current.status": ["converted", "closed"], "item.status": ["closed", "converted"],
           "item.forwarded_from.get('status')": ["accepted", "rejected"], "item.version or 0": ["4"],
           "exc.detail": ["the dealer Autohaus Wien has no integration"], "channel": ["email", "phone", "sms", "post"],
           "activity_type": ["E-Mail"], "name!r": ["'Messe Wien'", '"O\'Brien\'s Messe"'], "why": ["{why}"]}


def refusals_written_in(path) -> list[str]:
    """The conflicts (409, 412) a service raises, from its source, in every way SAMPLES fills them
    in; the conversion's reasons (_stale's third argument) each in its frame."""
    import ast
    texts, stale_reasons = [], []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or not node.args:
            continue
        if node.func.id == "_stale" and isinstance(node.args[2], ast.Constant):
            stale_reasons.append(node.args[2].value)
        if node.func.id in ("StaleVersionError", "ConflictError"):
            texts += written(node.args[0], SAMPLES, path.name)
    return [t.replace("{why}", why) for t in texts for why in (stale_reasons if "{why}" in t else [""])]


def test_every_conflict_a_service_raises_reads_in_german(workspace):
    """A version conflict, a change meanwhile, a decision to take again: each wording in services/,
    and the version conflict require_version makes for everything it guards."""
    from pathlib import Path

    from chalicelib.domain.versions import require_version
    from chalicelib.errors import StaleVersionError
    texts = []
    for path in sorted(Path("chalicelib/services").glob("*.py")):
        texts += refusals_written_in(path)
    for what in ("lead", "customer", "activity", "integration"):
        with pytest.raises(StaleVersionError) as refused:
            require_version(3, 2, what)
        texts.append(refused.value.detail)
    texts = list(dict.fromkeys(texts))
    assert len(texts) > 30, texts                   # the collector found the services' refusals
    assert any("decide again on the fresh duplicate check" in t and "{" not in t for t in texts)
    page = workspace("sales_rep").sign_in("/leads")
    assert untranslated(page, "errorText", texts) == []
    shown = dict(zip(texts, translated(page, "errorText", texts)))
    assert shown["the lead changed since you read it (you sent version 2, it is at 3); reload and apply your change again"] == (
        "Der Lead wurde geändert, seit Sie ihn geöffnet haben (Ihr Stand: Version 2, jetzt: Version 3): "
        "neu laden und die Änderung noch einmal vornehmen")
    page.select_option("#language", "en")
    assert translated(page, "errorText", texts) == texts



def test_every_refusal_of_a_sign_in_reads_in_german(workspace):
    """A key the stack no longer knows, a request signed too long ago, a person nobody mapped: the
    sign-in page showed the API's English ("request signature not accepted: unknown access key")."""
    import ast
    from pathlib import Path
    reasons = []
    for node in ast.walk(ast.parse(Path("chalicelib/auth/sigv4.py").read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "SignatureError":
            reasons += written(node.args[0], {"region": ["eu-central-1"], "SERVICE": ["execute-api"]}, "sigv4.py")
    texts = []
    for node in ast.walk(ast.parse(Path("chalicelib/services/identity.py").read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "UnauthenticatedError", "ForbiddenError"):
            texts += written(node.args[0], {"exc": reasons, "principal": ["cognito:eu-central-1_AbC:1234"]}, "identity.py")
    assert len(reasons) >= 8 and len(texts) >= len(reasons) + 4, texts     # the collector found them
    page = workspace("sales_rep").sign_in("/leads")
    assert untranslated(page, "errorText", texts) == []
    shown = dict(zip(texts, translated(page, "errorText", texts)))
    assert shown["request signature not accepted: unknown access key"] == (
        "Die Anmeldung wurde nicht angenommen (unbekannter Zugangsschlüssel): bitte neu anmelden")
    page.select_option("#language", "en")
    assert translated(page, "errorText", texts) == texts


def test_every_reason_the_retention_run_gives_reads_in_german(workspace):
    """Why the next run removes a lead or passes over it (domain/retention.py verdict), on the
    privacy screen: "taken into leadflow on 2026-12-05, within the period" was shown in English."""
    import ast
    from pathlib import Path
    day = ["2026-11-02"]
    samples = {"lead.legal_hold.get('reason')": ["Behördenanfrage"], "lead.last_touch_at[:10]": day,
               "lead.created_at[:10]": day, "lead.first_contact_at[:10]": day, "lead.received_at[:10]": day,
               "iso(months_cut)[:10]": ["2026-09-06"], "lead.status": ["open", "closed", "rejected"]}
    tree = ast.parse(Path("chalicelib/domain/retention.py").read_text())
    verdict = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "verdict")
    texts = [text for node in ast.walk(verdict) if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple)
             for text in written(node.value.elts[1], samples, "retention.py")]
    assert len(texts) >= 10, texts                      # the collector found the reasons
    page = workspace("admin").sign_in("/privacy")
    assert untranslated(page, "retentionWhy", texts) == []
    shown = dict(zip(texts, translated(page, "retentionWhy", texts)))
    assert shown["taken into leadflow on 2026-11-02, within the period"] == (
        "am 02.11.2026 in leadflow übernommen, also innerhalb der Frist")
    page.select_option("#language", "en")
    assert translated(page, "retentionWhy", texts) == texts

# The parts a field message of a service fills in, by expression (ast.unparse), as the text shows them.
FIELD_SAMPLES = {"patch.version": ["3"], "body_version": ["3"], "expected_version": ["4"], "user!r": ["'k.bauer'"],
                 "activity_type": ["E-Mail"], "', '.join(tenant.activity_types)": ["Anruf, E-Mail, Termin"],
                 "req.decision": ["update_customer", "keep_customer"], "', '.join(empty)": ["email, phone"],
                 "keys.SEARCH_DIGIT_PREFIX": ["4"], "MAX_BULK": ["100"], "dealer!r": ["'autohaus-wien'"],
                 "said": ["not linked to this importer"], "choice.why": ["no dealer for postal code 1010"],
                 "item.received_at": ["2026-12-01T08:00:00+00:00"], "area.dealer!r": ["'autohaus-wien'"],
                 "source!r": ["'Messe Wien'"], "detail!r": ["'Stand 4'"], "item.data['name']!r": ["'Messe Wien'"]}


def field_messages_written_in(path) -> list[str]:
    """The "message" of every field error a service raises (InvalidInputError), from its source, in
    every way FIELD_SAMPLES fills it in. A message held in a variable is another module's wording,
    collected where it is written."""
    import ast
    texts = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InvalidInputError":
            texts += [text for d in ast.walk(node) if isinstance(d, ast.Dict)
                      for k, v in zip(d.keys, d.values) if isinstance(k, ast.Constant) and k.value == "message"
                      for text in written(v, FIELD_SAMPLES, path.name)]
    return texts


def test_every_field_message_a_service_gives_reads_in_german(workspace):
    """A conversion without a customer, a search too short, a rule naming nobody: the messages the
    services write at a field (a screen shows them there, or in its error line)."""
    from pathlib import Path
    texts = list(dict.fromkeys(t for path in sorted(Path("chalicelib/services").glob("*.py"))
                               for t in field_messages_written_in(path)))
    assert len(texts) > 30 and "choose one of the candidates of the duplicate check" in texts, texts
    page = workspace("sales_rep").sign_in("/leads")
    german = page.evaluate("""async (texts) => {
        const i18n = await import("./js/i18n.js");
        return texts.map((text) => i18n.fieldMessage(text));
    }""", texts)
    assert [english for english, shown in zip(texts, german) if english == shown] == []
    shown = dict(zip(texts, german))
    assert shown["the lead has no email, phone to take into the customer"] == (
        "der Lead hat keinen Wert für E-Mail, Telefon, der übernommen werden könnte")
    assert re.fullmatch(r"liegt vor dem Eingang des Leads \(01\.12\.2026, \d\d:00\)",
                        shown["lies before the lead was received (2026-12-01T08:00:00+00:00)"])


# The parts a file reader's refusal fills in, by expression (ast.unparse, "!r" when quoted), as the text shows them.
READER_SAMPLES = {"found": ["<leads>", "nothing"], "encoding!r": ["'x-mac-foo'"], "MAX_OPEN_ELEMENTS": ["10,000"],
                  "len(headers)": ["2500"], "MAX_COLUMNS": ["500"], "what": ["the last name", "the customer number"],
                  "names": ["'Nachname' or 'Name'"], "MAX_LINE_CHARS": ["1,000,000"],
                  "exc": ["line contains NUL"], "self.encoding.upper()": ["UTF-8"], "suffix or name!r": ["'.pdf'"],
                  "len(entries)": ["10001"], "MAX_ENTRIES": ["10000"], "total // 2 ** 20": ["300"],
                  "MAX_UNCOMPRESSED_BYTES // 2 ** 20": ["200"], "name!r": ["'Tag 2'"],
                  "', '.join(workbook.sheetnames)": ["Messe, Tag 1"], "entry.filename": ["xl/worksheets/sheet1.xml"],
                  "ratio": ["1030"], "MAX_COMPRESSION_RATIO": ["200"], "type(exc).__name__": ["KeyError"],
                  "candidates[0].title!r": ["'Tabelle1'"]}


def reader_refusals() -> list[str]:
    """Why a file reader refuses a file (formats/: FileFormatError, ZipBombError, UnsafeXmlError),
    from the readers' source, in every way READER_SAMPLES fills them in. The web forms' reader is
    the webhooks', whose senders read no screen."""
    import ast
    from pathlib import Path
    texts = []
    for path in sorted(Path("chalicelib/formats").glob("*.py")):
        if path.name == "webforms.py":
            continue
        # columns.py's `found` is the header's columns; adf_xml.py's the root element.
        samples = {**READER_SAMPLES, "found": ["Vorname, Ort"]} if path.name == "columns.py" else READER_SAMPLES
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args
                    and node.func.id in ("FileFormatError", "ZipBombError", "UnsafeXmlError")):
                texts += written(node.args[0], samples, path.name)
    return list(dict.fromkeys(texts))


def test_every_refusal_of_a_file_reader_reads_in_german_on_the_imports_screen(workspace):
    refusals = reader_refusals()
    assert len(refusals) >= 20 and "not an XLSX file: it is not a zip archive" in refusals, refusals
    details = [f"the file cannot be read: {text}" for text in refusals]
    page = workspace("sales_manager").sign_in("/imports")
    shown = dict(zip(refusals, translated(page, "importDetail", details)))
    assert [english for english, german in shown.items() if english in german] == []
    assert shown["the sheet 'Tabelle1' is empty: no header row found"] == \
        "die Datei kann nicht gelesen werden: das Blatt „Tabelle1“ ist leer: keine Kopfzeile gefunden"
    assert re.fullmatch(r"die Datei kann nicht gelesen werden: die Arbeitsmappe hat 10[.\s]001 Teile; "   # de-AT: 10 001
                        r"höchstens 10[.\s]000 sind erlaubt", shown["the workbook has 10001 parts; at most 10000 are allowed"])
