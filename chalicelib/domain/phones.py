"""Phone numbers as people write them, read into E.164 (libphonenumber's metadata, no network).

A national number ("0151 23456789") means different things in different countries: in Austria
it would be a Vienna landline, in Germany it is a mobile number. It is read in the person's
country when the address says which that is; without an address it is read in the tenant's
country, unless only a neighbouring country reads it as a mobile number, which is then the more
likely reading (mobile numbers are what forms ask for) and is reported as a reading to check.

phonenumbers (its metadata and patterns) is imported by the functions that read a number: the
routes that write a person load it, a cold start of the others does not.
"""
import re
from dataclasses import dataclass

from .text import clean_text

NEIGHBOURS = ("AT", "DE", "CH", "LI")
MIN_DIGITS = 9                      # national significant digits of a full DACH number
# Where the number ends and a note begins: "+43 664 1234567 (abends)", "0664 1234567 ab 18 Uhr".
_NOTE = re.compile(r"\s*(?:[(\[]\s*[^\W\d_]|[^\W\d_]{2,}|[,;]\s*\D).*$", re.DOTALL)
_LABEL = re.compile(r"^(?:tel(?:efon)?|phone|mobil|mobile|handy|fon)\b\.?\s*:?\s*", re.IGNORECASE)
# Digits and what people write between them; an area code or country code in brackets first too:
# (0664) 1234567, (+43) 664 1234567.
_DIALLABLE = re.compile(r"^\(?\+?\s*[0-9(][0-9 ()/.\-]*$")
_BRACKETED_COUNTRY = re.compile(r"^\(\+(\d{1,3})\)")
# The dashes a word processor or a signature puts between digits (0664–1234567), as hyphens.
_DASHES = str.maketrans({dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"})


def _typed(raw: str) -> str:
    """The text as typed on a keyboard: full-width digits and plus (＋43) and typographic dashes
    read as the characters they stand for."""
    import unicodedata

    return unicodedata.normalize("NFKC", clean_text(raw)).translate(_DASHES)


class PhoneError(ValueError):
    """Not a phone number, or not a valid one; the message says which and how it was read."""


@dataclass(frozen=True)
class PhoneReading:
    e164: str
    country: str
    doubt: str | None = None          # why this reading was a guess a person should check


def split_note(raw: str) -> tuple[str, str | None]:
    """('+43 664 1234567', 'abends') from '+43 664 1234567 (abends)'; (raw, None) without a note."""
    text = _LABEL.sub("", _typed(raw))
    match = _NOTE.search(text)
    if not match or match.start() == 0:
        return text, None
    number = text[:match.start()].rstrip(" /-.,;(")
    note = text[match.start():].strip(" ,;()[]")
    return (number, note or None) if _DIALLABLE.match(number) else (text, None)


def read_phone(raw: str, region: str, *, address_known: bool = True) -> PhoneReading:
    """Any common spelling (+43 664 ..., 0043 664 ..., 0664 ...) to E.164, read in `region`.

    With address_known=False, a national number that `region` cannot read, or reads as a
    landline where exactly one neighbour reads a mobile number, is taken in that neighbour's
    reading, with the doubt said (see the module note).
    """
    import phonenumbers

    mobile_type = phonenumbers.PhoneNumberType.MOBILE
    text = _LABEL.sub("", _typed(raw))          # "Tel. 0664 1234567", "Handy: +49 171 ..."
    if not _DIALLABLE.match(text) or sum(ch.isdigit() for ch in text) < 3:
        raise PhoneError("not a phone number (digits, spaces and + ( ) / . - only; "
                         "notes such as opening hours belong in the remark)")
    text = _BRACKETED_COUNTRY.sub(r"+\1 ", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    number = _parse(text, region)
    if text.startswith("+") or address_known:
        if number is None:
            raise PhoneError(f"not a valid phone number (read with default country {region})")
        return _reading(number, region)
    if number is not None and phonenumbers.number_type(number) == mobile_type:
        return _reading(number, region)
    others = [(country, n) for country in NEIGHBOURS if country != region if (n := _parse(text, country))]
    if number is None:
        # Short numbers are valid somewhere by accident; a neighbour's reading needs a full number.
        if len(others) != 1 or len(phonenumbers.national_significant_number(others[0][1])) < MIN_DIGITS:
            raise PhoneError(f"not a valid phone number (read with default country {region})")
        country, other = others[0]
        return _reading(other, country, f"read as a number of {country}: it is not one of {region}")
    mobile = [(country, n) for country, n in others if phonenumbers.number_type(n) == mobile_type]
    if len(mobile) == 1:
        country, other = mobile[0]
        return _reading(other, country, f"read as a mobile number of {country}; as a number of "
                                        f"{region} it would be the landline {_e164(number)}")
    return _reading(number, region)


def _reading(number, region: str, doubt: str | None = None) -> PhoneReading:
    import phonenumbers

    return PhoneReading(_e164(number), phonenumbers.region_code_for_number(number) or region, doubt)


def _e164(number) -> str:
    import phonenumbers

    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def country_of(e164: str) -> str | None:
    """The country an E.164 number belongs to (None if it is not one)."""
    import phonenumbers

    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None


def _parse(text: str, region: str):
    """The valid number the text spells in that region, or None."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None
