"""Customer master storage: customers, their match keys and counters, activities."""
import random
from collections import defaultdict
from collections.abc import Iterable

from pynamodb.exceptions import DoesNotExist, PutError

from . import keys
from .models import ActivityItem, CustomerItem, MatchKeyItem, SearchTokenItem, bind_models
from .transactions import MAX_ITEMS, ConditionFailed, Transaction

TOTAL = "total"
TOTAL_SHARDS = 10       # every new customer adds to the total: spread over items so writers rarely meet


def total_shard() -> str:
    return f"{TOTAL}#{random.randrange(TOTAL_SHARDS)}"


def new_customer(tenant: str, customer_id: str, *, created_at: str, created_by: str, **attributes) -> CustomerItem:
    """A customer item not yet stored."""
    return CustomerItem(keys.entity_pk(tenant, customer_id), tenant=tenant, customer_id=customer_id,
                        recent_sk=keys.created_sk(created_at, customer_id), created_at=created_at,
                        created_by=created_by, updated_at=created_at, updated_by=created_by, **attributes)


def external_refs(tenant: str, external_ids: list[str]) -> dict[str, str]:
    """external id -> customer id, for the ids a dealer system loaded before."""
    bind_models()
    pks = [(keys.match_pk(tenant, f"x:{e}"), keys.HEAD) for e in external_ids]
    return {item.pk.split("#x:", 1)[1]: item.customer_id for item in MatchKeyItem.batch_get(pks, consistent_read=True)}


def get_customer(tenant: str, customer_id: str) -> CustomerItem | None:
    bind_models()
    try:
        return CustomerItem.get(keys.entity_pk(tenant, customer_id), consistent_read=True)
    except DoesNotExist:
        return None


def batch_get_customers(tenant: str, customer_ids: Iterable[str]) -> dict[str, CustomerItem]:
    bind_models()
    pks = [keys.entity_pk(tenant, c) for c in dict.fromkeys(customer_ids)]
    return {item.customer_id: item for item in CustomerItem.batch_get(pks, consistent_read=True)}


def read_keys(tenant: str, limits: dict[str, int]) -> tuple[dict[str, tuple[int, list[str]]], int]:
    """For each match key: its head's change counter and up to `limit` member customer ids.
    Returns them and the number of items read."""
    bind_models()
    found, read = {}, 0
    for key, limit in limits.items():
        results = MatchKeyItem.query(keys.match_pk(tenant, key), limit=limit + 1, page_size=limit + 1,
                                     consistent_read=True)
        version, members = 0, []
        for item in results:
            if item.sk == keys.HEAD:
                version = int(item.v or 0)
            else:
                members.append(item.customer_id)
        read += results.page_iter.total_scanned_count
        found[key] = (version, members[:limit])
    return found, read


def read_counters(tenant: str, names: Iterable[str]) -> tuple[dict[str, int], int]:
    """Counters kept on heads: s:{surname code} (customers with that surname), total (summed shards).
    Returns them and the number of items read."""
    bind_models()
    names = list(names)
    wanted = {keys.match_pk(tenant, n): n for n in names if n != TOTAL}
    if TOTAL in names:
        wanted.update({keys.match_pk(tenant, f"{TOTAL}#{i}"): TOTAL for i in range(TOTAL_SHARDS)})
    counts = dict.fromkeys(names, 0)
    for item in MatchKeyItem.batch_get([(pk, keys.HEAD) for pk in wanted], consistent_read=True):
        counts[wanted[item.pk]] += int(item.n or 0)
    return counts, len(wanted)


def external_ref(tenant: str, external_id: str) -> str | None:
    bind_models()
    try:
        return MatchKeyItem.get(keys.match_pk(tenant, f"x:{external_id}"), keys.HEAD, consistent_read=True).customer_id
    except DoesNotExist:
        return None


