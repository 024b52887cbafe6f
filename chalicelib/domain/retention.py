"""Retention (DSGVO Art. 5(1)(e)): how long a tenant keeps what it no longer needs, and which lead
a run removes and why.

Per tenant (its `retention` setting):
  unconverted_lead_months  a lead received more than N months ago and never converted goes
  junk_months              a junk lead received more than M months ago goes (sooner than the rest)
  raw_payload_days         a webhook delivery's raw body older than K days goes (every version)
  import_report_days       an import's error report older than L days goes (every version)

Kept whatever its age: a converted lead (it is the customer's history; erasure answers for it),
an importer's lead its dealer converted, a lead under legal hold (until released), a lead
whose person asked again (a re-inquiry) within the window, and one taken into leadflow or first
contacted within the period (an old fair list imported today is today's work). The bucket's lifecycle rules
(deploy/template.py) stay the outer bound: a tenant may keep raw payloads and reports shorter than
they do, never longer. Months are calendar months: 12 months before 31 March is 31 March a year
earlier, one month before 31 March is 28 (29) February.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from ..validation import NotABoolean, Schema
from .lead import CONVERTED
from .person import record_error
from .text import clean_text

MAX_LEAD_MONTHS = 120
# What the bucket's lifecycle rules keep at most (deploy/template.py's parameters take these as
# their defaults and maxima; a deployment may lower them, config.py tells the functions by how much).
MAX_RAW_PAYLOAD_DAYS = 90
MAX_IMPORT_REPORT_DAYS = 365
DEFAULTS = {"unconverted_lead_months": 12, "junk_months": 3, "raw_payload_days": 30, "import_report_days": 90}

# The scheduled run (app.py): daily at this UTC time, so that a preview can say when it comes.
RUN_HOUR, RUN_MINUTE = 2, 30

UNCONVERTED, JUNK, RAW_PAYLOADS, IMPORT_REPORTS = "unconverted_leads", "junk_leads", "raw_payloads", "import_reports"
LEAD_RULES = (JUNK, UNCONVERTED)      # a junk lead old enough for both goes as junk (the more specific rule)
# Statuses an unconverted lead can have (domain/lead.py Status without converted).
UNCONVERTED_STATUSES = ("open", "closed", "forwarded", "rejected")


class RetentionSettings(Schema):
    """How long the tenant keeps what it no longer needs; a run removes what is older."""
    model_config = ConfigDict(extra="forbid")
    unconverted_lead_months: Annotated[int, NotABoolean, Field(ge=1, le=MAX_LEAD_MONTHS)] = Field(
        DEFAULTS["unconverted_lead_months"],
        description="a lead received more than this many months ago and never converted is erased")
    junk_months: Annotated[int, NotABoolean, Field(ge=1, le=MAX_LEAD_MONTHS)] = Field(
        DEFAULTS["junk_months"], description="a junk lead received more than this many months ago is erased")
    raw_payload_days: Annotated[int, NotABoolean, Field(ge=1, le=MAX_RAW_PAYLOAD_DAYS)] = Field(
        DEFAULTS["raw_payload_days"],
        description="a webhook delivery's raw body older than this many days is deleted, every version "
                    "(at most the bucket's lifecycle, GET /tenant shows the bound)")
    import_report_days: Annotated[int, NotABoolean, Field(ge=1, le=MAX_IMPORT_REPORT_DAYS)] = Field(
        DEFAULTS["import_report_days"],
        description="an import's error report older than this many days is deleted, every version "
                    "(at most the bucket's lifecycle)")


def settings_of(stored: dict | None) -> RetentionSettings:
    """A tenant's settings as stored (None: the defaults; a field left out: its default)."""
    return RetentionSettings.model_validate({**DEFAULTS, **(stored or {})})


