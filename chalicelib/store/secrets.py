"""Webhook signing secrets at rest: encrypted with KMS under the integration's own context.

A secret is shown once, when it is made; the API never returns it again. What is stored is KMS
ciphertext bound (encryption context) to tenant and integration, so a ciphertext copied to
another integration does not decrypt. Shared keys that are only compared (Google's key) are not
encrypted but hashed: nothing of them can be read back at all.
"""
import base64
import functools
import hashlib
import logging

from botocore.exceptions import ClientError

from ..config import get_settings
from .clients import client

log = logging.getLogger(__name__)


def kms():
    return client("kms")


def ensure_key() -> None:
    """Create the key and its alias if missing (local stack, tests, a first deploy without IaC)."""
    alias = get_settings().kms_key
    if not alias.startswith("alias/"):
        return
    names = {a["AliasName"] for page in kms().get_paginator("list_aliases").paginate() for a in page["Aliases"]}
    if alias not in names:
        key_id = kms().create_key(Description="leadflow webhook signing secrets")["KeyMetadata"]["KeyId"]
        kms().create_alias(AliasName=alias, TargetKeyId=key_id)


def _context(tenant: str, integration_id: str) -> dict:
    return {"tenant": tenant, "integration": integration_id}


def encrypt(secret: str, *, tenant: str, integration_id: str) -> str:
    blob = kms().encrypt(KeyId=get_settings().kms_key, Plaintext=secret.encode(),
                         EncryptionContext=_context(tenant, integration_id))["CiphertextBlob"]
    return base64.b64encode(blob).decode("ascii")


def decrypt(ciphertext: str, *, tenant: str, integration_id: str) -> str | None:
    """The secret, or None if KMS refuses it (a ciphertext copied from another integration, a
    disabled key): for the sender that is a signature that does not verify, never a 500."""
    try:
        return _decrypt(ciphertext, tenant, integration_id)
    except ClientError as exc:
        log.warning("a webhook secret could not be decrypted", extra={
            "integration": integration_id, "code": exc.response.get("Error", {}).get("Code")})
        return None


@functools.lru_cache(maxsize=512)
def _decrypt(ciphertext: str, tenant: str, integration_id: str) -> str:
    """Cached per Lambda container: a busy integration is not one KMS call per delivery."""
    return kms().decrypt(CiphertextBlob=base64.b64decode(ciphertext),
                         EncryptionContext=_context(tenant, integration_id))["Plaintext"].decode()


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()
