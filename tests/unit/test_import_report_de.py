"""Every reason the importer can write into an error report has its German (services/report_de.py).

The reasons are collected from the source that writes them, as tests/e2e/test_workspace_texts.py
collects the workspace's texts: the file readers' messages (formats/), the field and record rules
a row's values go through (domain/), and the lines intake, the customer load and the import add
(services/). A formatted part of a message is filled with a sample ('7', quoted where the code
quotes it), which the German patterns take as they take the real value. A new wording there
fails here until report_de.py has its German."""
import ast
import itertools
from pathlib import Path

import pytest

from chalicelib.services import report_de

ROOT = Path(__file__).resolve().parents[2] / "chalicelib"
# The calls that write a reason, and which of their arguments it is.
WRITERS = {"ValueError": 0, "PydanticCustomError": 1, "row_error": 2, "record_error": 2, "note_problem": 3,
           "problem": 2, "_reading": 2}
SOURCES = ["formats/values.py", "formats/columns.py", "formats/csv_reader.py", "formats/adf_xml.py",
           "formats/xlsx_reader.py", "formats/rows.py", "domain/person.py", "domain/lead.py", "domain/countries.py",
           "domain/phones.py", "domain/review.py", "services/intake.py", "services/customers.py",
           "services/imports.py", "validation.py"]
# What those modules write that never becomes a line of a report: refusals of an API call (a bulk
# call's size, a search, an import's defaults, a read-only field), what only a bulk call's JSON can
# send (null, a number twice in one call), guards of the code. A file's row has known fields only.
NOT_REASONS = {"send 1 to 7 customers", "needs words of at least 2 letters, or at least 7 digits of a phone number",
               "give default_source with its detail", "is set by leadflow and cannot be written", "unknown field",
               "appears twice in this call", "your role may not clear a customer's field; the null was ignored",
               "only plain new leads are written in batches", "the record cannot be made valid"}


def texts_of(node) -> list[str]:
    """The texts an expression can be: a constant, either side of a conditional, a sum of texts,
    an f-string with each formatted part a sample; anything else (a variable) none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return texts_of(node.body) + texts_of(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a, b in itertools.product(texts_of(node.left), texts_of(node.right))]
    if isinstance(node, ast.JoinedStr):
        parts = [[p.value] if isinstance(p, ast.Constant) else ["'7'" if p.conversion == ord("r") else "7"]
                 for p in node.values]
        return ["".join(choice) for choice in itertools.product(*parts)]
    return []


def reasons_written_in(path: Path) -> list[str]:
    texts = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in WRITERS:
            at = WRITERS[node.func.id]
            if len(node.args) > at:
                found = texts_of(node.args[at])
                if node.func.id == "PydanticCustomError":           # a template: "{given} is no date: {reason}"
                    found = [t.replace("{given}", "7").replace("{reason}", "7") for t in found]
                texts += found
        elif isinstance(node, ast.Dict):                             # {"field": ..., "message": ...}, {"reason": ...}
            texts += [t for k, v in zip(node.keys, node.values)
                      if isinstance(k, ast.Constant) and k.value in ("message", "reason") for t in texts_of(v)]
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "message" for t in node.targets):
            texts += texts_of(node.value)
        elif isinstance(node, ast.Tuple) and len(node.elts) == 4 and isinstance(node.elts[1], ast.Constant) \
                and str(node.elts[1].value).startswith("missing_"):   # person.py's record rules (field, kind, met, message)
            texts += texts_of(node.elts[3])
        elif isinstance(node, ast.FunctionDef) and node.name == "message_of":
            texts += [t for r in ast.walk(node) if isinstance(r, ast.Return) for t in texts_of(r.value)]
    return texts


def importer_reasons() -> list[str]:
    texts = [t for source in SOURCES for t in reasons_written_in(ROOT / source)]
    return sorted({t for t in texts if t and t not in NOT_REASONS})


def test_the_collector_finds_the_reasons_of_each_kind_of_source():
    reasons = importer_reasons()
    assert len(reasons) > 50, reasons
    for sample in ("'7' is not a yes/no value: use ja/nein, x, 1/0 or true/false",      # a reader's
                   "a last name (or a company) is needed",                                # a record rule's
                   "not in the source catalog; stored without a source",                  # intake's
                   "the same customer number as row 7 of this file: only the first row of a customer number is "
                   "read (one customer, one row)",                                        # the customer load's
                   "a re-inquiry of the same person: attached to open lead 7"):          # the import's
        assert sample in reasons


def test_every_reason_the_importer_can_write_reads_in_german_in_the_report():
    untranslated = [text for text in importer_reasons() if report_de.reason(text) == text]
    assert untranslated == []


def test_the_bounds_pydantic_words_itself_read_in_german_in_the_report():
    """A year, a mileage or a price out of its range: the rule is pydantic's, so is its wording."""
    from chalicelib.domain.lead import LeadInput
    from chalicelib.domain.review import validate_machine_record
    record = {"last_name": "Huber", "email": "h@example.at",
              "vehicle": {"current": {"year": 1800, "mileage_km": -1}, "interest": {"price": 20_000_000}}}
    _, problems = validate_machine_record(LeadInput, record, {"country": "AT"})
    reasons = [p["reason"] for p in problems]
    assert len(reasons) == 3, problems
    assert [report_de.reason(r) for r in reasons if report_de.reason(r) == r] == []


@pytest.mark.parametrize("english, german", [
    ("'31/12/1980' is not a date: write 31.12.1980 or 1980-12-31",
     "„31/12/1980“ ist kein Datum: bitte z. B. 31.12.1980 schreiben"),
    ("'lauwarm' is not a known qualification: use Heiß, Warm, Kalt or Junk (hot, warm, cold, junk)",
     "„lauwarm“ ist kein bekannter Wert: bitte Heiß, Warm, Kalt oder Junk"),
    ("not a valid e-mail address: An email address must have an @-sign.", "keine gültige E-Mail-Adresse (das @-Zeichen fehlt)"),
    ("the line is longer than 1,000,000 characters (1,000,001): not read",
     "die Zeile ist länger als 1.000.000 Zeichen (1.000.001): nicht gelesen"),
    ("an unforeseen reason", "an unforeseen reason"),                       # kept as written, never dropped
])
def test_a_reason_reads_as_the_workspace_says_it_at_a_field(english, german):
    assert report_de.reason(english) == german


def test_a_field_is_named_as_the_dealers_files_head_its_column():
    assert [report_de.field_name(f) for f in ("email", "postal_code", "vehicle.interest.test_drive", "external_id",
                                              "Spalte 14")] == ["E-Mail", "PLZ", "Probefahrt", "Kundennummer", "Spalte 14"]
