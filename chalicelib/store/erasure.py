"""The reads and writes of an erasure (DSGVO/GDPR Art. 17), each by key: a lead and its search tokens,
a customer with its tokens, match keys and counters, activities, audit entries rewritten without
personal values, idempotency records (by the by_lead index), contact claims, every version of an
object in the (versioned) files bucket, and erasure requests to other tenants.

The duplicate check's index (store/customers.py MasterWrite): a customer's member item under each
of its match keys goes; the key's head either gets its change counter raised (other customers
still share the key, so a duplicate check read before is stale) or, when the customer was its only
member, goes too (its key spells the person's e-mail, phone, birth date, street), on condition that
its counter is still the one read. The surname counters (s:{code}) and one total shard are counted
down; the external id's reference goes.
"""
from collections.abc import Iterable

from pynamodb.exceptions import DeleteError, PutError

from . import files, keys
from .customers import total_shard
from .models import (
    ActivityItem, AuditItem, ContactClaimItem, CustomerItem, IdempotencyItem, LeadItem, MatchKeyItem, SearchTokenItem,
    TenantItem, bind_models,
)
from .transactions import ConditionFailed, Transaction

PAGE = 200

__all__ = ["ConditionFailed"]


# ---------------------------------------------------------------- leads


def lead_token_items(item: LeadItem) -> list[SearchTokenItem]:
    return [SearchTokenItem(keys.search_pk(item.tenant, t), f"{t}#{item.lead_id}") for t in item.tokens or []]


def delete_lead(item: LeadItem) -> int:
    """The lead (only at the version read: ConditionFailed "lead" otherwise) and its search tokens,
    all or nothing; the number of tokens deleted."""
    bind_models()
    tx = Transaction()
    tx.delete(item, tag="lead")                 # PynamoDB adds the version condition
    tokens = lead_token_items(item)
    for token in tokens:
        tx.delete(token)
    tx.commit()
    return len(tokens)


# ---------------------------------------------------------------- customers


def match_key_state(tenant: str, key: str, customer_id: str) -> tuple[int | None, bool]:
    """A match key's head counter (None: no head) and whether a customer other than this one is a member."""
    bind_models()
    version, others = None, False
    for item in MatchKeyItem.query(keys.match_pk(tenant, key), limit=3, page_size=3, consistent_read=True):
        if item.sk == keys.HEAD:
            version = int(item.v or 0)
        elif item.sk != customer_id:
            others = True
    return version, others


def delete_customer(item: CustomerItem, heads: dict[str, tuple[int | None, bool]]) -> dict[str, int]:
    """The customer (at the version read), its search tokens, its member item under each match key
    and the key's head as the module says, its counters counted down, its external id's reference:
    one transaction (ConditionFailed if anything changed since read). `heads`: match_key_state of
    each of its match keys. Returns the items deleted by kind."""
    bind_models()
    tenant, customer_id = item.tenant, item.customer_id
    tx = Transaction()
    tx.delete(item, tag="customer")
    tokens = [SearchTokenItem(keys.search_pk(tenant, t, "customer"), f"{t}#{customer_id}") for t in item.tokens or []]
    for token in tokens:
        tx.delete(token)
    for key in item.match_keys or []:
        pk = keys.match_pk(tenant, key)
        tx.delete(MatchKeyItem(pk, customer_id))
        version, others = heads.get(key, (None, True))
        head = MatchKeyItem(pk, keys.HEAD)
        if version is None:
            continue
        if others:
            tx.update(head, [MatchKeyItem.v.add(1)], tag=f"head:{key}", version_check=False)
        else:
            tx.delete(head, condition=MatchKeyItem.v == version, tag=f"head:{key}")
    for code in (item.surname_code or "").split():
        tx.update(MatchKeyItem(keys.match_pk(tenant, f"s:{code}"), keys.HEAD), [MatchKeyItem.n.add(-1)],
                  tag=f"surname:{code}", version_check=False)
    tx.update(MatchKeyItem(keys.match_pk(tenant, total_shard()), keys.HEAD), [MatchKeyItem.n.add(-1)],
              tag="total", version_check=False)
    if item.external_id:
        tx.delete(MatchKeyItem(keys.match_pk(tenant, f"x:{item.external_id}"), keys.HEAD),
                  condition=MatchKeyItem.customer_id == customer_id, tag="external_id")
    tx.commit()
    # Counted as the preview counts them (services/erasure.py): the person's own keys; the heads
    # and the customer number's reference deleted with them are the keys' bookkeeping.
    return {"search_tokens": len(tokens), "match_keys": len(item.match_keys or [])}


def delete_activities(items: Iterable[ActivityItem]) -> int:
    bind_models()
    items = list(items)
    with ActivityItem.batch_write() as batch:
        for item in items:
            batch.delete(item)
    return len(items)


# ---------------------------------------------------------------- audit entries


def rewrite_audit(entries: Iterable[AuditItem]) -> int:
    """Save audit entries whose changes were made anonymous (their keys, action, actor, time as they were)."""
    bind_models()
    entries = list(entries)
    with AuditItem.batch_write() as batch:
        for entry in entries:
            batch.save(entry)
    return len(entries)


