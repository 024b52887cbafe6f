"""Webhook acknowledgement latency: 20 concurrent senders against the `make run` stack on 127.0.0.1.

    .venv/bin/python -m bench.webhook_latency [--senders 20] [--deliveries 2000] [--seconds 120]
    .venv/bin/python -m bench.webhook_latency --base http://127.0.0.1:8000   (a `make run` already up)

Without --base it starts `devstack/run.py` on free ports (as `make run` does) and stops it after.
Each sender posts, in turn, the four kinds of delivery the demo tenant's integrations take: a
signed JSON form post, a plain HTML form post, a Google Ads lead and a signed ADF document,
each a new lead. Every 10th delivery is sent a second time (a sender's retry) and must get the
first answer back. The run is bounded by the number of deliveries and by time. Printed: median,
p95 and max latency of the 2xx acknowledgements (the lead is stored before the answer), per kind
and overall, throughput, and any non-2xx answers. Then it checks that every acknowledged lead
can be read back. It asserts nothing.
"""
import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "webhooks"
KINDS = ("json", "form", "google", "adf")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_stack(tmp: Path) -> tuple[subprocess.Popen, str, Path, Path]:
    api_port, moto_port = free_port(), free_port()
    creds, hooks = tmp / "demo-credentials.json", tmp / "demo-webhooks.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEADFLOW_", "AWS_"))}
    env.update(LEADFLOW_PORT=str(api_port), LEADFLOW_MOTO_PORT=str(moto_port), LEADFLOW_CREDENTIALS_FILE=str(creds),
               LEADFLOW_WEBHOOKS_FILE=str(hooks), PYTHONUNBUFFERED="1")
    log = open(tmp / "stack.log", "w")
    proc = subprocess.Popen([sys.executable, "devstack/run.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{api_port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2):
                return proc, base, creds, hooks
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((tmp / "stack.log").read_text())
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the stack did not start within 120 s")


def payload(kind: str, n: int) -> bytes:
    """A distinct lead of each kind (its own e-mail, Google lead id, ADF prospect id)."""
    if kind == "json":
        return json.dumps({"vorname": "Bench", "nachname": f"Sender{n}", "email": f"bench.{n}@example.at",
                           "telefon": "0664 1234567", "modell": "ID.4", "nachricht": "Bitte um Rückruf"}).encode()
    if kind == "form":
        body = (FIXTURES / "contact-form.urlencoded").read_bytes().replace(b"80331", b"1010")
        return body.replace(b"jana.mueller%40example.de", f"bench.form{n}%40example.at".encode())
    if kind == "google":
        data = json.loads((FIXTURES / "google-ads-lead.json").read_text())
        data["lead_id"] = f"bench-{n}-{data['lead_id']}"
        return json.dumps(data).encode()
    text = (FIXTURES / "adf-lead.xml").read_text()
    return re.sub(r"(<id[^>]*>)([^<]+)(</id>)", lambda m: f"{m[1]}{m[2]}-bench-{n}{m[3]}", text, count=1).encode()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--base", help="a running make run stack (uses .leadflow/demo-webhooks.json)")
    opts = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from devstack.webhooks import delivery, post

    tmp = Path(tempfile.mkdtemp(prefix="leadflow-bench-"))
    proc = None
    if opts.base:
        base, hooks_file = opts.base.rstrip("/"), ROOT / ".leadflow" / "demo-webhooks.json"
    else:
        proc, base, _, hooks_file = start_stack(tmp)
    hooks = json.loads(hooks_file.read_text())
    for hook in hooks.values():
        hook["url"] = base + "/webhooks/" + hook["id"]

    lock, counter = threading.Lock(), iter(range(opts.deliveries))
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: list[tuple] = []
    accepted: list[tuple[str, str]] = []
    replays = {"sent": 0, "same": 0}
    stop_at = time.monotonic() + opts.seconds

    def sender():
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            kind = KINDS[n % len(KINDS)]
            body, headers = delivery(kind, hooks[kind], payload(kind, n), msg_id=f"bench-{n}")
            started = time.perf_counter()
            try:
                status, text = post(hooks[kind]["url"], body, headers, timeout=30)
            except OSError as exc:                      # refused, reset, timed out: counted, not hidden
                status, text = 0, f"{type(exc).__name__}: {exc}"
            took = time.perf_counter() - started
            with lock:
                if status in (200, 201):
                    latencies[kind].append(took)
                    match = re.search(r'"lead_id": "([0-9A-Z]{26})"', text.replace("&quot;", '"'))
                    if match:
                        accepted.append((kind, match[1]))
                else:
                    failures.append((kind, status, text[:200]))
            if n % 10 == 0 and kind != "form":          # a sender's retry of the same delivery
                try:
                    again = post(hooks[kind]["url"], body, headers, timeout=30)
                except OSError as exc:
                    again = (0, str(exc))
                with lock:
                    replays["sent"] += 1
                    replays["same"] += again == (status, text)

    started = time.perf_counter()
    threads = [threading.Thread(target=sender) for _ in range(opts.senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = [x for values in latencies.values() for x in values]
    print(f"leadflow webhook benchmark: {opts.senders} concurrent senders on 127.0.0.1 against make run "
          f"({base}); bounded by {opts.deliveries} deliveries and {opts.seconds:.0f} s")
    print(f"{len(every) + len(failures)} deliveries in {wall:.1f}s ({(len(every) + len(failures)) / wall:.1f}/s), "
          f"{len(every)} acknowledged 2xx, {len(failures)} not")
    print(f"{'kind':<8} {'n':>6} {'median':>9} {'p95':>9} {'max':>9}")
    for kind in KINDS + ("all",):
        values = every if kind == "all" else latencies.get(kind, [])
        if values:
            print(f"{kind:<8} {len(values):>6} {statistics.median(values) * 1000:>7.1f}ms "
                  f"{percentile(values, 95) * 1000:>7.1f}ms {max(values) * 1000:>7.1f}ms")
    print(f"retries of the same delivery: {replays['sent']} sent, {replays['same']} answered exactly as the first time")
    for failure in failures[:5]:
        print("not acknowledged:", failure)
    # Every acknowledged lead was stored before its answer: read each one back.
    from devstack.signing import signed_headers
    creds_file = (tmp / "demo-credentials.json") if proc else ROOT / ".leadflow" / "demo-credentials.json"
    manager = json.loads(creds_file.read_text())["sales_manager"]
    missing = 0
    for _, lead_id in accepted:
        url = f"{base}/leads/{lead_id}"
        request = urllib.request.Request(url, headers=signed_headers("GET", url, manager))
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                missing += r.status != 200
        except OSError:
            missing += 1
    print(f"acknowledged leads read back: {len(accepted) - missing} of {len(accepted)}")
    if proc is not None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
