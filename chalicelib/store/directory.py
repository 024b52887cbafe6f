"""Tenants, their users and source catalog, IAM principals, and local access keys."""
import secrets

from pynamodb.exceptions import DoesNotExist, PutError

from .models import AuditItem, LocalAccessKeyItem, PrincipalItem, TenantItem, bind_models
from .transactions import ConditionFailed, Transaction

SETTINGS = "settings"


class ChangedMeanwhileError(Exception):
    """The item's version moved on since it was read: someone else saved it first."""


class AlreadyExistsError(Exception):
    """An item with that key exists already."""


def _save_versioned(item) -> None:
    bind_models()
    try:
        item.save()
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            raise ChangedMeanwhileError() from None
        raise
ADMIN_COUNT = "admin-count"        # active admin principals: the last-admin guard's counter


def _get(model, *key):
    bind_models()
    try:
        return model.get(*key, consistent_read=True)
    except DoesNotExist:
        return None


def get_principal(principal: str) -> PrincipalItem | None:
    return _get(PrincipalItem, principal)


def put_principal(principal: str, *, tenant: str, user: str, role: str, active: bool = True) -> None:
    """Create or overwrite a mapping and keep the tenant's admin count right (provisioning, tests)."""
    bind_models()
    item = get_principal(principal)
    was_admin = bool(item and item.active and item.role == "admin" and item.tenant == tenant)
    item = item or PrincipalItem(principal)
    item.tenant, item.user, item.role, item.active = tenant, user, role, active
    save_principal(item, admin_delta=int(active and role == "admin") - int(was_admin), user_item=None, audit=None)


def list_principals(tenant: str) -> list[PrincipalItem]:
    bind_models()
    return list(PrincipalItem.by_tenant.query(tenant))


class LastAdminError(Exception):
    """The change would leave the tenant without an active admin."""


class PrincipalConflictError(Exception):
    """The principal exists already (create) or changed since it was read (update)."""


def save_principal(item: PrincipalItem, *, admin_delta: int, user_item: TenantItem | None,
                   audit: AuditItem | None, create: bool = False) -> None:
    """Save a principal (version-checked), its user, its audit entry and the tenant's admin count
    in one transaction; removing an admin is only allowed while another active admin remains."""
    bind_models()
    tx = Transaction()
    tx.save(item, condition=PrincipalItem.principal.does_not_exist() if create else None, tag="principal")
    if admin_delta:
        # Its own item: the settings item is versioned and rewritten whole by settings edits.
        tx.update(TenantItem(item.tenant, ADMIN_COUNT), [TenantItem.admins.add(admin_delta)],
                  condition=(TenantItem.admins > 1) if admin_delta < 0 else None,
                  tag="admins", version_check=False)
    if user_item is not None:
        tx.save(user_item)
    if audit is not None:
        tx.save(audit)
    try:
        tx.commit()
    except ConditionFailed as exc:
        if "admins" in exc.tags:
            raise LastAdminError() from exc
        raise PrincipalConflictError() from exc


def get_local_access_key(access_key_id: str) -> LocalAccessKeyItem | None:
    return _get(LocalAccessKeyItem, access_key_id)


def put_local_access_key(access_key_id: str, secret: str, principal: str) -> None:
    bind_models()
    LocalAccessKeyItem(access_key_id, secret_access_key=secret, principal=principal).save()


def get_tenant_settings(tenant: str) -> TenantItem | None:
    return _get(TenantItem, tenant, SETTINGS)


LISTED = "tenant"          # the one partition of the `listed` index: every tenant's settings item


def put_tenant_settings(tenant: str, data: dict) -> None:
    bind_models()
    item = get_tenant_settings(tenant) or TenantItem(tenant, SETTINGS)
    item.data, item.listed = data, LISTED
    item.save()


def save_settings(item: TenantItem) -> None:
    """Save changed settings if nobody changed them since they were read (version check)."""
    item.listed = LISTED          # a settings item saved before the index existed joins it now
    _save_versioned(item)


def list_tenant_ids(page_size: int = 500) -> list[str]:
    """Every tenant's id, from the `listed` index (one entry per tenant, keys only): a Query of
    one partition, not a Scan of users, sources and counters."""
    bind_models()
    return [item.tenant for item in TenantItem.tenants_listed.query(LISTED, page_size=page_size)]


TOKEN_KEY = "token-key"


def token_key(tenant: str) -> bytes:
    """The tenant's secret for signing tokens handed to clients, created on first use."""
    item = _get(TenantItem, tenant, TOKEN_KEY)
    if item is None:
        try:
            TenantItem(tenant, TOKEN_KEY, data={"key": secrets.token_hex(32)}).save(
                condition=TenantItem.item.does_not_exist())
        except PutError:
            pass                       # another request created it first: use theirs
        item = _get(TenantItem, tenant, TOKEN_KEY)
    return bytes.fromhex(item.data["key"])


