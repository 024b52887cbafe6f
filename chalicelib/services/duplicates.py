"""Duplicate check (Dublettenprüfung) of an open lead against the customer master.

domain.matching (its name tables, rapidfuzz, Kölner Phonetik) is imported by the functions that
check, so that only the routes that run a check load it.
"""
import base64
import binascii
import hashlib
import hmac
import json

from ..domain.permissions import Caller
from ..domain.person import PERSON_FIELDS
from ..errors import BadRequestError
from ..store import customers as store
from ..store import directory
from ..store.models import LeadItem
from .customers import customer_view
from .tenants import load_tenant

MAX_CANDIDATES = 5


def _person(lead: LeadItem) -> dict:
    return {f: lead.data.get(f) for f in PERSON_FIELDS}


def _three_columns(customer: dict, lead: dict) -> list[dict]:
    """The seed's view: field, the customer's value, the lead's new value, whether they differ."""
    return [{"field": f, "customer": customer.get(f), "lead": lead.get(f),
             "differs": lead.get(f) is not None and customer.get(f) != lead.get(f)} for f in PERSON_FIELDS]


MAX_TOKEN_KEYS = 80


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


def thresholds_of(tenant) -> "matching.Thresholds":
    """The tenant's verdict thresholds (probabilities), else the defaults."""
    from ..domain import matching

    settings = tenant.matching or {}
    return matching.Thresholds(settings.get("duplicate_at", matching.Thresholds.duplicate_at),
                               settings.get("possible_at", matching.Thresholds.possible_at))


def _reason(c: "matching.Comparison") -> dict:
    return {"field": c.field, "outcome": c.outcome, "weight": c.weight, "detail": c.detail}


def check(caller: Caller, lead: LeadItem) -> dict:
    """Candidates by match key, scored; nothing is written. The token pins what was shown."""
    from ..domain import matching

    person = _person(lead)

    def read_customers(ids: set[str]) -> dict:
        found = store.batch_get_customers(caller.tenant, ids)
        customers.update(found)
        return {cid: (c.data, c.problems or []) for cid, c in found.items()}

    customers: dict = {}
    result = matching.check(person, lead.problems or [],
                            read_counters=lambda names: store.read_counters(caller.tenant, names),
                            read_keys=lambda limits: store.read_keys(caller.tenant, limits),
                            read_customers=read_customers, thresholds=thresholds_of(load_tenant(caller.tenant)))
    ranked = result.ranked[:MAX_CANDIDATES]
    twice = any(v.twice for _, v in ranked)
    candidates = []
    for cid, verdict in ranked:
        c = customers[cid]
        candidates.append({
            "customer": customer_view(c),
            "verdict": verdict.label, "probability": round(verdict.probability, 4),
            "score": round(verdict.score, 1), "confidence": verdict.confidence, "rule": verdict.rule,
            "twice": verdict.twice,
            "reasons": [_reason(x) for x in verdict.comparisons],
            "fields": _three_columns(c.data, person),
        })
    # The conversion re-checks the strongest keys the check read (as many as its transaction holds).
    heads = {k: result.heads[k] for k in matching.guard_keys(result.heads)[:MAX_TOKEN_KEYS]}
    token = encode_token(caller.tenant, {"lead": lead.lead_id, "lv": lead.version, "heads": heads,
                                         "customers": {cid: customers[cid].version for cid, _ in ranked}})
    note = ("this person may be in the customer master more than once: choose the customer to keep working with"
            if twice else None)
    return {"lead_id": lead.lead_id, "lead_version": lead.version, "candidates": candidates, "note": note,
            "check_token": token, "meta": {"items_read": result.items_read,
                                           "candidates_scored": result.candidates_scored}}
