"""Run leadflow's duplicate check over your own customer master and leads.

    .venv/bin/python -m bench.check_files --customers customers.jsonl --leads leads.jsonl --out results.jsonl
        [--country AT] [--duplicate-at 0.9] [--possible-at 0.2] [--top 5] [--truth KEY]

Both inputs are JSON Lines, one person per line, with the API's field names (salutation, title,
first_name, last_name, company, street, postal_code, city, country, phone, mobile_phone,
work_phone, email, birth_date) or the headers the file import knows for them ("Vorname", "PLZ",
"zip", "mobile", "Date of birth"...); missing values may be null or empty; a postal code or phone
may be a number. Keys that name no field are not read, and listed on stderr with their counts. A file is read as the importer reads one (UTF-8 or UTF-16 by its BOM, else Windows-1252); a line that
is no JSON object is reported (on stderr for customers, as an "unreadable" output line for leads). A line may carry an "id"
(else its line number is the id). Every record goes through the intake's rules for machine
senders, as a dealer system's export or a web form would: a value that breaks a field rule is
kept as a problem (a phone number libphonenumber rejects still matches the same number typed
elsewhere), a record that identifies nobody is reported as refused.

The check is the service's own (chalicelib.domain.matching.check, with the customer master's
match keys in memory instead of DynamoDB): the same keys, read limits, weights and thresholds.
Each output line: {"lead": id, "candidates": [{"customer": id, "verdict", "probability", "score",
"rule", "twice", "reasons": [{"field", "outcome", "weight", "detail"}]}], "problems": [...]}.

A labelled set: --truth KEY names the lead key that holds the id of the lead's customer (or a list
of ids, for a person the master holds twice; null, empty or missing for a new person). The
figures bench.matching_eval prints are then printed for your set: precision, recall and F1 of the
duplicate on top, the wrong customer on top, false merges (new people called a duplicate), and
the true customer among the top 5 candidates.
"""
import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from bench.matching_eval import KeyIndex
from chalicelib.formats.columns import field_for
from chalicelib.formats.csv_reader import decode_text
from chalicelib.domain.lead import LeadInput
from chalicelib.domain.matching import Thresholds
from chalicelib.domain.person import PERSON_FIELDS
from chalicelib.domain.review import IdentifiesNobodyError, validate_machine_record
from chalicelib.services.customers import CustomerInput


def _text(path: Path) -> str:
    """A file's text, read as the importer reads a dropped file (UTF-8 with or without a BOM,
    UTF-16, or Windows-1252 as many dealer systems still export)."""
    text, encoding = decode_text(path.read_bytes())
    if not encoding.startswith("utf-8"):
        print(f"{path}: read as {encoding}", file=sys.stderr)
    return text


