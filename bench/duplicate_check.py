"""Duplicate check and conversion on DynamoDB (moto): cost per lead as the customer master grows.

    .venv/bin/python -m bench.duplicate_check [--sizes 1000,10000,100000] [--leads 300]

For each size: a tenant whose customer master is the labelled evaluation set of
bench/matching_eval.py, leads from the same set, then through the real services:
  - bulk customer load rate (POST /customers/bulk's service, 1,000 per call, with match keys),
  - duplicate check per lead: latency, items read (DynamoDB ScannedCount plus items fetched), candidates scored,
  - quality of the verdicts against the ground truth, through DynamoDB (compare the in-memory figures),
  - conversion latency (new customer / keep customer, one transaction each).
The rest of the master beyond the load-rate sample is seeded with batch writes of the items the
service builds (devstack.bulk_seed.seed_customers). moto runs with devstack.moto_speedups and the
list bench's query speed-up (bench/list_leads.py faster_moto); its latencies are moto's, items
read are what DynamoDB would read.
"""
import argparse
import random
import time

from devstack.offline import use_in_process_moto  # noqa: E402

use_in_process_moto("bench-dup-")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0


def run_size(size: int, n_leads: int, load_sample: int) -> dict:
    from moto import mock_aws

    from bench.matching_eval import build_leads, build_master
    from chalicelib.domain.permissions import Caller
    from chalicelib.services import conversion, customers
    from devstack.direct import convert, create_lead
    from chalicelib.store.models import create_tables
    from devstack.bulk_seed import seed_customers
    from devstack.provision import provision_tenant
    from devstack.seed import SOURCES, USERS

    master, households, pairs = build_master(size)
    leads = build_leads(master, households, pairs, n_leads)
    with mock_aws():
        create_tables()
        # Every lead is checked as a lead of its own: a later lead of the same person would otherwise
        # attach to an earlier one as a re-inquiry and make that one's check stale before it converts.
        provision_tenant("bench", name="Bench", users=USERS, sources=SOURCES, settings={"reinquiry_days": 0})
        admin = Caller("bench", "e.gruber", "admin", "bench-admin")
        ids = list(master)
        sample = ids[:min(load_sample, size)]
        started = time.perf_counter()
        real_id = {}
        for chunk in range(0, len(sample), 1000):
            rows = [{"external_id": cid, **master[cid]} for cid in sample[chunk:chunk + 1000]]
            for row in customers.bulk_load(admin, rows)["results"]:
                real_id[row["external_id"]] = row["customer_id"]
        load_seconds = time.perf_counter() - started
        rest = ids[len(sample):]
        started = time.perf_counter()
        for chunk in range(0, len(rest), 5000):
            part = rest[chunk:chunk + 5000]
            for cid, new in zip(part, seed_customers("bench", [master[c] for c in part])):
                real_id[cid] = new
        seed_seconds = time.perf_counter() - started

        latencies, reads, scored = [], [], []
        tp = fp = fn = 0
        converted = []
        for lead in leads:
            created = create_lead(admin, {**lead.person, "qualification": "warm"}).body
            started = time.perf_counter()
            result = conversion.duplicate_check(admin, created["id"])
            latencies.append(time.perf_counter() - started)
            reads.append(result["meta"]["items_read"])
            scored.append(result["meta"]["candidates_scored"])
            top = result["candidates"][0] if result["candidates"] else None
            predicted = top["customer"]["id"] if top and top["verdict"] == "duplicate" else None
            truth = real_id.get(lead.truth) if lead.truth else None
            tp += predicted is not None and predicted == truth
            fp += predicted is not None and predicted != truth
            fn += truth is not None and predicted != truth
            if len(converted) < 20:
                converted.append((created["id"], result, predicted))
        conversions = []
        for lead_id, result, predicted in converted:
            body = {"decision": "keep_customer", "customer_id": predicted} if predicted else {"decision": "new_customer"}
            started = time.perf_counter()
            reply = convert(admin, lead_id, {**body, "check_token": result["check_token"],
                                             "activity": {"type": "call"}})
            conversions.append(time.perf_counter() - started)
            assert reply.status == 201
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"size": size, "load_rate": len(sample) / load_seconds, "load_sample": len(sample),
            "seed_seconds": seed_seconds, "check_p50": pct(latencies, 50), "check_p95": pct(latencies, 95),
            "reads_p50": pct(reads, 50), "reads_p95": pct(reads, 95), "scored_p50": pct(scored, 50),
            "scored_p95": pct(scored, 95), "convert_p50": pct(conversions, 50), "convert_p95": pct(conversions, 95),
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "precision": precision, "recall": recall, "leads": len(leads)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--leads", type=int, default=300)
    parser.add_argument("--load-sample", type=int, default=5000, help="customers loaded through bulk_load per size")
    parser.add_argument("--quality-leads", type=int, default=4000)
    opts = parser.parse_args()
    from bench.list_leads import faster_moto
    random.seed(1)
    with faster_moto():      # moto's own logic, fed only the queried partition (see bench/list_leads.py)
        results = [run_size(int(s), opts.leads, opts.load_sample) for s in opts.sizes.split(",")]
    print(f"\nduplicate check and conversion on moto ({opts.leads} leads per size; latency is moto's, items read are DynamoDB's)")
    print(f"{'customers':>10} {'load/s':>8} {'check p50':>10} {'check p95':>10} {'items read p50/p95':>19} "
          f"{'scored p50/p95':>15} {'convert p50':>12} {'convert p95':>12} {'F1 (DynamoDB path)':>19}")
    for r in results:
        print(f"{r['size']:>10} {r['load_rate']:>8.0f} {r['check_p50'] * 1000:>8.1f}ms {r['check_p95'] * 1000:>8.1f}ms "
              f"{r['reads_p50']:>9}/{r['reads_p95']:<9} {r['scored_p50']:>7}/{r['scored_p95']:<7} "
              f"{r['convert_p50'] * 1000:>10.1f}ms {r['convert_p95'] * 1000:>10.1f}ms {r['f1']:>19.4f}")
    first, last = results[0], results[-1]
    print(f"p95 items read {last['size']:,} vs {first['size']:,} customers: {last['reads_p95'] / first['reads_p95']:.2f}x (goal <= 2x)")
    print(f"bulk load: {first['load_rate']:.0f} customers/s on moto (sample of {first['load_sample']:,} per size; "
          f"at that rate 100,000 take {100_000 / first['load_rate'] / 60:.1f} min)")
    from bench.matching_eval import print_results, run
    print("\nquality of the labelled evaluation set (in-memory index, same keys and scoring):")
    print_results(run([s for s in (10_000, 100_000)], opts.quality_leads))


if __name__ == "__main__":
    main()
