"""Web-form webhook payloads -> the lead fields the file readers produce, ready for LeadInput.

Three shapes real senders post: a generic form (JSON or a plain HTML form's urlencoded body,
read through the integration's field mapping and the import's German/English column names),
the Google Ads lead form webhook, and ADF XML (through the file import's ADF reader). As in the
file import, nothing a sender gave is lost: what has no field goes into the remark.
"""
import codecs
import functools
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qsl, quote

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from ..domain.names import split_full_name
from ..domain.person import PERSON_FIELDS, normalise_email
from ..errors import InvalidInputError, UnsupportedMediaTypeError
from ..validation import lone_surrogate_at, without_lone_surrogates
from .adf_xml import HEAD_BYTES, clean_prolog, open_adf, wide_encoding
from .columns import CURRENCY, FIELDS, MAX_CELL_CHARS, PRICE, Field, field_for, put
from .media_types import FORM_TYPE, JSON_TYPES, MULTIPART_TYPE
from .rows import FileFormatError, row_error
from .values import (
    as_text, choice, fold_key, parse_datetime, parse_models, parse_purchase, parse_timeframe,
    parse_usage, parse_yes_no, price_currency,
)

MAX_FIELDS = 200
MAX_JSON_DEPTH = 3  # "vehicle.interest.models" is as deep as a lead field goes
MAX_ODD_CHARS = 1_000  # of a value no field holds, what the remark shows (the raw payload keeps it all)
MAX_ADF_PROSPECTS = 100
# The trap fields a browser form may hide for bots (the README documents them). Only a browser's
# unsigned post has traps, and only at the top level of the form ("page.url" is data).
HONEYPOT_FIELDS = ("website", "url", "homepage", "hp", "honeypot", "_gotcha")
# Of those, the names a real form also uses for a company's site: next to a company they are data,
# unless the integration's mapping names them as its trap.
WEBSITE_TRAPS = frozenset({"website", "url", "homepage"})
# What form frameworks and captchas add to every post: tokens that say nothing about the person
# and would only fill the remark (a reCAPTCHA answer is 500 to 2,000 characters).
MACHINE_FIELDS = ("g-recaptcha-response", "h-captcha-response", "cf-turnstile-response", "frc-captcha-solution",
                  "captcha", "captcha_token", "recaptcha_token", "_token", "csrf_token", "csrfmiddlewaretoken",
                  "authenticity_token", "_wpnonce", "_wp_http_referer", "form_build_id", "form_token",
                  "__requestverificationtoken", "submit", "_submit", "action")

# Mapping targets besides the lead's field paths.
FULL_NAME, EXTERNAL_ID, IGNORE = "full_name", "external_id", "ignore"
HONEYPOT = "honeypot"
FIRST_NAME, LAST_NAME, SALUTATION, TITLE = "first_name", "last_name", "salutation", "title"
COMPANY = "company"
FIELD_BY_PATH = {f.path: f for f in FIELDS}
MAPPING_TARGETS = frozenset(FIELD_BY_PATH) | {FULL_NAME, EXTERNAL_ID, IGNORE, HONEYPOT}
# Names web forms use that the import's columns do not know.
FORM_ALIASES = {fold_key(alias): target for alias, target in {
    "Nachricht": "remark", "Ihre Nachricht": "remark", "Mitteilung": "remark",
    "Anfrage": "remark", "Ihre Anfrage": "remark", "Message": "remark", "Your message": "remark",
    "Full name": FULL_NAME, "Fullname": FULL_NAME, "Vollständiger Name": FULL_NAME,
    "Vor- und Nachname": FULL_NAME,
}.items()}
# A lone "Name" on a web form holds the whole name; next to a first-name field, the last name.
NAME_ALIASES = frozenset({fold_key("Name"), fold_key("Your name"), fold_key("Ihr Name")})
# Anyone can post a public HTML form: fields that decide how a lead is handled (its priority,
# deadline, owner and origin) are set only through an explicit mapping, never by a field name.
INTEGRATION_OWNED = frozenset({"qualification", "assignee", "source", "source_detail", "received_at"})
# A field name that names no field is read as the closest known name when it is one typo away
# (two for names longer than GUESS_SHORT_CHARS; a swap of two letters is one) and no name of
# another field is as close. Shorter names than GUESS_MIN_CHARS are never guessed: too many
# words lie one letter apart ("Ort", "Art").
GUESS_MIN_CHARS, GUESS_SHORT_CHARS = 4, 6
# Names forms use for values that have no field: known, so that a typo is not read as a field
# they are close to ("Telefax" is no "Telefon").
NO_FIELD_NAMES = ("Fax", "Telefax", "Faxnummer", "Webseite", "Homepage", "Website", "Betreff", "Subject")
# What identifies a person (domain.person: a name, a company, an e-mail address or a phone).
IDENTIFYING = ("first_name", "last_name", "company", "email", "phone", "mobile_phone", "work_phone")
PHONE_LIKE = re.compile(r"\+?[0-9][0-9 ()/.\-]*")


class WebformPayloadError(FileFormatError):
    """The body cannot be read as a form submission at all; `detail` says why, safe to show."""


