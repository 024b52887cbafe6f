"""A dealer management system's customer export as it really comes (2,000 rows, Windows-1252,
';', German headers, dirty values): every customer with a number and someone to name is stored,
what is wrong kept as its problems; loaded again, only what changed is updated."""
import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass, field
from urllib.parse import quote_plus

import pytest

from tests.conftest import drop_file as drop, import_of as the_import, report_codes

BUCKET = "leadflow-files"
ROWS = 2000
SEED = 1965
HEADERS = ["Kundennummer", "Anrede", "Titel", "Vorname", "Nachname", "Firma", "Straße", "PLZ", "Ort", "Land",
           "Telefon privat", "Telefon geschäftlich", "Mobil", "E-Mail", "Geburtsdatum"]
PHONE_COLUMNS = {"Telefon privat": "phone", "Telefon geschäftlich": "work_phone", "Mobil": "mobile_phone"}

FIRST_M = ["Josef", "Franz", "Johann", "Karl", "Leopold", "Herbert", "Gerhard", "Manfred", "Walter", "Helmut",
           "Alexander", "Martin", "Thomas", "Christian", "Markus", "Peter", "Harald", "Rudolf", "Erich", "Ernst"]
FIRST_F = ["Maria", "Anna", "Theresia", "Elfriede", "Gertraud", "Ingrid", "Monika", "Brigitte", "Andrea", "Petra",
           "Sandra", "Karin", "Gabriele", "Renate", "Christine", "Susanne", "Barbara", "Helga", "Edith", "Romana"]
# Family names are built from two parts, so that (with the first name) the customers of the
# sample below are found again by a search.
NAME_HEADS = ["Hinter", "Ober", "Unter", "Pesen", "Wim", "Stein", "Hoch", "Lind", "Berg", "Hof", "Grün", "Schwarz",
              "Mühl", "Wald", "Brunn", "Rain", "Kirch", "Hasl", "Eben", "Moos", "Feld", "Thal", "Holz", "Strass"]
NAME_TAILS = ["leitner", "huber", "bauer", "mayr", "egger", "dorfer", "berger", "lechner", "hofer", "gruber",
              "moser", "reiter", "wieser", "steiner", "auer", "böck", "eder", "müller", "rainer", "thaler"]
COMPANIES = ["Bäckerei {n} GmbH", "{n} Transporte GmbH", "Installationen {n} KG", "Tischlerei {n} e.U.",
             "{n} & Söhne OG", "Elektro {n} GmbH", "Gasthof zum {n}", "Steuerberatung {n} GmbH"]
AT_TOWNS = [("1010", "Wien"), ("1100", "Wien"), ("1220", "Wien"), ("2340", "Mödling"), ("2500", "Baden"),
            ("3100", "St. Pölten"), ("2700", "Wiener Neustadt"), ("7000", "Eisenstadt"), ("2620", "Neunkirchen")]
DE_TOWNS = [("80331", "München"), ("94032", "Passau"), ("83395", "Freilassing")]
STREETS = ["Hauptstraße", "Wiener Straße", "Gartengasse", "Feldweg", "Am Kirchberg", "Schubertgasse",
           "Triester Straße", "Mariahilfer Straße", "Bahnstraße", "Lerchenfelder Gürtel"]
KNOWN_TITLES = {"Dr.": "Dr.", "Mag.": "Mag.", "Ing.": "Ing.", "DI": "DI", "Dr. med.": "Dr. med.",
                "Hofrat": "Hofrat", "Mag. (FH)": "Mag. (FH)", "DI Dr.": "DI Dr.", "Prof. Dr.": "Prof. Dr.",
                "Dipl.-Ing.": "Dipl.-Ing.", "MBA": "MBA"}
AT_COUNTRY = ["Österreich", "AT", "A", "", ""]
AT_MOBILE = ["0664", "0676", "0650", "0660", "0699", "0680"]


@dataclass
class Customer:
    """One row of the export and what the customer master must hold for it."""
    number: str
    cells: dict
    expected: dict = field(default_factory=dict)
    problems: set = field(default_factory=set)
    stored: bool = True
    kind: str = ""


def _digits(rng, n: int) -> str:
    """n digits of a subscriber number (never starting 0 or 1: those are service numbers)."""
    return str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def _ascii(text: str) -> str:
    return text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": ""}))


