"""Re-inquiries: a person who already has an open lead asks again.

A new inquiry whose person shares a normalised e-mail address or phone number with an open lead
of the tenant, for the same make, received within the tenant's window (`reinquiry_days`, counted
either side of the open lead's receipt), is a touch on that lead instead of a second open lead:
counted, audited with its submission, its qualification taken when it is hotter, the deadline
never moved later. An open lead of another make within the window makes the new lead a linked
one. Decisions written down:
- the make is the current interest's make, folded ("VW" and "Volkswagen" are two makes); a side
  without a make counts as the same make (a general inquiry attaches to the open one, and an
  inquiry for a make attaches to an open general one);
- contacts are the e-mail address (matching.normalise_email: case, +tags, gmail dots) and the
  private and mobile phone in E.164; a work phone is shared by colleagues and does not count;
- without a shared e-mail or phone, only the duplicate check's strongest evidence makes two
  inquiries one person's: the same last name, first name, postal code and street, folded
  (name_key); a looser match (a typo, another spelling of the street) opens a new lead;
- a shared contact with another first name (Katharina writing with the family landline Jürgen
  gave), another surname (not a part of a double or married name, nor a typo of it) or another
  birth date is another person: a new lead, linked to the open one, so that nobody's inquiry
  ends up only in someone else's log;
- closed and converted leads are never touched: the inquiry opens a new lead;
- the touch completes the open lead, never overwrites it: a person field the lead lacks takes the
  inquiry's value (the e-mail typed this time; an address only where the lead has none and in the
  lead's country, which is never changed), a yes/no wish the inquiry adds is set (a test drive now) and the models it names are
  added; a value that differs from the lead's stays in the log's submission for a person to take;
- the touch's message (its remark) shows on the lead: appended to the lead's remark as a dated line
  "[re-inquiry 2026-12-04] Probefahrt am Samstag?" (the day received, in the tenant's time zone),
  the lead's own remark kept before it; a message the remark already says (as its text or an
  earlier re-inquiry's line) is not repeated, and one that would pass the remark's length is cut
  short with "…" (the log keeps the whole submission).
"""
import datetime as dt
from dataclasses import dataclass

from .lead import MAX_REMARK, OPEN, QUALIFICATIONS
from .person import PERSON_FIELDS
from .text import fold, normalise_email

DEFAULT_WINDOW_DAYS = 30
MAX_WINDOW_DAYS = 365
CONTACT_PHONES = ("phone", "mobile_phone")


def contact_keys(person: dict) -> list[str]:
    """The contacts that make two inquiries one person's: "e:" + normalised e-mail, "p:" + E.164 phone."""
    found = []
    email = normalise_email(person.get("email"))
    if email:
        found.append(f"e:{email}")
    for name in CONTACT_PHONES:
        phone = person.get(name)
        if isinstance(phone, str) and phone.startswith("+") and phone[1:].isdigit():
            found.append(f"p:{phone}")
    return list(dict.fromkeys(found))


def make_of(data: dict) -> str | None:
    """The inquiry's make (the current interest's), folded to letters and digits; None without one."""
    make = (((data or {}).get("vehicle") or {}).get("interest") or {}).get("make")
    folded = "".join(ch for ch in fold(make) if ch.isalnum()) if isinstance(make, str) else ""
    return folded or None


