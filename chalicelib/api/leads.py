"""Lead routes: create, read, edit, delete, the list, the audit log."""
from chalice import Blueprint

from ..config import get_settings
from .routing import endpoint, lazy

bulk_actions = lazy("services.bulk_actions")
leads = lazy("services.leads")
retention = lazy("services.retention")

bp = Blueprint(__name__)


@endpoint(bp, "/leads", "POST", summary="Create a lead", action="lead.create", body="api.schemas:LeadCreate",
          body_context="services.leads:validation_context", response="Lead", status=201, headers=["Idempotency-Key"],
          also={200: "a re-inquiry: the person's open lead for the same make, which the inquiry was attached to "
                     "(reinquiry_of names it; see the tenant's reinquiry_days); to a caller who may not read that lead, "
                     "only its id, reinquiry_of, status and a detail"})
def create_lead(ctx):
    """Create a lead; repeat with the same Idempotency-Key to retry safely."""
    return leads.create_lead(ctx.caller, ctx.body, request_hash=ctx.body_hash,
                             idempotency_key=ctx.header("idempotency-key"))


@endpoint(bp, "/leads", "GET", summary="List leads", action="lead.read",
          query="api.schemas:LeadListQuery", response="LeadPage")
def list_leads(ctx):
    """One page of leads: filters, sort, cursor paging."""
    q = ctx.query
    sort = q.sort or ("due" if q.overdue else "-received")
    req = leads.ListRequest(
        status=q.status, qualification=q.qualification, source=q.source, source_detail=q.source_detail,
        assignee=q.assignee, overdue=q.overdue, needs_review=q.needs_review,
        sweepstake_without_consent=q.sweepstake_without_consent, received_from=q.received_from,
        received_to=q.received_to, q=q.q, sort=sort, page_size=q.page_size, cursor=q.cursor)
    return leads.list_leads(ctx.caller, req, budget=get_settings().list_read_budget)


@endpoint(bp, "/leads/bulk-assign", "POST", summary="Assign selected leads to a user",
          action="lead.bulk_assign", body="api.schemas:BulkAssign", response="BulkResult")
def bulk_assign(ctx):
    """Up to 500 leads; each gets its own result (ok, not_found, forbidden, conflict)."""
    return bulk_actions.bulk_assign(ctx.caller, ctx.body.lead_ids, ctx.body.assignee)


@endpoint(bp, "/leads/bulk-delete", "POST", summary="Delete selected leads",
          action="lead.bulk_delete", body="api.schemas:BulkDelete", response="BulkResult")
def bulk_delete(ctx):
    """Up to 500 leads; each gets its own result; only open leads are deleted."""
    return bulk_actions.bulk_delete(ctx.caller, ctx.body.lead_ids)


@endpoint(bp, "/leads/{lead_id}", "GET", summary="Read a lead", action="lead.read",
          response="Lead")
def get_lead(ctx, lead_id):
    """One lead, with its ETag (the version to send in If-Match)."""
    return leads.get_lead(ctx.caller, lead_id)


@endpoint(bp, "/leads/{lead_id}", "PATCH", summary="Edit an open lead", action="lead.update",
          body="api.schemas:LeadPatch", response="Lead", headers=["If-Match"])
def update_lead(ctx, lead_id):
    """Merge-patch an open lead at the version in If-Match (or the body's version)."""
    return leads.update_lead(ctx.caller, lead_id, ctx.body, expected_version=ctx.if_match())


@endpoint(bp, "/leads/{lead_id}", "DELETE", summary="Delete an open lead", action="lead.delete",
          status=204, headers=["If-Match"])
def delete_lead(ctx, lead_id):
    """Delete an open lead; If-Match, when sent, must be the current version."""
    return leads.delete_lead(ctx.caller, lead_id, expected_version=ctx.if_match())


@endpoint(bp, "/leads/{lead_id}/contacts", "POST", summary="Log a contact with the prospect",
          action="lead.contact", body="domain.contacts:ContactInput", response="ContactLogged", status=201, headers=["If-Match"])
def log_contact(ctx, lead_id):
    """A call, e-mail, meeting or SMS on an open lead; the first that reached the prospect is its first contact."""
    return leads.log_contact(ctx.caller, lead_id, ctx.body, expected_version=ctx.if_match())


@endpoint(bp, "/leads/{lead_id}/legal-hold", "PUT", summary="Hold a lead against retention and erasure, or release it",
          action="lead.legal_hold", body="domain.retention:LegalHoldInput", response="Lead", headers=["If-Match"])
def legal_hold(ctx, lead_id):
    """A held lead is kept by the retention run and the erasure and cannot be deleted; the reason is logged."""
    return retention.set_legal_hold(ctx.caller, lead_id, ctx.body, expected_version=ctx.if_match())


@endpoint(bp, "/leads/{lead_id}/log", "GET", summary="A lead's audit log", action="lead.log",
          query="api.schemas:PageQuery", response="AuditPage")
def lead_log(ctx, lead_id):
    """Who did what to the lead, newest first."""
    return leads.lead_log(ctx.caller, lead_id, page_size=ctx.query.page_size, cursor=ctx.query.cursor)
