"""Request schemas: they validate bodies and queries at the edge and, with the response schemas
of api/responses.py, generate /openapi.json."""
import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator, BeforeValidator, ConfigDict, StrictInt, Field, create_model, field_validator, model_validator,
)
from pydantic_core import PydanticCustomError

from ..domain.escalation import EscalationSettings
from ..domain.lead import READ_ONLY_FIELDS, LeadInput, Qualification, Status
from ..domain.retention import RetentionSettings
from ..validation import CleanName, NotABoolean, Schema


def _digits_to_int(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.isdigit() else value


PageSize = Annotated[Literal[10, 25, 50, 100], BeforeValidator(_digits_to_int)]
SORTS = ("received", "-received", "due", "-due", "last_name", "-last_name", "qualification", "-qualification")


class LeadCreate(LeadInput):
    """A new lead. Person fields at the top level; a last name (or a company) and one way to reach
    the person. Fields leadflow sets (id, status, version, ...) cannot be written."""
    READ_ONLY: ClassVar[frozenset[str]] = READ_ONLY_FIELDS


class _PatchBase(Schema):
    model_config = ConfigDict(extra="forbid")
    READ_ONLY: ClassVar[frozenset[str]] = READ_ONLY_FIELDS - {"version", "status"} | {"received_at"}

    @model_validator(mode="before")
    @classmethod
    def _consent_is_the_ledgers(cls, data):
        # Consent is proof (Art. 7): recorded entry by entry in the ledger, never rewritten by an edit.
        if isinstance(data, dict) and "consent" in data:
            raise PydanticCustomError("consent_in_ledger", "consent is recorded in the lead's consent ledger: "
                                      "grant or withdraw it with POST /leads/{id}/consents", {"field": "consent"})
        return data


LeadPatch = create_model(
    "LeadPatch",
    __base__=_PatchBase,

    __doc__="JSON merge patch (RFC 7396) of a lead: send only what changes; null clears a field. "
            "The same rules as on create apply to the merged lead.",
    version=(StrictInt | None, Field(None, description="the version you edited (a number), unless sent as If-Match")),
    status=(Literal["open", "closed"] | None, Field(None, description="close an open lead, or reopen a closed one (alone)")),
    reviewed=(Literal[True] | None, Field(None, description="true: the review is done. Every problem a sender left is "
                                                            "settled, the values standing as they are now (a value "
                                                            "without a field too); what the lead still breaks is "
                                                            "flagged afresh")),
    **{name: (field.annotation | None, None) for name, field in LeadInput.model_fields.items()
       if name not in ("received_at", "consent")},
)


def _date_or_time(value):
    """2026-12-01 or 2026-12-01T08:00:00Z; anything else is one error that says both forms."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise PydanticCustomError("date_or_time", "{given} is neither a date (2026-12-01) nor a date and time "
                                  "(2026-12-01T08:00:00Z)", {"given": value}) from None


class LeadListQuery(Schema):
    """Filters, sort and paging of the leads list."""
    model_config = ConfigDict(extra="forbid")
    status: Status | None = None
    qualification: Qualification | None = None
    source: Annotated[str, Field(max_length=100)] | None = None
    source_detail: Annotated[str, Field(max_length=100)] | None = None
    assignee: Annotated[str, Field(max_length=64, description="a user id, 'me' or 'unassigned'")] | None = None
    overdue: bool = False
    needs_review: bool = False
    sweepstake_without_consent: bool = Field(False, description="only sweepstake (Gewinnspiel) leads whose person "
                                                                "has not granted marketing")
    received_from: Annotated[dt.datetime | dt.date, BeforeValidator(_date_or_time)] | None = None
    received_to: Annotated[dt.datetime | dt.date, BeforeValidator(_date_or_time)] | None = None
    q: Annotated[str, Field(min_length=2, max_length=100, description="name, e-mail, phone or city")] | None = None
    sort: Literal[SORTS] | None = Field(None, description="default -received; due when overdue=true")
    page_size: PageSize = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None

    @field_validator("received_from", "received_to")
    @classmethod
    def _aware(cls, value):
        # A date and time without a zone is the dealer's local time, as a date is its day (services/leads.py).
        if value is not None and not 1900 <= value.year <= 9000:
            raise ValueError("a year between 1900 and 9000")
        return value

    @model_validator(mode="after")
    def _ordered_range(self):
        start, end = self.received_from, self.received_to
        if start is not None and end is not None:
            as_date = lambda v: v.date() if isinstance(v, dt.datetime) else v
            if as_date(start) > as_date(end):
                raise PydanticCustomError("range_order", "received_from lies after received_to",
                                          {"field": "received_from"})
        return self


LeadId = Annotated[str, Field(min_length=1, max_length=64)]


class BulkAssign(Schema):
    """Assign the selected leads to an active user of the tenant; null returns them to the pool."""
    model_config = ConfigDict(extra="forbid")
    lead_ids: Annotated[list[LeadId], Field(min_length=1, max_length=500)]
    assignee: Annotated[str, Field(min_length=1, max_length=64)] | None


class BulkDelete(Schema):
    """Delete the selected open leads."""
    model_config = ConfigDict(extra="forbid")
    lead_ids: Annotated[list[LeadId], Field(min_length=1, max_length=500)]


class PageQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    page_size: PageSize = 50
    cursor: Annotated[str, Field(max_length=2000)] | None = None


class SourceCreate(Schema):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=100), CleanName]
    details: Annotated[list[Annotated[str, Field(min_length=1, max_length=100), CleanName]], Field(max_length=500)] = []


class SourcePatch(Schema):
    model_config = ConfigDict(extra="forbid")
    version: int
    details: Annotated[list[Annotated[str, Field(min_length=1, max_length=100), CleanName]],
                       Field(max_length=500)] | None = None
    active: bool | None = None


class MatchingSettings(Schema):
    """The duplicate check's thresholds, as match probabilities (0-1)."""
    model_config = ConfigDict(extra="forbid")
    duplicate_at: Annotated[float, NotABoolean, Field(gt=0, le=1)] = 0.9
    possible_at: Annotated[float, NotABoolean, Field(gt=0, lt=1)] = 0.2

    @model_validator(mode="after")
    def _ordered(self):
        if self.possible_at >= self.duplicate_at:
            raise PydanticCustomError("threshold_order", "possible_at must lie below duplicate_at",
                                      {"field": "matching.possible_at"})
        return self


Role = Literal["admin", "sales_manager", "sales_rep", "integration", "auditor"]
# Words the API gives a meaning of their own (assignee=me, assignee=unassigned): no user may be called so.
RESERVED_USER_IDS = frozenset({"me", "unassigned", "none", "pool", "all"})


def _not_reserved(user: str) -> str:
    if user.lower() in RESERVED_USER_IDS:
        raise ValueError(f"{user!r} is reserved (it means something else in the leads list); choose another id")
    return user


UserId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._@-]+$"),
                   AfterValidator(_not_reserved)]


