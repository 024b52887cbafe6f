"""Webhook integrations: what an admin configures for each sender (format, defaults, mapping,
allowed origins) and the secrets senders sign with. The deliveries themselves: services/webhooks.py."""
import datetime as dt
import re
import time
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field, HttpUrl, field_validator

from ..domain import webhook_signatures as signatures
from ..domain.ids import new_id
from ..domain.lead import Qualification
from ..domain.permissions import Caller
from ..domain.versions import require_version
from ..errors import ConflictError, InvalidInputError, NotFoundError, StaleVersionError
from ..store import directory, keys
from ..store import secrets as secret_store
from ..validation import CleanName, NotABoolean, Schema
from .replies import Reply
from .tenants import resolve_source

Format = Literal["generic", "html_form", "google_ads", "adf"]
INTEGRATION_ID = re.compile(r"^(?P<tenant>[a-z0-9][a-z0-9-]{1,39})\.(?P<ulid>[0-9A-Z]{26})$")
DEFAULT_FORM_RATE_PER_MINUTE = 30


class IntegrationInput(Schema):
    """What an admin configures; the secret is made by leadflow and shown once."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: Annotated[str, Field(min_length=1, max_length=100), CleanName]
    format: Format
    default_source: str | None = Field(None, max_length=100)
    default_source_detail: str | None = Field(None, max_length=100)
    default_qualification: Qualification = "warm"
    field_mapping: dict[str, str] = Field(default_factory=dict, max_length=200)
    allowed_origins: list[str] = Field(default_factory=list, max_length=20)
    success_url: HttpUrl | None = None
    error_url: HttpUrl | None = Field(None, description="html_form: where a visitor whose post was refused is sent "
                                                        "(with ?reason=...); else leadflow answers a short page")
    accept_without_origin: bool = Field(False, description="html_form: also accept posts whose browser sends no "
                                                           "Origin or Referer (Referrer-Policy: no-referrer); the "
                                                           "honeypot, the resubmission check and the rate limit "
                                                           "still apply")
    rate_limit_per_minute: Annotated[int, NotABoolean] = Field(DEFAULT_FORM_RATE_PER_MINUTE, ge=1, le=6000,
                                       description="html_form: posts accepted per minute; more are refused (429)")

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        out = []
        for origin in origins:
            refused = ValueError(f"{origin!r} is not an origin like https://www.autohaus-beispiel.at")
            try:
                parts = urlsplit(origin.strip())
                host, port = parts.hostname, parts.port
            except ValueError:
                raise refused from None
            if (parts.scheme.lower() not in ("https", "http") or not host or parts.path not in ("", "/")
                    or parts.query or parts.fragment or "@" in parts.netloc):
                raise refused
            scheme = parts.scheme.lower()
            shown_port = "" if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f":{port}"
            out.append(f"{scheme}://{_ascii_host(host, origin)}{shown_port}")   # as a browser's Origin says it
        return out

    @field_validator("field_mapping")
    @classmethod
    def _mapping(cls, mapping: dict[str, str]) -> dict[str, str]:
        from ..formats import webforms      # the form reader: loaded when a mapping is checked, not at a cold start
        try:
            webforms.check_mapping(mapping)
        except InvalidInputError as exc:
            raise ValueError("; ".join(e.get("message", "") for e in exc.errors)) from None
        # What a form field may never set, even when mapped: the integration's defaults and routing
        # decide. A form's own rating (qualification) may be mapped.
        not_mappable = webforms.INTEGRATION_OWNED - {"qualification"}
        owned = sorted({t for t in mapping.values() if t in not_mappable})
        if owned:
            raise ValueError(f"{', '.join(owned)} come from the integration's defaults (or routing), not from a form field")
        return mapping


class IntegrationPatch(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: Annotated[str, Field(min_length=1, max_length=100), CleanName] | None = None
    default_source: str | None = Field(None, max_length=100)
    default_source_detail: str | None = Field(None, max_length=100)
    default_qualification: Qualification | None = None
    field_mapping: dict[str, str] | None = Field(None, max_length=200)
    allowed_origins: list[str] | None = Field(None, max_length=20)
    success_url: HttpUrl | None = None
    error_url: HttpUrl | None = None
    accept_without_origin: bool | None = None
    rate_limit_per_minute: Annotated[int, NotABoolean] | None = Field(None, ge=1, le=6000)
    active: bool | None = None
    version: int | None = Field(None, description="the version edited, if not sent as If-Match")

    _origins = field_validator("allowed_origins")(lambda cls, v: v if v is None else IntegrationInput._origins(v))
    _mapping = field_validator("field_mapping")(lambda cls, v: v if v is None else IntegrationInput._mapping(v))


class RotationInput(Schema):
    """A new secret; the previous ones stay valid this many hours, so senders can switch over."""
    model_config = ConfigDict(extra="forbid")
    keep_previous_hours: Annotated[int, NotABoolean] = Field(24, ge=0, le=168)




def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def parse_id(integration_id: str) -> tuple[str, str]:
    """(tenant, id) of an integration id such as 'demo-autohaus.01KB...'; NotFound if it is none."""
    match = INTEGRATION_ID.match(integration_id or "")
    if not match:
        raise NotFoundError("integration not found")
    return match["tenant"], integration_id


def _view(item) -> dict:
    data = {k: v for k, v in item.data.items() if k != "secrets"}
    secrets = [{"id": s["id"], "created_at": s["created_at"], "valid_until": s.get("valid_until")}
               for s in valid_secrets(item)]
    return {**data, "active": item.active, "version": item.version, "secrets": secrets,
            "webhook_path": f"/webhooks/{data['id']}"}


def _load(caller: Caller, integration_id: str):
    tenant, _ = parse_id(integration_id)
    item = directory.get_integration(caller.tenant, integration_id) if tenant == caller.tenant else None
    if item is None:
        raise NotFoundError("integration not found")
    return item


def _check_source(tenant: str, source: str | None, detail: str | None) -> tuple[str | None, str | None]:
    if source is None and detail is not None:
        raise InvalidInputError("invalid integration", [{"field": "default_source_detail", "type": "missing",
                                                         "message": "give default_source too"}])
    return resolve_source(tenant, source, detail, ("default_source", "default_source_detail"))


def _ascii_host(host: str, origin: str) -> str:
    """The host as a browser names it in the Origin header: a domain with umlauts (müller.de) in its
    ASCII form (xn--mller-kva.de), as IDNA 2008 / UTS 46 writes it; an IPv6 address in brackets.
    A configured "https://müller.de" matched no browser's post, and every lead of its form was refused."""
    import idna                     # installed with email-validator
    if ":" in host:
        return f"[{host}]"
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise ValueError(f"{origin!r} is not an origin like https://www.autohaus-beispiel.at: "
                         f"{host!r} is no host name") from None