def export(seed: int = SEED, count: int = ROWS) -> list[Customer]:
    """The export's rows, the same for the same seed."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        number = f"{100000 + n * 7}"
        kind = rng.choices(
            ["person", "person_company", "company_only", "german", "bad_salutation", "herrn", "bad_phone",
             "bad_email", "bad_postal_code", "unknown_title", "bad_birth_date", "no_number", "nobody"],
            weights=[46, 6, 7, 4, 3, 3, 6, 6, 4, 3, 3, 2, 2])[0]
        male = rng.random() < 0.5
        first = rng.choice(FIRST_M if male else FIRST_F)
        last = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        code, town = rng.choice(AT_TOWNS)
        country = rng.choice(AT_COUNTRY)
        street = f"{rng.choice(STREETS)} {rng.randint(1, 150)}{rng.choice(['', '', '/2', '/3/14', 'a'])}"
        cells = dict.fromkeys(HEADERS, "")
        cells.update({"Kundennummer": number, "Anrede": "Herr" if male else "Frau", "Vorname": first,
                      "Nachname": last, "Straße": street, "PLZ": code, "Ort": town, "Land": country})
        expected = {"external_id": number, "salutation": "mr" if male else "ms", "first_name": first,
                    "last_name": last, "street": street, "postal_code": code, "city": town, "country": "AT"}
        row = Customer(number, cells, expected, kind=kind)
        if rng.random() < 0.25:
            title = rng.choice(list(KNOWN_TITLES))
            cells["Titel"], expected["title"] = title, KNOWN_TITLES[title]
        _phones(rng, row)
        _email(rng, row, first, last, n)
        _birth_date(rng, row)
        _dirty(rng, row, kind, n)
        rows.append(row)
    return rows


def _phones(rng, row: Customer) -> None:
    cells, expected = row.cells, row.expected
    if rng.random() < 0.4:                                   # the Viennese landline, spelled as people do
        rest = _digits(rng, 7)
        cells["Telefon privat"] = rng.choice([f"01 {rest}", f"01/{rest[:3]} {rest[3:]}", f"+43 1 {rest}"])
        expected["phone"] = f"+431{rest}"
    if rng.random() < 0.7:
        prefix, rest = rng.choice(AT_MOBILE), _digits(rng, 7)
        cells["Mobil"] = rng.choice([f"{prefix} {rest}", f"{prefix}/{rest}", f"+43 {prefix[1:]} {rest}",
                                     f"0043 {prefix[1:]} {rest[:3]} {rest[3:]}"])
        expected["mobile_phone"] = f"+43{prefix[1:]}{rest}"
    if rng.random() < 0.2:
        rest = _digits(rng, 6)
        cells["Telefon geschäftlich"] = f"01 {rest}-{rng.randint(10, 99)}"
        expected["work_phone"] = f"+431{rest}{cells['Telefon geschäftlich'][-2:]}"


def _email(rng, row: Customer, first: str, last: str, n: int) -> None:
    if rng.random() < 0.25:
        return
    email = f"{_ascii(first)}.{_ascii(last)}{n}@{rng.choice(['gmx.at', 'aon.at', 'a1.net', 'chello.at', 'gmail.com'])}"
    spelled = rng.choice([email, email, email.upper(), f"{first}.{_ascii(last).capitalize()}{n}@"
                          + email.split("@")[1].capitalize()])
    row.cells["E-Mail"], row.expected["email"] = spelled, spelled.lower()


def _birth_date(rng, row: Customer) -> None:
    if rng.random() < 0.5:
        return
    born = dt.date(rng.randint(1935, 2004), rng.randint(1, 12), rng.randint(1, 28))
    row.cells["Geburtsdatum"] = rng.choice([f"{born:%d.%m.%y}", f"{born:%d.%m.%Y}", f"{born.day}.{born.month}.{born:%Y}",
                                            born.isoformat()])
    row.expected["birth_date"] = born.isoformat()


def _dirty(rng, row: Customer, kind: str, n: int) -> None:
    """What makes the row one of its kind: the dirt a dealer system's data collects."""
    cells, expected = row.cells, row.expected
    if kind == "person_company":
        company = rng.choice(COMPANIES).format(n=cells["Nachname"])
        cells["Firma"], expected["company"] = company, company
        rest = _digits(rng, 6)
        cells["Telefon geschäftlich"], expected["work_phone"] = f"+43 1 {rest}", f"+431{rest}"
    elif kind == "company_only":                   # a company account: no person in it
        company = rng.choice(COMPANIES).format(n=cells["Nachname"])
        for name in ("Vorname", "Nachname", "Titel", "Geburtsdatum"):
            cells[name] = ""
            expected.pop({"Vorname": "first_name", "Nachname": "last_name", "Titel": "title",
                          "Geburtsdatum": "birth_date"}[name], None)
        cells.update({"Anrede": rng.choice(["Firma", "Fa.", ""]), "Firma": company})
        expected["company"] = company
        expected["salutation"] = "company" if cells["Anrede"] else None
        rest = _digits(rng, 6)
        cells["Telefon geschäftlich"], expected["work_phone"] = f"01 {rest}", f"+431{rest}"
        if expected.get("email"):
            office = f"office{n}@{_ascii(company.split()[0])}.at"
            cells["E-Mail"], expected["email"] = office.upper() if n % 2 else office, office
    elif kind == "german":                         # a customer from across the border
        code, town = rng.choice(DE_TOWNS)
        cells.update({"PLZ": code, "Ort": town, "Land": rng.choice(["Deutschland", "D", "DE", ""]),
                      "Telefon privat": "", "Telefon geschäftlich": ""})
        rest = _digits(rng, 7)
        cells["Mobil"] = f"0171 {rest}"
        expected.update({"postal_code": code, "city": town, "country": "DE", "mobile_phone": f"+49171{rest}"})
        expected.pop("phone", None)
        expected.pop("work_phone", None)
    elif kind == "bad_salutation":
        cells["Anrede"] = rng.choice(["Herr/Frau", "Sehr geehrte Frau", "Hochwürden", "?"])
        expected.pop("salutation")
        row.problems.add("salutation")
    elif kind == "herrn":                          # the address label's form, as many exports have it
        cells["Anrede"], expected["salutation"] = "Herrn", "mr"
    elif kind == "bad_phone":
        column = rng.choice(list(PHONE_COLUMNS))
        cells[column] = rng.choice(["0664 123", "keine", "n.v.", "01/ 58", "+43 664 12"])
        expected.pop(PHONE_COLUMNS[column], None)
        row.problems.add(PHONE_COLUMNS[column])
    elif kind == "bad_email":
        local = f"{_ascii(cells['Vorname'])}.{_ascii(cells['Nachname'])}{n}"
        cells["E-Mail"] = rng.choice([f"{local}@", f"{local}@gmx", f"{local}@@aon.at", f"{local.upper()}@GMX",
                                      f"{local} @aon.at"])
        expected.pop("email", None)
        row.problems.add("email")
    elif kind == "bad_postal_code":
        cells.update({"PLZ": rng.choice(["10100", "A-1O1O", "12345", "1"]), "Land": "Österreich"})
        expected.pop("postal_code")
        row.problems.add("postal_code")
    elif kind == "unknown_title":
        cells["Titel"] = rng.choice(["Oberst", "KommR", "Dr. med.", "Hofrat"])
        if cells["Titel"] == "Oberst":             # a rank, not a title: kept for review
            expected.pop("title", None)
            row.problems.add("title")
        elif cells["Titel"] == "KommR":            # Kommerzialrat, as Austrian systems abbreviate it
            expected["title"] = {"$one_of": ["KommR", "KommR.", "KR", "Komm.-Rat"]}
        else:
            expected["title"] = cells["Titel"]
    elif kind == "bad_birth_date":
        cells["Geburtsdatum"] = rng.choice(["31.02.80", "00.00.0000", "01.01.2031", "12.13.1975"])
        expected.pop("birth_date", None)
        row.problems.add("birth_date")
    elif kind == "no_number":
        cells["Kundennummer"], row.stored = "", False
    elif kind == "nobody":                         # a number and an address, nobody to name
        for name in ("Anrede", "Titel", "Vorname", "Nachname", "Firma", "Telefon privat", "Telefon geschäftlich",
                     "Mobil", "E-Mail", "Geburtsdatum"):
            cells[name] = ""
        row.stored = False
    if kind not in ("company_only",) and not cells["Nachname"]:
        row.stored = False


