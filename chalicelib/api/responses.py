"""Response schemas: what each route answers, as /openapi.json describes it.

The services build their answers as plain dicts, so these models serve the document alone:
routes name their answer's model (`endpoint(..., response="Lead")`) and api/openapi.py loads
this module when it builds the document, so a cold start does not define them.
"""
import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from ..domain.escalation import EscalationSettings
from ..domain.lead import Channel, Consent, Qualification, Status, Vehicle
from ..domain.retention import RetentionSettings
from ..validation import Schema
from .schemas import MatchingSettings, Role


class LeadProblem(Schema):
    """Something a sender got wrong: the field, the value as given, why it was not taken."""
    field: str
    given: Any = None
    reason: str
    rule: str | None = Field(None, description="set for a gap of the whole record: missing_name, missing_contact")
    column: str | None = Field(None, description="the file's column the value came from")


class EscalationRecord(Schema):
    """A step taken: which, when it came due, when it was taken, who was told; a reassignment also
    names the assignee before and after and the rule that chose."""
    step: int
    action: Literal["remind_assignee", "notify_managers", "reassign"]
    due: str
    at: str
    to: list[str]
    assignee_before: str | None = None
    assignee: str | None = None
    rule: str | None = None


class Escalation(Schema):
    level: int = Field(description="the highest step taken")
    steps: list[EscalationRecord]


class RelatedLead(Schema):
    lead_id: str
    make: str | None = None
    relation: Literal["earlier_inquiry", "later_inquiry", "household"]


class ForwardingStep(Schema):
    status: Literal["forwarded", "accepted", "worked", "converted", "rejected"]
    at: str
    dealer: str
    reason: str | None = None


class Forwarding(Schema):
    """What the importer sees of a lead it forwarded: the dealer, its status and reason, nothing else."""
    dealer: str
    dealer_name: str
    status: Literal["forwarded", "accepted", "worked", "converted", "rejected"]
    at: str
    reason: str | None = None
    history: list[ForwardingStep]


class ForwardedFrom(Schema):
    """What the dealer sees of the importer: who forwarded the lead, its lead's id, the dealer's answer."""
    importer: str
    importer_name: str
    lead_id: str
    status: Literal["new", "accepted", "rejected"]
    reason: str | None = Field(None, description="the dealer's reason, once it rejected the lead")


class LegalHold(Schema):
    """Why a lead is held, by whom, since when."""
    reason: str
    by: str
    at: str


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
    remark: str | None = Field(None, description="free text; each re-inquiry's message appended as a line "
                                                 "\"[re-inquiry YYYY-MM-DD] ...\"")
    consent: Consent | None = Field(None, description="the marketing consent as the ledger has it now (read-only: "
                                                      "POST /leads/{id}/consents records a grant or withdrawal)")
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
    first_contact_at: str | None = Field(None, description="the first contact that reached the prospect: a contact "
                                                           "logged (POST /leads/{id}/contacts) or the conversion's "
                                                           "activity, whichever came first")
    time_to_first_contact: int | None = Field(None, description="wall-clock seconds from received_at to "
                                                                "first_contact_at (nights and weekends included; "
                                                                "deadline_met counts working days)")
    deadline_met: bool | None = Field(None, description="first contact at or before due_at; false too once the "
                                                        "deadline passed without one; null while open or without one")
    escalation: Escalation | None = Field(None, description="the escalation steps taken on this overdue lead")
    touches: int = Field(0, description="re-inquiries attached to this open lead: the same person (e-mail or "
                                        "phone) asked again for the same make within the tenant's reinquiry_days; "
                                        "each is in the log (action reinquiry) with its submission")
    last_touch_at: str | None = Field(None, description="when the latest re-inquiry was received")
    related_leads: list[RelatedLead] = Field([], description="the same person's leads for another make, opened "
                                                              "within the window")
    marketing_consent: bool = Field(False, description="marketing granted on some channel now (consent: the channels; "
                                                       "GET /leads/{id}/consents: the ledger)")
    sweepstake_without_consent: bool = Field(False, description="a sweepstake (Gewinnspiel) lead without marketing "
                                                                "consent: not to be contacted for sales until the "
                                                                "person grants it")
    reinquiry_of: str | None = Field(None, description="only in the answer to POST /leads: the inquiry was attached "
                                                       "to this open lead of the same person as a re-inquiry, which "
                                                       "the answer shows (status 200 instead of 201)")
    version: int
    legal_hold: LegalHold | None = Field(None, description="set while the lead is under legal hold (PUT "
                                                           "/leads/{id}/legal-hold): retention and erasure leave it "
                                                           "alone and it cannot be deleted")
    forwarding: Forwarding | None = Field(None, description="an importer's lead: its forwarding to a dealer")
    forwarded_from: ForwardedFrom | None = Field(None, description="a dealer's lead: the importer's lead it copies")
    allowed_actions: list[Literal["log", "edit", "delete", "assign", "take", "convert", "close", "reopen", "contact",
                                  "forward", "accept", "reject"]] = Field(
        description="what the caller may do with this lead now; the API accepts each of them (take: "
                    "PATCH the assignee to oneself, on an unassigned lead)")


