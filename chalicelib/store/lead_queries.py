"""The leads list: pick the index that serves a view, read one bounded page, and the token search."""
from dataclasses import dataclass, field

from ..domain.lead import OPEN
from ..domain.lead_filter import LeadFilter, matches
from . import keys
from .models import LEAD_INDEXES, LeadItem, SearchTokenItem, bind_models


@dataclass
class Plan:
    index: str
    pk: str
    forward: bool
    sk_low: str | None = None                 # inclusive bounds on the index sort key
    sk_high: str | None = None
    implied: set[str] = field(default_factory=set)   # filters the partition already guarantees


def plan(tenant: str, f: LeadFilter, sort: str, descending: bool) -> Plan:
    """Choose the index whose partition and order serve the view; the rest become filters."""
    status = "open" if f.overdue and f.status is None else f.status
    has_assignee = f.assignee is not None or f.unassigned
    assignee_pk = keys.assignee_pk(tenant, None if f.unassigned else f.assignee)
    forward = not descending
    if sort == "received":
        if f.needs_review:
            p = Plan("review_recent", keys.review_pk(tenant), forward, implied={"needs_review"})
        elif f.source and f.source_detail:
            p = Plan("detail_recent", keys.detail_pk(tenant, f.source, f.source_detail), forward,
                     implied={"source", "source_detail"})
        elif has_assignee:
            p = Plan("assignee_recent", assignee_pk, forward, implied={"assignee"})
        elif f.source:
            p = Plan("source_recent", keys.source_pk(tenant, f.source), forward, implied={"source"})
        elif f.qualification:
            p = Plan("qualification_recent", keys.qualification_pk(tenant, f.qualification), forward,
                     implied={"qualification"})
        elif status:
            p = Plan("status_recent", keys.status_pk(tenant, status), forward, implied={"status"})
        else:
            p = Plan("recent", tenant, forward)
        if f.received_from or f.received_to:
            p.sk_low, p.sk_high = f.received_bounds()
            p.implied.add("received")
        return _with_visibility(p, f)
    if sort == "due":
        if has_assignee:
            p = Plan("assignee_due", assignee_pk, forward, implied={"assignee"})
        elif status:
            p = Plan("status_due", keys.status_pk(tenant, status), forward, implied={"status"})
        else:
            p = Plan("due", tenant, forward)
        if f.overdue:
            p.sk_high = f.now                 # due before now; leads without a due sort after "~"
            if p.index == "status_due" and status == "open":
                p.implied.add("overdue")
        return _with_visibility(p, f)
    if sort == "last_name":
        return Plan("name", tenant, forward)
    if sort == "qualification":
        if f.qualification:
            return Plan("qualification_recent", keys.qualification_pk(tenant, f.qualification),
                        not forward, implied={"qualification"})
        return Plan("qualification_rank", tenant, forward)
    raise ValueError(f"unknown sort {sort}")


def _with_visibility(p: Plan, f: LeadFilter) -> Plan:
    """A rep reading their own or the unassigned partition sees all of it: no filter, no extra reads."""
    own_partition = "assignee" in p.implied and f.assignee is not None and f.assignee == f.visible_user
    pool_partition = "assignee" in p.implied and f.unassigned
    if (f.visible_scope == "own_or_pool" and (own_partition or pool_partition)) or (
            f.visible_scope == "own" and own_partition):
        p.implied.add("visible")
    return p


def _key_condition(p: Plan):
    sk = getattr(LeadItem, key_names(p.index)[1])
    if p.sk_low is not None and p.sk_high is not None:
        return sk.between(p.sk_low, p.sk_high)
    if p.sk_high is not None:
        return sk < p.sk_high
    if p.sk_low is not None:
        return sk >= p.sk_low
    return None


def key_names(index: str) -> tuple[str, str]:
    return LEAD_INDEXES[index]


MIN_FILTERED_BATCH = 25          # leads read at once for a filtered view (one BatchGetItem)


