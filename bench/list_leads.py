"""Leads list benchmark: create latency, and per list view the items read per page and latency.

Run from the project root:  .venv/bin/python -m bench.list_leads [--sizes 1000,100000 | --quick]

Everything runs in-process on moto. It prints figures and asserts nothing. The figure that
judges the key design is items_read (DynamoDB ScannedCount) per page: a view served by one index
partition reads about one page whatever the tenant's size. Latencies are moto's: moto answers a
query on a global secondary index by walking the whole table, so they grow with the table.
"""
import argparse
import contextlib
import datetime as dt
import math
import random
import statistics
import time
from dataclasses import dataclass, field

# Before chalicelib or any AWS client is imported.
from devstack.offline import use_in_process_moto  # noqa: E402

use_in_process_moto("bench-")

import moto.dynamodb.models.dynamo_type as moto_dynamo_type  # noqa: E402
import moto.dynamodb.models.table as moto_table  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib.domain.permissions import Caller  # noqa: E402
from chalicelib.services import leads as lead_service  # noqa: E402
from chalicelib.services.leads import ListRequest, list_leads  # noqa: E402
from chalicelib.services.tenants import load_tenant  # noqa: E402
from chalicelib.store.models import LeadItem, bind_models, create_tables  # noqa: E402
from devstack import moto_speedups  # noqa: E402
from devstack.bulk_seed import build_lead, write_leads  # noqa: E402
from devstack.direct import create_lead  # noqa: E402
from devstack.provision import provision_tenant  # noqa: E402
from devstack.seed import SOURCES, _lead  # noqa: E402

TENANT = "bench-autohaus"
MANAGER = "m.steiner"
REPS = ["l.huber", "k.bauer", "s.wimmer", "t.egger", "j.fuchs", "a.leitner", "m.hofer", "c.reiter"]
ME = REPS[0]                               # the rep whose "my leads" view is measured
USERS = {
    "admin": ("e.gruber", "admin"),
    "sales_manager": (MANAGER, "sales_manager"),
    **{f"sales_rep_{i + 1}": (rep, "sales_rep") for i, rep in enumerate(REPS)},
    "integration": ("website", "integration"),
    "auditor": ("p.wagner", "auditor"),
}
UNASSIGNED_SHARE = 0.15                    # the rest is spread evenly over the reps
DAYS_OF_HISTORY = 180
BUDGET = 2000                              # the read budget the API passes (LEADFLOW_LIST_READ_BUDGET)
PAGE_SIZE = 25
GOAL = 1.2                                 # items_read(largest) / items_read(smallest), common views
NAME_PROBE = "Gruber"                      # a last name of devstack/seed.py's LAST list
MAIL_DOMAINS = ["gmx.at", "gmail.com", "a1.net", "aon.at", "outlook.com", "icloud.com", "web.de",
                "chello.at", "yahoo.de", "hotmail.com"]
SEED = 20260101
MOTO_NOTE = ("note: items_read (DynamoDB ScannedCount per page) is the figure to judge key design; "
             "latency is moto's, which walks the whole table for every index query, so it grows "
             "with the table whatever the keys.")


# ---------------------------------------------------------------- moto
# moto is a faithful but slow DynamoDB: these bench-only patches remove costs that grow with the
# table and that real DynamoDB does not have. None changes which items a request returns or its
# ScannedCount: --check-moto compares every view's first page with and without them.


@contextlib.contextmanager
def _patched(owner, name: str, value):
    real = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, real)


def _query_one_partition(self, hash_key, *args, **kwargs):
    """Table.query, given only the candidates the original would keep, not every item sorted.

    moto's query walks all_items(), which sorts the whole table on every call; a query on the
    search table (~7 tokens per lead) then costs seconds. The base table's own partition
    is a dict lookup; for an index, the items whose index hash key matches. The original
    query still checks, orders, pages and counts these candidates.
    """
    index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
    if index_name:
        candidates = [item for part in self.items.values()
                      for item in (part.values() if self.range_key_attr else (part,))]
        for name, expected in kwargs.get("hash_key_conditions") or ():
            candidates = [item for item in candidates
                          if (value := item.attrs.get(name)) is not None and value.type == expected.type
                          and (value.value == expected.value if value.type == "S" else value == expected)]
    elif hash_key is not None:
        part = self.items.get(hash_key)        # items is a defaultdict: .get adds nothing
        candidates = [] if part is None else list(part.values()) if self.range_key_attr else [part]
    else:
        return _REAL_QUERY(self, hash_key, *args, **kwargs)
    self.all_items = lambda: candidates
    try:
        return _REAL_QUERY(self, hash_key, *args, **kwargs)
    finally:
        del self.all_items


