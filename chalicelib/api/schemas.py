"""Request and response schemas: they validate at the edge and generate /openapi.json."""
import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator, BeforeValidator, ConfigDict, Field, create_model, field_validator, model_validator,
)
from pydantic_core import PydanticCustomError

from ..domain.lead import READ_ONLY_FIELDS, Channel, Consent, LeadInput, Qualification, Status, Vehicle
from ..validation import Schema


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


LeadPatch = create_model(
    "LeadPatch",
    __base__=_PatchBase,

    __doc__="JSON merge patch (RFC 7396) of a lead: send only what changes; null clears a field. "
            "The same rules as on create apply to the merged lead.",
    version=(int | None, Field(None, description="the version you edited, unless sent as If-Match")),
    status=(Literal["open", "closed"] | None, Field(None, description="close an open lead, or reopen a closed one (alone)")),
    **{name: (field.annotation | None, None) for name, field in LeadInput.model_fields.items()
       if name != "received_at"},
)


class LeadProblem(Schema):
    """Something a sender got wrong: the field, the value as given, why it was not taken."""
    field: str
    given: Any = None
    reason: str
    rule: str | None = Field(None, description="set for a gap of the whole record: missing_name, missing_contact")
    column: str | None = Field(None, description="the file's column the value came from")


class Lead(Schema):
    """A lead as leadflow returns it."""
    id: str
    salutation: str | None = None
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = Field(None, description="absent only on a machine sender's lead that needs review")
    company: str | None = None
    country: str
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = Field(None, description="E.164")
    mobile_phone: str | None = Field(None, description="E.164")
    work_phone: str | None = Field(None, description="E.164")
    email: str | None = None
    birth_date: dt.date | None = None
    vehicle: Vehicle
    remark: str | None = None
    consent: Consent | None = None
    qualification: Qualification
    source: str | None = None
    source_detail: str | None = None
    status: Status
    assignee: str | None = None
    channel: Channel
    received_at: str
    due_at: str | None = Field(None, description="end of the last working day to handle it; none for junk")
    overdue: bool
    needs_review: bool = Field(description="a sender got something wrong: see problems")
    problems: list[LeadProblem] = Field(description="values a sender gave that were not taken, and gaps of the record; "
                                                 "a person's edit of a field settles its problems")
    origin: dict | None = Field(None, description="where it came from: the webhook delivery's raw payload, the "
                                                  "import and row")
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    customer_id: str | None = None
    activity_id: str | None = None
    version: int
    allowed_actions: list[Literal["log", "edit", "delete", "assign", "convert", "close", "reopen"]] = Field(
        description="what the caller may do with this lead now; the API accepts each of them")


class ListMeta(Schema):
    index: str = Field(description="the index that served the page, or 'search'")
    items_read: int = Field(description="items DynamoDB read for this page (ScannedCount)")
    candidates: int | None = None


class LeadPage(Schema):
    items: list[Lead]
    next_cursor: str | None
    page_size: int
    meta: ListMeta


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
    received_from: dt.datetime | dt.date | None = None
    received_to: dt.datetime | dt.date | None = None
    q: Annotated[str, Field(min_length=2, max_length=100, description="name, e-mail, phone or city")] | None = None
    sort: Literal[SORTS] | None = Field(None, description="default -received; due when overdue=true")
    page_size: PageSize = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None

    @field_validator("received_from", "received_to")
    @classmethod
    def _aware(cls, value):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
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


class BulkRow(Schema):
    id: str
    result: Literal["ok", "not_found", "forbidden", "conflict"]
    reason: str


class BulkResult(Schema):
    results: list[BulkRow]
    counts: dict[str, int]


class AuditEntry(Schema):
    at: str
    action: str
    actor: str
    role: str
    channel: str
    changes: list[dict]


class AuditPage(Schema):
    lead_id: str
    items: list[AuditEntry]
    next_cursor: str | None


class PageQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    page_size: PageSize = 50
    cursor: Annotated[str, Field(max_length=2000)] | None = None


class SourceCreate(Schema):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=100)]
    details: Annotated[list[Annotated[str, Field(min_length=1, max_length=100)]], Field(max_length=500)] = []


class SourcePatch(Schema):
    model_config = ConfigDict(extra="forbid")
    version: int
    details: Annotated[list[Annotated[str, Field(min_length=1, max_length=100)]], Field(max_length=500)] | None = None
    active: bool | None = None


class Source(Schema):
    name: str
    details: list[str]
    active: bool
    version: int


