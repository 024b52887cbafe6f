"""The one route senders post to without IAM: web forms, Google Ads lead forms, portals (ADF)."""
import logging

from chalice import Blueprint, Response

from ..errors import LeadflowError
from ..observability import fault
from ..formats.media_types import WEBHOOK_TYPES
from . import form_pages
from .routing import endpoint

bp = Blueprint(__name__)
log = logging.getLogger(__name__)

# What each format posts, for /openapi.json (the route reads the raw body itself).
_BODIES = {
    "application/json": {"description": "generic (signed, Standard Webhooks headers webhook-id, webhook-timestamp, "
                                        "webhook-signature) or google_ads (user_column_data, lead_id, google_key): "
                                        "a JSON object of form fields", "type": "object"},
    "application/x-www-form-urlencoded": {"description": "html_form (a browser's post, checked by its Origin) or a "
                                                         "signed generic form: name=value pairs", "type": "object"},
    "multipart/form-data": {"description": "html_form or a signed generic form: its text fields are read, "
                                           "files are not kept (their names go into the remark)", "type": "object"},
    "application/xml": {"description": "adf (signed): an ADF 1.0 document, one lead per <prospect>",
                        "type": "string"},
}


@endpoint(bp, "/webhooks/{integration_id}", "POST", auth=False, content_types=WEBHOOK_TYPES,
          response="WebhookAnswer", status=201, other_bodies=_BODIES,
          summary="A sender's delivery: no IAM; the integration's signature, key or origin authenticates it")
def receive_webhook(ctx, integration_id):
    """Store the delivery's leads, then acknowledge; a repeated delivery gets the first answer.
    A browser's plain form post is answered with a page (or a redirect), never with JSON."""
    from ..services import webhooks     # and the form and ADF readers: loaded by a delivery, not at a cold start
    request = ctx.request
    headers = {k.lower(): v for k, v in request.headers.items()}
    delivery = webhooks.Delivery(integration_id, request.raw_body or b"", headers,
                                 (request.context.get("identity") or {}).get("sourceIp"))
    if not form_pages.from_browser(delivery.content_type, headers):
        return webhooks.receive(delivery)
    language = form_pages.language(headers.get("accept-language"))
    try:
        reply = webhooks.receive(delivery)
    except LeadflowError as exc:
        return form_pages.refused(exc, language)
    except Exception as exc:            # a fault of ours: the visitor still gets a page, not JSON
        log.error("a browser's form post failed", extra={"integration": integration_id, **fault(exc)})
        return form_pages.failed(language)
    if reply.location:
        return Response(body="", status_code=303, headers={"Location": reply.location})
    return form_pages.thank_you(language, reply.status)

