"""PynamoDB models: every key starts with the tenant, so no query can cross tenants."""
from pynamodb.attributes import (
    BooleanAttribute, JSONAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from ..config import get_settings

# The lead list views: index name -> (partition key attribute, sort key attribute).
# store/keys.py builds their values; store/lead_queries.py picks one per request.
# They project keys only: an index entry is a tenth of a lead, and an edit that moves no key
# writes none of them. The list reads the page's leads by key (store/lead_queries.py); with every
# attribute projected, a lead was stored thirteen times and each edit rewrote all its copies
# (bench/cost_per_lead.py).
LEAD_INDEXES = {
    "recent": ("recent_pk", "recent_sk"),                       # tenant / received
    "status_recent": ("status_pk", "status_recent_sk"),         # tenant+status / received
    "status_due": ("status_pk", "due_sk"),                      # tenant+status / due
    "due": ("recent_pk", "due_sk"),                             # tenant / due
    "assignee_due": ("assignee_pk", "due_sk"),                  # tenant+assignee / due
    "assignee_recent": ("assignee_pk", "assignee_recent_sk"),   # tenant+assignee / received
    "qualification_recent": ("qualification_pk", "qualification_recent_sk"),
    "qualification_rank": ("recent_pk", "qualification_rank_sk"),  # tenant / hot..junk, newest
    "source_recent": ("source_pk", "source_recent_sk"),         # tenant+source / received
    "detail_recent": ("detail_pk", "detail_recent_sk"),         # tenant+source+detail / received
    "name": ("recent_pk", "name_sk"),                           # tenant / last name
    "review_recent": ("review_pk", "review_sk"),                # tenant#review / received; sparse
    # tenant+assignee / received, only open assigned leads (sparse): a member's open leads counted
    # for a team's least_open strategy (services/assignment.py) read those leads' entries alone.
    "assignee_open": ("open_assignee_pk", "assignee_recent_sk"),
}


def _index(name: str, pk: str, sk: str) -> GlobalSecondaryIndex:
    meta = type("Meta", (), {"index_name": name, "projection": KeysOnlyProjection()})
    attrs = {
        "Meta": meta,
        pk: UnicodeAttribute(hash_key=True),
        sk: UnicodeAttribute(range_key=True),
    }
    return type(f"{name.title().replace('_', '')}Index", (GlobalSecondaryIndex,), attrs)()


class LeadItem(Model):
    """One lead. `data` holds the validated sections; filterable fields are top-level attributes."""

    class Meta:
        table_name = "leads"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{lead_id}
    tenant = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    data = JSONAttribute()
    status = UnicodeAttribute()
    qualification = UnicodeAttribute()
    source = UnicodeAttribute(null=True)
    source_detail = UnicodeAttribute(null=True)
    assignee = UnicodeAttribute(null=True)
    channel = UnicodeAttribute()
    received_at = UnicodeAttribute()
    due_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    tokens = JSONAttribute(default=list)                 # search tokens written for this lead
    problems = JSONAttribute(default=list)               # what a sender got wrong: field, given, reason
    origin = JSONAttribute(null=True)                    # where it came from: raw payload, import row
    customer_id = UnicodeAttribute(null=True)
    activity_id = UnicodeAttribute(null=True)
    first_contact_at = UnicodeAttribute(null=True)       # the first contact: logged, or the conversion's activity
    escalation = JSONAttribute(null=True)                # the escalation steps taken: services/escalation.py
    forwarding = JSONAttribute(null=True)                # an importer's lead: its forwarding to a dealer
    forwarded_from = JSONAttribute(null=True)            # a dealer's lead: the importer's lead it copies
    touches = NumberAttribute(null=True)                 # re-inquiries attached to it (domain/reinquiries.py)
    last_touch_at = UnicodeAttribute(null=True)
    related_leads = JSONAttribute(null=True)             # open leads of the same person for another make
    legal_hold = JSONAttribute(null=True)                # while held: reason, by, at (retention and erasure skip it)
    version = VersionAttribute()

    recent_pk = UnicodeAttribute(null=True)
    recent_sk = UnicodeAttribute(null=True)
    status_pk = UnicodeAttribute(null=True)
    status_recent_sk = UnicodeAttribute(null=True)
    due_sk = UnicodeAttribute(null=True)
    assignee_pk = UnicodeAttribute(null=True)
    assignee_recent_sk = UnicodeAttribute(null=True)
    qualification_pk = UnicodeAttribute(null=True)
    qualification_recent_sk = UnicodeAttribute(null=True)
    qualification_rank_sk = UnicodeAttribute(null=True)
    source_pk = UnicodeAttribute(null=True)
    source_recent_sk = UnicodeAttribute(null=True)
    detail_pk = UnicodeAttribute(null=True)
    detail_recent_sk = UnicodeAttribute(null=True)
    name_sk = UnicodeAttribute(null=True)
    review_pk = UnicodeAttribute(null=True)              # only while it needs review
    review_sk = UnicodeAttribute(null=True)
    open_assignee_pk = UnicodeAttribute(null=True)       # only while it is open and assigned

    recent = _index("recent", *LEAD_INDEXES["recent"])
    status_recent = _index("status_recent", *LEAD_INDEXES["status_recent"])
    status_due = _index("status_due", *LEAD_INDEXES["status_due"])
    due = _index("due", *LEAD_INDEXES["due"])
    assignee_due = _index("assignee_due", *LEAD_INDEXES["assignee_due"])
    assignee_recent = _index("assignee_recent", *LEAD_INDEXES["assignee_recent"])
    qualification_recent = _index("qualification_recent", *LEAD_INDEXES["qualification_recent"])
    qualification_rank = _index("qualification_rank", *LEAD_INDEXES["qualification_rank"])
    source_recent = _index("source_recent", *LEAD_INDEXES["source_recent"])
    detail_recent = _index("detail_recent", *LEAD_INDEXES["detail_recent"])
    name = _index("name", *LEAD_INDEXES["name"])
    review_recent = _index("review_recent", *LEAD_INDEXES["review_recent"])
    assignee_open = _index("assignee_open", *LEAD_INDEXES["assignee_open"])


class CustomersByRecent(GlobalSecondaryIndex):
    class Meta:
        index_name = "recent"
        projection = AllProjection()

    tenant = UnicodeAttribute(hash_key=True)
    recent_sk = UnicodeAttribute(range_key=True)         # {created_at}#{customer_id}


class CustomerItem(Model):
    """A customer of the tenant's customer master (Kundenstamm)."""

    class Meta:
        table_name = "customers"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{customer_id}
    tenant = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    data = JSONAttribute()                               # the person fields
    external_id = UnicodeAttribute(null=True)            # id in the dealer management system
    match_keys = JSONAttribute(default=list)
    problems = JSONAttribute(default=list)               # what a loading system got wrong
    surname_code = UnicodeAttribute(null=True)
    tokens = JSONAttribute(default=list)
    recent_sk = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()
    recent = CustomersByRecent()


class MatchKeyItem(Model):
    """The duplicate-check index. Under pk {tenant}#{key}: sk "#" is the key's head (v counts every
    change of its members, so a stale duplicate check is detectable), other sks are customer ids.
    Heads also hold surname frequencies (s:{code}), the customer total and external ids (x:{id})."""

    class Meta:
        table_name = "match-keys"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    v = NumberAttribute(null=True)
    n = NumberAttribute(null=True)
    customer_id = UnicodeAttribute(null=True)


class ActivitiesByCustomer(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_customer"
        projection = AllProjection()

    customer_pk = UnicodeAttribute(hash_key=True)        # {tenant}#{customer_id}
    created_sk = UnicodeAttribute(range_key=True)


class OpenActivitiesByAssignee(GlobalSecondaryIndex):
    class Meta:
        index_name = "open_by_assignee"
        projection = AllProjection()

    open_pk = UnicodeAttribute(hash_key=True)            # {tenant}#{assignee}, only while open
    due_sk = UnicodeAttribute(range_key=True)


class ActivityItem(Model):
    """A CRM activity on a customer; from a lead when it came from a conversion."""

    class Meta:
        table_name = "activities"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{activity_id}
    tenant = UnicodeAttribute()
    activity_id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    type = UnicodeAttribute()
    status = UnicodeAttribute()
    due_date = UnicodeAttribute(null=True)
    assignee = UnicodeAttribute(null=True)
    notes = UnicodeAttribute(null=True)
    details = JSONAttribute(default=dict)
    person = JSONAttribute(default=dict)                 # copied from the customer master at creation
    consent_exception = JSONAttribute(null=True)         # created without the consent its type needs: why, by whom
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()
    customer_pk = UnicodeAttribute()
    created_sk = UnicodeAttribute()
    open_pk = UnicodeAttribute(null=True)
    due_sk = UnicodeAttribute(null=True)
    by_customer = ActivitiesByCustomer()
    open_by_assignee = OpenActivitiesByAssignee()


class ImportsByTenant(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_tenant"
        projection = AllProjection()

    tenant = UnicodeAttribute(hash_key=True)
    created_sk = UnicodeAttribute(range_key=True)


class ImportItem(Model):
    """One file import: where it stands, its counts, and how far it got (to resume)."""

    class Meta:
        table_name = "imports"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{import_id} | {tenant}#sha256:{hash}
    tenant = UnicodeAttribute()
    import_id = UnicodeAttribute()
    status = UnicodeAttribute(null=True)                 # queued | running | done | partial | failed
    key = UnicodeAttribute(null=True)
    version_id = UnicodeAttribute(null=True)             # the object's version read (a bucket that keeps versions)
    file_name = UnicodeAttribute(null=True)
    content_hash = UnicodeAttribute(null=True)
    counts = JSONAttribute(default=dict)
    rows_done = NumberAttribute(default=0)
    owner = UnicodeAttribute(null=True)                  # the invocation importing it now
    lease_until = NumberAttribute(null=True)             # epoch seconds; then another may resume it
    report_key = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(null=True)
    kind = UnicodeAttribute(null=True)                   # leads | customers
    defaults = JSONAttribute(null=True)                  # source, source_detail, qualification for rows without
    created_at = UnicodeAttribute(null=True)
    created_sk = UnicodeAttribute(null=True)
    by_tenant = ImportsByTenant()


class SearchTokenItem(Model):
    """Token index for free-text lookup: one item per (lead, folded word), read by prefix."""

    class Meta:
        table_name = "search"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{first 3 chars of token}
    sk = UnicodeAttribute(range_key=True)                # {token}#{entity id}
    entity_id = UnicodeAttribute()                       # a lead's or a customer's id
    received_at = UnicodeAttribute()                     # orders a lead's matches; a customer's creation


class AuditItem(Model):
    """One audit log entry: who did what to which lead, when, through which channel."""

    class Meta:
        table_name = "audit"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#lead#{lead_id}
    sk = UnicodeAttribute(range_key=True)                # {iso time}#{entry id}
    action = UnicodeAttribute()
    actor = UnicodeAttribute()
    role = UnicodeAttribute()
    channel = UnicodeAttribute()
    at = UnicodeAttribute()
    changes = JSONAttribute(default=list)


class ConsentItem(Model):
    """One entry of a person's consent ledger (DSGVO/GDPR Art. 7): a purpose (and channel) granted or
    withdrawn, when, how and by whom. Append-only: written only where no entry has its key
    (store/consents.py); never updated; deleted only by an erasure."""

    class Meta:
        table_name = "consents"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{lead|customer}#{id}
    sk = UnicodeAttribute(range_key=True)                # {at}#{entry id}: oldest first
    entry_id = UnicodeAttribute()
    purpose = UnicodeAttribute()                         # marketing | dealer_contact | data_transfer
    channel = UnicodeAttribute(null=True)                # email | phone | sms | post (marketing only)
    state = UnicodeAttribute()                           # granted | withdrawn
    at = UnicodeAttribute()                              # server time
    source = UnicodeAttribute()                          # form | file | api | in_person | workspace | conversion | forwarding
    notice = UnicodeAttribute(null=True)                 # the privacy notice's version or text
    ip = UnicodeAttribute(null=True)                     # a web form's sender as the server saw it
    given_at = UnicodeAttribute(null=True)               # when a file or API sender says it was given
    actor = UnicodeAttribute()
    role = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)                # the lead it came from (carried to a customer)
    note = UnicodeAttribute(null=True)


class TenantsListed(GlobalSecondaryIndex):
    """Every tenant, by its settings item (the only item that carries `listed`): what a scheduled
    job that works tenant by tenant reads, instead of scanning the whole table."""

    class Meta:
        index_name = "listed"
        projection = KeysOnlyProjection()

    listed = UnicodeAttribute(hash_key=True)             # store/directory.py LISTED, on settings items only
    tenant = UnicodeAttribute(range_key=True)


class TenantItem(Model):
    """A tenant's settings, users and source catalog, all under the tenant's partition."""

    class Meta:
        table_name = "tenants"

    tenant = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)              # settings | admin-count | user#{id} | source#{key} | routing-rules | turn#{rule}
    data = JSONAttribute(default=dict)
    active = BooleanAttribute(default=True)
    admins = NumberAttribute(null=True)                  # admin-count item only
    turns = NumberAttribute(null=True)                   # turn#{rule} items: a round robin's counter
    listed = UnicodeAttribute(null=True)                 # settings item only: puts the tenant in the index below
    version = VersionAttribute()
    tenants_listed = TenantsListed()


class PrincipalsByTenant(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_tenant"
        projection = AllProjection()

    tenant = UnicodeAttribute(hash_key=True)
    principal = UnicodeAttribute(range_key=True)


class PrincipalItem(Model):
    """Maps a canonical IAM principal ARN to tenant, user and role."""

    class Meta:
        table_name = "principals"

    principal = UnicodeAttribute(hash_key=True)
    tenant = UnicodeAttribute()
    user = UnicodeAttribute()
    role = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    version = VersionAttribute()
    by_tenant = PrincipalsByTenant()


class LocalAccessKeyItem(Model):
    """Local mode only: the secret of a demo principal's access key, to verify SigV4 with."""

    class Meta:
        table_name = "local-access-keys"

    access_key_id = UnicodeAttribute(hash_key=True)
    secret_access_key = UnicodeAttribute()
    principal = UnicodeAttribute()


class IdempotencyByLead(GlobalSecondaryIndex):
    """The records whose answer copies a lead (sparse): what an erasure rewrites, by key."""

    class Meta:
        index_name = "by_lead"
        projection = KeysOnlyProjection()

    lead_pk = UnicodeAttribute(hash_key=True)            # {tenant}#{lead_id}


class IdempotencyItem(Model):
    """A write's Idempotency-Key: the request's hash and the first answer, kept for a day."""

    class Meta:
        table_name = "idempotency"
        ttl_attribute = "expires_at"                     # DynamoDB deletes expired items (deploy/ reads it)

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#{principal}#{operation}#{key}
    request_hash = UnicodeAttribute()
    status_code = NumberAttribute()
    response = JSONAttribute()
    expires_at = NumberAttribute()                       # TTL attribute, epoch seconds
    lead_pk = UnicodeAttribute(null=True)                # the lead its answer copies (store/erasure.py)
    by_lead = IdempotencyByLead()


class RateWindowItem(Model):
    """How many posts an integration took in one minute (a rate limit); shares the idempotency
    table, whose TTL removes old windows."""

    class Meta:
        table_name = "idempotency"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#rate#{integration}#{window}
    n = NumberAttribute(default=0)
    expires_at = NumberAttribute()


class ContactClaimItem(Model):
    """The newest lead opened for a person's contact (store/reinquiries.py): new leads of one person
    are opened one at a time by a conditional write on it. Shares the idempotency table, whose TTL
    removes claims once the re-inquiry window has passed."""

    class Meta:
        table_name = "idempotency"

    pk = UnicodeAttribute(hash_key=True)                 # {tenant}#contact#{sha256 of e:mail | p:+phone}
    lead_id = UnicodeAttribute()
    expires_at = NumberAttribute()


ALL_MODELS: dict[str, type[Model]] = {
    "leads": LeadItem, "search": SearchTokenItem, "audit": AuditItem, "tenants": TenantItem,
    "principals": PrincipalItem, "local-access-keys": LocalAccessKeyItem,
    "idempotency": IdempotencyItem, "customers": CustomerItem, "match-keys": MatchKeyItem,
    "activities": ActivityItem, "imports": ImportItem, "consents": ConsentItem,
}
# Tables only make run and the tests use (local SigV4 keys): a deployed stack has IAM instead.
LOCAL_ONLY_TABLES = {"local-access-keys"}
# Models that live in another model's table (created with it).
SHARING_MODELS: tuple[tuple[str, type[Model]], ...] = (("idempotency", RateWindowItem),
                                                        ("idempotency", ContactClaimItem))
_bound_to: tuple | None = None


def ttl_attribute(model: type[Model]) -> str | None:
    """The attribute whose epoch seconds tell DynamoDB when to delete an item, if the table has one."""
    return getattr(model.Meta, "ttl_attribute", None)


def bind_models() -> None:
    """Point every model at the configured tables and endpoint (cheap when nothing changed)."""
    global _bound_to
    settings = get_settings()
    target = (settings.table_prefix, settings.dynamodb_endpoint, settings.region)
    if target == _bound_to:
        return
    for base_name, model in [*ALL_MODELS.items(), *SHARING_MODELS]:
        model.Meta.table_name = settings.table_prefix + base_name
        model.Meta.host = settings.dynamodb_endpoint
        model.Meta.region = settings.region
        model._connection = None
    _bound_to = target


def create_tables() -> None:
    """Create any missing table (local stack, tests, first deploy without IaC)."""
    bind_models()
    for model in ALL_MODELS.values():
        if not model.exists():
            model.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
            if ttl_attribute(model):
                model._get_connection().update_time_to_live(ttl_attribute(model))
    from .secrets import ensure_key
    ensure_key()


_connection = None


def transaction_connection():
    """The low-level connection TransactWrite needs, bound like the models."""
    global _connection
    bind_models()
    settings = get_settings()
    if _connection is None or _connection._bound_to != _bound_to:
        from pynamodb.connection import Connection
        _connection = Connection(region=settings.region, host=settings.dynamodb_endpoint)
        _connection._bound_to = _bound_to
    return _connection
