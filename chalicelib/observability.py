"""Logs and metrics: a JSON line per request and per event, metrics in CloudWatch's embedded
metric format (EMF), and no person's data in either.

Log lines are Powertools Logger JSON on stdout. Every line of an invocation carries its
`request_id`; a request's lines also `method` and `route` (the template, /leads/{lead_id}), and
once the caller is verified `tenant`, `user` (leadflow's user id, the one the IAM principal maps
to, never a display name) and `role`. Modules under chalicelib keep `logging.getLogger(__name__)`
with `extra=` fields: their lines go through the same JSON handler and carry the same keys.
A line holds ids, counts, statuses and field names, never a value a person typed or a sender sent:
no names, e-mail addresses, phone numbers, addresses, birth dates, search terms, bodies or file
names (tests/api/test_observability.py runs a flow and looks for them).

Metrics, namespace POWERTOOLS_METRICS_NAMESPACE (default "leadflow"), each with the `service`
dimension (the logger's service, POWERTOOLS_SERVICE_NAME, default "leadflow") besides its own:
  LeadsCreated        channel    api | webhook | import
  LeadsNeedingReview  channel    stored with problems a person should review
  Imports             outcome    done | partial | failed | duplicate
  WebhookRefusals     reason     signature | unverified | unknown_integration | rate_limited | too_large |
                                 media_type | unreadable | identifies_nobody | conflict | other
  Conversions         decision   update_customer | keep_customer | new_customer
  OverdueLeads        -          overdue leads on a page of the overdue view (services/leads.py says why there)
  EscalationSteps     action     remind_assignee | notify_managers | reassign: notifications sent by the sweep
  NotificationFailures action    notifications the channel refused (the step stays taken)
Services call metric(); an invocation's counts are summed and sent when it ends, one EMF line per
dimension set (Powertools' Metrics keeps one set of dimensions per line).
"""
import functools
import logging
import os
import sys
import time
import traceback
from collections import Counter, defaultdict
from contextvars import ContextVar

from aws_lambda_powertools import Logger
from chalice.app import Request

# The Chalice app_name too: app.py leaves Chalice's logger (of that name) unconfigured, so that
# Powertools' JSON handler is its only one (two would print every line twice) and Chalice's own
# error lines come out as JSON as well.
SERVICE = "leadflow"
NAMESPACE = "leadflow"

# (metric name, sorted dimension pairs) -> sum, for the invocation running in this context.
_counts: ContextVar[Counter | None] = ContextVar("leadflow_metric_counts", default=None)


class _CurrentStdout:
    """sys.stdout as it is when a line is written: pytest and chalice local replace it after import."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


@functools.cache
def get_logger() -> Logger:
    """The Powertools Logger, made on first use (the service name comes from the environment)."""
    logger = Logger(service=os.environ.get("POWERTOOLS_SERVICE_NAME") or SERVICE, stream=_CurrentStdout())
    modules = logging.getLogger("chalicelib")
    modules.addHandler(logger.registered_handler)
    modules.setLevel(logger.log_level)
    modules.propagate = False        # Lambda's root handler would print each line a second time, as text
    return logger


def metric(name: str, value: float = 1, **dimensions: str) -> None:
    """Count `value` for a metric under these dimensions; sent when the invocation ends.
    Outside an invocation (the demo seed, a bench script) nothing is counted: nothing would send it."""
    counts = _counts.get()
    if counts is not None:
        counts[(name, tuple(sorted((k, str(v)) for k, v in dimensions.items())))] += value


def fault(exc: BaseException) -> dict:
    """What a log line says of an unexpected error: its type and where it was raised, never its
    message (a message may quote a file's or a form's content, personal data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return {"error": type(exc).__name__, "at": f"{frames[-1].filename}:{frames[-1].lineno}" if frames else None}


def note_caller(caller) -> None:
    """The verified caller's tenant, user id and role on the rest of the request's lines."""
    get_logger().thread_safe_append_keys(tenant=caller.tenant, user=caller.user, role=caller.role)


def observe(event, get_response):
    """Chalice middleware for every event type: the log context, one closing line (the access
    line of a request), and the invocation's metrics flushed however it ends."""
    if isinstance(event, Request):
        return _request(event, get_response)
    return _invocation(event, get_response)


def _request(request: Request, get_response):
    context = request.context or {}
    # API Gateway's id where there is one (its own logs use it), else the Lambda invocation's.
    request_id = context.get("requestId") or getattr(request.lambda_context, "aws_request_id", None)
    _begin(request_id=request_id, method=request.method, route=context.get("resourcePath"))
    started, status = time.perf_counter(), 500
    try:
        response = get_response(request)
        status = response.status_code
        return response
    finally:
        get_logger().info("request", extra={"status": status, "ms": _ms_since(started)})
        _end()


def _invocation(event, get_response):
    context = getattr(event, "context", None)
    _begin(request_id=getattr(context, "aws_request_id", None), function=getattr(context, "function_name", None),
           event=type(event).__name__)
    started, error = time.perf_counter(), None
    try:
        return get_response(event)
    except Exception as exc:
        error = type(exc).__name__                   # not its message: it may quote a file's content
        raise
    finally:
        outcome = {"outcome": "error" if error else "ok", "error": error, "ms": _ms_since(started)}
        (get_logger().warning if error else get_logger().info)("invocation", extra=outcome)
        _end()


def _begin(**keys) -> None:
    logger = get_logger()
    logger.thread_safe_clear_keys()
    logger.thread_safe_append_keys(**keys)
    _counts.set(Counter())


def _end() -> None:
    try:
        flush_metrics()
    finally:
        get_logger().thread_safe_clear_keys()
        _counts.set(None)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def flush_metrics() -> None:
    """Send the invocation's counts, one EMF line per dimension set; nothing when nothing was counted."""
    counts = _counts.get()
    if not counts:
        return
    # Imported here: an invocation that counts nothing does not pay for it.
    from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit
    by_dimensions: dict[tuple, dict[str, float]] = defaultdict(dict)
    for (name, dimensions), value in counts.items():
        by_dimensions[dimensions][name] = value
    counts.clear()
    for dimensions, values in by_dimensions.items():
        emf = EphemeralMetrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or NAMESPACE,
                               service=get_logger().service)
        for key, value in dimensions:
            emf.add_dimension(name=key, value=value)
        for name, value in values.items():
            emf.add_metric(name=name, unit=MetricUnit.Count, value=value)
        emf.flush_metrics()
