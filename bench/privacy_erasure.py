"""One access export (POST /privacy/access) and then one erasure (POST /privacy/erasure) of a person
with 1, 10 and 100 records: the DynamoDB items read and written, the S3 calls, and the time each takes.

    .venv/bin/python -m bench.privacy_erasure [--others 300]

The same people as bench/privacy_export.py (leads through POST /leads, every fifth through a webhook
delivery with its raw payload in S3, the first converted into a customer with an activity), among
`--others` leads of other people stored first, in a versioned bucket (as deploy/template.py has
it). Billed by bench.cost_per_lead's Meter (items read: every item and index entry a query scans
or a get returns; items written: every item and index entry put, updated or deleted). S3 calls:
every request to S3 (GetObject, ListObjectVersions, DeleteObjects, PutObject). Prints figures,
asserts nothing.
"""
import argparse
import time
from collections import Counter

from bench.cost_per_lead import Meter                     # sets up the in-process moto first
from bench.privacy_export import SIZES, person, world

from moto import mock_aws  # noqa: E402

from chalicelib.services import erasure, privacy  # noqa: E402
from chalicelib.store import files  # noqa: E402
from chalicelib.validation import validate  # noqa: E402


class S3Calls:
    """Counts the requests the files bucket's client makes, by operation."""

    def __init__(self):
        self.calls: Counter = Counter()
        self.counting = False
        files.s3().meta.events.register("before-call.s3", self._count)

    def _count(self, model, **_):
        if self.counting:
            self.calls[model.name] += 1

    def __enter__(self):
        self.calls, self.counting = Counter(), True
        return self

    def __exit__(self, *exc):
        self.counting = False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--others", type=int, default=300)
    others = parser.parse_args().others
    with mock_aws():
        admin, client, tables = world(others, versioned=True)
        meter, counter = Meter(client, tables), S3Calls()
        results = {}
        with meter.watching():
            for n in SIZES:
                subject = {"email": person(n)["email"]}
                request = validate(privacy.AccessRequest, subject, privacy.validation_context(admin))
                with counter as s3_export, meter.operation(f"export {n}"):
                    started = time.perf_counter()
                    document = privacy.export_person(admin, request)
                    export_ms = (time.perf_counter() - started) * 1000
                export_calls = sum(s3_export.calls.values())
                order = validate(erasure.ErasureOrder, {**subject, "confirm": True}, privacy.validation_context(admin))
                with counter as s3_erase, meter.operation(f"erase {n}"):
                    started = time.perf_counter()
                    done = erasure.erase_person(admin, order)
                    erase_ms = (time.perf_counter() - started) * 1000
                results[n] = (document["counts"], export_calls, export_ms, done["counts"], dict(s3_erase.calls),
                              erase_ms)
    print(f"one access export, then one erasure, of a person with n leads (by e-mail), among {others} other "
          f"people's leads (moto, in-process, versioned bucket; DynamoDB's billing rules)")
    print(f"{'n':>4} {'op':<7} {'leads':>5} {'cust':>4} {'act':>4} {'audit':>5} {'raw':>4} {'read':>6} {'RRU':>6} "
          f"{'written':>7} {'WRU':>6} {'S3':>4} {'ms':>7}  items written by table (erasure) / read by table (export)")
    for n in SIZES:
        counts, export_calls, export_ms, erased, erase_calls, erase_ms = results[n]
        for label, c, calls, took in (("export", counts, export_calls, export_ms),
                                      ("erase", erased, sum(erase_calls.values()), erase_ms)):
            t = meter.tallies[f"{label} {n}"]
            where = t.items if label == "erase" else t.read_items
            by_table = ", ".join(f"{name} {count:g}" for name, count in sorted(where.items()))
            print(f"{n:>4} {label:<7} {c['leads']:>5} {c['customers']:>4} {c['activities']:>4} {c['audit_entries']:>5} "
                  f"{c['raw_payloads']:>4} {sum(t.read_items.values()):>6g} {sum(t.rru.values()):>6g} "
                  f"{sum(t.items.values()):>7g} {sum(t.wru.values()):>6g} {calls:>4} {took:>7.0f}  {by_table}")
        print(f"{'':>4} {'':<7} S3 calls of the erasure: "
              + ", ".join(f"{op} {count}" for op, count in sorted(erase_calls.items())))
    print("export: reads only (its own audit entry written); erase: deletes leads, customers, activities, tokens, "
          "match keys and consents, rewrites audit entries and idempotency answers, deletes every version of "
          "the raw payloads, writes its own audit entry")


if __name__ == "__main__":
    main()
