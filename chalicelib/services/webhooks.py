"""Webhook deliveries: what senders post to /webhooks/{integration_id} becomes leads.

A delivery is authenticated by its integration's own scheme (Standard Webhooks signature,
Google's key, or the origin of a plain HTML form), de-duplicated by the sender's delivery id for
seven days, kept raw in S3 (one object per delivery), and its leads go through the one intake as
a machine sender's: a value that breaks a rule is kept for review, never a reason to lose the
lead. Nothing of a body or a secret is logged.
"""
import datetime as dt
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..domain import webhook_signatures as signatures
from ..domain.permissions import Caller
from ..domain.review import IdentifiesNobodyError, problem
from ..errors import (
    BadRequestError, ConflictError, InvalidInputError, LeadflowError, NotFoundError, PayloadTooLargeError,
    RateLimitedError, SenderUnverifiedError, UnsupportedMediaTypeError,
)
from ..formats import webforms
from ..formats.media_types import READABLE_TYPES, XML_TYPES
from ..formats.rows import FileFormatError
from ..observability import metric
from ..store import files, keys, limits
from ..store import leads as lead_store
from ..store import secrets as secret_store
from . import intake
from .integrations import active_integration, valid_secrets
from .replies import Reply
from .tenants import load_tenant

log = logging.getLogger(__name__)

DELIVERY_TTL_SECONDS = 7 * 24 * 3600      # a sender's retries are recognised for a week (at least 72 h asked)
FORM_RESUBMIT_SECONDS = 10 * 60           # the same form body from the same address: a resubmission
ANOTHER_SUBMISSION = "+submission:"      # joins a used delivery key and another submission's digest
GOOGLE_REFERENCES = ("lead_id", "campaign_id", "form_id", "gcl_id", "adgroup_id", "creative_id")
MAX_WEBHOOK_BYTES = 256 * 1024
SPAM_NOTE = "leadflow: a spam trap field of the form was filled; the lead was marked as junk"
# Why a delivery was refused, as the WebhookRefusals metric names it; looked up along the error's
# classes, so that a SignatureError counts as "signature", not as the SenderUnverifiedError it also is.
REFUSAL_REASONS = {
    signatures.SignatureError: "signature",            # wrong or missing signature or Google key
    SenderUnverifiedError: "unverified",               # a form's origin; a Google body without a readable key
    NotFoundError: "unknown_integration",
    RateLimitedError: "rate_limited",
    PayloadTooLargeError: "too_large",
    UnsupportedMediaTypeError: "media_type",
    BadRequestError: "unreadable",
    InvalidInputError: "identifies_nobody",
    ConflictError: "conflict",
}


@dataclass
class Delivery:
    """One POST to /webhooks/{integration_id}, as the route hands it over."""
    integration_id: str
    body: bytes
    headers: dict[str, str]            # lower-case names
    source_ip: str | None
    received: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()

    @property
    def extension(self) -> str:
        if self.content_type in XML_TYPES:
            return "xml"
        return "json" if self.content_type in webforms.JSON_TYPES else "txt"


# ---------------------------------------------------------------- who sent it


def _authenticate(item, tenant: str, delivery: Delivery, payload: dict | None) -> None:
    """Raise SenderUnverifiedError unless the sender proved it is this integration's sender."""
    kind = item.data["format"]
    if kind == "google_ads":
        given = webforms.google_key(payload or {})
        digest = secret_store.digest(given) if given else None
        # Every valid key is compared, so timing does not tell how many there are or which matched.
        matches = [signatures.constant_time_equals(digest, s.get("sha256")) for s in valid_secrets(item)]
        if not any(matches):
            raise signatures.SignatureError("missing or wrong google_key")
    elif kind == "html_form":
        _check_form_origin(item, delivery)
    else:
        secrets = [secret for s in valid_secrets(item) if "kms" in s
                   if (secret := secret_store.decrypt(s["kms"], tenant=tenant, integration_id=item.data["id"]))]
        signatures.verify(secrets, delivery.headers.get("webhook-id"), delivery.headers.get("webhook-timestamp"),
                          delivery.headers.get("webhook-signature"), delivery.body, now=time.time())


