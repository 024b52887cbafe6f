"""A lead: the seed's three sections (prospect, vehicle, remark) plus qualification and source."""
import datetime as dt
import ipaddress
from typing import Annotated, Literal

from pydantic import (
    AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, model_validator,
)
from pydantic_core import PydanticCustomError

from .person import Person, ShortText
from .text import clean_text

Qualification = Literal["hot", "warm", "cold", "junk"]
QUALIFICATIONS: tuple[str, ...] = ("hot", "warm", "cold", "junk")
Status = Literal["open", "converted", "closed"]
Channel = Literal["api", "webhook", "import"]
INTERESTS = ("dealer_contact", "brochure", "test_drive", "offer", "purchase", "accessories_catalogue")


def _remark(value: str) -> str:
    value = clean_text(value, multiline=True)
    if len(value) > 4000:
        raise ValueError("at most 4000 characters")
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CurrentVehicle(_Section):
    """The prospect's vehicle today (trade-in candidate)."""
    make: ShortText | None = None
    model: ShortText | None = None
    year: Annotated[int, Field(ge=1900, le=dt.date.today().year + 1)] | None = None
    mileage_km: Annotated[int, Field(ge=0, le=2_000_000)] | None = None


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
    price: Annotated[float, Field(ge=0, le=10_000_000)] | None = None
    currency: Literal["EUR", "CHF"] | None = None
    dealer_contact: bool = False
    brochure: bool = False
    test_drive: bool = False
    offer: bool = False
    purchase: bool = False
    accessories_catalogue: bool = False


class Vehicle(_Section):
    current: CurrentVehicle = CurrentVehicle()
    next: NextVehicle = NextVehicle()
    interest: Interest = Interest()


def _ip_address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise ValueError("not an IPv4 or IPv6 address") from None


class Consent(_Section):
    """Marketing consent as given on the form (DSGVO/GDPR Art. 7: provable): per channel, which
    privacy notice was shown, when, and from which address the form was sent."""
    marketing_email: bool = False
    marketing_phone: bool = False
    marketing_sms: bool = False
    marketing_post: bool = False
    privacy_notice_version: Annotated[str, Field(max_length=50)] | None = None
    given_at: dt.datetime | None = None
    ip: Annotated[str, AfterValidator(_ip_address)] | None = None


EARLIEST_RECEIVED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _not_in_future(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5):
        raise ValueError("lies in the future")
    if value < EARLIEST_RECEIVED:
        raise ValueError("lies before 2000")
    return value


def rule_error(field: str, kind: str, message: str) -> PydanticCustomError:
    """An error of a rule over several fields, reported on the field a user should fix."""
    return PydanticCustomError(kind, message, {"field": field})


class LeadInput(Person):
    """What a client may write on a lead. Validation context: country, tenant_kind."""

    last_name: ShortText
    vehicle: Vehicle = Vehicle()
    remark: Annotated[str, Field(max_length=8000), AfterValidator(_remark)] | None = None
    qualification: Qualification = "warm"
    source: Annotated[str, Field(max_length=100)] | None = None
    source_detail: Annotated[str, Field(max_length=100)] | None = None
    assignee: Annotated[str, Field(max_length=64)] | None = None
    consent: Consent | None = None
    received_at: Annotated[AwareDatetime, AfterValidator(_not_in_future)] | None = None

    @model_validator(mode="after")
    def _lead_rules(self, info: ValidationInfo):
        context = info.context or {}
        if not self.last_name:
            raise rule_error("last_name", "missing_last_name", "a lead needs at least a last name")
        if not self.has_contact():
            raise rule_error("phone", "missing_contact",
                             "a lead needs one way to reach the person: phone, email, or street with city")
        if self.source_detail and not self.source:
            raise rule_error("source", "source_detail_without_source", "source_detail needs its source")
        if self.vehicle.interest.dealer_contact and context.get("tenant_kind") == "dealer":
            raise rule_error("vehicle.interest.dealer_contact", "dealer_contact_on_dealer_lead",
                             "dealer contact only applies to an importer's leads")
        return self


# Fields the server owns: a client that sends them on create gets a clear error naming them.
READ_ONLY_FIELDS = frozenset({
    "id", "status", "channel", "version", "tenant", "created_at", "created_by", "updated_at",
    "updated_by", "due_at", "overdue", "customer_id", "activity_id", "allowed_actions",
})
