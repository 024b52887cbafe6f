"""A lead: the seed's three sections (prospect, vehicle, remark) plus qualification and source."""
import datetime as dt
import ipaddress
from typing import Annotated, Literal

from pydantic import (
    AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator,
)
from pydantic_core import PydanticCustomError

from ..validation import NotABoolean, NotANumber, Schema
from .person import Person, ShortText, note_problem, record_error
from . import permissions
from .deadlines import QUALIFICATIONS  # noqa: F401  (the lead's vocabulary, defined where the deadlines are)
from .text import clean_text

Qualification = Literal["hot", "warm", "cold", "junk"]
Status = Literal["open", "converted", "closed", "forwarded", "rejected"]
Channel = Literal["api", "webhook", "import", "forward"]
INTERESTS = ("dealer_contact", "brochure", "test_drive", "offer", "purchase", "accessories_catalogue")


MAX_REMARK = 4000


def _remark(value: str) -> str:
    value = clean_text(value, multiline=True)
    if len(value) > MAX_REMARK:
        raise ValueError(f"at most {MAX_REMARK} characters")
    return value


def _as_written(parser: str) -> BeforeValidator:
    """A number sent as text, read as people write it with formats/values.py's `parser`:
    140.000 km and 38.000 EUR are thousands (a lone separator before exactly three digits),
    38.000,50 and 38,000.50 as their separators say, as a web form's or a file's numbers are.
    Pydantic alone would read "140.000" as 140."""
    def read(value):
        if not isinstance(value, str) or not value.strip():
            return value
        from ..formats import values      # the one reading of written numbers (lazy: formats import domain)
        try:
            return getattr(values, parser)(value)
        except ValueError:
            raise PydanticCustomError("number", "{given} is not a number: write e.g. 140000 or 140.000",
                                      {"given": value.strip()}) from None
    return BeforeValidator(read)


WrittenNumber = _as_written("parse_number")
WrittenKilometres = _as_written("parse_whole_number")          # a mileage: 12 500 km, 140.000 km


