"""Customer master, duplicate check, conversion and activities."""
from chalice import Blueprint

from .routing import endpoint, lazy

activities = lazy("services.activities")
conversion = lazy("services.conversion")
customers = lazy("services.customers")

bp = Blueprint(__name__)


@endpoint(bp, "/leads/{lead_id}/duplicates", "GET", summary="Duplicate check of an open lead",
          action="lead.convert", response="DuplicateCheck")
def duplicates(ctx, lead_id):
    """Ranked candidates with reasons and the three-column view; writes nothing."""
    return conversion.duplicate_check(ctx.caller, lead_id)


@endpoint(bp, "/leads/{lead_id}/convert", "POST", summary="Convert a lead: customer decision and activity",
          action="lead.convert", body="services.conversion:ConvertRequest", response="Conversion", status=201,
          headers=["Idempotency-Key", "If-Match"])
def convert(ctx, lead_id):
    """One transaction; 409 with a fresh duplicate check when what was shown has changed. The
    check token holds the lead's version; an If-Match, if sent, must be that version too (412)."""
    return conversion.convert(ctx.caller, lead_id, ctx.body, request_hash=ctx.body_hash,
                              idempotency_key=ctx.header("idempotency-key"), expected_version=ctx.if_match())


@endpoint(bp, "/customers", "POST", summary="Create a customer", action="customer.write",
          body="services.customers:CustomerInput", body_context="services.customers:validation_context", response="Customer",
          status=201)
def create_customer(ctx):
    """A customer with the person fields of a lead."""
    return customers.create_customer(ctx.caller, ctx.body)


@endpoint(bp, "/customers", "GET", summary="Search the customer master", action="customer.read",
          query="api.schemas:CustomerQuery", response="CustomerPage")
def search_customers(ctx):
    """Newest first, or by name, e-mail, phone or city (umlaut-insensitive); paged by cursor."""
    return customers.search_customers(ctx.caller, ctx.query.q, ctx.query.page_size, ctx.query.cursor)


# 1,000 customers as a dealer system writes them (name, company, address, three phones, e-mail,
# birth date: 300-400 bytes each) pass the API's 256 KiB; each field's limit bounds a record to
# about 4 KiB, and API Gateway takes 10 MB.
BULK_BODY_BYTES = 4 * 2**20


@endpoint(bp, "/customers/bulk", "POST", summary="Load up to 1,000 customers from a dealer system",
          action="customer.bulk", body="api.schemas:CustomerBulk", response="CustomerBulkResult",
          records="customers", max_body_bytes=BULK_BODY_BYTES)
def bulk_customers(ctx):
    """Idempotent by external_id; a record's absent fields leave the customer's alone; one result each."""
    return customers.bulk_load(ctx.caller, ctx.body.customers, reader_problems=ctx.unread)


@endpoint(bp, "/customers/reindex", "POST", summary="Derive the master's match keys and search tokens anew",
          action="customer.reindex", body="api.schemas:CustomerReindex", response="CustomerReindexResult")
def reindex_customers(ctx):
    """After an upgrade that changed how they are derived: 100 customers a call, newest first; only what is stale is written."""
    return customers.reindex(ctx.caller, ctx.body.cursor)


@endpoint(bp, "/customers/{customer_id}", "GET", summary="Read a customer", action="customer.read",
          response="Customer")
def get_customer(ctx, customer_id):
    """One customer with its version."""
    return customers.get_customer(ctx.caller, customer_id)


@endpoint(bp, "/customers/{customer_id}", "PATCH", summary="Edit a customer", action="customer.write",
          body="services.customers:CustomerPatch", response="Customer", headers=["If-Match"])
def update_customer(ctx, customer_id):
    """Changed fields at the version read; match keys follow."""
    return customers.update_customer(ctx.caller, customer_id, ctx.body, expected_version=ctx.if_match())


@endpoint(bp, "/customers/{customer_id}/log", "GET", summary="A customer's audit log", action="customer.read",
          response="CustomerLog")
def customer_log(ctx, customer_id):
    """Who created or changed the customer, newest first."""
    return customers.customer_log(ctx.caller, customer_id)


@endpoint(bp, "/customers/{customer_id}/activities", "GET", summary="A customer's activities",
          action="activity.read", response="ActivityList")
def customer_activities(ctx, customer_id):
    """Newest first."""
    return activities.customer_activities(ctx.caller, customer_id)


@endpoint(bp, "/activities", "GET", summary="A user's open activities by due date", action="activity.read",
          query="api.schemas:ActivityQuery", response="ActivityList")
def open_activities(ctx):
    """The caller's (or assignee's) open activities, the most urgent first."""
    assignee = None if ctx.query.assignee in (None, "me") else ctx.query.assignee
    return activities.my_open_activities(ctx.caller, assignee)


@endpoint(bp, "/activities/{activity_id}", "PATCH", summary="Complete or reschedule an activity",
          action="activity.write", body="services.activities:ActivityPatch", response="Activity",
          headers=["If-Match"])
def update_activity(ctx, activity_id):
    """Status, due date or notes at the version read (If-Match, or "version" in the body)."""
    return activities.update_activity(ctx.caller, activity_id, ctx.body, expected_version=ctx.if_match())