def as_csv(rows: list[Customer]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.cells[h] for h in HEADERS])
    return out.getvalue().encode("cp1252")


# ---------------------------------------------------------------- through the bucket and the API


def find_customer(api, row: Customer) -> dict | None:
    """The customer of a row, found as a person at the counter would: by family name (for a
    company account, the name in its company name), then by its customer number among those."""
    word = row.cells["Nachname"] or max(row.cells["Firma"].split(), key=len)
    found = api().get("/customers", params={"q": word, "page_size": 100})
    assert found.status_code == 200, found.json
    mine = [c for c in found.json["items"] if c["external_id"] == row.number]
    return api().get(f"/customers/{mine[0]['id']}").json if mine else None


def wrong_values(customer: dict, row: Customer) -> list[str]:
    wrong = []
    for name in ("salutation", "title", "first_name", "last_name", "company", "street", "postal_code", "city",
                 "country", "phone", "work_phone", "mobile_phone", "email", "birth_date", "external_id"):
        want, got = row.expected.get(name), customer.get(name)
        ok = got in want["$one_of"] if isinstance(want, dict) else got == want
        if not ok:
            wrong.append(f"{name}: expected {want!r}, got {got!r}")
    if sorted(p["field"] for p in customer["problems"]) != sorted(row.problems):
        wrong.append(f"problems: expected {sorted(row.problems)}, got "
                     f"{[(p.get('field'), p.get('given'), str(p.get('reason'))[:60]) for p in customer['problems']]}")
    for p in customer["problems"]:               # each as {field, given, reason}, like a lead's
        if not (isinstance(p.get("field"), str) and "given" in p and isinstance(p.get("reason"), str) and p["reason"]):
            wrong.append(f"problem without field, given and reason: {p}")
    if customer["needs_review"] != bool(row.problems):
        wrong.append(f"needs_review: expected {bool(row.problems)}, got {customer['needs_review']}")
    return wrong