class _Section(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CurrentVehicle(_Section):
    """The prospect's vehicle today (trade-in candidate)."""
    make: ShortText | None = None
    model: ShortText | None = None
    year: Annotated[int, NotABoolean, Field(ge=1900, le=dt.date.today().year + 1)] | None = None
    mileage_km: Annotated[int, WrittenKilometres, NotABoolean, Field(ge=0, le=2_000_000)] | None = None


class NextVehicle(_Section):
    """How the prospect wants the next vehicle: new or used, bought or leased, financed, when."""
    purchase: Literal["new", "used", "demo", "any"] | None = None
    usage: Literal["buy", "leasing", "rental", "subscription"] | None = None
    financing: Literal["cash", "loan", "leasing", "undecided"] | None = None
    timeframe: Literal["immediately", "within_3_months", "within_6_months",
                       "within_12_months", "later", "unknown"] | None = None


class Interest(_Section):
    """The current interest: make, models, price and the six yes/no interests of the seed."""
    make: ShortText | None = None
    models: Annotated[list[ShortText], Field(max_length=20)] = []
    price: Annotated[float, WrittenNumber, NotABoolean, Field(ge=0, le=10_000_000)] | None = None
    currency: Literal["EUR", "CHF"] | None = None
    dealer_contact: bool = False
    preferred_dealer: Annotated[ShortText, Field(
        description="the dealer the prospect chose (Google Ads PREFERRED_DEALERSHIP, ADF <vendor>): "
                    "where an importer forwards the lead")] | None = None
    brochure: bool = False
    test_drive: bool = False
    offer: bool = False
    purchase: bool = False
    accessories_catalogue: bool = False


# The empty sections are the defaults. model_construct() makes them without validating, so that
# importing the module builds no validator (see validation.Schema); the result is the same.
class Vehicle(_Section):
    current: CurrentVehicle = CurrentVehicle.model_construct()
    next: NextVehicle = NextVehicle.model_construct()
    interest: Interest = Interest.model_construct()


def _ip_address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise ValueError("not an IPv4 or IPv6 address") from None


class Consent(_Section):
    """Marketing consent as given on the form (DSGVO/GDPR Art. 7: provable): per channel, which
    privacy notice was shown, when, and from which address the form was sent. For a web form
    leadflow sets the time and the address itself: a sender's claim proves nothing."""
    marketing_email: bool = False
    marketing_phone: bool = False
    marketing_sms: bool = False
    marketing_post: bool = False
    privacy_notice_version: Annotated[str, Field(max_length=50)] | None = None
    given_at: Annotated[dt.datetime, NotANumber, AfterValidator(lambda v: _not_in_future(_aware(v)))] | None = None
    ip: Annotated[str, AfterValidator(_ip_address)] | None = None


EARLIEST_RECEIVED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
CLOCK_SKEW = dt.timedelta(minutes=5)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _not_in_future(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.timezone.utc) + CLOCK_SKEW:
        raise ValueError("lies in the future")
    if value < EARLIEST_RECEIVED:
        raise ValueError("lies before 2000")
    return value


def rule_error(field: str, kind: str, message: str) -> PydanticCustomError:
    """An error of a rule over several fields, reported on the field a user should fix."""
    return record_error(field, kind, message)


class LeadInput(Person):
    """What a client may write on a lead. Validation context: see domain/person.py, plus
    tenant_kind (dealer | importer)."""

    vehicle: Vehicle = Vehicle.model_construct()
    remark: Annotated[str, Field(max_length=2 * MAX_REMARK), AfterValidator(_remark)] | None = None
    qualification: Qualification = "warm"
    source: Annotated[str, Field(max_length=100)] | None = None
    source_detail: Annotated[str, Field(max_length=100)] | None = None
    assignee: Annotated[str, Field(max_length=64)] | None = None
    consent: Consent | None = None
    received_at: Annotated[AwareDatetime, NotANumber, AfterValidator(_not_in_future)] | None = None

    @model_validator(mode="after")
    def _lead_rules(self, info: ValidationInfo):
        context = info.context or {}
        machine = context.get("mode") == "machine"
        self.check_record(info, needs_contact=True)
        if self.source_detail and not self.source:
            if not machine:
                raise rule_error("source", "source_detail_without_source", "source_detail needs its source")
            note_problem(info, "source_detail", self.source_detail, "a source detail without its source")
            self.source_detail = None
        if self.vehicle.interest.dealer_contact and context.get("tenant_kind") == "dealer":
            if not machine:
                raise rule_error("vehicle.interest.dealer_contact", "dealer_contact_on_dealer_lead",
                                 "dealer contact only applies to an importer's leads")
            note_problem(info, "vehicle.interest.dealer_contact", True, "dealer contact only applies to an importer's leads")
            self.vehicle.interest.dealer_contact = False
        if machine and self.vehicle.interest.preferred_dealer and context.get("tenant_kind") == "importer":
            # A sender that names the prospect's dealer (Google's preferred dealership, ADF's vendor)
            # on an importer's lead: the prospect asked to be put in touch with that dealer.
            self.vehicle.interest.dealer_contact = True
        return self


# Fields the server owns: a client that sends them on create gets a clear error naming them.
READ_ONLY_FIELDS = frozenset({
    "id", "status", "channel", "version", "tenant", "created_at", "created_by", "updated_at",
    "updated_by", "due_at", "overdue", "customer_id", "activity_id", "allowed_actions",
    "needs_review", "problems", "origin", "first_contact_at", "deadline_met", "escalation",
    "forwarding", "forwarded_from",
    "time_to_first_contact",
})


# ---------------------------------------------------------------- the lead's life


OPEN, CLOSED, CONVERTED = "open", "closed", "converted"
# A person sets open and closed; conversion sets converted, for good.
SETTABLE_STATUSES = (OPEN, CLOSED)

# The row actions of the seed's list and what each needs: a permission, and for some an open lead.
# Take is assigning a lead to oneself (permissions.may_assign), assign to anyone.
ROW_ACTIONS = {"log": "lead.log", "edit": "lead.update", "delete": "lead.delete",
               "assign": "lead.assign", "take": "lead.take", "convert": "lead.convert",
               "close": "lead.update", "reopen": "lead.update",
               "contact": "lead.contact", "forward": "lead.forward", "accept": "lead.accept", "reject": "lead.reject"}
# The status a lead must have for each action (log: any).
ACTION_STATUS = {"edit": OPEN, "delete": OPEN, "assign": OPEN, "take": OPEN, "convert": OPEN, "close": OPEN,
                 "reopen": CLOSED, "contact": OPEN, "forward": OPEN, "accept": OPEN, "reject": OPEN}
# Forwarding's actions are offered only where they apply: forward on a lead that asks for dealer
# contact (an importer's), accept on a dealer's forwarded lead not yet answered, reject until converted.
_FORWARDING_STATES = {"forward": (None,), "accept": ("new",), "reject": ("new", "accepted")}


def is_overdue(status: str, due_at: str | None, now_iso: str) -> bool:
    """Open and past its deadline (timestamps as fixed-width ISO strings compare as times)."""
    return status == OPEN and bool(due_at) and due_at < now_iso


def is_workable(status: str) -> bool:
    """Only an open lead may be edited, deleted, assigned or converted (the seed's rule)."""
    return status == OPEN


def not_workable_reason(status: str, what: str = "changed") -> str:
    hint = " (reopen it with {\"status\": \"open\"} alone)" if status == CLOSED else ""
    return f"the lead is {status}: only open leads can be {what}{hint}"


def status_change_error(current: str, requested: str | None, other_changes: bool) -> tuple[str, str] | None:
    """Why a PATCH's status change is refused, as (kind, message): 'conflict' for a lead that is
    not open (a closed one may only be reopened, alone) or a patch that only asks for the status
    the lead has, 'invalid' for a status a person cannot set; None when it is allowed."""
    new = requested or current
    if new not in SETTABLE_STATUSES and new != current:
        return "invalid", "may be set to open or closed; converted is set by conversion"
    if requested == current and not other_changes:
        return "conflict", f"the lead is {current} already"
    reopening = current == CLOSED and new == OPEN and not other_changes
    if current != OPEN and not reopening:
        return "conflict", not_workable_reason(current, "edited")
    return None


def allowed_actions(caller: permissions.Caller, *, status: str, assignee: str | None,
                    created_by: str | None, dealer_contact: bool = False, forwarded: str | None = None,
                    held: bool = False) -> list[str]:
    """The row actions the caller may take on a lead: a front end shows exactly these buttons,
    and each of them is one the API then accepts (close and reopen are edits of the status,
    which some roles may not write). `forwarded`: a dealer's forwarded lead's answer so far; `held`:
    under legal hold, which nobody deletes."""
    writes_status = not permissions.denied_fields(caller, ["status"])
    return [name for name, action in ROW_ACTIONS.items()
            if permissions.reaches(caller, action, assignee=assignee, created_by=created_by)
            and ACTION_STATUS.get(name, status) == status
            and (name not in ("close", "reopen") or writes_status)
            and (name != "forward" or dealer_contact)
            and (name != "delete" or not held)
            and (name not in ("accept", "reject") or forwarded in _FORWARDING_STATES[name])]
