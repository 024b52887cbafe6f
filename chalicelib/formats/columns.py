"""The columns of the standard lead import: German and English headers -> API fields.

A header is matched folded (case, umlauts, spaces and punctuation ignored), so "Straße",
"strasse", "STRASSE" and "street" all name the street; the API path itself ("vehicle.interest.make")
is accepted too. Columns that match nothing are kept: their values go into the remark.
"""
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.text import clean_text
from .rows import FileFormatError, row_error
from .values import (
    as_text, fold_key, parse_code, parse_country, parse_customer_number, parse_date, parse_datetime,
    parse_financing, parse_models, parse_number, parse_purchase, parse_qualification, parse_text,
    parse_timeframe, parse_usage, parse_whole_number, parse_year, parse_yes_no, price_currency,
)

MAX_COLUMNS = 500
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
GIVEN_PREVIEW_CHARS = 100  # of a cell too long to read, what its error quotes
PRICE, CURRENCY, POSTAL_CODE = "vehicle.interest.price", "vehicle.interest.currency", "postal_code"


def parse_currency(value) -> str:
    code = price_currency(parse_text(value))
    if code is None:
        raise ValueError(f"{as_text(value)!r} is not a known currency: use EUR or CHF")
    return code


@dataclass(frozen=True)
class Field:
    path: str
    parse: Callable
    aliases: tuple[str, ...]


def _field(path: str, parse: Callable, *aliases: str) -> Field:
    return Field(path, parse, aliases)


