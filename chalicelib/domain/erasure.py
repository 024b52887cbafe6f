"""What an erasure (DSGVO/GDPR Art. 17) keeps and what it removes, as rules without storage: the kinds it
counts, an audit entry's changes without personal values, whether a file's cells name the person."""
import re
from collections.abc import Iterable

# What an erasure reports, kind by kind (the API's counts, the audit's record of it).
KINDS = ("leads", "customers", "activities", "consents", "audit_entries", "search_tokens", "match_keys",
         "idempotency", "contact_claims", "raw_payloads", "import_rows", "report_lines", "forwarded")

# Fields of an audit entry's changes whose values say nothing about the person: kept, so that the
# log still shows the lead's life (created, qualified, assigned, converted) once the values are gone.
# Every other field's old and new value is removed and the change marked "erased".
NEUTRAL_FIELDS = frozenset({
    "status", "qualification", "due_at", "assignee", "touches", "customer_id", "activity_id",
    "first_contact_at", "decision", "source", "source_detail", "version",
})
ERASED = {"old": None, "new": None, "erased": True}


def anonymised(changes: list[dict] | None) -> list[dict]:
    """An audit entry's changes with every value that may be personal removed (field names kept)."""
    out = []
    for change in changes or []:
        name = change.get("field")
        out.append(dict(change) if name in NEUTRAL_FIELDS else {"field": name, **ERASED})
    return out


def is_anonymous(changes: list[dict] | None) -> bool:
    return anonymised(changes) == list(changes or [])


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


class Needles:
    """The person's e-mail addresses and phone numbers, to recognise their rows in a file or report
    that became no lead (a refused row names no lead; its report line still holds the values)."""

    MIN_PHONE_DIGITS = 7

    def __init__(self, emails: Iterable[str], phones: Iterable[str]):
        self.emails = {e.lower() for e in emails if e}
        # E.164 "+436641234567": a file writes it nationally ("0664 1234567") or internationally.
        self.phones = {_digits(p)[2:] for p in phones if p and len(_digits(p)) > self.MIN_PHONE_DIGITS + 2}

    @classmethod
    def of(cls, records: Iterable[dict]) -> "Needles":
        """The e-mail addresses and phones of the person's records (leads' and customers' data)."""
        records = list(records)
        return cls([r.get("email") for r in records],
                   [r.get(name) for r in records for name in ("phone", "mobile_phone", "work_phone")])

    def __bool__(self) -> bool:
        return bool(self.emails or self.phones)

    def found_in(self, cells: Iterable[str]) -> bool:
        for cell in cells:
            text = (cell or "").strip().lower()
            if not text:
                continue
            if any(email in text for email in self.emails):
                return True
            digits = _digits(text)
            if len(digits) >= self.MIN_PHONE_DIGITS and any(digits.endswith(p) for p in self.phones):
                return True
        return False
