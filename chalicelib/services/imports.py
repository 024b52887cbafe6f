"""The standard lead import: a file dropped under incoming/{tenant}/ becomes leads, each row once.

Exactly once: the import's id comes from the object's key and ETag, and each lead's id from the
import and the row number. One invocation at a time holds an import (a lease, renewed at every
checkpoint); it writes leads in batches, after finding which of them exist already, and records
after each batch how far it got. A second delivery of the same event finds the import done or
held; the same content under another name is recognised by its SHA-256; an import that stopped
(crash, time running out, throttling) resumes after its last checkpoint, re-reading the rows
before it only to rebuild its error report and its duplicate check.
"""
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from urllib.parse import unquote_plus

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from ..config import get_settings
from ..domain.ids import new_id
from ..domain.matching import normalise_email
from ..domain.permissions import Caller
from ..domain.text import fold
from ..errors import InvalidInputError, LeadflowError, NotFoundError
from ..domain.person import PERSON_FIELDS
from ..formats import FileFormatError, open_lead_file
from ..formats.values import fold_key
from ..store import batches, files, keys, queues
from ..store import leads as lead_store
from ..store.models import ImportItem, bind_models
from .leads import _validated, new_lead_item
from .tenants import Tenant
from .tenants import load_tenant, resolve_source

log = logging.getLogger(__name__)

INCOMING = re.compile(r"^incoming/(?P<tenant>[a-z0-9][a-z0-9-]{1,39})/(?P<customers>customers/)?"
                      r"(?:(?P<import_id>[0-9A-Z]{26})/)?(?P<name>[^/]+)$")
# The customer number of a dealer management system's export (folded header names).
CUSTOMER_NUMBER_HEADERS = frozenset({"kundennummer", "kundennr", "kdnr", "kundenid", "customernumber",
                                     "customerno", "customerid", "externalid", "dmsid", "dmsnummer"})
CUSTOMER_BATCH = 1000
LEAD_BATCH = 100                  # rows validated, then found absent and written together
UPLOAD_URL_SECONDS = 900
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 300_000
LEASE_SECONDS = 120               # renewed at every checkpoint; a crashed invocation's import is free soon after
STOP_BEFORE_END_SECONDS = 60      # stop while a batch and the checkpoint still fit in the Lambda's time
THROTTLED_RETRY_SECONDS = 60
RENEW_EVERY_ROWS = 2000
STALLED_AFTER_SECONDS = 15 * 60  # a running import whose lease ran out this long ago is continued by the sweep
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Clock = Callable[[], float]       # seconds left in this invocation


class ImportBusyError(LeadflowError):
    """Another invocation holds the import: raised so that Lambda (or SQS) delivers the event again later."""


class _Stopped(Exception):
    """This invocation stops before the file's end; the import goes on in another one."""

    def __init__(self, detail: str, delay_seconds: int = 0):
        super().__init__(detail)
        self.detail, self.delay_seconds = detail, delay_seconds


class _LeaseLost(Exception):
    """Another invocation took the import over (this one was slower than its lease)."""


def handle_s3_event(event: dict, *, time_left: Clock | None = None) -> list[dict]:
    """Every record of an S3 notification (Chalice's S3Event exposes only the first).

    A record whose import another invocation holds is retried by raising once the others are done.
    """
    results, busy = [], None
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])        # S3 event keys are URL-encoded
        try:
            results.append(run_import(bucket, key, time_left=time_left))
        except ImportBusyError as exc:
            busy = exc
    if busy is not None:
        raise busy
    return results


def handle_continuations(bodies: Iterable[str], *, time_left: Clock | None = None) -> list[dict]:
    """Imports that an earlier invocation stopped before their end (messages of the continue queue)."""
    results = []
    for body in bodies:
        message = json.loads(body)
        results.append(run_import(message["bucket"], message["key"], time_left=time_left))
    return results


def sweep_stalled_imports(now: float | None = None) -> int:
    """Continue imports left running: their invocation crashed and Lambda's retries (or the queue's
    redeliveries) are used up. Runs on a schedule, never on a request path, so it may scan."""
    bind_models()
    cutoff = int(now if now is not None else time.time()) - STALLED_AFTER_SECONDS
    stalled = ImportItem.scan((ImportItem.status == "running")
                              & (ImportItem.lease_until.does_not_exist() | (ImportItem.lease_until < cutoff)))
    count = 0
    for item in stalled:
        queues.send_continuation({"bucket": get_settings().bucket, "key": item.key})
        count += 1
    if count:
        log.warning("stalled imports continued", extra={"count": count})
    return count