def _sorted_items(self, hash_key_attrs, range_key_attrs, items):
    """Table.sorted_items on plain values: the same order as DynamoType comparisons, faster."""
    names = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)

    def key(item):
        values = (item.attrs[name] for name in names)
        return tuple(v.value if v.type == "S" else v.cast_value for v in values)
    items.sort(key=key)
    return items


_REAL_QUERY = moto_table.Table.query
_REAL_SORTED_ITEMS = moto_table.Table.sorted_items


@contextlib.contextmanager
def faster_moto(enabled: bool = True):
    """Transactions snapshot the items they touch, not whole tables (devstack.moto_speedups, for
    good: it also keeps all-or-nothing); queries read their partition instead of the table."""
    if not enabled:
        yield
        return
    moto_speedups.install()
    with (_patched(moto_table.Table, "query", _query_one_partition),
          _patched(moto_table.Table, "sorted_items", _sorted_items)):
        yield


@contextlib.contextmanager
def plain_moto():
    """Within faster_moto: moto's own query and sort again, for a comparison."""
    with (_patched(moto_table.Table, "query", _REAL_QUERY),
          _patched(moto_table.Table, "sorted_items", _REAL_SORTED_ITEMS)):
        yield


@contextlib.contextmanager
def no_item_size_recheck(enabled: bool = True):
    """Bulk seeding only: moto re-sums an item's whole size on every attribute it sets
    (quadratic per item) to enforce the 400 KB item limit; seeded leads are ~2 KB."""
    if not enabled:
        yield
        return
    with _patched(moto_dynamo_type.LimitedSizeDict, "__setitem__", dict.__setitem__):
        yield


@contextlib.contextmanager
def cached_source_lookup():
    """During bulk seeding, look each (source, detail) up in the catalog once, not once per lead."""
    real = lead_service.resolve_source
    cache: dict = {}

    def resolve(tenant, source, detail):
        if (tenant, source, detail) not in cache:
            cache[(tenant, source, detail)] = real(tenant, source, detail)
        return cache[(tenant, source, detail)]

    lead_service.resolve_source = resolve
    try:
        yield
    finally:
        lead_service.resolve_source = real


# ---------------------------------------------------------------- data


def _ascii(text: str) -> str:
    return (text.lower().replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
            .replace(" ", ""))


def _email(rng: random.Random, payload: dict) -> str:
    """A private-looking address: few collisions even at 100k leads (the seed's has 99 numbers)."""
    first, last = _ascii(payload["first_name"]), _ascii(payload["last_name"])
    local = rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last}", f"{last}.{first}"])
    suffix = rng.choice([payload["birth_date"][:4], payload["birth_date"][2:4], str(rng.randint(1, 999)), ""])
    return f"{local}{suffix}@{rng.choice(MAIL_DOMAINS)}"


@dataclass
class Dataset:
    """The tenant's leads so far, and the probes the lookup views search for."""
    rng: random.Random
    now: dt.datetime
    count: int = 0
    tokens: int = 0
    seconds: float = 0.0
    validate_seconds: float = 0.0
    write_seconds: float = 0.0
    probe_email: str | None = None
    probe_phone: str | None = None
    statuses: dict = field(default_factory=dict)
    newest_probe_name: str = ""            # received_at of the newest lead named NAME_PROBE

    def saw(self, last_name: str | None, received_at: str) -> None:
        if last_name == NAME_PROBE:
            self.newest_probe_name = max(self.newest_probe_name, received_at)


