"""The person fields a lead and a customer share, and their validation rules.

Validation context (pydantic's `context`):
  country  the tenant's country, for addresses and phone numbers given without one
  mode     "person" (default): someone typing, who gets an error and corrects;
           "machine": a sender that cannot correct (web form, portal, file), whose record-level
           gaps (no last name, no way to reach) are reported as problems instead of errors
  waive    record rules reported as problems instead of errors (an edit of a record that
           already broke them before: the person editing it may not know the missing value)
  problems a list the validators append doubts to ({"field", "given", "reason"}), e.g. a phone
           number whose country was a guess
  stored   an edited record's values as stored: a value a newer rule refuses passes unchanged
"""
import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator,
)
from pydantic_core import PydanticCustomError

from ..validation import NotANumber, Schema
from . import phones
from .countries import country_code, infer_country, normalise_postal_code
from .names import is_title_text
from .text import clean_text

SALUTATIONS = ("mr", "ms", "mx", "family", "company")
# What people, forms and exports actually write, folded to the codes above; None: no salutation.
SALUTATION_ALIASES = {
    "herr": "mr", "herrn": "mr", "hr": "mr", "hr.": "mr", "mr": "mr", "mr.": "mr", "sir": "mr",
    "frau": "ms", "fr": "ms", "fr.": "ms", "ms": "ms", "ms.": "ms", "mrs": "ms", "mrs.": "ms", "miss": "ms",
    # Romandy and Ticino
    "monsieur": "mr", "m.": "mr", "signor": "mr", "signore": "mr", "sig.": "mr", "sig": "mr",
    "madame": "ms", "mme": "ms", "mme.": "ms", "mademoiselle": "ms", "mlle": "ms", "mlle.": "ms",
    "signora": "ms", "sig.ra": "ms", "sigra": "ms", "signorina": "ms", "sig.na": "ms",
    "divers": "mx", "mx": "mx", "mx.": "mx", "d": "mx", "non-binary": "mx", "nichtbinär": "mx",
    "familie": "family", "fam.": "family", "fam": "family", "family": "family",
    "herr und frau": "family", "frau und herr": "family", "eheleute": "family", "ehepaar": "family",
    "mr and mrs": "family", "mr & mrs": "family", "mr. and mrs.": "family", "herr u. frau": "family",
    "firma": "company", "fa.": "company", "fa": "company", "company": "company", "unternehmen": "company",
    "keine angabe": None, "k.a.": None, "k. a.": None, "ka": None, "ohne": None, "ohne anrede": None,
    "-": None, "none": None, "not specified": None, "prefer not to say": None, "n/a": None,
}
# Academic and professional titles of DE/AT/CH, keyed by their folded spelling.
_TITLES = [
    "Dr.", "Prof.", "Univ.-Prof.", "Ao. Univ.-Prof.", "Priv.-Doz.", "PD", "Mag.", "Mag.a", "MMag.",
    "Mag. (FH)", "Mag.a (FH)", "DDr.", "Dr.in", "Dr. med.", "Dr. med. dent.", "Dr. med. vet.",
    "Dr. med. univ.", "Dr. rer. nat.", "Dr. rer. pol.", "Dr. rer. soc.", "Dr. phil.", "Dr. jur.",
    "Dr. iur.", "Dr. techn.", "Dr. mont.", "Dr. h.c.", "Dr.-Ing.", "Dr. theol.", "Dr. oec.",
    "DI", "Dipl.-Ing.", "DI (FH)", "Dipl.-Ing. (FH)", "Ing.", "Dkfm.", "Dipl.-Kfm.", "Dipl.-Kffr.",
    "Dipl.-Vw.", "Dipl.-Psych.", "Dipl.-Inf.", "Dipl.-Betrw.", "Dipl.-Wirt.-Ing.", "Dipl.-Päd.",
    "Bakk.", "Lic.", "lic. iur.", "lic. oec.", "KR", "Komm.-Rat", "Hofrat", "HR", "OStR", "RA",
    "BSc", "MSc", "BA", "MA", "MBA", "LL.M.", "LL.B.", "PhD", "B.Eng.", "M.Eng.", "MAS", "MEd",
    # Not degrees, but what tells junior and senior apart, and written where titles go.
    "jun.", "sen.", "Jr.", "Sr.",
]
_TITLE_BY_KEY = {re.sub(r"[\s.\-()]", "", t).lower(): t for t in _TITLES}
_TITLE_SPLIT = re.compile(r"\s+|,\s*")