def tags(row: Customer) -> set[str]:
    """The row's kind and what else it shows: all three phones, an e-mail in capitals, ..."""
    cells = row.cells
    found = {row.kind}
    if all(row.expected.get(f) for f in PHONE_COLUMNS.values()):
        found.add("three phones")
    if cells["E-Mail"].isupper():
        found.add("e-mail in capitals")
    elif cells["E-Mail"] != cells["E-Mail"].lower():
        found.add("e-mail in mixed case")
    if len(cells["Geburtsdatum"]) == 8 and cells["Geburtsdatum"][2] == ".":
        found.add("two-digit birth year")
    if cells["Titel"]:
        found.add(f"title {cells['Titel']}")
    return found


def sample(rows: list[Customer], per_tag: int = 2) -> list[Customer]:
    """A few stored rows of every kind and tag (see tags)."""
    picked, taken = [], {}
    for row in rows:
        if row.stored and any(taken.get(t, 0) < per_tag for t in tags(row)):
            picked.append(row)
            for t in tags(row):
                taken[t] = taken.get(t, 0) + 1
    return picked


def test_the_generated_export_is_the_dirty_mix_it_claims_to_be():
    rows = export()
    assert len(rows) == ROWS and rows == export()                        # deterministic
    kinds = {r.kind for r in rows}
    assert kinds >= {"company_only", "bad_salutation", "bad_phone", "bad_email", "bad_postal_code",
                     "unknown_title", "bad_birth_date", "no_number", "nobody", "herrn"}
    assert any(r.cells["E-Mail"].isupper() for r in rows if r.kind == "bad_email")
    assert any(r.cells["E-Mail"].isupper() for r in rows if r.kind == "person")
    assert any(len(r.cells["Geburtsdatum"]) == 8 for r in rows)          # dd.mm.yy
    assert {r.cells["Titel"] for r in rows} >= {"Dr. med.", "Hofrat"}
    picked = {t for r in sample(rows) for t in tags(r)}
    assert {"three phones", "e-mail in capitals", "e-mail in mixed case", "two-digit birth year",
            "company_only"} <= picked
    as_csv(rows).decode("cp1252")


@pytest.fixture
def transactions_at_dynamodb_cost(monkeypatch):
    """moto snapshots every table a transaction touches by deep copy, so each of the load's
    transactions would cost time in proportion to the customers already stored (minutes for
    2,000). For these tests only, devstack's moto speed-up (tested in
    tests/integration/test_moto_speedups.py: all-or-nothing kept) copies just the touched items;
    everything it patches is restored afterwards, so other tests run on unmodified moto."""
    from moto.dynamodb import models

    from devstack import moto_speedups
    for name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
        monkeypatch.setattr(models.DynamoDBBackend, name, getattr(models.DynamoDBBackend, name))
    monkeypatch.setattr(models, "copy", models.copy)
    monkeypatch.setattr(moto_speedups, "_installed", False)
    moto_speedups.install()


@pytest.fixture
def loaded(api, bucket, chalice_client, transactions_at_dynamodb_cost):
    rows = export()
    drop(bucket, chalice_client, "incoming/t1/customers/DMS Kunden 2026-12.csv", as_csv(rows))
    return rows