def _seed_item(data: Dataset, tenant, i: int):
    rng = data.rng
    payload, channel = _lead(rng, i, data.now)
    age = dt.timedelta(days=rng.uniform(0, DAYS_OF_HISTORY))
    received = data.now - age
    payload["received_at"] = received.isoformat()
    payload["email"] = _email(rng, payload)
    payload["assignee"] = None if rng.random() < UNASSIGNED_SHARE else rng.choice(REPS)
    payload = {k: v for k, v in payload.items() if v is not None}
    # Older leads are more often closed: 5% of today's, 50% of those half a year old.
    closed = rng.random() < 0.05 + 0.45 * age.days / DAYS_OF_HISTORY
    # The one intake, as create_lead uses it; the id is a ULID of the moment the lead arrived,
    # as if it had been created then.
    new = build_lead(tenant, payload, created_by="website" if channel == "webhook" else MANAGER,
                     channel=channel, status="closed" if closed else "open", now=received)
    item = new.item
    phone, email = item.data.get("phone"), item.data.get("email")
    if data.probe_phone is None and phone and phone.startswith("+43"):
        national = phone[3:]               # +436641234567 -> "0664 1234567", as people type it
        data.probe_phone, data.probe_email = f"0{national[:3]} {national[3:]}", email
    data.statuses[item.status] = data.statuses.get(item.status, 0) + 1
    data.saw(item.data.get("last_name"), item.received_at)
    return new


def seed(data: Dataset, target: int, chunk: int = 2000, fast: bool = True) -> None:
    """Bulk-write leads (and their search tokens) until the tenant holds `target` of them."""
    tenant = load_tenant(TENANT)
    started = time.perf_counter()
    with cached_source_lookup(), no_item_size_recheck(fast):
        while data.count < target:
            t0 = time.perf_counter()
            news = [_seed_item(data, tenant, data.count + j) for j in range(min(chunk, target - data.count))]
            t1 = time.perf_counter()
            write_leads(news)              # the intake's batch form: tokens and audit entries, then the leads
            items = [n.item for n in news]
            data.tokens += sum(len(item.tokens) for item in items)
            data.validate_seconds += t1 - t0
            data.write_seconds += time.perf_counter() - t1
            data.count += len(items)
            if target >= 20000 and data.count % 20000 == 0:
                print(f"  ... {data.count:,} leads seeded ({time.perf_counter() - started:.0f}s)", flush=True)
    data.seconds += time.perf_counter() - started


# ---------------------------------------------------------------- measuring


def caller(user: str, role: str) -> Caller:
    return Caller(TENANT, user, role, f"arn:aws:iam::000000000000:user/{TENANT}-{user}")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}ms"


@dataclass
class View:
    label: str
    who: Caller
    req: ListRequest
    common: bool = True
    second_page: bool = False              # measure the page after the first (via next_cursor)
    check: object = None                   # body -> a remark on what the page shows, or None


@dataclass
class Result:
    view: View
    index: str
    items_read: list[int]
    rows: int
    candidates: int | None
    samples: list[float]
    remark: str | None = None


def measure_view(view: View, repeat: int, seconds: float) -> Result:
    req = view.req
    if view.second_page:
        first = list_leads(view.who, req, budget=BUDGET)
        req = ListRequest(**{**vars(req), "cursor": first.body["next_cursor"]})
    reads, samples, reply = [], [], None
    started = time.perf_counter()
    while len(samples) < repeat and (len(samples) < 3 or time.perf_counter() - started < seconds):
        t0 = time.perf_counter()
        reply = list_leads(view.who, req, budget=BUDGET)
        samples.append(time.perf_counter() - t0)
        reads.append(reply.body["meta"]["items_read"])
    meta = reply.body["meta"]
    return Result(view, meta["index"], reads, len(reply.body["items"]), meta.get("candidates"), samples,
                  view.check(reply.body) if view.check else None)


def measure_creates(manager: Caller, data: Dataset, count: int) -> list[float]:
    """Creates as POST /leads does: the body validated, then the intake (one transaction: lead,
    tokens, audit entry)."""
    rng = random.Random(SEED + data.count)
    samples = []
    for i in range(count):
        payload, _channel = _lead(rng, i, data.now)
        payload.pop("received_at", None)       # arrives now
        payload["email"] = _email(rng, payload)
        t0 = time.perf_counter()
        reply = create_lead(manager, payload)
        samples.append(time.perf_counter() - t0)
        data.saw(reply.body["last_name"], reply.body["received_at"])
    return samples


