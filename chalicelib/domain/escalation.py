"""Follow-up and escalation: what happens to an open lead left without a first contact past its
deadline, step by step, as the tenant configures it.

A step names an action and how many working days after the deadline it comes: 0 at the
deadline itself (due_at), 1 at the end of the next working day, and so on, counted with the
tenant's holidays like the deadline (domain/deadlines.py). Each action happens at most once per
lead; steps whose time has come are taken together, in their order, by one sweep.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from ..validation import NotABoolean, Schema
from .deadlines import working_days_later
from .lead import OPEN

Action = Literal["remind_assignee", "notify_managers", "reassign"]
ACTIONS: tuple[str, ...] = ("remind_assignee", "notify_managers", "reassign")
MAX_DELAY_DAYS = 20


class EscalationStep(Schema):
    """One step: the action, and when (working days after the deadline)."""
    model_config = ConfigDict(extra="forbid")
    action: Action = Field(description="remind_assignee: the assignee (the sales managers for a lead in the "
                                       "pool); notify_managers: the tenant's sales managers; reassign: assign "
                                       "the lead again by the assignment rules")
    after_working_days: Annotated[int, NotABoolean, Field(ge=0, le=MAX_DELAY_DAYS)] = Field(
        description="0: at the deadline; 1: at the end of the next working day; ...")
    enabled: bool = True


class EscalationSettings(Schema):
    """The tenant's escalation steps, in order (each action at most once, never earlier than the one before)."""
    model_config = ConfigDict(extra="forbid")
    steps: Annotated[list[EscalationStep], Field(max_length=len(ACTIONS))]

    @model_validator(mode="after")
    def _ordered(self):
        actions = [s.action for s in self.steps]
        if len(set(actions)) != len(actions):
            raise ValueError("each action may be a step once")
        delays = [s.after_working_days for s in self.steps]
        if delays != sorted(delays):
            raise ValueError("a step comes no earlier than the one before it (after_working_days in order)")
        return self


# Remind the assignee at the deadline, tell the sales managers a working day later; reassigning
# by the rules after two working days is there to switch on.
DEFAULT_STEPS = (
    {"action": "remind_assignee", "after_working_days": 0, "enabled": True},
    {"action": "notify_managers", "after_working_days": 1, "enabled": True},
    {"action": "reassign", "after_working_days": 2, "enabled": False},
)


def settings_of(stored: dict | None) -> EscalationSettings:
    """The tenant's stored settings (validated when saved), or the defaults."""
    return EscalationSettings.model_validate(stored or {"steps": list(DEFAULT_STEPS)})


@dataclass(frozen=True)
class Calendar:
    """The tenant's working days: country, state, holiday categories, time zone."""
    country: str
    subdivision: str | None
    categories: tuple[str, ...]
    timezone: str


@dataclass(frozen=True)
class DueStep:
    number: int                   # 1-based position in the tenant's steps
    action: str
    at: dt.datetime               # when it came due


def step_time(due_at: dt.datetime, after_working_days: int, calendar: Calendar) -> dt.datetime:
    """When a step comes: the deadline moved by that many working days (0: the deadline itself)."""
    if after_working_days == 0:
        return due_at
    return working_days_later(due_at, after_working_days, country=calendar.country,
                              subdivision=calendar.subdivision, categories=calendar.categories,
                              timezone=calendar.timezone)


def done_actions(escalation: dict | None) -> set[str]:
    """The actions already taken on a lead (its escalation record)."""
    return {step["action"] for step in (escalation or {}).get("steps", [])}


def due_steps(settings: EscalationSettings, *, due_at: dt.datetime, done: set[str], now: dt.datetime,
              calendar: Calendar) -> list[DueStep]:
    """The enabled steps whose time has come and that were not taken yet, in order."""
    found = []
    for number, step in enumerate(settings.steps, start=1):
        if not step.enabled or step.action in done:
            continue
        at = step_time(due_at, step.after_working_days, calendar)
        if at <= now:
            found.append(DueStep(number, step.action, at))
    return found


def needs_follow_up(*, status: str, due_at: str | None, first_contact_at: str | None, now_iso: str) -> bool:
    """Only an open lead past its deadline without a first contact is escalated (ISO strings compare as times)."""
    return status == OPEN and bool(due_at) and due_at < now_iso and not first_contact_at


def view_of(escalation: dict | None) -> dict | None:
    """What a lead shows of its escalation: the level reached and the steps taken (None: none yet)."""
    steps = (escalation or {}).get("steps") or []
    if not steps:
        return None
    return {"level": max(step["step"] for step in steps), "steps": steps}
