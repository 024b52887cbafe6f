"""A second, independent world: an Austrian dealer's customer master and leads with ground truth.

    build(n_customers, n_leads, seed) -> EvalSet      (10,000 customers: ~1 s; 100,000: ~12 s)

Written from scratch (own name lists, places, spellings and error model in second_world_data.py), with
no look at the matcher or at bench/matching_eval.py, so that tuning the matcher cannot fit it. The rates
below are chosen for this set, not taken from anywhere; the same seed gives the same set on any day.

The world. People live in households in real Austrian (about 75%), German, mostly Bavarian (22%) and Swiss
(3%) towns with postal codes that exist, weighted as a dealer near Salzburg would see them. Names are
drawn by rank (Zipf) from Austrian, German, Turkish, Bosnian/Croatian/Serbian, Polish and Hungarian lists
(Polish surnames take -ska for women); Austrian and German surnames get a long tail of compounds, so the
commonest surname (Müller, Gruber) holds about 1% of the master and half of all surnames occur once in a
10,000 master. First names follow the birth cohort. Households: 42% singles, 30% couples, 20% families,
4% single parents, 4% a senior and a junior of the same first and last name 25-35 years apart. Spouses
mostly share a surname (some keep theirs or take a double name); about 40% of homes have a landline that
every member may give, 10% a family e-mail. Addresses carry Austrian flat numbers ("12/3/7", "12/7",
"7/Top 4"), hamlet addresses ("Oberdorf 27") and German/Swiss house numbers.

The master. The first adult of a household is always in it, a spouse 45%, an adult child 25%; of a
junior/senior pair both 55%, else one. 1.5% of households are named after an existing customer living
elsewhere (namesakes, besides the ones common names make anyway); 2% of persons are entered a second
time, slightly differently (another phone spelling, a nickname, a typo, a former address, title or
e-mail missing). Clerks keep a birth date for 55%, an e-mail for 80% (60% past 65), type 1.5% of records
with a typo, strip Turkish/Slavic/Hungarian diacritics from a field 60% of the time and write umlauts as
ae/oe/ue 4%, capitalise 4% of surnames, put 0.3% placeholder birth dates (1900-01-01), write the country as
"A"/"D" 2% or not at all 2%, and keep 20% of foreign (German, Swiss) numbers in their national form.
Every master phone is valid for libphonenumber in the customer's country.

The leads. Each comes through a channel that decides which fields a sender gives (portal 35%: name,
e-mail, phone; brand form 35%: often the address; financing request 8%: everything with birth date; call
note 12%: name and phone; trade fair 10%), is spelled as senders spell (a phone in one of 17 spellings,
a mobile in `phone` or `mobile_phone`, the street spelled otherwise 20%, an Austrian flat number
otherwise 20%, another spelling of the town 8%, lower case 3% and capitals 1.5%, a stray space 3%, an
empty string 5%, country as code or name), and then gets its scenario. Shares (SCENARIOS):
  returning customers, truth = the customer (both ids when entered twice), 69%:
    returning_same 9% (no value differs), returning_one_field 9% and returning_two_fields 5% (new e-mail,
    mobile or landline, typo in a name, street, house number, postal code or e-mail, an added title or
    second first name, another birth date), returning_typo_two_fields 4% (two typos at once, surname and
    street most often), returning_sparse 5% (surname and one contact), returning_master_duplicate 2%,
    returning_household_member 3% (writes with the family landline or e-mail), returning_junior_senior
    1.5%, married_name 3% (new surname or double name, either order, hyphen or space; half moved too),
    swapped_names 2%, nickname 3% (Sepp/Josef, Kathi/Katharina, both ways), name_spelling_variant 2%
    (Maier/Mayr, Stefan/Stephan, Karl-Heinz/Karl Heinz), umlaut_spelling 4% (Müller/Mueller/Muller,
    Yılmaz/Yilmaz, Jovanović/Jovanovic, ß/ss), title_variant 3% ("DI"/"Dipl.-Ing.", "Mag.a", a title in a
    name field or the salutation, jun./sen.), birth_date_error 2% (day/month swapped, one digit, year digits
    swapped, a day off), moved_house 4% (new address, same mobile or e-mail), phone_national_foreign 1.5%
    (the master's German or Swiss mobile without country: "0151 ..."), phone_invalid 1.5% (invalid for
    libphonenumber at an Austrian dealer, kept as typed), phone_other_spelling 3% ("+43 (0) 664 ...",
    "664 ...", a mobile in `work_phone`), company_contact 1.5% (the company spelled otherwise);
  new people, truth empty, 31%:
    household_member 5% (spouse, partner or adult child of a customer: same address, often the landline or
    family e-mail), junior_senior 2.5% (same name and address as a customer, 25-35 years apart),
    namesake 3% (same first and last name as a customer, elsewhere or 25% in the same town),
    new_person 20.5%.
`related` lists, for every lead, the customers who are not its person but share its household, its
junior/senior pair or its first and last name: the plausible wrong matches.
"""
import random
import re
from functools import lru_cache
from itertools import accumulate
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

import phonenumbers

from bench.eval_sets import PERSON_FIELDS, EvalLead, EvalSet
from bench.eval_sets import second_world_data as data

TODAY = date(2025, 6, 1)          # fixed, so a seed gives the same set on any day
PLACEHOLDER_BIRTH = date(1900, 1, 1)

SCENARIOS = {
    "returning_same": 0.09, "returning_one_field": 0.09, "returning_two_fields": 0.05,
    "returning_typo_two_fields": 0.04, "returning_sparse": 0.05, "returning_master_duplicate": 0.02,
    "returning_household_member": 0.03, "returning_junior_senior": 0.015, "married_name": 0.03,
    "swapped_names": 0.02, "nickname": 0.03, "name_spelling_variant": 0.02, "umlaut_spelling": 0.04,
    "title_variant": 0.03, "birth_date_error": 0.02, "moved_house": 0.04, "phone_national_foreign": 0.015,
    "phone_invalid": 0.015, "phone_other_spelling": 0.03, "company_contact": 0.015,
    "household_member": 0.05, "junior_senior": 0.025, "namesake": 0.03, "new_person": 0.205,
}
NEW_PERSON_SCENARIOS = ("household_member", "junior_senior", "namesake", "new_person")

# master rates
MASTER_DUPLICATE_SHARE = 0.02
NAMESAKE_HOUSEHOLD_SHARE = 0.015
CLERK_TYPO = 0.015
CLERK_STRIPS_DIACRITICS = 0.6
CLERK_CAPITAL_SURNAME = 0.04
PLACEHOLDER_BIRTH_SHARE = 0.003
FOREIGN_PHONE_NATIONAL_IN_MASTER = 0.2

COUNTRY_SHARES = [("AT", 75), ("DE", 22), ("CH", 3)]
ORIGIN_SHARES = {"AT": [("at", 80), ("bks", 7), ("tr", 5), ("de", 4), ("pl", 2), ("hu", 2)],
                 "DE": [("de", 84), ("tr", 7), ("pl", 4), ("bks", 3), ("at", 2)],
                 "CH": [("de", 85), ("bks", 6), ("tr", 3), ("at", 6)]}
