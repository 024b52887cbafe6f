"""The leads list: pick the index that serves a view, read one bounded page, and the token search."""
from dataclasses import dataclass, field

from ..domain.lead_filter import Clause, LeadFilter
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


def _condition(clause: Clause):
    attribute = getattr(LeadItem, clause.attribute)
    if clause.op == "eq":
        return attribute == clause.value
    if clause.op == "absent":
        return attribute.does_not_exist()
    if clause.op == "present":
        return attribute.exists()
    if clause.op == "eq_or_absent":
        return (attribute == clause.value) | attribute.does_not_exist()
    if clause.op == "lt":
        return attribute < clause.value
    if clause.op == "between":
        return attribute.between(*clause.value)
    raise ValueError(f"unknown clause op {clause.op}")


def _filter_condition(f: LeadFilter, implied: set[str]):
    """The filter's clauses (domain/lead_filter.py) the index does not guarantee, as one condition."""
    combined = None
    for clause in f.clauses():
        if clause.name not in implied:
            condition = _condition(clause)
            combined = condition if combined is None else combined & condition
    return combined


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


def run(p: Plan, f: LeadFilter, *, page_size: int, start_key: dict | None,
        budget: int) -> tuple[list[LeadItem], dict | None, int]:
    """Read until a page is full, the index ends, or the read budget is spent.

    Returns the page, the key to continue from (None at the end) and the items read.
    """
    bind_models()
    condition = _filter_condition(f, p.implied)
    chunk = page_size + 1 if condition is None else min(budget, max(4 * page_size, 100))
    results = getattr(LeadItem, p.index).query(
        p.pk, _key_condition(p), filter_condition=condition, scan_index_forward=p.forward,
        last_evaluated_key=start_key, page_size=chunk)
    pages = results.page_iter
    names = ("pk",) + key_names(p.index)
    items: list[LeadItem] = []
    read = 0
    for page in pages:
        read += page.get("ScannedCount", 0)
        for raw in page.get("Items", []):
            if len(items) == page_size:
                last = items[-1]
                return items, {n: {"S": getattr(last, n)} for n in names}, read
            items.append(LeadItem.from_raw_data(raw))
        if pages.last_evaluated_key is None:
            return items, None, read
        if len(items) == page_size or read >= budget:
            return items, pages.last_evaluated_key, read
    return items, None, read


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
