"""leadflow: the Chalice app. Wiring only; everything else lives in chalicelib/."""
import gc
import os

gc.disable()                           # for the imports below: see gc.freeze() after them
from chalice import Chalice, Cron, Rate

from chalicelib.api import (
    admin, assignment_rules, catalog, consents, customers, forwarding, imports, integrations, leads, meta, privacy,
    webhooks, workspace,
)
from chalicelib.api.problems import normalise_response
from chalicelib.native import require_compiled_extensions
from chalicelib.observability import observe

# What the imports built (modules, classes, schemas) lives as long as the process: looking for
# garbage among it while it is built cost a cold start some 20 ms, and later collections need not
# look at it again. From here on the collector runs as usual.
gc.freeze()
gc.enable()

require_compiled_extensions()          # refuse to start on rapidfuzz's pure-Python fallback
# Chalice's logger is named after the app, as Powertools' (chalicelib/observability.py) is after
# POWERTOOLS_SERVICE_NAME "leadflow": only Powertools' JSON handler on it, or every line prints twice.
app = Chalice(app_name="leadflow", configure_logs=False)
# Bodies API Gateway must hand over byte for byte: a form posted in Windows-1252, a multipart form,
# an ADF document in its own encoding (as text, API Gateway would read them as UTF-8 and spoil them).
# Only types leadflow never answers with: a binary response type is sent base64-encoded.
app.api.binary_types.extend(["application/x-www-form-urlencoded", "multipart/form-data", "application/xml",
                             "text/xml"])
# Each route loads its services with its first request (api/routing.py `lazy`) and each event
# handler below its own, so a cold start imports only what its first invocation needs.
app.register_blueprint(meta.bp)
app.register_blueprint(leads.bp)
app.register_blueprint(catalog.bp)
app.register_blueprint(admin.bp)
app.register_blueprint(customers.bp)
app.register_blueprint(imports.bp)
app.register_blueprint(integrations.bp)
app.register_blueprint(webhooks.bp)
app.register_blueprint(assignment_rules.bp)
app.register_blueprint(forwarding.bp)
app.register_blueprint(privacy.bp)
app.register_blueprint(consents.bp)
app.register_blueprint(workspace.bp)


@app.middleware("http")
def problem_json_errors(event, get_response):
    """Chalice's own errors (405, 415, 500) leave as problem+json like ours."""
    return normalise_response(get_response(event))


@app.middleware("all")
def logs_and_metrics(event, get_response):
    """A JSON access line per request, a line per event handler run, metrics flushed after each."""
    return observe(event, get_response)


# S3 -> SQS -> Lambda: the bucket's notification goes to the import queue (the stack wires it,
# devstack/run.py does the same locally). It packages with CloudFormation, buffers bursts, and a
# file whose import keeps failing ends in the queue's dead-letter queue.
@app.on_sqs_message(queue=os.environ.get("LEADFLOW_IMPORT_QUEUE", "leadflow-imports"), batch_size=1)
def import_files(event):
    """Import every file of the S3 notifications on the import queue (S3's test event has none)."""
    from chalicelib.services.import_events import handle_notification_messages
    handle_notification_messages([record.body for record in event], time_left=_time_left(event.context))


@app.on_sqs_message(queue=os.environ.get("LEADFLOW_CONTINUE_QUEUE", "leadflow-import-continue"), batch_size=1)
def continue_imports(event):
    """Go on with an import an earlier invocation stopped before its time ran out."""
    from chalicelib.services.import_events import handle_continuations
    handle_continuations([record.body for record in event], time_left=_time_left(event.context))


@app.schedule(Rate(15, unit=Rate.MINUTES))
def continue_stalled_imports(event):
    """Imports whose invocation crashed and whose retries are used up go on from their checkpoint."""
    from chalicelib.services.import_events import sweep_stalled_imports
    sweep_stalled_imports()


@app.schedule(Rate(15, unit=Rate.MINUTES))
def escalate_overdue_leads(event):
    """Open leads past their deadline without a first contact move along their tenant's escalation steps."""
    from chalicelib.services.escalation import escalate_overdue
    escalate_overdue()


# Daily at 02:30 UTC (domain/retention.py RUN_HOUR, RUN_MINUTE: the preview says when it comes).
@app.schedule(Cron(30, 2, "*", "*", "?", "*"))
def apply_retention(event):
    """Each tenant's unconverted and junk leads, raw payloads and error reports past its retention go."""
    from chalicelib.services.retention import apply_retention as run
    run(time_left=_time_left(event.context))


def _time_left(context):
    return lambda: context.get_remaining_time_in_millis() / 1000