MIN_AGE_YEARS = 14
MAX_AGE_YEARS = 120
PHONE_FIELDS = ("phone", "mobile_phone", "work_phone")


def _single_line(limit: int):
    def check(value: str) -> str:
        value = clean_text(value)
        if len(value) > limit:
            raise ValueError(f"at most {limit} characters")
        return value
    return AfterValidator(check)


ShortText = Annotated[str, Field(max_length=400), _single_line(100)]


def _has_letter(value: str, info: ValidationInfo) -> str:
    """A name is written in letters: "12345" or "---" in a name field is a slip, not a name. A
    record stored before this rule keeps its name through an edit that leaves it as it is (the
    context's `stored` values), so that it can still be worked."""
    if value and not any(ch.isalpha() for ch in value):
        if value != ((info.context or {}).get("stored") or {}).get(info.field_name):
            raise PydanticCustomError("name_without_letters", "a name needs at least one letter: {given} has none",
                                      {"given": value})
    return value


NameText = Annotated[ShortText, AfterValidator(_has_letter)]
LongText = Annotated[str, Field(max_length=800), _single_line(200)]


def normalise_salutation(value: str) -> str | None:
    folded = clean_text(value).lower()
    if folded not in SALUTATION_ALIASES:
        raise ValueError(f"unknown salutation; use one of {', '.join(SALUTATIONS)} (or Herr, Frau, Divers, "
                         "Familie, Firma, keine Angabe)")
    return SALUTATION_ALIASES[folded]


def normalise_title(value: str) -> str:
    """'dr dipl ing' -> 'Dr. Dipl.-Ing.'; each part must be a known title."""
    parts, out = [p for p in _TITLE_SPLIT.split(clean_text(value)) if p], []
    i = 0
    while i < len(parts):
        # Titles such as "Dr. med. dent." span several parts: try the longest match first.
        for span in (4, 3, 2, 1):
            key = re.sub(r"[\s.\-()]", "", "".join(parts[i:i + span])).lower()
            if span <= len(parts) - i and key in _TITLE_BY_KEY:
                out.append(_TITLE_BY_KEY[key])
                i += span
                break
        else:
            # The name splitter knows more spellings (faculties, diplomas, Austrian titles): a
            # title it recognises whole is kept as written.
            if is_title_text(value):
                return clean_text(value)
            raise ValueError(f"unknown academic title {parts[i]!r} (known are e.g. Dr., Dr. med., Mag., "
                             "Mag. (FH), DI, Dipl.-Ing., Ing., Prof., KommR, MBA)")
    return " ".join(out)