def _view(item: ImportItem) -> dict:
    return {"id": item.import_id, "status": item.status, "file": item.file_name, "counts": item.counts,
            "error_report": item.report_key, "detail": item.detail, "created_at": item.created_at}


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _dedupe_key(fields: dict) -> bytes:
    """Who a row is about, hashed to a few bytes: 100,000 rows' keys stay small in memory."""
    email = normalise_email(fields.get("email"))
    if email:
        key = f"e:{email}"
    elif fields.get("phone"):
        key = f"p:{fields['phone']}"
    else:
        key = "n:" + "|".join(fold(str(fields.get(k) or "")) for k in ("last_name", "first_name", "postal_code", "street"))
    return hashlib.blake2b(key.encode(), digest_size=12).digest()


def run_import(bucket: str, key: str, *, time_left: Clock | None = None) -> dict:
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
        raise ImportBusyError(f"import {import_id} is being imported by another invocation; try again later")
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
            return _finish(item, "done", f"the same content was imported already as {first}; nothing imported")
        reader = _CustomerRun if match["customers"] else _LeadRun
        run = reader(bucket, item, tenant, time_left)
        try:
            return run.read(spool, name)
        except _Stopped as stop:
            return _pause(bucket, item, stop)
        except _LeaseLost:
            return _view(item)


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


def _checkpoint(item: ImportItem, rows_done: int, counts: dict) -> None:
    """Record how far the import got and renew the lease, if this invocation still holds it."""
    _update_held(item, [ImportItem.rows_done.set(rows_done), ImportItem.counts.set(dict(counts))])


def _renew(item: ImportItem) -> None:
    """Extend this invocation's lease before it writes (or while it reads long), if it still holds it."""
    _update_held(item, [])


def _update_held(item: ImportItem, actions: list) -> None:
    try:
        item.update(actions=[*actions, ImportItem.lease_until.set(int(time.time()) + LEASE_SECONDS)],
                    condition=ImportItem.owner == item.owner)
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            raise _LeaseLost() from exc
        raise


def _claim_content(tenant: str, content_hash: str, import_id: str) -> str:
    """The import that first brought this content (this one, if none did)."""
    pk = f"{tenant}#sha256:{content_hash}"
    try:
        ImportItem(pk, tenant=tenant, import_id=import_id).save(condition=ImportItem.pk.does_not_exist())
        return import_id
    except PutError:
        return ImportItem.get(pk, consistent_read=True).import_id


def _finish(item: ImportItem, status: str, detail: str | None = None) -> dict:
    """The final status, written only while this invocation still holds the import."""
    holder = item.owner
    item.status = status
    item.detail = detail or item.detail
    item.owner, item.lease_until = None, None
    try:
        item.save(condition=ImportItem.owner == holder)
    except PutError:
        return _view(ImportItem.get(item.pk, consistent_read=True))     # another invocation took over
    return _view(item)


def _pause(bucket: str, item: ImportItem, stop: _Stopped) -> dict:
    """Let go of the import and ask for another invocation to continue it after its last checkpoint."""
    try:
        item.update(actions=[ImportItem.owner.remove(), ImportItem.lease_until.set(int(time.time())),
                             ImportItem.detail.set(stop.detail)], condition=ImportItem.owner == item.owner)
    except UpdateError:
        return _view(item)                                     # someone else holds it now and goes on
    queues.send_continuation({"bucket": bucket, "key": item.key}, delay_seconds=stop.delay_seconds)
    log.info("import paused", extra={"import_id": item.import_id, "rows_done": item.rows_done})
    return _view(item)


def _once_per_file(resolve, limit: int = 1000):
    """A source resolver that asks the catalog once per (source, detail) of a file, errors included."""
    cache: dict[tuple, tuple] = {}

    def cached(tenant: str, source, detail):
        key = (source, detail)
        if key not in cache:
            try:
                outcome = (resolve(tenant, source, detail), None)
            except InvalidInputError as exc:
                outcome = (None, exc)
            if len(cache) >= limit:
                return _outcome(outcome)
            cache[key] = outcome
        return _outcome(cache[key])
    return cached