def _check_form_origin(item, delivery: Delivery) -> None:
    """A browser names the page's origin (Origin, else Referer). A page served with
    Referrer-Policy: no-referrer sends `Origin: null` and no Referer: accepted only where the
    integration opted in (accept_without_origin); a foreign origin never is."""
    origin = delivery.headers.get("origin")
    if origin in (None, "", "null"):
        origin = _origin_of(delivery.headers.get("referer"))
    if origin is None:
        if item.data.get("accept_without_origin"):
            return
        raise SenderUnverifiedError("the browser sent no origin for this form; the form's page must not "
                                    "suppress it (Referrer-Policy), or the integration must accept posts "
                                    "without origin")
    allowed = item.data.get("allowed_origins", [])
    if origin.lower() not in allowed and origin.lower() not in _as_browsers_say(allowed):
        raise SenderUnverifiedError("this form may be posted only from the integration's allowed origins")


def _as_browsers_say(origins: list[str]) -> list[str]:
    """Origins an integration saved before they were stored as a browser sends them (https://müller.de
    as https://xn--mller-kva.de)."""
    from .integrations import IntegrationInput
    try:
        return IntegrationInput._origins(origins)
    except ValueError:
        return []


def _origin_of(referer: str | None) -> str | None:
    if not referer:
        return None
    try:
        parts = urlsplit(referer)
    except ValueError:                  # "http://[::1/x": no address, so no origin to compare
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _take_rate(tenant: str, item) -> None:
    """A public form can be posted by anyone: at most `rate_limit_per_minute` posts a minute."""
    limit = item.data.get("rate_limit_per_minute") or 30
    wait = limits.take(tenant, item.data["id"], limit)
    if wait:
        raise RateLimitedError(f"this form takes at most {limit} posts a minute; try again in {wait} s",
                               retry_after=wait)


# ---------------------------------------------------------------- what it holds


def _read(item, delivery: Delivery, payload: dict | None) -> list[webforms.WebformLead]:
    """The leads of the delivery, in the integration's format."""
    kind, ctype = item.data["format"], delivery.content_type
    try:
        if kind == "google_ads":
            return [webforms.flag_mended(webforms.map_google_ads(payload))]
        if kind == "adf" or ctype in XML_TYPES:
            if ctype not in XML_TYPES:
                raise UnsupportedMediaTypeError(f"send ADF XML as application/xml, not {ctype or 'no content type'}")
            return webforms.map_adf(delivery.body)      # XML holds no half character: it does not parse
        values = webforms.parse_form_body(delivery.body, delivery.headers.get("content-type"))
        # Only a browser's unsigned post can have been filled by a bot: a signed sender has no traps.
        return [webforms.flag_mended(webforms.map_generic_form(values, item.data.get("field_mapping") or None,
                                                               traps=kind == "html_form"))]
    except FileFormatError as exc:
        raise BadRequestError(f"the payload cannot be read: {exc.detail}") from None


def _delivery_key(item, delivery: Delivery, lead: webforms.WebformLead, index: int) -> str | None:
    """What identifies a lead across the sender's retries: Google's lead_id, ADF's prospect id + source,
    else the Standard Webhooks webhook-id (with the lead's place in the delivery), else a form's own id."""
    kind = item.data["format"]
    if kind in ("google_ads", "adf") and lead.external_id:
        return f"{kind}:{lead.external_id}"
    if delivery.headers.get("webhook-id") and kind != "html_form":
        return f"webhook-id:{delivery.headers['webhook-id']}/{index}"
    if lead.external_id:
        return f"submission:{lead.external_id}"
    if kind == "html_form":                    # a double click or a reload posts the same form again
        return f"form-post:{delivery.source_ip}:{hashlib.sha256(delivery.body).hexdigest()}"
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _submission_digest(lead: webforms.WebformLead) -> str:
    """What a lead of a delivery says, to tell a sender's retry from another submission that
    arrives under an id already used (kept as the idempotency record's request_hash)."""
    return _digest(json.dumps([lead.fields, lead.errors, lead.spam, lead.external_id],
                              sort_keys=True, ensure_ascii=False, default=str))