URBAN = {"Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt am Wörthersee", "München", "Berlin",
         "Hamburg", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden", "Zürich"}

MASTER_PHONE_STYLES = [("intl_spaced", 35), ("national_slash", 25), ("national_space", 15), ("intl_compact", 10),
                       ("zerozero", 5), ("national_compact", 5), ("national_grouped", 5)]
SENDER_PHONE_STYLES = [("national_compact", 22), ("national_space", 18), ("intl_compact", 15), ("intl_spaced", 12),
                       ("national_slash", 8), ("national_grouped", 8), ("zerozero", 5), ("national_dash", 4),
                       ("intl_trunk", 3), ("paren", 2), ("intl_dash", 2), ("intl_grouped", 1)]
ODD_PHONE_STYLES = [("intl_trunk", 20), ("intl_trunk_compact", 10), ("zerozero_compact", 15), ("paren", 15),
                    ("intl_slash", 10), ("no_trunk", 15), ("national_spaced_dash", 10), ("intl_grouped", 5)]
INTERNATIONAL_STYLES = {"intl_spaced", "intl_compact", "zerozero", "intl_trunk", "intl_dash", "intl_grouped",
                        "intl_trunk_compact", "zerozero_compact", "intl_slash"}

# channel -> probability that a sender gives each field (when the person has it)
CHANNELS = {
    "portal": (0.35, dict(salutation=.5, title=.2, first=.97, email=.95, mobile=.6, landline=.05, postal=.3,
                          city=.2, address=.1, country=.1, birth=0, company=.02, work=0)),
    "brand_form": (0.35, dict(salutation=.85, title=.5, first=1, email=.97, mobile=.8, landline=.1, postal=.75,
                              city=.75, address=.6, country=.35, birth=.05, company=.05, work=.02)),
    "financing": (0.08, dict(salutation=.95, title=.8, first=1, email=1, mobile=.95, landline=.2, postal=1, city=1,
                             address=1, country=.8, birth=.95, company=.1, work=.1)),
    "call_note": (0.12, dict(salutation=.6, title=.1, first=.75, email=.2, mobile=.85, landline=.3, postal=.1,
                             city=.3, address=.05, country=0, birth=0, company=.02, work=.05)),
    "fair": (0.10, dict(salutation=.7, title=.5, first=1, email=.85, mobile=.6, landline=.05, postal=.6, city=.6,
                        address=.5, country=.2, birth=0, company=.3, work=.1)),
}


def build(n_customers: int, n_leads: int, seed: int) -> EvalSet:
    """A customer master of n_customers records and n_leads labelled leads, the same for the same seed."""
    world = _World(random.Random(seed))
    world.make_master(n_customers)
    leads = _LeadMaker(world, random.Random(seed * 7919 + 1)).make(n_leads)
    counts = {}
    for lead in leads:
        counts[lead.scenario] = counts.get(lead.scenario, 0) + 1
    return EvalSet(name=f"second_world_{n_customers}_{n_leads}_s{seed}", customers=world.customers, leads=leads,
                   notes={"seed": seed, "scenario_counts": counts, "today": TODAY.isoformat(),
                          "master_persons_entered_twice": sum(1 for p in world.master_persons if len(p.ids) == 2)})


# ---------------------------------------------------------------- small helpers

def _words(text: str) -> list[str]:
    seen = {}
    for word in text.split():
        seen.setdefault(word, None)
    return list(seen)


def _zipf(n: int, s: float = 1.0, offset: float = 1.5) -> list[float]:
    return [1 / (i + offset) ** s for i in range(n)]


def _pick(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


@lru_cache(maxsize=None)
def _ascii_fold(text: str, umlauts_as_e: bool = True) -> str:
    """Müller -> Mueller (or Muller), Yılmaz -> Yilmaz, Đorđević -> Djordjevic, Łukasz -> Lukasz."""
    if text.isascii():
        return text
    if umlauts_as_e:
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
            text = text.replace(a, b)
    for a, b in (("ß", "ss"), ("ı", "i"), ("İ", "I"), ("đ", "dj"), ("Đ", "Dj"), ("ł", "l"), ("Ł", "L")):
        text = text.replace(a, b)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _strip_foreign_diacritics(text: str) -> str:
    """What a clerk on a German keyboard types: keeps ä/ö/ü/ß, drops ć, ş, ł, ı, á ..."""
    if text.isascii():
        return text
    out = []
    for c in text:
        out.append(c if c in "äöüÄÖÜß" else _ascii_fold(c, umlauts_as_e=False))
    return "".join(out)


def _name_key(first: str, last: str) -> str:
    return _ascii_fold(f"{first}|{last}".lower()).replace("-", " ")


def _has_diacritics(text: str | None) -> bool:
    return bool(text) and _ascii_fold(text) != text


_FORMAL_OF: dict[str, list[str]] = {}
for _formal, _nicks in data.NICKNAMES.items():
    for _nick in _nicks:
        _FORMAL_OF.setdefault(_nick, []).append(_formal)
_FIRST_SPELLING_OF = {name: group for group in data.FIRST_SPELLINGS for name in group}
_SURNAME_SPELLING_OF = {name: group for group in data.SURNAME_SPELLINGS if group[0][0].isupper() for name in group}
_SURNAME_SUFFIX_SPELLINGS = [(suffix, group) for group in data.SURNAME_SPELLINGS if group[0][0].islower()
                             for suffix in group]

_NEIGHBOURS = {}
for _r, _row in enumerate(data.QWERTZ_ROWS):
    for _i, _c in enumerate(_row):
        near = [_row[j] for j in (_i - 1, _i + 1) if 0 <= j < len(_row)]
        for _rr, _shift in ((_r - 1, (0, 1)), (_r + 1, (-1, 0))):
            if 0 <= _rr < len(data.QWERTZ_ROWS):
                near += [data.QWERTZ_ROWS[_rr][_i + d] for d in _shift if 0 <= _i + d < len(data.QWERTZ_ROWS[_rr])]
        _NEIGHBOURS[_c] = [n for n in near if n.isalpha()] or [_c]


def typo(text: str, rng: random.Random) -> str:
    """One slip of the hand: a neighbouring key, a dropped, doubled or extra letter, two letters swapped."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if len(positions) < 2:
        return text + rng.choice("aeinrst")
    for _ in range(20):
        i = rng.choice(positions[1:]) if rng.random() < 0.9 else positions[0]
        c = text[i]
        kind = _pick(rng, [("neighbour", 35), ("drop", 25), ("swap", 20), ("double", 12), ("extra", 8)])
        if kind == "neighbour":
            n = rng.choice(_NEIGHBOURS.get(c.lower(), [c.lower()]))
            out = text[:i] + (n.upper() if c.isupper() else n) + text[i + 1:]
        elif kind == "drop":
            out = text[:i] + text[i + 1:]
        elif kind == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
            out = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        elif kind == "double":
            out = text[:i] + c + text[i:]
        else:
            out = text[:i + 1] + rng.choice(_NEIGHBOURS.get(c.lower(), ["e"])) + text[i + 1:]
        if out.lower() != text.lower():
            return out
    return text[:-1] if len(text) > 2 else text + "e"


def _group(sub: str) -> str:
    if len(sub) == 7:
        return f"{sub[:3]} {sub[3:5]} {sub[5:]}"
    if len(sub) == 8:
        return f"{sub[:4]} {sub[4:]}"
    if len(sub) == 6:
        return f"{sub[:2]} {sub[2:4]} {sub[4:]}"
    return f"{sub[:3]} {sub[3:]}" if len(sub) > 4 else sub


def format_phone(phone: tuple[str, str, str], style: str) -> str:
    cc, pre, sub = phone
    return {
        "intl_spaced": f"+{cc} {pre} {sub}", "intl_compact": f"+{cc}{pre}{sub}",
        "intl_grouped": f"+{cc} {pre} {_group(sub)}", "zerozero": f"00{cc} {pre} {sub}",
        "zerozero_compact": f"00{cc}{pre}{sub}", "national_space": f"0{pre} {sub}",
        "national_slash": f"0{pre}/{sub}", "national_compact": f"0{pre}{sub}",
        "national_grouped": f"0{pre} {_group(sub)}", "national_dash": f"0{pre}-{sub}",
        "national_spaced_dash": f"0{pre} - {_group(sub)}", "paren": f"(0{pre}) {sub}",
        "intl_trunk": f"+{cc} (0) {pre} {sub}", "intl_trunk_compact": f"+{cc}(0){pre}{sub}",
        "intl_dash": f"+{cc}-{pre}-{sub}", "intl_slash": f"+{cc}/{pre}/{sub}", "no_trunk": f"{pre} {sub}",
    }[style]


def is_valid_at_dealer(text: str) -> bool:
    """Whether libphonenumber, reading the text at an Austrian dealer, calls it a valid number."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "AT"))
    except phonenumbers.NumberParseException:
        return False


# ---------------------------------------------------------------- the world

@dataclass
class _Town:
    country: str
    postals: list[str]
    name: str
    alts: list[str]
    area: str
    weight: float
    streets: list[str]


@dataclass
class _Home:
    town: _Town
    postal: str
    street: str          # "Hauptstraße", or a hamlet's name
    number: str          # "12/3/7", "14a", "27"
    landline: tuple | None = None
    family_email: str | None = None


@dataclass
class _Person:
    pid: int
    sex: str
    origin: str
    first: str
    last: str
    birth: date
    home: _Home
    household: int
    title: str = ""                 # "Mag.", "+BSc" (postnominal)
    marker: str = ""                # "jun." / "sen."
    mobile: tuple | None = None
    work: tuple | None = None
    email: str | None = None
    company: str | None = None
    counterpart: int | None = None  # the junior's senior and back
    in_master: bool = False
    ids: list[str] = field(default_factory=list)
    clean: bool = True              # the first master record has no clerk's typo


def _parse_towns():
    streets = {"WIEN": data.STREETS_WIEN, "GRAZ": data.STREETS_GRAZ, "LINZ": data.STREETS_LINZ,
               "SALZBURG": data.STREETS_SALZBURG, "INNSBRUCK": data.STREETS_INNSBRUCK,
               "KLAGENFURT": data.STREETS_KLAGENFURT, "MUENCHEN": data.STREETS_MUENCHEN,
               "BERLIN": data.STREETS_BERLIN}
    generic = {"AT": data.STREETS_GENERIC_AT, "DE": data.STREETS_GENERIC_DE, "CH": data.STREETS_GENERIC_CH}
    towns = []
    for line in data.TOWNS.strip().splitlines():
        country, postals, name, alts, area, weight, street_key = line.split("|")
        text = streets[street_key] if street_key else generic[country]
        towns.append(_Town(country, postals.split(), name, [a for a in alts.split(";") if a], area, float(weight),
                           [s.strip() for s in text.replace("\n", "").split("|") if s.strip()]))
    return towns


class _Names:
    """Weighted draws of first names and surnames by origin, sex and cohort."""

    def __init__(self):
        def ranked(text, s=1.0, offset=1.5):
            words = _words(text)
            return words, list(accumulate(_zipf(len(words), s, offset)))

        self.surnames = {
            # Gruber and Müller come out at about 1% of their groups, as in the phone books, not 3%
            "at": ranked(data.SURNAMES_AT, 1.0, 10), "de": ranked(data.SURNAMES_DE, 1.0, 10),
            "tr": ranked(data.SURNAMES_TR, 0.9),
            "bks": ranked(data.SURNAMES_BKS, 0.7), "pl": ranked(data.SURNAMES_PL, 0.8), "hu": ranked(data.SURNAMES_HU),
        }
        self.tail_at = ranked(data.SURNAMES_AT_TAIL, 0.3)
        self.compound = {
            "at": (ranked(data.COMPOUND_AT_PREFIXES, 0.5), ranked(data.COMPOUND_AT_SUFFIXES, 0.7)),
            "de": (ranked(data.COMPOUND_DE_PREFIXES, 0.5), ranked(data.COMPOUND_DE_SUFFIXES, 0.7)),
        }
        self.first = {}
        for (sex, cohort), text in data.FIRST_DACH.items():
            self.first[("dach", sex, cohort)] = ranked(text, 0.9, 2.0)
        for origin, table in (("tr", data.FIRST_TR), ("bks", data.FIRST_BKS), ("pl", data.FIRST_PL),
                              ("hu", data.FIRST_HU)):
            for sex, text in table.items():
                self.first[(origin, sex)] = ranked(text, 0.8, 2.0)

    def surname(self, rng, origin: str) -> str:
        if origin in ("at", "de"):
            r = rng.random()
            if r < 0.45:        # the long tail: compounds, each of them rare
                (pre, pw), (suf, sw) = self.compound[origin]
                for _ in range(5):
                    p, s = rng.choices(pre, cum_weights=pw)[0], rng.choices(suf, cum_weights=sw)[0]
                    if not p.lower().endswith(s[:3]):
                        return p + s
            if origin == "at" and r < 0.65:
                words, weights = self.tail_at
                return rng.choices(words, cum_weights=weights)[0]
        words, weights = self.surnames[origin]
        return rng.choices(words, cum_weights=weights)[0]

    def first_name(self, rng, origin: str, sex: str, birth_year: int) -> str:
        cohort = "old" if birth_year < 1960 else "mid" if birth_year < 1985 else "young"
        # second generation of immigrants get names from the DACH lists too
        if origin in ("tr", "bks", "pl", "hu") and not (birth_year >= 1985 and rng.random() < 0.3):
            words, weights = self.first[(origin, sex)]
        else:
            words, weights = self.first[("dach", sex, cohort)]
        return rng.choices(words, cum_weights=weights)[0]


def feminine(surname: str, origin: str) -> str:
    if origin == "pl":
        for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if surname.endswith(a):
                return surname[: -len(a)] + b
    return surname


class _World:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.towns = _parse_towns()
        self.towns_by_country = {c: [t for t in self.towns if t.country == c] for c in ("AT", "DE", "CH")}
        self.town_weights = {c: list(accumulate(t.weight for t in towns)) for c, towns in self.towns_by_country.items()}
        self.names = _Names()
        self.persons: list[_Person] = []
        self.households: dict[int, list[_Person]] = {}
        self.master_persons: list[_Person] = []
        self.customers: dict[str, dict] = {}
        self.views: dict[str, dict] = {}       # customer id -> the structured record behind it
        self.by_name: dict[str, list[_Person]] = {}
        self.used_phones: set[tuple] = set()
        self.used_emails: set[str] = set()

    # ------------------------------------------------------------ places, phones, e-mails
    def town(self, country: str) -> _Town:
        return self.rng.choices(self.towns_by_country[country], cum_weights=self.town_weights[country])[0]

    def home(self, country: str | None = None, town: _Town | None = None) -> _Home:
        rng = self.rng
        country = country or _pick(rng, COUNTRY_SHARES)
        town = town or self.town(country)
        postal = rng.choice(town.postals)
        house = str(min(int(rng.lognormvariate(2.2, 0.9)) + 1, 240))      # median 10, a tail past 100
        if town.country == "AT" and town.name not in URBAN and rng.random() < 0.1:
            return _Home(town, postal, rng.choice(data.HAMLETS_AT.replace("\n", "").split("|")),
                         str(rng.randint(1, 120)))
        street = rng.choice(town.streets)
        if town.country == "AT" and (town.name in URBAN and rng.random() < 0.85 or rng.random() < 0.25):
            stair, door = rng.randint(1, 6), rng.randint(1, 40)
            number = _pick(rng, [(f"{house}/{stair}/{door}", 40), (f"{house}/{door}", 45), (f"{house}/Top {door}", 5),
                                 (f"{house}-{int(house) + 2}/{stair}/{door}", 3), (f"{house}a/{door}", 7)])
        else:
            number = _pick(rng, [(house, 80), (house + "a", 12), (house + " a", 3),
                                 (f"{house}-{int(house) + 2}", 5)])
        return _Home(town, postal, street, number)

    def phone(self, cc: str, kind: str, area: str | None = None) -> tuple[str, str, str]:
        rng = self.rng
        for _ in range(100):
            if kind == "mobile":
                table = {"43": data.MOBILE_AT, "49": data.MOBILE_DE, "41": data.MOBILE_CH}[cc]
                pre, length, _w = rng.choices(table, [w for *_x, w in table])[0]
            else:       # subscriber numbers: Vienna 7 digits, Graz 6, small towns 5-6; Munich 8; Swiss 7
                pre = area
                length = {"43": {1: 7, 3: 6}.get(len(area), rng.choice((5, 6))),
                          "49": {2: 8, 3: 7}.get(len(area), 6), "41": 7}[cc]
            sub = str(rng.randrange(2 * 10 ** (length - 1), 10 ** length))      # no leading 0 or 1
            number = (cc, pre, sub)
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
        raise RuntimeError("no free phone number")  # pragma: no cover

    def email(self, first: str, last: str, birth: date, country: str, handle_ok: bool = True) -> str:
        rng = self.rng
        f = re.sub(r"[^a-z]", "", _ascii_fold(first.split("-")[0].lower()))
        fl = re.sub(r"[^a-z]", "", _ascii_fold(first.lower()))
        l = re.sub(r"[^a-z]", "", _ascii_fold(last.lower()))
        yy, yyyy = f"{birth.year % 100:02d}", str(birth.year)
        nick = (data.NICKNAMES.get(first.split("-")[0]) or [first])[0]
        patterns = [(f"{f}.{l}", 30), (f"{fl}{l}", 10), (f"{f[:1]}.{l}", 10), (f"{f}.{l}{yy}", 10), (f"{l}.{f}", 6),
                    (f"{f}_{l}", 4), (f"{f}{yy}", 6), (f"{l}{f[:1]}", 3), (f"{f}.{l}{rng.randint(1, 99)}", 5),
                    (re.sub(r"[^a-z]", "", _ascii_fold(nick.lower())) + yyyy, 4), (f"{l}{yyyy}", 6)]
        if handle_ok:
            patterns.append((rng.choice(["sonnenschein", "bergfex", "skifan", "racer", "engerl", "tiger", "mausi",
                                         "sunny", "alpenrose", "biker", "rapidfan", "sturmfan", "gipfelstuermer",
                                         "schnucki", "happy", "traktor", "diesel", "gamer"]) + str(rng.randint(1, 99)),
                             6))
        domains = {"AT": data.MAIL_AT, "DE": data.MAIL_DE, "CH": data.MAIL_CH}[country]
        local = _pick(rng, patterns)
        domain = _pick(rng, domains)
        address = f"{local}@{domain}"
        while address in self.used_emails:
            address = f"{local}{rng.randint(1, 999)}@{domain}"
        self.used_emails.add(address)
        return address

    def family_email(self, last: str, firsts: list[str], country: str) -> str:
        rng = self.rng
        l = re.sub(r"[^a-z]", "", _ascii_fold(last.lower()))
        fs = [re.sub(r"[^a-z]", "", _ascii_fold(f.split("-")[0].lower())) for f in firsts]
        local = _pick(rng, [(f"familie.{l}", 30), (f"fam.{l}", 15), (f"{l}.family", 10), (f"{l}.familie", 10),
                            ("und".join(fs[:2]), 15), (f"{l}.{''.join(f[:1] for f in fs[:2])}", 10), (f"{l}s", 10)])
        domains = {"AT": data.MAIL_AT, "DE": data.MAIL_DE, "CH": data.MAIL_CH}[country]
        domain = _pick(rng, domains)
        address = f"{local}@{domain}"
        while address in self.used_emails:
            address = f"{local}{rng.randint(1, 99)}@{domain}"
        self.used_emails.add(address)
        return address

    # ------------------------------------------------------------ people
    def birth(self, age_low: int, age_high: int, around: float | None = None, spread: float = 15) -> date:
        rng = self.rng
        if around is None:
            age = rng.uniform(age_low, age_high)
        else:
            age = min(max(rng.gauss(around, spread), age_low), age_high)
        return TODAY - timedelta(days=int(age * 365.25) + rng.randint(0, 364))

    def person(self, household: int, home: _Home, origin: str, sex: str, birth: date,
               first: str | None = None, last: str | None = None) -> _Person:
        rng = self.rng
        last = last or self.names.surname(rng, origin)
        if sex == "f":
            last = feminine(last, origin)
        person = _Person(pid=len(self.persons), sex=sex, origin=origin,
                         first=first or self.names.first_name(rng, origin, sex, birth.year), last=last,
                         birth=birth, home=home, household=household)
        age = (TODAY - birth).days / 365.25
        country = home.town.country
        cc = {"AT": "43", "DE": "49", "CH": "41"}[country]
        if origin == "de" and country == "AT" and rng.random() < 0.3:
            cc = "49"
        if rng.random() < (0.92 if age < 75 else 0.6):
            person.mobile = self.phone(cc, "mobile")
        if rng.random() < (0.95 if age < 30 else 0.88 if age < 60 else 0.65 if age < 75 else 0.35):
            person.email = self.email(person.first, person.last, birth, country)
        if age >= 25:
            titles = data.TITLES_DE if country == "DE" else data.TITLES_AT
            r, acc = rng.random(), 0.0
            for title, share in titles:
                acc += share
                if r < acc:
                    person.title = title
                    break
        if 25 <= age <= 70 and rng.random() < 0.07:
            patterns = {"AT": data.COMPANY_PATTERNS_AT, "DE": data.COMPANY_PATTERNS_DE,
                        "CH": data.COMPANY_PATTERNS_CH}[country]
            person.company = rng.choice(patterns).format(last=person.last, other=self.names.surname(rng, origin))
            person.work = self.phone({"AT": "43", "DE": "49", "CH": "41"}[country], "landline", home.town.area)
        elif 20 <= age <= 65 and rng.random() < 0.05:
            person.work = self.phone({"AT": "43", "DE": "49", "CH": "41"}[country], "landline", home.town.area)
        self.persons.append(person)
        self.households.setdefault(household, []).append(person)
        return person

    def household(self) -> list[_Person]:
        """One household; who of it is in the master is decided here too."""
        rng = self.rng
        hid = len(self.households)
        home = self.home()
        country = home.town.country
        origin = _pick(rng, ORIGIN_SHARES[country])
        kind = _pick(rng, [("single", 42), ("couple", 30), ("family", 20), ("single_parent", 4), ("junior_senior", 4)])
        members: list[tuple[_Person, float]] = []       # (person, chance to be in the master)
        namesake_of = None
        if self.master_persons and kind != "junior_senior" and rng.random() < NAMESAKE_HOUSEHOLD_SHARE:
            namesake_of = rng.choice(self.master_persons)
            origin = namesake_of.origin

        def adult(sex, birth, first=None, last=None, person_origin=origin):
            return self.person(hid, home, person_origin, sex, birth, first, last)

        if kind == "junior_senior":
            sex = "m" if rng.random() < 0.85 else "f"
            senior_birth = self.birth(50, 88, 65, 9)
            gap = rng.uniform(25, 35)
            junior_birth = senior_birth + timedelta(days=int(gap * 365.25))
            if (TODAY - junior_birth).days < 18 * 365:
                junior_birth = TODAY - timedelta(days=int(19 * 365.25) + rng.randint(0, 3000))
            first = self.names.first_name(rng, origin, sex, senior_birth.year)
            last = self.names.surname(rng, origin)
            senior = adult(sex, senior_birth, first, last)
            junior = adult(sex, junior_birth, first, senior.last)
            senior.marker, junior.marker = "sen.", "jun."
            senior.counterpart, junior.counterpart = junior.pid, senior.pid
            junior.title = "" if rng.random() < 0.8 else junior.title
            r = rng.random()        # both in the master 55%, only the senior 27%, only the junior 18%
            members += [(senior, 1.0 if r < 0.82 else 0.0), (junior, 1.0 if r < 0.55 or r >= 0.82 else 0.0)]
            if rng.random() < 0.6:
                partner_birth = senior_birth + timedelta(days=rng.randint(-1500, 1500))
                members.append((adult("f" if sex == "m" else "m", partner_birth, last=senior.last), 0.3))
            return self._admit(members, home)
        first_sex = namesake_of.sex if namesake_of else "m" if rng.random() < 0.5 else "f"
        first_birth = self.birth(19, 92, 52, 15)
        first_person = adult(first_sex, first_birth, namesake_of and namesake_of.first,
                             namesake_of and namesake_of.last)
        members.append((first_person, 1.0))
        family_last = first_person.last
        if kind in ("couple", "family"):
            other_sex = {"m": "f", "f": "m"}[first_sex] if rng.random() < 0.97 else first_sex
            spouse_origin = origin if rng.random() < 0.88 else _pick(rng, ORIGIN_SHARES[country])
            spouse_birth = first_birth + timedelta(days=int(rng.gauss(2 if first_sex == "f" else -2, 4) * 365.25))
            if (TODAY - spouse_birth).days < 19 * 365:
                spouse_birth = first_birth
            r = rng.random()
            if other_sex != first_sex and r < (0.75 if origin in ("at", "de") else 0.9):
                spouse_last = feminine(family_last, origin) if other_sex == "f" else family_last
            elif other_sex != first_sex and r < 0.85:
                own = self.names.surname(rng, spouse_origin)
                spouse_last = f"{family_last}-{own}" if rng.random() < 0.7 else f"{own}-{family_last}"
            else:
                spouse_last = None
            spouse = adult(other_sex, spouse_birth, last=spouse_last, person_origin=spouse_origin)
            members.append((spouse, 0.45))
            if rng.random() < 0.2:
                home.family_email = self.family_email(family_last, [first_person.first, spouse.first], country)
                for member in (first_person, spouse):
                    if rng.random() < 0.7 or member.email is None:
                        member.email = home.family_email
        if kind in ("family", "single_parent"):
            mother_birth = members[-1][0].birth if first_sex == "m" and len(members) > 1 else first_birth
            for _ in range(_pick(rng, [(1, 40), (2, 40), (3, 20)])):
                child_birth = mother_birth + timedelta(days=int(rng.uniform(22, 40) * 365.25))
                if child_birth > TODAY - timedelta(days=365):
                    continue
                sex = "m" if rng.random() < 0.5 else "f"
                is_adult = (TODAY - child_birth).days >= 18 * 365.25
                child = self.person(hid, home, origin, sex, child_birth, last=family_last)
                if not is_adult:
                    child.mobile = child.email = child.company = child.work = None
                    child.title = ""
                members.append((child, 0.25 if is_adult else 0.0))
        return self._admit(members, home)

    def _admit(self, members, home: _Home) -> list[_Person]:
        rng = self.rng
        country = home.town.country
        age = (TODAY - members[0][0].birth).days / 365.25
        rural = home.town.name not in URBAN
        if rng.random() < (0.45 if rural else 0.25) + (0.2 if age > 60 else 0):
            home.landline = self.phone({"AT": "43", "DE": "49", "CH": "41"}[country], "landline", home.town.area)
        admitted = []
        for person, chance in members:
            if rng.random() < chance:
                person.in_master = True
                admitted.append(person)
        return admitted

    # ------------------------------------------------------------ the master
    def make_master(self, n_customers: int):
        rng = self.rng
        n_twice = round(n_customers * MASTER_DUPLICATE_SHARE / (1 + MASTER_DUPLICATE_SHARE))
        n_persons = n_customers - n_twice
        while len(self.master_persons) < n_persons:
            for person in self.household():
                if len(self.master_persons) < n_persons:
                    self.master_persons.append(person)
                else:
                    person.in_master = False
        twice = set(p.pid for p in rng.sample(self.master_persons, n_twice))
        records = []       # (person, view, is the person's first record)
        for person in self.master_persons:
            view, clean = self.master_view(person)
            person.clean = clean
            records.append((person, view, True))
            if person.pid in twice:
                records.append((person, self.second_view(person, view), False))
        rng.shuffle(records)        # ids in no telling order: a person's two records are rarely neighbours
        number = 100000
        for person, view, is_first in records:
            number += rng.randint(1, 3)
            cid = f"K{number}"
            # a lead starts from ids[0]: the first record, not the second entry's changed one
            person.ids.insert(0 if is_first else len(person.ids), cid)
            self.views[cid] = view
            self.customers[cid] = self.render_customer(view)
        for person in self.master_persons:
            self.by_name.setdefault(_name_key(person.first, person.last), []).append(person)

    def master_view(self, person: _Person) -> tuple[dict, bool]:
        """The record a clerk typed for the person: some fields left out, some spelled the clerk's way."""
        rng = self.rng
        age = (TODAY - person.birth).days / 365.25
        view = {
            "salutation": "Herr" if person.sex == "m" else "Frau", "title": "", "first": person.first,
            "last": person.last, "company": person.company, "street": person.home.street,
            "number": person.home.number, "postal": person.home.postal, "city": person.home.town.name,
            "country": person.home.town.country,
            "landline": person.home.landline if rng.random() < 0.75 else None,
            "mobile": person.mobile if rng.random() < 0.92 else None,
            "work": person.work if rng.random() < 0.6 else None,
            "email": person.email if rng.random() < (0.8 if age < 65 else 0.6) else None,
            "birth": person.birth if rng.random() < 0.55 else None,
        }
        if rng.random() < 0.07:
            view["salutation"] = None
        if person.title and rng.random() < 0.9:
            self._set_title(view, person.title)
        if person.marker and rng.random() < 0.4:
            self._set_marker(view, person.marker)
        if view["birth"] and rng.random() < PLACEHOLDER_BIRTH_SHARE / 0.55:
            view["birth"] = PLACEHOLDER_BIRTH
        for key in ("first", "last", "street", "city"):
            if rng.random() < CLERK_STRIPS_DIACRITICS:
                view[key] = _strip_foreign_diacritics(view[key])
            if rng.random() < 0.04:
                view[key] = _ascii_fold(view[key])
        clean = True
        if rng.random() < CLERK_TYPO:
            key = _pick(rng, [("last", 50), ("first", 25), ("street", 25)])
            view[key] = typo(view[key], rng)
            clean = False
        if rng.random() < CLERK_CAPITAL_SURNAME:
            view["last"] = view["last"].upper()
        view["style"] = _pick(rng, MASTER_PHONE_STYLES)
        view["foreign_national"] = rng.random() < FOREIGN_PHONE_NATIONAL_IN_MASTER
        view["abbreviate"] = rng.random() < 0.08
        view["mobile_in_phone"] = view["landline"] is None and rng.random() < 0.08
        view["country_style"] = _pick(rng, [("code", 96), ("old", 2), ("none", 2)])
        return view, clean

    def second_view(self, person: _Person, first: dict) -> dict:
        """The same person entered again, years later or by another clerk."""
        rng = self.rng
        view, _clean = self.master_view(person)
        change = _pick(rng, [("as_is", 25), ("nickname", 10), ("typo", 20), ("former_address", 20),
                             ("title", 10), ("no_email", 10), ("spelling", 5)])
        if change == "nickname" and person.first in data.NICKNAMES:
            view["first"] = rng.choice(data.NICKNAMES[person.first])
        elif change == "typo" or change == "nickname":
            key = _pick(rng, [("last", 50), ("first", 30), ("street", 20)])
            view[key] = typo(view[key], rng)
        elif change == "former_address":
            old = self.home(person.home.town.country)
            view.update(street=old.street, number=old.number, postal=old.postal, city=old.town.name,
                        country=old.town.country, landline=None)
        elif change == "title":
            if view["title"] or "," in view["last"]:
                view["title"], view["last"] = "", person.last
            else:
                self._set_title(view, rng.choice(["Ing.", "Mag.", "Dr."]))
        elif change == "no_email":
            view["email"] = None
        elif change == "spelling":
            view["last"] = _ascii_fold(view["last"]) if _has_diacritics(view["last"]) else view["last"].upper()
        if view == first:
            view["style"] = _pick(rng, [s for s in MASTER_PHONE_STYLES if s[0] != first["style"]])
        return view

    def _set_title(self, view: dict, title: str):
        if title.startswith("+"):
            if title[1:] in ("BSc", "MSc", "B.Sc.", "M.Sc.") and self.rng.random() < 0.15:
                view["last"] = f"{view['last']}, {title[1:]}"
            else:
                view["title"] = title[1:]
        else:
            view["title"] = title

    def _set_marker(self, view: dict, marker: str):
        where = _pick(self.rng, [("title", 50), ("last", 30), ("first", 20)])
        if where == "title" and not view["title"]:
            view["title"] = marker
        elif where in ("title", "last"):
            view["last"] = f"{view['last']} {marker}"
        else:
            view["first"] = f"{view['first']} {marker}"

    def render_customer(self, view: dict) -> dict:
        style = view["style"]

        def phone(number):
            if number is None:
                return None
            s = style
            if number[0] != "43":     # a foreign number: international, or national as the customer gave it
                s = ("national_slash" if s in INTERNATIONAL_STYLES else s) if view["foreign_national"] \
                    else (s if s in INTERNATIONAL_STYLES else "intl_spaced")
            return format_phone(number, s)

        street = f"{view['street']} {view['number']}"
        if view["abbreviate"]:
            street = abbreviate_street(street)
        country = {"code": view["country"], "old": {"AT": "A", "DE": "D", "CH": "CH"}[view["country"]],
                   "none": None}[view["country_style"]]
        person = {
            "salutation": view["salutation"], "title": view["title"] or None, "first_name": view["first"],
            "last_name": view["last"], "company": view["company"], "street": street, "postal_code": view["postal"],
            "city": view["city"], "country": country, "phone": phone(view["landline"]),
            "mobile_phone": phone(view["mobile"]), "work_phone": phone(view["work"]), "email": view["email"],
            "birth_date": view["birth"].isoformat() if view["birth"] else None,
        }
        if view["mobile_in_phone"] and person["mobile_phone"]:
            person["phone"], person["mobile_phone"] = person["mobile_phone"], None
        return {key: person[key] for key in PERSON_FIELDS}


def abbreviate_street(street: str) -> str:
    for a, b in (("Straße", "Str."), ("straße", "str."), ("Strasse", "Str."), ("strasse", "str."),
                 ("gasse", "g."), ("Gasse", "G."), ("Platz", "Pl."), ("platz", "pl.")):
        if a in street:
            return street.replace(a, b, 1)
    return street


# ---------------------------------------------------------------- leads

class _LeadMaker:
    def __init__(self, world: _World, rng: random.Random):
        self.world, self.rng = world, rng
        world.rng = rng        # new people, homes and numbers for leads come from the lead's stream
        self.used: set[int] = set()
        masters = world.master_persons
        adults = [p for p in masters if (TODAY - p.birth).days > 18 * 365.25]
        probe = random.Random(0)

        def with_other_in_household(p):
            return any(q.in_master and q is not p for q in world.households[p.household])

        self.pools = {
            "any": masters,
            "clean": [p for p in masters if p.clean],
            "twice": [p for p in masters if len(p.ids) == 2],
            "household": [p for p in masters if with_other_in_household(p)
                          and (p.home.landline or p.home.family_email)],
            "junior_senior": [p for p in masters if p.counterpart is not None
                              and world.persons[p.counterpart].in_master],
            "married": [p for p in adults if p.sex == "f" and 20 <= (TODAY - p.birth).days / 365.25 <= 60],
            "nickname": [p for p in masters if self._nickname_for(world.views[p.ids[0]]["first"]) is not None],
            "spelling": [p for p in masters if self._spelling_variant(world.views[p.ids[0]], probe)],
            "umlaut": [p for p in masters if any(_has_diacritics(world.views[p.ids[0]][k]) or _has_diacritics(v)
                                                 for k, v in (("first", p.first), ("last", p.last)))],
            "titled": [p for p in masters if world.views[p.ids[0]]["title"] or p.marker
                       or "," in world.views[p.ids[0]]["last"]],
            "birth": [p for p in masters if world.views[p.ids[0]]["birth"] not in (None, PLACEHOLDER_BIRTH)],
            # the phone scenarios need the number in the master, else the phone says nothing either way
            "foreign_phone": [p for p in masters if (world.views[p.ids[0]]["mobile"] or ("43",))[0] != "43"],
            "mobile": [p for p in masters if p.mobile],
            "phone": [p for p in masters if any(world.views[p.ids[0]][k] for k in ("mobile", "landline", "work"))],
            "company": [p for p in masters if world.views[p.ids[0]]["company"]],
            "reachable": [p for p in masters if p.mobile or p.email],
        }
        self.new_household_members = [p for hid, members in world.households.items()
                                      if any(m.in_master for m in members)
                                      for p in members if not p.in_master and (TODAY - p.birth).days > 18 * 365.25
                                      and p.counterpart is None]
        self.new_counterparts = [p for p in world.persons if not p.in_master and p.counterpart is not None
                                 and world.persons[p.counterpart].in_master]

    # ------------------------------------------------------------ plan
    def make(self, n_leads: int) -> list[EvalLead]:
        counts = scenario_counts(n_leads)
        leads = []
        for scenario, count in counts.items():
            for _ in range(count):
                leads.append(self.lead(scenario))
        self.rng.shuffle(leads)
        return leads

    def lead(self, scenario: str) -> EvalLead:
        maker = getattr(self, scenario)
        result = maker()
        if result is None:               # no one in the master fits (a tiny master): a plain returning lead
            result = self.returning_one_field()
            scenario = "returning_one_field"
        view, present, person, anchor = result
        present = {key for key in present if self._has(view, key)}
        person_dict = self.render_lead(view, present)
        if person is not None:
            truth = frozenset(person.ids)
        else:
            truth = frozenset()
        related = self.related(person or anchor, extra=anchor)
        return EvalLead(person=person_dict, truth=truth, scenario=scenario, related=related - truth)

    def related(self, person: _Person, extra: _Person | None = None) -> frozenset[str]:
        world = self.world
        ids = []
        for p in (person, extra):
            if p is None:
                continue
            for q in world.households.get(p.household, []):
                if q.in_master:
                    ids += q.ids
            if p.counterpart is not None and world.persons[p.counterpart].in_master:
                ids += world.persons[p.counterpart].ids
            for q in world.by_name.get(_name_key(p.first, p.last), []):
                ids += q.ids
        return frozenset(ids) - frozenset(person.ids if person.in_master else ())

    def pick(self, pool: str) -> _Person | None:
        people = self.pools[pool]
        if not people:
            return None
        for _ in range(8):
            p = self.rng.choice(people)
            if p.pid not in self.used:
                break
        self.used.add(p.pid)
        return p

    # ------------------------------------------------------------ the lead's starting point and fields
    def base(self, person: _Person) -> dict:
        """What the sender knows of themself: the master record, with what it lacks filled from the person."""
        view = dict(self.world.views[person.ids[0]], sex=person.sex)
        if view["birth"] in (None, PLACEHOLDER_BIRTH):     # people know their birthday
            view["birth"] = person.birth
        for key, value in (("email", person.email), ("mobile", person.mobile), ("landline", person.home.landline),
                           ("work", person.work), ("company", person.company)):
            if view[key] is None and value is not None:
                view[key] = value
        return view

    def fresh_view(self, person: _Person) -> dict:
        view = {"sex": person.sex, "salutation": "Herr" if person.sex == "m" else "Frau", "title": "",
                "first": person.first,
                "last": person.last, "company": person.company, "street": person.home.street,
                "number": person.home.number, "postal": person.home.postal, "city": person.home.town.name,
                "country": person.home.town.country, "landline": person.home.landline, "mobile": person.mobile,
                "work": person.work, "email": person.email, "birth": person.birth}
        if person.title:
            self.world._set_title(view, person.title)
        return view

    def channel(self, view: dict, *required: str) -> set[str]:
        rng = self.rng
        names = list(CHANNELS)
        name = rng.choices(names, [CHANNELS[n][0] for n in names])[0]
        odds = CHANNELS[name][1]
        present = {"last"}
        for key, p in odds.items():
            if rng.random() < p:
                present.add(key)
        if "address" in present:
            present |= {k for k in ("postal", "city") if rng.random() < 0.96}
        present |= set(required)
        present = {k for k in present if self._has(view, k)}
        if not present & {"email", "mobile", "landline", "work", "address"}:
            for key in ("email", "mobile", "landline", "address"):
                if self._has(view, key):
                    present.add(key)
                    break
        return present

    @staticmethod
    def _has(view: dict, key: str) -> bool:
        if key == "address":
            return bool(view.get("street"))
        if key == "title":
            return bool(view.get("title"))
        return view.get(key) not in (None, "")

    # ------------------------------------------------------------ rendering as a sender writes
    def render_lead(self, view: dict, present: set[str]) -> dict:
        rng = self.rng
        out = {}
        style = _pick(rng, SENDER_PHONE_STYLES)
        odd = view.get("phone_style")

        def phone(number, own_style=None):
            s = own_style or (style if rng.random() < 0.8 else _pick(rng, SENDER_PHONE_STYLES))
            if number[0] != "43" and s not in INTERNATIONAL_STYLES and not view.get("foreign_national_ok"):
                s = _pick(rng, [(x, w) for x, w in SENDER_PHONE_STYLES if x in INTERNATIONAL_STYLES])
            return format_phone(number, s)

        if "salutation" in present and view.get("salutation"):
            out["salutation"] = view.get("salutation_as_written") or self._salutation(view["salutation"])
        if "title" in present and view.get("title"):
            out["title"] = view["title"]
        first, last = view["first"], view["last"]
        r = rng.random()
        case = "lower" if r < 0.03 else "upper" if r < 0.045 else None
        if "first" in present and first:
            out["first_name"] = first.lower() if case == "lower" else first.upper() if case == "upper" else first
        if last:
            out["last_name"] = last.lower() if case == "lower" else last.upper() if case == "upper" else last
        if "company" in present and view.get("company"):
            out["company"] = view["company"]
        if "address" in present:
            out["street"] = view.get("street_as_written") or self._street(view)
        if "postal" in present:
            out["postal_code"] = view["postal"]
            if rng.random() < 0.015:
                out["postal_code"] = {"AT": "A-", "DE": "D-", "CH": "CH-"}[view["country"]] + view["postal"]
        if "city" in present:
            out["city"] = self._city(view)
        if "country" in present:
            out["country"] = _pick(rng, {"AT": [("AT", 35), ("Österreich", 35), ("Austria", 15), ("A", 5),
                                                ("AUT", 5), ("at", 5)],
                                         "DE": [("DE", 35), ("Deutschland", 40), ("Germany", 15), ("D", 5),
                                                ("DEU", 5)],
                                         "CH": [("CH", 40), ("Schweiz", 40), ("Switzerland", 15),
                                                ("CHE", 5)]}[view["country"]])
        phones_as_written = view.get("phones_as_written") or {}
        if "landline" in present:
            out["phone"] = phones_as_written.get("landline") or phone(view["landline"], odd)
        if "mobile" in present:
            text = phones_as_written.get("mobile") or phone(view["mobile"], odd)
            slot = view.get("mobile_slot") or ("mobile_phone" if "phone" in out or rng.random() < 0.45 else "phone")
            out[slot] = text
        if "work" in present:
            out["work_phone"] = phones_as_written.get("work") or phone(view["work"], odd)
        if "email" in present:
            email = view["email"]
            if rng.random() < 0.05:     # Thomas.Gruber@gmx.at
                local, _, domain = email.partition("@")
                email = ".".join(part[:1].upper() + part[1:] for part in local.split(".")) + "@" + domain
            out["email"] = email
        if "birth" in present and view.get("birth"):
            out["birth_date"] = view["birth"].isoformat() if isinstance(view["birth"], date) else view["birth"]
        # stray spaces and empty strings, as forms send them
        if rng.random() < 0.03:
            key = rng.choice([k for k in ("first_name", "last_name", "street", "city", "email") if k in out] or
                             ["last_name"])
            if key in out:
                out[key] = out[key] + " " if rng.random() < 0.7 else " " + out[key]
        if rng.random() < 0.05:
            key = rng.choice(["company", "work_phone", "title", "street"])
            out.setdefault(key, "")
        return {key: out[key] for key in PERSON_FIELDS if key in out}

    def _salutation(self, salutation: str) -> str:
        male = salutation == "Herr"
        return _pick(self.rng, [("Herr" if male else "Frau", 80), ("Hr." if male else "Fr.", 8),
                                ("Mr." if male else "Ms.", 5), ("Mr" if male else "Mrs", 2),
                                ("Herrn" if male else "Frau", 2), ("HERR" if male else "FRAU", 3)])

    def _street(self, view: dict) -> str:
        rng = self.rng
        street, number = view["street"], view["number"]
        if rng.random() < 0.2:
            street = rng.choice(street_spellings(street) or [street])
        if view["country"] == "AT" and "/" in number and rng.random() < 0.2:
            number = rng.choice(number_spellings(number))
        return f"{street} {number}"

    def _city(self, view: dict) -> str:
        rng = self.rng
        city = view["city"]
        town = next((t for t in self.world.towns_by_country[view["country"]] if t.name == city), None)
        if town and town.alts and rng.random() < 0.08:
            alt = rng.choice(town.alts)
            district = data.VIENNA_DISTRICTS.get(view["postal"]) or data.GRAZ_DISTRICTS.get(view["postal"])
            if "{district}" in alt:
                alt = alt.format(district=district) if district else city
            return alt
        return city

    # ------------------------------------------------------------ value changes (each one field that differs)
    def change(self, view: dict, present: set[str], kinds: list[str] | None = None) -> str | None:
        rng = self.rng
        options = kinds or ["email_new", "email_typo", "mobile_new", "landline_new", "last_typo", "first_typo",
                            "street_typo", "number_diff", "postal_typo", "title_added", "birth_diff", "second_first"]
        applicable = [k for k in options if self._applicable(view, present, k)]
        if not applicable:
            return None
        kind = rng.choice(applicable)
        world = self.world
        if kind == "email_new":
            local, _, domain = view["email"].partition("@")
            country = view["country"]
            if rng.random() < 0.4:
                new_domain = _pick(rng, [(d, w) for d, w in {"AT": data.MAIL_AT, "DE": data.MAIL_DE,
                                                              "CH": data.MAIL_CH}[country] if d != domain])
                view["email"] = f"{local}@{new_domain}"
                if view["email"] in world.used_emails:
                    view["email"] = f"{local}{rng.randint(2, 99)}@{new_domain}"
                world.used_emails.add(view["email"])
            else:
                view["email"] = world.email(view["first"].split(" ")[0], view["last"].split(",")[0], view["birth"]
                                            or TODAY, country)
            present.add("email")
        elif kind == "email_typo":
            local, _, domain = view["email"].partition("@")
            view["email"] = (typo(local, rng) if rng.random() < 0.85 else local) + "@" + \
                (domain if rng.random() < 0.85 else typo(domain, rng))
            if view["email"].count("@") != 1 or view["email"].endswith("@"):
                view["email"] = typo(local, rng) + "@" + domain
            present.add("email")
        elif kind == "mobile_new":
            view["mobile"] = world.phone(view["mobile"][0], "mobile")
            present.add("mobile")
        elif kind == "landline_new":
            view["landline"] = world.phone(view["landline"][0], "landline", view["landline"][1])
            present.add("landline")
        elif kind in ("last_typo", "first_typo", "street_typo"):
            key = kind.split("_")[0]
            view[key] = typo(view[key], rng)
            present.add({"last": "last", "first": "first", "street": "address"}[key])
        elif kind == "number_diff":
            view["number"] = number_typo(view["number"], rng)
            present.add("address")
        elif kind == "postal_typo":
            postal = view["postal"]
            i = rng.randrange(1, len(postal))
            view["postal"] = postal[:i] + rng.choice([d for d in "0123456789" if d != postal[i]]) + postal[i + 1:]
            present.add("postal")
        elif kind == "title_added":
            view["title"] = rng.choice(data.TITLES_ADDED)
            present.add("title")
        elif kind == "birth_diff":
            view["birth"] = birth_typo(view["birth"], rng)[0]
            present.add("birth")
        elif kind == "second_first":
            extra = self.world.names.first_name(rng, "at", view["sex"], 1970)
            if extra != view["first"]:
                view["first"] = f"{view['first']} {extra}"
            else:
                view["first"] = typo(view["first"], rng)
            present.add("first")
        return kind

    def _applicable(self, view, present, kind) -> bool:
        needs = {"email_new": "email", "email_typo": "email", "mobile_new": "mobile", "landline_new": "landline",
                 "last_typo": "last", "first_typo": "first", "street_typo": "street", "number_diff": "number",
                 "postal_typo": "postal", "birth_diff": "birth", "second_first": "first", "title_added": None}[kind]
        if kind == "title_added":
            return not view["title"]
        if kind == "second_first":
            return bool(view["first"]) and " " not in view["first"] and "-" not in view["first"]
        return bool(view.get(needs))

    # ------------------------------------------------------------ returning customers
    def _returning(self, pool: str = "any", required: tuple = ()):
        person = self.pick(pool)
        if person is None:
            return None
        view = self.base(person)
        return person, view, self.channel(view, *required)

    def returning_same(self):
        person, view, present = self._returning("clean")
        return view, present, person, None

    def returning_one_field(self):
        person, view, present = self._returning("clean")
        self.change(view, present)
        return view, present, person, None

    def returning_two_fields(self):
        person, view, present = self._returning("clean")
        first = self.change(view, present)
        groups = [{"email_new", "email_typo"}, {"last_typo"}, {"first_typo", "second_first"}, {"mobile_new"},
                  {"landline_new"}, {"street_typo", "number_diff"}, {"postal_typo"}, {"title_added"}, {"birth_diff"}]
        taken = next((g for g in groups if first in g), set())
        rest = [k for g in groups if g is not taken for k in g]
        self.change(view, present, sorted(rest))
        return view, present, person, None

    def returning_typo_two_fields(self):
        person, view, present = self._returning("clean")
        pairs = [(("last", "street"), 35), (("first", "last"), 15), (("last", "email"), 15), (("street", "email"), 10),
                 (("first", "street"), 10), (("last", "mobile"), 10), (("street", "postal"), 5)]
        pairs = [(pair, w) for pair, w in pairs if all(self._has(view, k) for k in pair)] or [(("first", "last"), 1)]
        for key in _pick(self.rng, pairs):
            if key in ("first", "last", "street"):
                view[key] = typo(view[key], self.rng)
                present.add("address" if key == "street" else key)
            elif key == "email":
                local, _, domain = view["email"].partition("@")
                view["email"] = typo(local, self.rng) + "@" + domain
                present.add("email")
            elif key == "mobile":
                view["mobile"] = digit_typo(view["mobile"], self.rng)
                present.add("mobile")
            elif key == "postal":
                self.change(view, present, ["postal_typo"])
        return view, present, person, None

    def returning_sparse(self):
        person = self.pick("reachable")
        if person is None:
            return None
        view = self.base(person)
        contacts = [k for k in ("email", "mobile", "landline") if self._has(view, k)]
        present = {"last", self.rng.choice(contacts)} if contacts else {"last", "address", "postal", "city"}
        if self.rng.random() < 0.7:
            present.add("first")
        if self.rng.random() < 0.3:
            present.add(self.rng.choice(["postal", "city"]))
        return view, present, person, None

    def returning_master_duplicate(self):
        result = self._returning("twice")
        if result is None:
            return None
        person, view, present = result
        if self.rng.random() < 0.5:
            self.change(view, present)
        return view, present, person, None

    def returning_household_member(self):
        result = self._returning("household")
        if result is None:
            return None
        person, view, present = result
        home = person.home
        if home.landline and (not home.family_email or self.rng.random() < 0.5):
            view["landline"] = home.landline
            present.add("landline")
            if self.rng.random() < 0.6:
                present.discard("mobile")
        else:
            view["email"] = home.family_email
            present.add("email")
        present.add("first")
        if self.rng.random() < 0.6:
            present |= {"address", "postal", "city"}
        return view, present, person, None

    def returning_junior_senior(self):
        result = self._returning("junior_senior", ("first", "address", "postal", "city"))
        if result is None:
            return None
        person, view, present = result
        if person.home.landline and self.rng.random() < 0.5:
            view["landline"] = person.home.landline
            present.add("landline")
        if self.rng.random() < 0.3:
            present.add("birth")
        written = f"{view['first']} {view['last']} {view['title']}"
        if self.rng.random() < 0.3 and person.marker and person.marker not in written:
            self.world._set_marker(view, person.marker)
            present.add("title")
        return view, present, person, None

    def married_name(self):
        result = self._returning("married", ("first",))
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        old = view["last"].split(",")[0].replace(" jun.", "").replace(" sen.", "")
        new = feminine(self.world.names.surname(rng, person.origin if rng.random() < 0.8 else "at"), person.origin)
        while new == old:
            new = self.world.names.surname(rng, "at")
        view["last"] = _pick(rng, [(new, 55), (f"{new}-{old}", 15), (f"{old}-{new}", 15), (f"{new} {old}", 8),
                                   (f"{old} {new}", 7)])
        if rng.random() < 0.5:
            self._move(view, present, person)
        kept = [k for k in ("mobile", "email") if self._has(view, k)]
        if kept:
            present.add(rng.choice(kept))
        return view, present, person, None

    def swapped_names(self):
        person, view, present = self._returning("any", ("first",))
        view["first"], view["last"] = view["last"], view["first"]
        return view, present, person, None

    def nickname(self):
        result = self._returning("nickname", ("first",))
        if result is None:
            return None
        person, view, present = result
        view["first"] = self._nickname_for(view["first"], self.rng)
        return view, present, person, None

    def name_spelling_variant(self):
        result = self._returning("spelling", ("first",))
        if result is None:
            return None
        person, view, present = result
        self._spelling_variant(view, self.rng, apply=True)
        return view, present, person, None

    def umlaut_spelling(self):
        result = self._returning("umlaut", ("first",))
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        changed = False
        for key, canonical in (("last", person.last), ("first", person.first)):
            value = view[key]
            if canonical != value and _ascii_fold(canonical) == _ascii_fold(value) and rng.random() < 0.6:
                view[key] = canonical                                  # the owner writes the letters the clerk dropped
            elif _has_diacritics(value):
                view[key] = _ascii_fold(value, umlauts_as_e=rng.random() < 0.6)
            elif _has_diacritics(canonical):
                view[key] = canonical
            changed = changed or view[key] != value
        if _has_diacritics(view["street"]) and rng.random() < 0.4:
            view["street"] = _ascii_fold(view["street"], umlauts_as_e=rng.random() < 0.5)
            present.add("address")
        if not changed:
            view["last"] = _ascii_fold(view["last"], umlauts_as_e=False)
        return view, present, person, None

    def title_variant(self):
        result = self._returning("titled", ("first",))
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        title = view["title"]
        last = view["last"]
        postnominal = last.split(", ")[1] if ", " in last else None
        options = []
        if title in data.TITLE_SPELLINGS:
            options += [("spelling", 45), ("in_first", 10), ("in_salutation", 8), ("dropped", 12)]
        if title and title not in ("jun.", "sen."):
            options += [("in_last", 8)]
        if postnominal:
            options += [("postnominal_to_title", 30)]
        if person.marker:
            options += [("marker", 25)]
        if not options:
            options = [("dropped", 1)]
        kind = _pick(rng, options)
        if kind == "spelling":
            spelled = rng.choice(data.TITLE_SPELLINGS[title])
            view["title"] = "Mag" if spelled == "Mag.a" and view["salutation"] != "Frau" else spelled
            present.add("title")
        elif kind == "in_first":
            view["first"], view["title"] = f"{title} {view['first']}", ""
        elif kind == "in_salutation":
            view["salutation_as_written"] = f"{view['salutation'] or 'Herr'} {title}"
            view["title"] = ""
            present.add("salutation")
        elif kind == "dropped":
            view["title"] = ""
        elif kind == "in_last":
            view["last"], view["title"] = f"{last} {title}" if rng.random() < 0.5 else f"{last}, {title}", ""
        elif kind == "postnominal_to_title":
            view["last"], view["title"] = last.split(", ")[0], postnominal
            present.add("title")
        elif kind == "marker":
            clean_last = view["last"].replace(f" {person.marker}", "")
            clean_first = view["first"].replace(f" {person.marker}", "")
            view["first"], view["last"] = clean_first, clean_last
            if view["title"] == person.marker:
                view["title"] = ""
            where = _pick(rng, [("title", 40), ("last", 40), ("first", 10), ("long", 10)])
            marker = person.marker if where != "long" else {"jun.": "junior", "sen.": "senior"}[person.marker]
            if where == "title":
                view["title"] = f"{view['title']} {marker}".strip()
                present.add("title")
            elif where in ("last", "long"):
                view["last"] = f"{clean_last} {marker}"
            else:
                view["first"] = f"{clean_first} {marker}"
        return view, present, person, None

    def birth_date_error(self):
        result = self._returning("birth", ("birth",))
        if result is None:
            return None
        person, view, present = result
        view["birth"] = birth_typo(view["birth"], self.rng)[0]
        return view, present, person, None

    def moved_house(self):
        result = self._returning("reachable")
        if result is None:
            return None
        person, view, present = result
        self._move(view, present, person)
        kept = [k for k in ("mobile", "email") if self._has(view, k)]
        present |= set(kept if self.rng.random() < 0.5 else kept[:1] if self.rng.random() < 0.5 else kept[-1:])
        return view, present, person, None

    def _move(self, view: dict, present: set[str], person: _Person):
        rng = self.rng
        same_town = rng.random() < 0.4
        country = view["country"] if rng.random() < 0.95 else _pick(rng, COUNTRY_SHARES)
        town = person.home.town if same_town and person.home.town.country == country else None
        new = self.world.home(country, town)
        while new.street == view["street"] and new.number == view["number"]:
            new = self.world.home(country, town)
        view.update(street=new.street, number=new.number, postal=new.postal, city=new.town.name,
                    country=new.town.country)
        view["landline"] = self.world.phone({"AT": "43", "DE": "49", "CH": "41"}[country], "landline",
                                            new.town.area) if rng.random() < 0.15 else None
        present |= {"address", "postal", "city"}

    def phone_national_foreign(self):
        result = self._returning("foreign_phone", ("mobile",))
        if result is None:
            return None
        person, view, present = result
        view["mobile"] = person.mobile
        view["phones_as_written"] = {"mobile": format_phone(person.mobile, _pick(self.rng, [
            ("national_space", 35), ("national_compact", 30), ("national_slash", 20), ("national_grouped", 10),
            ("national_dash", 5)]))}
        return view, present, person, None

    def phone_invalid(self):
        result = self._returning("mobile", ("mobile",))
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        cc, pre, sub = view["mobile"]
        for _ in range(30):
            kind = _pick(rng, [("cut", 35), ("too_long", 25), ("drop_digit", 20), ("letters", 10), ("prefix", 10)])
            if kind == "cut":
                text = format_phone((cc, pre, sub[:rng.randint(1, 3)]), _pick(rng, SENDER_PHONE_STYLES))
            elif kind == "too_long":
                text = format_phone((cc, pre, sub + sub[:rng.randint(4, 6)]), _pick(rng, SENDER_PHONE_STYLES))
            elif kind == "drop_digit":
                i = rng.randrange(len(sub))
                text = format_phone((cc, pre, sub[:i] + sub[i + 1:]), "intl_spaced")
            elif kind == "letters":
                text = format_phone((cc, pre, sub[:-2] + "xx"), _pick(rng, SENDER_PHONE_STYLES))
            else:
                text = f"+{cc} 0{pre}0 {sub[:3]}"
            if not is_valid_at_dealer(text):
                break
        else:
            text = f"0{pre} {sub[:2]}"
        view["phones_as_written"] = {"mobile": text}
        return view, present, person, None

    def phone_other_spelling(self):
        result = self._returning("phone")
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        numbers = [k for k in ("mobile", "landline", "work") if self.world.views[person.ids[0]][k]]
        key = rng.choice(numbers)
        present.add(key)
        style = _pick(rng, ODD_PHONE_STYLES)
        if view[key][0] != "43" and style not in INTERNATIONAL_STYLES:
            style = "intl_trunk"
        view["phones_as_written"] = {key: format_phone(view[key], style)}
        if key == "mobile" and rng.random() < 0.3:
            view["mobile_slot"] = "work_phone"
            present.discard("work")
        return view, present, person, None

    def company_contact(self):
        result = self._returning("company", ("company", "first"))
        if result is None:
            return None
        person, view, present = result
        rng = self.rng
        company = view["company"]
        for form, spellings in data.LEGAL_FORM_SPELLINGS:
            if company.endswith(form):
                company = (company[: -len(form)].rstrip() + " " + rng.choice(spellings)).strip()
                break
        company = _pick(rng, [(company, 50), ("Fa. " + company, 15), ("Firma " + company, 10),
                              (company.upper(), 10), (company.replace(" & ", " und "), 15)])
        if company == view["company"]:
            company = "Fa. " + company
        view["company"] = company
        if person.work and rng.random() < 0.6:
            view["work"] = person.work
            present.add("work")
        return view, present, person, None

    # ------------------------------------------------------------ new people
    def household_member(self):
        rng = self.rng
        candidates = self.new_household_members
        person = None
        for _ in range(8):
            if candidates:
                p = rng.choice(candidates)
                if p.pid not in self.used:
                    person = p
                    break
        if person is None:
            person = self._new_household_member()
        self.used.add(person.pid)
        view = self.fresh_view(person)
        present = self.channel(view, "first")
        if rng.random() < 0.7:
            present |= {"address", "postal", "city"}
        if person.home.landline and rng.random() < 0.4:
            present.add("landline")
        if person.home.family_email and rng.random() < 0.5:
            view["email"] = person.home.family_email
            present.add("email")
        anchor = next(q for q in self.world.households[person.household] if q.in_master)
        return view, present, None, person if anchor else None

    def _new_household_member(self) -> _Person:
        rng = self.rng
        world = self.world
        anchor = rng.choice(self.pools["any"])
        members = world.households[anchor.household]
        taken = {m.first for m in members}
        age = (TODAY - anchor.birth).days / 365.25
        if age > 45 and rng.random() < 0.5:                       # a grown-up child
            birth = anchor.birth + timedelta(days=int(rng.uniform(24, 36) * 365.25))
            if (TODAY - birth).days < 18 * 365.25:
                birth = TODAY - timedelta(days=int(19 * 365.25))
            last = anchor.last.split("-")[0]
        else:                                                     # a partner
            birth = anchor.birth + timedelta(days=int(rng.gauss(0, 4) * 365.25))
            last = anchor.last if rng.random() < 0.65 else None
        sex = "f" if anchor.sex == "m" else "m"
        if rng.random() < 0.5:
            sex = "m" if rng.random() < 0.5 else "f"
        person = world.person(anchor.household, anchor.home, anchor.origin, sex, birth, last=last)
        while person.first in taken:
            person.first = world.names.first_name(rng, anchor.origin, sex, birth.year)
            if person.email:
                person.email = world.email(person.first, person.last, birth, anchor.home.town.country)
        return person

    def junior_senior(self):
        rng = self.rng
        world = self.world
        person = None
        for _ in range(8):
            if self.new_counterparts:
                p = rng.choice(self.new_counterparts)
                if p.pid not in self.used:
                    person = p
                    break
        if person is None:
            anchor = None
            for _ in range(50):
                q = rng.choice(self.pools["any"])
                if q.counterpart is None and (TODAY - q.birth).days / 365.25 >= 20:
                    anchor = q
                    break
            if anchor is None:
                return None
            age = (TODAY - anchor.birth).days / 365.25
            if age >= 48 and rng.random() < 0.8 or age > 70:
                birth = anchor.birth + timedelta(days=int(rng.uniform(25, 35) * 365.25))
                if (TODAY - birth).days < 18 * 365.25:
                    birth = TODAY - timedelta(days=int(rng.uniform(18.5, 22) * 365.25))
                marker, anchor_marker = "jun.", "sen."
            else:
                birth = anchor.birth - timedelta(days=int(rng.uniform(25, 35) * 365.25))
                marker, anchor_marker = "sen.", "jun."
            person = world.person(anchor.household, anchor.home, anchor.origin, anchor.sex, birth,
                                  first=anchor.first, last=anchor.last)
            person.title = "" if rng.random() < 0.8 else person.title
            person.marker, person.counterpart = marker, anchor.pid
            anchor.counterpart = person.pid
            anchor.marker = anchor.marker or anchor_marker
        self.used.add(person.pid)
        view = self.fresh_view(person)
        present = self.channel(view, "first")
        if rng.random() < 0.8:
            present |= {"address", "postal", "city"}
        if person.home.landline and rng.random() < 0.4:
            present.add("landline")
        if rng.random() < 0.3:
            present.add("birth")
        else:
            present.discard("birth")
        if rng.random() < 0.35:
            world._set_marker(view, person.marker)
            present.add("title")
        return view, present, None, person

    def namesake(self):
        rng = self.rng
        world = self.world
        anchor = self.pick("any")
        same_town = rng.random() < 0.25
        home = world.home(anchor.home.town.country, anchor.home.town if same_town else None)
        if not same_town:
            for _ in range(10):
                if home.town.name != anchor.home.town.name:
                    break
                home = world.home(anchor.home.town.country)
        age = (TODAY - anchor.birth).days / 365.25
        birth = world.birth(19, 90, age, 15)
        person = world.person(-1 - len(world.persons), home, anchor.origin, anchor.sex, birth,
                              first=anchor.first, last=anchor.last)
        view = self.fresh_view(person)
        present = self.channel(view, "first")
        return view, present, None, person

    def new_person(self):
        world = self.world
        rng = self.rng
        home = world.home()
        origin = _pick(rng, ORIGIN_SHARES[home.town.country])
        sex = "m" if rng.random() < 0.5 else "f"
        person = world.person(-1 - len(world.persons), home, origin, sex, world.birth(19, 90, 45, 15))
        if rng.random() < 0.3:
            home.landline = world.phone({"AT": "43", "DE": "49", "CH": "41"}[home.town.country], "landline",
                                        home.town.area)
        view = self.fresh_view(person)
        return view, self.channel(view), None, person

    # ------------------------------------------------------------ name helpers
    @staticmethod
    def _nickname_for(first: str, rng: random.Random | None = None) -> str | None:
        """A nickname for a formal name, the formal name for a nickname; without rng whether there is one."""
        base = first.split(" ")[0]
        if base in data.NICKNAMES:
            return rng.choice(data.NICKNAMES[base]) if rng else base
        if base in _FORMAL_OF:
            return rng.choice(_FORMAL_OF[base]) if rng else base
        return None

    @staticmethod
    def _spelling_variant(view: dict, rng: random.Random, apply: bool = False) -> bool:
        first, last = view["first"], view["last"]
        options = []
        if first in _FIRST_SPELLING_OF:
            options.append(("first", rng.choice([g for g in _FIRST_SPELLING_OF[first] if g != first])))
        if "-" in first and " " not in first:
            a, b = first.split("-", 1)
            options.append(("first", rng.choice([f"{a} {b}", a + b.lower(), a])))
        group = _SURNAME_SPELLING_OF.get(last)
        if group:
            options.append(("last", rng.choice([g for g in group if g != last])))
        else:
            for suffix, group in _SURNAME_SUFFIX_SPELLINGS:
                if last.endswith(suffix) and len(last) > len(suffix):
                    options.append(("last", last[: -len(suffix)] + rng.choice([g for g in group if g != suffix])))
                    break
        if not options:
            return False
        if apply:
            key, value = rng.choice(options)
            view[key] = value
        return True


def scenario_counts(n_leads: int) -> dict[str, int]:
    """How many leads of each scenario: shares of n_leads, rounded so they add up exactly."""
    raw = {s: share * n_leads for s, share in SCENARIOS.items()}
    counts = {s: int(v) for s, v in raw.items()}
    rest = n_leads - sum(counts.values())
    for s in sorted(raw, key=lambda s: (-(raw[s] - counts[s]), list(SCENARIOS).index(s)))[:rest]:
        counts[s] += 1
    return counts


def street_spellings(street: str) -> list[str]:
    """Other ways people write the same street: abbreviated, with or without hyphens, joined or apart."""
    out = []
    abbreviated = abbreviate_street(street)
    if abbreviated != street:
        out.append(abbreviated)
    if " Straße" in street:
        out.append(street.replace(" Straße", "straße"))
    elif street.endswith("straße") and "-" not in street and " " not in street:
        out.append(street[:-6] + " Straße")
    if "-" in street:
        out.append(street.replace("-", " "))
    if "St.-" in street or "St. " in street:
        out.append(street.replace("St.", "Sankt", 1))
    if "Dr.-" in street:
        out.append(street.replace("Dr.-", "Dr. ").replace("-", " "))
    if "straße" in street.lower():
        out.append(street.replace("straße", "strasse").replace("Straße", "Strasse"))
    return out


def number_spellings(number: str) -> list[str]:
    m = re.fullmatch(r"(\S+?)/(\d+)/(\d+)", number)
    if m:
        h, s, t = m.groups()
        return [f"{h} / {s} / {t}", f"{h}/Stiege {s}/Tür {t}", f"{h}/{s}/Top {t}", f"{h} Stg. {s} Tür {t}",
                f"{h}/{t}", f"{h}-{s}-{t}"]
    m = re.fullmatch(r"(\S+?)/(?:Top )?(\d+)", number)
    if m:
        h, t = m.groups()
        return [f"{h}/Top {t}", f"{h} Top {t}", f"{h} / {t}", f"{h}/Tür {t}", f"{h}/{t}", h]
    return [number]


def number_typo(number: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    i = rng.choice(digits)
    new = rng.choice([d for d in "123456789" if d != number[i]])
    return number[:i] + new + number[i + 1:]


def digit_typo(phone: tuple, rng: random.Random) -> tuple:
    cc, pre, sub = phone
    i = rng.randrange(len(sub) - 1)
    if rng.random() < 0.5 and sub[i] != sub[i + 1]:
        sub = sub[:i] + sub[i + 1] + sub[i] + sub[i + 2:]
    else:
        sub = sub[:i] + rng.choice([d for d in "0123456789" if d != sub[i]]) + sub[i + 1:]
    return cc, pre, sub


def birth_typo(birth: date, rng: random.Random) -> tuple[date, str]:
    """A wrong birth date as people type it: day and month swapped, one digit off, year digits swapped."""
    if birth.day <= 12 and birth.day != birth.month and rng.random() < 0.35:
        return birth.replace(day=birth.month, month=birth.day), "day_month_swapped"
    if rng.random() < 0.12:
        y = birth.year
        swapped = y // 100 * 100 + (y % 10) * 10 + (y % 100) // 10
        if swapped != y and 1910 < swapped < TODAY.year - 17:
            try:
                return birth.replace(year=swapped), "year_digits_swapped"
            except ValueError:
                pass
    if rng.random() < 0.2:
        return birth + timedelta(days=rng.choice([-1, 1])), "day_off"
    text = birth.isoformat()
    for _ in range(50):
        i = rng.choice([2, 3, 5, 6, 8, 9])
        candidate = text[:i] + rng.choice([d for d in "0123456789" if d != text[i]]) + text[i + 1:]
        try:
            new = date.fromisoformat(candidate)
        except ValueError:
            continue
        if 1905 < new.year <= TODAY.year - 16:
            return new, "one_digit"
    return birth + timedelta(days=1), "day_off"
