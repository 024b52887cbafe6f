"""The standard lead import: a file under incoming/{tenant}/ becomes leads (or customers), each row once.

Exactly once: the import's id comes from the object's key and ETag, and each lead's id from the
import and the row number. One invocation at a time holds an import (a lease, renewed before
every write and checkpoint); it writes leads in batches, after finding which of them exist
already, and records after each batch how far it got. A second delivery of the same event finds
the import done or held; the same content under another name is recognised by its SHA-256, as
long as that content was imported (a file that imported nothing can be sent again); an import
that stopped (crash, time running out, throttling) resumes after its last checkpoint, re-reading
the rows before it only to rebuild its report.

Rows are a machine sender's records (domain/review.py): a value that breaks a rule is kept for
review and the row stored; only a row that identifies nobody, or cannot be read, is rejected.
"""
import datetime as dt
import hashlib
import logging
import re
import tempfile
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from ..domain import permissions, reinquiries
from ..domain.ids import new_id
from ..domain.lead import Qualification
from ..domain.permissions import Caller
from ..domain.review import IdentifiesNobodyError
from ..errors import ForbiddenError, InvalidInputError, LeadflowError, NotFoundError
from ..formats.rows import FileFormatError
from ..observability import fault, metric
from ..store import batches, files, keys, queues
from ..store import imports as state
from ..store import leads as lead_store
from ..store.models import ImportItem
from ..validation import Schema
from . import intake
from .import_report import ERROR, REINQUIRY, WARNING, ImportReport
from .tenants import Tenant, load_tenant, resolve_source

log = logging.getLogger(__name__)

INCOMING = re.compile(r"^incoming/(?P<tenant>[a-z0-9][a-z0-9-]{1,39})/(?P<customers>customers/)?"
                      r"(?:(?P<import_id>[0-9A-Z]{26})/)?(?P<name>[^/]+)$")
CUSTOMER_BATCH = 1000
LEAD_BATCH = 100                  # rows admitted, then found absent and written together
UPLOAD_URL_SECONDS = 900
REPORT_URL_SECONDS = 300
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 300_000
LEASE_SECONDS = 120               # renewed before every write; a crashed invocation's import is free soon after
STOP_BEFORE_END_SECONDS = 60      # stop while a batch and the checkpoint still fit in the Lambda's time
THROTTLED_RETRY_SECONDS = 60
RENEW_EVERY_ROWS = 2000
FINAL = ("done", "partial", "failed", "duplicate")

Clock = Callable[[], float]       # seconds left in this invocation


def open_lead_file(stream, name: str, **options):
    """formats.open_lead_file: the readers (CSV, XLSX, ADF) load with the first import, not at a cold start."""
    from .. import formats
    return formats.open_lead_file(stream, name, **options)


class ImportStart(Schema):
    """The file about to be uploaded, what it holds, and what its rows lack."""
    model_config = ConfigDict(extra="forbid")
    file_name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: Literal["leads", "customers"] = "leads"
    default_source: Annotated[str, Field(max_length=100)] | None = Field(
        None, description="the source of rows that name none (or one not in the catalog)")
    default_source_detail: Annotated[str, Field(max_length=100)] | None = None
    default_qualification: Qualification | None = Field(None, description="for rows without one (else warm)")


class ImportBusyError(LeadflowError):
    """Another invocation holds the import: raised so that Lambda (or SQS) delivers the event again later."""


class _Stopped(Exception):
    """This invocation stops before the file's end; the import goes on in another one."""

    def __init__(self, detail: str, delay_seconds: int = 0):
        super().__init__(detail)
        self.detail, self.delay_seconds = detail, delay_seconds


# ---------------------------------------------------------------- the Import button and the status


