"""Tenants, their users and source catalog, IAM principals, and local access keys."""
from pynamodb.exceptions import DoesNotExist, PutError

from .models import LocalAccessKeyItem, PrincipalItem, TenantItem, bind_models

SETTINGS = "settings"


def _get(model, *key):
    bind_models()
    try:
        return model.get(*key, consistent_read=True)
    except DoesNotExist:
        return None


def get_principal(principal: str) -> PrincipalItem | None:
    return _get(PrincipalItem, principal)


def put_principal(principal: str, *, tenant: str, user: str, role: str, active: bool = True) -> None:
    bind_models()
    PrincipalItem(principal, tenant=tenant, user=user, role=role, active=active).save()


def get_local_access_key(access_key_id: str) -> LocalAccessKeyItem | None:
    return _get(LocalAccessKeyItem, access_key_id)


def put_local_access_key(access_key_id: str, secret: str, principal: str) -> None:
    bind_models()
    LocalAccessKeyItem(access_key_id, secret_access_key=secret, principal=principal).save()


def get_tenant_settings(tenant: str) -> TenantItem | None:
    return _get(TenantItem, tenant, SETTINGS)


def put_tenant_settings(tenant: str, data: dict) -> None:
    bind_models()
    item = get_tenant_settings(tenant) or TenantItem(tenant, SETTINGS)
    item.data = data
    item.save()


def get_user(tenant: str, user: str) -> TenantItem | None:
    return _get(TenantItem, tenant, f"user#{user}")


def put_user(tenant: str, user: str, data: dict, active: bool = True) -> None:
    bind_models()
    item = get_user(tenant, user) or TenantItem(tenant, f"user#{user}")
    item.data, item.active = data, active
    item.save()


def source_item_key(name_key: str) -> str:
    return f"source#{name_key}"


def get_source(tenant: str, name_key: str) -> TenantItem | None:
    return _get(TenantItem, tenant, source_item_key(name_key))


def list_sources(tenant: str) -> list[TenantItem]:
    bind_models()
    return list(TenantItem.query(tenant, TenantItem.item.startswith("source#")))


def create_source(tenant: str, name_key: str, data: dict) -> TenantItem:
    """Create a catalog source; raises PutError when one of that name exists."""
    bind_models()
    item = TenantItem(tenant, source_item_key(name_key), data=data, active=True)
    item.save(condition=TenantItem.item.does_not_exist())
    return item


def save_source(item: TenantItem) -> None:
    """Save a changed source if nobody changed it since it was read."""
    bind_models()
    item.save()


__all__ = ["PutError"]
