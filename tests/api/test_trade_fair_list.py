"""A trade fair's visitor list as the stand staff keep it (500 rows, ';' Windows-1252 CSV and
XLSX): every row that names someone becomes a lead, the fair's name as typed is read onto the
catalog, yes/no columns and two-digit years are read, German mobiles are kept and flagged."""
import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from urllib.parse import quote_plus

import pytest
from openpyxl import Workbook

from tests.conftest import drop_file as drop, import_of as the_import, report_codes

BUCKET = "leadflow-files"
ROWS = 500
SEED = 2026
CSV_ROWS = 260                      # the CSV holds the first rows, the XLSX the rest
VIENNA = dt.timezone(dt.timedelta(hours=1))          # January: CET
CATALOG_SOURCE, CATALOG_DETAIL = "Vienna Autoshow", "Vienna Autoshow 2026"
# The fair as the stand staff typed it -> the catalog's (source, detail); None: not in the catalog.
FAIR_AS_TYPED = {
    "Vienna Autoshow 2026 Halle B": (CATALOG_SOURCE, CATALOG_DETAIL),
    "VIENNA AUTOSHOW 2026": (CATALOG_SOURCE, CATALOG_DETAIL),
    "Autoshow Wien": (None, None),
}
YES = ["on", "x", "X", "ja", "Ja", "1", "true", "TRUE"]
NO = ["", "", "", "nein", "0", "-", "false"]
HEADERS = ["Anrede", "Vorname", "Nachname", "Straße", "PLZ", "Ort", "Telefon", "E-Mail", "Marke", "Modell",
           "Probefahrt", "Prospekt", "Angebot", "Lead-Herkunft", "Erfasst am", "Erfasst von", "Bemerkung"]

FIRST = [("Herr", n) for n in ("Lukas", "Tobias", "Florian", "Andreas", "Stefan", "Michael", "Christoph", "Jürgen",
                               "Günther", "Matthias", "Dominik", "Bernhard", "Wolfgang", "Josef", "Reinhard")] + \
        [("Frau", n) for n in ("Anna", "Katharina", "Julia", "Sabine", "Elisabeth", "Verena", "Birgit", "Theresa",
                               "Sophie", "Martina", "Claudia", "Lena", "Jasmin", "Doris", "Ursula")]
LAST = ["Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger",
        "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier", "Schneider", "Reiter",
        "Mayr", "Schmidt", "Wimmer", "Egger", "Brunner", "Lang", "Baumgartner", "Auer", "Binder", "Lechner",
        "Wolf", "Wallner", "Aigner", "Ebner", "Koller", "Lehner", "Haas", "Schuster", "Müller", "Strobl", "Öhlinger"]
AT_TOWNS = [("1100", "Wien"), ("1210", "Wien"), ("1030", "Wien"), ("2700", "Wiener Neustadt"), ("3100", "St. Pölten"),
            ("2500", "Baden"), ("2340", "Mödling"), ("7000", "Eisenstadt"), ("4020", "Linz"), ("8010", "Graz")]
DE_TOWNS = [("80331", "München"), ("94032", "Passau"), ("83022", "Rosenheim"), ("93047", "Regensburg")]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Wiener Straße", "Schulgasse", "Kirchenplatz", "Lindengasse",
           "Mühlweg", "Am Anger", "Favoritenstraße", "Brünner Straße"]
AT_MOBILE = ["0664", "0676", "0650", "0660", "0699"]
DE_MOBILE = [("0151", 8), ("0160", 7), ("0170", 7), ("0171", 7), ("0176", 8), ("0172", 7)]
MODELS = [("Skoda", "Enyaq"), ("Skoda", "Elroq"), ("Skoda", "Octavia"), ("Skoda", "Kodiaq"), ("VW", "ID.7"),
          ("VW", "Tiguan"), ("VW", "Golf"), ("Cupra", "Born")]
REMARKS = ["Rückruf nach der Messe", "Interesse an Vorführwagen", "Firmenwagen, Leasing", "Inzahlungnahme Golf 7",
           "Möchte Prospekt per Post", "Kommt mit Partner zur Probefahrt"]


