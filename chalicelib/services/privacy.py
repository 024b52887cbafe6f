"""The access export (DSGVO/GDPR Art. 15): everything leadflow holds about one person of a tenant,
found by e-mail, phone or id, as one JSON document; audited, never logged.

Finding reads only that person's items, by key: the e-mail's and each phone's whole token in the
search table names their leads and customers (each checked to really hold that e-mail or phone: a
token is a compact form two addresses may share); a lead names its customer, a customer's
activities name the leads converted into it. Records are linked through these stored references
only, never by similarity: what the duplicate check would call the same person may be another.
Then every audit entry of each lead and customer, the raw payload and import row each lead (and
each re-inquiry) came from, the consent ledger of each lead and customer.

A customer loaded from a dealer system's file names its row in the log entry of each load that
created or changed it (`origin`); a later file's row that changed nothing is found by the
customer's number in the file's customer-number column (rows_with_external_ids).

Not found this way: values kept only as a sender's error (no token is written for an invalid
e-mail or phone), lines of an import's error report whose row became no lead (the erasure looks
for those by the person's e-mail and phone). A deleted lead's log keeps no values (services/
leads.py delete_lead has them made anonymous).
"""
import base64
import csv
import datetime as dt
import io
import logging
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..domain import erasure as rules
from ..domain.ids import is_valid_id, new_id
from ..domain.permissions import Caller
from ..domain.person import normalise_email, record_error
from ..domain.phones import PhoneError, read_phone
from ..domain.search import contact_tokens
from ..formats.detect import open_lead_file
from ..formats.webforms import adf_prospects_of
from ..formats.rows import FileFormatError
from ..store import audit as audit_store
from ..store import customers as customer_store
from ..store import keys
from ..store import imports as import_store
from ..store import leads as lead_store
from ..store import privacy as store
from ..validation import Schema
from .consents import ledger_entries
from .import_report import FIXED_COLUMNS
from .tenants import load_tenant

log = logging.getLogger(__name__)

CRITERIA = ("email", "phone", "lead_id", "customer_id")
PHONES = ("phone", "mobile_phone", "work_phone")
AUDIT_ENTITY, AUDIT_ID = "privacy", "exports"     # the tenant's log of exports (store/keys.py audit_pk)
# The audit logs and raw payloads of a person's records are independent reads, a round trip each:
# read a few at a time, so that a few hundred records take a second, not several.
PARALLEL_READS = 8


class AccessRequest(Schema):
    """Whom to export: at least one of e-mail, phone, lead id, customer id (records found by any)."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    email: Annotated[str, Field(max_length=254)] | None = None
    phone: Annotated[str, Field(max_length=60)] | None = None
    lead_id: Annotated[str, Field(max_length=40)] | None = None
    customer_id: Annotated[str, Field(max_length=40)] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return normalise_email(value) if value else None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        """E.164, read like the intake reads a number: in the tenant's country unless it says its own."""
        if not value:
            return None
        try:
            return read_phone(value, (info.context or {}).get("country") or "AT").e164
        except PhoneError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("lead_id", "customer_id")
    @classmethod
    def _id(cls, value: str | None) -> str | None:
        if value and not is_valid_id(value):
            raise ValueError("not an id of leadflow")
        return value or None

    @model_validator(mode="after")
    def _one_at_least(self):
        if not any(getattr(self, name) for name in CRITERIA):
            raise record_error("email", "missing_criterion",
                               "name the person: an email, phone, lead_id or customer_id")
        return self


def validation_context(caller: Caller) -> dict:
    """A phone number is read in the tenant's country, as the intake reads it."""
    return {"country": load_tenant(caller.tenant).country}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- finding the person's records


def each(read: Callable, items: Iterable) -> list:
    """read(item) for each item, PARALLEL_READS at a time, in their order."""
    todo = list(items)
    if len(todo) < 2:
        return [read(item) for item in todo]
    with ThreadPoolExecutor(max_workers=min(PARALLEL_READS, len(todo))) as pool:
        return list(pool.map(read, todo))


def _holds(data: dict, request: AccessRequest) -> bool:
    """Whether a record holds the e-mail or phone searched for (not just a token they share)."""
    return bool((request.email and data.get("email") == request.email)
                or (request.phone and request.phone in [data.get(name) for name in PHONES]))


def _tokens(request: AccessRequest) -> list[str]:
    return contact_tokens({"email": request.email, "phone": request.phone}, phones=("phone",))


