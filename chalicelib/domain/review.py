"""Records from machine senders: kept whole, with what was wrong listed for a person to review.

A web form, an ad platform, a portal, a trade-fair file or a dealer system cannot correct and
resend. So a value that breaks a field rule does not cost the record: the value is kept as it
was given, with the reason, in the record's `problems`; the field stays empty, or keeps what
could be read of it; the record is stored and flagged "needs review". Only a record that
identifies nobody is refused.

Before the rules run, what a sender typically gets almost right is put right without loss:
a note after a phone number ("0664 1234567 (abends)") goes to the remark, a town typed into
the postal code field ("1010 Wien") goes to the town, an e-mail address written as a mail program
or a web page writes it ("Anna Huber <anna@example.at>", "mailto:anna@example.at") is the address.
"""
import copy
import datetime as dt
import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InvalidInputError
from ..validation import field_errors, message_of
from .countries import split_code_and_town
from .person import PHONE_FIELDS, mend_email
from .lead import MAX_REMARK
from .phones import split_note

M = TypeVar("M", bound=BaseModel)
MAX_ROUNDS = 8
MAX_GIVEN_CHARS = 32_767          # a spreadsheet cell's limit: what a sender can give in one field


class IdentifiesNobodyError(InvalidInputError):
    """The record names no person or company and gives no e-mail or phone: there is nobody to store."""


def problem(field: str, given: Any, reason: str) -> dict:
    """One entry of a record's problems: the field, the value as the sender gave it, why."""
    return {"field": field, "given": _plain(given), "reason": reason}


MAX_PROBLEMS = 40                  # problems kept with one record; more are counted in the last
MAX_RECORD_GIVEN_CHARS = 64_000    # the values as given kept with one record, together


def bounded(problems: list[dict]) -> list[dict]:
    """A record's problems as they are kept with it: at most MAX_PROBLEMS, and the values as given
    together at most MAX_RECORD_GIVEN_CHARS (a later long value is cut, marked " […]"), so that a
    row of thousands of wrong cells still makes a record the store takes. The sender's whole
    delivery or file is kept apart, as sent."""
    kept, room = [], MAX_RECORD_GIVEN_CHARS
    for entry in problems[:MAX_PROBLEMS]:
        given = entry.get("given")
        if isinstance(given, str) and len(given) > max(room, 200):
            entry = {**entry, "given": given[:max(room, 200)] + " […]"}
        room -= len(entry["given"]) if isinstance(entry.get("given"), str) else len(json.dumps(entry.get("given")))
        kept.append(entry)
    if len(problems) > MAX_PROBLEMS:
        more = problems[MAX_PROBLEMS:]
        kept.append(problem(more[0].get("field", ""), None,
                            f"and {len(more)} more problems with this record (the file or delivery shows them all)"))
    return kept


def from_reader(errors: list[dict]) -> list[dict]:
    """A reader's errors (formats/rows.py row_error) as problems, with the column they came from."""
    return [problem(e.get("field") or e.get("column") or "", e.get("given"), e.get("message", ""))
            | ({"column": e["column"]} if e.get("column") else {}) for e in errors]


