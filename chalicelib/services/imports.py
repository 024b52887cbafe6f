"""The standard lead import: a file dropped under incoming/{tenant}/ becomes leads, each row once.

Exactly once: the import's id comes from the object's key and ETag, and each lead's id from the
import and the row number, so a second delivery of the same S3 event finds every lead written
already (conditional writes) and changes nothing; the same content under another name is
recognised by its SHA-256 and reported, not imported again; an import that stopped midway
resumes after the last row it recorded.
"""
import csv
import datetime as dt
import hashlib
import io
import logging
import re
import tempfile
import time
import uuid
from urllib.parse import unquote_plus

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from ..domain.ids import new_id
from ..domain.matching import normalise_email
from ..domain.permissions import Caller
from ..domain.text import fold
from ..errors import InvalidInputError, NotFoundError
from ..domain.person import PERSON_FIELDS
from ..formats import FileFormatError, open_lead_file
from ..formats.values import fold_key
from ..store import files, keys
from ..store import leads as lead_store
from ..store.models import ImportItem, bind_models
from .leads import _validated, new_lead_item
from .tenants import load_tenant

log = logging.getLogger(__name__)

INCOMING = re.compile(r"^incoming/(?P<tenant>[a-z0-9][a-z0-9-]{1,39})/(?P<customers>customers/)?"
                      r"(?:(?P<import_id>[0-9A-Z]{26})/)?(?P<name>[^/]+)$")
# The customer number of a dealer management system's export (folded header names).
CUSTOMER_NUMBER_HEADERS = frozenset({"kundennummer", "kundennr", "kdnr", "kundenid", "customernumber",
                                     "customerno", "customerid", "externalid", "dmsid", "dmsnummer"})
CUSTOMER_BATCH = 1000
UPLOAD_URL_SECONDS = 900
MAX_FILE_BYTES = 200 * 1024 * 1024
PROGRESS_EVERY = 200
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def handle_s3_event(event: dict) -> list[dict]:
    """Every record of an S3 notification (Chalice's S3Event exposes only the first)."""
    results = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])        # S3 event keys are URL-encoded
        results.append(run_import(bucket, key))
    return results


def _view(item: ImportItem) -> dict:
    return {"id": item.import_id, "status": item.status, "file": item.file_name, "counts": item.counts,
            "error_report": item.report_key, "detail": item.detail, "created_at": item.created_at}


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _dedupe_key(fields: dict) -> str:
    email = normalise_email(fields.get("email"))
    if email:
        return f"e:{email}"
    if fields.get("phone"):
        return f"p:{fields['phone']}"
    return "n:" + "|".join(fold(str(fields.get(k) or "")) for k in ("last_name", "first_name", "postal_code", "street"))