def start_import(caller: Caller, body: ImportStart) -> dict:
    """The "Import" button: an import id and a presigned URL to PUT the file to, under the tenant's prefix."""
    if body.kind == "customers" and not permissions.may(caller, "customer.bulk"):
        raise ForbiddenError("your role may not load customers")
    source, detail = None, None
    if body.default_source or body.default_source_detail:
        if not body.default_source:
            raise InvalidInputError("invalid defaults", [{"field": "default_source", "type": "missing",
                                                          "message": "give default_source with its detail"}])
        source, detail = resolve_source(caller.tenant, body.default_source, body.default_source_detail,
                                        ("default_source", "default_source_detail"))
    name = re.sub(r"[/\\\x00-\x1f]", "_", body.file_name).strip() or "import"
    import_id = new_id()
    key = keys.upload_key(caller.tenant, import_id, name, body.kind)
    defaults = {k: v for k, v in {"source": source, "source_detail": detail,
                                  "qualification": body.default_qualification}.items() if v}
    state.announce(caller.tenant, import_id, key=key, file_name=name, at=keys.iso(_now()), kind=body.kind,
                   defaults=defaults)
    return {"id": import_id, "status": "queued", "kind": body.kind,
            "upload": {"method": "PUT", "url": files.upload_url(key, expires_in=UPLOAD_URL_SECONDS), "key": key,
                       "expires_in": UPLOAD_URL_SECONDS}}


def _view(item: ImportItem, *, with_report_url: bool = False) -> dict:
    report = None
    if item.report_key:
        report = {"name": f"{item.file_name or item.import_id}.errors.csv"}
        if with_report_url:
            report.update(url=files.download_url(item.report_key, file_name=report["name"],
                                                 expires_in=REPORT_URL_SECONDS), expires_in=REPORT_URL_SECONDS)
    return {"id": item.import_id, "status": item.status, "kind": item.kind or "leads", "file": item.file_name,
            "counts": item.counts or {}, "error_report": report, "detail": item.detail,
            "defaults": item.defaults or {}, "created_at": item.created_at}


def get_import(caller: Caller, import_id: str) -> dict:
    """Status and counts; the error report as a download URL valid for a few minutes."""
    item = state.get(caller.tenant, import_id) if re.fullmatch(r"[0-9A-Z]{26}", import_id or "") else None
    if item is None or not item.status:
        raise NotFoundError("import not found")
    return _view(item, with_report_url=_reads_reports(caller))


def list_imports(caller: Caller) -> dict:
    """The tenant's recent imports, each as get_import shows it (the report's download URL included)."""
    with_url = _reads_reports(caller)
    return {"items": [_view(i, with_report_url=with_url) for i in state.recent(caller.tenant)]}


def _reads_reports(caller: Caller) -> bool:
    """The report holds every flagged row's cells: only a role that reads every lead of the tenant
    downloads it (an integration reads back only the leads it sent; it sees status and counts)."""
    return permissions.scope_of(caller, "lead.read") == permissions.TENANT


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- running an import


