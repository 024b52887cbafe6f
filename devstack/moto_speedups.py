"""Make moto behave like DynamoDB where leadflow relies on it, for `make run`, benchmarks and the
race tests: transactions that cost what DynamoDB's do, and writes isolated from each other.

1. moto's TransactWriteItems

moto snapshots every table a transaction touches with a deep copy, to roll back on failure,
so each transaction costs time proportional to the tables' sizes (seconds at 100,000 items).
This keeps moto's own transaction logic and replaces only that snapshot: the touched items are
copied before the transaction and restored if it is cancelled. All-or-nothing is unchanged
(tests/integration/test_moto_speedups.py).

2. DynamoDB applies every write, and every transaction, atomically. moto's server handles requests
on threads and its backend takes no lock, so two racing transactions can both pass their
conditions. A lock around the backend's writes gives moto DynamoDB's isolation.

The ordinary test suite runs on in-process moto with only (2), `isolate_writes()`: leadflow writes
in parallel threads where DynamoDB allows it (an erasure's deletes), and moto's in-process backend,
unlocked, would otherwise copy a table while another thread changes it.
"""
import copy
import functools
import threading
import types

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from moto.dynamodb import models

    real_deepcopy = copy.deepcopy

    def deepcopy_except_tables(obj, memo=None):
        # moto's snapshot of a whole table becomes the table itself; item snapshots are ours.
        return obj if isinstance(obj, models.Table) else real_deepcopy(obj, memo)

    models.copy = types.SimpleNamespace(deepcopy=deepcopy_except_tables, copy=copy.copy)
    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        snapshot = []
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            name = op.get("TableName")
            if name not in self.tables:
                continue
            table = self.tables[name]
            if op_type == "Put":
                key = {k: op["Item"][k] for k in (table.hash_key_attr, table.range_key_attr) if k and k in op["Item"]}
            else:
                key = op.get("Key", {})
            try:
                current = self.get_item(name, key)
            except Exception:           # a malformed key: moto reports it inside the transaction
                continue
            snapshot.append((name, key, real_deepcopy(current.to_json()["Attributes"]) if current else None))
        try:
            return original(self, transact_items)
        except Exception:
            for name, key, attributes in reversed(snapshot):
                if attributes is None:
                    if self.get_item(name, key) is not None:
                        self.delete_item(name, key)
                else:
                    self.put_item(name, attributes)
            raise

    models.DynamoDBBackend.transact_write_items = transact_write_items
    isolate_writes()
    _installed = True


_write_lock = threading.RLock()
WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")


def isolate_writes() -> None:
    """DynamoDB's isolation for moto's backend: one write (or transaction) at a time. Each write
    method is wrapped once, whatever replaced it since."""
    from moto.dynamodb import models
    for name in WRITES:
        original = getattr(models.DynamoDBBackend, name, None)
        if original is None or getattr(original, "isolated", False):
            continue

        def locked(self, *args, __original=original, **kwargs):
            with _write_lock:
                return __original(self, *args, **kwargs)
        wrapped = functools.wraps(original)(locked)
        wrapped.isolated = True
        setattr(models.DynamoDBBackend, name, wrapped)