@dataclass
class Visitor:
    """One row of the list and what leadflow must store for it."""
    cells: dict
    identifies: bool = True
    duplicate_of: int | None = None           # the index of the row it repeats
    expected: dict = field(default_factory=dict)
    problems: set = field(default_factory=set)
    remark: list = field(default_factory=list)


def _digits(rng, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def _email(first: str, last: str, n: int, rng) -> str:
    local = f"{first}.{last}".lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return f"{local}{n}@{rng.choice(['gmx.at', 'aon.at', 'gmail.com', 'a1.net', 'web.de'])}"


def visitors(seed: int = SEED, count: int = ROWS) -> list[Visitor]:
    """The fair's rows, the same for the same seed."""
    rng = random.Random(seed)
    out: list[Visitor] = []
    for n in range(count):
        kind = rng.choices(["at_address", "at_no_address", "de_mobile", "de_address", "email_only", "nobody",
                            "again"], weights=[52, 15, 10, 6, 6, 4, 7])[0]
        # A visitor who came back to the stand, captured again in the same file.
        block = 0 if n < CSV_ROWS else CSV_ROWS
        earlier = [i for i, v in enumerate(out[block:], block)
                   if v.identifies and v.cells["E-Mail"] and v.duplicate_of is None]
        if kind == "again" and earlier:
            first = rng.choice(earlier)
            cells = dict(out[first].cells)
            cells.update({"Erfasst am": _captured(rng), "Erfasst von": rng.choice(["MK", "SH", "AB", "JP"]),
                          "Probefahrt": rng.choice(YES + NO), "Bemerkung": "war nochmal am Stand"})
            out.append(Visitor(cells, duplicate_of=first))
            continue
        if kind == "again":
            kind = "at_address"
        salutation, first_name = rng.choice(FIRST)
        last_name = rng.choice(LAST)
        make, model = rng.choice(MODELS)
        fair = rng.choice(list(FAIR_AS_TYPED))
        yes_no = {name: rng.choice(YES + NO) for name in ("Probefahrt", "Prospekt", "Angebot")}
        captured = _captured(rng)
        cells = {"Anrede": salutation, "Vorname": first_name, "Nachname": last_name, "Straße": "", "PLZ": "",
                 "Ort": "", "Telefon": "", "E-Mail": "", "Marke": make, "Modell": model, **yes_no,
                 "Lead-Herkunft": fair, "Erfasst am": captured, "Erfasst von": rng.choice(["MK", "SH", "AB", "JP"]),
                 "Bemerkung": rng.choice(REMARKS) if rng.random() < 0.3 else ""}
        visitor = Visitor(cells)
        expected = {"salutation": {"Herr": "mr", "Frau": "ms"}[salutation], "first_name": first_name,
                    "last_name": last_name, "vehicle.interest.make": make, "vehicle.interest.models": [model],
                    **{f"vehicle.interest.{key}": value in YES for key, value in
                       (("test_drive", yes_no["Probefahrt"]), ("brochure", yes_no["Prospekt"]),
                        ("offer", yes_no["Angebot"]))},
                    "received_at": _moment(captured)}
        if kind in ("at_address", "at_no_address"):
            prefix, rest = rng.choice(AT_MOBILE), _digits(rng, 8 if rng.random() < 0.2 else 7)
            cells["Telefon"] = rng.choice([f"{prefix} {rest}", f"{prefix}/{rest[:3]} {rest[3:5]} {rest[5:]}",
                                           f"+43 {prefix[1:]} {rest}"])
            expected["phone"] = f"+43{prefix[1:]}{rest}"
            cells["E-Mail"] = _email(first_name, last_name, n, rng) if rng.random() < 0.8 else ""
        if kind == "at_address":
            code, town = rng.choice(AT_TOWNS)
            cells.update({"Straße": f"{rng.choice(STREETS)} {rng.randint(1, 120)}", "PLZ": code, "Ort": town})
            expected.update({"postal_code": code, "city": town, "country": "AT"})
        if kind in ("de_mobile", "de_address"):
            prefix, length = rng.choice(DE_MOBILE)
            rest = _digits(rng, length)
            cells["Telefon"] = rng.choice([f"{prefix} {rest}", f"{prefix}/{rest}", f"{prefix}-{rest[:4]} {rest[4:]}"])
            expected["phone"] = f"+49{prefix[1:]}{rest}"
            cells["E-Mail"] = _email(first_name, last_name, n, rng) if rng.random() < 0.5 else ""
            if kind == "de_mobile":           # no address: read as a German mobile, to be checked
                visitor.problems.add("phone")
            else:
                code, town = rng.choice(DE_TOWNS)
                cells.update({"Straße": f"{rng.choice(STREETS)} {rng.randint(1, 60)}", "PLZ": code, "Ort": town})
                expected.update({"postal_code": code, "city": town, "country": "DE"})
        if kind == "email_only":
            cells["E-Mail"] = _email(first_name, last_name, n, rng)
        if kind == "nobody":                  # a badge scan that failed: the interest, no one
            cells.update({"Anrede": "", "Vorname": "", "Nachname": ""})
            visitor.identifies = False
        if cells["E-Mail"]:
            expected["email"] = cells["E-Mail"]
        source, detail = FAIR_AS_TYPED[fair]
        expected.update({"source": source, "source_detail": detail})
        if source:
            visitor.remark.append(f"Herkunft laut Absender: {fair}")
        else:
            visitor.problems.add("source")
        visitor.remark += [f"Erfasst von: {cells['Erfasst von']}"] + ([cells["Bemerkung"]] if cells["Bemerkung"] else [])
        visitor.expected = expected
        out.append(visitor)
    return out


def _captured(rng) -> str:
    day, hour, minute = rng.randint(15, 18), rng.randint(9, 18), rng.randint(0, 59)
    return rng.choice([f"{day}.01.26 {hour:02d}:{minute:02d}", f"{day}.1.26 {hour}:{minute:02d}"])


def _moment(captured: str) -> dt.datetime:
    date, time = captured.split()
    day, month, year = (int(x) for x in date.split("."))
    hour, minute = (int(x) for x in time.split(":"))
    return dt.datetime(2000 + year, month, day, hour, minute, tzinfo=VIENNA)


def as_csv(rows: list[Visitor]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.cells[h] for h in HEADERS])
    return out.getvalue().encode("cp1252")


