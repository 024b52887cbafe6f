"""Tenant settings, users and the source catalog."""
from dataclasses import dataclass

from ..config import get_settings
from ..domain.deadlines import TIMEZONES, default_categories
from ..domain.escalation import settings_of as escalation_settings
from ..domain.reinquiries import DEFAULT_WINDOW_DAYS
from ..domain.retention import lifecycle_errors, settings_of as retention_settings
from ..domain import permissions
from ..domain.permissions import Caller
from ..domain.sources import source_key
from ..errors import ConflictError, InvalidInputError, NotFoundError, StaleVersionError
from ..store import directory


# The duplicate check's verdicts: a candidate at this match probability or more is a duplicate
# (or a possible duplicate); see domain/matching.py.
MATCHING_DEFAULTS = {"duplicate_at": 0.9, "possible_at": 0.2}

# The seed's "Standard-Aktivitäten"; a tenant may set its own list.
DEFAULT_ACTIVITY_TYPES = ("call", "email", "appointment", "test_drive", "offer", "brochure_dispatch", "letter", "visit")


@dataclass(frozen=True)
class Tenant:
    version: int
    id: str
    name: str
    kind: str                       # dealer | importer
    country: str
    subdivision: str | None
    holiday_categories: tuple[str, ...]
    timezone: str
    activity_types: tuple[str, ...] = ()
    aws_accounts: tuple[str, ...] = ()       # set by the operator: whose principals admins may map
    matching: dict | None = None             # duplicate_at, possible_at: the duplicate check's thresholds
    escalation: dict | None = None           # the overdue leads' steps (domain/escalation.py); None: the defaults
    reinquiry_days: int = DEFAULT_WINDOW_DAYS  # a person's new inquiry within it touches their open lead; 0: off
    retention: dict | None = None            # how long it keeps leads, raw payloads, reports (domain/retention.py)
    consent_exceptions: bool = False         # an activity without the consent its type needs, with a reason
    consent_channels: dict | None = None     # activity type -> channel it needs consent for (domain/consents.py)


def load_tenant(tenant_id: str) -> Tenant:
    item = directory.get_tenant_settings(tenant_id)
    if item is None:
        raise NotFoundError("tenant not found")
    data = item.data
    country, subdivision = data.get("country", "AT"), data.get("subdivision")
    return Tenant(
        version=item.version, id=tenant_id, name=data.get("name", tenant_id), kind=data.get("kind", "dealer"),
        country=country, subdivision=subdivision,
        holiday_categories=tuple(data.get("holiday_categories") or default_categories(country, subdivision)),
        timezone=data.get("timezone") or TIMEZONES.get(country, "Europe/Vienna"),
        activity_types=tuple(data.get("activity_types") or DEFAULT_ACTIVITY_TYPES),
        aws_accounts=tuple(data.get("aws_accounts") or ()),
        matching=data.get("matching"),
        escalation=data.get("escalation"),
        reinquiry_days=data.get("reinquiry_days", DEFAULT_WINDOW_DAYS),
        retention=data.get("retention"),
        consent_exceptions=bool(data.get("consent_exceptions", False)),
        consent_channels=data.get("consent_channels"),
    )


def tenant_view(tenant: Tenant) -> dict:
    return {
        "version": tenant.version, "id": tenant.id, "name": tenant.name, "kind": tenant.kind, "country": tenant.country,
        "subdivision": tenant.subdivision, "holiday_categories": list(tenant.holiday_categories),
        "timezone": tenant.timezone, "activity_types": list(tenant.activity_types),
        "consent_exceptions": tenant.consent_exceptions, "consent_channels": _consent_channels(tenant),
        "matching": {**MATCHING_DEFAULTS, **(tenant.matching or {})},
        "escalation": escalation_settings(tenant.escalation).model_dump(mode="json"),
        "reinquiry_days": tenant.reinquiry_days,
        "retention": retention_settings(tenant.retention).model_dump(mode="json"),
    }


def _consent_channels(tenant: Tenant) -> dict:
    """Which activity types need consent for which channel: the defaults and the tenant's own."""
    from ..domain.consents import ACTIVITY_CHANNELS
    return {**(tenant.consent_channels or {}), **ACTIVITY_CHANNELS}


