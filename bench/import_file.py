"""Standard import throughput: a trade-fair list as CSV and as XLSX, against raw batch writes.

    .venv/bin/python -m bench.import_file [--rows 1000] [--formats csv,xlsx]

On moto the figure is a floor, not AWS's: each row's re-inquiry lookups query search-token
partitions that moto scans item by item, so its time per row grows with the table (1,000 rows:
about three minutes on this machine; 100,000 rows would take hours). DynamoDB answers such a
query by key, in about the same time whatever the table holds.

A moto server (DynamoDB, S3, SQS) runs in its own process, as a real store would; each
measurement runs in a child process of its own so that its peak memory (ru_maxrss) is the
importer's alone, not moto's tables. Printed per format: rows per second of the whole import
(download, hash, read, validate, normalise, find existing, batch write, checkpoints, report),
peak memory of the import process against the same process before importing, and the ratio of
import throughput to the throughput of writing the very same items with raw batch writes on the
same store (goal: at least 0.5). It prints figures and asserts nothing.
"""
import argparse
import io
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TENANT = "bench-messe"
# The warm-up file and each format import into a tenant of their own: the files hold the same people,
# so a second format imported where the first one was is all re-inquiries of its leads, not an import.
WARM_UP = TENANT + "-warm-up"


def import_tenant(fmt: str) -> str:
    return f"{TENANT}-{fmt}"
BUCKET = "bench-files"
FIRST = ["Anna", "Lukas", "Katharina", "Maximilian", "Sophie", "Florian", "Lena", "Tobias", "Julia", "Stefan",
         "Jürgen", "Sabine", "Günther", "Elisabeth", "Matthias", "Verena"]
LAST = ["Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
        "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier"]
STREETS = ["Mariahilfer Straße", "Hauptstraße", "Ringstraße", "Bahnhofstraße", "Kirchengasse", "Lindengasse"]
CITIES = [("1060", "Wien"), ("8010", "Graz"), ("4020", "Linz"), ("5020", "Salzburg"), ("6020", "Innsbruck")]
MODELS = ["Golf", "Tiguan", "Polo", "ID.4", "Passat", "T-Roc", "Octavia", "Fabia"]
HEADER = ["Anrede", "Vorname", "Nachname", "Straße", "PLZ", "Ort", "Telefon", "E-Mail", "Marke", "Modell",
          "Probefahrt", "Prospekt", "Einwilligung E-Mail", "Lead-Herkunft", "Lead-Herkunft-Detail", "Bemerkung"]


def rows(count: int, seed: int = 2026):
    """Realistic fair-list rows: every 50th with a broken e-mail, every 97th a visitor seen 50 rows before."""
    rng = random.Random(seed)
    recent: dict[int, list] = {}
    for i in range(count):
        if i % 97 == 96 and i - 50 in recent:
            yield list(recent[i - 50])
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        postal, city = rng.choice(CITIES)
        email = f"{first}.{last}{i}@example.at".lower().replace("ü", "ue").replace("ö", "oe")
        if i % 50 == 49:
            email = email.replace("@", "")
        row = [rng.choice(["Herr", "Frau"]), first, last, f"{rng.choice(STREETS)} {rng.randint(1, 120)}", postal,
               city, f"0664 {rng.randint(1000000, 9999999)}", email, "VW", rng.choice(MODELS),
               rng.choice(["ja", "nein", "x", ""]), rng.choice(["ja", ""]), rng.choice(["ja", "nein"]),
               "Vienna Autoshow", "Vienna Autoshow 2026", "Stand B12; Rückruf bitte nach 17 Uhr" if i % 5 == 0 else ""]
        recent[i] = row
        recent.pop(i - 60, None)
        yield row


def write_csv(path: Path, count: int) -> None:
    import csv
    with path.open("w", encoding="cp1252", newline="") as out:       # as German Excel saves it
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows(count))


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Messe")
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    book.save(path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- child processes


def _connect(port: int) -> None:
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "eu-central-1",
                       "LEADFLOW_DYNAMODB_ENDPOINT": endpoint, "LEADFLOW_S3_ENDPOINT": endpoint,
                       "LEADFLOW_KMS_ENDPOINT": endpoint,
                       "LEADFLOW_SQS_ENDPOINT": endpoint, "LEADFLOW_TABLE_PREFIX": "bench-"})


def child_setup(port: int) -> dict:
    _connect(port)
    import boto3

    from chalicelib.store.models import create_tables
    from devstack.provision import provision_tenant
    from devstack.seed import SOURCES, USERS
    create_tables()
    boto3.client("s3", endpoint_url=os.environ["LEADFLOW_S3_ENDPOINT"]).create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    for tenant in (WARM_UP, import_tenant("csv"), import_tenant("xlsx"), TENANT + "-raw"):
        provision_tenant(tenant, name="Bench", users=USERS, sources=SOURCES)
    return {}


