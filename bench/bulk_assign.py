"""Bulk assign throughput: 500 selected leads assigned to another user in one API call.

    .venv/bin/python -m bench.bulk_assign [--rounds 5]

Runs the real route through chalice.test.Client (SigV4-signed, permission checks, per-lead
results) on in-process moto. moto's transactions are sped up as in `make run`
(devstack/moto_speedups.py); without that, moto deep-copies the tables on each transaction and
the figure would measure moto, not leadflow.
"""
import argparse
import json
import os
import statistics
import time

from devstack.offline import use_in_process_moto  # noqa: E402

use_in_process_moto("bench-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--leads", type=int, default=500)
    opts = parser.parse_args()

    from devstack import moto_speedups
    moto_speedups.install()
    from chalice.test import Client
    from moto import mock_aws

    from app import app
    from chalicelib.store import transactions
    from chalicelib.store.models import create_tables
    from devstack.bulk_seed import seed_leads
    from devstack.provision import provision_tenant
    from devstack.seed import SOURCES, USERS, _lead
    from devstack.signing import signed_headers

    commits = {"n": 0}
    real_commit = transactions.Transaction.commit

    def counting_commit(self):
        commits["n"] += 1
        return real_commit(self)
    transactions.Transaction.commit = counting_commit

    import random
    with mock_aws():
        create_tables()
        creds = provision_tenant("bench", name="Bench", users=USERS, sources=SOURCES)["sales_manager"]
        rng = random.Random(7)
        now = __import__("datetime").datetime.now(__import__("datetime").timezone.utc)
        payloads = []
        for i in range(opts.leads):
            payload, _ = _lead(rng, i, now)
            payload.pop("assignee", None)
            payloads.append(payload)
        ids = seed_leads("bench", payloads, created_by=creds["user"])
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        with Client(app, stage_name="local", project_dir=root) as client:
            timings = []
            for round_no in range(opts.rounds):
                assignee = ("l.huber", "k.bauer")[round_no % 2]
                body = json.dumps({"lead_ids": ids, "assignee": assignee}).encode()
                headers = signed_headers("POST", "http://localhost/leads/bulk-assign", creds, body=body,
                                         headers={"host": "localhost", "content-type": "application/json"})
                commits["n"] = 0
                started = time.perf_counter()
                response = client.http.request("POST", "/leads/bulk-assign", headers=headers, body=body)
                elapsed = time.perf_counter() - started
                counts = json.loads(response.body)["counts"]
                assert response.status_code == 200 and counts["ok"] == opts.leads, (response.status_code, counts)
                timings.append(elapsed)
                print(f"round {round_no + 1}: {opts.leads} leads assigned in {elapsed * 1000:7.1f} ms "
                      f"= {opts.leads / elapsed:7.0f} leads/s, {commits['n']} transactions")
    print(f"\nbulk assign of {opts.leads} leads: median {statistics.median(timings) * 1000:.1f} ms, "
          f"{opts.leads / statistics.median(timings):.0f} leads/s (moto in-process, 2-core machine)")
    print("DynamoDB round trips per call: 1 BatchGetItem per 100 ids, 1 TransactWriteItems per 50 leads "
          "(lead + audit entry each).")


if __name__ == "__main__":
    main()