class ListMeta(Schema):
    index: str = Field(description="the index that served the page, or 'search'")
    items_read: int = Field(description="items DynamoDB read for this page (ScannedCount)")
    candidates: int | None = None


class LeadPage(Schema):
    items: list[Lead]
    next_cursor: str | None
    page_size: int
    meta: ListMeta


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


class Source(Schema):
    name: str
    details: list[str]
    active: bool
    version: int


class SourceList(Schema):
    items: list[Source]


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
    consent_exceptions: bool = Field(False, description="activities without the consent their type needs are "
                                                        "allowed with a reason (consent_exception)")
    consent_channels: dict[str, str] = Field({}, description="activity type -> the channel whose consent it needs")
    matching: MatchingSettings | None = None
    escalation: EscalationSettings | None = None
    reinquiry_days: int = Field(30, description="the re-inquiry window in days; 0: every inquiry opens a lead")
    retention: RetentionSettings | None = Field(None, description="how long leads, raw payloads and error reports "
                                                                  "are kept (domain/retention.py)")


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
    works_leads: bool = Field(False, description="an active principal of theirs may edit leads (admin, sales "
                                                 "manager, sales rep): whom a lead can be given to")


class UserList(Schema):
    items: list[User]


class PrincipalLog(Schema):
    principal: str
    items: list[AuditEntry]


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


class CustomerPage(Schema):
    items: list[Customer]
    meta: dict
    next_cursor: str | None = Field(None, description="send as cursor for the next page; none on the last")


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


class CustomerReindexResult(Schema):
    checked: int
    reindexed: int = Field(description="customers whose match keys or search tokens were stale and are now derived anew")
    edited_meanwhile: int = Field(description="customers edited during the call: that edit derived them anew")
    next_cursor: str | None = Field(description="send it to go on; null when the whole master is done")


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


class ConsentEntry(Schema):
    """One entry of a consent ledger (Art. 7): never changed once written."""
    id: str
    purpose: Literal["marketing", "dealer_contact", "data_transfer"]
    channel: Literal["email", "phone", "sms", "post"] | None = Field(description="marketing's channel; null otherwise")
    state: Literal["granted", "withdrawn"]
    at: str = Field(description="server time it was recorded (a carried entry: when it was recorded on the lead)")
    source: Literal["form", "file", "api", "in_person", "workspace", "conversion", "forwarding"]
    notice: str | None = Field(description="the privacy notice's version or text the person was shown")
    ip: str | None = Field(description="a web form's sender address as the server saw it")
    given_at: str | None = Field(description="when a file or an API sender says it was given (a claim)")
    actor: str
    role: str
    lead_id: str | None = Field(description="the lead it was recorded on (on a customer: the converted lead)")
    note: str | None


class ConsentState(Schema):
    """What the person grants now: each purpose's (and marketing channel's) latest entry."""
    marketing_email: bool
    marketing_phone: bool
    marketing_sms: bool
    marketing_post: bool
    dealer_contact: bool
    data_transfer: bool


class ConsentLedger(Schema):
    """A lead's or customer's consent ledger, oldest first, and its current state."""
    kind: Literal["lead", "customer"]
    lead_id: str | None = None
    customer_id: str | None = None
    current: ConsentState
    entries: list[ConsentEntry]
    version: int | None = Field(None, description="POST on a lead: the lead's version after (its consent changed)")


class ConsentException(Schema):
    """An activity created without the consent its type needs, as the tenant allows with a reason."""
    channel: Literal["email", "phone", "sms", "post"]
    missing: list[str]
    reason: str
    by: str
    at: str


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
    consent_exception: ConsentException | None = Field(None, description="created without the consent its type "
                                                                         "needs: why and by whom")
    version: int
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


class ActivityList(Schema):
    items: list[Activity]


