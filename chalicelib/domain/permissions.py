"""The one permission table: which role may take which action on which leads."""
from dataclasses import dataclass

ROLES = ("admin", "sales_manager", "sales_rep", "integration", "auditor")

# Scopes say which leads an allowed action reaches:
#   tenant      every lead of the caller's tenant
#   own_or_pool leads assigned to the caller, and unassigned ones
#   own         leads assigned to the caller
#   created     leads the caller created (integrations read back what they sent)
TENANT, OWN_OR_POOL, OWN, CREATED = "tenant", "own_or_pool", "own", "created"

PERMISSIONS: dict[str, dict[str, str]] = {
    "admin": {
        "lead.create": TENANT, "lead.read": TENANT, "lead.update": TENANT, "lead.delete": TENANT,
        "lead.log": TENANT, "lead.assign": TENANT,
        "catalog.read": TENANT, "catalog.write": TENANT, "tenant.read": TENANT, "me.read": TENANT,
    },
    "sales_manager": {
        "lead.create": TENANT, "lead.read": TENANT, "lead.update": TENANT, "lead.delete": TENANT,
        "lead.log": TENANT, "lead.assign": TENANT,
        "catalog.read": TENANT, "tenant.read": TENANT, "me.read": TENANT,
    },
    "sales_rep": {
        "lead.create": TENANT, "lead.read": OWN_OR_POOL, "lead.update": OWN_OR_POOL,
        "lead.log": OWN_OR_POOL,
        "catalog.read": TENANT, "tenant.read": TENANT, "me.read": TENANT,
    },
    "integration": {
        "lead.create": TENANT, "lead.read": CREATED, "catalog.read": TENANT, "me.read": TENANT,
    },
    "auditor": {
        "lead.read": TENANT, "lead.log": TENANT, "catalog.read": TENANT, "tenant.read": TENANT,
        "me.read": TENANT,
    },
}


@dataclass(frozen=True)
class Caller:
    """Who is calling: resolved from a verified IAM principal, never from a client header."""
    tenant: str
    user: str
    role: str
    principal: str


def scope_of(caller: Caller, action: str) -> str | None:
    """The scope of an action for the caller's role; None means denied (unknown action too)."""
    return PERMISSIONS.get(caller.role, {}).get(action)


def may(caller: Caller, action: str) -> bool:
    return scope_of(caller, action) is not None


def reaches(caller: Caller, action: str, *, assignee: str | None, created_by: str | None) -> bool:
    """Whether the caller's scope for the action covers a lead with this assignee and creator."""
    scope = scope_of(caller, action)
    if scope == TENANT:
        return True
    if scope == OWN_OR_POOL:
        return assignee in (None, caller.user)
    if scope == OWN:
        return assignee == caller.user
    if scope == CREATED:
        return created_by == caller.user
    return False