class OddValue(str):
    """A value no form field can hold: a JSON object nested deeper than a lead field or a list of
    objects or lists (as compact JSON text cut to MAX_ODD_CHARS), or a file a multipart form
    uploaded (its file name). Kept in the remark, never read into a field, so that one odd field
    costs the sender nothing."""

    @classmethod
    def of(cls, value) -> "OddValue":
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except RecursionError:       # as deep as the parser allows: too deep to show
            text = "(nested too deeply to show)"
        return cls(text if len(text) <= MAX_ODD_CHARS else text[:MAX_ODD_CHARS - 1] + "…")


@dataclass(slots=True)
class WebformLead:
    """One lead of a webhook delivery.

    fields: the lead in the API's shape (as ImportRow.fields), for LeadInput.model_validate.
    errors: values that could not be read into their field, as row_error() makes them:
        {"field", "column", "message", "given", "fatal"}. The field stays empty and `given` holds
        the value as sent (not copied into the remark: the service keeps it with the lead's
        problems), so the lead can still be stored. Also a value that was read by a guess (a
        field name with a typo, an unmapped e-mail address standing in): the field holds it and
        the error says what was guessed, for a person to review.
    spam: a honeypot field was filled (the lead is to become junk, not to be dropped).
    external_id: the sender's id of the lead (Google lead_id, ADF source:id) for idempotency.
    is_test: the sender marked it as a test (Google's is_test): acknowledge, do not store.
    meta: what describes the delivery rather than the person (campaign ids, unmapped fields).
    """

    fields: dict
    errors: list[dict] = field(default_factory=list)
    spam: bool = False
    external_id: str | None = None
    is_test: bool = False
    meta: dict = field(default_factory=dict)


# -- reading a body


def _charset(charset: str | None) -> str | None:
    """A declared charset that is a text encoding, folded by codecs ("latin1", "windows-1252");
    "hex", "rot13", "zlib" are codecs, not charsets."""
    if charset is None:
        return None
    try:
        info = codecs.lookup(charset)
    except LookupError:
        info = None
    if info is None or not info._is_text_encoding:
        raise UnsupportedMediaTypeError(f"unknown charset {charset!r}: send the form as UTF-8")
    return info.name


class _Repeated(list):
    """The values of a name a JSON object gives twice ({"nachname": "A", "nachname": "B"})."""


def _keep_repeated(pairs: list[tuple]) -> dict:
    """An object's members, a name given twice keeping both values (as a form's repeated field
    does), where json keeps the last one without a word."""
    out: dict = {}
    for key, value in pairs:
        if key not in out:
            out[key] = value
        elif isinstance(out[key], _Repeated):
            out[key].append(value)
        else:
            out[key] = _Repeated([out[key], value])
    return out