def lifecycle_errors(settings: RetentionSettings, *, raw_payload_max: int, report_max: int) -> list[dict]:
    """Settings that would keep objects longer than the bucket does (its lifecycle deletes them first)."""
    errors = []
    for name, bound in (("raw_payload_days", raw_payload_max), ("import_report_days", report_max)):
        if getattr(settings, name) > bound:
            errors.append({"field": f"retention.{name}", "type": "less_than_equal",
                           "message": f"at most {bound}: the bucket's lifecycle deletes them after {bound} days"})
    return errors


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same time of day, `months` calendar months earlier (the month's last day if it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


@dataclass(frozen=True)
class Cutoffs:
    """What a run at `at` removes: leads received before these, objects last written before these."""
    at: dt.datetime
    unconverted: dt.datetime
    junk: dt.datetime
    raw_payloads: dt.datetime
    import_reports: dt.datetime


def cutoffs(settings: RetentionSettings, at: dt.datetime) -> Cutoffs:
    return Cutoffs(at=at, unconverted=months_before(at, settings.unconverted_lead_months),
                   junk=months_before(at, settings.junk_months),
                   raw_payloads=at - dt.timedelta(days=settings.raw_payload_days),
                   import_reports=at - dt.timedelta(days=settings.import_report_days))


def next_run(now: dt.datetime) -> dt.datetime:
    """When the scheduled run comes next (at RUN_HOUR:RUN_MINUTE UTC, today or tomorrow)."""
    now = now.astimezone(dt.timezone.utc)
    today = now.replace(hour=RUN_HOUR, minute=RUN_MINUTE, second=0, microsecond=0)
    return today if today > now else today + dt.timedelta(days=1)


@dataclass(frozen=True)
class LeadFacts:
    """What the rules read of a lead (timestamps as fixed-width ISO strings)."""
    status: str
    qualification: str
    received_at: str
    last_touch_at: str | None = None
    converted_at_dealer: bool = False
    legal_hold: dict | None = None
    created_at: str | None = None           # when leadflow took it in (an old file imported today: today)
    first_contact_at: str | None = None


def verdict(rule: str, lead: LeadFacts, cut: Cutoffs, iso) -> tuple[bool, str]:
    """Whether a lead a rule's index found goes, and why (or why it stays). `iso` writes a time
    as the leads' keys do."""
    months_cut = cut.junk if rule == JUNK else cut.unconverted
    if lead.received_at >= iso(months_cut):
        return False, "received within the period"         # the index moved on since (or a clock edge)
    if rule == JUNK and lead.qualification != "junk":
        return False, "no longer junk"
    if lead.status == CONVERTED:
        return False, "converted"
    if lead.converted_at_dealer:
        return False, "converted by the dealer it was forwarded to"
    if lead.legal_hold:
        return False, f"legal hold: {lead.legal_hold.get('reason')}"
    if lead.last_touch_at and lead.last_touch_at >= iso(months_cut):
        return False, f"the person asked again on {lead.last_touch_at[:10]}"
    if lead.created_at and lead.created_at >= iso(months_cut):
        # A trade-fair list of 2017 imported today is today's work: its period starts now.
        return False, f"taken into leadflow on {lead.created_at[:10]}, within the period"
    if lead.first_contact_at and lead.first_contact_at >= iso(months_cut):
        return False, f"worked on: first contact on {lead.first_contact_at[:10]}"
    if rule == JUNK:
        return True, f"junk, received {lead.received_at[:10]}, before {iso(months_cut)[:10]}"
    return True, f"not converted ({lead.status}), received {lead.received_at[:10]}, before {iso(months_cut)[:10]}"


MAX_HOLD_REASON = 500


def _reason(value: str) -> str:
    value = clean_text(value, multiline=True)
    if len(value) > MAX_HOLD_REASON:
        raise ValueError(f"at most {MAX_HOLD_REASON} characters")
    return value


class LegalHoldInput(Schema):
    """Hold a lead (retention and erasure leave it alone, nobody deletes it) or release it."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    hold: bool = Field(description="true: hold the lead; false: release it")
    reason: Annotated[str, Field(max_length=2 * MAX_HOLD_REASON), AfterValidator(_reason)] | None = Field(
        None, description="why (a dispute, an authority's request): required to hold; kept in the lead's log")
    version: int | None = Field(None, description="the lead's version you read, unless sent as If-Match")

    @model_validator(mode="after")
    def _a_hold_says_why(self):
        if self.hold and not self.reason:
            raise record_error("reason", "missing_reason", "say why the lead is held")
        return self