def same_make(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def within_window(first: dt.datetime, received: dt.datetime, days: int) -> bool:
    """Inclusive at both ends: exactly `days` days apart still counts."""
    return days > 0 and abs(received - first) <= dt.timedelta(days=days)


def name_key(person: dict) -> str | None:
    """Last name, first name, postal code and street, folded to letters and digits; None unless
    all four are given."""
    parts = [person.get(name) for name in ("last_name", "first_name", "postal_code", "street")]
    if not all(isinstance(part, str) and part.strip() for part in parts):
        return None
    return "|".join("".join(ch for ch in fold(part) if ch.isalnum()) for part in parts)


@dataclass(frozen=True)
class Candidate:
    """A lead of the tenant found by one of the inquiry's contacts (or its last name)."""
    lead_id: str
    status: str
    received_at: dt.datetime
    make: str | None
    contacts: frozenset[str]
    name_key: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    birth_date: str | None = None


@dataclass(frozen=True)
class Decision:
    attach_to: str | None = None      # the open lead the inquiry is a touch on
    link_to: str | None = None        # else: an open lead of another make the new lead is linked to
    household: bool = False           # ... or of another person sharing the contact


def another_person(a: str | None, b: str | None, a_last: str | None = None, b_last: str | None = None,
                   a_birth: str | None = None, b_birth: str | None = None) -> bool:
    """Two first names given that are not one name in any form (the same, a short form, a
    sound-alike, a typo or an initial), two surnames so (not a part of a double or married
    name either), or two birth dates no typo makes one: two people, whatever contact they share."""
    # The matcher's own reading of names and birth dates.
    from .matching import different_births, different_first_names, different_surnames
    return (bool(a and b) and different_first_names(a, b) or bool(a_last and b_last) and different_surnames(a_last, b_last)
            or bool(a_birth and b_birth) and different_births(a_birth, b_birth))


def decide(contacts: list[str], make: str | None, received: dt.datetime, candidates: list[Candidate],
           window_days: int, person_key: str | None = None, first_name: str | None = None,
           last_name: str | None = None, birth_date: str | None = None) -> Decision:
    """Touch, linked new lead, or plain new lead. Among several open leads (from before this rule),
    the one of the same explicit make wins over one without a make, then the most recent."""
    if window_days <= 0 or not (contacts or person_key):
        return Decision()
    live = [c for c in candidates if c.status == OPEN
            and (c.contacts & set(contacts) or (person_key is not None and c.name_key == person_key))
            and within_window(c.received_at, received, window_days)]
    others = [c for c in live if another_person(first_name, c.first_name, last_name, c.last_name,
                                                birth_date, c.birth_date)]
    live = [c for c in live if c not in others]
    if not live and others:
        return Decision(link_to=max(others, key=lambda c: (c.received_at, c.lead_id)).lead_id, household=True)
    same = [c for c in live if same_make(c.make, make)]
    if same:
        best = max(same, key=lambda c: (c.make is not None and c.make == make, c.received_at, c.lead_id))
        return Decision(attach_to=best.lead_id)
    if live:
        return Decision(link_to=max(live, key=lambda c: (c.received_at, c.lead_id)).lead_id)
    return Decision()


def hotter(current: str, new: str) -> str:
    """The hotter of two qualifications (hot > warm > cold > junk): a re-inquiry never lowers one."""
    return new if QUALIFICATIONS.index(new) < QUALIFICATIONS.index(current) else current


def earlier_due(current: str | None, candidate: str | None) -> str | None:
    """A raised qualification's deadline, never later than the one the lead has (ISO strings)."""
    if current is None or candidate is None:
        return current if candidate is None else candidate
    return min(current, candidate)


def remark_with_message(remark: str | None, message: str | None, day: dt.date) -> str | None:
    """The lead's remark with a re-inquiry's message appended as a dated line (see the module), or
    None when it stays as it is: no message, one the remark holds already, or no room left."""
    message = (message or "").strip()
    remark = remark or ""
    if not message or _holds(remark, message):
        return None
    line = f"[re-inquiry {day.isoformat()}] {message}"
    room = MAX_REMARK - len(remark) - (1 if remark else 0)
    if len(line) > room:
        if room < len(line) - len(message) + 10:        # not even the date and a few words: the log has it
            return None
        line = line[:room - 1].rstrip() + "…"
    return f"{remark}\n{line}" if remark else line


def _holds(remark: str, message: str) -> bool:
    """The remark is the message, starts with it, or an earlier re-inquiry's line says it (a word
    of it somewhere in the remark is not enough: "Golf" is still news)."""
    return remark == message or remark.startswith(message + "\n") or f"] {message}\n" in remark + "\n"


ADDRESS_LINES = ("street", "postal_code", "city")
ADDRESS_FIELDS = (*ADDRESS_LINES, "country")
INTEREST_WISHES = ("dealer_contact", "brochure", "test_drive", "offer", "purchase", "accessories_catalogue")
MAX_MODELS = 20


def completed(data: dict, submission: dict) -> tuple[dict, list[dict]]:
    """The open lead's data completed by a re-inquiry's validated submission (see the module
    note), and the changes as the log writes them ({"field", "old", "new"})."""
    out, changes = dict(data or {}), []

    def take(name: str, value) -> None:
        changes.append({"field": name, "old": out.get(name), "new": value})
        out[name] = value

    # An address only where the lead has none, and in the lead's country: a country the lead has
    # is never changed (the inquiry's may be a guess from a bare postal code).
    takes_address = (not any(out.get(n) for n in ADDRESS_LINES) and any(submission.get(n) for n in ADDRESS_LINES)
                     and (not out.get("country") or submission.get("country") in (None, out.get("country"))))
    for name in PERSON_FIELDS:
        value = submission.get(name)
        if value in (None, "") or value == out.get(name):
            continue
        if name in ADDRESS_FIELDS:            # an address whole, with its country, or not at all
            if takes_address:
                take(name, value)
        elif out.get(name) in (None, ""):
            take(name, value)
    vehicle = dict(out.get("vehicle") or {})
    interest, wished = dict(vehicle.get("interest") or {}), (submission.get("vehicle") or {}).get("interest") or {}
    for wish in INTEREST_WISHES:
        if wished.get(wish) is True and not interest.get(wish):
            changes.append({"field": f"vehicle.interest.{wish}", "old": interest.get(wish, False), "new": True})
            interest[wish] = True
    models = list(interest.get("models") or [])
    known = {fold(m) for m in models}
    added = [m for m in wished.get("models") or [] if fold(m) not in known][:max(0, MAX_MODELS - len(models))]
    if added:
        changes.append({"field": "vehicle.interest.models", "old": models, "new": models + added})
        interest["models"] = models + added
    if interest != (vehicle.get("interest") or {}):
        out["vehicle"] = {**vehicle, "interest": interest}
    return out, changes

