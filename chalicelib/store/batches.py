"""Batch writes that lose nothing: unprocessed items and throttling are retried with backoff.

BatchWriteItem may leave items unprocessed (throttling, partition limits) and overwrites
without conditions: callers use it only for items no one else writes (an import's own leads,
found absent first, under the import's lease).
"""
import random
import time
from collections.abc import Callable, Sequence

from pynamodb.exceptions import PutError
from pynamodb.models import Model

from .models import bind_models

BATCH_ITEMS = 25                      # DynamoDB's limit for one BatchWriteItem
ATTEMPTS = 10
BASE_DELAY = 0.05                     # seconds; doubled each attempt, full jitter, capped
MAX_DELAY = 5.0
THROTTLING = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
              "InternalServerError", "ServiceUnavailable"}


class BatchWriteError(Exception):
    """Some items could not be written after every retry; the caller must not count them as written."""


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter (AWS's recommendation for retries under contention)."""
    return random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** attempt))


def put_all(models: Sequence[Model], *, sleep: Callable[[float], None] | None = None) -> int:
    """Put the items in order, 25 consecutive items of one table per request; the number of requests.

    Order matters to callers: an item written later exists only if every item before it does.
    """
    bind_models()
    sleep = sleep or time.sleep
    requests, start = 0, 0
    while start < len(models):
        model_class = type(models[start])
        end = start
        while end < len(models) and end - start < BATCH_ITEMS and type(models[end]) is model_class:
            end += 1
        requests += _put_chunk(model_class, [m.serialize() for m in models[start:end]], sleep)
        start = end
    return requests


def _put_chunk(model_class: type[Model], items: list[dict], sleep) -> int:
    connection, table = model_class._get_connection(), model_class.Meta.table_name
    pending, requests = items, 0
    for attempt in range(ATTEMPTS):
        if attempt:
            sleep(backoff(attempt))
        requests += 1
        try:
            data = connection.batch_write_item(put_items=pending) or {}
        except PutError as exc:
            if exc.cause_response_code not in THROTTLING:
                raise
            continue                                         # the whole request was throttled: all pending again
        unprocessed = data.get("UnprocessedItems", {}).get(table, [])
        pending = [request["PutRequest"]["Item"] for request in unprocessed]
        if not pending:
            return requests
    raise BatchWriteError(f"{len(pending)} items of {table} still unprocessed after {ATTEMPTS} attempts")