def run_import(bucket: str, key: str) -> dict:
    match = INCOMING.match(key)
    if not match:
        log.warning("ignored object outside incoming/{tenant}/", extra={"key_length": len(key)})
        return {"ignored": True}
    tenant_id, name = match["tenant"], match["name"]
    try:
        tenant = load_tenant(tenant_id)
    except NotFoundError:
        log.warning("ignored file of an unknown tenant")
        return {"ignored": True}
    head = files.s3().head_object(Bucket=bucket, Key=key)
    etag = head["ETag"].strip('"')
    seed = hashlib.sha256(f"{key}\n{etag}".encode()).digest()
    # Uploaded through POST /imports: the import exists already; dropped directly: derived from key and ETag.
    import_id = match["import_id"] or new_id(int(head["LastModified"].timestamp() * 1000), entropy=seed)
    item = _claim_import(tenant_id, import_id, key, name)
    if item.status in ("done", "partial", "failed"):
        return _view(item)                                     # a repeated delivery: nothing to do
    if not _lease(item):
        return {**_view(item), "detail": "being imported by another delivery of the same event"}
    if head["ContentLength"] > MAX_FILE_BYTES:
        return _finish(item, "failed", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    with tempfile.SpooledTemporaryFile(max_size=8 * 2**20) as spool:
        digest = hashlib.sha256()
        for chunk in files.s3().get_object(Bucket=bucket, Key=key)["Body"].iter_chunks(2**20):
            digest.update(chunk)
            spool.write(chunk)
        spool.seek(0)
        item.content_hash = digest.hexdigest()
        first = _claim_content(tenant_id, item.content_hash, import_id)
        if first != import_id:
            item.detail = f"the same content was imported already as {first}; nothing imported"
            return _finish(item, "done", item.detail)
        if match["customers"]:
            return _read_customers(bucket, item, tenant, spool, name)
        return _read_rows(bucket, item, tenant, spool, name)


def _claim_import(tenant: str, import_id: str, key: str, name: str) -> ImportItem:
    bind_models()
    pk = f"{tenant}#{import_id}"
    try:
        item = ImportItem.get(pk, consistent_read=True)
        if item.status == "queued":                            # announced by POST /imports, now arrived
            item.status, item.key = "running", key
            item.save()
        return item
    except DoesNotExist:
        pass
    now = keys.iso(dt.datetime.now(dt.timezone.utc))
    item = ImportItem(pk, tenant=tenant, import_id=import_id, status="running", key=key, file_name=name,
                      counts={}, rows_done=0, created_at=now, created_sk=f"{now}#{import_id}")
    try:
        item.save(condition=ImportItem.pk.does_not_exist())
    except PutError:
        item = ImportItem.get(pk, consistent_read=True)       # a concurrent delivery made it first
    return item


LEASE_SECONDS = 900            # a Lambda runs at most 15 minutes: after that the import is free to resume


def _lease(item: ImportItem) -> bool:
    """Take the running import for this invocation, unless another one holds it."""
    owner, now = uuid.uuid4().hex, int(time.time())
    try:
        item.update(actions=[ImportItem.owner.set(owner), ImportItem.lease_until.set(now + LEASE_SECONDS)],
                    condition=(ImportItem.status == "running") & (
                        ImportItem.owner.does_not_exist() | (ImportItem.lease_until < now)))
        return True
    except UpdateError:
        return False


def _claim_content(tenant: str, content_hash: str, import_id: str) -> str:
    """The import that first brought this content (this one, if none did)."""
    pk = f"{tenant}#sha256:{content_hash}"
    try:
        ImportItem(pk, tenant=tenant, import_id=import_id).save(condition=ImportItem.pk.does_not_exist())
        return import_id
    except PutError:
        return ImportItem.get(pk, consistent_read=True).import_id


def _finish(item: ImportItem, status: str, detail: str | None = None) -> dict:
    item.status = status
    item.detail = detail or item.detail
    item.owner, item.lease_until = None, None
    item.save()
    return _view(item)


def _read_rows(bucket: str, item: ImportItem, tenant, stream, name: str) -> dict:
    caller = Caller(tenant.id, "import", "integration", f"s3://{bucket}")
    counts = {"rows": 0, "created": 0, "duplicates_in_file": 0, "already_imported": 0, "rejected": 0,
              **item.counts}
    report, seen = [], {}
    failure = None
    try:
        lead_file = open_lead_file(stream, name, default_country=tenant.country, start_after=item.rows_done)
        with lead_file:
            for row in lead_file:
                counts["rows"] += 1
                problems = list(row.errors)
                lead = None
                if not problems:
                    try:
                        lead = _validated(row.fields, tenant)
                    except InvalidInputError as exc:
                        problems = exc.errors
                if problems:
                    counts["rejected"] += 1
                    report += [(row.number, p.get("field") or "", p.get("message", ""), row.raw) for p in problems]
                else:
                    dedupe = _dedupe_key(row.fields)
                    if dedupe in seen:
                        counts["duplicates_in_file"] += 1
                        report.append((row.number, "", f"the same person as row {seen[dedupe]}; not imported again", row.raw))
                    else:
                        seen[dedupe] = row.number
                        _store_row(caller, item, tenant, lead, row.number, counts)
                item.rows_done = row.number
                if counts["rows"] % PROGRESS_EVERY == 0:
                    item.counts = counts
                    item.save()                                 # where a resumed import continues
    except FileFormatError as exc:
        failure = str(exc)
    return _conclude(bucket, item, counts, report, failure)


def _read_customers(bucket: str, item: ImportItem, tenant, stream, name: str) -> dict:
    """A dealer system's customer export into the bulk customer load, 1,000 rows at a time."""
    from . import customers
    caller = Caller(tenant.id, "import", "integration", f"s3://{bucket}")
    counts = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0, "rejected": 0, "conflict": 0, **item.counts}
    report, batch, failure = [], [], None

    def flush():
        results = customers.bulk_load(caller, [payload for _, _, payload in batch], channel="import")["results"]
        for (number, raw, _), result in zip(batch, results):
            counts[result["result"]] = counts.get(result["result"], 0) + 1
            for error in result.get("errors", []):
                report.append((number, error.get("field") or "", error.get("message", ""), raw))
        item.rows_done, item.counts = batch[-1][0], dict(counts)
        item.save()                                            # where a resumed import continues
        batch.clear()

    try:
        with open_lead_file(stream, name, default_country=tenant.country, start_after=item.rows_done) as lead_file:
            for row in lead_file:
                counts["rows"] += 1
                number = next((v for h, v in row.raw.items() if fold_key(h) in CUSTOMER_NUMBER_HEADERS and v), None)
                person = {k: v for k, v in row.fields.items() if k in PERSON_FIELDS and v not in (None, "")}
                if row.errors:
                    counts["rejected"] += 1
                    report += [(row.number, e.get("field") or "", e.get("message", ""), row.raw) for e in row.errors]
                    continue
                batch.append((row.number, row.raw, {"external_id": number, **person}))
                if len(batch) == CUSTOMER_BATCH:
                    flush()
            if batch:
                flush()
    except FileFormatError as exc:
        failure = str(exc)
    return _conclude(bucket, item, counts, report, failure)


