"""Duplicate check (Dublettenprüfung): match keys, and a frequency-weighted comparison of two persons.

Candidates are fetched by match keys kept for every customer (normalised e-mail, E.164 phone,
phonetic names with postal code or birth date, address), then each is compared field by field
in the manner of probabilistic record linkage (Fellegi-Sunter): every agreement or disagreement
adds its weight in bits, and a surname agreement weighs more the rarer the surname is in the
tenant's customer master. The hard cases are not spelling but people who share data, so a
"duplicate" verdict needs more than a name: a disagreeing first name or birth date vetoes it,
and an address alone does not corroborate a person whose e-mail and phone both differ.
"""
import datetime as dt
import math
import re
from dataclasses import dataclass, field

import cologne_phonetics
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from .first_names import KNOWN_FIRST_NAMES
from .text import fold

PARTICLES = frozenset({"von", "van", "de", "der", "den", "del", "della", "di", "da", "du", "zu", "zum", "zur",
                       "vom", "ten", "ter", "le", "la", "mc", "freiherr", "graf", "edler", "ritter"})
_TITLE_WORDS = frozenset({"dr", "prof", "mag", "mmag", "ddr", "di", "dipl", "ing", "dkfm", "kfm", "univ",
                          "med", "jur", "phil", "rer", "nat", "bsc", "msc", "ba", "ma", "mba", "phd", "kr", "jun",
                          "sen", "jr", "sr"})
# Diminutives and short forms (Austrian and Bavarian included) of first names. Two names agree when
# one is a short form of the other, or both are short forms of one name; two full names sharing a
# short form (Alexander, Alexandra: "Alex") are different people.
_SHORT_FORMS = {
    "johann": ["hans", "hannes", "jan"], "johannes": ["hans", "hannes", "jan"], "josef": ["sepp", "seppi", "beppo"],
    "joseph": ["sepp", "seppi"], "anton": ["toni", "tony"], "franz": ["franzi"], "alexander": ["alex", "sascha"],
    "alexandra": ["alex", "sandra"], "matthias": ["hias", "matt"], "thomas": ["tom"], "michael": ["michl", "micha"],
    "elisabeth": ["lisa", "sissi", "liesl", "betty"], "katharina": ["kathi", "kati", "katrin"],
    "margarete": ["grete", "gretl", "margit"], "maximilian": ["max", "maxi"], "christoph": ["chris"],
    "christopher": ["chris"], "christine": ["tina", "chris"], "christina": ["tina", "chris"], "wolfgang": ["wolfi"],
    "georg": ["schorsch"], "andreas": ["andi", "anderl"], "barbara": ["babsi", "barbi"], "susanne": ["susi"],
    "stefanie": ["steffi"], "florian": ["flo"], "benjamin": ["ben", "benni"], "theresa": ["resi", "tresi"],
    "therese": ["resi"], "ferdinand": ["ferdl", "ferdi"], "leopold": ["poldi"], "friedrich": ["fritz"],
    "heinrich": ["heinz", "heini"], "wilhelm": ["willi", "willy"], "gabriele": ["gabi"], "daniela": ["dani"],
    "daniel": ["dani"],
}
_CANONICAL: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    _CANONICAL.setdefault(fold(_full), set()).add(fold(_full))
    for _short in _shorts:
        _CANONICAL.setdefault(fold(_short), set()).add(fold(_full))

_STREET_SUFFIXES = [(r"strasse\b|str\b\.?|strase\b", "str"), (r"gasse\b|g\b\.", "g"), (r"platz\b|pl\b\.?", "pl"),
                    (r"weg\b", "weg"), (r"allee\b", "allee"), (r"ring\b", "ring")]
_HOUSE_NUMBER = re.compile(r"(\d+\s*[a-z]?)(?:\s*[-/].*)?$")
_SPACES = re.compile(r"[^0-9a-z]+")

# Weights in bits (log2 of likelihood ratios), chosen from the classic m/u reasoning:
WEIGHTS = {
    "email_agree": 10.0, "email_disagree": -2.0,
    "phone_agree": 9.0, "phone_disagree": -2.0,
    "first_agree": 6.0, "first_similar": 4.0, "first_initial": 1.5, "first_disagree": -20.0,
    "birth_agree": 12.0, "birth_transposed": 4.0, "birth_disagree": -25.0,
    "address_agree": 5.0, "postal_agree": 1.0, "postal_disagree": -2.0, "city_agree": 1.0,
    "last_disagree": -8.0,
}
SURNAME_WEIGHT_RANGE = (3.0, 13.0)
DUPLICATE_THRESHOLD = 14.0
POSSIBLE_THRESHOLD = 6.0
AMBIGUITY_MARGIN = 3.0