def find_person(tenant: str, request: AccessRequest) -> tuple[dict, dict, list]:
    """The person's leads and customers (by id) and their customers' activities: what the export
    shows and the erasure (services/erasure.py) erases."""
    tokens = _tokens(request)
    lead_ids = [i for t in tokens for i in store.entities_with_token(tenant, t)]
    leads = {i: item for i, item in lead_store.batch_get_leads(tenant, lead_ids, consistent=True).items()
             if _holds(item.data or {}, request)}
    if request.lead_id and (item := lead_store.get_lead(tenant, request.lead_id)):
        leads[item.lead_id] = item
    customer_ids = [i for t in tokens for i in store.entities_with_token(tenant, t, "customer")]
    customers = {i: item for i, item in customer_store.batch_get_customers(tenant, customer_ids).items()
                 if _holds(item.data or {}, request)}
    named = [c for c in [request.customer_id, *(lead.customer_id for lead in leads.values())] if c]
    customers.update(customer_store.batch_get_customers(tenant, [c for c in named if c not in customers]))
    activities = store.activities_of(tenant, sorted(customers))
    converted = [a.lead_id for a in activities if a.lead_id and a.lead_id not in leads]
    leads.update(lead_store.batch_get_leads(tenant, converted, consistent=True))
    return leads, customers, activities


def origins_of(lead, entries) -> list[dict]:
    """Where the lead and each of its re-inquiries came from."""
    found = [lead.origin] if lead.origin else []
    for entry in entries:
        for change in entry.changes or []:
            if change.get("field") == "reinquiry" and isinstance(change.get("new"), dict) \
                    and change["new"].get("origin"):
                found.append(change["new"]["origin"])
    return found


def file_origins(entries) -> list[dict]:
    """The file rows a customer's log names: each load from a customer-master file that created or
    changed it."""
    return [change["new"] for entry in entries for change in entry.changes or []
            if change.get("field") == "origin" and isinstance(change.get("new"), dict)]


def add_rows(rows: dict[str, set[int]], origins: Iterable[dict]) -> None:
    for origin in origins:
        if origin.get("import") and isinstance(origin.get("row"), int):
            rows.setdefault(origin["import"], set()).add(origin["row"])


def customer_file_rows(tenant, customers: Iterable) -> dict[str, set[int]]:
    """Each customer-master file's rows whose customer number is one of these customers' (read
    through the import's own reader, so the numbers are the rows it imported): a row that changed
    nothing left no log entry."""
    external_ids = {c.external_id for c in customers if c.external_id}
    found: dict[str, set[int]] = {}
    if not external_ids:
        return found
    for item in import_store.of_kind(tenant.id, "customers"):
        numbers = {row.number for row in _rows(tenant, item) if row.fields.get("external_id") in external_ids}
        if numbers:
            found[item.import_id] = numbers
    return found


def _rows(tenant, item):
    """The import's rows as its reader reads them (none if the file is gone or unreadable)."""
    if not item.key:
        return
    with tempfile.SpooledTemporaryFile(max_size=8 * 2**20) as spool:
        if not store.copy_object(item.key, spool, item.version_id):
            return
        spool.seek(0)
        try:
            with open_lead_file(spool, item.file_name or item.key, default_country=tenant.country,
                                customers=item.kind == "customers") as lead_file:
                yield from lead_file
        except FileFormatError:
            return


def _raw_payload(key: str, prospects: set[int], needles: rules.Needles) -> dict:
    """The delivery as received. An ADF delivery holds one lead per <prospect>, up to a hundred of
    other people's: the export shows only the person's (those their leads were made of, or that
    name their e-mail or phone), never the others' data (GDPR Art. 15(4)), as an import's rows."""
    body = store.read_object(key)
    if body is None:
        return {"key": key, "content": None, "encoding": None, "status": "gone"}
    if key.endswith(".xml"):
        try:
            part = adf_prospects_of(body, lambda number, texts: number in prospects or needles.found_in(texts))
        except FileFormatError:
            return {"key": key, "content": None, "encoding": None, "status": "withheld",
                    "detail": "the delivery holds other people's prospects and cannot be split into them"}
        if part is not None:
            content, kept, total = part
            return {"key": key, "content": content, "encoding": "utf-8", "status": "kept_in_part",
                    "detail": f"{kept} of the delivery's {total} prospects: the others are other people's"}
    try:
        return {"key": key, "content": body.decode("utf-8"), "encoding": "utf-8", "status": "kept"}
    except UnicodeDecodeError:
        return {"key": key, "content": base64.b64encode(body).decode(), "encoding": "base64", "status": "kept"}


def _import_rows(tenant, wanted: dict[str, set[int]], needles: rules.Needles) -> list[dict]:
    """Each wanted row of each import as the file has it (its original cells), with the lines of
    the import's error report about that row; and, as the erasure takes them too, the rows and
    report lines of those imports that name the person's e-mail or phone (a refused row, a
    housemate's row with the shared landline)."""
    found = []
    for import_id, numbers in sorted(wanted.items()):
        item = import_store.get(tenant.id, import_id)
        cells = _file_rows(tenant, item, numbers, needles) if item and item.key else {}
        report = _report_lines(item.report_key, numbers, needles) if item and item.report_key else {}
        for number in sorted(numbers | set(cells) | set(report)):
            own = number in numbers
            found.append({"import_id": import_id, "file": item.file_name if item else None, "row": number,
                          "cells": cells.get(number) if own else _only_theirs(cells.get(number), needles),
                          "report": report.get(number, []) if own else [
                              {**line, "given": line["given"] if needles.found_in([line.get("given")]) else None}
                              for line in report.get(number, [])]})
    return found


