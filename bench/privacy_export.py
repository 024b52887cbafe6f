"""The access export (POST /privacy/access) of one person with 1, 10 and 100 records: the DynamoDB
items read and written, the S3 objects read, and the time it takes.

    .venv/bin/python -m bench.privacy_export [--others 300]

In-process on moto through the services the API calls, billed by bench.cost_per_lead's Meter
(items read: every item and index entry a query scans or a get returns). The person's leads are
created through POST /leads, every fifth through a webhook delivery (a raw payload in S3); the
first is converted (a customer and an activity). `--others` leads of other people are stored first,
so the figures show that the export reads only the person's items, however full the tables.
Prints figures, asserts nothing.
"""
import argparse
import json
import random
import time

from bench import cost_per_lead as cost          # sets up the in-process moto first
from bench.cost_per_lead import MANAGER, SEED, TENANT, USERS, Meter, Table, caller, payloads

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib.config import get_settings  # noqa: E402
from chalicelib.domain.webhook_signatures import webhook_headers  # noqa: E402
from chalicelib.services import conversion, integrations, privacy, webhooks  # noqa: E402
from chalicelib.store import files  # noqa: E402
from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, bind_models, create_tables  # noqa: E402
from chalicelib.validation import validate  # noqa: E402
from devstack import moto_speedups  # noqa: E402
from devstack.direct import convert, create_lead  # noqa: E402
from devstack.provision import provision_tenant  # noqa: E402

SIZES = (1, 10, 100)
ADMIN = "a.admin"
WEBHOOK_EVERY = 5


class S3Reads:
    """Counts the objects the export reads (GetObject and HeadObject through store/files.py)."""

    def __init__(self):
        self.gets = self.heads = 0
        self._chunks, self._head = files.chunks, files.head

    def __enter__(self):
        def chunks(key, **kw):
            self.gets += 1
            yield from self._chunks(key, **kw)

        def head(key, **kw):
            self.heads += 1
            return self._head(key, **kw)
        files.chunks, files.head = chunks, head
        return self

    def __exit__(self, *exc):
        files.chunks, files.head = self._chunks, self._head


def person(n: int) -> dict:
    return {"salutation": "Frau", "first_name": "Theresia", "last_name": f"Prüfling{n}",
            "email": f"theresia.pruefling{n}@example.at", "phone": f"0664 9{n:06d}", "postal_code": "1070",
            "city": "Wien", "qualification": "warm", "source": "Website"}


def add_records(manager, hook: dict, n: int) -> None:
    """n leads of one person: through the API, every fifth through the webhook; the first converted."""
    who = person(n)
    for i in range(n):
        if i % WEBHOOK_EVERY == WEBHOOK_EVERY - 1:
            body = json.dumps({"vorname": who["first_name"], "nachname": who["last_name"], "email": who["email"],
                               "telefon": who["phone"], "nachricht": f"Anfrage {i}"}).encode()
            headers = {"content-type": "application/json",
                       **webhook_headers(hook["secret"], f"msg-{n}-{i}", int(time.time()), body)}
            webhooks.receive(webhooks.Delivery(hook["id"], body, headers, "192.0.2.1"))
        else:
            lead_id = create_lead(manager, {**who, "remark": f"Anfrage {i}"}).body["id"]
            if i == 0:
                token = conversion.duplicate_check(manager, lead_id)["check_token"]
                convert(manager, lead_id, {"decision": "new_customer", "check_token": token,
                                           "activity": {"type": "call", "notes": "Rückruf"}})


def world(others: int, *, versioned: bool = False) -> tuple:
    """Inside mock_aws: the tables, the bucket, the tenant, `others` other people's leads and the
    people with 1, 10, 100 records; the admin, a DynamoDB client and the tables' descriptions."""
    moto_speedups.install()
    bind_models()
    create_tables()
    settings = get_settings()
    s3 = boto3.client("s3", region_name=settings.region)
    s3.create_bucket(Bucket=settings.bucket, CreateBucketConfiguration={"LocationConstraint": settings.region})
    if versioned:
        s3.put_bucket_versioning(Bucket=settings.bucket, VersioningConfiguration={"Status": "Enabled"})
    provision_tenant(TENANT, name="Autohaus Auskunft GmbH", country="AT", subdivision="9",
                     users={**USERS, "admin": (ADMIN, "admin")}, sources=cost.SOURCES,
                     settings={"reinquiry_days": 0})
    admin, manager = caller(ADMIN, "admin"), caller(MANAGER, "sales_manager")
    for payload in payloads(random.Random(SEED), others):
        create_lead(manager, payload)
    hook = integrations.create_integration(admin, integrations.IntegrationInput(
        name="Website", format="generic", default_source="Website")).body
    for n in SIZES:
        add_records(manager, hook, n)
    client = boto3.client("dynamodb", region_name=settings.region)
    return admin, client, {name: Table.described(client, name) for name in ALL_MODELS if name not in LOCAL_ONLY_TABLES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--others", type=int, default=300)
    others = parser.parse_args().others
    with mock_aws():
        admin, client, tables = world(others)
        meter = Meter(client, tables)
        results = {}
        with meter.watching():
            for n in SIZES:
                request = validate(privacy.AccessRequest, {"email": person(n)["email"]},
                                   privacy.validation_context(admin))
                with S3Reads() as s3, meter.operation(str(n)):
                    started = time.perf_counter()
                    document = privacy.export_person(admin, request)
                    took = time.perf_counter() - started
                results[n] = (document, s3, took)
    print(f"one access export (POST /privacy/access by e-mail) of a person with n leads, among {others} other "
          f"people's leads (moto, in-process; DynamoDB's billing rules)")
    print(f"{'n':>4} {'leads':>5} {'cust':>4} {'act':>4} {'audit':>5} {'raw':>4} {'read':>6} {'RRU':>6} "
          f"{'written':>7} {'WRU':>4} {'S3 get':>6} {'ms':>7}  items read by table")
    for n in SIZES:
        document, s3, took = results[n]
        c, t = document["counts"], meter.tallies[str(n)]
        by_table = ", ".join(f"{name} {count:g}" for name, count in sorted(t.read_items.items()))
        print(f"{n:>4} {c['leads']:>5} {c['customers']:>4} {c['activities']:>4} {c['audit_entries']:>5} "
              f"{c['raw_payloads']:>4} {sum(t.read_items.values()):>6g} {sum(t.rru.values()):>6g} "
              f"{sum(t.items.values()):>7g} {sum(t.wru.values()):>4g} {s3.gets:>6} {took * 1000:>7.0f}  {by_table}")
    print("read: search tokens (e-mail), leads, customers, activities (by_customer), audit entries, the tenant; "
          "written: the export's audit entry")


if __name__ == "__main__":
    main()