class MasterWrite:
    """Everything one or more customer-master changes write, for one transaction. Head updates of
    several changes on the same key are merged, since a transaction may touch an item only once."""

    def __init__(self, tenant: str):
        self.tenant = tenant
        self.saves: list[tuple[object, object, str]] = []
        self.deletes: list[tuple[object, str]] = []
        self.heads: dict[str, dict] = defaultdict(lambda: {"v": 0, "n": 0, "expect": None, "create_ref": None})
        self.pins: list[CustomerItem] = []
        self.removed: set[str] = set()      # match keys a customer left (their deletes may come after)

    def size(self) -> int:
        return len(self.saves) + len(self.deletes) + len(self.heads) + len(self.pins)

    def create_customer(self, customer: CustomerItem) -> None:
        """A new customer (never over an existing one)."""
        self.save(customer, condition=CustomerItem.pk.does_not_exist(), tag=f"customer:{customer.customer_id}")

    def update_customer(self, customer: CustomerItem) -> None:
        """A changed customer, at the version it was read (PynamoDB's version condition)."""
        self.save(customer, tag=f"customer:{customer.customer_id}")

    def pin(self, customer: CustomerItem) -> None:
        """The customer must still be at the version read when this commits (it is not written)."""
        self.pins.append(customer)

    def add_activity(self, activity: ActivityItem) -> None:
        """A new activity (never over an existing one)."""
        self.save(_index_activity(activity), condition=ActivityItem.pk.does_not_exist(), tag="activity")

    def save(self, model, *, condition=None, tag: str = "") -> None:
        self.saves.append((model, condition, tag))

    def delete(self, model, tag: str = "") -> None:
        self.deletes.append((model, tag))

    def bump(self, key: str, *, v: int = 0, n: int = 0) -> None:
        head = self.heads[key]
        head["v"] += v
        head["n"] += n

    def expect(self, key: str, version: int) -> None:
        """The head's counter must still be `version` (0: no head yet) when this commits."""
        self.heads[key]["expect"] = version

    def merge(self, other: "MasterWrite") -> None:
        """Take another write's items into this one (one transaction for several customers)."""
        self.saves += other.saves
        self.deletes += other.deletes
        self.pins += other.pins
        self.removed |= other.removed
        for key, head in other.heads.items():
            target = self.heads[key]
            target["v"] += head["v"]
            target["n"] += head["n"]
            target["create_ref"] = head["create_ref"] or target["create_ref"]

    def claim_external_id(self, external_id: str, customer_id: str) -> None:
        self.heads[f"x:{external_id}"]["create_ref"] = customer_id

    def customer_keys_changed(self, customer_id: str, old: set[str], new: set[str]) -> None:
        for key in new - old:
            self.save(MatchKeyItem(keys.match_pk(self.tenant, key), customer_id, customer_id=customer_id))
            self.bump(key, v=1)
        for key in old - new:
            self.delete(MatchKeyItem(keys.match_pk(self.tenant, key), customer_id))
            self.bump(key, v=1)
            self.removed.add(key)

    def tokens_changed(self, customer_id: str, created_at: str, old: Iterable[str], new: Iterable[str]) -> None:
        old, new = set(old), set(new)
        for token in new - old:
            self.save(SearchTokenItem(keys.search_pk(self.tenant, token, "customer"), f"{token}#{customer_id}",
                                      entity_id=customer_id, received_at=created_at))
        for token in old - new:
            self.delete(SearchTokenItem(keys.search_pk(self.tenant, token, "customer"), f"{token}#{customer_id}"))

    def add_to(self, tx: Transaction) -> None:
        for customer in self.pins:
            tx.check(CustomerItem, customer.pk, condition=CustomerItem.version == customer.version,
                     tag=f"customer:{customer.customer_id}")
        for model, condition, tag in self.saves:
            tx.save(model, condition=condition, tag=tag)
        for model, tag in self.deletes:
            tx.delete(model, tag=tag)
        for key, head in self.heads.items():
            item = MatchKeyItem(keys.match_pk(self.tenant, key), keys.HEAD)
            if head["create_ref"] is not None:
                item.customer_id = head["create_ref"]
                tx.save(item, condition=MatchKeyItem.pk.does_not_exist(), tag=f"ref:{key}")
                continue
            actions = [MatchKeyItem.v.add(head["v"])] if head["v"] else []
            if head["n"]:
                actions.append(MatchKeyItem.n.add(head["n"]))
            condition = None
            if head["expect"] is not None:
                condition = (MatchKeyItem.v.does_not_exist() | (MatchKeyItem.v == 0)) if head["expect"] == 0 \
                    else (MatchKeyItem.v == head["expect"])
            if actions:
                tx.update(item, actions, condition=condition, tag=f"head:{key}", version_check=False)
            elif condition is not None:
                tx.check(MatchKeyItem, item.pk, keys.HEAD, condition=condition, tag=f"head:{key}")

    def split(self) -> tuple["MasterWrite", "MasterWrite"]:
        """(what must commit together, the removals that may follow): the customer, its new keys
        and tokens, every condition; then the deletes of the keys and tokens it left, with their
        heads' bumps. Between the two the customer is also indexed where it was: a check finds it
        there and compares its current data, so nothing is wrong, only read once more."""
        first, later = MasterWrite(self.tenant), MasterWrite(self.tenant)
        first.saves, first.pins = list(self.saves), list(self.pins)
        for model, tag in self.deletes:
            index = isinstance(model, (MatchKeyItem, SearchTokenItem))
            (later if index else first).deletes.append((model, tag))
        for key, head in self.heads.items():
            late = key in self.removed and head["expect"] is None and head["create_ref"] is None and not head["n"]
            (later if late else first).heads[key] = dict(head)
        return first, later