FIELDS = (
    _field("salutation", parse_text, "Anrede", "Salutation"),
    _field("title", parse_text, "Titel", "Akad. Titel", "Title", "Academic title"),
    _field("first_name", parse_text, "Vorname", "First name", "Given name", "Forename"),
    _field("last_name", parse_text, "Nachname", "Name", "Familienname", "Zuname", "Last name",
           "Surname", "Family name"),
    _field("company", parse_text, "Firma", "Firmenname", "Unternehmen", "Company", "Company name",
           "Organisation", "Organization"),
    _field("street", parse_text, "Straße", "Str.", "Straße und Hausnummer", "Adresse",
           "Anschrift", "Street", "Address", "Street address"),
    _field("postal_code", parse_code, "PLZ", "Postleitzahl", "Postal code", "Postcode", "Zip",
           "Zip code"),
    _field("city", parse_text, "Ort", "Stadt", "Wohnort", "City", "Town"),
    _field("country", parse_country, "Land", "Country"),
    # Exports of dealer management systems and CRMs name up to three numbers: the private one
    # (or the only one) is the phone.
    _field("phone", parse_code, "Telefon", "Tel", "Telefonnummer", "Telefon privat",
           "Tel. privat", "Telefon (privat)", "Privat", "Phone", "Telephone", "Phone number",
           "Home phone", "Private phone", "Phone (home)"),
    _field("mobile_phone", parse_code, "Mobil", "Mobiltelefon", "Mobilnummer", "Handy",
           "Handynummer", "Natel", "Mobile", "Mobile phone", "Mobile number", "Cell", "Cell phone"),
    _field("work_phone", parse_code, "Telefon geschäftlich", "Tel. geschäftlich",
           "Telefon (geschäftlich)", "Telefon Firma", "Geschäftlich", "Telefon dienstlich",
           "Tel. dienstlich", "Business phone", "Work phone", "Phone (work)", "Office phone"),
    _field("email", parse_text, "E-Mail", "Mail", "E-Mail-Adresse", "Email address"),
    _field("birth_date", parse_date, "Geburtsdatum", "Geb.-Datum", "Geburtstag", "Birth date",
           "Date of birth", "Birthday"),
    _field("remark", parse_text, "Bemerkung", "Bemerkungen", "Anmerkung", "Anmerkungen",
           "Kommentar", "Notiz", "Notizen", "Remark", "Remarks", "Comment", "Comments", "Notes"),
    _field("qualification", parse_qualification, "Qualifizierung", "Lead-Qualifizierung",
           "Qualifikation", "Qualification"),
    _field("source", parse_text, "Lead-Herkunft", "Herkunft", "Quelle", "Source", "Lead source"),
    _field("source_detail", parse_text, "Lead-Herkunft-Detail", "Herkunft-Detail",
           "Quelle-Detail", "Source detail", "Lead source detail"),
    _field("assignee", parse_text, "Bearbeiter", "Betreuer", "Verkäufer", "Verkaufsberater",
           "Assignee", "Sales rep", "Salesperson"),
    _field("received_at", parse_datetime, "Eingang", "Eingangsdatum", "Datum", "Erfasst am",
           "Received at", "Received", "Date"),
    _field("vehicle.interest.make", parse_text, "Marke", "Interesse Marke", "Make", "Brand",
           "Interest make"),
    _field("vehicle.interest.models", parse_models, "Modell", "Modelle", "Interesse Modell",
           "Model", "Models", "Interest models"),
    _field(PRICE, parse_number, "Preis", "Price", "Interest price"),
    _field(CURRENCY, parse_currency, "Währung", "Currency"),
    _field("vehicle.interest.dealer_contact", parse_yes_no, "Händlerkontakt", "Dealer contact"),
    _field("vehicle.interest.preferred_dealer", parse_text, "Wunschhändler", "Bevorzugter Händler",
           "Preferred dealer", "Preferred dealership"),
    _field("vehicle.interest.brochure", parse_yes_no, "Prospekt", "Broschüre", "Brochure"),
    _field("vehicle.interest.test_drive", parse_yes_no, "Probefahrt", "Test drive"),
    _field("vehicle.interest.offer", parse_yes_no, "Fahrzeugangebot", "Angebot", "Offer",
           "Vehicle offer"),
    _field("vehicle.interest.purchase", parse_yes_no, "Fahrzeugkauf", "Purchase",
           "Vehicle purchase"),
    _field("vehicle.interest.accessories_catalogue", parse_yes_no, "Zubehörkatalog",
           "Accessories catalogue", "Accessories catalog"),
    _field("vehicle.current.make", parse_text, "Aktuelle Marke", "Aktuelles Fahrzeug Marke",
           "Current make"),
    _field("vehicle.current.model", parse_text, "Aktuelles Modell", "Aktuelle Modell",
           "Aktuelles Fahrzeug Modell", "Current model"),
    _field("vehicle.current.year", parse_year, "Baujahr", "Aktuelles Baujahr", "Erstzulassung",
           "Current year", "Year of manufacture"),
    _field("vehicle.current.mileage_km", parse_whole_number, "Kilometerstand", "km-Stand",
           "Aktueller Kilometerstand", "Current mileage", "Current mileage km", "Mileage",
           "Mileage km"),
    _field("vehicle.next.purchase", parse_purchase, "Neu/Gebraucht", "Fahrzeugart",
           "New or used", "Next purchase"),
    _field("vehicle.next.usage", parse_usage, "Nutzung", "Kauf/Leasing", "Usage", "Next usage"),
    _field("vehicle.next.financing", parse_financing, "Finanzierung", "Financing",
           "Next financing"),
    _field("vehicle.next.timeframe", parse_timeframe, "Kaufzeitpunkt", "Zeitrahmen", "Timeframe",
           "Next timeframe"),
    _field("consent.marketing_email", parse_yes_no, "Einwilligung E-Mail", "Consent email",
           "Marketing email"),
    _field("consent.marketing_phone", parse_yes_no, "Einwilligung Telefon", "Consent phone",
           "Marketing phone"),
    _field("consent.marketing_sms", parse_yes_no, "Einwilligung SMS", "Consent sms", "Marketing sms"),
    _field("consent.marketing_post", parse_yes_no, "Einwilligung Post", "Consent post",
           "Marketing post"),
    _field("consent.privacy_notice_version", parse_text, "Datenschutzhinweis-Version",
           "Datenschutzhinweis", "Privacy notice version", "Privacy notice"),
    _field("consent.ip", parse_text, "Einwilligung IP", "IP-Adresse", "Consent IP", "IP address"),
    _field("consent.given_at", parse_datetime, "Einwilligung Datum", "Einwilligungsdatum",
           "Einwilligung am", "Consent given at", "Consent date"),
)