class Contact(Schema):
    """A contact logged on a lead, as its log keeps it."""
    kind: Literal["call", "email", "meeting", "sms"]
    direction: Literal["outbound", "inbound"] = "outbound"
    outcome: Literal["reached", "not_reached", "left_message"] | None
    note: str | None
    at: str
    reached: bool = Field(description="a contact (the prospect was reached or written to), not an attempt")
    consent_exception: dict | None = Field(None, description="the tenant's documented exception it was made under: "
                                                             "channel, missing consents, reason")
    first_contact: bool = Field(description="it became the lead's first contact")


class ContactLogged(Schema):
    contact: Contact
    lead: Lead


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
    duplicates_in_file: int | None = Field(None, description="rows skipped as a person already in the file (imports "
                                             "before such rows became re-inquiries)")
    already_imported: int | None = Field(None, description="written by an earlier invocation of this import")
    reinquiries: int | None = Field(None, description="rows attached to an open lead of the same person and make "
                                                  "as re-inquiries (not counted in created); present once a row was one")


class ErrorReport(Schema):
    name: str
    url: str | None = Field(None, description="a download URL valid for expires_in seconds; none for a role "
                                                "that does not read every lead (the report holds rows' cells)")
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
                                                               "for review; and one per "
                                                               "re-inquiry (level reinquiry: the lead it touched)")
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
    reinquiry_of: str | None = Field(None, description="the lead was a re-inquiry, attached to this open lead "
                                                       "(lead_id names it too)")
    qualification: str | None = None
    needs_review: bool | None = None


class WebhookAnswer(Schema):
    """One lead: its answer; several (ADF): each one's. A repeated delivery gets the first answer
    (header Idempotent-Replayed: true). A browser's form post gets a page or a redirect instead."""
    model_config = ConfigDict(extra="allow")
    status: Literal["accepted", "test"]
    lead_id: str | None = None
    reinquiry_of: str | None = Field(None, description="a re-inquiry: attached to this open lead of the same person")
    qualification: str | None = None
    needs_review: bool | None = None
    leads: list[WebhookLead] | None = None


class OpenApiDocument(Schema):
    """This document."""
    model_config = ConfigDict(extra="allow")
    openapi: str
    info: dict
    paths: dict


# ------------------------------------------------------------------ assignment rules


class RoutingRules(Schema):
    """The tenant's assignment rules in order (first match wins) and their version."""
    rules: list[dict]
    version: int


class RoutingDecision(Schema):
    """Where a lead would go: the assignee (None: the pool), the rule, and why, rule by rule."""
    assignee: str | None
    rule: str | None
    name: str | None = None
    why: list[str]
    dealer: str | None = Field(None, description="an importer's forward rule: the dealer the lead would go to")


# ------------------------------------------------------------------ importer -> dealer forwarding


class LinkState(Schema):
    """One link as this tenant sees it. side: what the other tenant is. active only when both
    sides have put it; waiting_for_them: we have, they have not; waiting_for_us: the reverse."""
    tenant: str
    name: str
    side: Literal["dealer", "importer"]
    state: Literal["active", "waiting_for_them", "waiting_for_us"] | None
    codes: list[str] = Field(description="the importer's: what preferred-dealer fields carry for this dealer")


class Links(Schema):
    items: list[LinkState]


class MarketAreas(Schema):
    """The importer's market areas in order (first holding a lead's postal code wins) and their version."""
    areas: list[dict]
    version: int


class UserAbsences(Schema):
    id: str
    absences: list[dict]


class WorkspaceConfig(Schema):
    """How the workspace signs in: the local demo principals (make run only) or the Cognito pools."""
    auth: Literal["local", "cognito"]
    region: str
    principals: list[dict] | None = Field(None, description="local only: the demo principals and their keys")
    userPoolId: str | None = None
    clientId: str | None = None
    identityPoolId: str | None = None


# ------------------------------------------------------------------ personal data (DSGVO/GDPR)


class LeadRecord(Lead):
    """A lead of the person, with its whole audit log (oldest first)."""
    model_config = ConfigDict(extra="allow")
    audit: list[AuditEntry]


class CustomerRecord(Customer):
    """A customer of the person, with its whole audit log (oldest first)."""
    audit: list[AuditEntry]


class ConsentRecord(ConsentEntry):
    """An entry of the consent ledger of one of the person's leads or customers."""
    kind: Literal["lead", "customer"]
    entity_id: str = Field(description="the lead's or customer's id whose ledger holds it")