def run_import(bucket: str, key: str, *, version_id: str | None = None, import_id: str | None = None,
               time_left: Clock | None = None) -> dict:
    """Import one file of the bucket, as far as this invocation's time allows: a file notified (the
    version named, else the current one), or the import named going on with the version it pinned."""
    match = INCOMING.match(key)
    if not match:
        log.warning("ignored object outside incoming/{tenant}/", extra={"key_length": len(key)})
        return {"ignored": True}
    tenant_id, name = match["tenant"], match["name"]
    if system_file(name):
        log.info("ignored a file the operating system or Office leaves beside files")
        return {"ignored": True}
    try:
        tenant = load_tenant(tenant_id)
    except NotFoundError:
        log.warning("ignored file of an unknown tenant")
        return {"ignored": True}
    kind = "customers" if match["customers"] else "leads"
    if import_id is not None:
        item = state.get(tenant_id, import_id)
        if item is None or item.key != key:
            log.warning("ignored continuation of an unknown import")
            return {"ignored": True}
        head = files.head(key, bucket=bucket, version_id=item.version_id) if item.status not in FINAL else None
    else:
        item, head = _notified(bucket, key, version_id, tenant_id, name, kind, announced=match["import_id"])
        if item is None:
            return {"ignored": True}
    if item.status in FINAL:
        return _view(item)                                     # a repeated delivery: nothing to do
    if not state.take_lease(item, LEASE_SECONDS):
        raise ImportBusyError(f"import {item.import_id} is being imported by another invocation; try again later")
    if head is None:
        return _view(_finish(item, "failed", FILE_GONE))
    if head["ContentLength"] > MAX_FILE_BYTES:
        return _view(_finish(item, "failed", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB"))
    with tempfile.SpooledTemporaryFile(max_size=8 * 2**20) as spool:
        digest = hashlib.sha256()
        for chunk in files.chunks(key, bucket=bucket, version_id=item.version_id):
            digest.update(chunk)
            spool.write(chunk)
        spool.seek(0)
        content_hash = digest.hexdigest()
        first = state.claim_content(tenant_id, content_hash, item.import_id)
        if first != item.import_id:
            return _view(_finish(item, "duplicate", f"the same content was imported already as {first}; "
                                                         "nothing imported"))
        run = (_CustomerRun if kind == "customers" else _LeadRun)(bucket, item, tenant, time_left)
        run.content_hash = content_hash
        try:
            return _view(run.read(spool, name))
        except _Stopped as stop:
            return _pause(bucket, item, stop)
        except state.LeaseLostError:
            return _view(item)


FILE_GONE = "the file was deleted before its import ended"


def system_file(name: str) -> bool:
    """What a Mac, Windows or Office leaves beside the files dragged into a folder: a hidden file
    (.DS_Store, ._Messe.csv), an open workbook's lock (~$Messe.xlsx), Thumbs.db, desktop.ini. No
    one meant it as a list of leads; as an import it would only fail."""
    return name.startswith((".", "~$")) or name.lower() in ("thumbs.db", "desktop.ini")


def _notified(bucket: str, key: str, version_id: str | None, tenant_id: str, name: str, kind: str, *,
              announced: str | None) -> tuple[ImportItem | None, dict | None]:
    """The import of a file the bucket notified (announced through POST /imports, or dropped:
    made from key and ETag) and the file's head; (None, None) for nothing to import."""
    head = files.head(key, bucket=bucket, version_id=version_id)
    if head is None:
        log.warning("ignored notification of an object that is gone")
        return None, None
    if files.REWRITTEN in (head.get("Metadata") or {}):
        # An erasure blanked rows of a file imported before: every other row was imported then.
        log.info("ignored notification of a file leadflow rewrote")
        return None, None
    seed = hashlib.sha256(f"{key}\n{head['ETag'].strip(chr(34))}".encode()).digest()
    derived = new_id(int(head["LastModified"].timestamp() * 1000), entropy=seed)
    version = files.version_of(head)
    at = keys.iso(_now())
    item = state.claim(tenant_id, announced or derived, key=key, file_name=name, at=at, kind=kind, version_id=version)
    if version and item.version_id and item.version_id != version:
        # The announced import's upload URL was used again: another file, an import of its own (the
        # first import reads, exports and erases the version it was made of).
        item = state.claim(tenant_id, derived, key=key, file_name=name, at=at, kind=kind, version_id=version)
    return item, head


def _finish(item: ImportItem, status: str, detail: str | None) -> ImportItem:
    """The final status, counted and logged by ids, status and counts (never the file's name or a
    detail, which may quote the file); not counted when another invocation had taken the import over."""
    finished = state.finish(item, status, detail)
    if finished is item:
        metric("Imports", outcome=status)
        log.info("import finished", extra={"tenant": item.tenant, "import_id": item.import_id,
                                           "kind": item.kind or "leads", "status": status, "counts": item.counts or {}})
    return finished


def continuation(item: ImportItem, bucket: str) -> dict:
    """The continue queue's message for an import: it goes on with the version of the file it pinned
    (a message without import_id, sent before there were pins, goes on as a notification would)."""
    return {"bucket": bucket, "key": item.key, "import_id": item.import_id}


def _pause(bucket: str, item: ImportItem, stop: _Stopped) -> dict:
    """Let go of the import and ask for another invocation to continue it after its last checkpoint."""
    if state.release(item, stop.detail):
        queues.send_continuation(continuation(item, bucket), delay_seconds=stop.delay_seconds)
        log.info("import paused", extra={"tenant": item.tenant, "import_id": item.import_id,
                                         "rows_done": item.rows_done})
    return _view(item)


class _Run:
    """One invocation's reading of a file: rows up to the checkpoint are only re-checked, later ones stored."""

    counts_start: dict = {}
    customers = False                 # the reader reads a customer file's columns

    def __init__(self, bucket: str, item: ImportItem, tenant: Tenant, time_left: Clock | None):
        self.bucket, self.item, self.tenant, self.time_left = bucket, item, tenant, time_left
        self.caller = Caller(tenant.id, "import", "integration", f"s3://{bucket}")
        self.book = intake.Book(tenant)
        self.counts = {**self.counts_start, **(item.counts or {})}
        self.resume_after = item.rows_done
        self.last_row = item.rows_done
        self.report = ImportReport()
        self.limit_reached = False
        self.content_hash: str | None = None          # of the file's bytes: released if nothing was imported
        self.other_sheets: list[str] = []             # a workbook's sheets besides the one read that hold data
        self.sheet: str | None = None

    def origin(self, number: int) -> dict:
        """Where a record came from: its lead or customer log keeps it (export and erasure read it)."""
        return {"import": self.item.import_id, "file": self.item.file_name, "row": number}

    def read(self, stream, name: str) -> ImportItem:
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
            with _open_file(self.item, stream, name, default_country=self.tenant.country,
                            customers=self.customers) as lead_file:
                self.report.columns_from(lead_file.headers)
                self.other_sheets = lead_file.details.get("other_sheets") or []
                self.sheet = lead_file.details.get("sheet")
                for count, row in enumerate(_rows(self.item, lead_file), 1):
                    if count % RENEW_EVERY_ROWS == 0:
                        state.renew(self.item, LEASE_SECONDS)      # a long re-read or a run of rejected rows
                    replay = row.number <= self.resume_after
                    if not replay:
                        if self.counts["rows"] >= MAX_ROWS:
                            self.limit_reached = True
                            return None
                        self.counts["rows"] += 1
                        self.last_row = row.number
                    fatal = [e for e in row.errors if e.get("fatal")]
                    if fatal:
                        self.reject(row, fatal, replay)
                    else:
                        self.take(row, [e for e in row.errors if not e.get("fatal")], replay)
        except FileFormatError as exc:
            return exc.detail
        return None

    def take(self, row, problems: list[dict], replay: bool) -> None:
        raise NotImplementedError

    def flush(self, last: bool = False) -> None:
        raise NotImplementedError

    def checkpoint(self, last: bool) -> None:
        """After a batch is written: record it, then stop if this invocation's time is nearly up."""
        state.renew(self.item, LEASE_SECONDS, rows_done=self.last_row, counts=dict(self.counts))
        self.item.rows_done = self.last_row
        if not last and self.time_left is not None and self.time_left() < STOP_BEFORE_END_SECONDS:
            raise _Stopped(f"continuing after row {self.last_row} in a new invocation (the time of this one ran out)")

    def reject(self, row, problems: list[dict], replay: bool) -> None:
        self.report.add(row.number, ERROR, problems, row.raw)
        if not replay:
            self.counts["rejected"] += 1

    def stored(self) -> int:
        raise NotImplementedError

    def conclude(self, failure: str | None) -> ImportItem:
        """Counts, report and final status of a file read to its end (or as far as it could be)."""
        item = self.item
        item.counts = self.counts
        item.report_key = self.report.write(item.tenant, item.import_id, self.bucket) or item.report_key
        rows = self.counts["rows"]
        if failure and rows == 0:
            status, detail = "failed", f"the file cannot be read: {failure}"
        elif rows == 0:
            status, detail = "failed", "the file has no rows to import: a header alone, or empty lines"
        elif rows and not self.stored():
            status = "failed"
            detail = (f"none of the {rows:,} rows could be imported: see the error report"
                      + (f"; reading stopped after row {self.last_row}: {failure}" if failure else ""))
        else:
            problems = self.counts.get("rejected") or self.counts.get("conflict") or failure
            status = "partial" if problems else "done"
            detail = None
            if failure:
                detail = failure if self.limit_reached else f"reading stopped after row {self.last_row}: {failure}"
            if self.other_sheets:
                status = "partial"
                named = ", ".join(repr(name) for name in self.other_sheets)
                detail = "; ".join(filter(None, [detail, (
                    f"only the sheet {self.sheet!r} was imported; the sheet{'s' if len(self.other_sheets) > 1 else ''} "
                    f"{named} hold{'' if len(self.other_sheets) > 1 else 's'} data too: save each sheet as a file "
                    "of its own to import it")]))
        if not self.stored() and self.content_hash:
            state.release_content(item.tenant, self.content_hash, item.import_id)
        return _finish(item, status, detail)


READER_FAILED = "an error in leadflow's reader, not necessarily in the file (logged for support)"


def _open_file(item: ImportItem, stream, name: str, **options):
    """open_lead_file, with an error the reader did not foresee as a FileFormatError (see _rows)."""
    try:
        return open_lead_file(stream, name, **options)
    except FileFormatError:
        raise
    except Exception as exc:
        raise _reader_failed(item, exc) from exc


def _rows(item: ImportItem, lead_file):
    """The file's rows, an error the reader did not foresee ending them as a FileFormatError: the
    file's content caused it, so a retry would fail alike. The import then ends, with the rows
    read before it, instead of staying `running` while the queue delivers the file forever."""
    try:
        yield from lead_file
    except FileFormatError:
        raise
    except Exception as exc:
        raise _reader_failed(item, exc) from exc


def _reader_failed(item: ImportItem, exc: Exception) -> FileFormatError:
    """Logged by the error's type and place, never its message: a message may quote the file."""
    log.error("import reader failed", extra={"tenant": item.tenant, "import_id": item.import_id, **fault(exc)})
    return FileFormatError(READER_FAILED)


def _person_keys(lead) -> set[bytes]:
    """What tells intake a row's person (domain/reinquiries.py): their e-mail and phones, and their
    name with their address, hashed to a few bytes: 100,000 rows' keys stay small in memory."""
    data = lead.model_dump(mode="json")
    found = set(reinquiries.contact_keys(data)) | ({f"n:{key}"} if (key := reinquiries.name_key(data)) else set())
    return {hashlib.blake2b(key.encode(), digest_size=12).digest() for key in found}


class _LeadRun(_Run):
    counts_start = {"rows": 0, "created": 0, "needs_review": 0, "already_imported": 0,
                    "rejected": 0}           # and "reinquiries", once a row was one

    def __init__(self, *args):
        super().__init__(*args)
        self.pending: list[tuple[int, intake.Admitted]] = []
        self.pending_contacts: set[bytes] = set()
        self.raw_rows: dict[int, dict] = {}
        self.now = keys.parse_iso(self.item.created_at)
        d = self.item.defaults or {}
        self.defaults = intake.Defaults(d.get("source"), d.get("source_detail"), d.get("qualification"))

    def stored(self) -> int:
        return self.counts["created"] + self.counts["already_imported"] + self.counts.get("reinquiries", 0)

    def take(self, row, problems: list[dict], replay: bool) -> None:
        try:
            admitted = intake.admit_machine(self.book, row.fields, reader_problems=problems, defaults=self.defaults)
        except IdentifiesNobodyError as exc:
            return self.reject(row, [{"field": e.get("field"), "reason": e.get("message")} for e in exc.errors], replay)
        if admitted.problems:
            self.report.add(row.number, WARNING, admitted.problems, row.raw)
        if not replay:
            if self.tenant.reinquiry_days > 0:
                person = _person_keys(admitted.lead)
                if person & self.pending_contacts:
                    # The e-mail, phone or name and address of a row not written yet: the same
                    # person again (a visitor scanned twice) or another sharing it (a household's
                    # landline). Intake tells which once the earlier row is stored, as for a row of
                    # a later file: a re-inquiry of its lead, or a lead of their own. (With
                    # re-inquiries off every row is a lead of its own, and claims nothing.)
                    self.write_pending()
                self.pending_contacts |= person
            self.pending.append((row.number, admitted))
            self.raw_rows[row.number] = row.raw            # for a re-inquiry's report line
            if len(self.pending) >= LEAD_BATCH:
                self.flush()

    def lead_id(self, number: int) -> str:
        entropy = hashlib.sha256(f"{self.item.import_id}/{number}".encode()).digest()
        return new_id(int(self.now.timestamp() * 1000), entropy=entropy)

    def flush(self, last: bool = False) -> None:
        """Write the batch's leads that do not exist yet (written by an invocation that stopped):
        plain new leads in batches; re-inquiries (a touch on the person's open lead, its entry keyed
        by the row, so written once) and leads linked to another one each in its own transaction."""
        self.write_pending()
        if self.last_row > self.item.rows_done:
            self.checkpoint(last)

    def write_pending(self) -> None:
        """The batch's rows written, without a checkpoint: the row being read is not among them."""
        if self.pending:
            ids = {number: self.lead_id(number) for number, _ in self.pending}
            existing = intake.existing(self.tenant.id, ids.values())
            # Every row's reads before any row's write: rows of one batch share no contact and no name.
            lookup = intake.prefetch(self.tenant, [admitted for number, admitted in self.pending
                                                   if ids[number] not in existing])
            news, singles = [], []
            for number, admitted in self.pending:
                if ids[number] in existing:
                    self.counts["already_imported"] += 1
                    continue
                origin = self.origin(number)
                outcome = intake.build(self.caller, self.tenant, admitted, channel="import", now=self.now,
                                       lead_id=ids[number], audit_id=ids[number], origin=origin,
                                       router=self.book.router, lookup=lookup)
                if isinstance(outcome, intake.NewLead) and not outcome.related:
                    news.append(outcome)
                    self.counts["needs_review"] += bool(admitted.problems)
                else:
                    singles.append((number, admitted, outcome))
            state.renew(self.item, LEASE_SECONDS)           # no one else may write these rows meanwhile
            intake.store_batch(news)
            self.counts["created"] += len(news)
            for number, admitted, outcome in singles:
                self.store_one(number, admitted, outcome)
            self.pending.clear()
            self.pending_contacts.clear()
            self.raw_rows.clear()


    def store_one(self, number: int, admitted: intake.Admitted, outcome: intake.Outcome) -> None:
        try:
            stored = intake.store(outcome)
        except lead_store.WriteConflict:
            self.counts["already_imported"] += 1             # this row's lead or touch, by an earlier invocation
            return
        if isinstance(stored, intake.Touch):
            self.counts["reinquiries"] = self.counts.get("reinquiries", 0) + 1
            self.report.add(number, REINQUIRY, [{"reason": f"a re-inquiry of the same person: attached to open lead "
                                                           f"{stored.item.lead_id}"}], self.raw_rows.pop(number, {}))
        else:
            self.counts["created"] += 1
            self.counts["needs_review"] += bool(admitted.problems)


class _CustomerRun(_Run):
    """A dealer system's customer export into the bulk customer load, 1,000 rows at a time."""
    counts_start = {"rows": 0, "created": 0, "updated": 0, "unchanged": 0, "needs_review": 0, "rejected": 0,
                    "conflict": 0}
    customers = True

    def __init__(self, *args):
        super().__init__(*args)
        self.batch: list[tuple] = []

    def stored(self) -> int:
        return self.counts["created"] + self.counts["updated"] + self.counts["unchanged"]

    def take(self, row, problems: list[dict], replay: bool) -> None:
        from . import customers
        record = customers.record_of_row(row.fields)
        if replay:                                             # only its report lines, if it had any
            found = customers.check_machine_record(self.book, record)
            level = ERROR if found.get("refused") else WARNING
            if found["problems"] or problems:
                self.report.add(row.number, level, problems + found["problems"], row.raw)
            return
        self.batch.append((row, record, problems))
        if len(self.batch) == CUSTOMER_BATCH:
            self.flush()

    def flush(self, last: bool = False) -> None:
        from . import customers
        if self.batch:
            state.renew(self.item, LEASE_SECONDS)
            results = customers.bulk_load(self.caller, [record for _, record, _ in self.batch], channel="import",
                                          book=self.book,
                                          reader_problems=[problems for _, _, problems in self.batch],
                                          origins=[self.origin(row.number) for row, _, _ in self.batch])["results"]
            for (row, _, problems), result in zip(self.batch, results):
                self.counts[result["result"]] = self.counts.get(result["result"], 0) + 1
                found = result.get("problems", [])
                if result.get("errors"):
                    self.report.add(row.number, ERROR, result["errors"], row.raw)
                elif found:
                    self.counts["needs_review"] += 1
                    self.report.add(row.number, WARNING, found, row.raw)
            self.batch.clear()
        if self.last_row > self.item.rows_done:
            self.checkpoint(last)