def update_tenant(caller: Caller, changes: dict, version: int) -> dict:
    """Change the tenant's settings at the version read; holiday rules are checked against the package."""
    import holidays  # its calendars load with the routes that need them, not with the app

    item = directory.get_tenant_settings(caller.tenant)
    if item is None:
        raise NotFoundError("tenant not found")
    if item.version != version:
        raise StaleVersionError("the tenant's settings changed since you read them", current_version=item.version)
    data = {**item.data, **changes}
    if changes.get("escalation") is not None:       # stored whole, every step's defaults written out
        data["escalation"] = escalation_settings(changes["escalation"]).model_dump(mode="json")
    if changes.get("retention") is not None:        # a field left out keeps its value; stored whole
        data["retention"] = retention_settings({**(item.data.get("retention") or {}),
                                                **changes["retention"]}).model_dump(mode="json")
    country, subdivision = data.get("country", "AT"), data.get("subdivision")
    supported = holidays.country_holidays(country)
    errors = []
    if subdivision is not None and subdivision not in supported.subdivisions:
        errors.append({"field": "subdivision", "type": "value_error",
                       "message": f"not a subdivision of {country}: {', '.join(supported.subdivisions)}"})
    unknown = set(data.get("holiday_categories") or ()) - set(supported.supported_categories)
    if unknown:
        errors.append({"field": "holiday_categories", "type": "value_error",
                       "message": f"{country} knows {', '.join(sorted(supported.supported_categories))}"})
    if changes.get("consent_channels") is not None:
        from ..domain.consents import ACTIVITY_CHANNELS
        from ..domain.contacts import Kind
        types = data.get("activity_types") or DEFAULT_ACTIVITY_TYPES
        strangers = sorted(set(changes["consent_channels"]) - set(types) - set(ACTIVITY_CHANNELS) - set(Kind.__args__))
        if strangers:
            errors.append({"field": "consent_channels", "type": "value_error",
                           "message": f"no activity type of this tenant: {', '.join(strangers)} "
                                      f"(its types: {', '.join(types)})"})
    if changes.get("retention") is not None:
        settings = get_settings()
        errors += lifecycle_errors(retention_settings(data["retention"]), raw_payload_max=settings.raw_payload_lifecycle_days,
                                   report_max=settings.report_lifecycle_days)
    if errors:
        raise InvalidInputError("invalid tenant settings", errors)
    item.data = data
    try:
        directory.save_settings(item)
    except directory.ChangedMeanwhileError:
        raise StaleVersionError("the tenant's settings changed since you read them") from None
    return tenant_view(load_tenant(caller.tenant))


def require_user(tenant: str, user: str, field: str = "assignee", *, active: bool = False) -> None:
    """One of the tenant's users, and an active one where `active` (whom work is given to); a
    filter takes a deactivated user too (users are deactivated, never removed)."""
    item = directory.get_user(tenant, user)
    if item is None or (active and not item.active):
        message = (f"{user!r} is not an active user of this tenant" if active
                   else f"{user!r} is no user of this tenant (a user id, 'me' or 'unassigned')")
        raise InvalidInputError("unknown user", [{"field": field, "message": message, "type": "unknown_user"}])
    if active and user in onlookers(tenant):
        raise InvalidInputError("user cannot work leads", [{
            "field": field, "type": "not_a_lead_worker",
            "message": f"{user!r} cannot work leads (only an admin, sales manager or sales rep can; "
                       "an auditor or an integration would leave the lead undone)"}])


def onlookers(tenant: str) -> set[str]:
    """The users who cannot work a lead given to them: every principal of theirs has a role that
    does not edit leads (an auditor reads, an integration sends). A user's deactivation is their
    user item's, and is asked separately."""
    roles: dict[str, set[str]] = {}
    for p in directory.list_principals(tenant):
        roles.setdefault(p.user, set()).add(p.role)
    return {user for user, held in roles.items()
            if not any(permissions.scope_of(Caller(tenant, user, role, ""), "lead.update") for role in held)}


def _source_view(item) -> dict:
    return {"name": item.data["name"], "details": item.data.get("details", []),
            "active": item.active, "version": item.version}


def list_sources(caller: Caller) -> list[dict]:
    return [_source_view(item) for item in directory.list_sources(caller.tenant)]


def create_source(caller: Caller, name: str, details: list[str]) -> dict:
    key = source_key(name)
    if not key:
        raise InvalidInputError("invalid source", [{"field": "name", "message": "needs a letter or digit", "type": "value_error"}])
    try:
        item = directory.create_source(caller.tenant, key, {"name": name, "details": _unique(details)})
    except directory.AlreadyExistsError:
        raise ConflictError(f"source {name!r} exists already") from None
    return _source_view(item)


def update_source(caller: Caller, name: str, *, details: list[str] | None, active: bool | None,
                  version: int) -> dict:
    item = directory.get_source(caller.tenant, source_key(name))
    if item is None:
        raise NotFoundError(f"source {name!r} not found")
    if item.version != version:
        raise StaleVersionError("the source changed since you read it", current_version=item.version)
    if details is not None:
        item.data = {**item.data, "details": _unique(details)}
    if active is not None:
        item.active = active
    try:
        directory.save_source(item)
    except directory.ChangedMeanwhileError:
        raise StaleVersionError("the source changed since you read it") from None
    return _source_view(item)


def resolve_source(tenant: str, source: str | None, detail: str | None,
                   fields: tuple[str, str] = ("source", "source_detail")) -> tuple[str | None, str | None]:
    """Canonical catalog spelling of source and detail; errors name the field (as the request
    calls it: `fields`)."""
    if source is None:
        return None, None
    item = directory.get_source(tenant, source_key(source))
    if item is None or not item.active:
        raise InvalidInputError("unknown source", [{
            "field": fields[0], "message": f"{source!r} is not in this tenant's source catalog",
            "type": "unknown_source"}])
    if detail is None:
        return item.data["name"], None
    by_key = {source_key(d): d for d in item.data.get("details", [])}
    canonical = by_key.get(source_key(detail))
    if canonical is None:
        raise InvalidInputError("unknown source detail", [{
            "field": fields[1],
            "message": f"{detail!r} is not a detail of source {item.data['name']!r}",
            "type": "unknown_source_detail"}])
    return item.data["name"], canonical


def _unique(details: list[str]) -> list[str]:
    seen, out = set(), []
    for d in details:
        if source_key(d) and source_key(d) not in seen:
            seen.add(source_key(d))
            out.append(d)
    return out
