"""Cell values as people type them in DE/AT/CH files, read into the values of the lead API.

Each parser takes a cell (str from CSV and XML; str, int, float, bool, datetime from XLSX) and
returns the API value, or raises ValueError with a message a person can act on. An empty cell
never reaches a parser: the caller skips it (empty means "not given").
"""
import datetime as dt
import functools
import math
import re
from zoneinfo import ZoneInfo

from ..domain.person import COMPACT_DATE, MIN_AGE_YEARS
from ..domain.countries import country_code
from ..domain.text import fold

# Dates and times without an offset are local time of DE/AT/CH (all CET/CEST).
LOCAL_TIMEZONE = ZoneInfo("Europe/Vienna")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DATE_TIME = re.compile(
    r"(?:(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d+)|(?P<Y>\d{4})-(?P<M>\d{1,2})-(?P<D>\d{1,2}))"
    r"(?:(?:[ T]+|,\s*)(?P<H>\d{1,2}):(?P<Mi>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d{1,6})\d*)?)?"
    r"(?:\s*Uhr)?)?"
    r"\s*(?P<tz>Z|MESZ|MEZ|CEST|CET|(?:(?:UTC|GMT)\s*)?[+-]\d{1,2}(?::\d{1,2}|\d{2})?|UTC|GMT)?",
    re.IGNORECASE)
