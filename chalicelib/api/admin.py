"""Administration: IAM principals, users, tenant settings."""
from chalice import Blueprint

from .routing import endpoint, lazy

principals = lazy("services.principals")
tenants = lazy("services.tenants")

bp = Blueprint(__name__)


@endpoint(bp, "/principals", "GET", summary="List the tenant's IAM principals", action="principal.read",
          response="PrincipalList")
def list_principals(ctx):
    """Every principal mapped to a user of the tenant, active or not."""
    return principals.list_principals(ctx.caller)


@endpoint(bp, "/principals", "POST", summary="Map an IAM principal to a user and role",
          action="principal.write", body="api.schemas:PrincipalCreate", response="Principal", status=201)
def add_principal(ctx):
    """Add a principal; the user is created or reactivated."""
    body = ctx.body
    return principals.add_principal(ctx.caller, principal=body.principal, user=body.user, role=body.role,
                                    name=body.name)


@endpoint(bp, "/principals/{principal_id}", "PATCH", summary="Change a principal's role or deactivate it",
          action="principal.write", body="api.schemas:PrincipalPatch", response="Principal")
def update_principal(ctx, principal_id):
    """Takes effect on the principal's next request; the last active admin stays."""
    body = ctx.body
    return principals.update_principal(ctx.caller, principal_id, version=body.version, role=body.role,
                                       active=body.active, name=body.name)


@endpoint(bp, "/principals/{principal_id}/log", "GET", summary="A principal's audit log",
          action="principal.read", response="PrincipalLog")
def principal_log(ctx, principal_id):
    """Who mapped, changed or deactivated the principal, newest first."""
    return principals.principal_log(ctx.caller, principal_id)


@endpoint(bp, "/users", "GET", summary="The tenant's users", action="user.read", response="UserList")
def list_users(ctx):
    """Users to assign leads to; inactive ones cannot be assigned."""
    return principals.list_users(ctx.caller)


@endpoint(bp, "/tenant", "PATCH", summary="Change the tenant's settings", action="tenant.write",
          body="api.schemas:TenantPatch", response="Tenant")
def update_tenant(ctx):
    """Name, kind, country, holiday region and categories, at the version read."""
    body = ctx.body
    changes = body.model_dump(exclude={"version"}, exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None or k == "subdivision"}   # null clears a subdivision (only)
    return tenants.update_tenant(ctx.caller, changes, body.version)