class SourceList(Schema):
    items: list[Source]


class MatchingSettings(Schema):
    """The duplicate check's thresholds, as match probabilities (0-1)."""
    model_config = ConfigDict(extra="forbid")
    duplicate_at: Annotated[float, Field(gt=0, le=1)] = 0.9
    possible_at: Annotated[float, Field(gt=0, lt=1)] = 0.2

    @model_validator(mode="after")
    def _ordered(self):
        if self.possible_at >= self.duplicate_at:
            raise PydanticCustomError("threshold_order", "possible_at must lie below duplicate_at",
                                      {"field": "matching.possible_at"})
        return self


class Tenant(Schema):
    version: int
    id: str
    name: str
    kind: Literal["dealer", "importer"]
    country: str
    subdivision: str | None
    holiday_categories: list[str]
    timezone: str
    activity_types: list[str] = []
    matching: MatchingSettings | None = None


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


class Principal(Schema):
    id: str = Field(description="URL-safe id of the principal, for /principals/{id}")
    principal: str
    user: str
    role: Role
    name: str | None
    active: bool
    version: int


class PrincipalList(Schema):
    items: list[Principal]


class User(Schema):
    id: str
    name: str | None
    active: bool


class UserList(Schema):
    items: list[User]


class PrincipalLog(Schema):
    principal: str
    items: list[AuditEntry]


class TenantPatch(Schema):
    """Tenant settings; deadlines computed from then on use them."""
    model_config = ConfigDict(extra="forbid")
    version: int
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    kind: Literal["dealer", "importer"] | None = None
    country: Literal["AT", "DE", "CH", "LI"] | None = None
    subdivision: Annotated[str, Field(max_length=20)] | None = None
    holiday_categories: Annotated[list[str], Field(min_length=1, max_length=5)] | None = None
    activity_types: Annotated[list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")]],
                              Field(min_length=1, max_length=50)] | None = None
    matching: MatchingSettings | None = Field(None, description="the duplicate check's verdict thresholds")


class Me(Schema):
    tenant: str
    user: str
    role: str
    principal: str
    permissions: dict[str, str] = Field(description="action -> scope (tenant, own_or_pool, own, created)")


class Health(Schema):
    status: Literal["ok"]


class Problem(Schema):
    """application/problem+json (RFC 9457)."""
    type: str
    title: str
    status: int
    detail: str
    errors: list[dict] | None = Field(None, description="field-level errors: field, message, type")
    errors_omitted: int | None = Field(None, description="how many further errors were left out of `errors`")
    current_version: int | None = None
    retry_after: int | None = Field(None, description="429: seconds to wait (also the Retry-After header)")


# ------------------------------------------------------------------ customers, duplicates, conversion


class Customer(Schema):
    """A customer of the customer master: the person fields, and what a loading system got wrong."""
    model_config = ConfigDict(extra="allow")
    id: str
    last_name: str | None = None
    company: str | None = None
    external_id: str | None
    needs_review: bool = False
    problems: list[LeadProblem] = []
    version: int
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


class CustomerQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    q: Annotated[str, Field(min_length=2, max_length=100)] | None = None
    page_size: PageSize = 25


class CustomerPage(Schema):
    items: list[Customer]
    meta: dict


class CustomerBulk(Schema):
    """Up to 1,000 customers, each with the external_id of the dealer management system. A record
    changes only the fields it has: an absent field leaves the customer's value alone, an explicit
    null clears it (for roles that may edit customers). A value that breaks a rule is kept as a
    problem and the customer stored, flagged for review; a record naming nobody is rejected."""
    model_config = ConfigDict(extra="forbid")
    customers: Annotated[list[dict], Field(min_length=1, max_length=1000)]


class CustomerBulkRow(Schema):
    index: int
    external_id: str | None
    result: Literal["created", "updated", "unchanged", "rejected", "conflict"]
    customer_id: str | None
    changed: list[str] = Field(description="the fields this record changed")
    problems: list[LeadProblem] = Field(description="values not taken, kept for review")
    errors: list[dict] | None = Field(None, description="why a record was rejected")


class CustomerBulkResult(Schema):
    results: list[CustomerBulkRow]
    counts: dict[str, int]


class CustomerLog(Schema):
    customer_id: str
    items: list[AuditEntry]


class Reason(Schema):
    field: str
    outcome: Literal["agree", "similar", "disagree", "missing"]
    weight: float = Field(description="what the field adds to the evidence, in bits")
    detail: str = Field(description="in words, e.g. 'surname one keystroke off'")