# Offsets written as names: CET and CEST are the region's winter and summer time.
_NAMED_OFFSETS = {"Z": 0, "UTC": 0, "GMT": 0, "MEZ": 1, "CET": 1, "MESZ": 2, "CEST": 2}
_NUMBER_NOISE = re.compile(r"[\s\u00a0\u202f'’]|€|(?i:eur|chf|sfr\.?|fr\.)")
_TRAILING_DASH = re.compile(r"[.,][-–—]+$")
_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_PLAIN_INTEGER = re.compile(r"[+-]?\d+")
_GROUPED_INTEGER = re.compile(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_KM = re.compile(r"\s*(?i:km)\.?$")
_YEAR_IN_DATE = re.compile(r"(?:\d{1,2}[./-]){0,2}(\d{4})")
_MODEL_SPLIT = re.compile(r"\s*[,;\n]\s*")

# Cells repeat down a column (the fair's dates, the same prices): parse each distinct one once.
# typed=True keeps True, 1 and 1.0 apart.
_cached = functools.lru_cache(maxsize=4096, typed=True)

# What forms and spreadsheets write for yes and no, compared stripped and in lower case (and
# folded: "JA." is ja). "on"/"off" is what an HTML checkbox without a value attribute sends.
YES_WORDS = frozenset({"ja", "j", "x", "1", "true", "wahr", "yes", "y", "on", "✓", "✔", "☑"})
NO_WORDS = frozenset({"nein", "n", "0", "false", "falsch", "no", "off", "-"})


@functools.lru_cache(maxsize=4096)  # column values repeat: ja/nein, Heiß/Warm, Österreich
def fold_key(value: str) -> str:
    """Case, umlaut, space and punctuation folded away: 'Straße' and 'strasse' -> 'strasse'."""
    return _NON_ALNUM.sub("", fold(value))


def is_blank(value) -> bool:
    return value is None or (type(value) is str and not value.strip())


def as_text(value) -> str:
    """A cell as text: 1010.0 -> '1010' (Excel's numbers), dates as ISO, text unchanged."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def parse_text(value) -> str:
    return as_text(value).strip()


def parse_code(value) -> str:
    """Phone numbers and postal codes stay text; Excel's text marker (a leading ') is dropped."""
    return parse_text(value).removeprefix("'").strip()


_WHOLE_WITH_ZEROS = re.compile(r"^(\d+)\.0+$")
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE][+-]\d+$")     # as Excel writes it: 1,00235E+11


def parse_customer_number(value) -> str:
    """A dealer system's customer number as text: 100236.0 (a number cell read back as text) is
    100236, as the same number in an XLSX cell is; 1,00235E+11 (Excel's scientific notation) has
    lost its last digits and is refused: the next export could never find this customer again."""
    text = parse_code(value)
    if whole := _WHOLE_WITH_ZEROS.match(text):
        return whole[1]
    if _SCIENTIFIC.match(text):
        raise ValueError(f"{text} is a number in scientific notation, its last digits lost: export the "
                         "customer number column as text")
    return text


def parse_yes_no(value) -> bool:
    """ja/nein, j/n, yes/no, y/n, on/off, 1/0, x, true/false, wahr/falsch, ✓, in any case and
    with spaces around; Excel's TRUE/FALSE cells and the numbers 1 and 0 as they are."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = parse_text(value).lower()
    if text in YES_WORDS or fold_key(text) in YES_WORDS:
        return True
    if text in NO_WORDS or fold_key(text) in NO_WORDS:
        return False
    raise ValueError(f"{as_text(value)!r} is not a yes/no value: use ja/nein, x, 1/0 or true/false")


def _from_excel_serial(value: float) -> dt.datetime:
    # A date column formatted as a number in Excel arrives as its serial (days since 1899-12-30).
    if not 1 <= value < 2_958_466:
        raise ValueError(f"{as_text(value)!r} is not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=value)


def _compact_date(value) -> re.Match | None:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return COMPACT_DATE.fullmatch(str(value))
    return COMPACT_DATE.fullmatch(parse_text(value)) if isinstance(value, str) else None


@_cached
def _parts(value) -> tuple[dt.datetime, dt.tzinfo | None, bool]:
    """(naive or aware datetime, offset, whether the year had two digits) of a date/time cell.

    A two-digit year comes back as 20yy: the caller decides the century.
    """
    if isinstance(value, bool):
        raise ValueError(f"{as_text(value)!r} is not a date")
    if isinstance(value, dt.datetime):
        return value, value.tzinfo, False
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()), None, False
    if compact := _compact_date(value):                     # 19801231: a date column written without separators
        try:
            return dt.datetime(int(compact[1]), int(compact[2]), int(compact[3])), None, False
        except ValueError:
            raise ValueError(f"{compact[0]!r} is not a valid date") from None
    if isinstance(value, (int, float)):
        return _from_excel_serial(value), None, False
    text = parse_text(value)
    match = _DATE_TIME.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date: write 31.12.1980 or 1980-12-31")
    g = match.groupdict()
    year = g["y"] or g["Y"]
    if len(year) not in (2, 4):
        raise ValueError(f"{text!r} has a {len(year)}-digit year: "
                         "write the year with four digits, e.g. 31.12.1980")
    try:
        moment = dt.datetime(int(year) + (2000 if len(year) == 2 else 0),
                             int(g["m"] or g["M"]), int(g["d"] or g["D"]),
                             int(g["H"] or 0), int(g["Mi"] or 0), int(g["S"] or 0),
                             int((g["F"] or "0").ljust(6, "0")))
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date or time") from None
    return moment, _offset(g["tz"]), len(year) == 2


def _offset(text: str | None) -> dt.tzinfo | None:
    """'+01:00', '+0100', '+01', '+1', '-08:0' (sic), 'GMT+1', 'UTC+02:00', 'Z', 'MEZ', 'CEST'."""
    if not text:
        return None
    key = re.sub(r"\s+", "", text).upper()
    if key in _NAMED_OFFSETS:
        return dt.timezone(dt.timedelta(hours=_NAMED_OFFSETS[key]))
    key = key.removeprefix("UTC").removeprefix("GMT")
    sign, digits = key[0], key[1:]
    if ":" in digits:
        hours, minutes = digits.split(":")
    else:
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    # A lone minute digit is a cut-off "00" ("-08:0" as some feeds send it); other cut-offs
    # ("+05:3") cannot be told apart from a typing error.
    if len(minutes) == 1:
        if minutes != "0":
            raise ValueError(f"{text!r} is not a time zone offset: write e.g. +01:00")
        minutes = "00"
    if int(hours) > 14 or int(minutes) > 59:
        raise ValueError(f"{text!r} is not a time zone offset")
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
    return dt.timezone(-delta if sign == "-" else delta)


def _minus_a_century(moment):
    try:
        return moment.replace(year=moment.year - 100)
    except ValueError:  # 29.02.00 in 1900, which was no leap year
        raise ValueError(f"{moment:%d.%m}.{moment.year - 100} is not a valid date") from None


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_date(value, today: dt.date | None = None) -> str:
    """A birth date: 31.12.1980, 1980-12-31, an Excel date -> '1980-12-31'.

    A two-digit year takes the century that makes a plausible birth date: 03.10.90 is 1990;
    01.02.05 is 2005 if that person would be at least MIN_AGE_YEARS old today (`today`, for
    tests), else 1905. A time given with the date (an Excel date-time, '1990-10-03 12:00:00',
    '03.10.1990 00:00') is dropped: the date is what counts.
    """
    moment, _, two_digit = _parts(value)
    born = moment.date()
    if two_digit and _age(born, today or dt.date.today()) < MIN_AGE_YEARS:
        born = _minus_a_century(born)
    return born.isoformat()


def parse_datetime(value, now: dt.datetime | None = None) -> str:
    """A date, or date and time, with or without offset -> ISO 8601 with offset.

    Without an offset the time is local time in DE/AT/CH; a date alone means its midnight.
    An event (a lead received, a consent given) with a two-digit year is in 20yy unless that
    lies in the future (after `now`, for tests), then in 19yy.
    """
    moment, offset, two_digit = _parts(value)
    if offset is not None:
        moment = moment.replace(tzinfo=offset)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TIMEZONE)
    if two_digit and moment > (now or dt.datetime.now(dt.timezone.utc)):
        moment = _minus_a_century(moment)
    return moment.isoformat()


