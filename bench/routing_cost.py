"""Routing cost per lead: the DynamoDB items read and written (and their units) that assignment
rules add to creating a lead, with no rules, a rule to one user, and a team's round robin.

    .venv/bin/python -m bench.routing_cost [--leads 200]

In-process on moto through devstack.direct (what POST /leads runs), billed by bench.cost_per_lead's
Meter. Prints figures, asserts nothing.
"""
import argparse
import random

from bench import cost_per_lead as cost          # sets up the in-process moto first
from bench.cost_per_lead import MANAGER, REPS, SEED, TENANT, USERS, Meter, Table, caller, identify, payloads
from devstack.direct import create_lead

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib.store import directory  # noqa: E402
from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, bind_models, create_tables  # noqa: E402
from devstack import moto_speedups  # noqa: E402
from devstack.provision import provision_tenant  # noqa: E402

SETUPS = {
    "no rules (the pool)": [],
    "rule: one user": [{"id": "one", "name": "An Huber", "target": {"kind": "user", "user": REPS[0]}}],
    "rule 3 of 3: team round robin": [
        {"id": "hot", "name": "Heiße", "conditions": {"qualifications": ["hot"], "sources": ["Nirgends"]},
         "target": {"kind": "pool"}},
        {"id": "fair", "name": "Messe", "conditions": {"sources": ["Nirgends"]}, "target": {"kind": "pool"}},
        {"id": "team", "name": "Team", "target": {"kind": "team", "members": REPS}}],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=200)
    count = parser.parse_args().leads
    with mock_aws():
        moto_speedups.install()
        bind_models()
        create_tables()
        provision_tenant(TENANT, name="Autohaus Routing GmbH", country="AT", subdivision="9", users=USERS,
                         sources=cost.SOURCES)
        client = boto3.client("dynamodb", region_name="eu-central-1")
        tables = {n: Table.described(client, n) for n in ALL_MODELS if n not in LOCAL_ONLY_TABLES}
        meter = Meter(client, tables)
        manager = caller(MANAGER, "sales_manager")
        rng = random.Random(SEED)
        with meter.watching():
            for label, rules in SETUPS.items():
                item = directory.get_routing_rules(TENANT) or directory.new_routing_rules(TENANT)
                item.data = {"rules": rules}
                directory.save_routing_rules(item)
                for payload in payloads(rng, count):
                    payload.pop("assignee", None)
                    with meter.operation(label):
                        identify(manager)
                        create_lead(manager, payload)
    print(f"routing cost per lead created through the API ({count} leads each, moto, DynamoDB's billing rules)")
    print(f"{'setup':34} {'items read':>10} {'items written':>14} {'RRU':>6} {'WRU':>6}")
    base = None
    for label in SETUPS:
        t = meter.tallies[label]
        row = (sum(t.read_items.values()) / t.runs, sum(t.items.values()) / t.runs,
               sum(t.rru.values()) / t.runs, sum(t.wru.values()) / t.runs)
        base = base or row
        print(f"{label:34} {row[0]:10.2f} {row[1]:14.2f} {row[2]:6.2f} {row[3]:6.2f}"
              f"   routing adds: {row[0] - base[0]:+.2f} read, {row[1] - base[1]:+.2f} written")


if __name__ == "__main__":
    main()
