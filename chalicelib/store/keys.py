"""Key values of every item and index; the one place that knows how keys are spelled."""
import datetime as dt
import hashlib

from ..domain.deadlines import QUALIFICATIONS
from ..domain.text import fold

UNASSIGNED = "~none"      # assignee partition of the unassigned pool (not a valid user id)
NO_DUE = "~"              # sorts after every timestamp: leads without a deadline come last
_MAX_MICROS = 10 ** 17


def iso(moment: dt.datetime) -> str:
    """Fixed-width UTC timestamp, so that string order is time order."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)


def part(value: str) -> str:
    """Escape the separator so that free text (source names) cannot forge another key."""
    return value.replace("%", "%25").replace("#", "%23")


def lead_pk(tenant: str, lead_id: str) -> str:
    return f"{tenant}#{lead_id}"


def audit_pk(tenant: str, entity: str, entity_id: str) -> str:
    return f"{tenant}#{entity}#{entity_id}"


def audit_sk(at: str, entry_id: str) -> str:
    """Newest last by time; the entry id keeps entries of one instant apart."""
    return f"{at}#{entry_id}"


def consent_pk(tenant: str, kind: str, entity_id: str) -> str:
    """A person's consent ledger: a lead's or a customer's (kind "lead" | "customer")."""
    return f"{tenant}#{kind}#{part(entity_id)}"


def consent_sk(at: str, entry_id: str) -> str:
    """Oldest first by server time; the entry id keeps entries of one instant apart."""
    return f"{at}#{entry_id}"


def created_sk(at: str, entity_id: str) -> str:
    """Sort key of a tenant's items by creation (customers, imports, activities)."""
    return f"{at}#{entity_id}"


def idempotency_pk(tenant: str, principal: str, operation: str, key: str, subject: str | None = None) -> str:
    """An Idempotency-Key's record, per principal and operation (and the item it acts on)."""
    return f"{tenant}#{principal}#{operation}{'#' + subject if subject else ''}#{key}"


def delivery_pk(tenant: str, integration_id: str, digest: str) -> str:
    """A webhook delivery's record (the sender's delivery id, hashed)."""
    return f"{tenant}#webhook#{integration_id}#{digest}"


def contact_claim_pk(tenant: str, contact: str) -> str:
    """The newest lead opened for a person's contact (normalised e-mail or phone): new leads of the
    same person are opened one after another through it (store/reinquiries.py). Hashed: the key
    names no one, and expires with the re-inquiry window."""
    return f"{tenant}#contact#{hashlib.sha256(contact.encode('utf-8')).hexdigest()[:40]}"


ERASURE_REQUEST = "erasure-request#"


def erasure_request_item(request_id: str) -> str:
    """Another tenant's request to erase a forwarded copy: an item of the asked tenant's partition
    (tenants table), so that only that tenant reads it (services/erasure.py)."""
    return f"{ERASURE_REQUEST}{request_id}"


def rate_pk(tenant: str, integration_id: str, window: int) -> str:
    return f"{tenant}#rate#{integration_id}#{window}"


def import_pk(tenant: str, import_id: str) -> str:
    return f"{tenant}#{import_id}"


def content_pk(tenant: str, sha256: str) -> str:
    """The import that first brought a file's content."""
    return f"{tenant}#sha256:{sha256}"


def open_activity_pk(tenant: str, assignee: str) -> str:
    return f"{tenant}#{part(assignee)}"


def activity_due_sk(due_date: str | None, activity_id: str) -> str:
    return f"{due_date or NO_DUE}#{activity_id}"


def raw_payload_key(tenant: str, integration_id: str, digest: str, extension: str) -> str:
    """Where a webhook delivery's body is kept: one object per delivery, so that the same
    delivery arriving twice at once overwrites one object instead of leaving a copy behind."""
    return f"webhooks/{tenant}/{integration_id}/{digest}.{extension}"


def report_key(tenant: str, import_id: str) -> str:
    return f"reports/{tenant}/{import_id}.errors.csv"


