"""Webhook integrations: admins configure them (the deliveries' route is api/webhooks.py)."""
from chalice import Blueprint

from .routing import endpoint, lazy

integrations = lazy("services.integrations")

bp = Blueprint(__name__)


@endpoint(bp, "/integrations", "GET", summary="List the tenant's webhook integrations", action="integration.read",
          response="IntegrationList")
def list_integrations(ctx):
    """Every integration with its settings; secrets are never shown again."""
    return integrations.list_integrations(ctx.caller)


@endpoint(bp, "/integrations", "POST", summary="Add a webhook integration (its secret is shown once)",
          action="integration.write", body="services.integrations:IntegrationInput", response="IntegrationWithSecret",
          status=201)
def create_integration(ctx):
    """Name, format, defaults, mapping; the answer holds the secret, this once."""
    return integrations.create_integration(ctx.caller, ctx.body)


@endpoint(bp, "/integrations/{integration_id}", "GET", summary="One webhook integration",
          action="integration.read", response="Integration")
def get_integration(ctx, integration_id):
    """Its settings and the validity of its secrets (never the secrets)."""
    return integrations.get_integration(ctx.caller, integration_id)


@endpoint(bp, "/integrations/{integration_id}", "PATCH", summary="Change an integration's settings",
          action="integration.write", body="services.integrations:IntegrationPatch", response="Integration",
          headers=["If-Match"])
def update_integration(ctx, integration_id):
    """Settings at the version read (If-Match); `active: false` stops its deliveries."""
    return integrations.update_integration(ctx.caller, integration_id, ctx.body, ctx.if_match())


@endpoint(bp, "/integrations/{integration_id}/secrets", "POST", action="integration.write",
          summary="Rotate the secret: a new one (shown once); the old ones stay valid for a while",
          body="services.integrations:RotationInput", response="IntegrationWithSecret", status=201)
def rotate_secret(ctx, integration_id):
    """A new secret in this answer; the previous ones expire after keep_previous_hours."""
    return integrations.rotate_secret(ctx.caller, integration_id, ctx.body)
