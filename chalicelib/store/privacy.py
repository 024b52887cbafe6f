"""The reads of an access export (Art. 15), each by key: a person's leads and customers by their
e-mail or phone token (whole words of the search table), every audit entry and activity of them,
and the S3 objects their origins name; and the export's own audit entry."""
import io
from collections.abc import Iterable
from typing import BinaryIO

from botocore.exceptions import ClientError

from . import files, keys
from .models import ActivityItem, AuditItem, SearchTokenItem, bind_models

PAGE = 200


def entities_with_token(tenant: str, token: str, entity: str = "lead") -> list[str]:
    """Ids of the leads (or customers) that have this whole token, every one of them (paged)."""
    bind_models()
    pk = keys.search_pk(tenant, token, entity)
    results = SearchTokenItem.query(pk, SearchTokenItem.sk.startswith(f"{token}#"), page_size=PAGE)
    return list(dict.fromkeys(item.entity_id for item in results))


def audit_entries(tenant: str, entity: str, entity_id: str) -> list[AuditItem]:
    """Every audit entry of one lead or customer, oldest first (paged)."""
    bind_models()
    return list(AuditItem.query(keys.audit_pk(tenant, entity, entity_id), page_size=PAGE))


def activities_of(tenant: str, customer_ids: Iterable[str]) -> list[ActivityItem]:
    """Every activity of these customers, oldest first (by the by_customer index, paged)."""
    bind_models()
    found = []
    for customer_id in dict.fromkeys(customer_ids):
        found += ActivityItem.by_customer.query(keys.entity_pk(tenant, customer_id), page_size=PAGE)
    return found


def read_object(key: str, version_id: str | None = None) -> bytes | None:
    """An object of the files bucket (the given version, else the current one), whole; None if it is gone."""
    spool = io.BytesIO()
    return spool.getvalue() if copy_object(key, spool, version_id) else None


def copy_object(key: str, target: BinaryIO, version_id: str | None = None) -> bool:
    """Write an object of the files bucket (the given version, else the current one) into target;
    False if it is gone (NoSuchKey, NoSuchVersion: the API's role may list the bucket, else S3
    answers 403 for a missing key, deploy/policies.py)."""
    try:
        for chunk in files.chunks(key, version_id=version_id):
            target.write(chunk)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound", "NoSuchVersion"):
            return False
        raise
    return True


def record_export(entry: AuditItem) -> None:
    """The export's audit entry, on its own: it records a read, which writes nothing else."""
    bind_models()
    entry.save(condition=AuditItem.pk.does_not_exist())