def child_import(port: int, path: str) -> dict:
    _connect(port)
    import boto3

    from chalicelib.services.imports import run_import
    from chalicelib.store import batches
    requests = {"n": 0}
    real = batches._put_chunk

    def counting(*args):
        n = real(*args)
        requests["n"] += n
        return n
    batches._put_chunk = counting
    s3 = boto3.client("s3", endpoint_url=os.environ["LEADFLOW_S3_ENDPOINT"])
    warm_up = f"incoming/{WARM_UP}/warm-up{Path(path).suffix}"                # libraries loaded, caches filled
    with tempfile.NamedTemporaryFile(suffix=Path(path).suffix) as small:
        (write_csv if path.endswith(".csv") else write_xlsx)(Path(small.name), 20)
        s3.upload_file(small.name, BUCKET, warm_up)
    run_import(BUCKET, warm_up)
    key = f"incoming/{import_tenant(Path(path).suffix.lstrip('.'))}/{Path(path).name}"
    s3.upload_file(path, BUCKET, key)
    requests["n"] = 0
    before = rss_mb()
    started = time.perf_counter()
    result = run_import(BUCKET, key)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "counts": result["counts"], "status": result["status"], "rss_before_mb": before,
            "rss_peak_mb": rss_mb(), "batch_requests": requests["n"]}


def child_raw(port: int, path: str) -> dict:
    """The same rows' items (lead, tokens, audit entry), built untimed, then only batch-written."""
    _connect(port)
    from chalicelib.domain.permissions import Caller
    from chalicelib.formats import open_lead_file
    from chalicelib.services import intake
    from chalicelib.services.tenants import load_tenant
    from chalicelib.store import batches
    from chalicelib.store.leads import token_items
    import datetime as dt
    tenant = load_tenant(TENANT + "-raw")
    caller = Caller(tenant.id, "import", "integration", "bench")
    now = dt.datetime.now(dt.timezone.utc)
    tokens, audits, leads = [], [], []
    book = intake.Book(tenant)
    with open(path, "rb") as stream, open_lead_file(stream, path, default_country=tenant.country) as lead_file:
        for row in lead_file:
            if any(e.get("fatal") for e in row.errors):
                continue
            try:
                admitted = intake.admit_machine(book, row.fields, reader_problems=row.errors)
            except Exception:
                continue
            new = intake.build(caller, tenant, admitted, channel="import", now=now, reinquiry=False)
            new.item.version = 1
            tokens += token_items(new.item, new.item.tokens)
            audits.append(new.audit)
            leads.append(new.item)
    models = tokens + audits + leads
    started = time.perf_counter()
    for start in range(0, len(models), 2500):
        batches.put_all(models[start:start + 2500])
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "leads": len(leads), "items": len(models)}


CHILDREN = {"setup": child_setup, "import": child_import, "raw": child_raw}


def run_child(name: str, port: int, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.import_file", "--child", name, str(port), *args],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(f"{name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(CHILDREN[argv[1]](int(argv[2]), *argv[3:])))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--formats", default="csv,xlsx")
    opts = parser.parse_args(argv)
    formats = [f for f in opts.formats.split(",") if f]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "devstack.moto_server", str(port)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready"
        run_child("setup", port)
        print(f"leadflow import benchmark: {opts.rows:,} rows per file, moto server on 127.0.0.1 in its own process")
        print("rows: 1 in 50 with a broken e-mail (stored, flagged for review), 1 in 97 a visitor seen 50 rows before (the same person again: a re-inquiry, or a lead of its own where re-inquiries are off)")
        with tempfile.TemporaryDirectory() as tmp:
            results = {}
            for fmt in formats:
                path = Path(tmp) / f"vienna-autoshow-2026-{opts.rows}.{fmt}"
                started = time.perf_counter()
                (write_csv if fmt == "csv" else write_xlsx)(path, opts.rows)
                print(f"\n== {fmt.upper()}: {path.stat().st_size / 2**20:.1f} MB, written in {time.perf_counter() - started:.1f}s")
                imp = run_child("import", port, str(path))
                raw = run_child("raw", port, str(path))
                results[fmt] = (imp, raw)
                c = imp["counts"]
                import_rate = c["rows"] / imp["seconds"]
                created_rate = c["created"] / imp["seconds"]
                raw_rate = raw["leads"] / raw["seconds"]
                print(f"import: status={imp['status']} rows={c['rows']:,} created={c['created']:,} "
                      f"needs_review={c.get('needs_review', 0):,} rejected={c['rejected']:,} reinquiries={c.get('reinquiries', 0):,} "
                      f"already_imported={c['already_imported']:,}")
                print(f"import: {imp['seconds']:.1f}s  {import_rate:,.0f} rows/s  ({created_rate:,.0f} leads written/s, "
                      f"{imp['batch_requests']:,} BatchWriteItem requests)")
                print(f"import: peak memory {imp['rss_peak_mb']:.0f} MB (process before the import: "
                      f"{imp['rss_before_mb']:.0f} MB, growth {imp['rss_peak_mb'] - imp['rss_before_mb']:.0f} MB)")
                print(f"raw batch writes of the same {raw['leads']:,} leads ({raw['items']:,} items): "
                      f"{raw['seconds']:.1f}s  {raw_rate:,.0f} leads/s")
                print(f"ratio import / raw batch-write throughput (leads written per second): "
                      f"{created_rate / raw_rate:.2f}  (goal >= 0.5)")
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:         # a server holding a million items is slow to stop
            server.kill()


if __name__ == "__main__":
    main()