def _only_theirs(cells: dict | None, needles: rules.Needles) -> dict | None:
    """Of a row that is someone else's (a housemate's, with the shared landline), only the cells
    that name the person: the export must not hand out the other's data (GDPR Art. 15(4))."""
    return None if cells is None else {column: value for column, value in cells.items()
                                       if needles.found_in([str(value)])}


def _file_rows(tenant, item, numbers: set[int], needles: rules.Needles) -> dict[int, dict]:
    """The rows' cells, and those of rows naming the person, read from the file; none if it is gone."""
    found = {}
    for row in _rows(tenant, item):
        if row.number in numbers or (needles and needles.found_in(str(v) for v in row.raw.values())):
            found[row.number] = dict(row.raw)
    return found


def _report_lines(report_key: str, numbers: set[int], needles: rules.Needles) -> dict[int, list[dict]]:
    body = store.read_object(report_key)
    if body is None:
        return {}
    lines: dict[int, list[dict]] = {}
    reader = csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
    header = next(reader, [])
    german = header[:len(FIXED_COLUMNS)] == FIXED_COLUMNS         # else one written before reports were German
    for cells in reader:
        number, values = (cells or [""])[0], cells[1:]
        if number.isdigit() and (int(number) in numbers or (needles and needles.found_in(values))):
            lines.setdefault(int(number), []).append(_report_line(cells, german))
    return lines


def _report_line(cells: list[str], german: bool) -> dict:
    """A report line's level and field as the API names them (the German report's code column),
    its reason as the report says it, the value as given."""
    cells = cells + [""] * (len(FIXED_COLUMNS) - len(cells))
    if german:
        _, _, _, reason, given, code = cells[:len(FIXED_COLUMNS)]
        level, _, field = code.partition(":")
        return {"level": level, "field": field, "reason": reason, "given": given}
    return dict(zip(("level", "field", "reason", "given"), cells[1:5]))


# ---------------------------------------------------------------- the export


def export_person(caller: Caller, request: AccessRequest, *, now: dt.datetime | None = None) -> dict:
    """The person's records in the caller's tenant as one document; the export itself is audited
    (who, when, which criteria, how many records: never a value of the person)."""
    from .activities import activity_view
    from .customers import customer_view
    from .leads import lead_view

    now = now or _now()
    tenant = load_tenant(caller.tenant)
    leads, customers, activities = find_person(caller.tenant, request)
    lead_ids, customer_ids = sorted(leads), sorted(customers)
    lead_logs = each(lambda i: store.audit_entries(caller.tenant, "lead", i), lead_ids)
    customer_logs = each(lambda i: store.audit_entries(caller.tenant, "customer", i), customer_ids)
    lead_docs, payload_keys, rows = [], {}, {}
    for lead_id, entries in zip(lead_ids, lead_logs):
        item = leads[lead_id]
        lead_docs.append({**lead_view(item, caller, now), "audit": [audit_store.view(e) for e in entries]})
        for origin in origins_of(item, entries):
            if origin.get("raw_payload"):
                wanted = payload_keys.setdefault(origin["raw_payload"], set())
                if isinstance(origin.get("prospect"), int):
                    wanted.add(origin["prospect"])
        add_rows(rows, origins_of(item, entries))
    customer_docs = [{**customer_view(customers[i]), "audit": [audit_store.view(e) for e in entries]}
                     for i, entries in zip(customer_ids, customer_logs)]
    for entries in customer_logs:
        add_rows(rows, file_origins(entries))
    for import_id, numbers in customer_file_rows(tenant, customers.values()).items():
        rows.setdefault(import_id, set()).update(numbers)
    needles = rules.Needles.of(item.data or {} for item in [*leads.values(), *customers.values()])
    document = {
        "subject": {name: getattr(request, name) for name in CRITERIA if getattr(request, name)},
        "generated_at": keys.iso(now),
        "tenant": {"id": tenant.id, "name": tenant.name},
        "leads": lead_docs,
        "customers": customer_docs,
        "activities": [activity_view(a) for a in activities],
        "consents": ledger_entries(caller.tenant, lead_ids, customer_ids, each),
        "raw_payloads": each(lambda key: _raw_payload(key, payload_keys[key], needles), payload_keys),
        "import_rows": _import_rows(tenant, rows, needles),
    }
    document["counts"] = counts = {
        **{name: len(document[name]) for name in ("leads", "customers", "activities", "consents", "raw_payloads",
                                                   "import_rows")},
        "audit_entries": sum(len(d["audit"]) for d in lead_docs + customer_docs),
    }
    criteria = [name for name in CRITERIA if getattr(request, name)]
    store.record_export(audit_store.entry(
        caller.tenant, AUDIT_ENTITY, AUDIT_ID, action="access_export", actor=caller.user, role=caller.role,
        channel="api", at=keys.iso(now), entry_id=new_id(),
        changes=[{"field": "criteria", "old": None, "new": criteria}, {"field": "counts", "old": None, "new": counts}]))
    log.info("access export", extra={"tenant": caller.tenant, "criteria": criteria, "counts": counts})
    return document
