"""The reads and writes of a retention run (domain/retention.py), each by index or key: old leads
from the keys-only lead indexes (a status's or the junk qualification's partition, oldest first,
received before a cutoff), a tenant's raw payloads and error reports by key prefix with every
version, where the last run stopped (one item per tenant), and the run's audit entry."""
from pynamodb.exceptions import UpdateError

from . import files, keys
from .erasure import delete_versions
from .models import LEAD_INDEXES, AuditItem, ImportItem, LeadItem, TenantItem, bind_models

PAGE = 100
CURSORS = "retention-cursors"          # the tenants table item holding where each rule's last run stopped

__all__ = ["delete_versions"]


def old_leads(index: str, pk: str, before: str, *, start: dict | None,
              limit: int) -> tuple[list[tuple[str, dict]], dict | None, int]:
    """Up to `limit` entries of one partition of a lead index whose sort key ({received}#{id})
    lies before `before`, oldest first, after `start`: each as (lead pk, its index key, to go on
    from). Returns them, whether the partition goes on (the key after the last entry, else None),
    and the entries read."""
    bind_models()
    hash_name, range_name = LEAD_INDEXES[index]
    if start is not None and start.get(range_name, {}).get("S", "") >= before:
        start = None          # a position past a cutoff that moved back (a longer period set): start over
    results = getattr(LeadItem, index).query(pk, getattr(LeadItem, range_name) < before, scan_index_forward=True,
                                             limit=limit, page_size=min(limit, PAGE), last_evaluated_key=start)
    found = [(entry.pk, {"pk": {"S": entry.pk}, hash_name: {"S": getattr(entry, hash_name)},
                         range_name: {"S": getattr(entry, range_name)}}) for entry in results]
    return found, results.last_evaluated_key, results.page_iter.total_scanned_count


def leads_by_pk(pks: list[str]) -> dict[str, LeadItem]:
    """The leads as they are now (consistent: a lead converted or held a moment ago is seen so)."""
    bind_models()
    return {item.pk: item for item in LeadItem.batch_get(list(dict.fromkeys(pks)), consistent_read=True)} if pks else {}


def object_versions(prefix: str, *, after_key: str | None, limit: int) -> tuple[list[dict], str | None]:
    """Versions and delete markers of the objects under a prefix, in key order, starting after the
    key `after_key`: [{"Key", "VersionId", "LastModified", "IsLatest"}], whole keys only (a key's
    versions are never split between two runs). Stops after about `limit` versions; returns the
    last key listed when more follow, else None."""
    s3, bucket = files.s3(), files.bucket_name()
    params = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": min(max(limit, 1), 1000)}
    if after_key:
        params["KeyMarker"] = after_key
    found: list[dict] = []
    while True:
        page = s3.list_object_versions(**params)
        for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
            found.append({"Key": entry["Key"], "VersionId": entry["VersionId"],
                          "LastModified": entry["LastModified"], "IsLatest": bool(entry.get("IsLatest"))})
        if not page.get("IsTruncated"):
            return sorted(found, key=lambda e: e["Key"]), None
        open_key = page["NextKeyMarker"]          # its versions may go on in the next page
        whole = [e for e in found if e["Key"] != open_key]
        if len(found) >= limit and whole:
            whole.sort(key=lambda e: e["Key"])
            return whole, whole[-1]["Key"]
        params.update(KeyMarker=open_key, VersionIdMarker=page["NextVersionIdMarker"])


def forget_report(tenant: str, key: str) -> bool:
    """The import whose error report this was no longer offers it for download (only if it still names it)."""
    import_id = keys.import_of_report(key)
    if import_id is None:
        return False
    bind_models()
    try:
        ImportItem(keys.import_pk(tenant, import_id)).update(actions=[ImportItem.report_key.remove()],
                                                             condition=ImportItem.report_key == key)
        return True
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def get_cursors(tenant: str) -> dict:
    """Where each rule's last run stopped in the tenant ({} at first, and after a rule reached its end)."""
    bind_models()
    try:
        return TenantItem.get(tenant, CURSORS, consistent_read=True).data or {}
    except TenantItem.DoesNotExist:
        return {}


def save_cursors(tenant: str, cursors: dict) -> None:
    """Two runs at once write the same positions (each a position some run reached): the last one stands."""
    bind_models()
    TenantItem(tenant, CURSORS, data=cursors, active=True).save(add_version_condition=False)


def last_run(tenant: str) -> AuditItem | None:
    """The newest retention run's audit entry of the tenant."""
    bind_models()
    return next(iter(AuditItem.query(keys.audit_pk(tenant, "privacy", "retention"), scan_index_forward=False,
                                     limit=1)), None)


def record(entry: AuditItem) -> None:
    """A run's audit entry (counts and lead ids, no personal data)."""
    bind_models()
    entry.save(condition=AuditItem.pk.does_not_exist())
