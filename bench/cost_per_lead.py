"""Cost per lead: DynamoDB write units and storage per lead created and per edit, every index
included, the read units of the list, and what a month of leadflow costs on AWS.

    .venv/bin/python -m bench.cost_per_lead [--leads 200] [--markdown PATH]

Everything runs in-process on moto, through the services the API and the importer call
(devstack.direct for POST /leads, services.leads.update_lead for PATCH, the intake's batch form
for an imported row, services.leads.list_leads for GET /leads). Every DynamoDB request PynamoDB
sends is watched: each item it writes is read before and after, and billed by DynamoDB's rules
from the table definitions moto holds (created from chalicelib/store/models.py):

- size of an item: the UTF-8 bytes of every attribute name plus its value (a number: 1 byte per
  two significant digits plus 1; a boolean or null 1; a list or map 3 plus 1 per element);
- a write: ceil(size / 1 KB) WRU of the larger of the item before and after (a delete: the item
  deleted), twice that inside TransactWriteItems (DynamoDB writes each item twice: prepare and
  commit);
- each global secondary index whose keys the item has: one write of the index entry (the table's
  key, the index's keys and the projected attributes) when it appears, disappears or changes, a
  delete and a put when one of its keys changes, none when its entry stays the same. Index writes
  are billed as standard writes also for a transaction (DynamoDB propagates them to the index
  after the commit; AWS documents the doubling only for the items of the transaction);
- storage: each item and each index entry, plus 100 bytes of overhead each;
- reads: a query ceil(bytes read / 4 KB), an item read ceil(size / 4 KB), a half unit each when
  eventually consistent (index queries always are).

It prints figures and asserts nothing; the goal for storage is printed next to its ratio.
"""
import argparse
import base64
import contextlib
import datetime as dt
import json
import math
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# Before chalicelib or any AWS client is imported.
from devstack.offline import use_in_process_moto  # noqa: E402

use_in_process_moto("cost-")

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from pynamodb.connection.base import Connection  # noqa: E402

from chalicelib.api.schemas import LeadPatch  # noqa: E402
from chalicelib.domain.permissions import Caller  # noqa: E402
from chalicelib.services import leads as lead_service  # noqa: E402
from chalicelib.services.leads import ListRequest  # noqa: E402
from chalicelib.services.tenants import load_tenant  # noqa: E402
from chalicelib.store import directory  # noqa: E402
from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, bind_models, create_tables  # noqa: E402
from chalicelib.validation import validate  # noqa: E402
from devstack import moto_speedups  # noqa: E402
from devstack.bulk_seed import build_lead, write_leads  # noqa: E402
from devstack.direct import create_lead  # noqa: E402
from devstack.provision import principal_arn, provision_tenant  # noqa: E402
from devstack.seed import SOURCES, _lead  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TENANT = "cost-autohaus"
PREFIX = "cost-"
MANAGER = "m.steiner"
REPS = ["l.huber", "k.bauer", "s.wimmer", "t.egger"]
USERS = {"sales_manager": (MANAGER, "sales_manager"),
         **{f"sales_rep_{i + 1}": (rep, "sales_rep") for i, rep in enumerate(REPS)}}
SEED = 20260212
STORAGE_GOAL = 3.0             # storage of a lead, its indexes included / the lead item's own size
KB = 1024
ITEM_OVERHEAD = 100            # bytes DynamoDB adds to every stored item and index entry
HOURS_A_MONTH = 730

CREATE_API = "create: POST /leads (one transaction, with an Idempotency-Key)"
CREATE_IMPORT = "create: a row of a file import (batch writes)"
EDITS = {
    "assign": "edit: assign to a rep",
    "field": "edit: change a field (phone, remark)",
    "qualify": "edit: change the qualification (moves the deadline)",
    "close": "edit: close the lead",
}
READ_PAGE = "read: a page of GET /leads (25, newest first)"
READ_MY_PAGE = "read: a rep's page by due date (GET /leads?assignee=me&sort=due)"
READ_LEAD = "read: GET /leads/{id}"


# ---------------------------------------------------------------- DynamoDB's size and billing rules


