"""Web-form webhooks: integrations an admin configures, and the deliveries senders post to them.

A delivery is authenticated by the integration's own scheme (Standard Webhooks signature, Google's
key, or the origin of a plain HTML form), de-duplicated by the sender's delivery id for seven days,
kept raw in S3, and stored as a lead before the 2xx. Nothing of a body or a secret is logged.
"""
import datetime as dt
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from ..domain import webhook_signatures as signatures
from ..domain.ids import new_id
from ..domain.lead import Qualification
from ..domain.permissions import Caller
from ..errors import (
    ConflictError, InvalidInputError, NotFoundError, PayloadTooLargeError, SenderUnverifiedError,
    UnsupportedMediaTypeError,
)
from ..formats import webforms
from ..formats.rows import FileFormatError
from ..store import directory, files, keys
from ..store import leads as lead_store
from ..store import secrets as secret_store
from ..store.models import IdempotencyItem
from .leads import _validated, new_lead_item
from .replies import Reply
from .tenants import load_tenant, resolve_source

log = logging.getLogger(__name__)

Format = Literal["generic", "html_form", "google_ads", "adf"]
INTEGRATION_ID = re.compile(r"^(?P<tenant>[a-z0-9][a-z0-9-]{1,39})\.(?P<ulid>[0-9A-Z]{26})$")
DELIVERY_TTL_SECONDS = 7 * 24 * 3600      # a sender's retries are recognised for a week (at least 72 h asked)
FORM_RESUBMIT_SECONDS = 10 * 60           # the same form body from the same address: a resubmission
GOOGLE_REFERENCES = ("lead_id", "campaign_id", "form_id", "gcl_id", "adgroup_id", "creative_id")
MAX_WEBHOOK_BYTES = 256 * 1024
XML_TYPES = ("application/xml", "text/xml", "application/x-adf+xml")
CONTENT_TYPES = [*webforms.JSON_TYPES, webforms.FORM_TYPE, *XML_TYPES]
# What a form field may never set, even when mapped: the integration's defaults and routing decide.
# A form's own rating (qualification) may be mapped.
NOT_MAPPABLE = webforms.INTEGRATION_OWNED - {"qualification"}
SPAM_NOTE = "leadflow: a spam trap field of the form was filled; the lead was marked as junk"


