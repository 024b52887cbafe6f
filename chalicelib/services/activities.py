"""CRM activities on customers: the outcome of a conversion, then worked until done."""
import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator

from ..domain.activities import past_due_date
from ..domain.ids import is_valid_id, new_id
from ..domain.permissions import Caller
from ..domain.person import PERSON_FIELDS
from ..errors import InvalidInputError, NotFoundError, StaleVersionError
from ..store import customers as store
from ..store import keys
from ..domain.versions import require_version
from ..store.models import ActivityItem, CustomerItem
from ..validation import NotANumber, Schema
from .tenants import load_tenant, require_user

_MAX_DETAILS = 4000


class ActivityInput(Schema):
    """The activity to create: a standard type, its due date, assignee, notes and type-specific details."""
    model_config = ConfigDict(extra="forbid")
    type: Annotated[str, Field(max_length=40)]
    due_date: Annotated[dt.date, NotANumber] | None = Field(None, description="today or later, in the tenant's time zone")
    assignee: Annotated[str, Field(max_length=64)] | None = None
    notes: Annotated[str, Field(max_length=4000)] | None = None
    details: dict[str, Any] = Field(default_factory=dict,
                                    description="type-specific data, e.g. vehicle and time of a test drive")
    consent_exception: Annotated[str, Field(min_length=3, max_length=500)] | None = Field(
        None, description="why this activity is created although the person has not given the consent its type "
                          "needs (a call without phone marketing or dealer contact); only where the tenant allows "
                          "consent exceptions; recorded on the activity and audited")

    @field_validator("details")
    @classmethod
    def _small(cls, value: dict) -> dict:
        if len(json.dumps(value, default=str)) > _MAX_DETAILS:
            raise ValueError(f"at most {_MAX_DETAILS} characters of JSON")
        return value


class ActivityPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    version: int | None = None          # or If-Match, as for leads and customers
    status: Literal["open", "done"] | None = None
    due_date: Annotated[dt.date, NotANumber] | None = Field(None, description="a new one today or later, in the "
                                                                         "tenant's time zone")
    notes: Annotated[str, Field(max_length=4000)] | None = None


def require_due_date(due_date: dt.date | None, *, timezone: str, now: dt.datetime, field: str) -> None:
    """Refuse (422 at `field`) a due date before today in the tenant's time zone."""
    if reason := past_due_date(due_date, timezone=timezone, now=now):
        raise InvalidInputError("the due date lies in the past", [{"field": field, "type": "value_error",
                                                                  "message": reason}])


def activity_item(caller: Caller, customer: CustomerItem, data: ActivityInput, *, assignee: str,
                  lead_id: str | None, now: dt.datetime, consent_exception: dict | None = None) -> ActivityItem:
    """A new open activity; the person data is copied from the customer master as it is now. With
    `consent_exception` (services/consents.py require_for_activity): why it needs no consent here."""
    exception = {**consent_exception, "by": caller.user, "at": keys.iso(now)} if consent_exception else None
    return store.new_activity(caller.tenant, new_id(), customer_id=customer.customer_id, lead_id=lead_id,
                              type=data.type, status="open", due_date=data.due_date.isoformat() if data.due_date else None,
                              assignee=assignee, notes=data.notes, details=data.details,
                              person={f: customer.data.get(f) for f in PERSON_FIELDS},
                              created_at=keys.iso(now), created_by=caller.user, consent_exception=exception)


def activity_view(item: ActivityItem) -> dict:
    return {"id": item.activity_id, "customer_id": item.customer_id, "lead_id": item.lead_id, "type": item.type,
            "status": item.status, "due_date": item.due_date, "assignee": item.assignee, "notes": item.notes,
            "details": item.details, "person": item.person, "consent_exception": item.consent_exception,
            "version": item.version,
            "created_at": item.created_at, "created_by": item.created_by,
            "updated_at": item.updated_at, "updated_by": item.updated_by}


def customer_activities(caller: Caller, customer_id: str) -> dict:
    if not is_valid_id(customer_id) or store.get_customer(caller.tenant, customer_id) is None:
        raise NotFoundError("customer not found")
    items, _ = store.activities_of_customer(caller.tenant, customer_id, limit=100, start=None)
    return {"items": [activity_view(i) for i in items]}


def my_open_activities(caller: Caller, assignee: str | None) -> dict:
    """A user's open activities, the most urgent first."""
    if assignee is not None:
        require_user(caller.tenant, assignee)
    items, _ = store.open_activities_of(caller.tenant, assignee or caller.user, limit=100, start=None)
    return {"items": [activity_view(i) for i in items]}


def update_activity(caller: Caller, activity_id: str, patch: ActivityPatch, *,
                    expected_version: int | None = None) -> dict:
    item = store.get_activity(caller.tenant, activity_id) if is_valid_id(activity_id) else None
    if item is None:
        raise NotFoundError("activity not found")
    if expected_version is not None and patch.version is not None and patch.version != expected_version:
        raise InvalidInputError("two versions given", [{
            "field": "version", "type": "version_mismatch",
            "message": f"the body says version {patch.version}, If-Match says {expected_version}: send one"}])
    require_version(item.version, expected_version if expected_version is not None else patch.version, "activity")
    for name in ("status", "notes"):
        if getattr(patch, name) is not None:
            setattr(item, name, getattr(patch, name))
    now = dt.datetime.now(dt.timezone.utc)
    if patch.due_date is not None and patch.due_date.isoformat() != item.due_date:
        # A new date must not lie in the past; the one it has (overdue or not) may be sent back as read.
        require_due_date(patch.due_date, timezone=load_tenant(caller.tenant).timezone, now=now, field="due_date")
        item.due_date = patch.due_date.isoformat()
    item.updated_at, item.updated_by = keys.iso(now), caller.user
    try:
        store.save_activity(item)
    except store.ChangedMeanwhileError:
        raise StaleVersionError("the activity changed while you were saving") from None
    return activity_view(item)