def _same_submission(record, key: str, said: str, delivery: Delivery) -> bool:
    """Whether a delivery id's record answers this lead. Google's lead_id and ADF's prospect id name
    the lead itself (a resent prospect in a new document is the same lead); a delivery id (webhook-id,
    a form's submission id) names one submission, so another body under it is another lead. Records
    written before the submission's digest was kept hold the body's hash."""
    if key.startswith(("google_ads:", "adf:")):
        return True
    return record.request_hash in (said, hashlib.sha256(delivery.body).hexdigest())


def _another_submission(key: str, said: str) -> str:
    """The delivery key of another submission under a used delivery id: the id and what it says."""
    return key + ANOTHER_SUBMISSION + said


def _reused_id(key: str) -> str:
    """The sender's id in a delivery key ("webhook-id:msg_1/0" -> "msg_1")."""
    reference = key.split(":", 1)[1]
    return reference.rsplit("/", 1)[0] if key.startswith("webhook-id:") else reference


def _delivery_digest(delivery: Delivery, leads: list[webforms.WebformLead]) -> str:
    """One name for the delivery however often it arrives: the sender's delivery id (with its body,
    so that another body under a reused id does not overwrite the first), Google's lead id, else
    the body itself."""
    if delivery.headers.get("webhook-id"):
        return _digest("webhook-id:" + delivery.headers["webhook-id"] + ":" + hashlib.sha256(delivery.body).hexdigest())
    if len(leads) == 1 and leads[0].external_id:
        return _digest("lead:" + leads[0].external_id)
    return hashlib.sha256(delivery.body).hexdigest()


def _consent(fields: dict, delivery: Delivery, notes: list[str]) -> None:
    """Consent time and address are the server's: what a sender claims proves nothing, so it is
    noted (and kept in the raw payload) but never stored as the proof."""
    consent = fields.get("consent")
    if not isinstance(consent, dict) or not consent:
        return
    claimed = [f"{label} {consent.pop(name)}" for name, label in (("given_at", "Zeit"), ("ip", "IP"))
               if consent.get(name) not in (None, "")]
    if claimed:
        notes.append("Einwilligung laut Absender: " + ", ".join(claimed))
    consent["given_at"] = keys.iso(delivery.received)
    if delivery.source_ip:
        consent["ip"] = delivery.source_ip


def _arrival(item, lead: webforms.WebformLead, delivery: Delivery) -> tuple[dict, list[str]]:
    """The sender's fields, and leadflow's notes about the delivery for the remark."""
    data = item.data
    fields = json.loads(json.dumps(lead.fields))               # a copy the rules below may change
    fields.pop("assignee", None)                               # routing decides, not the sender
    notes: list[str] = []
    if data["format"] == "google_ads":         # the campaign the lead came from, for attribution
        references = {"lead_id": lead.external_id, **lead.meta}
        notes.append("Google Ads: " + ", ".join(f"{k}={references[k]}" for k in GOOGLE_REFERENCES if references.get(k)))
    if lead.spam:
        fields["qualification"] = "junk"
        notes.append(SPAM_NOTE)
    _consent(fields, delivery, notes)
    return fields, notes


def _defaults(item) -> intake.Defaults:
    data = item.data
    return intake.Defaults(data.get("default_source"), data.get("default_source_detail"),
                           data.get("default_qualification") or "warm", override=bool(data.get("default_source")))


# ---------------------------------------------------------------- receiving


def receive(delivery: Delivery) -> Reply:
    """Authenticate, de-duplicate, keep the raw body, store each lead; answer once all are stored.
    An error raised once the integration is known carries its `error_url` (for a browser)."""
    try:
        if len(delivery.body) > MAX_WEBHOOK_BYTES:
            raise PayloadTooLargeError(f"the body is larger than {MAX_WEBHOOK_BYTES} bytes")
        tenant_id, item = active_integration(delivery.integration_id)
        try:
            return _receive(tenant_id, item, delivery)
        except LeadflowError as exc:
            exc.error_url = item.data.get("error_url")
            raise
    except LeadflowError as exc:
        metric("WebhookRefusals", reason=refusal_reason(exc))
        raise


def refusal_reason(exc: LeadflowError) -> str:
    """The WebhookRefusals reason of an error (its most specific class that has one)."""
    return next((REFUSAL_REASONS[cls] for cls in type(exc).__mro__ if cls in REFUSAL_REASONS), "other")