class IntegrationInput(BaseModel):
    """What an admin configures; the secret is made by leadflow and shown once."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=100)
    format: Format
    default_source: str | None = Field(None, max_length=100)
    default_source_detail: str | None = Field(None, max_length=100)
    default_qualification: Qualification = "warm"
    field_mapping: dict[str, str] = Field(default_factory=dict, max_length=200)
    allowed_origins: list[str] = Field(default_factory=list, max_length=20)
    success_url: HttpUrl | None = None

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        out = []
        for origin in origins:
            parts = urlsplit(origin.strip())
            if parts.scheme not in ("https", "http") or not parts.netloc or parts.path not in ("", "/"):
                raise ValueError(f"{origin!r} is not an origin like https://www.autohaus-beispiel.at")
            out.append(f"{parts.scheme}://{parts.netloc}".lower())
        return out

    @field_validator("field_mapping")
    @classmethod
    def _mapping(cls, mapping: dict[str, str]) -> dict[str, str]:
        try:
            webforms.check_mapping(mapping)
        except InvalidInputError as exc:
            raise ValueError("; ".join(e.get("message", "") for e in exc.errors)) from None
        owned = sorted({t for t in mapping.values() if t in NOT_MAPPABLE})
        if owned:
            raise ValueError(f"{', '.join(owned)} come from the integration's defaults (or routing), not from a form field")
        return mapping


class IntegrationPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str | None = Field(None, min_length=1, max_length=100)
    default_source: str | None = Field(None, max_length=100)
    default_source_detail: str | None = Field(None, max_length=100)
    default_qualification: Qualification | None = None
    field_mapping: dict[str, str] | None = Field(None, max_length=200)
    allowed_origins: list[str] | None = Field(None, max_length=20)
    success_url: HttpUrl | None = None
    active: bool | None = None
    version: int | None = Field(None, description="the version edited, if not sent as If-Match")

    _origins = field_validator("allowed_origins")(lambda cls, v: v if v is None else IntegrationInput._origins(v))
    _mapping = field_validator("field_mapping")(lambda cls, v: v if v is None else IntegrationInput._mapping(v))


class RotationInput(BaseModel):
    """A new secret; the previous ones stay valid this many hours, so senders can switch over."""
    model_config = ConfigDict(extra="forbid")
    keep_previous_hours: int = Field(24, ge=0, le=168)


# ---------------------------------------------------------------- admin


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _parse_id(integration_id: str) -> tuple[str, str]:
    match = INTEGRATION_ID.match(integration_id or "")
    if not match:
        raise NotFoundError("integration not found")
    return match["tenant"], integration_id


def _view(item) -> dict:
    data = {k: v for k, v in item.data.items() if k != "secrets"}
    secrets = [{"id": s["id"], "created_at": s["created_at"], "valid_until": s.get("valid_until")}
               for s in _valid_secrets(item)]
    return {**data, "active": item.active, "version": item.version, "secrets": secrets,
            "webhook_path": f"/webhooks/{data['id']}"}


def _load(caller: Caller, integration_id: str):
    tenant, _ = _parse_id(integration_id)
    item = directory.get_integration(caller.tenant, integration_id) if tenant == caller.tenant else None
    if item is None:
        raise NotFoundError("integration not found")
    return item


def _check_source(tenant: str, source: str | None, detail: str | None) -> tuple[str | None, str | None]:
    if source is None and detail is not None:
        raise InvalidInputError("invalid integration", [{"field": "default_source_detail", "type": "missing",
                                                         "message": "give default_source too"}])
    return resolve_source(tenant, source, detail)


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
    from .leads import _check_version
    item = _load(caller, integration_id)
    _check_version(item, version if version is not None else patch.version)
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
    from pynamodb.exceptions import PutError
    try:
        item.save()
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            from ..errors import StaleVersionError
            raise StaleVersionError("the integration was changed meanwhile; read it again") from None
        raise


# ---------------------------------------------------------------- deliveries


@dataclass
class Delivery:
    """One POST to /webhooks/{integration_id}, as the route hands it over."""
    integration_id: str
    body: bytes
    headers: dict[str, str]            # lower-case names
    source_ip: str | None

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()


def _integration_for(delivery: Delivery):
    tenant, integration_id = _parse_id(delivery.integration_id)
    item = directory.get_integration(tenant, integration_id)
    if item is None or not item.active:
        raise NotFoundError("integration not found")
    return tenant, item


def _valid_secrets(item) -> list[dict]:
    now = time.time()
    return [s for s in item.data.get("secrets", []) if not s.get("expires") or s["expires"] > now]


def _authenticate(item, tenant: str, delivery: Delivery, payload: dict | None) -> None:
    """Raise UnauthenticatedError unless the sender proved it is this integration's sender."""
    kind = item.data["format"]
    if kind == "google_ads":
        given = webforms.google_key(payload or {})
        digest = secret_store.digest(given) if given else None
        # Every valid key is compared, so timing does not tell how many there are or which matched.
        matches = [signatures.constant_time_equals(digest, s.get("sha256")) for s in _valid_secrets(item)]
        if not any(matches):
            raise signatures.SignatureError("missing or wrong google_key")
    elif kind == "html_form":
        origin = delivery.headers.get("origin") or _origin_of(delivery.headers.get("referer"))
        if not origin or origin.lower() not in item.data.get("allowed_origins", []):
            raise SenderUnverifiedError("this form may be posted only from the integration's allowed origins")
    else:
        secrets = [secret for s in _valid_secrets(item) if "kms" in s
                   if (secret := _decrypted(s["kms"], tenant, item.data["id"])) is not None]
        signatures.verify(secrets, delivery.headers.get("webhook-id"), delivery.headers.get("webhook-timestamp"),
                          delivery.headers.get("webhook-signature"), delivery.body, now=time.time())


def _decrypted(ciphertext: str, tenant: str, integration_id: str) -> str | None:
    """The secret, or None if KMS refuses (a ciphertext of another integration, a key disabled)."""
    from botocore.exceptions import ClientError
    try:
        return secret_store.decrypt(ciphertext, tenant=tenant, integration_id=integration_id)
    except ClientError as exc:
        log.warning("a webhook secret could not be decrypted", extra={
            "integration": integration_id, "code": exc.response.get("Error", {}).get("Code")})
        return None