def as_xlsx(rows: list[Visitor]) -> bytes:
    """As Excel keeps what the staff typed: postal codes and '1' as numbers, TRUE as a boolean,
    some capture times as real date cells, the rest as text with two-digit years."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Besucher"
    sheet.append(HEADERS)
    for i, row in enumerate(rows):
        cells = []
        for h in HEADERS:
            value = row.cells[h]
            if h == "PLZ" and value:
                value = int(value)
            elif h in ("Probefahrt", "Prospekt", "Angebot") and value in ("1", "TRUE"):
                value = 1 if value == "1" else True
            elif h == "Erfasst am" and i % 3 == 0:
                value = _moment(value).replace(tzinfo=None)
            cells.append(value if value != "" else None)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- through the bucket and the API


def all_leads(api, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = api().get("/leads", params={"page_size": 100, **params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.json
        items += page.json["items"]
        if not (cursor := page.json["next_cursor"]):
            return items


def path_of(lead: dict, path: str):
    node = lead
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def expected_counts(rows: list[Visitor]) -> dict:
    """With re-inquiries off (the tests' tenants), a visitor scanned twice is two leads, as two
    inquiries of any channel are (tests/api/test_imports.py has a file's re-inquiries)."""
    stored = [v for v in rows if v.identifies]
    return {"rows": len(rows), "created": len(stored),
            "needs_review": sum(bool((visitors()[v.duplicate_of] if v.duplicate_of is not None else v).problems)
                                for v in stored),
            "already_imported": 0, "rejected": sum(not v.identifies for v in rows)}


def wrong_values(lead: dict, visitor: Visitor) -> list[str]:
    wrong = []
    for path, want in visitor.expected.items():
        got = path_of(lead, path)
        if path == "received_at":
            got = dt.datetime.fromisoformat(got) if got else None
        if got != want:
            wrong.append(f"{path}: expected {want!r}, got {got!r}")
    for absent in ("postal_code", "city", "email"):
        if absent not in visitor.expected and lead.get(absent) is not None:
            wrong.append(f"{absent}: expected none, got {lead[absent]!r}")
    problems = sorted(p["field"] for p in lead["problems"])
    if problems != sorted(visitor.problems):
        wrong.append(f"problems: expected {sorted(visitor.problems)}, got {[(p['field'], p['given']) for p in lead['problems']]}")
    for text in visitor.remark:
        if text not in (lead.get("remark") or ""):
            wrong.append(f"remark lacks {text!r}")
    return wrong


@pytest.fixture
def catalog(api, tenants):
    """The tenant's catalog holds the fair as the seed names it: created if missing."""
    sources = {s["name"]: s for s in api("admin").get("/sources").json["items"]}
    if CATALOG_SOURCE not in sources:
        created = api("admin").post("/sources", {"name": CATALOG_SOURCE, "details": [CATALOG_DETAIL]})
        assert created.status_code == 201, created.json
    else:
        assert CATALOG_DETAIL in sources[CATALOG_SOURCE]["details"]


def test_the_generated_list_is_the_realistic_mix_it_claims_to_be():
    rows = visitors()
    assert len(rows) == ROWS and rows == visitors()                      # deterministic
    assert {v.cells["Lead-Herkunft"] for v in rows} == set(FAIR_AS_TYPED)
    assert sum(v.duplicate_of is not None for v in rows) >= 10 and sum(not v.identifies for v in rows) >= 5
    assert sum(v.expected.get("phone", "").startswith("+49") and "postal_code" not in v.expected for v in rows) >= 20
    assert {v.cells["Probefahrt"] for v in rows} >= {"on", "x", "ja", "1", "true", "nein", "0", ""}
    assert all(len(v.cells["Erfasst am"].split()[0].split(".")[2]) == 2 for v in rows)
    as_csv(rows).decode("cp1252")                                        # every umlaut fits Windows-1252


def test_a_trade_fair_list_as_csv_and_as_xlsx_becomes_one_lead_per_visitor_read_onto_the_catalog(
        api, bucket, chalice_client, catalog):
    rows = visitors()
    files = {"Autoshow 2026 Stand Halle B.csv": rows[:CSV_ROWS], "Autoshow 2026 Nachtrag.xlsx": rows[CSV_ROWS:]}
    for name, part in files.items():
        drop(bucket, chalice_client, f"incoming/t1/{name}", as_csv(part) if name.endswith(".csv") else as_xlsx(part))

    leads = all_leads(api)
    by_row = {(lead["origin"]["file"], lead["origin"]["row"]): lead for lead in leads}
    assert len(by_row) == len(leads)
    wrong, flagged = {}, set()
    for name, part in files.items():
        status = the_import(api, name)
        counts = status["counts"]
        assert counts == expected_counts(part), (name, status)
        assert counts["rows"] == (counts["created"] + counts.get("reinquiries", 0) + counts["rejected"]
                                  + counts["already_imported"])
        assert status["status"] == "partial"                                 # the rows that name nobody
        report = report_codes(bucket, status)
        errors = sorted(int(r[0]) for r in report[1:] if r[1] == "error")
        assert errors == [i + 2 for i, v in enumerate(part) if not v.identifies], name
        assert all("bezeichnet niemanden" in r[3] for r in report[1:] if r[1] == "error")
        for i, visitor in enumerate(part):
            lead = by_row.get((name, i + 2))                                 # the header is row 1
            if not visitor.identifies:
                assert lead is None, (name, i + 2, "stored although it should not be")
                continue
            if visitor.duplicate_of is not None:           # the same visitor again: a lead of its own
                first = by_row[(name, visitor.duplicate_of - (0 if name.endswith(".csv") else CSV_ROWS) + 2)]
                assert lead["email"] == first["email"] and lead["id"] != first["id"], (name, i + 2)
                flagged.update([lead["id"]] if lead["problems"] else [])
                continue
            assert lead is not None, (name, i + 2, visitor.cells)
            if found := wrong_values(lead, visitor):
                wrong[f"{name} row {i + 2}"] = found
            if visitor.problems:
                flagged.add(lead["id"])
    assert not wrong, dict(list(wrong.items())[:15]) | {"rows wrong": len(wrong)}
    assert len(leads) == sum(expected_counts(part)["created"] for part in files.values())
    assert {lead["id"] for lead in all_leads(api, needs_review="true")} == flagged
    listed = all_leads(api, source=CATALOG_SOURCE, source_detail=CATALOG_DETAIL)
    assert len(listed) == sum(1 for lead in leads if lead["source"] == CATALOG_SOURCE)