class RawPayload(Schema):
    """A webhook delivery's body as received, from which a lead (or a re-inquiry) was made."""
    key: str
    content: str | None = Field(description="the body as text, or base64 (see encoding); null once it is gone")
    encoding: Literal["utf-8", "base64"] | None
    status: Literal["kept", "kept_in_part", "withheld", "gone"] = Field(
        description="kept_in_part: an ADF delivery of several prospects, shown with the person's own only; "
                    "withheld: one that holds other people's and cannot be split into its prospects")
    detail: str | None = Field(None, description="how much of the delivery is shown, where not all of it")


class ImportRowRecord(Schema):
    """A file row a lead (or a re-inquiry) was made from: its original cells and the report's lines on it."""
    import_id: str
    file: str | None
    row: int
    cells: dict[str, str] | None = Field(description="header -> cell as written; null if the file is gone")
    report: list[dict] = Field(description="the import's error report lines about this row: level, field, reason, given")


class AccessExport(Schema):
    """Everything leadflow holds about one person of the tenant (DSGVO/GDPR Art. 15), as one document."""
    subject: dict = Field(description="what was searched for: email (normalised), phone (E.164), lead_id, customer_id")
    generated_at: str
    tenant: dict
    leads: list[LeadRecord]
    customers: list[CustomerRecord]
    activities: list[Activity]
    consents: list[ConsentRecord]
    raw_payloads: list[RawPayload]
    import_rows: list[ImportRowRecord]
    counts: dict[str, int] = Field(description="records of each kind, and audit_entries")


class ErasureHeld(Schema):
    lead_id: str
    reason: str = Field(description="why it was skipped: under legal hold")


class ErasureRequestView(Schema):
    """Another tenant (a forwarded lead's importer) asks this tenant to erase its copy of a lead."""
    id: str
    from_: str = Field(alias="from", description="the requesting tenant")
    from_name: str | None = None
    lead_id: str = Field(description="this tenant's lead (the forwarded copy)")
    status: Literal["pending", "done"]
    requested_at: str
    requested_by: str = Field(description="{tenant}:{user} of the requesting admin")
    done_at: str | None = None
    done_by: str | None = None


class ErasurePreview(Schema):
    """What POST /privacy/erasure would remove (DSGVO/GDPR Art. 17); nothing was written."""
    counts: dict[str, int] = Field(description="leads, customers, activities, consents, audit_entries, search_tokens, "
                                               "match_keys (its member items), idempotency, contact_claims, raw_payloads, "
                                               "import_rows, report_lines, forwarded")
    ids: dict[str, list[Any]] = Field(description="leads, customers, activities, raw_payloads (keys), import_rows "
                                                  "({import_id, row}), forwarded (the dealers asked)")
    held: list[ErasureHeld]
    request: ErasureRequestView | None = None
    nothing_found: bool = Field(description="nothing of the person is held here: no count and no lead under legal hold")


class ErasureResult(Schema):
    """An erasure done: its id (the erasure log's entry) and what it removed or made anonymous, by kind."""
    erasure_id: str
    counts: dict[str, int]
    held: list[ErasureHeld]
    nothing_found: bool = Field(description="nothing of the person was found: no count and no lead under legal hold")
    detail: str | None = None


class ErasureRequests(Schema):
    items: list[ErasureRequestView]


class RetainedLead(Schema):
    """A lead the next retention run removes, or passes over (and why)."""
    id: str
    received_at: str
    status: Status
    qualification: Qualification
    why: str


class RetentionLeadRule(Schema):
    months: int
    received_before: str = Field(description="leads received before this go (the run's time less the months)")
    count: int = Field(description="leads the next run removes under this rule (at most limits.leads_per_run in all)")
    more: bool = Field(description="more leads wait beyond this run's bounds: the runs after it go on")
    first: list[RetainedLead] = Field(description="the first 50, oldest first")


class RetentionObjectRule(Schema):
    days: int
    modified_before: str
    objects: int = Field(description="objects of which the run deletes versions")
    versions: int = Field(description="versions (and delete markers) it deletes for good")
    more: bool


class RetentionKept(Schema):
    count: int
    held: int = Field(description="of them under legal hold")
    first: list[RetainedLead]


class RetentionPreview(Schema):
    """What the next daily retention run removes in the caller's tenant (GET /tenant: retention);
    the run does exactly this, at next_run_at, if nothing changes before."""
    tenant: str
    next_run_at: str
    settings: RetentionSettings
    leads: dict[Literal["junk_leads", "unconverted_leads"], RetentionLeadRule]
    objects: dict[Literal["raw_payloads", "import_reports"], RetentionObjectRule]
    kept: RetentionKept
    limits: dict[str, int]
    last_run: dict | None = Field(None, description="the latest run that removed something: at, counts")