def load_json_object(body: bytes, charset: str | None = None, *, repeated: bool = False) -> dict:
    """A JSON body that must be an object, in UTF-8 or the charset its sender declared (an old
    system's "charset=windows-1252"); WebformPayloadError says what is wrong with it. `repeated`:
    a name given twice in an object keeps both values."""
    encoding = _charset(charset)
    try:
        data = json.loads(body.decode("utf-8-sig" if encoding in (None, "utf-8") else encoding),
                          object_pairs_hook=_keep_repeated if repeated else None)
    except UnicodeDecodeError as exc:
        raise WebformPayloadError(f"the body is not {encoding or 'UTF-8'} (byte {exc.start})") from None
    except RecursionError:
        # json raises it for deeply nested arrays, which would otherwise be a 500.
        raise WebformPayloadError("the JSON body is nested too deeply") from None
    except ValueError as exc:
        raise WebformPayloadError(f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise WebformPayloadError(f"the JSON body must be an object, not {_json_kind(data)}")
    return data


class FormValues(dict):
    """A form's fields by name; `misread_encoding`: the body was to be UTF-8 (so declared, or JSON,
    which is UTF-8 by its standard) but held bytes that are not, and was read as Windows-1252."""
    misread_encoding: bool = False


# A form or JSON body in Windows-1252 that is to be UTF-8: read in Windows-1252, the lead flagged.
MISREAD_FORM_ENCODING = ("the delivery is not UTF-8 as it says: read as Windows-1252; "
                         "check the umlauts and ß of this lead")


def parse_form_body(body: bytes, content_type: str | None) -> FormValues:
    """The submitted fields of a JSON object, a urlencoded or a multipart form; repeated names -> lists.

    A body that is to be UTF-8 but holds bytes that are not (an old site or CMS writing
    Windows-1252 under "charset=utf-8") is read as Windows-1252 and said so (misread_encoding),
    as an ADF document is (map_adf): a sender cannot re-encode and resend, and the delivery as
    sent is kept with the lead."""
    media_type, charset = _media_type(content_type)
    misread = False
    if media_type in JSON_TYPES or media_type.endswith("+json") or (
            # A JSON object sent as a form (curl -d's default type): read as the JSON it is, rather
            # than as one field named after the whole object, which identifies nobody.
            media_type == FORM_TYPE and _json_object_text(body)):
        if _charset(charset) in (None, "utf-8"):
            body, misread = _as_utf8(body)
            charset = None
        values: dict = {}
        _flatten(load_json_object(body, charset, repeated=True), "", 1, values)
    elif media_type == FORM_TYPE:
        values, misread = _urlencoded(body, charset)
    elif media_type == MULTIPART_TYPE:
        values, misread = _multipart(body, content_type)
    else:
        raise UnsupportedMediaTypeError(f"a form is read from {JSON_TYPES[0]}, {FORM_TYPE} or {MULTIPART_TYPE}, "
                                        f"not {media_type or 'a body without type'}")
    if len(values) > MAX_FIELDS:
        raise WebformPayloadError(f"the form has {len(values)} fields; at most {MAX_FIELDS} are read")
    # A field beyond a spreadsheet cell's limit (a pasted e-mail thread in the message) is cut
    # there and goes to review (flag_mended), the lead kept: a sender cannot shorten and resend,
    # and the delivery as sent is kept with the lead.
    values = {name: [_cut(text) for text in value] if isinstance(value, list) else _cut(value)
              for name, value in values.items()}
    # Half a UTF-16 pair (JSON's "\\ud800" alone, an emoji a form cut in two, or a charset such as
    # UTF-7) is no character and no text can be stored with it: it becomes U+FFFD, and the field
    # it is in goes to review (flag_mended); the delivery as sent is kept with the lead.
    out = FormValues(without_lone_surrogates(values))
    out.misread_encoding = misread
    return out


def _as_utf8(body: bytes) -> tuple[bytes, bool]:
    """The body as UTF-8 (a BOM taken off), and whether it had to be read as Windows-1252. UTF-16
    (a BOM or NUL bytes) is no Windows-1252 text either: it is left to be refused as not UTF-8."""
    body = body.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
        return body, False
    except UnicodeDecodeError:
        if b"\x00" in body or body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return body, False
        return body.decode("cp1252", errors="replace").encode("utf-8"), True


def _json_object_text(body: bytes) -> bool:
    """Whether a body begins and ends as a JSON object does (a form's fields never do)."""
    text = body.strip()
    return text.startswith(b"{") and text.endswith(b"}")


MENDED = "held half a character (a lone UTF-16 surrogate, e.g. an emoji cut in two), shown as \ufffd"
CUT_MARK = " [\u2026]"
CUT = f"longer than {MAX_CELL_CHARS:,} characters: cut there (the delivery as sent is kept with the lead)"


def _cut(text):
    return text[:MAX_CELL_CHARS] + CUT_MARK if isinstance(text, str) and len(text) > MAX_CELL_CHARS else text


def flag_mended(lead: WebformLead) -> WebformLead:
    """A person reviews each field where half a character was replaced, or that was cut at a
    cell's limit (parse_form_body)."""
    named = {e.get("field") for e in lead.errors}
    for name, value in lead.fields.items():
        if not isinstance(value, str) or name in named:
            continue
        if len(value) == MAX_CELL_CHARS + len(CUT_MARK) and value.endswith(CUT_MARK):
            lead.errors.append(row_error(name, name, CUT, given=value))
        elif "\ufffd" in value:
            lead.errors.append(row_error(name, name, MENDED, given=value))
    return lead


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    kind, *params = (content_type or "").split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return kind.strip().lower(), charset


def _flatten(obj: dict, prefix: str, depth: int, values: dict) -> None:
    """Nested objects become dotted names ({"consent": {"email": true}} -> "consent.email"); what
    no form field can hold (deeper objects, lists of objects) is kept as an OddValue."""
    for key, value in obj.items():
        name = prefix + key
        if isinstance(value, _Repeated):             # a name given twice: each value, as a form's
            for item in value:
                _flatten({key: item}, prefix, depth, values)
            continue
        if isinstance(value, dict) and depth >= MAX_JSON_DEPTH or (
                isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)):
            _add(values, name, OddValue.of(value))
        elif isinstance(value, dict):
            _flatten(value, name + ".", depth + 1, values)
        elif isinstance(value, list):
            items = [_json_text(item) for item in value]
            values[name] = _as_list(values.get(name, [])) + items
        else:
            _add(values, name, _json_text(value))


class YesNo(str):
    """A JSON true or false: a box ticked (consent, test drive), never a name, an address or a
    number to call; in such a field it is kept as given and flagged, not read."""


YES_NO_IN_TEXT = "a yes/no value where a text is expected: not read"


def _json_text(value) -> str:
    if isinstance(value, bool):
        return YesNo("true" if value else "false")
    return as_text(value)


def _json_kind(value) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")