def commit(write: MasterWrite, extra: Transaction | None = None) -> None:
    """Commit a master write (plus whatever else the caller put in `extra`); ConditionFailed names
    tags. A write too large for one transaction (a customer whose names, home and contacts all
    changed) commits the removal of its old keys in a second one right after."""
    bind_models()
    tx = extra or Transaction()
    if write.size() + len(tx) <= MAX_ITEMS:
        write.add_to(tx)
        tx.commit()
        return
    first, later = write.split()
    first.add_to(tx)
    tx.commit()
    rest = Transaction()
    later.add_to(rest)
    if len(rest):
        rest.commit()


def room(write: MasterWrite, extra: Transaction) -> int:
    """How many more items the transaction `commit` makes of these has room for."""
    first, _ = write.split() if write.removed else (write, None)
    return MAX_ITEMS - first.size() - len(extra)


RECENT_KEY = frozenset({"pk", "tenant", "recent_sk"})        # what a page of the recent index goes on from


def customers_by_recent(tenant: str, *, limit: int, start: dict | None):
    """A page of the tenant's customers, newest first; `start` (a page's last key) must be the tenant's."""
    if start is not None and (set(start) != RECENT_KEY or start["tenant"].get("S") != tenant):
        raise ValueError("not a key of this tenant's customer list")
    bind_models()
    results = CustomerItem.recent.query(tenant, scan_index_forward=False, limit=limit, last_evaluated_key=start)
    return list(results), results.last_evaluated_key


def find_customer_tokens(tenant: str, term: str, limit: int) -> tuple[dict[str, str], int]:
    bind_models()
    condition = SearchTokenItem.sk.startswith(term if len(term) >= keys.search_prefix_length(term) else f"{term}#")
    results = SearchTokenItem.query(keys.search_pk(tenant, term, "customer"), condition, limit=limit, page_size=limit,
                                    scan_index_forward=False)       # newest customers first
    return {i.entity_id: i.received_at for i in results}, results.page_iter.total_scanned_count


def _index_activity(item: ActivityItem) -> ActivityItem:
    """The activity's index keys: by customer, and in its assignee's open list while open."""
    item.customer_pk = keys.entity_pk(item.tenant, item.customer_id)
    item.created_sk = keys.created_sk(item.created_at, item.activity_id)
    is_open = item.status == "open" and item.assignee
    item.open_pk = keys.open_activity_pk(item.tenant, item.assignee) if is_open else None
    item.due_sk = keys.activity_due_sk(item.due_date, item.activity_id) if is_open else None
    return item


def new_activity(tenant: str, activity_id: str, *, created_at: str, created_by: str, **attributes) -> ActivityItem:
    """An activity item not yet stored, indexed."""
    return _index_activity(ActivityItem(keys.entity_pk(tenant, activity_id), tenant=tenant, activity_id=activity_id,
                                        created_at=created_at, created_by=created_by, updated_at=created_at,
                                        updated_by=created_by, **attributes))


class ChangedMeanwhileError(Exception):
    """The item's version moved on since it was read."""


def save_activity(item: ActivityItem) -> None:
    """Save a changed activity at the version read."""
    bind_models()
    try:
        _index_activity(item).save()
    except PutError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            raise ChangedMeanwhileError() from None
        raise


def get_activity(tenant: str, activity_id: str) -> ActivityItem | None:
    bind_models()
    try:
        return ActivityItem.get(keys.entity_pk(tenant, activity_id), consistent_read=True)
    except DoesNotExist:
        return None


def activities_of_customer(tenant: str, customer_id: str, *, limit: int, start: dict | None):
    bind_models()
    results = ActivityItem.by_customer.query(keys.entity_pk(tenant, customer_id), scan_index_forward=False,
                                             limit=limit, last_evaluated_key=start)
    return list(results), results.last_evaluated_key


def open_activities_of(tenant: str, assignee: str, *, limit: int, start: dict | None):
    bind_models()
    results = ActivityItem.open_by_assignee.query(keys.open_activity_pk(tenant, assignee), limit=limit,
                                                  last_evaluated_key=start)
    return list(results), results.last_evaluated_key


__all__ = ["ConditionFailed"]