def _plain(value: Any) -> Any:
    """The given value, as JSON can keep it (long texts cut, dates as text)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value[:MAX_GIVEN_CHARS]
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return str(value)[:MAX_GIVEN_CHARS]


def rescue(payload: dict, notes: list[str] = ()) -> tuple[dict, list[dict]]:
    """The payload with near-misses put right and `notes` (leadflow's own remarks about the
    record) added to its remark; and the problems of what could only be kept in part."""
    data = dict(payload)
    notes = list(notes)
    problems: list[dict] = []
    for field in PHONE_FIELDS:
        value = data.get(field)
        if isinstance(value, str):
            number, note = split_note(value)
            if note:
                data[field] = number
                notes.append(f"{_LABELS[field]}: {value.strip()}")
    email = data.get("email")
    if isinstance(email, str) and (mended := mend_email(email)):
        data["email"], name = mended
        if name:                        # the name it was written with stays with the lead
            notes.append(f"E-Mail: {email.strip()}")
    code = data.get("postal_code")
    if isinstance(code, str):
        code, town = split_code_and_town(code)
        if town:
            data["postal_code"] = code
            if not data.get("city"):
                data["city"] = town
            elif data["city"].strip().casefold() != town.casefold():
                notes.append(f"PLZ: {payload['postal_code'].strip()}")
    message = data.get("remark") if isinstance(data.get("remark"), str) else None
    tail = "\n".join(notes)
    room = MAX_REMARK - len(tail) - (1 if tail and message else 0)
    if message is not None and len(message) > room:
        problems.append(problem("remark", message, f"longer than the remark's {MAX_REMARK} characters: "
                                "the remark holds its beginning, this problem all of it"))
        message = message[:max(room - 1, 0)].rstrip() + "…"
    remark = "\n".join(filter(None, [message, tail]))
    if remark:
        data["remark"] = remark[:MAX_REMARK]
    return data, problems


_LABELS = {"phone": "Telefon", "mobile_phone": "Mobil", "work_phone": "Telefon geschäftlich"}


def validate_machine_record(model: type[M], payload: dict, context: dict) -> tuple[M, list[dict]]:
    """Validate a machine sender's record; return the model and its problems, or raise
    IdentifiesNobodyError. Each value a field rule refuses is taken out and listed."""
    data = copy.deepcopy(payload)
    problems: list[dict] = []
    for _ in range(MAX_ROUNDS):
        doubts: list[dict] = []
        try:
            record = model.model_validate(data, context={**context, "mode": "machine", "problems": doubts})
            return record, problems + doubts
        except ValidationError as exc:
            taken = 0
            errors = exc.errors(include_url=False)
            # Postal code and phones are read in the country: while the country is wrong, the
            # other errors may be its consequence. Take the country out first and look again.
            country_errors = [e for e in errors if e["loc"][:1] == ("country",)]
            for error in country_errors or errors:
                loc = error["loc"]
                if not loc:
                    if error["type"] == "identifies_nobody":
                        # With the values taken out before: a name too long to keep is why, not only "nobody".
                        raise IdentifiesNobodyError("the record identifies nobody", [
                            {"field": p["field"], "message": p["reason"], "type": "value_error"} for p in problems
                        ] + field_errors(exc)) from None
                    raise
                if _take_out(data, loc):
                    problems.append(problem(_path(loc), error.get("input"), message_of(error)))
                    taken += 1
            if not taken:
                raise
    raise InvalidInputError("the record cannot be made valid", [problem("", None, "too many problems")])


def _path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def _take_out(data: Any, loc: tuple) -> bool:
    """Remove the value at loc (a field, or one item of a list); False if it is not there."""
    *parents, last = loc
    node = data
    for part in parents:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        del node[last]
        return True
    except (KeyError, IndexError, TypeError):
        return False


def broken_rules(problems: list[dict]) -> set[str]:
    """The record rules a stored record breaks (see Person.check_record)."""
    return {p["rule"] for p in problems if p.get("rule")}


def settle_problems(problems: list[dict], touched: set[str], doubts: list[dict]) -> list[dict]:
    """A record's problems after a person's edit: a field they wrote (and the rules passed) is
    settled; gaps of the whole record and doubts come from the edit's validation afresh."""
    kept = [p for p in problems if not p.get("rule")
            and not any(p["field"] == t or p["field"].startswith(t + ".") for t in touched)]
    return kept + doubts


def touched_fields(patch: dict, prefix: str = "") -> set[str]:
    """The dotted paths a JSON merge patch writes."""
    out: set[str] = set()
    for key, value in patch.items():
        path = prefix + key
        out.add(path)
        if isinstance(value, dict):
            out |= touched_fields(value, path + ".")
    return out