class PrincipalCreate(Schema):
    """Map an IAM principal to a user and a role in the caller's tenant."""
    model_config = ConfigDict(extra="forbid")
    principal: Annotated[str, Field(max_length=2048, description="IAM user or role ARN")]
    user: UserId
    role: Role
    name: Annotated[str, Field(max_length=100)] | None = None


class PrincipalPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    version: int
    role: Role | None = None
    active: bool | None = None
    name: Annotated[str, Field(max_length=100)] | None = None


class TenantPatch(Schema):
    """Tenant settings; deadlines computed from then on use them."""
    model_config = ConfigDict(extra="forbid")
    version: int
    name: Annotated[str, Field(min_length=1, max_length=200), CleanName] | None = None
    country: Literal["AT", "DE", "CH", "LI"] | None = None
    subdivision: Annotated[str, Field(max_length=20)] | None = None
    holiday_categories: Annotated[list[str], Field(min_length=1, max_length=5)] | None = None
    activity_types: Annotated[list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")]],
                              Field(min_length=1, max_length=50)] | None = None
    consent_exceptions: bool | None = Field(
        None, description="allow an activity the person has not consented to (a call without phone marketing or "
                          "dealer contact) when the request gives consent_exception: its reason, recorded and audited")
    consent_channels: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")],
                           Literal["email", "phone", "sms", "post"]] | None = Field(
        None, max_length=50, description="activity type -> the channel it reaches the person by (it then needs that "
                                         "consent); adds to call: phone, email: email, letter: post, sms: sms, "
                                         "which stay")
    matching: MatchingSettings | None = Field(None, description="the duplicate check's verdict thresholds")
    escalation: EscalationSettings | None = Field(
        None, description="what happens to an open lead without a first contact past its deadline: the steps, "
                          "in order, each sent whole")
    reinquiry_days: Annotated[int, NotABoolean, Field(ge=0, le=365)] | None = Field(
        None, description="a new inquiry of a person with an open lead for the same make received within this many "
                          "days is attached to that lead as a re-inquiry; 0 turns it off (default 30)")
    retention: RetentionSettings | None = Field(
        None, description="how long leads, raw payloads and error reports are kept (a field left out keeps its "
                          "value); GET /privacy/retention shows what the next daily run removes")

    @field_validator("name", "country", "holiday_categories", "activity_types", "consent_exceptions",
                     "consent_channels", "matching", "escalation", "reinquiry_days", "retention", mode="before")
    @classmethod
    def _null_clears_only_the_subdivision(cls, value):
        # {"name": null} answered 200 and changed nothing: a setting is changed by a value, and only
        # the subdivision (a holiday region) can be taken away.
        if value is None:
            raise PydanticCustomError("none_type", "null is no value here")
        return value

    @model_validator(mode="before")
    @classmethod
    def _kind_is_provisioned(cls, data):
        # A dealer's admin made their dealership an importer (forwarding, links to dealers) by a PATCH.
        if isinstance(data, dict) and "kind" in data:
            raise PydanticCustomError("read_only", "the tenant's kind (dealer or importer) is set when the tenant is "
                                      "provisioned, not here", {"field": "kind"})
        return data


# ------------------------------------------------------------------ customers, duplicates, conversion


class CustomerQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    q: Annotated[str, Field(min_length=2, max_length=100)] | None = None
    page_size: PageSize = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = Field(None, description="the next_cursor of the page before")


class CustomerBulk(Schema):
    """Up to 1,000 customers, each with the external_id of the dealer management system. A record
    changes only the fields it has: an absent field leaves the customer's value alone, an explicit
    null clears it (for roles that may edit customers). A value that breaks a rule is kept as a
    problem and the customer stored, flagged for review; a record naming nobody is rejected. A key
    given twice or half a character (a lone UTF-16 surrogate) inside a record is that record's
    problem: the field is left out, the other records are loaded."""
    model_config = ConfigDict(extra="forbid")
    customers: Annotated[list[dict], Field(min_length=1, max_length=1000)]


class CustomerReindex(Schema):
    """One page of the master derived anew; send the answer's next_cursor to go on."""
    model_config = ConfigDict(extra="forbid")
    cursor: Annotated[str, Field(max_length=2000)] | None = None


class ActivityQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    assignee: Annotated[str, Field(max_length=64, description="a user id or 'me' (default)")] | None = None
