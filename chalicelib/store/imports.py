"""Import state: one item per file import (status, counts, checkpoint, lease) and one per content
hash (which import brought that content). Every write that only the import's current holder may
make is conditioned on the holder (`owner`)."""
import time
import uuid

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError

from . import keys
from .models import ImportItem, bind_models


class LeaseLostError(Exception):
    """Another invocation took the import over (this one was slower than its lease)."""


def get(tenant: str, import_id: str) -> ImportItem | None:
    bind_models()
    try:
        return ImportItem.get(keys.import_pk(tenant, import_id), consistent_read=True)
    except DoesNotExist:
        return None


def recent(tenant: str, limit: int = 50) -> list[ImportItem]:
    """The tenant's imports, newest first."""
    bind_models()
    return list(ImportItem.by_tenant.query(tenant, scan_index_forward=False, limit=limit))


def of_kind(tenant: str, kind: str) -> list[ImportItem]:
    """Every import of the tenant of one kind (leads | customers), newest first."""
    bind_models()
    return list(ImportItem.by_tenant.query(tenant, scan_index_forward=False, filter_condition=ImportItem.kind == kind))


def announce(tenant: str, import_id: str, *, key: str, file_name: str, at: str, kind: str,
             defaults: dict | None) -> ImportItem:
    """An import the Import button started: queued until its file arrives at `key`."""
    bind_models()
    item = ImportItem(keys.import_pk(tenant, import_id), tenant=tenant, import_id=import_id, status="queued",
                      key=key, file_name=file_name, counts={}, rows_done=0, created_at=at,
                      created_sk=keys.created_sk(at, import_id), kind=kind, defaults=defaults or None)
    item.save(condition=ImportItem.pk.does_not_exist())
    return item


def claim(tenant: str, import_id: str, *, key: str, file_name: str, at: str, kind: str,
          version_id: str | None = None) -> ImportItem:
    """The import of a file that arrived: the announced one (now running), or a new one; a
    concurrent delivery of the same event finds the one the first made. version_id pins the
    object's version the import reads (and an export or erasure after it), whatever is written
    at the key later."""
    bind_models()
    item = get(tenant, import_id)
    if item is not None:
        if item.status == "queued":
            item.status, item.key, item.version_id = "running", key, version_id
            try:
                item.save(condition=ImportItem.status == "queued")      # two uploads at once: one is this import's
            except PutError:
                item = get(tenant, import_id)
        return item
    item = ImportItem(keys.import_pk(tenant, import_id), tenant=tenant, import_id=import_id, status="running",
                      key=key, version_id=version_id, file_name=file_name, counts={}, rows_done=0, created_at=at,
                      created_sk=keys.created_sk(at, import_id), kind=kind)
    try:
        item.save(condition=ImportItem.pk.does_not_exist())
    except PutError:
        item = get(tenant, import_id)
    return item


def repin(item: ImportItem, version_id: str | None) -> None:
    """The import's file was written anew (an erasure blanked rows): it is now that version."""
    item.update(actions=[ImportItem.version_id.set(version_id) if version_id else ImportItem.version_id.remove()])


def take_lease(item: ImportItem, seconds: int) -> bool:
    """Take the running import for this invocation, unless another one holds it."""
    owner, now = uuid.uuid4().hex, int(time.time())
    try:
        item.update(actions=[ImportItem.owner.set(owner), ImportItem.lease_until.set(now + seconds)],
                    condition=(ImportItem.status == "running") & (
                        ImportItem.owner.does_not_exist() | (ImportItem.lease_until < now)))
        return True
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def renew(item: ImportItem, seconds: int, **changes) -> None:
    """Extend this invocation's lease (and record `changes`, e.g. the checkpoint), if it still
    holds the import; LeaseLostError otherwise."""
    actions = [getattr(ImportItem, name).set(value) for name, value in changes.items()]
    try:
        item.update(actions=[*actions, ImportItem.lease_until.set(int(time.time()) + seconds)],
                    condition=ImportItem.owner == item.owner)
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            raise LeaseLostError() from exc
        raise


def finish(item: ImportItem, status: str, detail: str | None) -> ImportItem:
    """The final status, written only while this invocation still holds the import; else the
    import as the invocation that took it over left it."""
    holder = item.owner
    item.status = status
    item.detail = detail or item.detail
    item.owner, item.lease_until = None, None
    try:
        item.save(condition=ImportItem.owner == holder)
    except PutError:
        return get(item.tenant, item.import_id)
    return item


def release(item: ImportItem, detail: str) -> bool:
    """Let go of the import so that another invocation continues it; False if it was lost already."""
    try:
        item.update(actions=[ImportItem.owner.remove(), ImportItem.lease_until.set(int(time.time())),
                             ImportItem.detail.set(detail)], condition=ImportItem.owner == item.owner)
        return True
    except UpdateError:
        return False


def stalled(before: int) -> list[ImportItem]:
    """Running imports whose lease ran out before `before` (epoch seconds). A scan: only the
    scheduled sweep calls it, never a request."""
    bind_models()
    return list(ImportItem.scan((ImportItem.status == "running")
                                & (ImportItem.lease_until.does_not_exist() | (ImportItem.lease_until < before))))


def claim_content(tenant: str, sha256: str, import_id: str) -> str:
    """The import that first brought this content (this one, if none did)."""
    bind_models()
    pk = keys.content_pk(tenant, sha256)
    try:
        ImportItem(pk, tenant=tenant, import_id=import_id).save(condition=ImportItem.pk.does_not_exist())
        return import_id
    except PutError:
        return ImportItem.get(pk, consistent_read=True).import_id


def release_content(tenant: str, sha256: str, import_id: str) -> None:
    """Forget that this import brought the content (it imported nothing), so the same bytes can be
    uploaded again, e.g. under the right name."""
    bind_models()
    try:
        ImportItem(keys.content_pk(tenant, sha256)).delete(condition=ImportItem.import_id == import_id)
    except DeleteError:
        pass                                   # claimed by another import meanwhile: theirs stays