def value_size(value: dict) -> int:
    """Bytes of one attribute value in DynamoDB's JSON (as boto3's client returns it)."""
    (kind, v), = value.items()
    if kind == "S":
        return len(v.encode())
    if kind == "N":
        digits = v.lstrip("-").replace(".", "").lstrip("0").rstrip("0") or "0"
        return math.ceil(len(digits) / 2) + 1
    if kind == "B":
        return len(v if isinstance(v, bytes) else base64.b64decode(v))
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + value_size(e) for e in v)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + value_size(e) for k, e in v.items())
    if kind == "SS":
        return sum(len(s.encode()) for s in v)
    if kind == "NS":
        return sum(value_size({"N": n}) for n in v)
    if kind == "BS":
        return sum(value_size({"B": b}) for b in v)
    raise ValueError(f"unknown attribute type {kind}")


def item_size(item: dict | None) -> int:
    return sum(len(name.encode()) + value_size(value) for name, value in (item or {}).items())


def write_units(size: int) -> int:
    return max(1, math.ceil(size / KB))


@dataclass
class Index:
    name: str
    keys: tuple[str, ...]
    projection: str                     # ALL | KEYS_ONLY | INCLUDE
    included: tuple[str, ...] = ()

    def entry(self, item: dict | None, table_keys: tuple[str, ...]) -> dict | None:
        """The item's entry in the index (None when it lacks one of the index's keys)."""
        if not item or any(k not in item for k in self.keys):
            return None
        if self.projection == "ALL":
            return dict(item)
        names = set(table_keys) | set(self.keys) | set(self.included)
        return {k: v for k, v in item.items() if k in names}


@dataclass
class Table:
    name: str                           # without the prefix
    keys: tuple[str, ...]
    indexes: list[Index]

    @classmethod
    def described(cls, client, name: str) -> "Table":
        d = client.describe_table(TableName=PREFIX + name)["Table"]
        indexes = [Index(g["IndexName"], tuple(k["AttributeName"] for k in g["KeySchema"]),
                         g["Projection"]["ProjectionType"], tuple(g["Projection"].get("NonKeyAttributes", ())))
                   for g in d.get("GlobalSecondaryIndexes", [])]
        return cls(name, tuple(k["AttributeName"] for k in d["KeySchema"]), indexes)


# ---------------------------------------------------------------- watching PynamoDB's requests


@dataclass
class Tally:
    """What one kind of operation cost, summed over its runs."""
    runs: int = 0
    wru: dict = field(default_factory=lambda: defaultdict(float))      # "table" or "table: index"
    items: dict = field(default_factory=lambda: defaultdict(float))    # items written there
    rru: dict = field(default_factory=lambda: defaultdict(float))
    read_items: dict = field(default_factory=lambda: defaultdict(float))


