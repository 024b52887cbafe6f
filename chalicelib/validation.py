"""Turn pydantic's errors into the field-level errors of our problem responses."""
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from .domain.text import clean_text
from .errors import InvalidInputError

M = TypeVar("M", bound=BaseModel)


class Schema(BaseModel):
    """The base of leadflow's pydantic models: a model's validator and serializer are built when
    it first validates or dumps, not when the app is imported (a cold start defines some eighty
    models and a request uses two or three of them)."""
    model_config = ConfigDict(defer_build=True)


def _not_a_number(value: Any) -> Any:
    """A date or time sent as a number is refused: pydantic would read it as seconds since 1970
    (1798761600 a day in 2027, an export's 0 a day in 1970)."""
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (isinstance(value, str) and value.strip().isdigit()):
        raise PydanticCustomError("date_number", "{given} is a number, not a date: write it as e.g. 2026-12-01",
                                  {"given": str(value).strip()})
    return value


NotANumber = BeforeValidator(_not_a_number)
"""Annotated[dt.date, NotANumber]: a date (or time) field that refuses numbers."""


def _not_a_boolean(value: Any) -> Any:
    """true or false sent for a number is refused: pydantic would read it as 1 or 0 (a price of
    1 EUR, a retention of 1 month)."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "{given} is not a number but a yes/no value: send a number",
                                  {"given": "true" if value else "false"})
    return value


NotABoolean = BeforeValidator(_not_a_boolean)
"""Annotated[int, NotABoolean]: a number field that refuses true and false."""


def _clean_name(value: str) -> str:
    cleaned = clean_text(value)
    if not any(ch.isalnum() for ch in cleaned):
        raise PydanticCustomError("value_error", "needs a letter or digit")
    return cleaned


CleanName = AfterValidator(_clean_name)
"""Annotated[str, CleanName]: a name an admin gives (the tenant's, a catalog source's, an
integration's), stored as shown: NFC, trimmed, without control or invisible characters (a NUL or
a bidi override pasted from a spreadsheet made "Messe" a source nobody could type or send), and
with a letter or digit."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value: Any) -> Any:
    """The value (text, or dicts and lists of it) with every lone UTF-16 surrogate replaced by
    U+FFFD, the replacement character, as a decoder does with a byte it cannot read."""
    if isinstance(value, str):           # untouched where whole (a str subclass keeps its kind)
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    return value


def walk(value: Any, path: str = "") -> Iterator[tuple[Any, str]]:
    """Every value of a parsed JSON document (dicts, lists, what they hold) with its dotted path,
    without recursion (a document near the parser's nesting limit must not overflow the stack)."""
    stack = [(value, path)]
    while stack:
        current, at = stack.pop()
        yield current, at
        if isinstance(current, dict):
            stack.extend((item, f"{at}.{key}" if at else str(key)) for key, item in current.items())
        elif isinstance(current, (list, tuple)):
            stack.extend((item, f"{at}.{index}" if at else str(index)) for index, item in enumerate(current))


def lone_surrogate_at(value: Any, path: str = "") -> str | None:
    """The dotted path of the first key or text holding a lone UTF-16 surrogate ("\\ud800" escaped
    in JSON, or from a charset such as UTF-7), else None. JSON readers join a valid pair into one
    character; what is left is half a character, which no text can be stored or sent as (UTF-8)."""
    for current, at in walk(value, path):
        if isinstance(current, str) and _SURROGATE.search(current):
            return at
        if isinstance(current, dict):
            for key in current:
                if isinstance(key, str) and _SURROGATE.search(key):
                    return printable(f"{at}.{key}" if at else key)
    return None


def printable(text: str) -> str:
    """Text with any lone surrogate written as its escape (\\ud800), so that it can be shown."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def message_of(error: dict) -> str:
    """A pydantic error's message as a person reads it."""
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error.get("input", ...) is None and error["type"].endswith("_type"):
        return "null is no value here: send a value, or leave the field out where it may be"
    return error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")


def field_errors(exc: ValidationError, read_only: frozenset[str] = frozenset()) -> list[dict]:
    """Each error with the field it names; an unknown field that leadflow itself sets (id,
    status, version, ...) is said to be read-only."""
    errors = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(part) for part in err["loc"]) or (err.get("ctx") or {}).get("field")
        if err["type"] == "extra_forbidden" and field in read_only:
            errors.append({"field": field, "message": "is set by leadflow and cannot be written", "type": "read_only"})
        else:
            errors.append({"field": field, "message": message_of(err), "type": err["type"]})
    return errors


def validate(model: type[M], data: Any, context: dict | None = None,
             detail: str = "the request breaks a validation rule") -> M:
    """The model, or InvalidInputError naming every field; a model may name its server-owned
    fields in a READ_ONLY class attribute."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise InvalidInputError(detail, field_errors(exc, getattr(model, "READ_ONLY", frozenset()))) from None