def _origin_of(referer: str | None) -> str | None:
    if not referer:
        return None
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _read(item, delivery: Delivery, payload: dict | None) -> list[webforms.WebformLead]:
    """The leads of the delivery, in the integration's format."""
    kind, ctype = item.data["format"], delivery.content_type
    try:
        if kind == "google_ads":
            return [webforms.map_google_ads(payload)]
        if kind == "adf" or ctype in XML_TYPES:
            if ctype not in XML_TYPES:
                raise UnsupportedMediaTypeError(f"send ADF XML as application/xml, not {ctype or 'no content type'}")
            return webforms.map_adf(delivery.body)
        values = webforms.parse_form_body(delivery.body, delivery.headers.get("content-type"))
        return [webforms.map_generic_form(values, item.data.get("field_mapping") or None)]
    except FileFormatError as exc:
        from ..errors import BadRequestError
        raise BadRequestError(f"the payload cannot be read: {exc}") from None


def _delivery_key(item, delivery: Delivery, lead: webforms.WebformLead, index: int) -> str | None:
    """What identifies a lead across the sender's retries: Google's lead_id, ADF's prospect id + source,
    else the Standard Webhooks webhook-id (with the lead's place in the delivery), else a form's own id."""
    kind = item.data["format"]
    if kind in ("google_ads", "adf") and lead.external_id:
        return f"{kind}:{lead.external_id}"
    if delivery.headers.get("webhook-id") and kind != "html_form":
        return f"webhook-id:{delivery.headers['webhook-id']}#{index}"
    if lead.external_id:
        return f"submission:{lead.external_id}"
    if kind == "html_form":                    # a double click or a reload posts the same form again
        return f"form-post:{delivery.source_ip}:{hashlib.sha256(delivery.body).hexdigest()}"
    return None