def _receive(tenant_id: str, item, delivery: Delivery) -> Reply:
    if delivery.content_type not in READABLE_TYPES:     # before the sender is checked, as Chalice did
        raise UnsupportedMediaTypeError(f"a delivery is JSON, a form or ADF XML, not {delivery.content_type or 'untyped'}")
    payload = None
    if item.data["format"] == "google_ads":
        if delivery.content_type not in webforms.JSON_TYPES:
            raise UnsupportedMediaTypeError("Google Ads posts JSON (Content-Type: application/json)")
        try:
            payload = webforms.load_json_object(delivery.body)
        except FileFormatError as exc:
            raise SenderUnverifiedError(f"the body is not Google's JSON, so its key cannot be read: {exc.detail}") from None
    _authenticate(item, tenant_id, delivery, payload)
    if item.data["format"] == "html_form":
        _take_rate(tenant_id, item)
    leads = _read(item, delivery, payload)
    if all(lead.is_test for lead in leads):
        return Reply({"status": "test", "detail": "a test lead: acknowledged, not stored"}, 200)
    book = intake.Book(load_tenant(tenant_id))
    caller = Caller(tenant_id, f"webhook:{item.data['name']}"[:100], "integration", item.data["id"])
    digest = _delivery_digest(delivery, leads)
    raw_key = keys.raw_payload_key(tenant_id, item.data["id"], digest, delivery.extension)
    results, todo = [], []
    for index, lead in enumerate(leads):
        key, said = _delivery_key(item, delivery, lead, index), _submission_digest(lead)
        reused = False
        if key and (record := lead_store.get_idempotency(_delivery_pk(tenant_id, item, key))):
            if _same_submission(record, key, said, delivery):
                results.append(Reply(record.response, record.status_code, replayed=True))
                continue
            # Another submission under a used id: a lead of its own (nothing lost), whose own
            # retries are recognised by its content.
            key, reused = _another_submission(key, said), True
            if record := lead_store.get_idempotency(_delivery_pk(tenant_id, item, key)):
                results.append(Reply(record.response, record.status_code, replayed=True))
                continue
        fields, notes = _arrival(item, lead, delivery)
        try:
            admitted = intake.admit_machine(book, fields, reader_problems=lead.errors, notes=notes,
                                            defaults=_defaults(item))
        except IdentifiesNobodyError as exc:
            results.append(Reply({"status": "refused", "detail": exc.detail, "errors": exc.errors}, 422))
            continue
        if reused:
            _flag_reused(admitted, key)
        results.append(None)
        # Of a delivery of several leads (ADF's prospects), which one: an access export shows the
        # person only theirs (services/privacy.py).
        prospect = lead.meta.get("prospect") if len(leads) > 1 else None
        todo.append((len(results) - 1, key, said, admitted, prospect))
    if todo:
        _keep_raw(raw_key, item, delivery, payload)
    for position, key, said, admitted, prospect in todo:
        results[position] = _store(caller, book, item, delivery, raw_key, key, said, admitted, prospect)
    return _answer(results, item)


def _delivery_pk(tenant_id: str, item, key: str) -> str:
    return keys.delivery_pk(tenant_id, item.data["id"], _digest(key))


def _flag_reused(admitted: intake.Admitted, key: str) -> None:
    sender_id = _reused_id(key.split(ANOTHER_SUBMISSION, 1)[0])
    admitted.problems.append(problem(
        "webhook-id" if key.startswith("webhook-id:") else "external_id", sender_id,
        f"the sender reused delivery id {sender_id} for a different submission; "
        "stored as a lead of its own, the first submission's lead is unchanged"))


def _answer(results: list[Reply], item) -> Reply:
    """One lead: its answer. Several: each one's, 201 if any was stored. None stored and some
    refused: 422, so that the sender sees why."""
    if len(results) == 1 and results[0].status != 422:
        reply = results[0]
    elif all(r.status == 422 for r in results):
        errors = [e for r in results for e in r.body.get("errors", [])]
        raise InvalidInputError("the delivery identifies nobody; nothing was stored", errors)
    else:
        replayed = all(r.replayed or r.status == 422 for r in results)
        reply = Reply({"status": "accepted", "leads": [r.body for r in results]},
                      200 if replayed else 201, replayed=replayed)
    reply.location = item.data.get("success_url")
    return reply


