"""Escalation sweep: the DynamoDB items one sweep reads with 1,000 and with 100,000 open leads in a
tenant, the same number of them overdue (goal: the sweep reads the overdue leads, not the tenant's
leads: ratio <= 1.2).

    .venv/bin/python -m bench.escalation_sweep [--sizes 1000,100000] [--overdue 100] [--seed-budget 300]

In-process moto, leads seeded with devstack.bulk_seed (the intake's own build, batch writes) and
bench.list_leads' moto speed-ups; every request of the sweep (services.escalation.escalate_overdue)
billed by bench.cost_per_lead's Meter (items read = DynamoDB's ScannedCount and items returned).
The overdue leads are hot and a month old; the others cold and received today (due in ten working
days). Two sweeps per size: the first takes the steps (remind, notify), the second finds them
taken. If seeding a size would take longer than --seed-budget seconds, the size stops where the
budget ran out and the figures say so. Prints figures, asserts nothing.
"""
import argparse
import contextlib
import datetime as dt
import random
import time

from bench import list_leads as fast                     # moto speed-ups (sets the environment first)
from bench.cost_per_lead import Meter, Table             # after it: the Meter's table prefix is the one used

from moto import mock_aws  # noqa: E402

from chalicelib.services import intake  # noqa: E402
from chalicelib.services.escalation import escalate_overdue  # noqa: E402
from chalicelib.services.tenants import load_tenant  # noqa: E402
from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, bind_models, create_tables  # noqa: E402
from devstack.bulk_seed import build_lead, write_leads  # noqa: E402
from devstack.provision import provision_tenant  # noqa: E402
from devstack.seed import SOURCES, _lead  # noqa: E402

TENANT = "sweep-autohaus"
MANAGER = "m.steiner"
REPS = ["l.huber", "k.bauer", "s.wimmer", "t.egger"]
USERS = {"sales_manager": (MANAGER, "sales_manager"),
         **{f"sales_rep_{i + 1}": (rep, "sales_rep") for i, rep in enumerate(REPS)}}
GOAL = 1.2
SEED = 20261202
CHUNK = 2000


class Counting:
    """A notification channel that only counts (the bench measures reads, not delivery)."""

    def __init__(self):
        self.sent = 0

    def send(self, message: dict) -> None:
        self.sent += 1


def payload(rng: random.Random, i: int, now: dt.datetime, *, overdue: bool) -> dict:
    fields, _channel = _lead(rng, i, now)
    received = now - (dt.timedelta(days=30, minutes=i) if overdue else dt.timedelta(minutes=rng.uniform(1, 600)))
    fields.update(received_at=received.isoformat(), qualification="hot" if overdue else "cold",
                  assignee=REPS[i % len(REPS)], email=f"lead{i}@example.at")
    return {k: v for k, v in fields.items() if v is not None}


@contextlib.contextmanager
def catalog_read_once():
    """While seeding: the intake looks each (source, detail) up in the catalog once, not once per lead."""
    real, cache = intake.resolve_source, {}

    def resolve(tenant, source, detail):
        if (tenant, source, detail) not in cache:
            cache[(tenant, source, detail)] = real(tenant, source, detail)
        return cache[(tenant, source, detail)]
    intake.resolve_source = resolve
    try:
        yield
    finally:
        intake.resolve_source = real


def seed(size: int, overdue: int, now: dt.datetime, budget: float, with_tokens: bool) -> tuple[int, float]:
    """The overdue leads first, then the rest, until `size` or the time budget; returns (seeded, seconds)."""
    tenant = load_tenant(TENANT)
    rng = random.Random(SEED)
    started, count = time.perf_counter(), 0
    with catalog_read_once(), fast.no_item_size_recheck():
        while count < size:
            # Each taken in when received (build_lead's default): a lead taken in today with a date
            # 30 days ago would be due from today (domain/deadlines.py deadline_start), not overdue.
            batch = [build_lead(tenant, payload(rng, count + j, now, overdue=count + j < overdue),
                                created_by=MANAGER)
                     for j in range(min(CHUNK, size - count))]
            if not with_tokens:
                for new in batch:        # the sweep never reads the search table: its items only cost seeding time
                    new.item.tokens = []
            write_leads(batch)
            count += len(batch)
            elapsed = time.perf_counter() - started
            if size >= 20000 and count % 20000 == 0:
                print(f"  ... {count:,} leads seeded ({elapsed:.0f}s)", flush=True)
            if elapsed > budget and count < size:
                break
    return count, time.perf_counter() - started


def measure(size: int, overdue: int, budget: float, with_tokens: bool) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    with mock_aws(), fast.faster_moto():
        bind_models()
        create_tables()
        provision_tenant(TENANT, name="Autohaus Sweep GmbH", country="AT", subdivision="9", users=USERS,
                         sources=SOURCES)
        seeded, seconds = seed(size, overdue, now, budget, with_tokens)
        import boto3
        client = boto3.client("dynamodb", region_name="eu-central-1")
        meter = Meter(client, {n: Table.described(client, n) for n in ALL_MODELS if n not in LOCAL_ONLY_TABLES})
        channel, reports = Counting(), []
        with meter.watching():
            for label in ("first sweep", "second sweep"):
                with meter.operation(label):
                    started = time.perf_counter()
                    reports.append((escalate_overdue(now=now, channel=channel), time.perf_counter() - started))
    return {"size": size, "seeded": seeded, "seed_seconds": seconds, "meter": meter, "reports": reports,
            "sent": channel.sent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--overdue", type=int, default=100)
    parser.add_argument("--seed-budget", type=float, default=300.0, help="seconds of seeding per size")
    parser.add_argument("--with-tokens", action="store_true", help="write the leads' search tokens too (slower)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = [measure(size, args.overdue, args.seed_budget, args.with_tokens) for size in sizes]
    print(f"escalation sweep: items read per sweep, {args.overdue} overdue leads in every size "
          f"(in-process moto, DynamoDB's ScannedCount; leads and audit entries seeded"
          f"{', search tokens too' if args.with_tokens else ', search tokens left out (the sweep never reads them)'})")
    for r in results:
        note = "" if r["seeded"] == r["size"] else f"  (seeding stopped at the {args.seed_budget:.0f}s budget: " \
                                                   f"measured at {r['seeded']:,}, not {r['size']:,})"
        print(f"open leads {r['seeded']:>7,}  seeded in {r['seed_seconds']:6.1f}s{note}")
        for (report, seconds), label in zip(r["reports"], ("first sweep", "second sweep")):
            tally = r["meter"].tallies[label]
            where = ", ".join(f"{k} {v:g}" for k, v in sorted(tally.read_items.items()))
            print(f"  {label:12}  items read {sum(tally.read_items.values()):6g}  RRU {sum(tally.rru.values()):6.1f}  "
                  f"steps {report.steps:3}  overdue seen {report.overdue:3}  {seconds * 1000:7.0f} ms (moto)")
            print(f"                {where}")
    first, last = results[0], results[-1]
    for label in ("first sweep", "second sweep"):
        small = sum(first["meter"].tallies[label].read_items.values())
        large = sum(last["meter"].tallies[label].read_items.values())
        print(f"ratio {label}: {large:g} / {small:g} = {large / small:.3f} at {last['seeded']:,} vs "
              f"{first['seeded']:,} open leads (goal <= {GOAL})")


if __name__ == "__main__":
    main()
