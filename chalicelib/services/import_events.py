"""What starts an import: the bucket's notifications (through the import queue), the continue
queue, and the scheduled sweep. Adapters only: services/imports.py does the importing."""
import json
import logging
import time
from collections.abc import Iterable
from urllib.parse import unquote_plus

from ..config import get_settings
from ..store import imports as state
from ..store import queues
from .imports import Clock, ImportBusyError, continuation, run_import

log = logging.getLogger(__name__)

STALLED_AFTER_SECONDS = 15 * 60  # a running import whose lease ran out this long ago is continued by the sweep


def handle_s3_event(event: dict, *, time_left: Clock | None = None) -> list[dict]:
    """Every record of an S3 notification (Chalice's S3Event exposes only the first); an SQS
    message from the bucket's notification holds one such event. S3's test event has no records.

    A record whose import another invocation holds is retried by raising once the others are done.
    """
    results, busy = [], None
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])        # S3 event keys are URL-encoded
        version_id = record["s3"]["object"].get("versionId")      # the upload notified, not a later one
        try:
            results.append(run_import(bucket, key, version_id=version_id, time_left=time_left))
        except ImportBusyError as exc:
            busy = exc
    if busy is not None:
        raise busy
    return results


def handle_notification_messages(bodies: Iterable[str], *, time_left: Clock | None = None) -> list[dict]:
    """The import queue's messages: each body is an S3 notification."""
    results = []
    for body in bodies:
        results += handle_s3_event(json.loads(body), time_left=time_left)
    return results


def handle_continuations(bodies: Iterable[str], *, time_left: Clock | None = None) -> list[dict]:
    """Imports that an earlier invocation stopped before their end (messages of the continue queue)."""
    results = []
    for body in bodies:
        message = json.loads(body)
        results.append(run_import(message["bucket"], message["key"], import_id=message.get("import_id"),
                                  time_left=time_left))
    return results


def sweep_stalled_imports(now: float | None = None) -> int:
    """Continue imports left running: their invocation crashed and Lambda's retries (or the queue's
    redeliveries) are used up. Runs on a schedule, never on a request path."""
    cutoff = int(now if now is not None else time.time()) - STALLED_AFTER_SECONDS
    count = 0
    for item in state.stalled(cutoff):
        queues.send_continuation(continuation(item, get_settings().bucket))
        count += 1
    if count:
        log.warning("stalled imports continued", extra={"count": count})
    return count


