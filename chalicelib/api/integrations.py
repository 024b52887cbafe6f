"""Webhook integrations (admins configure them) and the one route senders post to without IAM."""
import html
import json

from chalice import Blueprint, Response

from ..services import webhooks
from ..validation import validate
from .routing import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/integrations", "GET", summary="List the tenant's webhook integrations", action="integration.read")
def list_integrations(ctx):
    """Every integration with its settings; secrets are never shown again."""
    return webhooks.list_integrations(ctx.caller)


@endpoint(bp, "/integrations", "POST", summary="Add a webhook integration (its secret is shown once)",
          action="integration.write", body=webhooks.IntegrationInput, status=201)
def create_integration(ctx):
    """Name, format, defaults, mapping; the answer holds the secret, this once."""
    return webhooks.create_integration(ctx.caller, validate(webhooks.IntegrationInput, ctx.body))


@endpoint(bp, "/integrations/{integration_id}", "GET", summary="One webhook integration",
          action="integration.read")
def get_integration(ctx, integration_id):
    return webhooks.get_integration(ctx.caller, integration_id)


@endpoint(bp, "/integrations/{integration_id}", "PATCH", summary="Change an integration's settings",
          action="integration.write", body=webhooks.IntegrationPatch, headers=["If-Match"])
def update_integration(ctx, integration_id):
    """Settings at the version read (If-Match); `active: false` stops its deliveries."""
    patch = validate(webhooks.IntegrationPatch, ctx.body)
    return webhooks.update_integration(ctx.caller, integration_id, patch, ctx.if_match())


@endpoint(bp, "/integrations/{integration_id}/secrets", "POST", action="integration.write",
          summary="Rotate the secret: a new one (shown once); the old ones stay valid for a while",
          body=webhooks.RotationInput, status=201)
def rotate_secret(ctx, integration_id):
    return webhooks.rotate_secret(ctx.caller, integration_id, validate(webhooks.RotationInput, ctx.body))


@endpoint(bp, "/webhooks/{integration_id}", "POST", auth=False, content_types=webhooks.CONTENT_TYPES,
          summary="A sender's delivery: no IAM; the integration's signature, key or origin authenticates it")
def receive_webhook(ctx, integration_id):
    """Store the delivery's leads, then acknowledge; a repeated delivery gets the first answer."""
    request = ctx.request
    delivery = webhooks.Delivery(integration_id, request.raw_body or b"",
                                 {k.lower(): v for k, v in request.headers.items()},
                                 (request.context.get("identity") or {}).get("sourceIp"))
    reply = webhooks.receive(delivery)
    if delivery.content_type == "application/x-www-form-urlencoded":
        return _browser_answer(reply)
    return reply


def _browser_answer(reply) -> Response:
    """A person submitted a plain HTML form: send them on to the thank-you page, or show one."""
    if reply.location:
        return Response(body="", status_code=303, headers={"Location": reply.location})
    page = ("<!DOCTYPE html><html lang=\"de\"><meta charset=\"utf-8\"><title>Danke</title>"
            "<p>Vielen Dank für Ihre Anfrage. Wir melden uns in Kürze.</p>"
            f"<!-- {html.escape(json.dumps(reply.body))} --></html>")
    return Response(body=page, status_code=reply.status, headers={"Content-Type": "text/html; charset=utf-8"})
