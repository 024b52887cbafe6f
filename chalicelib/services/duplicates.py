"""Duplicate check (Dublettenprüfung) of an open lead against the customer master."""
import base64
import binascii
import json

from ..domain import matching
from ..domain.permissions import Caller
from ..domain.person import PERSON_FIELDS
from ..errors import BadRequestError
from ..store import customers as store
from ..store.models import LeadItem
from .customers import customer_view

MAX_CANDIDATES = 5


def _person(lead: LeadItem) -> dict:
    return {f: lead.data.get(f) for f in PERSON_FIELDS}


def _three_columns(customer: dict, lead: dict) -> list[dict]:
    """The seed's view: field, the customer's value, the lead's new value, whether they differ."""
    return [{"field": f, "customer": customer.get(f), "lead": lead.get(f),
             "differs": lead.get(f) is not None and customer.get(f) != lead.get(f)} for f in PERSON_FIELDS]


def encode_token(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_token(token: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not (isinstance(data, dict) and isinstance(data.get("lead"), str) and isinstance(data.get("lv"), int)
                and isinstance(data.get("heads"), dict) and isinstance(data.get("customers"), dict)
                and all(isinstance(v, int) for v in list(data["heads"].values()) + list(data["customers"].values()))):
            raise ValueError
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadRequestError("check_token is not one the duplicate check issued; run the check again") from None


def check(caller: Caller, lead: LeadItem) -> dict:
    """Candidates by match key, scored; nothing is written. The token pins what was shown."""
    person = _person(lead)
    profile = matching.Profile.of(person)
    code = matching.surname_code(profile)
    counters = store.read_counters(caller.tenant, [store.TOTAL] + ([f"s:{code}"] if code else []))
    frequency = counters.get(f"s:{code}", 0)
    lookup = matching.lookup_keys(profile, rare_surname=frequency <= matching.RARE_SURNAME)
    found, read = store.read_keys(caller.tenant, {k: matching.key_limit(k) for k in sorted(lookup)})
    candidate_ids = {cid for _, members in found.values() for cid in members}
    customers = store.batch_get_customers(caller.tenant, candidate_ids)
    read += len(customers) + len(counters)
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
    token = encode_token({"lead": lead.lead_id, "lv": lead.version,
                          "heads": {k: v for k, (v, _) in found.items()},
                          "customers": {cid: customers[cid].version for cid, _ in ranked}})
    return {"lead_id": lead.lead_id, "lead_version": lead.version, "candidates": candidates,
            "check_token": token, "meta": {"items_read": read, "candidates_scored": len(customers)}}