class Meter:
    """Bills each DynamoDB request PynamoDB makes to the operation running (see the module note)."""

    def __init__(self, client, tables: dict[str, Table]):
        self.client, self.tables = client, tables
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.current: str | None = None

    @contextlib.contextmanager
    def operation(self, label: str):
        self.current = label
        self.tallies[label].runs += 1
        try:
            yield
        finally:
            self.current = None

    @contextlib.contextmanager
    def watching(self):
        real = Connection._make_api_call
        meter = self

        def call(connection, operation_name, kwargs):
            if meter.current is None:
                return real(connection, operation_name, kwargs)
            writes = meter._writes(operation_name, kwargs)
            before = [meter._get(table, key) for table, key, _ in writes]
            result = real(connection, operation_name, kwargs)
            for (table, key, transactional), old in zip(writes, before):
                meter._bill_write(table, old, meter._get(table, key), transactional)
            # A COUNT returns no items, but DynamoDB bills the ones it read: the same query
            # asking for them (not billed) gives their sizes.
            read = (real(connection, operation_name, {k: v for k, v in kwargs.items() if k != "Select"})
                    if operation_name == "Query" and kwargs.get("Select") == "COUNT" else result)
            meter._bill_reads(operation_name, kwargs, read)
            return result

        Connection._make_api_call = call
        try:
            yield self
        finally:
            Connection._make_api_call = real

    def _table(self, full_name: str) -> Table:
        return self.tables[full_name.removeprefix(PREFIX)]

    def _key(self, table: Table, item: dict) -> dict:
        return {k: item[k] for k in table.keys}

    def _writes(self, operation: str, kwargs: dict) -> list[tuple[Table, dict, bool]]:
        """(table, key, transactional) of every item the request writes."""
        if operation == "PutItem":
            table = self._table(kwargs["TableName"])
            return [(table, self._key(table, kwargs["Item"]), False)]
        if operation in ("UpdateItem", "DeleteItem"):
            return [(self._table(kwargs["TableName"]), kwargs["Key"], False)]
        if operation == "TransactWriteItems":
            found = []
            for action in kwargs["TransactItems"]:
                (kind, body), = action.items()
                if kind == "ConditionCheck":
                    continue
                table = self._table(body["TableName"])
                found.append((table, self._key(table, body["Item"]) if kind == "Put" else body["Key"], True))
            return found
        if operation == "BatchWriteItem":
            found = []
            for name, requests in kwargs["RequestItems"].items():
                table = self._table(name)
                for request in requests:
                    if "PutRequest" in request:
                        found.append((table, self._key(table, request["PutRequest"]["Item"]), False))
                    else:
                        found.append((table, request["DeleteRequest"]["Key"], False))
            return found
        return []

    def _get(self, table: Table, key: dict) -> dict | None:
        return self.client.get_item(TableName=PREFIX + table.name, Key=key, ConsistentRead=True).get("Item")

    def _bill_write(self, table: Table, old: dict | None, new: dict | None, transactional: bool) -> None:
        tally = self.tallies[self.current]
        tally.wru[table.name] += write_units(max(item_size(old), item_size(new))) * (2 if transactional else 1)
        tally.items[table.name] += 1
        for index in table.indexes:
            before, after = index.entry(old, table.keys), index.entry(new, table.keys)
            where = f"{table.name}: {index.name}"
            if before is None and after is None or before == after:
                continue
            if before is None or after is None:
                units, count = write_units(item_size(before or after)), 1
            elif any(before[k] != after[k] for k in index.keys):
                units, count = write_units(item_size(before)) + write_units(item_size(after)), 2
            else:
                units, count = write_units(max(item_size(before), item_size(after))), 1
            tally.wru[where] += units
            tally.items[where] += count

    def _bill_reads(self, operation: str, kwargs: dict, result: dict) -> None:
        tally = self.tallies[self.current]
        if operation == "GetItem":
            factor = 1 if kwargs.get("ConsistentRead") else 0.5
            name = kwargs["TableName"].removeprefix(PREFIX)
            tally.rru[name] += factor * max(1, math.ceil(item_size(result.get("Item")) / (4 * KB)))
            tally.read_items[name] += 1
        elif operation == "BatchGetItem":
            for full_name, request in kwargs["RequestItems"].items():
                factor = 1 if request.get("ConsistentRead") else 0.5
                name = full_name.removeprefix(PREFIX)
                for item in result.get("Responses", {}).get(full_name, []):
                    tally.rru[name] += factor * max(1, math.ceil(item_size(item) / (4 * KB)))
                    tally.read_items[name] += 1
        elif operation == "Query":
            factor = 1 if kwargs.get("ConsistentRead") else 0.5
            name = kwargs["TableName"].removeprefix(PREFIX)
            where = f"{name}: {kwargs['IndexName']}" if kwargs.get("IndexName") else name
            returned = result.get("Items", [])
            scanned = result.get("ScannedCount", len(returned))
            # Items the filter dropped were read too: counted at the returned items' mean size.
            mean = statistics.mean(item_size(i) for i in returned) if returned else 0
            size = sum(item_size(i) for i in returned) + (scanned - len(returned)) * mean
            tally.rru[where] += factor * max(1, math.ceil(size / (4 * KB)))
            tally.read_items[where] += scanned


# ---------------------------------------------------------------- storage


def storage(client, tables: dict[str, Table]) -> dict[str, int]:
    """Billed bytes per table and per index: every item and index entry plus its overhead."""
    found: dict[str, int] = defaultdict(int)
    for table in tables.values():
        for page in client.get_paginator("scan").paginate(TableName=PREFIX + table.name):
            for item in page["Items"]:
                found[table.name] += item_size(item) + ITEM_OVERHEAD
                for index in table.indexes:
                    if (entry := index.entry(item, table.keys)) is not None:
                        found[f"{table.name}: {index.name}"] += item_size(entry) + ITEM_OVERHEAD
    return found


def lead_item_sizes(client, lead_ids: list[str]) -> list[int]:
    sizes = []
    for lead_id in lead_ids:
        item = client.get_item(TableName=PREFIX + "leads", Key={"pk": {"S": f"{TENANT}#{lead_id}"}})["Item"]
        sizes.append(item_size(item))
    return sizes


# ---------------------------------------------------------------- the scenario


def caller(user: str, role: str) -> Caller:
    return Caller(TENANT, user, role, principal_arn(f"{TENANT}-{user}"))


def identify(who: Caller) -> None:
    """What every API request reads first: the caller's principal (services/identity.py)."""
    directory.get_principal(who.principal)


