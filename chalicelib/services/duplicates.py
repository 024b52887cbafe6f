"""Duplicate check (Dublettenprüfung) of an open lead against the customer master."""
import base64
import binascii
import hashlib
import hmac
import json

from ..domain import matching
from ..domain.permissions import Caller
from ..domain.person import PERSON_FIELDS
from ..errors import BadRequestError
from ..store import customers as store
from ..store import directory
from ..store.models import LeadItem
from .customers import customer_view

MAX_CANDIDATES = 5


def _person(lead: LeadItem) -> dict:
    return {f: lead.data.get(f) for f in PERSON_FIELDS}


def _three_columns(customer: dict, lead: dict) -> list[dict]:
    """The seed's view: field, the customer's value, the lead's new value, whether they differ."""
    return [{"field": f, "customer": customer.get(f), "lead": lead.get(f),
             "differs": lead.get(f) is not None and customer.get(f) != lead.get(f)} for f in PERSON_FIELDS]


MAX_TOKEN_KEYS = 40


def _signature(tenant: str, payload: str) -> str:
    return hmac.new(directory.token_key(tenant), payload.encode(), hashlib.sha256).hexdigest()[:32]


def encode_token(tenant: str, data: dict) -> str:
    """What the check showed, signed: a client cannot widen or drop what the conversion re-checks."""
    payload = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"{payload}.{_signature(tenant, payload)}"


def decode_token(tenant: str, token: str) -> dict:
    invalid = BadRequestError("check_token is not one the duplicate check issued; run the check again")
    payload, _, signature = token.partition(".")
    if not hmac.compare_digest(signature, _signature(tenant, payload)):
        raise invalid
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        numbers = list(data["heads"].values()) + list(data["customers"].values()) + [data["lv"]]
        if not (isinstance(data["lead"], str) and len(data["heads"]) <= MAX_TOKEN_KEYS
                and len(data["customers"]) <= MAX_TOKEN_KEYS
                and all(isinstance(v, int) and 0 <= v < 2 ** 53 for v in numbers)):
            raise ValueError
        return data
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise invalid from None


def check(caller: Caller, lead: LeadItem) -> dict:
    """Candidates by match key, scored; nothing is written. The token pins what was shown."""
    person = _person(lead)
    profile = matching.Profile.of(person)
    code = matching.surname_code(profile)
    counters, counter_reads = store.read_counters(caller.tenant, [store.TOTAL] + ([f"s:{code}"] if code else []))
    frequency = counters.get(f"s:{code}", 0)
    lookup = matching.lookup_keys(profile, rare_surname=frequency <= matching.RARE_SURNAME)
    found, read = store.read_keys(caller.tenant, {k: matching.key_limit(k) for k in sorted(lookup)})
    candidate_ids = {cid for _, members in found.values() for cid in members}
    customers = store.batch_get_customers(caller.tenant, candidate_ids)
    read += len(customers) + counter_reads
    verdicts = [(cid, matching.compare(profile, matching.Profile.of(c.data), surname_frequency=frequency,
                                       total=counters[store.TOTAL]))
                for cid, c in customers.items()]
    ranked = matching.rank(verdicts)[:MAX_CANDIDATES]
    candidates = []
    for cid, verdict in ranked:
        c = customers[cid]
        candidates.append({
            "customer": customer_view(c),
            "verdict": "duplicate" if verdict.duplicate else "possible" if verdict.possible else "unlikely",
            "score": round(verdict.score, 1), "confidence": verdict.confidence,
            "reasons": [{"field": x.field, "outcome": x.outcome, "detail": x.detail} for x in verdict.comparisons],
            "fields": _three_columns(c.data, person),
        })
    token = encode_token(caller.tenant, {"lead": lead.lead_id, "lv": lead.version,
                          "heads": {k: v for k, (v, _) in found.items()},
                          "customers": {cid: customers[cid].version for cid, _ in ranked}})
    return {"lead_id": lead.lead_id, "lead_version": lead.version, "candidates": candidates,
            "check_token": token, "meta": {"items_read": read, "candidates_scored": len(customers)}}
