"""Routing cost per lead: the DynamoDB items read and written (and their units) that assignment
rules add to creating a lead, with no rules, a rule to one user, a team's round robin and a team's
least open leads (one COUNT query per member of the sparse assignee_open index: it reads one index
entry per open lead).

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

from chalicelib.store import directory, lead_queries  # noqa: E402
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
    "rule 3 of 3: team least open leads": [
        {"id": "hot", "name": "Heiße", "conditions": {"qualifications": ["hot"], "sources": ["Nirgends"]},
         "target": {"kind": "pool"}},
        {"id": "fair", "name": "Messe", "conditions": {"sources": ["Nirgends"]}, "target": {"kind": "pool"}},
        {"id": "least", "name": "Team", "target": {"kind": "team", "members": REPS, "strategy": "least_open"}}],
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
        open_before: dict[str, int] = {}
        with meter.watching():
            for label, rules in SETUPS.items():
                if "least open" in label:
                    open_before = lead_queries.open_leads_of(TENANT, REPS)
                item = directory.get_routing_rules(TENANT) or directory.new_routing_rules(TENANT)
                item.data = {"rules": rules}
                directory.save_routing_rules(item)
                for payload in payloads(rng, count):
                    payload.pop("assignee", None)
                    with meter.operation(label):
                        identify(manager)
                        create_lead(manager, payload)
        open_after = lead_queries.open_leads_of(TENANT, REPS)
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
    t = meter.tallies["rule 3 of 3: team least open leads"]
    print(f"least open leads' counting: {t.read_items['leads: assignee_open'] / t.runs:.2f} index entries read "
          f"and {t.rru['leads: assignee_open'] / t.runs:.2f} RRU per lead ({len(REPS)} COUNT queries)")
    print(f"least open leads: the {len(REPS)} members had {sum(open_before.values())} open leads before its "
          f"{count} leads, {sum(open_after.values())} after ({', '.join(f'{m} {n}' for m, n in open_after.items())}); "
          f"each lead reads every available member's open leads' index entries once")


if __name__ == "__main__":
    main()
