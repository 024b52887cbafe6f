"""Admins map principals (IAM, or people of the user pool) to users and roles, and deactivate
them; every change is audited."""
import base64
import binascii
import datetime as dt

from ..config import get_settings
from ..domain.ids import new_id
from ..domain.permissions import Caller
from ..domain.principals import aws_account, canonical_principal, cognito_user_pool
from ..errors import ConflictError, InvalidInputError, NotFoundError, StaleVersionError
from ..store import directory, keys
from ..store import audit as audit_store
from ..store.models import PrincipalItem, TenantItem
from .tenants import load_tenant, onlookers


def principal_id(arn: str) -> str:
    """URL-safe id of a principal: its ARN holds ':' and '/'."""
    return base64.urlsafe_b64encode(arn.encode()).decode().rstrip("=")


def _arn_of(principal_ref: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(principal_ref + "=" * (-len(principal_ref) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def view(item: PrincipalItem) -> dict:
    return {"id": principal_id(item.principal), "principal": item.principal, "user": item.user,
            "role": item.role, "name": item.name, "active": item.active, "version": item.version}


def _audit(caller: Caller, item: PrincipalItem, action: str, changes: list[dict]):
    return audit_store.entry(caller.tenant, "principal", principal_id(item.principal), action=action,
                             actor=caller.user, role=caller.role, channel="api",
                             at=keys.iso(dt.datetime.now(dt.timezone.utc)), changes=changes, entry_id=new_id())


def _load(caller: Caller, ref: str) -> PrincipalItem:
    arn = _arn_of(ref)
    item = directory.get_principal(arn) if arn else None
    if item is None or item.tenant != caller.tenant:
        raise NotFoundError("principal not found")
    return item


def _user_item(tenant: str, user: str, name: str | None, active: bool) -> TenantItem:
    item = directory.get_user(tenant, user) or directory.new_user(tenant, user, {"name": name or user})
    if name:
        item.data = {**item.data, "name": name}
    item.active = active
    return item


def list_principals(caller: Caller) -> dict:
    return {"items": [view(i) for i in directory.list_principals(caller.tenant)]}


def list_users(caller: Caller) -> dict:
    idle = onlookers(caller.tenant)
    return {"items": [{"id": (user := directory.user_of(i)), "name": i.data.get("name"), "active": i.active,
                       "works_leads": user not in idle} for i in directory.list_users(caller.tenant)]}


def add_principal(caller: Caller, *, principal: str, user: str, role: str, name: str | None) -> dict:
    """Map an IAM user or role ARN (an assumed-role ARN maps to its role), or a person of the
    stack's user pool (cognito:<user-pool-id>:<sub>), to a user and role."""
    arn = canonical_principal(principal)
    if arn is None:
        raise InvalidInputError("invalid principal", [{"field": "principal", "type": "value_error",
                                "message": "an IAM user or role ARN (arn:aws:iam::ACCOUNT:user/NAME or role/NAME) "
                                           "or a person of the user pool (cognito:USER-POOL-ID:SUB)"}])
    pool = cognito_user_pool(arn)
    if pool is not None and pool != get_settings().cognito_user_pool_id:
        # Only people of this stack's pool can ever sign in: a mapping of any other pool is a mistake.
        raise InvalidInputError("principal outside the stack's user pool", [{
            "field": "principal", "type": "foreign_user_pool",
            "message": "not a person of the user pool people sign in with (the stack's UserPoolId)"}])
    if pool is None and aws_account(arn) not in load_tenant(caller.tenant).aws_accounts:
        # Otherwise an admin could map another organisation's role and receive its leads.
        raise InvalidInputError("principal outside the tenant's AWS accounts", [{
            "field": "principal", "type": "foreign_account",
            "message": "not in one of the AWS accounts this tenant may map (set by the operator)"}])
    item = directory.new_principal(arn, tenant=caller.tenant, user=user, role=role, name=name)
    changes = [{"field": f, "old": None, "new": getattr(item, f)} for f in ("principal", "user", "role", "name")]
    try:
        directory.save_principal(item, admin_delta=int(role == "admin"), create=True,
                                 user_item=_user_item(caller.tenant, user, name, True),
                                 audit=_audit(caller, item, "created", changes))
    except directory.PrincipalConflictError:
        raise ConflictError("this principal is mapped already, here or in another tenant") from None
    return view(item)


def update_principal(caller: Caller, ref: str, *, version: int, role: str | None = None,
                     active: bool | None = None, name: str | None = None) -> dict:
    """Change role or name, or (de)activate; takes effect on the principal's next request."""
    item = _load(caller, ref)
    if item.version != version:
        raise StaleVersionError("the principal changed since you read it", current_version=item.version)
    before = {"role": item.role, "active": item.active, "name": item.name}
    was_admin = item.active and item.role == "admin"
    item.role = role if role is not None else item.role
    item.active = active if active is not None else item.active
    item.name = name if name is not None else item.name
    changes = [{"field": f, "old": before[f], "new": getattr(item, f)} for f in before if before[f] != getattr(item, f)]
    if not changes:
        return view(item)
    user_active = item.active or any(p.active for p in directory.list_principals(caller.tenant)
                                     if p.user == item.user and p.principal != item.principal)
    action = "deactivated" if before["active"] and not item.active else "updated"
    try:
        directory.save_principal(item, admin_delta=int(item.active and item.role == "admin") - int(was_admin),
                                 user_item=_user_item(caller.tenant, item.user, None, user_active),
                                 audit=_audit(caller, item, action, changes))
    except directory.LastAdminError:
        raise ConflictError("the tenant's last active admin cannot be removed or demoted") from None
    except directory.PrincipalConflictError:
        raise StaleVersionError("the principal changed since you read it") from None
    return view(item)


def principal_log(caller: Caller, ref: str) -> dict:
    item = _load(caller, ref)
    entries, _ = audit_store.read(caller.tenant, "principal", principal_id(item.principal), limit=100, start=None)
    return {"principal": item.principal, "items": [audit_store.view(e) for e in entries]}