def _outcome(outcome: tuple):
    value, error = outcome
    if error is not None:
        raise InvalidInputError(error.detail, error.errors)
    return value


class _Report:
    """Rejected rows, spooled to disk beyond a few MB, written as one CSV at the end."""

    def __init__(self):
        self._spool = tempfile.SpooledTemporaryFile(max_size=4 * 2**20, mode="w+", encoding="utf-8")
        self._headers: dict[str, None] = {}
        self.size = 0

    def add(self, number: int, problems: list[dict], raw: dict) -> None:
        self._headers.update(dict.fromkeys(raw))
        for problem in problems:
            self._spool.write(json.dumps([number, problem.get("field") or "", problem.get("message", ""), raw],
                                         ensure_ascii=False) + "\n")
            self.size += 1

    def write(self, bucket: str, item: ImportItem) -> str | None:
        if not self.size:
            return None
        out = io.StringIO()
        headers = sorted(self._headers)
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["row", "field", "reason", *headers])
        self._spool.seek(0)
        for line in self._spool:
            number, field, reason, raw = json.loads(line)
            writer.writerow([number, field, _safe_cell(reason), *(_safe_cell(str(raw.get(h, ""))) for h in headers)])
        key = f"reports/{item.tenant}/{item.import_id}.errors.csv"
        files.s3().put_object(Bucket=bucket, Key=key, Body=out.getvalue().encode("utf-8-sig"),
                              ContentType="text/csv; charset=utf-8")
        return key


class _Run:
    """One invocation's reading of a file: rows up to the checkpoint are only re-checked, later ones stored."""

    counts_start: dict = {}

    def __init__(self, bucket: str, item: ImportItem, tenant: Tenant, time_left: Clock | None):
        self.bucket, self.item, self.tenant, self.time_left = bucket, item, tenant, time_left
        self.caller = Caller(tenant.id, "import", "integration", f"s3://{bucket}")
        self.counts = {**self.counts_start, **item.counts}
        self.resume_after = item.rows_done
        self.last_row = item.rows_done
        self.report = _Report()
        self.limit_reached = False

    def read(self, stream, name: str) -> dict:
        try:
            failure = self._read_all(stream, name)
            self.flush(last=True)                              # rows read before a broken part are kept
        except batches.BatchWriteError as exc:
            raise _Stopped(f"paused after row {self.item.rows_done}: the store throttled writes ({exc}); "
                           f"continuing in {THROTTLED_RETRY_SECONDS} s", THROTTLED_RETRY_SECONDS) from exc
        if self.limit_reached:
            failure = f"the file has more than {MAX_ROWS:,} rows; rows after row {self.last_row} were not imported"
        return self.conclude(failure)

    def _read_all(self, stream, name: str) -> str | None:
        try:
            with open_lead_file(stream, name, default_country=self.tenant.country) as lead_file:
                for count, row in enumerate(lead_file, 1):
                    if count % RENEW_EVERY_ROWS == 0:
                        _renew(self.item)                  # a long re-read or a run of rejected rows
                    replay = row.number <= self.resume_after
                    if not replay:
                        if self.counts["rows"] >= MAX_ROWS:
                            self.limit_reached = True
                            return None
                        self.counts["rows"] += 1
                        self.last_row = row.number
                    self.take(row, replay)
        except FileFormatError as exc:
            return str(exc)
        return None

    def take(self, row, replay: bool) -> None:
        raise NotImplementedError

    def flush(self, last: bool = False) -> None:
        raise NotImplementedError

    def checkpoint(self, last: bool) -> None:
        """After a batch is written: record it, then stop if this invocation's time is nearly up."""
        _checkpoint(self.item, self.last_row, self.counts)
        self.item.rows_done = self.last_row
        if not last and self.time_left is not None and self.time_left() < STOP_BEFORE_END_SECONDS:
            raise _Stopped(f"continuing after row {self.last_row} in a new invocation (the time of this one ran out)")

    def reject(self, row, problems: list[dict], replay: bool) -> None:
        self.report.add(row.number, problems, row.raw)
        if not replay:
            self.counts["rejected"] += 1

    def conclude(self, failure: str | None) -> dict:
        """Counts, error report and final status of a file read to its end (or as far as it could be)."""
        item = self.item
        item.counts = self.counts
        item.report_key = self.report.write(self.bucket, item) or item.report_key
        if failure and self.counts["rows"] == 0:
            return _finish(item, "failed", f"the file cannot be read: {failure}")
        problems = self.counts.get("rejected") or self.counts.get("conflict") or failure
        if failure and not self.limit_reached:
            failure = f"reading stopped after row {self.last_row}: {failure}"
        return _finish(item, "partial" if problems else "done", failure)