def test_a_dirty_customer_export_stores_every_customer_it_names_with_its_problems(api, bucket, loaded):
    rows = loaded
    status = the_import(api, "DMS Kunden 2026-12.csv")
    # The report: per row, exactly the problems expected; an error for each row that was not stored.
    report = report_codes(bucket, status)
    warned, refused = {}, {}
    for line in report[1:]:
        (warned if line[1] == "warning" else refused).setdefault(int(line[0]), []).append(line[2])
    expected_warned = {i + 2: sorted(r.problems) for i, r in enumerate(rows) if r.stored and r.problems}
    wrong = {f"row {n} ({rows[n - 2].kind})": (sorted(warned.get(n, [])), expected_warned.get(n, []))
             for n in sorted(set(warned) | set(expected_warned))
             if sorted(warned.get(n, [])) != expected_warned.get(n, [])}
    by_kind: dict[str, int] = {}
    for name in wrong:
        kind = name.split("(")[1][:-1]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    found = {}               # every way the load went wrong, asserted at once (one run shows all)
    if wrong:
        found["report: rows with other problems than expected, by kind"] = by_kind
        found["report: row (reported, expected)"] = dict(list(wrong.items())[:8])
    if sorted(refused) != [i + 2 for i, r in enumerate(rows) if not r.stored]:
        found["report: rows refused"] = sorted(refused)
    if any(refused.get(i + 2) != ["external_id"] for i, r in enumerate(rows) if r.kind == "no_number"):
        found["report: rows without a customer number"] = "not refused for their external_id"
    stored = [r for r in rows if r.stored]
    expected_counts = {"rows": ROWS, "created": len(stored), "updated": 0, "unchanged": 0,
                       "needs_review": sum(bool(r.problems) for r in stored), "rejected": ROWS - len(stored),
                       "conflict": 0}
    counts = status["counts"]
    if counts != expected_counts:
        found["counts (got, expected)"] = (counts, expected_counts)
    assert counts["rows"] == counts["created"] + counts["updated"] + counts["unchanged"] + counts["rejected"]
    # A sample of every kind, read back as a person would see it.
    for row in sample(rows):
        customer = find_customer(api, row)
        assert customer is not None, (row.kind, row.cells)
        if mismatch := wrong_values(customer, row):
            found[f"customer {row.number} ({row.kind})"] = mismatch
    assert not found, "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False, default=str)}" for k, v in found.items())


def test_the_same_export_loaded_again_with_some_rows_changed_updates_exactly_those(api, bucket, chalice_client, loaded):
    rows = loaded
    first = the_import(api, "DMS Kunden 2026-12.csv")["counts"]
    rng = random.Random(7)
    moved = rng.sample([i for i, r in enumerate(rows) if r.stored and r.kind == "person"], 40)
    corrected = rng.sample([i for i, r in enumerate(rows) if r.stored and r.kind == "bad_email"], 10)
    again = export()
    for i in moved:                                  # moved house
        again[i].cells["Straße"] = again[i].expected["street"] = f"Neubaugasse {i % 90 + 1}"
    for i in corrected:                              # the e-mail address put right in the dealer system
        again[i].cells["E-Mail"] = f"Kunde.{again[i].number}@Example.AT"
        again[i].expected["email"], again[i].problems = f"kunde.{again[i].number}@example.at", set()
    drop(bucket, chalice_client, "incoming/t1/customers/DMS Kunden 2026-12 (2).csv", as_csv(again))
    status = the_import(api, "DMS Kunden 2026-12 (2).csv")
    stored = sum(r.stored for r in rows)
    changed = len(moved) + len(corrected)
    counts, found = status["counts"], {}
    got = (counts["created"], counts["updated"], counts["unchanged"], counts["rejected"])
    if got != (0, changed, stored - changed, ROWS - stored):
        found["(created, updated, unchanged, rejected): got, expected"] = (got, (0, changed, stored - changed,
                                                                                 ROWS - stored))
    if counts["needs_review"] != first["needs_review"] - len(corrected):
        found["needs_review: got, expected"] = (counts["needs_review"], first["needs_review"] - len(corrected))
    for i in moved[:3] + corrected[:3]:
        customer = find_customer(api, again[i])
        if mismatch := wrong_values(customer, again[i]) + ([] if customer["version"] == 2 else
                                                           [f"version {customer['version']}, expected 2"]):
            found[f"changed customer {again[i].number} ({again[i].kind})"] = mismatch
    # What did not change is left as it was: same problems, same version.
    for row in sample([again[i] for i in range(ROWS) if i not in moved and i not in corrected], per_tag=1):
        customer = find_customer(api, row)
        if mismatch := wrong_values(customer, row) + ([] if customer["version"] == 1 else
                                                      [f"version {customer['version']}, expected 1"]):
            found[f"unchanged customer {row.number} ({row.kind})"] = mismatch
    assert not found, "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False, default=str)}" for k, v in found.items())
