"""Key values of every item and index; the one place that knows how keys are spelled."""
import datetime as dt

from ..domain.lead import QUALIFICATIONS
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


def lead_index_keys(*, tenant: str, lead_id: str, status: str, qualification: str,
                    source: str | None, source_detail: str | None, assignee: str | None,
                    received_at: str, due_at: str | None, last_name: str,
                    first_name: str | None) -> dict[str, str | None]:
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
    }