# A customer file (the export of a dealer management system) has the person's columns and the
# customer number of that system, which becomes the customer's external_id. A lead file's
# Kundennummer column is no lead field: it stays in the remark.
PERSON_PATHS = ("salutation", "title", "first_name", "last_name", "company", "street",
                "postal_code", "city", "country", "phone", "mobile_phone", "work_phone", "email",
                "birth_date")
CUSTOMER_NUMBER = _field("external_id", parse_customer_number, "Kundennummer", "Kundennr", "KdNr",
                         "Kunden-ID", "Customer number", "Customer no", "Customer ID",
                         "External ID", "DMS-ID", "DMS-Nummer")
CUSTOMER_FIELDS = (*(f for f in FIELDS if f.path in PERSON_PATHS), CUSTOMER_NUMBER)


def _field_by_key(fields: Sequence[Field]) -> dict[str, Field]:
    table: dict[str, Field] = {}
    for f in fields:
        for name in (f.path, *f.aliases):
            key = fold_key(name)
            if table.get(key, f) is not f:
                raise RuntimeError(f"header {name!r} would name both {table[key].path} and {f.path}")
            table[key] = f
    return table


FIELD_BY_KEY = _field_by_key(FIELDS)
CUSTOMER_FIELD_BY_KEY = _field_by_key(CUSTOMER_FIELDS)


def field_for(header: str, *, customers: bool = False) -> Field | None:
    """The field a header names in a lead file (or, customers=True, in a customer file)."""
    return (CUSTOMER_FIELD_BY_KEY if customers else FIELD_BY_KEY).get(fold_key(header))


def put(fields: dict, path: str, value) -> None:
    """Set fields["vehicle"]["interest"]["make"] for the path "vehicle.interest.make"."""
    *parents, leaf = path.split(".")
    node = fields
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def extra_column_name(index: int) -> str:
    """The name of a header-less column, 1-based, as people count columns."""
    return f"Spalte {index}"