def views(data: Dataset) -> list[View]:
    manager, rep = caller(MANAGER, "sales_manager"), caller(ME, "sales_rep")
    return [
        View("all newest first", manager, ListRequest(sort="-received")),
        View("all newest first, page 2", manager, ListRequest(sort="-received"), second_page=True),
        View("status=open", manager, ListRequest(status="open")),
        View(f"my leads by due ({ME})", rep, ListRequest(assignee=ME, sort="due")),
        # Not in the list of common views asked for; what a rep's worklist more likely is.
        View(f"my open leads by due ({ME})", rep, ListRequest(assignee=ME, status="open", sort="due")),
        View("unassigned", manager, ListRequest(assignee="unassigned")),
        View("unassigned (as a rep)", rep, ListRequest(assignee="unassigned")),
        View("overdue by due", manager, ListRequest(overdue=True, sort="due")),
        View("qualification=hot", manager, ListRequest(qualification="hot")),
        View("source=Vienna Autoshow", manager, ListRequest(source="Vienna Autoshow")),
        View(f"q=name ({NAME_PROBE})", manager, ListRequest(q=NAME_PROBE),
             check=lambda body: newest_first(body, data)),
        View(f"q=email ({data.probe_email})", manager, ListRequest(q=data.probe_email)),
        View(f"q=phone ({data.probe_phone})", manager, ListRequest(q=data.probe_phone)),
        View(f"hot & assignee={REPS[1]}, newest", manager,
             ListRequest(qualification="hot", assignee=REPS[1], sort="-received"), common=False),
        View("status=open by last_name", manager, ListRequest(status="open", sort="last_name"),
             common=False),
        View("closed & junk & source=Gewinnspiel", manager,
             ListRequest(status="closed", qualification="junk", source="Gewinnspiel"), common=False),
    ]


def newest_first(body: dict, data: Dataset) -> str:
    shown = body["items"][0]["received_at"] if body["items"] else "nothing"
    if shown == data.newest_probe_name:
        return f"the page starts with the newest {NAME_PROBE} lead: yes"
    return (f"the page starts with the newest {NAME_PROBE} lead: NO - it starts with one received "
            f"{shown[:10]}, the newest was received {data.newest_probe_name[:10]}")


def view_key(view: View) -> str:
    # Lookups name their probe, which differs between sizes: compare them by kind.
    return view.label.split(" (")[0] if view.label.startswith("q=") else view.label


def reads_text(reads: list[int]) -> str:
    low, high = min(reads), max(reads)
    return str(low) if low == high else f"{low}-{high}"


# ---------------------------------------------------------------- main


def check_against_plain_moto(view: View) -> str | None:
    """The view's first page with and without the moto speed-ups: a difference, or None."""
    def page():
        body = list_leads(view.who, view.req, budget=BUDGET).body
        return body["meta"], [item["id"] for item in body["items"]]
    fast = page()
    with plain_moto():
        plain = page()
    return None if fast == plain else f"{view.label}: fast {fast[0]} vs plain {plain[0]}"


