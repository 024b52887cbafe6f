"""The one permission table: which role may take which action, and on which leads."""
from dataclasses import dataclass

ROLES = ("admin", "sales_manager", "sales_rep", "integration", "auditor")

# Scopes say which leads an allowed action reaches:
#   tenant      every lead of the caller's tenant
#   own_or_pool leads assigned to the caller, and unassigned ones
#   own         leads assigned to the caller
#   pool        unassigned leads
#   created     leads the caller created (integrations read back what they sent)
TENANT, OWN_OR_POOL, OWN, POOL, CREATED = "tenant", "own_or_pool", "own", "pool", "created"

_MANAGE_LEADS = {
    "lead.create": TENANT, "lead.read": TENANT, "lead.update": TENANT, "lead.delete": TENANT,
    "lead.log": TENANT, "lead.assign": TENANT, "lead.bulk_assign": TENANT, "lead.bulk_delete": TENANT,
    "lead.contact": TENANT, "lead.take": POOL,
}
_EVERYONE = {"me.read": TENANT, "catalog.read": TENANT, "tenant.read": TENANT}
_IMPORTS = {"import.read": TENANT, "import.create": TENANT}
# Importer -> dealer forwarding: the importer forwards, the dealer accepts or rejects.
_FORWARDING = {"lead.forward": TENANT, "lead.accept": TENANT, "lead.reject": TENANT}
_CUSTOMERS = {"customer.read": TENANT, "customer.write": TENANT, "activity.read": TENANT, "activity.write": TENANT}

PERMISSIONS: dict[str, dict[str, str]] = {
    "admin": {
        **_MANAGE_LEADS, **_EVERYONE, **_CUSTOMERS, **_IMPORTS, "lead.convert": TENANT, "customer.bulk": TENANT,
        "catalog.write": TENANT, "tenant.write": TENANT, "user.read": TENANT,
        "principal.read": TENANT, "principal.write": TENANT,
        "integration.read": TENANT, "integration.write": TENANT,
        "routing.read": TENANT, "routing.write": TENANT, "user.absence": TENANT,
        **_FORWARDING, "link.read": TENANT, "link.write": TENANT,
        "privacy.export": TENANT,       # the access export (Art. 15): admins alone, audited
        "privacy.erase": TENANT,        # the erasure (Art. 17) and other tenants' erasure requests: admins alone
        "privacy.retention": TENANT,    # what the next retention run removes (domain/retention.py)
        "lead.legal_hold": TENANT,      # hold a lead against retention and erasure, or release it; audited
        "customer.reindex": TENANT,     # derive the master's match keys and search tokens anew after an upgrade
    },
    "sales_manager": {**_MANAGE_LEADS, **_EVERYONE, **_CUSTOMERS, **_IMPORTS, "lead.convert": TENANT,
                      "user.read": TENANT, "routing.read": TENANT, "user.absence": TENANT,
                      **_FORWARDING, "link.read": TENANT},
    "sales_rep": {
        **_EVERYONE, **_CUSTOMERS, "user.read": TENANT, "lead.convert": OWN,
        "lead.create": TENANT, "lead.read": OWN_OR_POOL, "lead.update": OWN_OR_POOL,
        "lead.log": OWN_OR_POOL, "lead.contact": OWN_OR_POOL,
        "lead.accept": OWN_OR_POOL, "lead.reject": OWN_OR_POOL,
        "lead.take": POOL,              # assign an unassigned lead to oneself: then convert it too
    },
    "integration": {
        "me.read": TENANT, "catalog.read": TENANT, "lead.create": TENANT, "lead.read": CREATED,
        "customer.bulk": TENANT,      # loads the dealer system's customers, cannot read them back
        **_IMPORTS,
    },
    "auditor": {
        **_EVERYONE, "user.read": TENANT, "principal.read": TENANT, "integration.read": TENANT,
        "routing.read": TENANT, "link.read": TENANT, "lead.read": TENANT, "lead.log": TENANT, "customer.read": TENANT, "activity.read": TENANT,
    },
}

# Lead fields a role may not write even where it may edit the lead. The assignee is governed
# by lead.assign and lead.take instead (may_assign).
FIELDS_DENIED: dict[str, frozenset[str]] = {
    "sales_rep": frozenset({"status"}),
    "integration": frozenset({"status"}),
}


@dataclass(frozen=True)
class Caller:
    """Who is calling: resolved from a verified IAM principal, never from a client header."""
    tenant: str
    user: str
    role: str
    principal: str


def scope_of(caller: Caller, action: str) -> str | None:
    """The scope of an action for the caller's role; None means denied (unknown actions too)."""
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
    if scope == POOL:
        return assignee is None
    if scope == CREATED:
        return created_by == caller.user
    return False


def may_assign(caller: Caller, current: str | None, new: str | None) -> bool:
    """Assign to anyone with lead.assign; with lead.take only an unassigned lead, to oneself."""
    return may(caller, "lead.assign") or (
        new == caller.user and reaches(caller, "lead.take", assignee=current, created_by=None))


def refusal(caller: Caller, action: str, *, assignee: str | None, created_by: str | None) -> str:
    """Why the caller's role may not take the action on a lead it reaches. On a pool lead that the
    action would reach once assigned to the caller, and which the caller may take: to take it first."""
    message = f"your role may not {action.split('.')[1]} this lead"
    if (reaches(caller, "lead.take", assignee=assignee, created_by=created_by)
            and reaches(caller, action, assignee=caller.user, created_by=created_by)):
        message += ": take the lead first (assign it to yourself)"
    return message


def denied_fields(caller: Caller, fields) -> list[str]:
    return sorted(set(fields) & FIELDS_DENIED.get(caller.role, frozenset()))