@_cached
def parse_number(value) -> int | float:
    """35.000,00 / 35,000.00 / 35'000.- / 35000 -> 35000; a lone separator before exactly
    three digits is a thousands separator (prices and mileages have no third decimal)."""
    if isinstance(value, bool):
        raise ValueError(f"{as_text(value)!r} is not a number")
    if isinstance(value, (int, float)):
        return _tidy(value)
    original = parse_text(value)
    text = _TRAILING_DASH.sub("", _NUMBER_NOISE.sub("", original))
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{original!r} is not a number")
    dot, comma = text.rfind("."), text.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal = "." if dot > comma else ","
    elif dot >= 0 or comma >= 0:
        sep = "." if dot >= 0 else ","
        last = max(dot, comma)
        decimal = None if text.count(sep) > 1 or len(text) - last - 1 == 3 else sep
    else:
        decimal = None
    whole, _, fraction = text.rpartition(decimal) if decimal else (text, "", "")
    if not (_PLAIN_INTEGER.fullmatch(whole) or _GROUPED_INTEGER.fullmatch(whole)) or (
            decimal and not fraction.isdigit()):
        raise ValueError(f"{original!r} is not a number")
    return _tidy(float(re.sub(r"[.,]", "", whole) + "." + (fraction or "0")))


def _tidy(number: int | float) -> int | float:
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return int(number)
    return number


def price_currency(value) -> str | None:
    """The currency written in a price cell ('35.000 €' -> 'EUR', 'CHF 35'000.-' -> 'CHF')."""
    if not isinstance(value, str):
        return None
    key = fold_key(value)
    if "€" in value or "eur" in key:
        return "EUR"
    if "chf" in key or "fr" in key:
        return "CHF"
    return None


def parse_whole_number(value) -> int:
    """145.000 km, 145000, 145'000 -> 145000."""
    number = parse_number(_KM.sub("", value) if isinstance(value, str) else value)
    if not isinstance(number, int) and not float(number).is_integer():
        raise ValueError(f"{as_text(value)!r} is not a whole number")
    return int(number)


def parse_year(value) -> int:
    """2015, 2015.0, 03/2015 or an Excel date -> 2015."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, str):
        match = _YEAR_IN_DATE.fullmatch(value.strip())
        if match:
            return int(match.group(1))
    return parse_whole_number(value)


def parse_models(value) -> list[str]:
    """'Golf, Tiguan; Polo' -> ['Golf', 'Tiguan', 'Polo'] (order kept, repeats dropped)."""
    models = [m for m in _MODEL_SPLIT.split(parse_text(value)) if m]
    return list(dict.fromkeys(models))


def choice(aliases: dict[str, str], what: str, hint: str):
    """A parser for a fixed set of codes, each reachable by its folded German or English words."""
    table = {fold_key(alias): code for alias, code in aliases.items()}
    table.update({fold_key(code): code for code in aliases.values()})

    def parse(value) -> str:
        code = table.get(fold_key(parse_text(value)))
        if code is None:
            raise ValueError(f"{as_text(value)!r} is not a known {what}: use {hint}")
        return code
    return parse


parse_qualification = choice(
    {"Heiß": "hot", "Warm": "warm", "Kalt": "cold", "Junk": "junk", "Müll": "junk"},
    "qualification", "Heiß, Warm, Kalt or Junk (hot, warm, cold, junk)")
parse_purchase = choice(
    {"Neu": "new", "Neuwagen": "new", "Gebraucht": "used", "Gebrauchtwagen": "used",
     "Occasion": "used", "Vorführwagen": "demo", "Tageszulassung": "demo", "egal": "any",
     "beliebig": "any", "neu oder gebraucht": "any"},
    "kind of vehicle", "Neu, Gebraucht, Vorführwagen or egal (new, used, demo, any)")
parse_usage = choice(
    {"Kauf": "buy", "Kaufen": "buy", "purchase": "buy", "Leasing": "leasing", "lease": "leasing",
     "Miete": "rental", "Mieten": "rental", "rent": "rental", "Abo": "subscription",
     "Auto-Abo": "subscription", "Abonnement": "subscription"},
    "usage", "Kauf, Leasing, Miete or Abo (buy, leasing, rental, subscription)")
parse_financing = choice(
    {"Bar": "cash", "Barzahlung": "cash", "Kredit": "loan", "Finanzierung": "loan",
     "Ratenkauf": "loan", "finance": "loan", "Leasing": "leasing", "lease": "leasing",
     "offen": "undecided", "unentschieden": "undecided", "weiß nicht": "undecided"},
    "financing", "Bar, Kredit, Leasing or offen (cash, loan, leasing, undecided)")
parse_timeframe = choice(
    {"sofort": "immediately", "asap": "immediately", "3 Monate": "within_3_months",
     "innerhalb 3 Monate": "within_3_months", "6 Monate": "within_6_months",
     "innerhalb 6 Monate": "within_6_months", "12 Monate": "within_12_months",
     "innerhalb 12 Monate": "within_12_months", "1 Jahr": "within_12_months",
     "später": "later", "unbekannt": "unknown", "weiß nicht": "unknown"},
    "time frame", "sofort, 3 Monate, 6 Monate, 12 Monate, später or unbekannt")

def parse_country(value) -> str:
    """Country names and car-plate letters of the region -> ISO code; anything else as given
    (LeadInput then checks it is an ISO 3166-1 alpha-2 code)."""
    text = parse_text(value)
    return country_code(text) or text