def normalise_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, also from a name people write (Österreich, Austria, A)."""
    code = country_code(clean_text(value))
    if code is None:
        raise ValueError("not a country: give an ISO 3166-1 alpha-2 code (e.g. AT, DE, CH) or its name")
    return code


def normalise_email(value: str) -> str:
    """Checked syntax (no DNS look-up), lower-cased whole: mail systems treat the local part
    case-insensitively in practice, and one spelling keeps duplicates findable."""
    # Imported here: its patterns take longer to compile than the rest of this module to load.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(clean_text(value), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid e-mail address: {exc}") from None


_NAMED_ADDRESS = re.compile(r"(?P<name>[^<>]*?)\s*<\s*(?P<address>[^<>\s]+)\s*>")


def mend_email(value: str) -> tuple[str, str | None] | None:
    """An e-mail address as senders almost write it, put right: a mail program's `Anna Huber
    <anna@example.at>` (the address, and the name it was written with), a page's `mailto:` link
    (without its ?subject=...), a sentence's full stop after it. None where nothing needs mending,
    or the mended text is no address either (then the value is kept as given, for review)."""
    given = clean_text(value)
    text, name = given, None
    if named := _NAMED_ADDRESS.fullmatch(text):
        text, name = named.group("address"), named.group("name").strip(" \"'") or None
    if text[:7].lower() == "mailto:":
        text = text[7:].split("?", 1)[0].strip()
    text = text.rstrip(".")
    if text == given:
        return None
    try:
        normalise_email(text)
    except ValueError:
        return None
    return text, name


def normalise_phone(value: str, default_region: str) -> str:
    """Any common spelling (+43 664 ..., 0043 664 ..., 0664 ...) to E.164."""
    return phones.read_phone(value, default_region).e164


def check_birth_date(value: dt.date, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if value > today:
        raise ValueError("lies in the future")
    if age < MIN_AGE_YEARS or age > MAX_AGE_YEARS:
        raise ValueError(f"implausible: the person would be {age} years old")
    return value


def _context(info: ValidationInfo) -> dict:
    return info.context or {}


def note_problem(info: ValidationInfo, field: str, given, reason: str, rule: str | None = None) -> None:
    """A doubt about a value that was stored (not an error): machine records show it for review.
    `rule` marks a gap of the whole record (no name, no way to reach), re-checked on every edit."""
    problems = _context(info).get("problems")
    if problems is not None:
        problems.append({"field": field, "given": given, "reason": reason, **({"rule": rule} if rule else {})})


def record_error(field: str, kind: str, message: str) -> PydanticCustomError:
    """An error of a rule over several fields, reported on the field a user should fix."""
    return PydanticCustomError(kind, message, {"field": field})


def _text(value) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _number_as_text(value):
    """A postal code or phone number sent as a JSON number (an export's integer column) is read
    as the digits it holds; a leading zero it lost is then a problem of that value, not of its type."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Digits = BeforeValidator(_number_as_text)
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
# Eight digits from 1800 on: a date written YYYYMMDD (19801231; beyond every Excel serial, 2,958,465).
COMPACT_DATE = re.compile(r"(1[89]\d\d|20\d\d)(\d\d)(\d\d)")


def _german_date(value):
    """31.12.1980 or 1.2.1980, as German, Austrian and Swiss forms write a date, is that date, and
    so is 19801231 (an export's date column without separators); a two-digit year is left to the
    date rules (which century is a person's to say). Any other number is left to NotANumber."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | str) and not isinstance(value, bool) \
            and (match := COMPACT_DATE.fullmatch(str(value).strip())):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif isinstance(value, str) and (match := _GERMAN_DATE.fullmatch(value.strip())):
        year, month, day = int(match[3]), int(match[2]), int(match[1])
    else:
        return value
    try:
        return dt.date(year, month, day)
    except ValueError as exc:       # 31.02.1980: refused, and said why
        raise PydanticCustomError("date_impossible", "{given} is no date: {reason}",
                                  {"given": str(value), "reason": str(exc)}) from None


class Person(Schema):
    """Prospect or customer: the seed's 'Interessent' tab, plus a company and three phones."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    salutation: Annotated[str, Field(max_length=40), AfterValidator(normalise_salutation)] | None = None
    title: Annotated[str, Field(max_length=100), AfterValidator(normalise_title)] | None = None
    first_name: NameText | None = None
    last_name: NameText | None = None
    company: LongText | None = None
    # Declared before the fields read in its rules, so validators see it in info.data.
    country: Annotated[str, Field(max_length=60), AfterValidator(normalise_country)] | None = None
    street: LongText | None = None
    postal_code: Annotated[str, Field(max_length=20), Digits] | None = None
    city: ShortText | None = None
    phone: Annotated[str, Field(max_length=60), Digits] | None = None
    mobile_phone: Annotated[str, Field(max_length=60), Digits] | None = None
    work_phone: Annotated[str, Field(max_length=60), Digits] | None = None
    email: Annotated[str, Field(max_length=254), AfterValidator(normalise_email)] | None = None
    # Before-validators run last first: a German or compact date is read, then other numbers refused.
    birth_date: Annotated[dt.date, NotANumber, BeforeValidator(_german_date), AfterValidator(check_birth_date)] | None = None
    # The context's problems list, as validation left it: doubts about values that were stored.
    _doubts: list = PrivateAttr(default_factory=list)

    @property
    def doubts(self) -> list[dict]:
        return list(self._doubts)

    @model_validator(mode="before")
    @classmethod
    def _salutation_in_title(cls, data):
        """English forms ask for the "Title" meaning Mr or Mrs: a salutation, not a degree."""
        if isinstance(data, dict) and isinstance(data.get("title"), str) and not data.get("salutation"):
            if clean_text(data["title"]).lower() in SALUTATION_ALIASES:
                data = {**data, "salutation": data["title"]}
                data.pop("title")
        return data

    @model_validator(mode="before")
    @classmethod
    def _infer_country(cls, data, info: ValidationInfo):
        """A missing country comes from the address (postal code, town), else an international
        phone number, else the tenant; phones are read in it only when the address said so."""
        given = data.get("country") if isinstance(data, dict) else None
        # A country sent as a number, list or object is the sender's to correct (the type check
        # says so), not a missing one to infer in its place.
        if not isinstance(data, dict) or _text(given) or not isinstance(given, str | None):
            if isinstance(data, dict) and info.context is not None:
                info.context["address_known"] = True
            return data
        intl = [phones.country_of(_international(data.get(f))) for f in PHONE_FIELDS if _international(data.get(f))]
        country, address_known = infer_country(
            postal_code=_text(data.get("postal_code")), city=_text(data.get("city")),
            phone_countries=[c for c in intl if c], default=_context(info).get("country") or "AT")
        if info.context is not None:
            info.context["address_known"] = address_known
        return {**data, "country": country}

    @field_validator("postal_code")
    @classmethod
    def _postal_code(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not clean_text(value):
            return None
        return normalise_postal_code(value, _country_of(info))

    @field_validator(*PHONE_FIELDS)
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Read in the person's country; see domain/phones.py for numbers without an address."""
        if value is None or not clean_text(value):
            return None
        reading = phones.read_phone(value, _country_of(info),
                                    address_known=_context(info).get("address_known", True))
        if reading.doubt:
            note_problem(info, info.field_name, value, reading.doubt)
        return reading.e164

    @model_validator(mode="after")
    def _empty_is_absent(self, info: ValidationInfo):
        # Empty strings mean "no value": keep one representation of absence.
        for name in type(self).model_fields:
            if getattr(self, name) == "":
                setattr(self, name, None)
        problems = _context(info).get("problems")
        if problems is not None:
            self._doubts = problems          # the same list: later rules' notes show too
        return self

    def has_name(self) -> bool:
        return bool(self.last_name or self.company)

    def has_contact(self) -> bool:
        has_address = bool(self.street and self.city and (self.postal_code or self.country))
        return bool(self.email or has_address or any(getattr(self, f) for f in PHONE_FIELDS))

    def identifies_someone(self) -> bool:
        """A name, a company, an e-mail address or a phone number: less identifies nobody."""
        return bool(self.last_name or self.first_name or self.company or self.email
                    or any(getattr(self, f) for f in PHONE_FIELDS))

    def check_record(self, info: ValidationInfo, *, needs_contact: bool) -> None:
        """The rules over several fields: refused for people, problems for machine senders."""
        context = _context(info)
        if not self.identifies_someone():
            raise record_error("last_name", "identifies_nobody",
                               "identifies nobody: give a name, a company, an e-mail address or a phone number")
        waived = set(context.get("waive") or ())
        rules = [("last_name", "missing_name", self.has_name(), "a last name (or a company) is needed")]
        if needs_contact:
            rules.append(("phone", "missing_contact", self.has_contact(),
                          "one way to reach the person is needed: phone, e-mail, or street with city"))
        for field, kind, met, message in rules:
            if met:
                continue
            if context.get("mode") == "machine" or kind in waived:
                note_problem(info, field, None, message, rule=kind)
            else:
                raise record_error(field, kind, message)


def _international(value) -> str | None:
    """An international spelling of a phone number as '+...', else None."""
    text = _text(value)
    if text.startswith("00"):
        return "+" + text[2:]
    return text if text.startswith("+") else None


def _country_of(info: ValidationInfo) -> str:
    return (info.data or {}).get("country") or _context(info).get("country") or "AT"


PERSON_FIELDS = tuple(Person.model_fields)
PersonField = Literal[
    "salutation", "title", "first_name", "last_name", "company", "street", "postal_code",
    "city", "country", "phone", "mobile_phone", "work_phone", "email", "birth_date",
]