class ColumnMap:
    """The columns of one file, from its header row; reads each data row into API fields.

    customers=True reads a customer file: the person's columns and the customer number
    (external_id); other columns are unmapped. It needs a customer-number column where a lead
    file needs a last-name column.
    """

    def __init__(self, headers: Sequence, default_country: str | None = None, *,
                 customers: bool = False):
        if len(headers) > MAX_COLUMNS:
            raise FileFormatError(f"the header row has {len(headers)} columns; at most {MAX_COLUMNS} are read")
        self.headers = _unique_names(headers)
        self.fields = [field_for(h, customers=customers) for h in self.headers]
        self.default_country = default_country
        if customers:
            required, what, names = CUSTOMER_NUMBER.path, "the customer number", "Kundennummer or external_id"
        else:
            required, what, names = "last_name", "the last name", "Nachname or last_name"
        if not any(f and f.path == required for f in self.fields):
            found = ", ".join(self.headers[:12]) + (", ..." if len(self.headers) > 12 else "")
            raise FileFormatError(f"no column for {what}: the header row needs a column "
                                  f"named {names} (found: {found})")

    @property
    def columns(self) -> dict[str, str]:
        """API field path -> the (first) header it is read from."""
        out: dict[str, str] = {}
        for header, f in zip(self.headers, self.fields):
            if f:
                out.setdefault(f.path, header)
        return out

    @property
    def unmapped(self) -> list[str]:
        return [h for h, f in zip(self.headers, self.fields) if f is None]

    def read(self, cells: Sequence) -> tuple[dict, dict[str, str], list[dict]]:
        """(fields, raw, errors) of one data row."""
        raw = dict(zip(self.headers, map(as_text, cells)))
        values: dict[str, object] = {}  # API path -> value, nested at the end
        errors: list[dict] = []
        extra: list[str] = []  # "Header: value" lines for the remark
        headless: list[tuple[str, str]] = []  # of them, (column, value) of columns without a header
        price_cell = postal_cell = None
        for index, value in enumerate(cells):
            text = value if type(value) is str else as_text(value)
            if not text or text.isspace():
                continue
            if index < len(self.headers):
                header, f = self.headers[index], self.fields[index]
            else:
                header, f = extra_column_name(index + 1), None
                raw[header] = text
            if len(text) > MAX_CELL_CHARS:
                if "\n" in text or "\r" in text or (f and f.path == "external_id"):
                    errors.append(too_long(f and f.path, header, text))
                    continue
                # One line, only longer than Excel allows (a pasted text, an export's notes): cut
                # there and flagged, the row kept, as a web form's field is; the file keeps it whole.
                errors.append(cut_at_the_limit(f and f.path, header, text))
                value = text = text[:MAX_CELL_CHARS]
            if index >= len(self.headers):
                # Usually a delimiter inside an unquoted value shifted the row: the value is kept
                # in the remark, and reported (once for the row) so that a person looks at it.
                extra.append(f"{header}: {text.strip()}")
                headless.append((header, text))
            elif f is None or f.path in values:
                # Unknown columns, and a second column for the same field (Telefon and
                # Telefon privat), are kept in the remark rather than lost.
                extra.append(f"{header}: {text.strip()}")
            else:
                try:
                    values[f.path] = f.parse(value)
                except ValueError as exc:
                    errors.append(row_error(f.path, header, str(exc), given=text))
                    continue
                if f.path == PRICE:
                    price_cell = value
                elif f.path == POSTAL_CODE:
                    postal_cell = value
        if headless:
            given = headless[0][1] if len(headless) == 1 else " | ".join(f"{h}: {v.strip()}" for h, v in headless)
            errors.append(row_error(None, headless[0][0], (
                "a value in a column without header" if len(headless) == 1 else
                f"{len(headless)} values in columns without header") + " (kept in the remark): give the "
                "column a header or remove the value", given=given if len(given) <= 500 else given[:500] + " […]"))
        if price_cell is not None and CURRENCY not in values:
            if currency := price_currency(price_cell):
                values[CURRENCY] = currency
        if isinstance(postal_cell, (int, float)):
            _restore_leading_zeros(values, self.default_country)
        if extra:
            values["remark"] = "\n".join(filter(None, [values.get("remark"), *extra]))
        fields: dict = {}
        for path, value in values.items():
            put(fields, path, value)
        return fields, raw, errors


def cut_at_the_limit(field_path: str | None, column: str, text: str) -> dict:
    """A one-line cell beyond MAX_CELL_CHARS, read up to there; `given` holds its beginning, the
    whole cell is in the row's raw values."""
    return row_error(field_path, column, f"longer than {MAX_CELL_CHARS} characters ({len(text):,}): "
                     "read up to there (the file keeps it whole)", given=text[:GIVEN_PREVIEW_CHARS] + "…")


def too_long(field_path: str | None, column: str, text: str) -> dict:
    """The fatal error of a cell beyond MAX_CELL_CHARS that holds line breaks (a quote that is
    closed only rows later took them in) or is a customer number (cut, two numbers could become
    one customer); `given` holds only its beginning, as the whole cell is in the row's raw values."""
    message = f"longer than {MAX_CELL_CHARS} characters ({len(text):,})"
    if "\n" in text:
        message += ": is a quoted value missing its closing quote?"
    return row_error(field_path, column, message, given=text[:GIVEN_PREVIEW_CHARS] + "…",
                     fatal=True)


def _restore_leading_zeros(fields: dict, default_country: str | None) -> None:
    # Excel turns the German postal code 01067 into the number 1067.
    country = fields.get("country") or default_country
    if country == "DE" and len(fields["postal_code"]) == 4:
        fields["postal_code"] = fields["postal_code"].zfill(5)


def _unique_names(headers: Sequence) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers, start=1):
        name = clean_text(as_text(header)) or extra_column_name(index)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
