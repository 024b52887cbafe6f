"""An import's error report in German, for the dealer who opens it in Excel: the column headers,
each line's level and field in words, and its reason in German.

The reasons are the ones the API gives in English (a value's rule, a reader's note, a record's
gap), matched by pattern. The wording is the workspace's (chalicelib/web/js/i18n.js
FIELD_MESSAGES_DE, api-texts.js REPORT_DE), so a reason reads the same in the report as at a
field on the screen; tests/unit/test_import_report_de.py checks that every reason the importer
can write has its German here. A field's name is the first German header the import reads it
from (formats/columns.py), the name the dealer's own files use. A reason not known here is
written as the API wrote it, never dropped; the code column keeps level and field for tools.
"""
import re
from collections.abc import Callable

from ..formats.columns import CUSTOMER_NUMBER, FIELDS

# Header of the fixed columns, then the file's own columns follow. The code column is for tools:
# "<level>:<field>" in the API's words (warning:email, error:last_name, reinquiry:).
HEADERS = ["Zeile", "Stufe", "Feld", "Grund", "Wert wie angegeben", "Code"]
LEVELS = {"error": "Fehler: nicht importiert", "warning": "Prüfen: importiert",
          "reinquiry": "Erneute Anfrage: dem offenen Lead angefügt"}
FIELD_NAMES = {f.path: f.aliases[0] for f in (*FIELDS, CUSTOMER_NUMBER)}


def code(level: str, field: str) -> str:
    return f"{level}:{field}"


def field_name(field: str) -> str:
    """A field's name as the dealer's files name its column (E-Mail, PLZ, Marke); a column of the
    file itself (Spalte 14, an ADF element) as it is."""
    return FIELD_NAMES.get(field, field)


class _Unknown(Exception):
    pass


Rule = tuple[str, "str | Callable[[re.Match, Callable[[str], str]], str]"]


def _translator(rules: list[Rule]) -> Callable[[str], str]:
    """German for a text by the first pattern that matches all of it: a replacement (\\1 for a
    group) or a function (match, need) where `need` translates a part that must be known."""
    table = [(re.compile(pattern, re.DOTALL), german) for pattern, german in rules]

    def need(text: str) -> str:
        for pattern, german in table:
            if match := pattern.fullmatch(text):
                return german(match, need) if callable(german) else match.expand(german)
        raise _Unknown(text)

    def translate(text: str) -> str:
        try:
            return need(text)
        except _Unknown:
            return text
    return translate


# Why an e-mail address is not one (the email_validator library's words), as i18n.js EMAIL_WHY_DE.
_EMAIL_WHY = [
    (r"must have an @-sign", "das @-Zeichen fehlt"),
    (r"something before the @-sign", "vor dem @ fehlt der Name"),
    (r"something after the @-sign", "nach dem @ fehlt die Domain"),
    (r"after the @-sign is not valid\. It should have a period", "nach dem @ fehlt der Punkt vor der Endung, z. B. gmx.at"),
    (r"after the @-sign is not valid\. It is not within a valid top-level domain", "die Endung nach dem letzten Punkt gibt es nicht"),
    (r"after the @-sign contains invalid characters: (.*?)\.?$", r"nach dem @ stehen ungültige Zeichen: \1"),
    (r"invalid characters before the @-sign: (.*?)\.?$", r"vor dem @ stehen ungültige Zeichen: \1"),
    (r"two periods in a row", "zwei Punkte hintereinander"),
    (r"(?:start|end) with a period|period immediately", "ein Punkt am Anfang oder Ende eines Teils"),
    (r"too long", "zu lang"),
]


def _email_why(text: str) -> str:
    for pattern, german in _EMAIL_WHY:
        if match := re.search(pattern, text):
            return f" ({match.expand(german)})"
    return ""


_QUOTED = r"(['\"])(.*)\1"

