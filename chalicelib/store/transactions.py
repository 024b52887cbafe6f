"""DynamoDB transactions whose cancellations say which tagged operation failed its condition.

PynamoDB sends a transaction's operations grouped by kind (condition checks, deletes, puts,
updates), and DynamoDB's cancellation reasons follow that order. This wrapper keeps the same
order for the tags, so callers never count indexes.
"""
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from .models import transaction_connection

_KINDS = ("check", "delete", "save", "update")
MAX_ITEMS = 100             # DynamoDB's limit of items in one transaction


class ConditionFailed(Exception):
    """The transaction was cancelled because these tags' conditions failed; nothing was written."""

    def __init__(self, tags: set[str]):
        super().__init__(", ".join(sorted(tags)))
        self.tags = tags


class Transaction:
    def __init__(self):
        self._ops: dict[str, list] = {kind: [] for kind in _KINDS}

    def __len__(self) -> int:
        return sum(len(ops) for ops in self._ops.values())

    def check(self, model_cls, hash_key, range_key=None, *, condition, tag: str) -> None:
        self._ops["check"].append((tag, lambda t: t.condition_check(model_cls, hash_key, range_key, condition=condition)))

    def delete(self, model, *, condition=None, tag: str = "") -> None:
        self._ops["delete"].append((tag, lambda t: t.delete(model, condition=condition)))

    def save(self, model, *, condition=None, tag: str = "") -> None:
        self._ops["save"].append((tag, lambda t: t.save(model, condition=condition)))

    def update(self, model, actions, *, condition=None, tag: str = "", version_check: bool = True) -> None:
        self._ops["update"].append((tag, lambda t: t.update(model, actions=actions, condition=condition,
                                                             add_version_condition=version_check)))

    def commit(self) -> None:
        ordered = [op for kind in _KINDS for op in self._ops[kind]]
        try:
            with TransactWrite(connection=transaction_connection()) as t:
                for _, apply in ordered:
                    apply(t)
        except TransactWriteError as exc:
            codes = [getattr(r, "code", None) if r else None for r in (exc.cancellation_reasons or [])]
            # TransactionConflict: another transaction was writing the same item at that moment;
            # for the caller it is the same as a condition that no longer holds.
            failed = {ordered[i][0] for i, code in enumerate(codes)
                      if code in ("ConditionalCheckFailed", "TransactionConflict")}
            if failed:
                raise ConditionFailed(failed) from exc
            raise
