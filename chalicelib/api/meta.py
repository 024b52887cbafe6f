"""Health, the OpenAPI document, and who-am-I."""
from chalice import Blueprint

from ..domain.permissions import PERMISSIONS
from .openapi import build_document
from .routing import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/health", "GET", summary="Liveness", auth=False, response="Health", head=True)
def health(ctx):
    """200 once the API answers; no auth. HEAD answers the same without a body."""
    return {"status": "ok"}


@endpoint(bp, "/openapi.json", "GET", summary="This API's OpenAPI 3.1 document", auth=False,
          response="OpenApiDocument")
def openapi(ctx):
    """The contract, generated from the validating models."""
    return build_document()


@endpoint(bp, "/me", "GET", summary="The caller's user, tenant, role and permissions",
          action="me.read", response="Me")
def me(ctx):
    """Who the verified principal is in leadflow."""
    c = ctx.caller
    return {"tenant": c.tenant, "user": c.user, "role": c.role, "principal": c.principal,
            "permissions": PERMISSIONS[c.role]}
