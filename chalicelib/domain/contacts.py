"""Contacts with a lead's prospect: a call, e-mail, meeting or SMS logged on the lead, and which of
them is the lead's first contact (the time to first contact, and whether the deadline was met).

What a sales manager counts as a contact: the prospect was reached, or was written to. A call or
a meeting counts when it reached the person; a call not answered or a message left on the
voicemail is an attempt, logged but not a contact. An e-mail or SMS counts once sent, unless it
did not reach the person (outcome not_reached: bounced, undeliverable). A call must say whether
it reached the person: without that, nobody could tell an attempt from a contact.

Consent: an outgoing call, e-mail or SMS reaches the person by a channel and is held to their
consent as the conversion's activity is (services/consents.py require_for_activity: 409
missing_consent, or the tenant's documented exception). An inbound contact - the prospect called
in, wrote or walked in - needs none: the person chose to get in touch, and answering them is what
they asked for. An inbound e-mail or SMS is the prospect writing, not the dealer: it is logged but
is not a contact (the first contact measures the dealer's answer); an inbound call that was taken
or a walk-in is one.
"""
import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field, model_validator

from ..validation import NotANumber, Schema
from .lead import CLOCK_SKEW, EARLIEST_RECEIVED
from .person import record_error
from .text import clean_text

Kind = Literal["call", "email", "meeting", "sms"]
Outcome = Literal["reached", "not_reached", "left_message"]
Direction = Literal["outbound", "inbound"]
MAX_NOTE = 2000


def _note(value: str) -> str:
    value = clean_text(value, multiline=True)
    if len(value) > MAX_NOTE:
        raise ValueError(f"at most {MAX_NOTE} characters")
    return value


def _not_in_future(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.timezone.utc) + CLOCK_SKEW:
        raise ValueError("lies in the future")
    if value < EARLIEST_RECEIVED:
        raise ValueError("lies before 2000")
    return value


class ContactInput(Schema):
    """A contact (or an attempt) with the prospect, logged on the lead."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    kind: Kind
    outcome: Outcome | None = Field(None, description="required for a call; an e-mail, SMS or meeting without "
                                                      "one reached the person")
    note: Annotated[str, Field(max_length=2 * MAX_NOTE), AfterValidator(_note)] | None = None
    at: Annotated[AwareDatetime, NotANumber, AfterValidator(_not_in_future)] | None = Field(
        None, description="when it happened (not in the future); now if left out")
    direction: Direction = Field("outbound", description="outbound: the dealer got in touch (held to the person's "
                                                         "consent); inbound: the prospect called in, wrote or walked in")
    consent_exception: Annotated[str, Field(min_length=3, max_length=500)] | None = Field(
        None, description="why an outgoing contact was made although the person has not given the consent its kind "
                          "needs (the tenant's setting consent_exceptions must allow it); kept in the lead's log")
    version: int | None = Field(None, description="the lead's version you read, unless sent as If-Match")

    @model_validator(mode="after")
    def _call_says_whether_it_reached(self):
        if self.kind == "call" and self.outcome is None:
            raise record_error("outcome", "missing_outcome",
                               "say whether the call reached the person (reached, not_reached, left_message)")
        return self


def counts_as_contact(kind: str, outcome: str | None, direction: str = "outbound") -> bool:
    """Whether it reached the prospect (a contact) rather than being an attempt or the prospect's
    own message (see the module)."""
    if direction == "inbound" and kind in ("email", "sms"):
        return False
    if outcome is not None:
        return outcome == "reached"
    return kind in ("email", "sms", "meeting")


def is_first_contact(at_iso: str, first_contact_at: str | None) -> bool:
    """A contact is the first one unless an earlier one is known (one logged afterwards with an
    earlier time moves the first contact back). Fixed-width ISO strings compare as times."""
    return first_contact_at is None or at_iso < first_contact_at


def time_to_first_contact(received_at: str | None, first_contact_at: str | None) -> int | None:
    """Wall-clock seconds from receipt to the first contact (nights, weekends and holidays
    included; deadline_met is the working-day view). None without a first contact."""
    if not received_at or not first_contact_at:
        return None
    elapsed = _parse(first_contact_at) - _parse(received_at)
    return max(0, int(elapsed.total_seconds()))


def _parse(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)