# ------------------------------------------------------------------ normalisation


def name_words(name: str | None) -> list[str]:
    """Folded words of a name without particles, titles and generational suffixes."""
    return [w for w in _SPACES.split(fold(name or "")) if w and w not in PARTICLES and w not in _TITLE_WORDS]


def phonetic(name: str | None) -> str:
    """Kölner Phonetik of the name's words (particles dropped), e.g. Meier/Meyer/Maier -> 67."""
    words = name_words(name)
    if not words:
        return ""
    return "-".join(code for _, code in cologne_phonetics.encode(" ".join(words)) if code)


def normalise_email(email: str | None) -> str | None:
    """Case-folded; +tags dropped; googlemail is gmail, whose local part ignores dots."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        domain, local = "gmail.com", local.replace(".", "")
    return f"{local}@{domain}"


def normalise_street(street: str | None) -> tuple[str, str] | None:
    """('mariahilferstr', '12') from 'Mariahilfer Straße 12/3/7' or 'Mariahilferstr. 12 Stiege 3'."""
    if not street:
        return None
    text = fold(street)
    for pattern, replacement in _STREET_SUFFIXES:
        text = re.sub(pattern, replacement, text)
    match = re.search(r"^(.*?)(\d+\s*[a-z]?\b)", text)
    if not match:
        return _SPACES.sub("", text), ""
    return _SPACES.sub("", match.group(1)), match.group(2).replace(" ", "")


@dataclass(frozen=True)
class Profile:
    """The comparable form of a person (lead or customer)."""
    first: tuple[str, ...]
    last: tuple[str, ...]
    first_code: str
    last_code: str
    email: str | None
    phone: str | None
    birth: str | None
    postal: str | None
    city: str
    street: tuple[str, str] | None

    @classmethod
    def of(cls, person: dict) -> "Profile":
        birth = person.get("birth_date")
        return cls(
            first=tuple(name_words(person.get("first_name"))), last=tuple(name_words(person.get("last_name"))),
            first_code=phonetic(person.get("first_name")), last_code=phonetic(person.get("last_name")),
            email=normalise_email(person.get("email")), phone=person.get("phone") or None,
            birth=birth.isoformat() if isinstance(birth, dt.date) else (birth or None),
            postal=(person.get("postal_code") or None), city="".join(name_words(person.get("city"))),
            street=normalise_street(person.get("street")),
        )


# ------------------------------------------------------------------ match keys


RARE_SURNAME = 20     # customers sharing a surname code; rarer names are also looked up without a place
# How many members of a key's partition are read. Name keys alone never make a duplicate (every
# corroborating field has its own key), so they are read for the candidate list only, capped.
KEY_LIMITS = {"n": 5, "c": 5, "f": RARE_SURNAME}
DEFAULT_KEY_LIMIT = 50


def key_limit(key: str) -> int:
    return KEY_LIMITS.get(key[0], DEFAULT_KEY_LIMIT)


def customer_keys(p: Profile) -> set[str]:
    """The keys under which a customer is indexed. Each is selective by construction, so a key's
    partition does not grow with the customer master (except f:, read only for rare surnames)."""
    keys = set()
    if p.email:
        keys.add(f"e:{p.email}")
    if p.phone:
        keys.add(f"p:{p.phone}")
    if p.street and p.postal:
        keys.add(f"h:{p.postal}:{p.street[0]}:{p.street[1]}")            # the household
    surname, first = surname_code(p), p.first_code.split("-")[0] if p.first_code else None
    if surname:
        if p.birth:
            keys.add(f"b:{surname}:{p.birth}")
        if first:
            keys.add(f"f:{surname}:{first}")
            if p.postal:
                keys.add(f"n:{surname}:{first}:{p.postal}")
            if p.city:
                keys.add(f"c:{surname}:{first}:{p.city}")
    return keys


def lookup_keys(p: Profile, *, rare_surname: bool = False) -> set[str]:
    """The keys to fetch a lead's candidates by: its own, those of its names swapped, and the
    name without a place only when the surname is rare (that partition is then small too)."""
    keys = customer_keys(p)
    if p.first_code and p.last_code:
        swapped = Profile(p.last, p.first, p.last_code, p.first_code, p.email, p.phone, p.birth, p.postal,
                          p.city, p.street)
        keys |= {k for k in customer_keys(swapped) if not k.startswith("f:")}
    if not rare_surname:
        keys = {k for k in keys if not k.startswith("f:")}
    if p.postal:
        keys = {k for k in keys if not k.startswith("c:")}       # the city stands in for a missing postal code
    return keys


def surname_code(p: Profile) -> str | None:
    return p.last_code.split("-")[0] if p.last_code else None  # first word of a double name


# ------------------------------------------------------------------ comparison


@dataclass
class Comparison:
    field: str
    outcome: str            # agree | similar | disagree | missing
    weight: float
    detail: str


@dataclass
class Verdict:
    score: float
    comparisons: list[Comparison] = field(default_factory=list)
    duplicate: bool = False
    possible: bool = False

    @property
    def confidence(self) -> int:
        """The score as 0-100 (logistic in bits), for people who do not think in bits."""
        return round(100 / (1 + 2 ** (-(self.score - POSSIBLE_THRESHOLD) / 2)))


def _names_agree(a: tuple[str, ...], b: tuple[str, ...], code_a: str, code_b: str) -> str:
    if not a or not b:
        return "missing"
    ja, jb = " ".join(a), " ".join(b)
    if ja == jb or set(a) & set(b) and (set(a) <= set(b) or set(b) <= set(a)):
        return "agree"
    if code_a and code_a == code_b and JaroWinkler.similarity(ja, jb) >= 0.8:
        return "agree"
    if JaroWinkler.similarity(ja, jb) >= 0.92:
        return "similar"
    return "disagree"


def _short_form_of(a: str, b: str) -> bool:
    full_a, full_b = _CANONICAL.get(a, set()), _CANONICAL.get(b, set())
    return a in full_b or b in full_a or (a not in _SHORT_FORMS and b not in _SHORT_FORMS and bool(full_a & full_b))


def _first_names(a: tuple[str, ...], b: tuple[str, ...], code_a: str, code_b: str) -> str:
    """Strict, because household members' names often differ by an ending only (Johann/Johanna,
    Maria/Marie, Christian/Christina). Two different known first names disagree unless one is a
    short form of the other; an unknown spelling one edit from the other name is a typo."""
    if not a or not b:
        return "missing"
    x, y = a[0], b[0]
    if x == y or " ".join(a) == " ".join(b):
        return "agree"
    if _short_form_of(x, y):
        return "agree"
    if len(x) == 1 or len(y) == 1:
        return "initial" if x[0] == y[0] else "disagree"
    if x in KNOWN_FIRST_NAMES and y in KNOWN_FIRST_NAMES:
        same_sound = code_a and code_a.split("-")[0] == code_b.split("-")[0] and x[-2:] == y[-2:]
        return "similar" if same_sound else "disagree"              # Stefan/Stephan
    if min(len(x), len(y)) >= 4 and (DamerauLevenshtein.distance(x, y) <= 1 or JaroWinkler.similarity(x, y) >= 0.93):
        return "similar"
    return "disagree"


def surname_weight(frequency: int, total: int) -> float:
    """log2(N / f): a surname shared by few customers identifies more than a common one."""
    low, high = SURNAME_WEIGHT_RANGE
    return max(low, min(high, math.log2(max(total, 1) / max(frequency, 1))))


def compare(lead: Profile, customer: Profile, *, surname_frequency: int, total: int) -> Verdict:
    """Weigh every field; decide duplicate / possible duplicate / different person."""
    cmp: list[Comparison] = []

    def add(field_name, outcome, weight, detail):
        cmp.append(Comparison(field_name, outcome, weight, detail))

    last = _names_agree(lead.last, customer.last, lead.last_code, customer.last_code)
    first = _first_names(lead.first, customer.first, lead.first_code, customer.first_code)
    swapped = False
    if last == "disagree" or first == "disagree":
        s_last = _names_agree(lead.first, customer.last, lead.first_code, customer.last_code)
        s_first = _first_names(lead.last, customer.first, lead.last_code, customer.first_code)
        if s_last == "agree" and s_first in ("agree", "similar"):
            last, first, swapped = s_last, s_first, True
    sw = surname_weight(surname_frequency, total)
    if last == "agree":
        add("last_name", "agree", sw, f"same surname{' (first and last name swapped)' if swapped else ''}, "
                                       f"{surname_frequency} of {total} customers share it")
    elif last == "similar":
        add("last_name", "similar", sw / 2, "similar surname")
    elif last == "disagree":
        add("last_name", "disagree", WEIGHTS["last_disagree"], "different surname")
    if first == "agree":
        add("first_name", "agree", WEIGHTS["first_agree"], "same first name")
    elif first == "similar":
        add("first_name", "similar", WEIGHTS["first_similar"], "first name spelled differently")
    elif first == "initial":
        add("first_name", "similar", WEIGHTS["first_initial"], "first name given as its initial")
    elif first == "disagree":
        add("first_name", "disagree", WEIGHTS["first_disagree"], "different first name")
    first_index = len(cmp) - 1 if cmp and cmp[-1].field == "first_name" else None

    for name, a, b in (("email", lead.email, customer.email), ("phone", lead.phone, customer.phone)):
        if a and b:
            same = a == b
            add(name, "agree" if same else "disagree", WEIGHTS[f"{name}_{'agree' if same else 'disagree'}"],
                f"same {name}" if same else f"different {name}")

    if lead.birth and customer.birth:
        if lead.birth == customer.birth:
            add("birth_date", "agree", WEIGHTS["birth_agree"], "same birth date")
        elif lead.birth[:4] == customer.birth[:4] and lead.birth[5:7] == customer.birth[8:10] \
                and lead.birth[8:10] == customer.birth[5:7]:
            add("birth_date", "similar", WEIGHTS["birth_transposed"], "day and month swapped")
        else:
            add("birth_date", "disagree", WEIGHTS["birth_disagree"], "different birth date")

    if lead.postal and customer.postal:
        if lead.postal != customer.postal:
            add("postal_code", "disagree", WEIGHTS["postal_disagree"], "different postal code")
        elif lead.street and customer.street and lead.street == customer.street:
            add("address", "agree", WEIGHTS["address_agree"], "same street and house number")
        else:
            add("postal_code", "agree", WEIGHTS["postal_agree"], "same postal code")
    elif lead.city and lead.city == customer.city:
        add("city", "agree", WEIGHTS["city_agree"], "same city")

    outcome = {c.field: c.outcome for c in cmp}
    if outcome.get("first_name") == "disagree" and outcome.get("birth_date") == "agree" and (
            outcome.get("email") == "agree" or outcome.get("phone") == "agree"):
        # Same birth date and same e-mail or phone: one person whose first name was mistyped.
        cmp[first_index] = Comparison("first_name", "similar", WEIGHTS["first_initial"],
                                      "different first name, but birth date and contact agree")
        outcome["first_name"] = "similar"
    score = sum(c.weight for c in cmp)
    identifier_agrees = any(outcome.get(f) == "agree" for f in ("email", "phone", "birth_date"))
    identifier_disagrees = any(outcome.get(f) == "disagree" for f in ("email", "phone"))
    corroborated = identifier_agrees or (outcome.get("address") == "agree" and not identifier_disagrees)
    vetoed = outcome.get("first_name") == "disagree" or outcome.get("birth_date") == "disagree" \
        or outcome.get("last_name") == "disagree"
    verdict = Verdict(score=score, comparisons=cmp)
    verdict.duplicate = score >= DUPLICATE_THRESHOLD and corroborated and not vetoed
    verdict.possible = not verdict.duplicate and score >= POSSIBLE_THRESHOLD and not vetoed
    return verdict


def rank(verdicts: list[tuple[str, Verdict]]) -> list[tuple[str, Verdict]]:
    """Best first; two near-equal duplicates are ambiguous, so neither is called a duplicate."""
    ordered = sorted(verdicts, key=lambda kv: kv[1].score, reverse=True)
    dups = [v for _, v in ordered if v.duplicate]
    if len(dups) >= 2 and dups[0].score - dups[1].score < AMBIGUITY_MARGIN:
        for v in dups:
            v.duplicate, v.possible = False, True
    return ordered