def run(p: Plan, f: LeadFilter, *, page_size: int, start_key: dict | None,
        budget: int) -> tuple[list[LeadItem], dict | None, int]:
    """Read until a page is full, the index ends, or the read budget is spent.

    The lead indexes hold keys only (store/models.py): each index entry read names a lead, which
    is then read by key (BatchGetItem) and kept if it passes the filter, every clause checked
    again on the lead itself (an index follows its table a moment later). Without a filter beyond
    what the index implies, a page reads one key more than it shows (to know there is more) and
    only the leads it shows. Returns the page, the key to continue from (None at the end) and the
    items read: index entries and leads.
    """
    bind_models()
    filtered = any(c.name not in p.implied for c in f.clauses())
    # Each entry read may cost its lead's read too: a chunk is at most half the budget.
    chunk = min(max(budget // 2, 1), max(4 * page_size, 100)) if filtered else page_size + 1
    results = getattr(LeadItem, p.index).query(
        p.pk, _key_condition(p), scan_index_forward=p.forward, last_evaluated_key=start_key,
        page_size=chunk)
    pages = results.page_iter
    names = ("pk",) + key_names(p.index)
    items: list[LeadItem] = []
    read = 0
    for page in pages:
        read += page.get("ScannedCount", 0)
        entries = page.get("Items", [])
        while entries:
            if len(items) == page_size:         # an entry beyond the page: there is more
                return items, _position(items[-1], names), read
            # The leads the page still needs; a filter drops some, so then at least a batch of them.
            needed = page_size - len(items)
            take = max(needed, MIN_FILTERED_BATCH) if filtered else needed
            batch, entries = entries[:take], entries[take:]
            leads = _read_leads([entry["pk"]["S"] for entry in batch])
            read += len(batch)
            for entry in batch:
                lead = leads.get(entry["pk"]["S"])   # None: deleted since the index was read
                if lead is not None and matches(lead, f):
                    if len(items) == page_size:     # a filtered batch filled the page midway
                        return items, _position(items[-1], names), read
                    items.append(lead)
        if pages.last_evaluated_key is None:
            return items, None, read
        if len(items) == page_size:
            return items, _position(items[-1], names), read
        if read + 2 * chunk > budget:          # the next chunk (its entries and leads) could pass the budget
            return items, pages.last_evaluated_key, read
    return items, None, read


def overdue_page(tenant: str, now_iso: str, *, page_size: int = 100,
                 start_key: dict | None = None) -> tuple[list[LeadItem], dict | None, int]:
    """One page of the tenant's open leads whose deadline lies before now, earliest deadline first:
    the status_due index (tenant+open / due) with due < now as its key condition, so that what is
    read is the overdue leads and nothing else, then the leads by key (eventually consistent: a
    caller that writes checks the version). Returns the leads, the key to go on from (None at the
    end) and the items read (index entries and leads)."""
    bind_models()
    results = LeadItem.status_due.query(keys.status_pk(tenant, OPEN), LeadItem.due_sk < now_iso,
                                        limit=page_size, page_size=page_size, last_evaluated_key=start_key)
    entries = list(results)
    leads = _read_leads([entry.pk for entry in entries])
    found = [leads[entry.pk] for entry in entries if entry.pk in leads]   # absent: deleted meanwhile
    return found, results.last_evaluated_key, results.page_iter.total_scanned_count + len(entries)


def open_leads_of(tenant: str, users: list[str]) -> dict[str, int]:
    """How many open leads each user has assigned: per user one Query of its partition of the
    sparse assignee_open index (only open assigned leads are in it) with Select=COUNT, which
    returns no items but is billed for the entries it reads: one per open lead, some 165 bytes,
    so about 2 read units per 100 open leads (bench/routing_cost.py). Eventually consistent, like
    every index: a lead assigned a moment ago may not be counted yet."""
    bind_models()
    return {user: LeadItem.assignee_open.count(keys.assignee_pk(tenant, user)) for user in users}


def _position(lead: LeadItem, names: tuple[str, ...]) -> dict:
    """The index key of a lead: where the next page starts."""
    return {n: {"S": getattr(lead, n)} for n in names}


def _read_leads(pks: list[str]) -> dict[str, LeadItem]:
    """Leads by key, eventually consistent like the index they were found in."""
    return {item.pk: item for item in LeadItem.batch_get(pks)} if pks else {}


def is_whole_word(sort_key: str, term: str) -> bool:
    """Whether a search token's sort key is the term itself (not a longer word it starts)."""
    return sort_key.startswith(f"{term}#")


def read_tokens(tenant: str, term: str, *, exact: bool, start_sk: str | None,
                limit: int) -> tuple[list[tuple[str, str]], str | None, int]:
    """Search tokens equal to (exact) or starting with the term, newest lead first within a word.
    Returns (sort key, lead id) pairs, the sort key to continue after, and the items read."""
    bind_models()
    pk = keys.search_pk(tenant, term)
    condition = SearchTokenItem.sk.startswith(f"{term}#" if exact else term)
    start = {"pk": {"S": pk}, "sk": {"S": start_sk}} if start_sk else None
    results = SearchTokenItem.query(pk, condition, scan_index_forward=False, limit=limit, page_size=limit,
                                    last_evaluated_key=start)
    found = [(item.sk, item.entity_id) for item in results]
    last = results.last_evaluated_key
    return found, (last["sk"]["S"] if last else None), results.page_iter.total_scanned_count