class _LeadRun(_Run):
    counts_start = {"rows": 0, "created": 0, "duplicates_in_file": 0, "already_imported": 0, "rejected": 0}

    def __init__(self, *args):
        super().__init__(*args)
        self.seen: dict[bytes, int] = {}
        self.pending: list[tuple[int, object]] = []
        self.now = keys.parse_iso(self.item.created_at)
        self.resolve = _once_per_file(resolve_source)

    def take(self, row, replay: bool) -> None:
        problems, lead = list(row.errors), None
        if not problems:
            try:
                lead = _validated(row.fields, self.tenant, resolve=self.resolve)
            except InvalidInputError as exc:
                problems = exc.errors
        if problems:
            return self.reject(row, problems, replay)
        dedupe = _dedupe_key(row.fields)
        if dedupe in self.seen:
            self.report.add(row.number, [{"message": f"the same person as row {self.seen[dedupe]}; not imported again"}], row.raw)
            if not replay:
                self.counts["duplicates_in_file"] += 1
            return
        self.seen[dedupe] = row.number
        if not replay:
            self.pending.append((row.number, lead))
            if len(self.pending) >= LEAD_BATCH:
                self.flush()

    def lead_id(self, number: int) -> str:
        entropy = hashlib.sha256(f"{self.item.import_id}#{number}".encode()).digest()
        return new_id(int(self.now.timestamp() * 1000), entropy=entropy)

    def flush(self, last: bool = False) -> None:
        """Write the batch's leads that do not exist yet: tokens and audit entries first, the lead last,
        so that a lead that exists has all its items even if a write stopped midway."""
        if self.pending:
            ids = {number: self.lead_id(number) for number, _ in self.pending}
            existing = lead_store.batch_get_leads(self.tenant.id, ids.values(), consistent=True)
            tokens, audits, leads = [], [], []
            for number, lead in self.pending:
                if ids[number] in existing:
                    self.counts["already_imported"] += 1          # written by an invocation that stopped
                    continue
                lead_item, audit = new_lead_item(self.caller, lead, self.tenant, channel="import", now=self.now,
                                                 lead_id=ids[number], audit_id=ids[number])
                tokens += lead_store.token_items(lead_item, lead_item.tokens)
                audits.append(audit)
                leads.append(lead_item)
            _renew(self.item)                              # no one else may write these rows meanwhile
            batches.put_all(tokens + audits + leads)
            self.counts["created"] += len(leads)
            self.pending.clear()
        if self.last_row > self.item.rows_done:
            self.checkpoint(last)


class _CustomerRun(_Run):
    """A dealer system's customer export into the bulk customer load, 1,000 rows at a time."""
    counts_start = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0, "rejected": 0, "conflict": 0}

    def __init__(self, *args):
        super().__init__(*args)
        self.batch: list[tuple] = []

    def take(self, row, replay: bool) -> None:
        if row.errors:
            return self.reject(row, row.errors, replay)
        number = next((v for h, v in row.raw.items() if fold_key(h) in CUSTOMER_NUMBER_HEADERS and v), None)
        person = {k: v for k, v in row.fields.items() if k in PERSON_FIELDS and v not in (None, "")}
        payload = {"external_id": number, **person}
        if replay:                                             # only its report line, if it had one
            from . import customers
            problems = customers.check_customer(self.tenant, payload)
            if problems:
                self.report.add(row.number, problems, row.raw)
            return
        self.batch.append((row, payload))
        if len(self.batch) == CUSTOMER_BATCH:
            self.flush()

    def flush(self, last: bool = False) -> None:
        from . import customers
        if self.batch:
            _renew(self.item)
            results = customers.bulk_load(self.caller, [payload for _, payload in self.batch], channel="import")["results"]
            for (row, _), result in zip(self.batch, results):
                self.counts[result["result"]] = self.counts.get(result["result"], 0) + 1
                if result.get("errors"):
                    self.report.add(row.number, result["errors"], row.raw)
            self.batch.clear()
        if self.last_row > self.item.rows_done:
            self.checkpoint(last)


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
