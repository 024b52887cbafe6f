"""The one way routes are declared: auth, permission, body parsing, errors, OpenAPI metadata."""
import functools
import importlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from chalice import Blueprint, IAMAuthorizer, Response
from pydantic import BaseModel

from ..config import get_settings
from ..domain import permissions
from ..errors import (
    BadRequestError, ForbiddenError, InvalidInputError, LeadflowError, PayloadTooLargeError,
    UnsupportedMediaTypeError,
)
from ..observability import note_caller
from ..services.identity import resolve_caller
from ..services.idempotency import request_hash
from ..services.replies import Reply
from ..validation import lone_surrogate_at, printable, validate, walk
from . import problems

iam = IAMAuthorizer()
JSON_TYPES = ("application/json", "application/merge-patch+json")
MAX_JSON_DEPTH = 32


def lazy(module: str):
    """A module of chalicelib (e.g. "services.leads") imported when a route first uses it, not
    when the app starts: a cold start loads only what its first request needs."""
    return _LazyModule(f"chalicelib.{module}")


class _LazyModule:
    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)


@functools.cache
def resolve(ref):
    """A route's model or function, given as itself or by name ("services.leads:validation_context")."""
    if not isinstance(ref, str):
        return ref
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(f"chalicelib.{module}"), name)


Ref = type[BaseModel] | str | None         # a model, or its name as "module:Name" (loaded on first use)


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    action: str | None
    body: Ref
    query: Ref
    response: str | None               # the name of its model in api/responses.py
    status: int
    auth: bool
    headers: list[str] = field(default_factory=list)
    # Bodies that are not JSON objects (a webhook's forms, XML): content type -> JSON schema.
    other_bodies: dict[str, dict] = field(default_factory=dict)
    produces: str | None = None        # the media type of an answer that is not JSON (the workspace's files)
    # Other success statuses with the same answer model: status -> when it is given.
    also: dict[int, str] = field(default_factory=dict)

    @property
    def body_model(self) -> type[BaseModel] | None:
        return resolve(self.body)

    @property
    def query_model(self) -> type[BaseModel] | None:
        return resolve(self.query)


ENDPOINTS: list[Endpoint] = []


@dataclass
class Context:
    """What a handler gets: the verified caller, the validated body and query, the request."""
    caller: permissions.Caller | None
    body: Any
    query: Any
    request: Any
    body_hash: str | None = None            # of the JSON as sent: what an Idempotency-Key pins
    # A bulk body's records (endpoint `records`): per record, the members the JSON reader took out
    # (a key given twice, half a character), as a file reader's problems of a row's cells.
    unread: list[list[dict]] | None = None

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)

    def if_match(self) -> int | None:
        value = self.header("if-match")
        if value is None:
            return None
        value = value.strip().removeprefix("W/").strip('"')
        if not re.fullmatch(r"[0-9]{1,18}", value):
            raise BadRequestError('If-Match must be the version you read, as an ETag, e.g. "3"')
        return int(value)


def _no_constant(name: str):
    """Python reads NaN and Infinity, which JSON does not have (RFC 8259): a clear 400, not a
    number that breaks the rules in a way no message explains."""
    raise BadRequestError(f"the body is not valid JSON: {name} is no JSON value")


TWICE = "appears twice in the body; send it once"
TWICE_IN_RECORD = "appears twice in the record: neither value was taken (which one was meant, only the sender knows)"
HALF_A_CHARACTER = "holds a lone UTF-16 surrogate (half a character, e.g. an emoji cut in two)"


