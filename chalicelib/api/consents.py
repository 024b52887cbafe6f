"""Consent ledger routes (DSGVO/GDPR Art. 7): a lead's and a customer's grants and withdrawals."""
from chalice import Blueprint

from .routing import endpoint, lazy

consents = lazy("services.consents")

bp = Blueprint(__name__)


@endpoint(bp, "/leads/{lead_id}/consents", "GET", summary="A lead's consent ledger", action="lead.read",
          response="ConsentLedger")
def lead_consents(ctx, lead_id):
    """Every grant and withdrawal, oldest first, and what the person grants now."""
    return consents.lead_ledger(ctx.caller, lead_id)


@endpoint(bp, "/leads/{lead_id}/consents", "POST", summary="Record consent given or withdrawn on a lead",
          action="lead.update", body="services.consents:ConsentRecording", response="ConsentLedger", status=201)
def record_lead_consents(ctx, lead_id):
    """Appended to the ledger, effective at once; the lead's consent section follows (a converted lead's customer too)."""
    return consents.record_for_lead(ctx.caller, lead_id, ctx.body)


@endpoint(bp, "/customers/{customer_id}/consents", "GET", summary="A customer's consent ledger",
          action="customer.read", response="ConsentLedger")
def customer_consents(ctx, customer_id):
    """Every grant and withdrawal (those carried from converted leads too), oldest first, and what they grant now."""
    return consents.customer_ledger(ctx.caller, customer_id)


@endpoint(bp, "/customers/{customer_id}/consents", "POST", summary="Record consent given or withdrawn on a customer",
          action="customer.write", body="services.consents:ConsentRecording", response="ConsentLedger", status=201)
def record_customer_consents(ctx, customer_id):
    """Appended to the ledger, effective at once: the next activity is checked against it."""
    return consents.record_for_customer(ctx.caller, customer_id, ctx.body)