def _require_origins(data: dict) -> None:
    if data["format"] == "html_form" and not data.get("allowed_origins"):
        raise InvalidInputError("invalid integration", [{
            "field": "allowed_origins", "type": "missing",
            "message": "an HTML form integration needs the origins of the sites its form is on"}])


def _new_secret(item_data: dict, tenant: str, integration_id: str) -> tuple[str, dict]:
    """A fresh secret of the integration's kind, and what is stored of it."""
    now = _now()
    if item_data["format"] == "google_ads":
        secret = signatures.new_secret().removeprefix(signatures.SECRET_PREFIX)
        stored = {"sha256": secret_store.digest(secret)}
    else:
        secret = signatures.new_secret()
        stored = {"kms": secret_store.encrypt(secret, tenant=tenant, integration_id=integration_id)}
    return secret, {"id": new_id(), "created_at": keys.iso(now), **stored}


def create_integration(caller: Caller, payload: IntegrationInput) -> Reply:
    """A new integration; its secret is in this answer and never again."""
    integration_id = f"{caller.tenant}.{new_id()}"
    source, detail = _check_source(caller.tenant, payload.default_source, payload.default_source_detail)
    _require_origins(payload.model_dump())
    data = {**payload.model_dump(mode="json"), "id": integration_id, "default_source": source,
            "default_source_detail": detail, "created_at": keys.iso(_now()), "created_by": caller.user}
    secret = None
    if payload.format != "html_form":
        secret, stored = _new_secret(data, caller.tenant, integration_id)
        data["secrets"] = [stored]
    item = directory.create_integration(caller.tenant, integration_id, data)
    view = _view(item)
    if secret:
        view["secret"] = secret
        view["secret_note"] = "shown this once; leadflow keeps it encrypted and cannot show it again"
    return Reply(view, 201)


def list_integrations(caller: Caller) -> dict:
    return {"items": [_view(i) for i in directory.list_integrations(caller.tenant)]}


def get_integration(caller: Caller, integration_id: str) -> Reply:
    return Reply(_view(_load(caller, integration_id)))


def update_integration(caller: Caller, integration_id: str, patch: IntegrationPatch, version: int | None) -> Reply:
    item = _load(caller, integration_id)
    require_version(item.version, version if version is not None else patch.version, "integration")
    changes = patch.model_dump(mode="json", exclude_unset=True, exclude={"version"})
    active = changes.pop("active", None)
    data = {**item.data, **changes}
    data["default_source"], data["default_source_detail"] = _check_source(
        caller.tenant, data.get("default_source"), data.get("default_source_detail"))
    _require_origins(data)
    item.data = data
    if active is not None:
        item.active = active
    _save(item)
    return Reply(_view(item))


def rotate_secret(caller: Caller, integration_id: str, rotation: RotationInput) -> Reply:
    """A new secret, shown once; the others stay valid for `keep_previous_hours`, then expire."""
    item = _load(caller, integration_id)
    if item.data["format"] == "html_form":
        raise ConflictError("an HTML form integration has no secret: a browser cannot keep one")
    secret, stored = _new_secret(item.data, caller.tenant, integration_id)
    until = time.time() + rotation.keep_previous_hours * 3600
    kept = []
    for old in item.data.get("secrets", []):
        if old.get("expires") and old["expires"] <= time.time():
            continue                                           # expired already: dropped for good
        if not old.get("expires") or old["expires"] > until:
            old = {**old, "expires": until, "valid_until": keys.iso(dt.datetime.fromtimestamp(until, dt.timezone.utc))}
        kept.append(old)
    item.data = {**item.data, "secrets": [*kept, stored]}
    _save(item)
    view = _view(item)
    view["secret"] = secret
    view["secret_note"] = "shown this once; leadflow keeps it encrypted and cannot show it again"
    return Reply(view, 201)


def _save(item) -> None:
    try:
        directory.save_integration(item)
    except directory.ChangedMeanwhileError:
        raise StaleVersionError("the integration was changed meanwhile; read it again") from None


def valid_secrets(item) -> list[dict]:
    """The integration's secrets that have not expired (a rotation keeps the old ones a while)."""
    now = time.time()
    return [s for s in item.data.get("secrets", []) if not s.get("expires") or s["expires"] > now]


def active_integration(integration_id: str):
    """(tenant, item) of an active integration a sender posts to; NotFound otherwise."""
    tenant, integration_id = parse_id(integration_id)
    item = directory.get_integration(tenant, integration_id)
    if item is None or not item.active:
        raise NotFoundError("integration not found")
    return tenant, item
