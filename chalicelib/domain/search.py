"""Free-text search tokens: folded words of name and city, compact e-mail and phone digits."""
import re

from .text import fold, words

MAX_TOKENS = 40
MAX_TOKEN_LENGTH = 64
MIN_QUERY_TERM = 2
_PHONE_QUERY = re.compile(r"^[+0-9][0-9 /().-]{3,}$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _compact(value: str) -> str:
    return _NON_ALNUM.sub("", fold(value))


def person_tokens(person: dict) -> list[str]:
    """Tokens stored for a lead or customer: folded words of name, company and town, the e-mail
    address and its local part, each phone's digits; a query term matches a token it starts."""
    tokens: list[str] = []
    for name in ("last_name", "first_name", "company", "city"):
        tokens.extend(words(person.get(name) or ""))
    email = person.get("email")
    if email:
        local, _, _domain = email.partition("@")
        tokens += [_compact(email), _compact(local)]
    for name in ("phone", "mobile_phone", "work_phone"):
        phone = person.get(name)
        if phone:  # E.164: "+436641234567" -> "436641234567" and the national "6641234567"
            digits = phone.lstrip("+")
            tokens.append(digits)
            tokens.extend(_national_forms(digits))
    unique = [t[:MAX_TOKEN_LENGTH] for t in dict.fromkeys(tokens) if len(t) >= MIN_QUERY_TERM]
    return unique[:MAX_TOKENS]



def contact_tokens(person: dict, phones: tuple[str, ...] = ("phone", "mobile_phone")) -> list[str]:
    """The tokens person_tokens stores for a person's e-mail address and phones (whole numbers):
    where the leads of the same person are found (domain/reinquiries.py)."""
    found = [_compact(person["email"])] if person.get("email") else []
    found += [person[name].lstrip("+") for name in phones if person.get(name)]
    return [t[:MAX_TOKEN_LENGTH] for t in dict.fromkeys(found) if len(t) >= MIN_QUERY_TERM]


def surname_token(person: dict) -> str | None:
    """The longest word of the last name, as person_tokens stores it."""
    found = [w[:MAX_TOKEN_LENGTH] for w in words(person.get("last_name") or "") if len(w) >= MIN_QUERY_TERM]
    return max(found, key=len) if found else None


def _national_forms(digits: str) -> list[str]:
    # Country codes of the region are 2 digits (43, 49, 41, 39...); 423 (LI) has 3.
    if digits.startswith("423"):
        return [digits[3:]]
    return [digits[2:]]


def query_terms(text: str) -> list[str]:
    """The terms of a search text, folded like the stored tokens."""
    text = text.strip()
    if _PHONE_QUERY.match(text) and sum(ch.isdigit() for ch in text) >= 4:
        digits = re.sub(r"\D", "", text)
        if text.startswith("+"):
            return [digits]
        if digits.startswith("00"):
            return [digits[2:]]
        return [digits.lstrip("0")]        # a national number typed with its trunk prefix 0
    if "@" in text:
        return [_compact(text)]
    return list(dict.fromkeys(words(text)))