REASONS: list[Rule] = [
    # The person's fields (domain/person.py, domain/countries.py, domain/phones.py), as i18n.js says them.
    (r"at most (\d+) characters", r"höchstens \1 Zeichen"),
    (r"String should have at most (\d+) characters?", r"höchstens \1 Zeichen"),
    (r"a name needs at least one letter: (.*) has none", r"Ein Name braucht mindestens einen Buchstaben: „\1“ hat keinen"),
    (r"not a valid e-mail address: (.*)", lambda m, need: f"keine gültige E-Mail-Adresse{_email_why(m[1])}"),
    (r"not a valid phone number \(read with default country (\w+)\)", r"keine gültige Telefonnummer (gelesen mit Ländervorwahl von \1)"),
    (r"not a phone number \(.*\)", "keine Telefonnummer: nur Ziffern, Leerzeichen und + ( ) / . - "
                                   "(Hinweise wie Erreichbarkeit gehören in die Bemerkung)"),
    (r"not a valid postal code for (\w+): expected (\d+) digits, e\.g\. (.*)",
     r"keine gültige Postleitzahl für \1: erwartet \2 Ziffern, z. B. \3"),
    (r"not a valid postal code for (\w+): expected (.*)", r"keine gültige Postleitzahl für \1"),
    (r"(.*) is no date: (.*)", r"„\1“ ist kein Datum"),
    (r"(.*) is a number, not a date: .*", r"„\1“ ist eine Zahl, kein Datum: bitte z. B. als 01.12.2026 schreiben"),
    (r"implausible: the person would be (\d+) years old", r"unplausibel: die Person wäre \1 Jahre alt"),
    (r"lies in the future", "liegt in der Zukunft"),
    (r"lies before 2000", "liegt vor dem Jahr 2000"),
    (r"(.*) is not a number: write e\.g\. (.*)", r"„\1“ ist keine Zahl: bitte z. B. \2 schreiben"),
    (r"unknown salutation.*", "unbekannte Anrede: Herr, Frau, Divers, Familie, Firma oder keine Angabe"),
    (r"unknown academic title '(.*)' .*", r"unbekannter akademischer Titel „\1“ (z. B. Dr., Mag., DI, Ing., Prof.)"),
    (r"not a country: .*", "kein Land: bitte den Ländercode (AT, DE, CH) oder den Namen des Landes"),
    (r"a last name \(or a company\) is needed", "Nachname (oder Firma) fehlt"),
    (r"identifies nobody: .*", "bezeichnet niemanden: bitte Name, Firma, E-Mail-Adresse oder Telefonnummer angeben"),
    (r"one way to reach the person is needed: .*", "eine Kontaktmöglichkeit fehlt: Telefon, E-Mail oder Straße mit Ort"),
    (r"null is no value here: .*", "Pflichtfeld: bitte einen Wert angeben"),
    (r"read as a mobile number of (\w+); as a number of (\w+) it would be the landline (\S+)",
     r"als Mobilnummer aus \1 gelesen; als Nummer aus \2 wäre es der Festnetzanschluss \3"),
    (r"read as a number of (\w+): it is not one of (\w+)", r"als Nummer aus \1 gelesen: in \2 gibt es sie nicht"),
    # The lead's fields (domain/lead.py) and pydantic's bounds (a year, a mileage, a price).
    (r"Input should be greater than or equal to (.*)", r"mindestens \1"),
    (r"Input should be less than or equal to (.*)", r"höchstens \1"),
    (r"Input should be greater than (.*)", r"größer als \1"),
    (r"Input should be less than (.*)", r"kleiner als \1"),
    (r"dealer contact only applies to an importer's leads", "Händlerkontakt gibt es nur bei Leads eines Importeurs"),
    (r"a source detail without its source", "ein Quelldetail ohne seine Quelle"),
    (r"not an IPv4 or IPv6 address", "keine IPv4- oder IPv6-Adresse"),
    (r"needs a letter or digit", "braucht einen Buchstaben oder eine Ziffer"),
    # What a file gave that no field takes (formats/values.py, columns.py, csv_reader.py, adf_xml.py).
    (_QUOTED + r" is not a date: write .*", r"„\2“ ist kein Datum: bitte z. B. 31.12.1980 schreiben"),
    (_QUOTED + r" is not a (?:valid )?date(?: or time)?", r"„\2“ ist kein gültiges Datum"),
    (r"(\S+) is not a valid date", r"„\1“ ist kein gültiges Datum"),
    (_QUOTED + r" has a (\d+)-digit year: .*", r"„\2“ hat eine \3-stellige Jahreszahl: bitte z. B. 31.12.1980 schreiben"),
    (_QUOTED + r" is not a time zone offset(?:: write .*)?", r"„\2“ ist keine Zeitzonen-Angabe: bitte z. B. +01:00 schreiben"),
    (r"(true|false|\S+) is not a number but a yes/no value: send a number",
     r"„\1“ ist keine Zahl, sondern ein Ja/Nein-Wert: bitte eine Zahl senden"),
    (_QUOTED + r" is not a number", r"„\2“ ist keine Zahl"),
    (_QUOTED + r" is not a whole number", r"„\2“ ist keine ganze Zahl"),
    (_QUOTED + r" is not a yes/no value: .*", r"„\2“ ist kein Ja/Nein-Wert: bitte ja/nein, x oder 1/0"),
    (_QUOTED + r" is not a known [^:]+: use (.*?)(?: \([^)]*\))?",
     lambda m, need: f"„{m[2]}“ ist kein bekannter Wert: bitte {m[3].replace(' or ', ' oder ')}"),
    (r"(\S+) is a number in scientific notation, its last digits lost: .*",
     r"\1 ist eine Zahl in wissenschaftlicher Schreibweise, ihre letzten Ziffern sind verloren: "
     r"die Spalte Kundennummer als Text exportieren"),
    (r"a value in a column without header \(kept in the remark\): .*",
     "ein Wert in einer Spalte ohne Überschrift (in die Bemerkung übernommen): der Spalte eine Überschrift "
     "geben oder den Wert entfernen"),
    (r"(\d+) values in columns without header \(kept in the remark\): .*",
     r"\1 Werte in Spalten ohne Überschrift (in die Bemerkung übernommen): den Spalten eine Überschrift "
     r"geben oder die Werte entfernen"),
    (r"longer than ([\d,.]+) characters \(([\d,.]+)\): read up to there \(the file keeps it whole\)",
     r"länger als \1 Zeichen (\2): bis dorthin gelesen (die Datei enthält den ganzen Wert)"),
    (r"longer than ([\d,]+) characters \(([\d,]+)\)(: is a quoted value missing its closing quote\?)?",
     lambda m, need: f"länger als {_number(m[1])} Zeichen ({_number(m[2])})"
                     + (": fehlt bei einem Wert in Anführungszeichen das schließende Anführungszeichen?" if m[3] else "")),
    (r"the line is longer than ([\d,]+) characters \(([\d,]+)\): not read",
     lambda m, need: f"die Zeile ist länger als {_number(m[1])} Zeichen ({_number(m[2])}): nicht gelesen"),
    (r"the row cannot be read \((.*)\)", r"die Zeile kann nicht gelesen werden (\1)"),
    (r"a quote opened here is never closed: .*",
     "ein hier geöffnetes Anführungszeichen wird nie geschlossen: es wird als Zeichen gelesen, "
     "die Zeilen danach als eigene Zeilen"),
    (r"nested deeper than (\d+) levels: what lies deeper was not read",
     r"tiefer als \1 Ebenen verschachtelt: was tiefer liegt, wurde nicht gelesen"),
    (r"the document is not UTF-8 as it says: read as Windows-1252; check the umlauts and ß of this lead",
     "das Dokument ist nicht in UTF-8, wie es angibt: als Windows-1252 gelesen; bitte Umlaute und ß dieses Leads prüfen"),
    # A record as a whole (domain/review.py), intake (services/intake.py).
    (r"longer than the remark's (\d+) characters: .*",
     r"länger als die \1 Zeichen der Bemerkung: die Bemerkung enthält ihren Anfang, dieser Hinweis alles"),
    (r"and (\d+) more problems with this record \(the file or delivery shows them all\)",
     r"und \1 weitere Probleme dieses Datensatzes (die Datei zeigt sie alle)"),
    (r"too many problems", "zu viele Probleme"),
    (r"not in the source catalog; stored without a source", "nicht im Quellenkatalog; ohne Quelle gespeichert"),
    (r"not an active user of this tenant who works leads", "kein aktiver Benutzer, der Leads bearbeitet"),
    # The import's own lines (services/imports.py) and a customer file's (services/customers.py), as api-texts.js REPORT_DE.
    (r"a re-inquiry of the same person: attached to open lead (\S+)", r"erneute Anfrage derselben Person: dem offenen Lead \1 angefügt"),
    (r"required \(the id in your system\)", "Pflichtfeld (die Kundennummer in Ihrem System)"),
    (r"the same customer number as row (\d+) of this file: .*",
     r"dieselbe Kundennummer wie in Zeile \1 dieser Datei: nur die erste Zeile einer Kundennummer wird gelesen "
     r"(ein Kunde, eine Zeile)"),
    (r"the id in your system, as text or a whole number", "die Kundennummer in Ihrem System, als Text oder ganze Zahl"),
    (r"written concurrently by another load; send it again", "gleichzeitig von einem anderen Import geschrieben; bitte noch einmal senden"),
]


def _number(text: str) -> str:
    """1,000,000 as German writes it: 1.000.000."""
    return text.replace(",", ".")


reason = _translator(REASONS)
"""A line's reason in German; one not known here as the API wrote it."""
