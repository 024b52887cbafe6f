"""Call the services as the API's endpoints do (the body validated into its model first), for
benchmarks, seeds and race tests that skip HTTP."""
from chalicelib.api.schemas import LeadCreate
from chalicelib.domain.permissions import Caller
from chalicelib.services import conversion, leads
from chalicelib.services.idempotency import request_hash
from chalicelib.services.replies import Reply
from chalicelib.validation import validate


def create_lead(caller: Caller, payload: dict, *, idempotency_key: str | None = None) -> Reply:
    """POST /leads."""
    lead = validate(LeadCreate, payload, leads.validation_context(caller), "the lead breaks a validation rule")
    return leads.create_lead(caller, lead, request_hash=request_hash(payload), idempotency_key=idempotency_key)


def convert(caller: Caller, lead_id: str, body: dict, *, idempotency_key: str | None = None) -> Reply:
    """POST /leads/{id}/convert."""
    request = validate(conversion.ConvertRequest, body, detail="the conversion request breaks a rule")
    return conversion.convert(caller, lead_id, request, request_hash=request_hash(body),
                              idempotency_key=idempotency_key)