def _conclude(bucket: str, item: ImportItem, counts: dict, report: list, failure: str | None) -> dict:
    """Counts, error report and final status of a file read to its end (or as far as it could be)."""
    item.counts = counts
    if report:
        item.report_key = _write_report(bucket, item, report)
    if failure and counts["rows"] == 0:
        return _finish(item, "failed", f"the file cannot be read: {failure}")
    problems = counts.get("rejected") or counts.get("conflict") or failure
    return _finish(item, "partial" if problems else "done",
                   f"reading stopped after row {item.rows_done}: {failure}" if failure else None)


def _store_row(caller: Caller, item: ImportItem, tenant, lead, number: int, counts: dict) -> None:
    entropy = hashlib.sha256(f"{item.import_id}#{number}".encode()).digest()
    lead_id = new_id(int(keys.parse_iso(item.created_at).timestamp() * 1000), entropy=entropy)
    now = keys.parse_iso(item.created_at)
    lead_item, audit = new_lead_item(caller, lead, tenant, channel="import", now=now, lead_id=lead_id)
    try:
        lead_store.insert_lead(lead_item, audit)
        counts["created"] += 1
    except lead_store.WriteConflict:
        counts["already_imported"] += 1                       # written by an earlier delivery


def _write_report(bucket: str, item: ImportItem, report: list) -> str:
    out = io.StringIO()
    headers = sorted({h for *_, raw in report for h in raw})
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["row", "field", "reason", *headers])
    for number, field, reason, raw in report:
        writer.writerow([number, field, _safe_cell(reason), *(_safe_cell(str(raw.get(h, ""))) for h in headers)])
    key = f"reports/{item.tenant}/{item.import_id}.errors.csv"
    files.s3().put_object(Bucket=bucket, Key=key, Body=out.getvalue().encode("utf-8-sig"),
                          ContentType="text/csv; charset=utf-8")
    return key


def start_import(caller: Caller, file_name: str) -> dict:
    """The "Import" button: an import id and a presigned URL to PUT the file to, under the tenant's prefix."""
    name = re.sub(r"[/\\\x00-\x1f]", "_", file_name).strip() or "import"
    now = dt.datetime.now(dt.timezone.utc)
    import_id = new_id()
    key = f"incoming/{caller.tenant}/{import_id}/{name}"
    bind_models()
    ImportItem(f"{caller.tenant}#{import_id}", tenant=caller.tenant, import_id=import_id, status="queued",
               key=key, file_name=name, counts={}, rows_done=0, created_at=keys.iso(now),
               created_sk=f"{keys.iso(now)}#{import_id}").save(condition=ImportItem.pk.does_not_exist())
    from ..config import get_settings
    url = files.s3().generate_presigned_url("put_object", Params={"Bucket": get_settings().bucket, "Key": key},
                                            ExpiresIn=UPLOAD_URL_SECONDS)
    return {"id": import_id, "status": "queued", "upload": {"method": "PUT", "url": url, "key": key,
                                                            "expires_in": UPLOAD_URL_SECONDS}}


def get_import(caller: Caller, import_id: str) -> dict:
    bind_models()
    try:
        return _view(ImportItem.get(f"{caller.tenant}#{import_id}", consistent_read=True))
    except DoesNotExist:
        raise NotFoundError("import not found") from None


def list_imports(caller: Caller) -> dict:
    bind_models()
    return {"items": [_view(i) for i in ImportItem.by_tenant.query(caller.tenant, scan_index_forward=False, limit=50)]}