def payloads(rng: random.Random, count: int) -> list[dict]:
    now = dt.datetime.now(dt.timezone.utc)
    out = []
    for i in range(count):
        payload, _channel = _lead(rng, i, now)
        payload["assignee"] = rng.choice([None, None, *REPS])
        out.append(payload)
    return out


def patch(who: Caller, lead: dict, body: dict) -> dict:
    """PATCH /leads/{id} at the version last read: the merge patch validated into its model, then
    the service."""
    identify(who)
    model = validate(LeadPatch, body)
    return lead_service.update_lead(who, lead["id"], model, expected_version=lead["version"]).body


def edit_body(kind: str, lead: dict, rng: random.Random) -> dict:
    if kind == "assign":
        return {"assignee": rng.choice([r for r in REPS if r != lead.get("assignee")])}
    if kind == "field":
        return {"phone": "+43664" + "".join(str(rng.randint(0, 9)) for _ in range(7)),
                "remark": "Rückruf am Vormittag, Angebot für den Tiguan mit Anhängerkupplung."}
    if kind == "qualify":
        return {"qualification": "hot" if lead["qualification"] != "hot" else "warm"}
    return {"status": "closed"}


@dataclass
class Measured:
    leads: int
    tallies: dict[str, Tally]
    storage_per_lead: dict[str, float]         # bytes, after the creates (API and import alike)
    edit_storage: dict[str, float]             # bytes one edit adds, per table
    lead_sizes: list[int]
    tables: dict[str, Table]
    expiring: set[str]                         # tables whose items DynamoDB deletes (TTL)


def measure(count: int) -> Measured:
    rng = random.Random(SEED)
    with mock_aws():
        moto_speedups.install()
        bind_models()
        create_tables()
        provision_tenant(TENANT, name="Autohaus Kosten GmbH", country="AT", subdivision="9",
                         users=USERS, sources=SOURCES)
        client = boto3.client("dynamodb", region_name="eu-central-1")
        names = [n for n in ALL_MODELS if n not in LOCAL_ONLY_TABLES]
        tables = {name: Table.described(client, name) for name in names}
        meter = Meter(client, tables)
        manager = caller(MANAGER, "sales_manager")
        tenant = load_tenant(TENANT)
        baseline = storage(client, tables)
        created: list[dict] = []
        with meter.watching():
            for i, payload in enumerate(payloads(rng, count)):
                with meter.operation(CREATE_API):
                    identify(manager)
                    created.append(create_lead(manager, payload, idempotency_key=f"cost-{i}").body)
            imported = [build_lead(tenant, p, created_by=MANAGER, channel="import") for p in payloads(rng, count)]
            for new in imported:
                with meter.operation(CREATE_IMPORT):
                    write_leads([new])
            after_creates = storage(client, tables)
            sizes = lead_item_sizes(client, [lead["id"] for lead in created] + [n.item.lead_id for n in imported])
            for kind, label in EDITS.items():
                for lead in created:
                    with meter.operation(label):
                        lead.update(patch(manager, lead, edit_body(kind, lead, rng)))
            after_edits = storage(client, tables)
            rep = caller(REPS[0], "sales_rep")
            for _ in range(10):
                with meter.operation(READ_PAGE):
                    identify(manager)
                    lead_service.list_leads(manager, ListRequest(sort="-received"), budget=2000)
                with meter.operation(READ_MY_PAGE):
                    identify(rep)
                    lead_service.list_leads(rep, ListRequest(assignee="me", sort="due"), budget=2000)
            for lead in created[:50]:
                with meter.operation(READ_LEAD):
                    identify(manager)
                    lead_service.get_lead(manager, lead["id"])
    where = set(after_creates) | set(baseline) | set(after_edits)
    per_lead = {w: (after_creates.get(w, 0) - baseline.get(w, 0)) / (2 * count) for w in where}
    per_edit = {w: (after_edits.get(w, 0) - after_creates.get(w, 0)) / (len(EDITS) * count) for w in where}
    expiring = {name for name in tables if getattr(ALL_MODELS[name].Meta, "ttl_attribute", None)}
    return Measured(count, dict(meter.tallies), per_lead, per_edit, sizes, tables, expiring)


# ---------------------------------------------------------------- printing


def rows_of(tables: dict[str, Table], used) -> list[str]:
    """Tables and their indexes in the models' order, those with a figure only."""
    order = [w for t in tables.values() for w in (t.name, *(f"{t.name}: {i.name}" for i in t.indexes))]
    return [w for w in order if w in used]


