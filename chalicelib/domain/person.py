"""The person fields a lead and a customer share, and their validation rules."""
import datetime as dt
import re
from typing import Annotated, Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .countries import ISO_COUNTRIES, normalise_postal_code
from .text import clean_text

SALUTATIONS = ("mr", "ms", "mx", "family", "company")
# What people and exports actually write, folded to the codes above.
SALUTATION_ALIASES = {
    "herr": "mr", "hr": "mr", "hr.": "mr", "mr": "mr", "mr.": "mr",
    "frau": "ms", "fr": "ms", "fr.": "ms", "ms": "ms", "ms.": "ms", "mrs": "ms", "mrs.": "ms",
    "divers": "mx", "mx": "mx", "mx.": "mx",
    "familie": "family", "fam.": "family", "family": "family",
    "firma": "company", "fa.": "company", "company": "company",
}
# Academic and professional titles of DE/AT/CH, keyed by their folded spelling.
_TITLES = [
    "Dr.", "Prof.", "Univ.-Prof.", "Priv.-Doz.", "Mag.", "Mag.a", "MMag.", "DDr.", "Dr.in",
    "DI", "Dipl.-Ing.", "DI (FH)", "Dipl.-Ing. (FH)", "Ing.", "Dkfm.", "Dipl.-Kfm.", "Dipl.-Kffr.",
    "Dipl.-Vw.", "Dipl.-Psych.", "Dipl.-Inf.", "Dipl.-Betrw.", "Lic.", "KR", "Komm.-Rat",
    "BSc", "MSc", "BA", "MA", "MBA", "LL.M.", "PhD", "B.Eng.", "M.Eng.",
]
_TITLE_BY_KEY = {re.sub(r"[\s.\-()]", "", t).lower(): t for t in _TITLES}
_TITLE_SPLIT = re.compile(r"\s+|,\s*")

MIN_AGE_YEARS = 14
MAX_AGE_YEARS = 120


def _single_line(limit: int):
    def check(value: str) -> str:
        value = clean_text(value)
        if len(value) > limit:
            raise ValueError(f"at most {limit} characters")
        return value
    return AfterValidator(check)


ShortText = Annotated[str, Field(max_length=400), _single_line(100)]
LongText = Annotated[str, Field(max_length=800), _single_line(200)]


def normalise_salutation(value: str) -> str:
    code = SALUTATION_ALIASES.get(clean_text(value).lower())
    if code is None:
        raise ValueError(f"unknown salutation; use one of {', '.join(SALUTATIONS)}")
    return code


def normalise_title(value: str) -> str:
    """'dr dipl ing' -> 'Dr. Dipl.-Ing.'; each part must be a known title."""
    parts, out = [p for p in _TITLE_SPLIT.split(clean_text(value)) if p], []
    i = 0
    while i < len(parts):
        # Titles such as "DI (FH)" span two parts: try the longer match first.
        for span in (3, 2, 1):
            key = re.sub(r"[\s.\-()]", "", "".join(parts[i:i + span])).lower()
            if span <= len(parts) - i and key in _TITLE_BY_KEY:
                out.append(_TITLE_BY_KEY[key])
                i += span
                break
        else:
            raise ValueError(f"unknown academic title {parts[i]!r}; known: {', '.join(_TITLES)}")
    return " ".join(out)


def normalise_country(value: str) -> str:
    code = clean_text(value).upper()
    if code not in ISO_COUNTRIES:
        raise ValueError("not an ISO 3166-1 alpha-2 country code (e.g. AT, DE, CH)")
    return code


def normalise_email(value: str) -> str:
    try:
        return validate_email(clean_text(value), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid e-mail address: {exc}") from None


def normalise_phone(value: str, default_region: str) -> str:
    """Any common spelling (+43 664 ..., 0043 664 ..., 0664 ...) to E.164."""
    raw = clean_text(value)
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException:
        raise ValueError("not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"not a valid phone number (read with default country {default_region})")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_birth_date(value: dt.date, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if value > today:
        raise ValueError("lies in the future")
    if age < MIN_AGE_YEARS or age > MAX_AGE_YEARS:
        raise ValueError(f"implausible: the person would be {age} years old")
    return value


def _country_of(info: ValidationInfo) -> str:
    return (info.data or {}).get("country") or (info.context or {}).get("country") or "AT"


class Person(BaseModel):
    """Prospect or customer: the seed's 'Interessent' tab. Validation needs context['country']."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    salutation: Annotated[str, Field(max_length=20), AfterValidator(normalise_salutation)] | None = None
    title: Annotated[str, Field(max_length=100), AfterValidator(normalise_title)] | None = None
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    # Declared before the fields read in its rules, so validators see it in info.data.
    country: Annotated[str, Field(max_length=10), AfterValidator(normalise_country)] | None = None
    street: LongText | None = None
    postal_code: Annotated[str, Field(max_length=20)] | None = None
    city: ShortText | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None
    email: Annotated[str, Field(max_length=254), AfterValidator(normalise_email)] | None = None
    birth_date: Annotated[dt.date, AfterValidator(check_birth_date)] | None = None

    @field_validator("postal_code", "phone")
    @classmethod
    def _read_in_country(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Phone and postal code are read in the person's country, else the tenant's."""
        if value is None or not clean_text(value):
            return None
        country = _country_of(info)
        if info.field_name == "postal_code":
            return normalise_postal_code(value, country)
        return normalise_phone(value, country)

    @model_validator(mode="after")
    def _fill_country(self, info: ValidationInfo):
        if self.country is None:
            self.country = _country_of(info)
        # Empty strings mean "no value": keep one representation of absence.
        for name in type(self).model_fields:
            if getattr(self, name) == "":
                setattr(self, name, None)
        return self

    def has_contact(self) -> bool:
        has_address = bool(self.street and self.city and (self.postal_code or self.country))
        return bool(self.phone or self.email or has_address)


PERSON_FIELDS = tuple(Person.model_fields)
PersonField = Literal[
    "salutation", "title", "first_name", "last_name", "street", "postal_code",
    "city", "country", "phone", "email", "birth_date",
]