def record(entry: AuditItem) -> None:
    """An erasure's own audit entry (entity privacy, id erasures, or an erasure request's side)."""
    bind_models()
    entry.save(condition=AuditItem.pk.does_not_exist())


# ---------------------------------------------------------------- idempotency records, contact claims


def idempotency_of(tenant: str, lead_id: str) -> list[str]:
    """The keys of the idempotency records whose answer copies this lead (by_lead index)."""
    bind_models()
    return [item.pk for item in IdempotencyItem.by_lead.query(keys.lead_pk(tenant, lead_id), page_size=PAGE)]


def blank_idempotency(pk: str, lead_id: str) -> bool:
    """Replace a record's answer by the lead's id and "erased": a retry with the same key is still
    answered (and stores the person again nowhere). False if the record is gone (expired)."""
    bind_models()
    try:
        IdempotencyItem(pk).update(actions=[IdempotencyItem.response.set({"id": lead_id, "status": "erased"})],
                                   condition=IdempotencyItem.pk.exists())
        return True
    except Exception as exc:                      # noqa: BLE001 - UpdateError: the record expired meanwhile
        if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
            return False
        raise


def claims_naming(tenant: str, contacts: Iterable[str], lead_ids: set[str]) -> list[str]:
    """The contact claims (keys) of these contacts that name one of these leads."""
    bind_models()
    pks = list(dict.fromkeys(keys.contact_claim_pk(tenant, c) for c in contacts))
    if not pks:
        return []
    return [item.pk for item in ContactClaimItem.batch_get(pks, consistent_read=True) if item.lead_id in lead_ids]


def delete_claim(pk: str, lead_ids: set[str]) -> bool:
    """A contact claim, if it still names one of the leads (a new lead of the same contact keeps its own)."""
    bind_models()
    condition = None
    for lead_id in lead_ids:
        term = ContactClaimItem.lead_id == lead_id
        condition = term if condition is None else condition | term
    try:
        ContactClaimItem(pk).delete(condition=condition)
        return True
    except DeleteError:
        return False


# ---------------------------------------------------------------- S3: every version


def versions_of(key: str) -> list[dict]:
    """Every version and delete marker of exactly this key: [{"Key", "VersionId"}]."""
    s3, bucket = files.s3(), files.bucket_name()
    found, params = [], {"Bucket": bucket, "Prefix": key}
    while True:
        page = s3.list_object_versions(**params)
        for entry in page.get("Versions", []) + page.get("DeleteMarkers", []):
            if entry["Key"] == key:
                found.append({"Key": key, "VersionId": entry["VersionId"]})
        if not page.get("IsTruncated"):
            return found
        params.update(KeyMarker=page["NextKeyMarker"], VersionIdMarker=page["NextVersionIdMarker"])


def delete_versions(entries: list[dict]) -> int:
    """Delete these versions for good (DeleteObjectVersion: a versioned bucket keeps nothing of them)."""
    s3, bucket = files.s3(), files.bucket_name()
    for start in range(0, len(entries), 1000):
        answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": entries[start:start + 1000], "Quiet": True})
        if answer.get("Errors"):
            raise RuntimeError(f"S3 kept {len(answer['Errors'])} versions: {answer['Errors'][0].get('Code')}")
    return len(entries)


def delete_object(key: str, *, version_id: str | None = None) -> int:
    """The object's given version, else every version of it; the number of versions (and delete
    markers) deleted."""
    return delete_versions([{"Key": key, "VersionId": version_id}] if version_id else versions_of(key))


def replace_object(key: str, body: bytes, *, content_type: str, version_id: str | None = None) -> str | None:
    """Write the object anew and delete the version it replaces (version_id), else every other
    version of the key; the new version's id (None where the bucket keeps no versions)."""
    answer = files.s3().put_object(Bucket=files.bucket_name(), Key=key, Body=body, ContentType=content_type,
                                   Metadata={files.REWRITTEN: "erasure"})     # not a new file to import
    keep = answer.get("VersionId") or "null"
    delete_versions([{"Key": key, "VersionId": version_id}] if version_id else
                    [v for v in versions_of(key) if v["VersionId"] != keep])
    return files.version_of(answer)


# ---------------------------------------------------------------- erasure requests to other tenants


def put_request(tenant: str, request_id: str, data: dict) -> bool:
    """An erasure request in another tenant (written once: False if it exists)."""
    bind_models()
    try:
        TenantItem(tenant, keys.erasure_request_item(request_id), data=data, active=True).save(
            condition=TenantItem.item.does_not_exist())
        return True
    except PutError:
        return False


def requests_of(tenant: str) -> list[TenantItem]:
    bind_models()
    return list(TenantItem.query(tenant, TenantItem.item.startswith(keys.ERASURE_REQUEST), page_size=PAGE))


def get_request(tenant: str, request_id: str) -> TenantItem | None:
    bind_models()
    return next(iter(TenantItem.batch_get([(tenant, keys.erasure_request_item(request_id))], consistent_read=True)),
                None)


def save_request(item: TenantItem) -> None:
    """A request's new state, at the version read (PutError otherwise)."""
    bind_models()
    item.save()