def print_writes(m: Measured) -> None:
    labels = [CREATE_API, CREATE_IMPORT, *EDITS.values()]
    print("\n== write request units (WRU) per operation, by table and index ==")
    print("items: items (or index entries) written per operation; a changed index key is a delete and a put")
    for label in labels:
        t = m.tallies[label]
        print(f"\n{label}   ({t.runs} runs)")
        print(f"  {'table: index':34} {'items':>6} {'WRU':>6}")
        for where in rows_of(m.tables, t.wru):
            print(f"  {where:34} {t.items[where] / t.runs:>6.2f} {t.wru[where] / t.runs:>6.2f}")
        indexes = sum(v for w, v in t.wru.items() if ":" in w) / t.runs
        print(f"  {'total':34} {sum(t.items.values()) / t.runs:>6.2f} {sum(t.wru.values()) / t.runs:>6.2f}"
              f"   (of which leads' indexes {indexes:.2f})")
    edits = [m.tallies[label] for label in EDITS.values()]
    mean = statistics.mean(sum(t.wru.values()) / t.runs for t in edits)
    print(f"\nmean of the edits above: {mean:.2f} WRU per edit")


def print_reads(m: Measured) -> None:
    print("\n== read request units (RRU) per request, by table and index ==")
    for label in (READ_PAGE, READ_MY_PAGE, READ_LEAD):
        t = m.tallies[label]
        parts = ", ".join(f"{w} {t.rru[w] / t.runs:.1f} ({t.read_items[w] / t.runs:.0f} items)"
                          for w in rows_of(m.tables, t.rru))
        print(f"{label}: {sum(t.rru.values()) / t.runs:.1f} RRU  [{parts}]")


def storage_ratio(m: Measured) -> tuple[float, float, float]:
    """(the lead item's mean own size, leads table + its indexes per lead, their ratio)."""
    own = statistics.mean(m.lead_sizes)
    leads = sum(v for w, v in m.storage_per_lead.items() if w == "leads" or w.startswith("leads: "))
    return own, leads, leads / own


def print_storage(m: Measured) -> None:
    print("\n== storage per lead (bytes, 100 bytes of overhead per item and per index entry included) ==")
    print(f"  {'table: index':34} {'per lead':>9} {'per edit':>9}")
    for where in rows_of(m.tables, {w for w, v in m.storage_per_lead.items() if v} |
                         {w for w, v in m.edit_storage.items() if v}):
        print(f"  {where:34} {m.storage_per_lead.get(where, 0):>9.0f} {m.edit_storage.get(where, 0):>9.0f}")
    print(f"  {'total':34} {sum(m.storage_per_lead.values()):>9.0f} {sum(m.edit_storage.values()):>9.0f}")
    own, leads, ratio = storage_ratio(m)
    verdict = "ok" if ratio <= STORAGE_GOAL else "EXCEEDS"
    print(f"the lead item's own size (names + values, mean of {len(m.lead_sizes)}): {own:.0f} bytes; "
          f"leads table and its indexes per lead: {leads:.0f} bytes; ratio {ratio:.2f}   "
          f"goal <= {STORAGE_GOAL}   {verdict}")
    for table in m.tables.values():
        if table.name == "leads":
            kinds = defaultdict(list)
            for index in table.indexes:
                kinds[index.projection + (f" {list(index.included)}" if index.included else "")].append(index.name)
            print("leads indexes: " + "; ".join(f"{kind}: {', '.join(names)}" for kind, names in kinds.items()))


# ---------------------------------------------------------------- a month on AWS


@dataclass(frozen=True)
class Prices:
    """AWS list prices, Europe (Frankfurt, eu-central-1), USD, as published at the time of writing;
    no free tier applied. Check the AWS pricing pages before relying on them."""
    dynamodb_wru: float = 0.7625 / 1e6           # on-demand, per write request unit
    dynamodb_rru: float = 0.1525 / 1e6           # on-demand, per read request unit
    dynamodb_gb_month: float = 0.306             # Standard table class
    pitr_gb_month: float = 0.2448                # point-in-time recovery (continuous backups)
    s3_gb_month: float = 0.0245                  # S3 Standard, first 50 TB
    s3_put: float = 0.0054 / 1000                # PUT, COPY, POST, LIST
    s3_get: float = 0.00043 / 1000               # GET and others
    lambda_gb_second: float = 0.0000166667       # x86_64
    lambda_request: float = 0.20 / 1e6
    api_request: float = 3.70 / 1e6              # API Gateway REST API, first 333 million
    sqs_request: float = 0.40 / 1e6              # standard queue
    kms_key_month: float = 1.00
    kms_request: float = 0.03 / 10_000
    logs_ingest_gb: float = 0.63                 # CloudWatch Logs, standard ingestion
    logs_gb_month: float = 0.0324
    metric_month: float = 0.30                   # custom metric (EMF), first 10,000; prorated by the hour
    alarm_month: float = 0.10                    # standard-resolution alarm