def _records(path: Path):
    """(id, record, None) per line holding a JSON object; (line id, None, reason) for a line that
    cannot be read, so that it is reported and not silently lost."""
    for number, line in enumerate(_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", None, f"not JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(record, dict):
            yield f"line {number}", None, f"not a JSON object but {type(record).__name__}"
            continue
        yield str(_record_id(record) or number), record, None


def _names_id(key) -> bool:
    """"id", "external_id" or a customer number ("Kundennummer", "KdNr")."""
    return key == "id" or getattr(field_for(str(key), customers=True), "path", None) == "external_id"


def _record_id(record: dict):
    """A line's own id: "id", else its external id or customer number."""
    if record.get("id") not in (None, ""):
        return record["id"]
    return next((value for key, value in record.items() if value not in (None, "") and _names_id(key)), None)


def person_fields(record: dict, *, customers: bool, unread: Counter | None = None) -> dict:
    """The person in a record: each key read as the file import reads a header (the API's name, or
    "Vorname", "PLZ", "mobile"...). A key that names no person field is counted in unread."""
    person = {}
    for key, value in record.items():
        field = field_for(str(key), customers=customers)
        if field is None or field.path not in PERSON_FIELDS:
            if unread is not None and not _names_id(key):
                unread[key] += 1
        elif value not in (None, "") and field.path not in person:
            person[field.path] = value
    return person


def admit(model, record: dict, country: str, unread: Counter | None = None) -> tuple[dict, list[dict]]:
    """The record as the intake stores a machine sender's: its valid data and its problems."""
    person = person_fields(record, customers=model is CustomerInput, unread=unread)
    valid, problems = validate_machine_record(model, person, {"country": country, "tenant_kind": "dealer"})
    return {k: v for k, v in valid.model_dump(mode="json").items() if k in PERSON_FIELDS}, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=Path, required=True)
    parser.add_argument("--leads", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--country", default="AT", help="the dealer's country (for numbers without one)")
    parser.add_argument("--duplicate-at", type=float, default=Thresholds.duplicate_at)
    parser.add_argument("--possible-at", type=float, default=Thresholds.possible_at)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--truth", metavar="KEY",
                        help="the lead key holding its true customer's id (or ids); prints precision, recall, F1...")
    opts = parser.parse_args(argv)
    for name in ("customers", "leads"):
        path = getattr(opts, name)
        if not path.is_file():
            parser.error(f"--{name} {path}: no such file")
        if opts.out.resolve() == path.resolve():
            parser.error(f"--out {opts.out} is the --{name} file: it would be emptied before it is read")
    if not opts.out.resolve().parent.is_dir():
        parser.error(f"--out {opts.out}: no folder {opts.out.parent}")
    started = time.perf_counter()
    customers, problems, refused, unreadable = {}, {}, 0, 0
    unread = {"customers": Counter(), "leads": Counter()}
    for cid, record, reason in _records(opts.customers):
        if record is None:
            unreadable += 1
            print(f"{opts.customers}: {cid} skipped, {reason}", file=sys.stderr)
            continue
        try:
            customers[cid], problems[cid] = admit(CustomerInput, record, opts.country, unread["customers"])
        except IdentifiesNobodyError:
            refused += 1
    index = KeyIndex(customers, problems)
    thresholds = Thresholds(opts.duplicate_at, opts.possible_at)
    print(f"{len(customers):,} customers indexed ({refused} refused: they identify nobody; "
          f"{unreadable} lines unreadable) "
          f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    counts = {"leads": 0, "duplicate": 0, "possible": 0, "none": 0, "refused": 0, "unreadable": 0}
    figures = Figures()
    with opts.out.open("w", encoding="utf-8") as out:
        for lead_id, record, reason in _records(opts.leads):
            counts["leads"] += 1
            if record is None:
                counts["unreadable"] += 1
                out.write(json.dumps({"lead": lead_id, "unreadable": reason}, ensure_ascii=False) + "\n")
                continue
            try:
                person, lead_problems = admit(LeadInput, record, opts.country, unread["leads"])
            except IdentifiesNobodyError as exc:
                counts["refused"] += 1
                if opts.truth:
                    figures.add(_truth(record.get(opts.truth)), [])      # a known customer's lead refused is missed
                out.write(json.dumps({"lead": lead_id, "refused": exc.detail}, ensure_ascii=False) + "\n")
                continue
            ranked, _ = index.check(person, lead_problems, thresholds)
            if opts.truth:
                figures.add(_truth(record.get(opts.truth)), ranked)
            top = ranked[0][1].label if ranked else "none"
            counts[top if top != "unlikely" else "none"] += 1
            out.write(json.dumps({"lead": lead_id, "problems": lead_problems, "candidates": [
                {"customer": cid, "verdict": v.label, "probability": round(v.probability, 4),
                 "score": round(v.score, 1), "rule": v.rule, "twice": v.twice,
                 "reasons": [{"field": c.field, "outcome": c.outcome, "weight": c.weight, "detail": c.detail}
                             for c in v.comparisons]}
                for cid, v in ranked[:opts.top]]}, ensure_ascii=False) + "\n")
    unread["leads"].pop(opts.truth, None)
    for what, keys in unread.items():
        if keys:
            print(f"{what}: keys that name no field, not read: "
                  + ", ".join(f"{key} ({n:,} lines)" for key, n in keys.most_common()), file=sys.stderr)
    print(f"{counts['leads']:,} leads: {counts['duplicate']:,} with a duplicate on top, {counts['possible']:,} "
          f"with a possible one, {counts['none']:,} without, {counts['refused']} refused, "
          f"{counts['unreadable']} unreadable "
          f"({time.perf_counter() - started:.1f}s); written to {opts.out}", file=sys.stderr)
    if opts.truth:
        print(figures.report(opts.truth))
    return 0


def _truth(value) -> set[str]:
    """The ids a label names: one, or a list; none for a new person."""
    values = value if isinstance(value, list) else [value]
    return {str(v) for v in values if v not in (None, "")}


class Figures:
    """Counted as bench.matching_eval counts them: the duplicate on top is right when it is one of
    the lead's customers; a lead of a known customer without it is missed."""

    def __init__(self):
        self.tp = self.fp = self.fn = self.wrong_top = self.false_merges = self.new = self.known = self.top5 = 0

    def add(self, truth: set[str], ranked: list) -> None:
        predicted = ranked[0][0] if ranked and ranked[0][1].duplicate else None
        if truth:
            self.known += 1
            self.top5 += any(cid in truth for cid, _ in ranked[:5])
        else:
            self.new += 1
            self.false_merges += predicted is not None
        if predicted is not None and predicted in truth:
            self.tp += 1
            return
        self.fp += predicted is not None
        self.wrong_top += predicted is not None and bool(truth)
        self.fn += bool(truth)

    def report(self, key: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (f"labelled by {key!r}: {self.known:,} leads of a known customer, {self.new:,} of a new person "
                f"(a refused lead of a known customer counts as missed; unreadable lines not at all)\n"
                f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
                f"wrong customer on top {self.wrong_top / max(1, self.known):.2%}  "
                f"false merges {self.false_merges / max(1, self.new):.2%}  "
                f"true customer in the top 5 {self.top5 / max(1, self.known):.3f}")


if __name__ == "__main__":
    sys.exit(main())
