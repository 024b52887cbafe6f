"""The tenant's source catalog (Lead-Herkunft and Lead-Herkunft-Detail) and settings."""
from urllib.parse import unquote

from chalice import Blueprint

from .routing import endpoint, lazy

tenants = lazy("services.tenants")

bp = Blueprint(__name__)


@endpoint(bp, "/sources", "GET", summary="List the source catalog", action="catalog.read",
          response="SourceList")
def list_sources(ctx):
    """Every source with its details."""
    return {"items": tenants.list_sources(ctx.caller)}


@endpoint(bp, "/sources", "POST", summary="Add a source", action="catalog.write",
          body="api.schemas:SourceCreate", response="Source", status=201)
def create_source(ctx):
    """Add a source and its details (admins)."""
    body = ctx.body
    return tenants.create_source(ctx.caller, body.name, body.details)


@endpoint(bp, "/sources/{name}", "PATCH", summary="Change a source's details or deactivate it",
          action="catalog.write", body="api.schemas:SourcePatch", response="Source")
def update_source(ctx, name):
    """Replace the details or (de)activate a source, at the version read."""
    body = ctx.body
    return tenants.update_source(ctx.caller, unquote(name), details=body.details, active=body.active,
                                 version=body.version)


@endpoint(bp, "/tenant", "GET", summary="The caller's tenant settings", action="tenant.read",
          response="Tenant")
def get_tenant(ctx):
    """Country, holiday region and which holiday categories count as days off."""
    return tenants.tenant_view(tenants.load_tenant(ctx.caller.tenant))