@dataclass(frozen=True)
class Profile:
    name: str
    leads_per_month: int
    users: int
    imported_share: float                        # leads arriving in files; the rest by API or webhook
    webhook_share: float                         # of all leads: web forms and ad platforms (a raw body kept in S3)
    tenants: int = 1


PROFILES = [
    Profile("dealer", 2_000, users=8, imported_share=0.25, webhook_share=0.55),
    Profile("importer", 50_000, users=25, imported_share=0.5, webhook_share=0.45),
    Profile("group of 50 dealers", 100_000, users=400, imported_share=0.25, webhook_share=0.55, tenants=50),
]


@dataclass(frozen=True)
class Assumptions:
    edits_per_lead: float = 3.0                  # e.g. assign, one correction, close (the measured mix)
    list_pages_per_user_day: int = 40
    lead_reads_per_user_day: int = 20
    working_days: int = 21
    retention_months: int = 24                   # leads, tokens and audit entries kept this long
    raw_payload_bytes: int = 3 * KB              # a webhook body kept in S3
    raw_payload_days: int = 90                   # S3 lifecycle of raw webhook bodies
    rows_per_file: int = 500                     # an imported file (S3 PUT + GET, one queue message)
    api_ms: int = 150                            # mean billed duration of an API request, cold starts included
    import_ms_per_row: float = 4.0               # the importer, per row (bench.import_file's order)
    sweep_ms: int = 300
    log_bytes_per_request: int = 1200            # access line + Lambda START/END/REPORT + metric lines
    log_retention_months: int = 1                # the stack's LogRetentionDays default, 30
    metrics: int = 24                            # metric series chalicelib/observability.py can emit
    metric_hours: int = 210                      # hours a month a series gets data: working hours
    alarms: int = field(default_factory=lambda: stack_alarms())
    sweeps_per_month: int = 30 * 24 * 4          # the schedule, every 15 minutes


def stack_alarms() -> int:
    """The CloudWatch alarms the packaged stack defines (deploy/template.py)."""
    from deploy.template import alarms
    return len(alarms())