def user_item_key(user: str) -> str:
    return f"user#{user}"


def user_of(item: TenantItem) -> str:
    """The user id of a user item."""
    return item.item.removeprefix(user_item_key(""))


def get_user(tenant: str, user: str) -> TenantItem | None:
    return _get(TenantItem, tenant, user_item_key(user))


def new_user(tenant: str, user: str, data: dict) -> TenantItem:
    """A user item not yet stored."""
    return TenantItem(tenant, user_item_key(user), data=data)


def new_principal(principal: str, *, tenant: str, user: str, role: str, name: str | None) -> PrincipalItem:
    """A principal mapping not yet stored."""
    return PrincipalItem(principal, tenant=tenant, user=user, role=role, name=name, active=True)


def put_user(tenant: str, user: str, data: dict, active: bool = True) -> None:
    bind_models()
    item = get_user(tenant, user) or new_user(tenant, user, {})
    item.data, item.active = data, active
    item.save()


def source_item_key(name_key: str) -> str:
    return f"source#{name_key}"


def get_source(tenant: str, name_key: str) -> TenantItem | None:
    return _get(TenantItem, tenant, source_item_key(name_key))


def _items(tenant: str, prefix: str) -> list[TenantItem]:
    """The tenant's items of one kind (users, sources, integrations): one partition, one prefix."""
    bind_models()
    return list(TenantItem.query(tenant, TenantItem.item.startswith(prefix)))


def _create(tenant: str, item_key: str, data: dict) -> TenantItem:
    """A new item of the tenant; AlreadyExistsError when one with that key exists."""
    bind_models()
    item = TenantItem(tenant, item_key, data=data, active=True)
    try:
        item.save(condition=TenantItem.item.does_not_exist())
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            raise AlreadyExistsError() from None
        raise
    return item


def list_users(tenant: str) -> list[TenantItem]:
    return _items(tenant, "user#")


def list_sources(tenant: str) -> list[TenantItem]:
    return _items(tenant, "source#")


def create_source(tenant: str, name_key: str, data: dict) -> TenantItem:
    """Create a catalog source; AlreadyExistsError when one of that name exists."""
    return _create(tenant, source_item_key(name_key), data)


def save_source(item: TenantItem) -> None:
    """Save a changed source if nobody changed it since it was read."""
    _save_versioned(item)


def integration_item_key(integration_id: str) -> str:
    return f"integration#{integration_id}"


def get_integration(tenant: str, integration_id: str) -> TenantItem | None:
    return _get(TenantItem, tenant, integration_item_key(integration_id))


def list_integrations(tenant: str) -> list[TenantItem]:
    return _items(tenant, "integration#")


def create_integration(tenant: str, integration_id: str, data: dict) -> TenantItem:
    return _create(tenant, integration_item_key(integration_id), data)


def save_integration(item: TenantItem) -> None:
    """Save a changed integration if nobody changed it since it was read (version check)."""
    _save_versioned(item)



ROUTING_RULES = "routing-rules"


def get_routing_rules(tenant: str) -> TenantItem | None:
    """The tenant's ordered assignment rules (one item: saved whole, versioned)."""
    return _get(TenantItem, tenant, ROUTING_RULES)


def new_routing_rules(tenant: str) -> TenantItem:
    return TenantItem(tenant, ROUTING_RULES, data={"rules": []}, active=True)


def save_routing_rules(item: TenantItem) -> None:
    """Save the rules if nobody changed them since they were read (ChangedMeanwhileError)."""
    _save_versioned(item)


def next_turn(tenant: str, rule_id: str) -> int:
    """The next number of a rule's round robin: one atomic ADD, so leads arriving at once each
    get their own number and none is handed out twice (no read-modify-write to race)."""
    bind_models()
    answer = TenantItem._get_connection().update_item(
        tenant, range_key=f"turn#{rule_id}", actions=[TenantItem.turns.add(1)], return_values="UPDATED_NEW")
    return int(answer["Attributes"]["turns"]["N"])


def peek_turn(tenant: str, rule_id: str) -> int:
    """How many turns a rule's round robin has handed out (a dry run does not take one)."""
    item = _get(TenantItem, tenant, f"turn#{rule_id}")
    return int(item.turns or 0) if item else 0


def save_user(item: TenantItem) -> None:
    """Save a changed user if nobody changed it since it was read."""
    _save_versioned(item)