class Candidate(Schema):
    customer: Customer
    verdict: Literal["duplicate", "possible", "unlikely"] = Field(
        description="by the probability against the tenant's thresholds (GET /tenant: matching)")
    probability: float = Field(description="0-1: how likely the lead is this customer")
    score: float = Field(description="evidence in bits (sum of the reasons' weights)")
    confidence: int = Field(description="the probability in percent")
    rule: str | None = Field(None, description="a difference that proves two people, when one fired")
    twice: bool = Field(False, description="the master seems to hold this person more than once")
    reasons: list[Reason] = Field(description="every field compared, and what it contributed")
    fields: list[dict] = Field(description="the three-column view: field, customer, lead, differs")


class DuplicateCheck(Schema):
    lead_id: str
    lead_version: int
    candidates: list[Candidate]
    note: str | None = Field(None, description="e.g. that the person may be in the master more than once")
    check_token: str = Field(description="send it with the conversion: it pins what was shown")
    meta: dict


class Activity(Schema):
    id: str
    customer_id: str
    lead_id: str | None
    type: str
    status: Literal["open", "done"]
    due_date: str | None
    assignee: str | None
    notes: str | None
    details: dict
    person: dict = Field(description="copied from the customer master when the activity was created")
    version: int
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


class ActivityList(Schema):
    items: list[Activity]


class ActivityQuery(Schema):
    model_config = ConfigDict(extra="forbid")
    assignee: Annotated[str, Field(max_length=64, description="a user id or 'me' (default)")] | None = None


class Conversion(Schema):
    lead: Lead
    customer: Customer
    activity: Activity


# ------------------------------------------------------------------ imports


class ImportCounts(Schema):
    model_config = ConfigDict(extra="allow")
    rows: int | None = Field(None, description="data rows read")
    created: int | None = None
    needs_review: int | None = Field(None, description="stored with problems a person should review")
    rejected: int | None = Field(None, description="identify nobody or cannot be read")
    duplicates_in_file: int | None = None
    already_imported: int | None = Field(None, description="written by an earlier invocation of this import")


class ErrorReport(Schema):
    name: str
    url: str | None = Field(None, description="a download URL valid for expires_in seconds")
    expires_in: int | None = None


class Import(Schema):
    id: str
    status: Literal["queued", "running", "done", "partial", "failed", "duplicate"] = Field(
        description="partial: some rows rejected; failed: unreadable, or no row could be imported; "
                    "duplicate: the same content was imported already")
    kind: Literal["leads", "customers"]
    file: str | None
    counts: ImportCounts
    error_report: ErrorReport | None = Field(None, description="one line per problem: rejected rows, rows kept "
                                                               "for review, skipped duplicates")
    detail: str | None
    defaults: dict
    created_at: str | None


class ImportList(Schema):
    items: list[Import]


class Upload(Schema):
    method: Literal["PUT"]
    url: str
    key: str
    expires_in: int


class ImportStarted(Schema):
    id: str
    status: Literal["queued"]
    kind: Literal["leads", "customers"]
    upload: Upload


# ------------------------------------------------------------------ integrations and webhooks


class SecretInfo(Schema):
    id: str
    created_at: str
    valid_until: str | None


class Integration(Schema):
    """A webhook integration's settings (never its secrets)."""
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    format: Literal["generic", "html_form", "google_ads", "adf"]
    active: bool
    version: int
    secrets: list[SecretInfo]
    webhook_path: str


class IntegrationWithSecret(Integration):
    secret: str = Field(description="shown in this answer only")
    secret_note: str


class IntegrationList(Schema):
    items: list[Integration]


class WebhookLead(Schema):
    model_config = ConfigDict(extra="allow")
    status: Literal["accepted", "refused"]
    lead_id: str | None = None
    qualification: str | None = None
    needs_review: bool | None = None


class WebhookAnswer(Schema):
    """One lead: its answer; several (ADF): each one's. A repeated delivery gets the first answer
    (header Idempotent-Replayed: true). A browser's form post gets a page or a redirect instead."""
    model_config = ConfigDict(extra="allow")
    status: Literal["accepted", "test"]
    lead_id: str | None = None
    qualification: str | None = None
    needs_review: bool | None = None
    leads: list[WebhookLead] | None = None


class OpenApiDocument(Schema):
    """This document."""
    model_config = ConfigDict(extra="allow")
    openapi: str
    info: dict
    paths: dict