def _urlencoded(body: bytes, charset: str | None) -> tuple[dict[str, str | list[str]], bool]:
    """A urlencoded body in its declared charset; without one (browsers send none), each name
    and value as UTF-8, or as Windows-1252 where it is not valid UTF-8 (a Latin-1 page posts
    "M%FCller"). A body declared UTF-8 that is not is read so too, and said so (the bool)."""
    if _charset(charset) == "utf-8":
        try:
            parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict",
                      max_num_fields=MAX_FIELDS)
        except UnicodeError:
            return _urlencoded(body, None)[0], True
        except ValueError:
            pass                        # too many fields: said below
    try:
        if charset is None:
            # Latin-1 maps each byte to one character: the bytes, to be decoded one field at a time.
            pairs = [(_utf8_else_cp1252(name), _utf8_else_cp1252(value)) for name, value in parse_qsl(
                body.decode("latin-1"), keep_blank_values=True, encoding="latin-1",
                max_num_fields=MAX_FIELDS)]
        else:
            pairs = parse_qsl(body.decode(charset), keep_blank_values=True, encoding=charset,
                              errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeError:
        raise WebformPayloadError(f"the form is not {charset}: send it as UTF-8 "
                                  '(<form accept-charset="UTF-8">)') from None
    except ValueError:
        raise WebformPayloadError(f"the form has more than {MAX_FIELDS} fields") from None
    values: dict = {}
    for name, value in pairs:
        # PHP-style names for several values ("modelle[]") name one field.
        _add(values, name.removesuffix("[]"), value)
    return values, False


def _multipart(body: bytes, content_type: str) -> tuple[dict[str, str | list[str]], bool]:
    """A multipart/form-data body (RFC 7578), read by the standard library's MIME parser. A file
    part is not kept (the raw payload has it): its field and file name go into the remark. A text
    part is read in its declared charset, else as a urlencoded field is (UTF-8, else Windows-1252)."""
    message = BytesParser(policy=policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise WebformPayloadError("the multipart form cannot be split into its fields (is its boundary given?)")
    values: dict = {}
    misread = False
    for number, part in enumerate(message.iter_parts(), 1):
        if number > MAX_FIELDS:
            raise WebformPayloadError(f"the form has more than {MAX_FIELDS} fields")
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            continue
        if part.get_param("filename", header="content-disposition") is not None:
            _add(values, name.removesuffix("[]"), OddValue(part.get_filename() or "(Datei ohne Namen)"))
            continue
        data, charset = part.get_payload(decode=True) or b"", part.get_content_charset()
        if charset and _known_charset(charset) == "utf-8":
            data, mended = _as_utf8(data)
            misread = misread or mended
        try:
            text = data.decode(charset) if charset else _utf8_else_cp1252(data.decode("latin-1"))
        except (LookupError, UnicodeDecodeError):
            raise WebformPayloadError(f"the form field {name!r} is not {charset}: send the form as UTF-8") from None
        _add(values, name.removesuffix("[]"), text)
    return values, misread


def _known_charset(charset: str) -> str | None:
    """The codec's name of a charset, None for one Python does not know (the part says so later)."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _utf8_else_cp1252(latin1: str) -> str:
    data = latin1.encode("latin-1")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Decoding as Windows-1252 never fails, so UTF-8 goes first (see STYLE: no mojibake);
        # its five unassigned bytes become U+FFFD.
        return data.decode("cp1252", errors="replace")


def _add(values: dict, name: str, value: str) -> None:
    if name not in values:
        values[name] = value
    elif isinstance(values[name], list):
        values[name].append(value)
    else:
        values[name] = [values[name], value]


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else [value]


# -- one lead's fields, as they are read


class _Lead:
    """Collects one lead's values by API path, the remark's lines and what could not be read."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self.remark: list[str] = []  # the person's own message comes first
        self.extra: list[str] = []  # then "name: value" for everything without a field
        self.errors: list[dict] = []
        self.price_text: str | None = None
        self.full_names: list[tuple[str, list[str]]] = []

    def keep(self, name: str, texts: list[str]) -> None:
        self.extra.append(f"{name}: {', '.join(texts)}")

    def read(self, f: Field, name: str, texts: list[str], parse=None) -> None:
        if f.path == "remark":
            self.remark.extend(texts)
        elif f.path in self.values:
            # A second field for the same value (Telefon and Tel.) goes into the remark.
            self.keep(name, texts)
        else:
            try:
                self.values[f.path] = _parse(parse or f.parse, texts)
            except ValueError as exc:
                self.errors.append(row_error(f.path, name, str(exc), given=", ".join(texts)))
                return
            if len(set(texts)) > 1 and (parse or f.parse) not in (parse_yes_no, parse_models):
                # nachname=Erst&nachname=Zweit: a field of one value sent with several, each kept.
                self.errors.append(row_error(f.path, name, f"sent {len(texts)} times with different values; "
                                             "kept together: which is right?", given=", ".join(texts)))
            if f.path == PRICE:
                self.price_text = " ".join(texts)

    def read_full_name(self, name: str, texts: list[str]) -> None:
        # Read after every other field, whatever the order of the form's fields.
        self.full_names.append((name, texts))

    def _split_full_names(self) -> None:
        """Each whole name into first and last name (or the company), where the form gave none;
        its salutation and title only where the form gave none. Otherwise it is kept."""
        for name, texts in self.full_names:
            parts = split_full_name(" ".join(texts))
            if parts.salutation == "company":
                if COMPANY in self.values or not parts.last_name:
                    self.keep(name, texts)
                    continue
                self.values[COMPANY] = parts.last_name
                if FIRST_NAME not in self.values and LAST_NAME not in self.values:
                    self.values.setdefault(SALUTATION, parts.salutation)
                continue
            if FIRST_NAME in self.values or LAST_NAME in self.values or not parts.last_name:
                self.keep(name, texts)
                continue
            named = {FIRST_NAME: parts.first_name, LAST_NAME: parts.last_name,
                     SALUTATION: parts.salutation, TITLE: parts.title}
            for path, value in named.items():
                if value:
                    self.values.setdefault(path, value)
        self.full_names.clear()

    def stand_in(self, unmapped: list[tuple[str, list[str]]]) -> None:
        """The last resort: where no field identifies the person, an unmapped value that is an
        e-mail address (or else one that looks like a phone number) is read as the e-mail (or
        phone) instead of losing the lead, and flagged. The phone's country is checked later."""
        self._split_full_names()
        if any(self.values.get(path) for path in IDENTIFYING):
            return
        for path, label, looks_like in (("email", "e-mail address", _is_email), ("phone", "phone number", _is_phone)):
            found = next(((name, texts[0]) for name, texts in unmapped if len(texts) == 1 and looks_like(texts[0])), None)
            if found:
                name, text = found
                self.values[path] = text
                self.extra.remove(f"{name}: {text}")
                self.errors.append(row_error(path, name, f"no field names the person: the {label} given as "
                                             f"{name!r} was read as the {path.replace('_', ' ')}", given=text))
                return

    def fields(self) -> dict:
        self._split_full_names()
        values = dict(self.values)
        if PRICE in values and CURRENCY not in values:
            if currency := price_currency(self.price_text):
                values[CURRENCY] = currency
        if remark := "\n".join(self.remark + self.extra):
            values["remark"] = remark
        fields: dict = {}
        for path, value in values.items():
            put(fields, path, value)
        return fields


def _parse(parse, texts: list[str]):
    if parse is parse_yes_no:
        answers = [parse_yes_no(text) for text in texts]  # all parsed, so a bad one is reported
        return any(answers)
    if parse is parse_models:
        return list(dict.fromkeys(m for text in texts for m in parse_models(text)))
    return parse(", ".join(texts))


def _is_email(text: str) -> bool:
    try:
        normalise_email(text)
    except ValueError:
        return False
    return True


def _is_phone(text: str) -> bool:
    return bool(PHONE_LIKE.fullmatch(text)) and 6 <= sum(c.isdigit() for c in text) <= 15


def _texts(value) -> list[str]:
    """The non-blank values of a field, stripped, each once; a message keeps its inner line breaks.
    A form that posts a field twice with one value (a hidden copy of the e-mail field, a page
    builder's duplicate input) gave that value, not "a@b.at, a@b.at", which is no e-mail address."""
    return list(dict.fromkeys(text for text in (as_text(v).strip() for v in _as_list(value)) if text))


# -- generic forms


def check_mapping(mapping: dict[str, str]) -> None:
    """Refuse a field mapping that names no lead field (when an integration is configured)."""
    errors = [{"field": f"field_mapping.{name}", "message": f"unknown lead field {target!r}",
               "type": "unknown_target"}
              for name, target in mapping.items() if target not in MAPPING_TARGETS]
    if len(mapping) > MAX_FIELDS:
        errors.append({"field": "field_mapping", "message": f"at most {MAX_FIELDS} fields",
                       "type": "too_long"})
    if errors:
        raise InvalidInputError("the field mapping names unknown lead fields", errors)


def map_generic_form(values: dict, mapping: dict[str, str] | None = None, *, traps: bool = True,
                     honeypot_fields: Iterable[str] = HONEYPOT_FIELDS) -> WebformLead:
    """A form submission read through the integration's mapping, then the import's column names.

    mapping: form field name -> lead field path ("nachricht" -> "remark"), or one of
    "full_name" (split by domain.names.split_full_name into salutation, title, first and last
    name, or a company), "external_id" (the sender's submission id),
    "honeypot" (the form's own trap field) and "ignore" (e.g. a CSRF token). Names match
    folded (case, umlauts, punctuation). Without a mapping, the import's column names apply,
    except for the fields an integration owns (INTEGRATION_OWNED), which stay in the remark.

    traps: whether a bot can fill the form's fields (a browser's unsigned post). Only then is a
    filled top-level trap field (the mapping's, or one of `honeypot_fields`) a spam signal; a
    website field next to a company is the company's unless the mapping names it as a trap.
    A signed server's post has no traps: their values are kept like any unmapped field.

    A name that names no field exactly is read as the closest known name (the mapping's, the
    import's columns, the form aliases) when it is unambiguously one typo away (see _closest);
    where still nothing names the person, an unmapped e-mail address or phone number stands in
    (_Lead.stand_in). Both are reported in `errors`, so the lead is flagged for review.
    """
    mapped = {fold_key(name): IGNORE for name in MACHINE_FIELDS}
    mapped.update({fold_key(name): target for name, target in (mapping or {}).items()})
    honeypots = {fold_key(name) for name in honeypot_fields}
    targets = {name: _target(name, mapped, honeypots) for name in values}
    guesses = {name: guess for name, target in targets.items() if target is None and not _is_odd(values[name])
               if (guess := _closest(name, mapped, honeypots))}
    targets.update({name: target for name, (target, _) in guesses.items()})
    read_as = {name: guesses[name][1] if name in guesses else name for name in values}
    for name, target in targets.items():
        if target == HONEYPOT and not (traps and _top_level(name)):
            targets[name] = None
    if FIRST_NAME not in targets.values():
        targets.update({name: FULL_NAME for name in targets if fold_key(read_as[name]) in NAME_ALIASES
                        and targets[name] == LAST_NAME and fold_key(name) not in mapped})
    lead, meta = _Lead(), {}
    external_id, unmapped, filled_traps = None, [], []
    for name, value in values.items():
        texts, target = _texts(value), targets[name]
        if _is_odd(value):
            unmapped.append(name)
            lead.keep(name, texts)
        elif target == HONEYPOT:
            if texts:
                filled_traps.append(name)
                lead.keep(name, texts)  # an autofilled honeypot may be a real person's data
        elif not texts or target == IGNORE:
            continue
        elif (target in PERSON_FIELDS or target == FULL_NAME) and any(isinstance(v, YesNo) for v in _as_list(value)):
            lead.errors.append(row_error(target if target in FIELD_BY_PATH else None, name, YES_NO_IN_TEXT,
                                         given=", ".join(texts)))
        elif target == EXTERNAL_ID:
            external_id = texts[-1]
        elif target == FULL_NAME:
            lead.read_full_name(name, texts)
        elif target is not None:
            _read_mapped(lead, name, texts, target)
        else:
            unmapped.append(name)
            lead.keep(name, texts)
        if name in guesses and texts:
            lead.errors.append(row_error(target if target in FIELD_BY_PATH else None, name,
                                         f"no field is named {name!r}: read as {read_as[name]!r}, "
                                         "the closest known name", given=", ".join(texts)))
    if unmapped:
        meta["unmapped"] = unmapped
    if getattr(values, "misread_encoding", False):
        lead.errors.append(row_error(None, None, MISREAD_FORM_ENCODING))
    lead.stand_in([(name, _texts(values[name])) for name in unmapped if not _is_odd(values[name])])
    fields = lead.fields()
    sprung = [name for name in filled_traps if fold_key(name) in mapped
              or not (fold_key(name) in WEBSITE_TRAPS and fields.get(COMPANY))]
    if sprung:
        meta["honeypot"] = sprung[0]
    return WebformLead(fields, lead.errors, spam=bool(sprung), external_id=external_id, meta=meta)


def _is_odd(value) -> bool:
    return any(isinstance(v, OddValue) for v in _as_list(value))


@functools.cache
def _known_names() -> dict[str, tuple[str, str | None]]:
    """Every name a form field is read by, folded -> (as written, target); target None for the
    names that are known to hold no field (the integration-owned ones, NO_FIELD_NAMES)."""
    names: dict[str, tuple[str, str | None]] = {}
    for f in FIELDS:
        for name in (f.path, *f.aliases):
            names[fold_key(name)] = (name, None if f.path in INTEGRATION_OWNED else f.path)
    names.update({key: (key, target) for key, target in FORM_ALIASES.items()})
    names.update({fold_key(name): (name, None) for name in NO_FIELD_NAMES})
    names.update({fold_key(name): (name, HONEYPOT) for name in HONEYPOT_FIELDS})
    names.update({fold_key(name): (name, IGNORE) for name in MACHINE_FIELDS})
    return names


def _closest(name: str, mapped: dict[str, str], honeypots: set[str]) -> tuple[str, str] | None:
    """(target, the known name it was read as) for a field name one typo from exactly one
    field's names, or None. Never a trap, a token or a field the integration owns."""
    key = fold_key(name.rsplit(".", 1)[-1])
    if len(key) < GUESS_MIN_CHARS:
        return None
    allowed = 1 if len(key) <= GUESS_SHORT_CHARS else 2
    names = {**_known_names(), **{k: (k, t) for k, t in mapped.items()}, **{k: (k, HONEYPOT) for k in honeypots}}
    nearest: dict[str | None, tuple[int, str]] = {}      # target -> (distance, name) of its closest name
    for known, distance, _ in process.extract(key, list(names), scorer=DamerauLevenshtein.distance,
                                              score_cutoff=allowed + 1, limit=None):
        written, target = names[known]
        if target not in nearest or distance < nearest[target][0]:
            nearest[target] = (distance, written)
    ranked = sorted(nearest.items(), key=lambda item: item[1][0])
    if not ranked or ranked[0][1][0] > allowed or (len(ranked) > 1 and ranked[1][1][0] == ranked[0][1][0]):
        return None
    target, (_, written) = ranked[0]
    if target not in FIELD_BY_PATH and target != FULL_NAME:
        return None
    return target, written


def _top_level(name: str) -> bool:
    """A field of the form itself, not one nested in an object ("page.url", "page[url]")."""
    return "." not in name and "[" not in name


def _target(name: str, mapped: dict[str, str], honeypots: set[str]) -> str | None:
    """What a form field is read into: the mapping's target, a honeypot, a known name, or None."""
    key = fold_key(name)
    if key in mapped:
        return mapped[key]
    if key in honeypots:
        return HONEYPOT
    if key in FORM_ALIASES:
        return FORM_ALIASES[key]
    f = field_for(name)
    if f is None and "." in name:
        # A nested JSON form ({"kontakt": {"vorname": ...}}) arrives as "kontakt.vorname": when the
        # whole path names no field, its last part may ("vorname").
        return _target(name.rsplit(".", 1)[1], mapped, honeypots)
    return f.path if f and f.path not in INTEGRATION_OWNED else None


def _read_mapped(lead: _Lead, name: str, texts: list[str], target: str) -> None:
    f = FIELD_BY_PATH.get(target)
    if f is None:
        # A field without a target: kept in the remark like an unmapped one, and reported so
        # that the integration's stale mapping gets fixed.
        lead.errors.append(row_error(None, name, f"the mapping names an unknown lead field {target!r}",
                                     given=", ".join(texts)))
        lead.keep(name, texts)
    else:
        lead.read(f, name, texts)


# -- Google Ads lead forms

# Google's answers are English words; the import's parsers know the German ones and the codes.
_google_purchase = choice(
    {"Pre-owned": "used", "Certified pre-owned": "used", "CPO": "used", "Either": "any",
     "Both": "any", "New or used": "any", "Not sure": "any"},
    "kind of vehicle", "new, used or either")
_google_timeframe = choice(
    {"Immediately": "immediately", "Now": "immediately", "Within a week": "immediately",
     "Within a month": "within_3_months", "1 month": "within_3_months",
     "1-3 months": "within_3_months", "Within 3 months": "within_3_months",
     "3-6 months": "within_6_months", "Within 6 months": "within_6_months",
     "6-12 months": "within_12_months", "Within a year": "within_12_months",
     "Within 12 months": "within_12_months", "More than a year": "later",
     "Over a year": "later", "Later": "later", "Not sure": "unknown", "Just browsing": "unknown"},
    "time frame", "immediately, within 3/6/12 months, later or not sure")


def _first_of(*parsers):
    """A parser trying each in turn; the first one's message if none reads the value."""
    def parse(value):
        first_error = None
        for p in parsers:
            try:
                return p(value)
            except ValueError as exc:
                first_error = first_error or exc
        raise first_error
    return parse


# column_id -> (lead field path, parser or None for the field's own).
GOOGLE_COLUMNS: dict[str, tuple[str, object]] = {
    "FIRST_NAME": ("first_name", None),
    "LAST_NAME": ("last_name", None),
    "EMAIL": ("email", None),
    "PHONE_NUMBER": ("phone", None),
    "WORK_PHONE": ("work_phone", None),
    "COMPANY_NAME": ("company", None),
    "POSTAL_CODE": ("postal_code", None),
    "CITY": ("city", None),
    "COUNTRY": ("country", None),
    "STREET_ADDRESS": ("street", None),
    "VEHICLE_MODEL": ("vehicle.interest.models", None),
    "VEHICLE_CONDITION": ("vehicle.next.purchase", _first_of(parse_purchase, _google_purchase)),
    "VEHICLE_PURCHASE_TIMELINE": ("vehicle.next.timeframe", _first_of(parse_timeframe, _google_timeframe)),
    "VEHICLE_PAYMENT_TYPE": ("vehicle.next.usage", parse_usage),
}
# Used only when the form has no EMAIL: read after every other column. (A work phone has a
# field of its own.)
GOOGLE_FALLBACKS = {"WORK_EMAIL": "email"}
GOOGLE_META = ("campaign_id", "form_id", "gcl_id", "adgroup_id", "creative_id", "asset_group_id",
               "api_version", "lead_stage")


def google_key(payload: dict) -> str | None:
    """The key Google sends to authenticate a lead (`google_key`, in whatever case)."""
    for name, value in payload.items():
        # A key with half a character in it is no key Google sent (and cannot be hashed to compare).
        if isinstance(name, str) and name.lower() == "google_key" and isinstance(value, str) \
                and lone_surrogate_at(value) is None:
            return value
    return None


def map_google_ads(payload: dict) -> WebformLead:
    """A Google Ads lead form webhook: user_column_data entries into the lead's fields."""
    payload = without_lone_surrogates(payload)          # as a form's values (parse_form_body)
    columns = payload.get("user_column_data")
    if not isinstance(columns, list) or not all(isinstance(c, dict) for c in columns):
        raise WebformPayloadError("user_column_data must be a list of {column_id, string_value} objects")
    if len(columns) > MAX_FIELDS:
        raise WebformPayloadError(f"user_column_data has {len(columns)} entries; "
                                  f"at most {MAX_FIELDS} are read")
    lead, meta = _Lead(), {name: payload[name] for name in GOOGLE_META if payload.get(name) is not None}
    later, unknown = [], []
    for column in columns:
        column_id = str(column.get("column_id") or "").upper()
        label, texts = _google_label(column), _texts(column.get("string_value"))
        if not texts:
            continue
        if column_id in GOOGLE_FALLBACKS:
            later.append((GOOGLE_FALLBACKS[column_id], label, texts))
        elif column_id == "FULL_NAME":
            lead.read_full_name(label, texts)
        elif column_id in GOOGLE_COLUMNS:
            path, parse = GOOGLE_COLUMNS[column_id]
            lead.read(FIELD_BY_PATH[path], label, texts, parse)
        else:
            if column_id == "PREFERRED_DEALERSHIP":
                meta["preferred_dealership"] = texts[0]
                # Where an importer forwards the lead (services/forwarding.py); the answer stays in the remark.
                lead.read(FIELD_BY_PATH["vehicle.interest.preferred_dealer"], label, texts[:1])
            else:
                unknown.append((label, texts))
            lead.keep(label, texts)
    for path, label, texts in later:
        lead.read(FIELD_BY_PATH[path], label, texts)
    lead.stand_in(unknown)
    _google_submit_time(lead, payload.get("lead_submit_time"))
    lead_id = payload.get("lead_id")
    return WebformLead(lead.fields(), lead.errors, external_id=str(lead_id) if lead_id else None,
                       is_test=_is_test(payload.get("is_test")), meta=meta)


def _google_label(column: dict) -> str:
    """The question as the person saw it, else its id made readable (PREFERRED_DEALERSHIP ->
    'Preferred dealership')."""
    name = column.get("column_name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    column_id = str(column.get("column_id") or "answer")
    return column_id.replace("_", " ").capitalize()


def _google_submit_time(lead: _Lead, value) -> None:
    if isinstance(value, str) and value.strip():
        lead.read(FIELD_BY_PATH["received_at"], "lead_submit_time", [value], parse_datetime)


def _is_test(value) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


# -- ADF XML


# A portal's ADF in Windows-1252 that says (or by default is) UTF-8: read in Windows-1252, flagged.
MISREAD_ENCODING = ("the document is not UTF-8 as it says: read as Windows-1252; "
                    "check the umlauts and ß of this lead")


def _as_declared(body: bytes) -> tuple[bytes, bool]:
    """The document as it can be parsed, and whether it was mended: one that is to be UTF-8 (so
    declared, or declaring nothing) but holds bytes that are not UTF-8 is read as Windows-1252,
    as a form is (see _utf8_else_cp1252); any other encoding is left to the reader."""
    if wide_encoding(body):
        return body, False                                   # UTF-16/32: the reader transcodes it
    try:
        declared = clean_prolog(body[:HEAD_BYTES])[1]["encoding"]      # as the reader reads the prolog
    except FileFormatError:
        return body, False                                   # an unknown encoding: the reader says so
    if declared != "utf-8":
        return body, False
    try:
        body.decode("utf-8")
        return body, False
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace").encode("utf-8"), True


def map_adf(body: bytes) -> list[WebformLead]:
    """Every <prospect> of an ADF document, read by the file import's ADF reader."""
    leads = []
    body, mended = _as_declared(body)
    with open_adf(io.BytesIO(body)) as lead_file:
        for row in lead_file:
            if len(leads) == MAX_ADF_PROSPECTS:
                raise WebformPayloadError(f"more than {MAX_ADF_PROSPECTS} prospects in one delivery: "
                                          "send them as an import file")
            meta = {"prospect": row.number, "adf_version": lead_file.details.get("version")}
            if status := row.raw.get("@status"):
                meta["status"] = status
            external_id = adf_external_id(row.raw, row.fields)
            errors = row.errors + ([row_error(None, None, MISREAD_ENCODING)] if mended else [])
            leads.append(WebformLead(row.fields, errors, external_id=external_id, meta=meta))
    if not leads:
        raise WebformPayloadError("the ADF document holds no <prospect>")
    return leads


def adf_prospects_of(body: bytes, wanted: Callable[[int, list[str]], bool]) -> tuple[str, int, int] | None:
    """Of an ADF delivery holding several prospects, a document of only those `wanted` says are
    the person's (given each prospect's number, as map_adf counts them, and its texts), as UTF-8
    text, with how many it kept of how many; None for a document of one prospect (it is the
    person's as it is). FileFormatError where the document cannot be read so."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring, tostring

    body, _ = _as_declared(body)
    try:
        root = fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        prospects = [child for child in root if _local_name(child) == "prospect"]
        if len(prospects) < 2:
            return None
        kept = 0
        for number, prospect in enumerate(prospects, 1):
            if wanted(number, [text for text in prospect.itertext() if text.strip()]):
                kept += 1
            else:
                root.remove(prospect)
        return tostring(root, encoding="unicode"), kept, len(prospects)
    except (ParseError, DefusedXmlException, RecursionError, ValueError) as exc:
        raise FileFormatError(f"the ADF document cannot be split into its prospects ({type(exc).__name__})") from None


def _local_name(element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def adf_external_id(raw: dict[str, str], fields: dict) -> str | None:
    """'source:id' of a prospect's first <id>, e.g. 'autoscout24.at:AS24-2017-000123'.

    The id is unique only per source; without a source attribute the provider's name stands
    in. The source is percent-quoted so that a ':' in it cannot make two ids equal.
    """
    prospect_id = raw.get("id")
    if not prospect_id:
        return None
    source = raw.get("id@source") or fields.get("source") or ""
    return f"{quote(source, safe='')}:{prospect_id}"