def run(sizes: list[int], *, repeat: int, creates: int, view_seconds: float, fast: bool,
        check: bool) -> None:
    print(f"leadflow list benchmark: sizes {', '.join(f'{s:,}' for s in sizes)}; page_size={PAGE_SIZE}, "
          f"read budget={BUDGET}; up to {repeat} requests per view (at least 3; a view stops "
          f"repeating after ~{view_seconds:.0f}s)")
    print(MOTO_NOTE)
    print("bulk seed (devstack.bulk_seed): leads built the way create_lead builds them "
          "(the intake: validation, data, deadline, search tokens, index keys) and "
          f"written with the intake's batch writes (audit entries included); received over the last {DAYS_OF_HISTORY} days, "
          f"{UNASSIGNED_SHARE:.0%} unassigned, the rest spread over {len(REPS)} reps, older leads "
          "more often closed.")
    if fast:
        print("moto speed-ups (bench only; results and ScannedCount unchanged, see --check-moto): "
              "transactions snapshot the items they touch instead of deep-copying whole tables "
              "(devstack.moto_speedups), queries read their partition instead of sorting the whole "
              "table, no quadratic item-size re-check while seeding.")
    else:
        print("plain moto: no speed-ups (slow beyond ~10k leads).")
    results: dict[int, dict[str, Result]] = {}
    with mock_aws(), faster_moto(fast):
        bind_models()
        create_tables()
        provision_tenant(TENANT, name="Autohaus Bench GmbH", country="AT", subdivision="9",
                         users=USERS, sources=SOURCES)
        data = Dataset(random.Random(SEED), dt.datetime.now(dt.timezone.utc))
        manager = caller(MANAGER, "sales_manager")
        for size in sorted(sizes):
            before = data.count, data.tokens, data.seconds, data.validate_seconds, data.write_seconds
            seed(data, size, fast=fast)
            seeded, bulk = data.count - before[0], sum(data.statuses.values())
            statuses = ", ".join(f"{n:,} {status}" for status, n in sorted(data.statuses.items(),
                                                                           key=lambda kv: -kv[1]))
            created = f" (+{data.count - bulk:,} open from create_lead)" if data.count > bulk else ""
            print()
            print(f"== tenant with {size:,} leads ==")
            print(f"seeded {seeded:,} leads ({data.tokens - before[1]:,} search tokens) in "
                  f"{data.seconds - before[2]:.1f}s: validate+build {data.validate_seconds - before[3]:.1f}s, "
                  f"batch writes {data.write_seconds - before[4]:.1f}s; the tenant: {statuses}{created}")
            if check:
                differences = [d for view in views(data) if (d := check_against_plain_moto(view))]
                print("check-moto: " + ("DIFFERENT: " + "; ".join(differences) if differences else
                                        "every view's first page is identical with and without the speed-ups"))
            per_view: dict[str, Result] = {}
            print(f"{'view':38} {'index':26} {'items/page':>10} {'rows':>4} {'read/row':>8}  "
                  f"{'latency':^29}  n")
            for view in views(data):
                r = measure_view(view, repeat, view_seconds)
                per_view[view_key(view)] = r
                extra = f"  candidates={r.candidates}" if r.candidates is not None else ""
                tag = "  (bounded, not a common view)" if not view.common else ""
                per_row = f"{max(r.items_read) / r.rows:.1f}" if r.rows else "-"
                print(f"{view.label:38} index={r.index:20} {reads_text(r.items_read):>10} {r.rows:>4} "
                      f"{per_row:>8}  p50={ms(statistics.median(r.samples)):>9} "
                      f"p95={ms(percentile(r.samples, 0.95)):>9}  {len(r.samples)}{extra}{tag}", flush=True)
                if r.remark:
                    print(f"{'':40}{r.remark}")
            results[size] = per_view
            if creates:
                samples = measure_creates(manager, data, creates)
                data.count += creates          # the tenant grew by these; the next seed tops up
                tokens = data.tokens / max(1, sum(data.statuses.values()))
                print(f"{'create_lead (real service)':38} {'':26} {'':>10} {'':>4} {'':>8}  "
                      f"p50={ms(statistics.median(samples)):>9} p95={ms(percentile(samples, 0.95)):>9}"
                      f"  {len(samples)}  (one transaction: lead, ~{tokens:.0f} tokens, audit entry)",
                      flush=True)
    if len(sizes) < 2:
        return
    small, large = min(sizes), max(sizes)
    print()
    print(f"== items read per page, {large:,} vs {small:,} leads "
          f"(goal for common views: ratio <= {GOAL}) ==")
    print(f"{'view':38} {f'{small:,}':>8} {f'{large:,}':>8} {'ratio':>7}  {'read/row':>8}  goal")
    for key, r_large in results[large].items():
        a, b = max(results[small][key].items_read), max(r_large.items_read)
        ratio = b / a if a else float("inf")
        if r_large.view.common:
            verdict = f"<= {GOAL}  " + ("ok" if ratio <= GOAL else "EXCEEDS")
        else:
            verdict = f"-       bounded, not a common view (read budget {BUDGET})"
        per_row = f"{b / r_large.rows:.1f}" if r_large.rows else "-"
        print(f"{key:38} {a:>8} {b:>8} {ratio:>7.2f}  {per_row:>8}  {verdict}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,100000",
                        help="lead counts, comma-separated (default 1000,100000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 1000,10000")
    parser.add_argument("--repeat", type=int, default=15, help="requests per view (default 15)")
    parser.add_argument("--creates", type=int, default=200, help="create_lead calls per size (default 200)")
    parser.add_argument("--view-seconds", type=float, default=20.0,
                        help="a view stops repeating after this long once it has 3 samples (default 20)")
    parser.add_argument("--plain-moto", action="store_true", help="no moto speed-ups (slow beyond ~10k)")
    parser.add_argument("--check-moto", action="store_true",
                        help="also compare each view's first page with and without the moto speed-ups")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    started = time.perf_counter()
    run(sizes, repeat=args.repeat, creates=args.creates, view_seconds=args.view_seconds,
        fast=not args.plain_moto, check=args.check_moto and not args.plain_moto)
    print(f"\ntotal {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