def lambda_memory() -> dict[str, int]:
    """Memory (MB) of the API, the importer and the sweep, as .chalice/config.json sets them for
    the prod stage (Chalice's default, 128 MB, where it sets none)."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    stage = config.get("stages", {}).get("prod", {})

    def memory(function: str) -> int:
        for scope in (stage.get("lambda_functions", {}).get(function, {}), stage,
                      config.get("lambda_functions", {}).get(function, {}), config):
            if "lambda_memory_size" in scope:
                return scope["lambda_memory_size"]
        return 128
    return {"api": memory("api_handler"), "import": memory("import_files"), "sweep": memory("continue_stalled_imports")}


def retained_bytes_per_lead(m: Measured, a: Assumptions) -> float:
    """Storage a lead keeps for the retention period, its edits included; items with a TTL (the
    idempotency records) are gone after a day and left out."""
    def kept(figures: dict[str, float]) -> float:
        return sum(v for where, v in figures.items() if where.split(":")[0] not in m.expiring)
    return kept(m.storage_per_lead) + a.edits_per_lead * kept(m.edit_storage)


def monthly(profile: Profile, m: Measured, p: Prices, a: Assumptions) -> dict[str, float]:
    """Monthly USD by service for one profile, from the measured units."""
    t = m.tallies

    def per(label: str, attr: str) -> float:
        return sum(getattr(t[label], attr).values()) / t[label].runs

    memory = lambda_memory()
    leads = profile.leads_per_month
    imported = leads * profile.imported_share
    direct = leads - imported
    webhooks = leads * profile.webhook_share
    edits = leads * a.edits_per_lead
    edit_wru = statistics.mean(per(label, "wru") for label in EDITS.values())
    edit_rru = statistics.mean(per(label, "rru") for label in EDITS.values())
    pages = profile.users * a.list_pages_per_user_day * a.working_days
    reads = profile.users * a.lead_reads_per_user_day * a.working_days
    page_rru = (per(READ_PAGE, "rru") + per(READ_MY_PAGE, "rru")) / 2
    wru = direct * per(CREATE_API, "wru") + imported * per(CREATE_IMPORT, "wru") + edits * edit_wru
    rru = (direct * per(CREATE_API, "rru") + edits * edit_rru + pages * page_rru
           + reads * per(READ_LEAD, "rru"))
    stored_gb = retained_bytes_per_lead(m, a) * leads * a.retention_months / 1e9
    api_requests = direct + edits + pages + reads
    files = imported / a.rows_per_file
    gb_seconds = (api_requests * a.api_ms * memory["api"] + imported * a.import_ms_per_row * memory["import"]
                  + a.sweeps_per_month * a.sweep_ms * memory["sweep"]) / 1000 / 1024
    invocations = api_requests + files + a.sweeps_per_month
    log_gb = invocations * a.log_bytes_per_request / 1e9
    return {
        "DynamoDB writes": wru * p.dynamodb_wru,
        "DynamoDB reads": rru * p.dynamodb_rru,
        "DynamoDB storage + PITR": stored_gb * (p.dynamodb_gb_month + p.pitr_gb_month),
        "S3": (webhooks * a.raw_payload_bytes * a.raw_payload_days / 30 / 1e9 * p.s3_gb_month
               + (webhooks + files) * p.s3_put + files * p.s3_get),
        "Lambda": gb_seconds * p.lambda_gb_second + invocations * p.lambda_request,
        "API Gateway": api_requests * p.api_request,
        "SQS": files * 3 * p.sqs_request,           # the S3 notification's send, receive, delete
        "KMS": p.kms_key_month + webhooks * p.kms_request,
        "CloudWatch": (log_gb * (p.logs_ingest_gb + a.log_retention_months * p.logs_gb_month)
                       + a.metrics * p.metric_month * a.metric_hours / HOURS_A_MONTH + a.alarms * p.alarm_month),
        "_stored_gb": stored_gb, "_wru": wru, "_rru": rru, "_api_requests": api_requests,
    }


def cost_table(m: Measured, p: Prices, a: Assumptions) -> tuple[list[str], list[list[str]]]:
    figures = [monthly(profile, m, p, a) for profile in PROFILES]
    services = [k for k in figures[0] if not k.startswith("_")]
    header = ["", *(f"{pr.name}: {pr.leads_per_month:,} leads a month, {pr.users} users" for pr in PROFILES)]
    rows = [[s, *(f"${f[s]:,.2f}" for f in figures)] for s in services]
    rows.append(["**total a month**", *(f"**${sum(f[s] for s in services):,.2f}**" for f in figures)])
    rows.append(["per lead", *(f"${sum(f[s] for s in services) / pr.leads_per_month:,.4f}"
                               for f, pr in zip(figures, PROFILES))])
    rows.append(["DynamoDB: WRU, RRU a month; GB stored",
                 *(f"{f['_wru'] / 1e6:,.2f} M, {f['_rru'] / 1e6:,.2f} M; {f['_stored_gb']:,.1f} GB" for f in figures)])
    return header, rows


def assumption_lines(m: Measured, p: Prices, a: Assumptions) -> list[str]:
    t = m.tallies
    create_api = sum(t[CREATE_API].wru.values()) / t[CREATE_API].runs
    create_import = sum(t[CREATE_IMPORT].wru.values()) / t[CREATE_IMPORT].runs
    edit = statistics.mean(sum(t[label].wru.values()) / t[label].runs for label in EDITS.values())
    page = statistics.mean(sum(t[label].rru.values()) / t[label].runs for label in (READ_PAGE, READ_MY_PAGE))
    memory = lambda_memory()
    mix = "; ".join(f"{pr.name}: {pr.imported_share:.0%} imported from files, {pr.webhook_share:.0%} by webhook, "
                    f"the rest by the API" + (f", {pr.tenants} tenants in one deployment" if pr.tenants > 1 else "")
                    for pr in PROFILES)
    return [
        f"Measured on moto by `bench/cost_per_lead.py` ({m.leads} leads a channel): a lead created through the "
        f"API costs {create_api:.1f} write request units (one transaction: the lead, its search tokens, its audit "
        f"entry and the idempotency record, each billed twice, plus one entry in each leads index), a lead "
        f"imported from a file {create_import:.1f} (batch writes), an edit {edit:.1f} on average (assign, change "
        f"a field, change the qualification, close); a page of the list {page:.1f} read request units; "
        f"{retained_bytes_per_lead(m, a):,.0f} bytes stored per lead with {a.edits_per_lead:g} edits, every "
        "table and index included.",
        f"Channels: {mix}. A webhook's lead is counted as an API create (its delivery record takes the "
        "place of the idempotency record) plus its raw body in S3.",
        f"Use: {a.edits_per_lead:g} edits per lead; per user and working day ({a.working_days} a month) "
        f"{a.list_pages_per_user_day} pages of the list and {a.lead_reads_per_user_day} leads opened.",
        f"Retention: leads, their search tokens and audit entries kept {a.retention_months} months (the "
        "storage figure is that steady state, with point-in-time recovery on every table); idempotency records "
        f"expire after a day (TTL); raw webhook bodies ({a.raw_payload_bytes // KB} KB) kept "
        f"{a.raw_payload_days} days in S3; logs kept {a.log_retention_months * 30} days.",
        f"Lambda (x86_64, memory as .chalice/config.json sets it for prod): API requests {a.api_ms} ms at "
        f"{memory['api']} MB, the importer {a.import_ms_per_row:g} ms a row at {memory['import']} MB, the sweep "
        f"every 15 minutes {a.sweep_ms} ms at {memory['sweep']} MB. CloudWatch: {a.log_bytes_per_request:,} "
        f"bytes of log per invocation, {a.metrics} custom metrics (EMF) each sent in {a.metric_hours} hours a "
        f"month, {a.alarms} alarms. KMS: one key, one decrypt per webhook. SQS: three requests per imported file.",
        "Prices: AWS list prices for Europe (Frankfurt, eu-central-1) in USD, as published at the time of "
        f"writing, without the free tier: DynamoDB on-demand ${p.dynamodb_wru * 1e6:.4f} per million write and "
        f"${p.dynamodb_rru * 1e6:.4f} per million read request units, storage ${p.dynamodb_gb_month} and "
        f"point-in-time recovery ${p.pitr_gb_month} per GB-month; S3 Standard ${p.s3_gb_month} per GB-month, "
        f"${p.s3_put * 1000:.4f} per 1,000 PUT and ${p.s3_get * 1000:.5f} per 1,000 GET; Lambda "
        f"${p.lambda_gb_second:.10f} per GB-second and ${p.lambda_request * 1e6:.2f} per million requests; "
        f"API Gateway REST API ${p.api_request * 1e6:.2f} per million requests; SQS ${p.sqs_request * 1e6:.2f} "
        f"per million requests; KMS ${p.kms_key_month:.2f} per key-month and ${p.kms_request * 10_000:.2f} "
        f"per 10,000 requests; CloudWatch Logs ${p.logs_ingest_gb:.2f} per GB ingested and "
        f"${p.logs_gb_month} per GB-month, ${p.metric_month:.2f} per custom metric-month, ${p.alarm_month:.2f} "
        "per alarm-month. Not included: data transfer out (answers of a few KB), taxes.",
    ]


def print_costs(m: Measured) -> tuple[list[str], list[list[str]], list[str]]:
    p, a = Prices(), Assumptions()
    header, rows = cost_table(m, p, a)
    notes = assumption_lines(m, p, a)
    print("\n== a month on AWS (computed from the units above; assumptions below) ==")
    widths = [max(len(r[i].replace("**", "")) for r in [header, *rows]) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(c.replace("**", "").rjust(w) if i else c.replace("**", "").ljust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))
    print()
    for line in notes:
        print("- " + line)
    return header, rows, notes


def markdown(header: list[str], rows: list[list[str]], notes: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(["### What it costs", "",
                      "Monthly AWS cost of one leadflow deployment, in USD, computed by "
                      "`.venv/bin/python -m bench.cost_per_lead` from the write and read units and the "
                      "storage it measures (assumptions below the table).", "",
                      *lines, "", *("- " + n for n in notes), ""])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leads", type=int, default=200, help="leads created per channel (default 200)")
    parser.add_argument("--markdown", type=Path, help="also write the cost table with its assumptions here")
    args = parser.parse_args(argv)
    print(f"leadflow cost per lead: {args.leads} leads created through the API and {args.leads} imported, "
          f"each API lead then edited {len(EDITS)} times; DynamoDB billed by the rules in this module's note")
    m = measure(args.leads)
    print_writes(m)
    print_storage(m)
    print_reads(m)
    header, rows, notes = print_costs(m)
    if args.markdown:
        args.markdown.write_text(markdown(header, rows, notes))
        print(f"\nwrote {args.markdown}")


if __name__ == "__main__":
    main()