def raw_payloads_prefix(tenant: str) -> str:
    """Every raw payload of one tenant (raw_payload_key): what retention lists."""
    return f"webhooks/{tenant}/"


def reports_prefix(tenant: str) -> str:
    """Every error report of one tenant (report_key): what retention lists."""
    return f"reports/{tenant}/"


def import_of_report(key: str) -> str | None:
    """The import id a report_key names (None for another object)."""
    name = key.rsplit("/", 1)[-1]
    return name.removesuffix(".errors.csv") if name.endswith(".errors.csv") else None


def upload_key(tenant: str, import_id: str, file_name: str, kind: str) -> str:
    """Where the Import button's upload goes: the importer reads tenant, kind and id from it."""
    return f"incoming/{tenant}/{'customers/' if kind == 'customers' else ''}{import_id}/{file_name}"


SEARCH_PREFIX = 3            # letters of a word that name its token partition
SEARCH_DIGIT_PREFIX = 6      # digits of a phone number: country and area codes alone would pile up


def search_prefix_length(token: str) -> int:
    return SEARCH_DIGIT_PREFIX if token.isdigit() else SEARCH_PREFIX


def search_pk(tenant: str, token: str, entity: str = "lead") -> str:
    prefix = "" if entity == "lead" else f"{entity}#"
    return f"{tenant}#{prefix}{token[:search_prefix_length(token)]}"


def entity_pk(tenant: str, entity_id: str) -> str:
    """Customers and activities are keyed like leads: tenant first."""
    return f"{tenant}#{entity_id}"


def match_pk(tenant: str, key: str) -> str:
    return f"{tenant}#{key}"


HEAD = "#"


def status_pk(tenant: str, status: str) -> str:
    return f"{tenant}#{status}"


def assignee_pk(tenant: str, assignee: str | None) -> str:
    return f"{tenant}#{part(assignee) if assignee else UNASSIGNED}"


def qualification_pk(tenant: str, qualification: str) -> str:
    return f"{tenant}#{qualification}"


def source_pk(tenant: str, source: str) -> str:
    return f"{tenant}#{part(source)}"


def detail_pk(tenant: str, source: str, detail: str) -> str:
    return f"{tenant}#{part(source)}#{part(detail)}"


def review_pk(tenant: str) -> str:
    return f"{tenant}#review"


def lead_index_keys(*, tenant: str, lead_id: str, status: str, qualification: str,
                    source: str | None, source_detail: str | None, assignee: str | None,
                    received_at: str, due_at: str | None, last_name: str,
                    first_name: str | None, needs_review: bool = False) -> dict[str, str | None]:
    """Values of every lead index attribute; absent ones keep the lead out of that index."""
    received_sk = f"{received_at}#{lead_id}"
    micros = int(parse_iso(received_at).timestamp() * 1_000_000)
    newest_first = f"{_MAX_MICROS - micros:017d}"
    return {
        "recent_pk": tenant,
        "recent_sk": received_sk,
        "status_pk": status_pk(tenant, status),
        "status_recent_sk": received_sk,
        "due_sk": f"{due_at or NO_DUE}#{lead_id}",
        "assignee_pk": assignee_pk(tenant, assignee),
        "assignee_recent_sk": received_sk,
        "qualification_pk": qualification_pk(tenant, qualification),
        "qualification_recent_sk": received_sk,
        "qualification_rank_sk": f"{QUALIFICATIONS.index(qualification)}#{newest_first}#{lead_id}",
        "source_pk": source_pk(tenant, source) if source else None,
        "source_recent_sk": received_sk if source else None,
        "detail_pk": detail_pk(tenant, source, source_detail) if source and source_detail else None,
        "detail_recent_sk": received_sk if source and source_detail else None,
        "name_sk": f"{part(fold(last_name))}#{part(fold(first_name or ''))}#{lead_id}",
        "review_pk": review_pk(tenant) if needs_review else None,
        "review_sk": received_sk if needs_review else None,
        # Only open (domain/lead.py OPEN) assigned leads: what a team's least_open strategy counts.
        "open_assignee_pk": assignee_pk(tenant, assignee) if status == "open" and assignee else None,
    }
