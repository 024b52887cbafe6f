"""Create tenants, users, IAM principal mappings and local access keys (dev stack and tests)."""
import secrets
import string

from chalicelib.services.tenants import source_key
from chalicelib.store import directory

ACCOUNT = "000000000000"


def principal_arn(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:user/{name}"


def new_access_key() -> tuple[str, str]:
    alphabet = string.ascii_uppercase + string.digits
    akid = "AKIA" + "".join(secrets.choice(alphabet) for _ in range(16))
    return akid, secrets.token_urlsafe(30)


def provision_tenant(tenant: str, *, name: str, country: str = "AT", subdivision: str | None = "9",
                     kind: str = "dealer", users: dict[str, tuple[str, str]],
                     sources: dict[str, list[str]] | None = None,
                     keys: dict[str, tuple[str, str]] | None = None, region: str = "eu-central-1",
                     aws_accounts: tuple[str, ...] = (ACCOUNT,), settings: dict | None = None) -> dict:
    """Create a tenant with one principal per entry of users {key: (user_id, role)}.

    Returns {key: {access_key_id, secret_access_key, region, principal, user, role}}; pass
    `keys` to reuse access keys from an earlier run; `settings` adds tenant settings (e.g. reinquiry_days).
    """
    directory.put_tenant_settings(tenant, {"name": name, "country": country, "subdivision": subdivision,
                                           "kind": kind, "aws_accounts": list(aws_accounts), **(settings or {})})
    credentials = {}
    for key, (user, role) in users.items():
        directory.put_user(tenant, user, {"name": user, "role": role})
        arn = principal_arn(f"{tenant}-{user}")
        directory.put_principal(arn, tenant=tenant, user=user, role=role)
        akid, secret = (keys or {}).get(key) or new_access_key()
        directory.put_local_access_key(akid, secret, arn)
        credentials[key] = {"access_key_id": akid, "secret_access_key": secret, "region": region,
                            "principal": arn, "user": user, "role": role, "tenant": tenant}
    for source, details in (sources or {}).items():
        if directory.get_source(tenant, source_key(source)) is None:
            directory.create_source(tenant, source_key(source), {"name": source, "details": details})
    return credentials