def _parse_json(request, records: str | None = None,
                max_bytes: int | None = None) -> tuple[Any, list[list[dict]] | None]:
    """The body as a JSON object; with `records`, the members of each of its records that cannot be
    passed on taken out of that record and said per record (see _unreadable_members)."""
    raw = request.raw_body or b""
    limit = max(get_settings().max_body_bytes, max_bytes or 0)
    if len(raw) > limit:
        raise PayloadTooLargeError(f"the body is larger than {limit} bytes")
    header = request.headers.get("content-type") or "application/json"
    content_type = header.split(";")[0].strip().lower()
    if content_type not in JSON_TYPES:
        raise UnsupportedMediaTypeError(f"send JSON (Content-Type: application/json), not {content_type}")
    if not raw.strip():
        raise BadRequestError("the body is empty; send a JSON object")
    text = _declared_text(raw, header)
    try:
        body = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_Object.of)
    except RecursionError:
        raise BadRequestError("the JSON body is nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        if "integer string conversion" in str(exc):       # Python's guard against huge numbers
            raise BadRequestError("the body holds a number with more than 4,300 digits") from None
        raise BadRequestError(f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise BadRequestError("the body must be a JSON object")
    if _depth(body) > MAX_JSON_DEPTH:
        raise BadRequestError(f"the JSON body is nested deeper than {MAX_JSON_DEPTH} levels")
    unread = None
    if records is not None and isinstance(body.get(records), list):
        unread = [_unreadable_members(record) if isinstance(record, dict) else [] for record in body[records]]
    if (field := _twice_at(body)) is not None:
        # {"last_name": "Huber", "last_name": "Maier"}: which one the person meant, only they know.
        raise InvalidInputError("the request breaks a validation rule", [{
            "field": field, "type": "duplicate_key", "message": TWICE}])
    if (field := lone_surrogate_at(body)) is not None:
        # JSON may escape half a UTF-16 pair ("\\ud83d": an emoji cut in two); no text can hold it.
        raise InvalidInputError("the request breaks a validation rule", [{
            "field": field, "type": "string_unicode", "message": HALF_A_CHARACTER}])
    return body, unread


def _unreadable_members(record: dict) -> list[dict]:
    """A bulk record's members no one can store, taken out of it: a key given twice (which value
    the sender meant, only they know) or a text with half a character. Each is said as a file
    reader says a cell it cannot read (field, the value as given, why), so that the record is
    judged without it and the others of the request are loaded; the request as a whole is not
    refused for one record's member."""
    found = []
    twice = getattr(record, "twice", {})
    for key in list(record):
        if key in twice:
            path, message, kind, given = key, TWICE_IN_RECORD, "duplicate_key", twice[key]
        elif (path := _twice_at({key: record[key]})) is not None:
            message, kind, given = TWICE_IN_RECORD, "duplicate_key", record[key]
        elif (path := lone_surrogate_at({key: record[key]})) is not None:
            message, kind, given = HALF_A_CHARACTER, "string_unicode", record[key]
        else:
            continue
        del record[key]
        found.append({"field": printable(path), "given": _as_stored(given), "message": message, "type": kind})
    if isinstance(record, _Object):
        record.twice = {}
    return found


def _as_stored(value) -> Any:
    """A value as given, as a problem can keep it: a text with half a character written with its
    escape (\\ud83d); anything else that holds one as its JSON text, escaped alike."""
    if isinstance(value, str):
        return printable(value)
    if lone_surrogate_at(value) is None:
        return value
    return printable(json.dumps(value, ensure_ascii=False))


_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def _declared_text(raw: bytes, header: str) -> bytes | str:
    """The body as the charset its Content-Type declares (a client sending Latin-1 and saying so);
    without one, or with UTF-8/16/32, the bytes, which the JSON reader decodes itself."""
    import codecs

    match = _CHARSET.search(header)
    if not match:
        return raw
    name = match[1].lower()
    if name.replace("-", "").startswith("utf8"):         # utf8mb4 and the like: UTF-8
        return raw
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):      # base64, rot13, zlib: no charsets
        raise UnsupportedMediaTypeError(f"unknown charset {match[1]}: send UTF-8")
    if info.name.startswith(("utf-8", "utf-16", "utf-32", "ascii")):  # read by the JSON reader (ASCII is UTF-8)
        return raw
    try:
        return raw.decode(info.name)
    except UnicodeError as exc:
        raise BadRequestError(f"the body is not valid {match[1]}: {exc}") from None


class _Object(dict):
    """A JSON object as parsed, remembering the keys it had more than once with each of their
    values (the object itself keeps the last)."""
    twice: dict = {}

    @classmethod
    def of(cls, pairs: list) -> "_Object":
        made = cls(pairs)
        if len(made) != len(pairs):
            values: dict = {}
            for key, value in pairs:             # one pass: a body of many repeated keys stays linear
                values.setdefault(key, []).append(value)
            made.twice = {key: given for key, given in values.items() if len(given) > 1}
        return made


def _twice_at(value) -> str | None:
    """The dotted path of the first key an object of the body holds twice, else None."""
    for current, at in walk(value):
        if isinstance(current, _Object) and current.twice:
            first = next(iter(current.twice))
            return f"{at}.{first}" if at else str(first)
    return None


def _depth(value) -> int:
    """Nesting depth, without recursion (a body near the parser's limit must not overflow us)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(current, dict):
            stack.extend((v, level + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, level + 1) for v in current)
    return deepest


def _query(request, model: type[BaseModel]):
    params = request.query_params or {}
    data, twice = {}, []
    for key in params:
        values = params.getlist(key)
        field = model.model_fields.get(key)
        if len(values) > 1 and field is not None and "list" not in str(field.annotation):
            twice.append({"field": key, "type": "duplicate_parameter",
                          "message": f"given {len(values)} times; send it once"})
        data[key] = values if len(values) > 1 else values[0]
    if twice:
        raise InvalidInputError("a query parameter is not valid", twice)
    return validate(model, data, detail="a query parameter is not valid")


def _no_query(request) -> None:
    """A signed API route without query parameters refuses any (a typo'd filter must not pass as
    none). Webhooks, the workspace's files and /health take theirs as senders and browsers send them."""
    params = request.query_params or {}
    if params:
        raise InvalidInputError("a query parameter is not valid", [
            {"field": key, "type": "extra_forbidden", "message": "this route takes no query parameters"}
            for key in params])


def _render(result: Any, status: int) -> Response:
    if isinstance(result, Response):
        return result
    if result is None:
        return Response(body="", status_code=204)
    if isinstance(result, Reply):
        headers = {"Content-Type": "application/json"}
        if "version" in result.body and "id" in result.body:
            headers["ETag"] = f'"{result.body["version"]}"'
        if result.replayed:
            headers["Idempotent-Replayed"] = "true"
        return Response(body=json.dumps(result.body, ensure_ascii=False), status_code=result.status, headers=headers)
    return Response(body=json.dumps(result, ensure_ascii=False), status_code=status,
                    headers={"Content-Type": "application/json"})


def _body(request, model: type[BaseModel], context: dict | None,
          records: str | None = None, max_bytes: int | None = None) -> tuple[BaseModel, str, list[list[dict]] | None]:
    """The JSON body validated into the route's model, the hash of the JSON as sent, and what the
    reader took out of each record (with `records`)."""
    raw, unread = _parse_json(request, records, max_bytes)
    return validate(model, raw, context), request_hash(raw), unread


def endpoint(bp: Blueprint, path: str, method: str, *, summary: str, action: str | None = None,
             body: Ref = None, body_context: Callable | str | None = None,
             query: Ref = None, response: str | None = None,
             status: int = 200, auth: bool = True, headers: list[str] | None = None,
             content_types: list[str] | None = None, other_bodies: dict[str, dict] | None = None,
             produces: str | None = None, optional_body: bool = False,
             also: dict[int, str] | None = None, head: bool = False, records: str | None = None,
             max_body_bytes: int | None = None) -> Callable:
    """Register a route. `action` names the permission asked of the table; None only without auth.

    A JSON `body` is validated into its model before the handler runs (with the context that
    `body_context(caller)` gives, e.g. the tenant's country for phone numbers); `response` names
    the model of the success answer in api/responses.py; both make up /openapi.json. (By name:
    the answers' models only describe the document, which defines them when it is built.) The
    body, query and context may be named as "module:name", loaded with the route's first request.
    With `optional_body`, a request without a body gets the model's defaults. `also` documents
    other success statuses of the same answer model (status -> when). With `head`, a GET route
    answers HEAD too: the same status and headers, no body (uptime monitors, load balancers).
    `records` names the body's list of independent records (a bulk load): a key given twice or
    half a character inside one is that record's problem (ctx.unread), not the whole request's.
    `max_body_bytes` raises the body's limit (LEADFLOW_MAX_BODY_BYTES) for a route whose documented
    batch needs more.
    """
    if auth and action is None:
        raise ValueError(f"{method} {path}: an authenticated route must name its action")
    if head and method != "GET":
        raise ValueError(f"{method} {path}: only a GET route answers HEAD")
    ENDPOINTS.append(Endpoint(method, path, summary, action, body, query, response, status, auth,
                              headers or [], other_bodies or {}, produces, also or {}))
    if head:
        ENDPOINTS.append(Endpoint("HEAD", path, f"{summary} (headers only)", action, None, query, None, status,
                                  auth, headers or []))

    def decorate(handler: Callable) -> Callable:
        @functools.wraps(handler)
        def view(**path_params):
            request = bp.current_request
            try:
                caller = resolve_caller(request) if auth else None
                if caller is not None:
                    note_caller(caller)            # on the request's access line (app.py's middleware)
                if caller is not None and not permissions.may(caller, action):
                    raise ForbiddenError(f"your role ({caller.role}) may not {action}")
                parsed, body_hash, unread = None, None, None
                if body is not None and optional_body and not (request.raw_body or b"").strip():
                    parsed = resolve(body)()
                elif body is not None:
                    context = resolve(body_context)(caller) if body_context else None
                    parsed, body_hash, unread = _body(request, resolve(body), context, records, max_body_bytes)
                ctx = Context(caller=caller, request=request, body=parsed, body_hash=body_hash, unread=unread,
                              query=_query(request, resolve(query)) if query else _no_query(request) if auth else None)
                response = _render(handler(ctx, **path_params), status)
            except LeadflowError as exc:
                response = problems.from_error(exc)
            if request.method == "HEAD":
                response.body = ""           # what GET would answer, headers only (RFC 9110 9.3.2)
            return response

        bp.route(path, methods=[method, "HEAD"] if head else [method], authorizer=iam if auth else None,
                 content_types=content_types or list(JSON_TYPES))(view)
        return view
    return decorate