def _idempotency_pk(tenant: str, integration_id: str, key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{tenant}#webhook#{integration_id}#{digest}"


def _lead_payload(item, lead: webforms.WebformLead, delivery: Delivery, now: dt.datetime) -> dict:
    """The sender's fields, with what the integration decides: source, qualification, spam, consent."""
    data = item.data
    fields = json.loads(json.dumps(lead.fields))               # a copy the defaults may change
    fields.pop("assignee", None)                               # routing decides, not the sender
    # A sender's own source (an ADF provider) need not be in the catalog: it is noted, never refused.
    sender_source = [v for v in (fields.pop("source", None), fields.pop("source_detail", None)) if v]
    notes = ["Sender's source: " + " / ".join(sender_source)] if sender_source else []
    if data.get("default_source"):
        fields["source"] = data["default_source"]
        if data.get("default_source_detail"):
            fields["source_detail"] = data["default_source_detail"]
    fields.setdefault("qualification", data.get("default_qualification") or "warm")
    if data["format"] == "google_ads":         # the campaign the lead came from, for attribution
        references = {"lead_id": lead.external_id, **lead.meta}
        notes.append("Google Ads: " + ", ".join(f"{k}={references[k]}" for k in GOOGLE_REFERENCES if references.get(k)))
    if lead.spam:
        fields["qualification"] = "junk"
        notes.append(SPAM_NOTE)
    consent = fields.get("consent")
    if isinstance(consent, dict) and consent:
        consent.setdefault("given_at", keys.iso(now))
        if delivery.source_ip:
            consent.setdefault("ip", delivery.source_ip)
    if notes:
        fields["remark"] = "\n".join(filter(None, [fields.get("remark"), *notes]))[:4000]
    return fields


def _keep_raw(tenant: str, item, delivery: Delivery, payload: dict | None, name: str, now: dt.datetime) -> str:
    """The body as received (Google's key removed), so the lead can be derived again."""
    body = delivery.body
    if payload is not None and webforms.google_key(payload) is not None:
        body = json.dumps({k: v for k, v in payload.items() if k.lower() != "google_key"}, ensure_ascii=False).encode()
    key = f"webhooks/{tenant}/{item.data['id']}/{now:%Y/%m/%d}/{name}"
    from ..config import get_settings
    files.s3().put_object(Bucket=get_settings().bucket, Key=key, Body=body,
                          ContentType=delivery.headers.get("content-type") or "application/octet-stream",
                          Metadata={"integration": item.data["id"], "received-at": keys.iso(now)})
    return key


def receive(delivery: Delivery) -> Reply:
    """Authenticate, de-duplicate, keep the raw body, store each lead; answer once all are stored."""
    if len(delivery.body) > MAX_WEBHOOK_BYTES:
        raise PayloadTooLargeError(f"the body is larger than {MAX_WEBHOOK_BYTES} bytes")
    tenant_id, item = _integration_for(delivery)
    payload = None
    if item.data["format"] == "google_ads":
        if delivery.content_type not in webforms.JSON_TYPES:
            raise UnsupportedMediaTypeError("Google Ads posts JSON (Content-Type: application/json)")
        try:
            payload = webforms.load_json_object(delivery.body)
        except FileFormatError as exc:
            raise SenderUnverifiedError(f"the body is not Google's JSON, so its key cannot be read: {exc}") from None
    _authenticate(item, tenant_id, delivery, payload)
    leads = _read(item, delivery, payload)
    if all(lead.is_test for lead in leads):
        return Reply({"status": "test", "detail": "a test lead: acknowledged, not stored"}, 200)
    tenant = load_tenant(tenant_id)
    caller = Caller(tenant_id, f"webhook:{item.data['name']}"[:100], "integration", item.data["id"])
    now = _now()
    # Every lead of the delivery is checked before any is stored: a 422 stores none, so the
    # sender's corrected retry cannot lose the ones after the bad one.
    prepared, problems = [], []
    for index, lead in enumerate(leads):
        key = _delivery_key(item, delivery, lead, index)
        idem_pk = _idempotency_pk(tenant.id, item.data["id"], key) if key else None
        if idem_pk and (record := lead_store.get_idempotency(idem_pk)):
            prepared.append(Reply(record.response, record.status_code, replayed=True))
            continue
        try:
            valid = _validated(_lead_payload(item, lead, delivery, now), tenant)
        except InvalidInputError as exc:
            where = f"lead {index + 1}: " if len(leads) > 1 else ""
            problems += [{**e, "message": where + e.get("message", "")} for e in exc.errors]
            continue
        prepared.append((idem_pk, key, valid))
    if problems:
        raise InvalidInputError("the delivery breaks a validation rule; nothing was stored", problems)
    results = [p if isinstance(p, Reply) else _store(caller, tenant, item, delivery, payload, *p, now) for p in prepared]
    replayed = all(r.replayed for r in results)
    reply = results[0] if len(results) == 1 else Reply(
        {"status": "accepted", "leads": [r.body for r in results]}, 200 if replayed else 201, replayed=replayed)
    reply.location = item.data.get("success_url")
    return reply


def _store(caller, tenant, item, delivery, payload, idem_pk, key, valid, now) -> Reply:
    lead_id = new_id()
    ext = "xml" if delivery.content_type in XML_TYPES else ("json" if delivery.content_type in webforms.JSON_TYPES else "txt")
    raw_key = _keep_raw(tenant.id, item, delivery, payload, f"{lead_id}.{ext}", now)
    lead_item, audit = new_lead_item(caller, valid, tenant, channel="webhook", now=now, lead_id=lead_id)
    answer = {"status": "accepted", "lead_id": lead_id, "qualification": lead_item.qualification}
    record = None
    if idem_pk:
        ttl = FORM_RESUBMIT_SECONDS if key.startswith("form-post:") else DELIVERY_TTL_SECONDS
        record = IdempotencyItem(idem_pk, request_hash=hashlib.sha256(delivery.body).hexdigest(), status_code=201,
                                 response=answer, expires_at=int(time.time()) + ttl)
    audit.changes = [*audit.changes, {"field": "raw_payload", "old": None, "new": raw_key}]
    try:
        lead_store.insert_lead(lead_item, audit, record)
    except lead_store.WriteConflict:
        return _answer_of_the_parallel_delivery(idem_pk)
    log.info("webhook lead stored", extra={"integration": item.data["id"], "lead_id": lead_id})
    return Reply(answer, 201)


def _answer_of_the_parallel_delivery(idem_pk: str | None) -> Reply:
    """The same delivery, arriving in parallel, won the write: answer as it was answered. On DynamoDB
    the winner's transaction may still be committing (TransactionConflict), so look a few times."""
    for attempt in range(5):
        if idem_pk and (record := lead_store.get_idempotency(idem_pk)):
            return Reply(record.response, record.status_code, replayed=True)
        time.sleep(0.05 * 2 ** attempt)
    raise ConflictError("the same delivery is being stored by a parallel request; send it again in a moment")

