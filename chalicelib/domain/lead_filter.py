"""The leads list's filters, defined once: clauses that the list (store/lead_queries.py) and the
free-text search check on the leads they read (`matches`). So the list and the search can never
disagree on what a filter means."""
from dataclasses import dataclass
from typing import Any

from .consents import sweepstake_without_consent
from .lead import OPEN


LEAD = "*"                        # a clause on the whole lead, not one attribute


@dataclass(frozen=True)
class Clause:
    """One condition on a lead attribute. `name` is the filter it comes from: an index whose
    partition already guarantees that filter leaves the clause out."""
    name: str
    attribute: str
    op: str                       # eq | absent | lt | between | eq_or_absent | present | test
    # (test: `value` is a predicate of the whole lead; `attribute` is then LEAD)
    value: Any = None


@dataclass
class LeadFilter:
    status: str | None = None
    qualification: str | None = None
    source: str | None = None
    source_detail: str | None = None
    assignee: str | None = None
    unassigned: bool = False
    overdue: bool = False
    needs_review: bool = False
    sweepstake_without_consent: bool = False
    received_from: str | None = None          # fixed-width ISO, inclusive
    received_to: str | None = None            # fixed-width ISO, inclusive (to the end of that moment)
    visible_scope: str | None = None          # None | own_or_pool | own | created (permissions' scopes)
    visible_user: str | None = None
    now: str = ""

    def received_bounds(self) -> tuple[str, str]:
        """Inclusive bounds on received_at: "~" sorts after every suffix of a timestamp."""
        return self.received_from or "0", (self.received_to or "9999") + "~"

    def clauses(self) -> list[Clause]:
        out = []
        for name in ("status", "qualification", "source", "source_detail"):
            if getattr(self, name):
                out.append(Clause(name, name, "eq", getattr(self, name)))
        if self.unassigned:
            out.append(Clause("assignee", "assignee", "absent"))
        elif self.assignee:
            out.append(Clause("assignee", "assignee", "eq", self.assignee))
        if self.overdue:
            out += [Clause("overdue", "status", "eq", OPEN), Clause("overdue", "due_at", "lt", self.now)]
        if self.needs_review:
            out.append(Clause("needs_review", "review_pk", "present"))
        if self.sweepstake_without_consent:
            out.append(Clause("sweepstake", LEAD, "test", sweepstake_without_consent))
        if self.received_from or self.received_to:
            out.append(Clause("received", "received_at", "between", self.received_bounds()))
        if self.visible_scope == "own_or_pool":
            out.append(Clause("visible", "assignee", "eq_or_absent", self.visible_user))
        elif self.visible_scope == "own":
            out.append(Clause("visible", "assignee", "eq", self.visible_user))
        elif self.visible_scope == "created":
            out.append(Clause("visible", "created_by", "eq", self.visible_user))
        return out


def holds(clause: Clause, value: Any) -> bool:
    """Whether a lead's attribute value meets the clause (absent attributes are None)."""
    if clause.op == "eq":
        return value == clause.value
    if clause.op == "absent":
        return value is None
    if clause.op == "present":
        return value is not None
    if clause.op == "eq_or_absent":
        return value is None or value == clause.value
    if clause.op == "lt":
        return value is not None and value < clause.value
    if clause.op == "test":
        return clause.value(value)
    if clause.op == "between":
        low, high = clause.value
        return value is not None and low <= value <= high
    raise ValueError(f"unknown clause op {clause.op}")


def matches(lead, f: LeadFilter, implied: frozenset[str] = frozenset()) -> bool:
    """Whether a lead (anything with the attributes) passes every clause not implied."""
    return all(holds(c, lead if c.attribute == LEAD else getattr(lead, c.attribute, None))
               for c in f.clauses() if c.name not in implied)