def _keep_raw(raw_key: str, item, delivery: Delivery, payload: dict | None) -> None:
    """The body as received (Google's key removed), so the lead can be derived again. Written
    before the leads, so a stored lead always has it; the same delivery again overwrites it."""
    body = delivery.body
    if payload is not None and webforms.google_key(payload) is not None:
        kept = {k: v for k, v in payload.items() if k.lower() != "google_key"}
        try:
            body = json.dumps(kept, ensure_ascii=False).encode()
        except UnicodeEncodeError:      # half a character (a lone surrogate): kept escaped, as sent
            body = json.dumps(kept).encode()
    # Stored as octets, the sender's media type kept beside: an S3-compatible server that reads an
    # url-encoded body as a form (moto's, under make run) would otherwise keep an empty object.
    files.put(raw_key, body, content_type="application/octet-stream",
              metadata={"integration": item.data["id"], "received-at": keys.iso(delivery.received),
                        "sent-as": (delivery.headers.get("content-type") or "").encode("ascii", "replace").decode()[:200]})


def _store(caller, book, item, delivery, raw_key, key, said, admitted, prospect: int | None = None) -> Reply:
    idem_pk = _delivery_pk(caller.tenant, item, key) if key else None
    origin = {"integration": item.data["id"], "raw_payload": raw_key,
              **({"prospect": prospect} if isinstance(prospect, int) else {})}
    outcome = intake.build(caller, book.tenant, admitted, channel="webhook", now=delivery.received, origin=origin,
                           router=book.router)

    def answer(stored: intake.Outcome) -> dict:
        """A re-inquiry is accepted like a new lead (the sender has nothing to do differently): its
        lead_id is the open lead it was attached to, also named as reinquiry_of."""
        body = {"status": "accepted", "lead_id": stored.item.lead_id, "qualification": stored.item.qualification,
                "needs_review": bool(admitted.problems)}
        if isinstance(stored, intake.Touch):
            body["reinquiry_of"] = stored.item.lead_id
        return body

    def record_of(stored: intake.Outcome):
        ttl = FORM_RESUBMIT_SECONDS if key.startswith("form-post:") else DELIVERY_TTL_SECONDS
        return lead_store.idempotency_record(idem_pk, request_hash=said,
                                             status_code=201, response=answer(stored), ttl_seconds=ttl,
                                             lead=(caller.tenant, stored.item.lead_id))
    try:
        outcome = intake.store(outcome, record_of if idem_pk else None)
    except lead_store.WriteConflict as exc:
        if exc.tags and exc.tags <= intake.CHANGED_MEANWHILE:
            # intake decided again on fresh reads as often as it does, and other inquiries of the
            # same person kept changing their leads: no parallel request holds this delivery's id.
            raise ConflictError("the person's open lead kept changing while this delivery was stored "
                                "(other inquiries of the same person at the same moment); send it again "
                                "in a moment") from None
        record = _record_of_the_parallel_delivery(idem_pk)
        if _same_submission(record, key, said, delivery) or ANOTHER_SUBMISSION in key:
            return Reply(record.response, record.status_code, replayed=True)
        # Another submission under the same id won the race: this one is a lead of its own.
        key = _another_submission(key, said)
        _flag_reused(admitted, key)
        return _store(caller, book, item, delivery, raw_key, key, said, admitted, prospect)
    log.info("webhook lead stored", extra={"tenant": caller.tenant, "integration": item.data["id"],
                                           "lead_id": outcome.item.lead_id,
                                           "reinquiry": isinstance(outcome, intake.Touch),
                                           "needs_review": bool(admitted.problems)})
    return Reply(answer(outcome), 201)


def _record_of_the_parallel_delivery(idem_pk: str | None):
    """A parallel request with the same delivery id won the write: its record. On DynamoDB the
    winner's transaction may still be committing (TransactionConflict), so look a few times."""
    for attempt in range(5):
        if idem_pk and (record := lead_store.get_idempotency(idem_pk)):
            return record
        time.sleep(0.05 * 2 ** attempt)
    raise ConflictError("the same delivery is being stored by a parallel request; send it again in a moment")
