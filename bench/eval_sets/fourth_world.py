"""fourth_world: an Austrian and Swiss importer's customer master and incoming leads, with ground truth.

Datasheet
=========
Provenance
    Written blind from a brief. The author read only the EvalSet/EvalLead interface; not the matcher,
    its tests, its evaluation code or any other generator. Nothing was tuned against a matcher's score.
    Standard library only; one random.Random(seed) drives everything; ages count to 2025-06-30.

World
    A car importer's central customer master for Austria (60 % of households: Vienna with council
    estates where hundreds of flats share one street number, Graz, Linz, Salzburg, Innsbruck, Tyrolean
    and Vorarlberg villages where a handful of surnames are half the village, Burgenland), Switzerland
    (35 %: Zurich, Bern, Basel, Lucerne, St. Gallen, Ticino, Romandy) and 5 % South Tyrol,
    Liechtenstein and southern Bavaria. People come in households (singles, couples, families with
    adult children, father and son of the same name, adult twins, flat shares, a parent living with a
    grown child). Names: Austrian, Swiss, Tyrolean, Liechtenstein, Bavarian and South Tyrolean German;
    Czech/Slovak with feminine surname forms; Hungarian; Croatian/Serbian/Bosnian/Slovenian with
    diacritics; Romanian; Albanian/Kosovar; Portuguese; Tamil; Turkish; Italian; French; Eritrean.
    Married women carry a maiden name; some use a double name ("Müller-Meier", "Meier Müller",
    "Müller (-Meier)"). Some people are company contacts (GmbH, e.U., OG, KG, AG, Sàrl, SA, Sagl ...)
    with a business address, a switchboard or direct line and a company e-mail. Border regions hold
    foreign mobiles (a Swiss mobile in Vorarlberg, an Austrian one in St. Gallen, an Italian one in
    Ticino). Households share a landline and sometimes a family e-mail; mobiles are personal.

Master habits
    The master merges the exports of 21 dealers plus an ad portal's converted leads. Each dealer has
    its own habits: street abbreviations ("Hauptstr."), "ß" written "ss", Austrian door notation
    ("12/3/14", "12 Stg. 3 Tür 14", "12/Top 14", or the door dropped), Vienna written "Wien 21" or
    "Wien-Floridsdorf", Swiss canton suffixes ("Zürich ZH"), postcode prefixes ("A-1210"), phone
    formats (+43 / 0043 / 0664/1234567 / +43 (0) 664 ... / 079 123 45 67 / +41 (0)79 ...; a foreign
    mobile often written in its own national format without country code; a few numbers typed with
    a digit missing or extra), dates (ISO, dd.mm.yyyy, d.m.yy, dd/mm/yyyy, Excel "00:00:00", and the
    portal's US m/d/yyyy), placeholder birth dates (01.01.1900), upper-case surnames, old systems
    without diacritics or writing "Djuric", Czech feminine surnames written masculine by a clerk, nicknames entered as first
    names, titles in the title field or glued to a name. Missing fields come as None, "" or absent.
    About 13 % of master persons are held twice and 3.5 % three times (same dealer twice, another
    dealer, the portal); older copies may hold an old address, old mobile, old e-mail or maiden name.
    The newest record of a person always holds the person's current data. Birth dates are missing on
    roughly 40 % of records.

Leads
    Channels: trade-fair badge scanner (OCR errors only in the OCR scenario), call centre (what it
    hears), online configurator (e-mail mandatory, the rest optional), ad portals (name plus e-mail or
    phone), walk-ins typed by sales reps (abbreviations, "Nachname Vorname" in one field, "Familie
    Huber"). Every lead carries exactly one scenario label. `truth` holds every master id of the lead's
    person. `related` holds master ids of other people who share data with the lead as shown (same
    flat or Swiss building address, same surname in the same building, a shared phone or e-mail, the
    same first and last name in the same town, a colleague at the same company) plus, for new-person
    scenarios, every id of the customer the scenario was built around. notes["variants"] counts the
    sub-variants of each scenario.

Scenario shares (percent of leads; exact counts by largest remainder, then shuffled)
    returning (55)                                   new (45)
    returning_exact_record                  3        new_person                    15
    returning_new_email                     3        new_household_member           6
    returning_new_mobile                    3        new_junior_senior              5
    returning_moved                         4        new_twin                       3
    returning_typo_one_field                4        new_namesake                   5
    returning_typo_two_fields               3        new_neighbour                  5
    returning_ocr_noise                     3        new_spouse_shared_email        4
    returning_phonetic_spelling             3        new_recycled_mobile            2
    returning_married_name                  3
    returning_feminine_form                 2
    returning_diacritics                    3
    returning_name_order_swapped            2
    returning_full_name_one_field           2
    returning_nickname                      3
    returning_title_noise                   2
    returning_birth_date_typo_or_us_order   2
    returning_surname_and_phone_only        2
    returning_email_only                    2
    returning_company_contact               2
    returning_held_twice_or_more            3
    returning_foreign_number_national       1

Known limits
    Address, phone and name lists are invented or common public names, not a sample of real people;
    frequencies are guesses. Leads carry no timestamps or consent data. A person is used for at most one
    lead while unused persons remain; very small masters (a few hundred records) may run out of
    suitable customers for the rare scenarios, and then a scenario falls back to any customer and may
    show its trait weakly. Nothing models the same person arriving twice in the lead stream.
"""
import collections
import re
import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from bench.eval_sets import EvalLead, EvalSet, PERSON_FIELDS
from bench.eval_sets import fourth_world_data as D

REFERENCE_DATE = date(2025, 6, 30)

# Percent of leads per scenario: 55 returning, 45 new.
SCENARIO_SHARES = (
    ("returning_exact_record", 3),
    ("returning_new_email", 3),
    ("returning_new_mobile", 3),
    ("returning_moved", 4),
    ("returning_typo_one_field", 4),
    ("returning_typo_two_fields", 3),
    ("returning_ocr_noise", 3),
    ("returning_phonetic_spelling", 3),
    ("returning_married_name", 3),
    ("returning_feminine_form", 2),
    ("returning_diacritics", 3),
    ("returning_name_order_swapped", 2),
    ("returning_full_name_one_field", 2),
    ("returning_nickname", 3),
    ("returning_title_noise", 2),
    ("returning_birth_date_typo_or_us_order", 2),
    ("returning_surname_and_phone_only", 2),
    ("returning_email_only", 2),
    ("returning_company_contact", 2),
    ("returning_held_twice_or_more", 3),
    ("returning_foreign_number_national", 1),
    ("new_person", 15),
    ("new_household_member", 6),
    ("new_junior_senior", 5),
    ("new_twin", 3),
    ("new_namesake", 5),
    ("new_neighbour", 5),
    ("new_spouse_shared_email", 4),
    ("new_recycled_mobile", 2),
)

HOUSEHOLD_KINDS = (("single", 38), ("couple", 30), ("family", 14), ("junior_senior", 5), ("twins", 2),
                   ("flatshare", 4), ("senior_parent", 7))
AGE_BANDS = (((18, 24), 6), ((25, 34), 16), ((35, 44), 18), ((45, 54), 20), ((55, 64), 19), ((65, 74), 13),
             ((75, 90), 8))
RECORDS_PER_PERSON = ((1, 83.5), (2, 13), (3, 3.5))

# Default habits of a dealer export or a lead channel; DEALERS and CHANNELS override them.
DEALER_DEFAULT = {
    "country": "AT", "regions": (), "lang": "", "name_case": "as_is", "diacritics": "keep", "title_place": "field",
    "street_style": "full", "door_style": "slash", "number_first": 0.0, "postal_style": "plain",
    "city_style": "plain", "country_style": "iso2", "phone_styles": ("national_space",), "date_style": "dmy",
    "missing": "empty", "p_salutation": 0.9, "p_title": 0.85, "p_address": 0.97, "p_city_only": 0.0,
    "p_email": 0.65, "p_mobile": 0.8, "p_landline": 0.6, "p_work": 0.6, "p_birth": 0.6, "p_company": 1.0,
    "placeholder": 0.03, "mobile_in_phone": 0.1, "invalid_phone": 0.03, "email_typo": 0.01,
    "masculine_clerk": 0.2, "p_nick": 0.12, "legal_form_variant": 0.15,
}
DEALER_COUNTRY_STYLE = {"wien_nord": "letter", "wien_sued": "name", "graz": "iso2", "linz": "none", "salzburg": "iso3",
                        "zuerich": "iso2", "bern": "name", "lugano": "name", "geneve": "name", "bozen": "iso2",
                        "rosenheim": "letter", "portal": "none", "basel": "letter", "dornbirn": "letter"}
DEALER_POSTAL_STYLE = {"wien_sued": "prefix", "basel": "prefix", "dornbirn": "prefix", "portal": "plain",
                       "bozen": "prefix", "rosenheim": "prefix"}

CHANNELS = {
    "walk_in": {"street_style": ("abbr", "full", "ss"), "door_style": ("slash", "top", "stg_tuer"),
                "phone_styles": ("national_slash", "national_space", "national_compact", "national_trunk_space"),
                "date_style": ("dmy", "dmy_short"),
                "missing": ("empty", "none"), "p_salutation": 0.8, "p_title": 0.7, "p_address": 0.85,
                "p_city_only": 0.3, "p_email": 0.55, "p_mobile": 0.85, "p_landline": 0.3, "p_birth": 0.3,
                "p_work": 0.2, "p_company": 0.6, "invalid_phone": 0.02, "email_typo": 0.0, "legal_form_variant": 0.5},
    "call_centre": {"street_style": ("full", "ss"), "door_style": ("slash", "top"),
                    "phone_styles": ("national_compact", "national_grouped", "national_space"), "date_style": ("dmy",),
                    "missing": ("empty", "none"), "p_salutation": 0.9, "p_title": 0.3, "p_address": 0.35,
                    "p_city_only": 0.45, "p_email": 0.4, "p_mobile": 0.9, "p_landline": 0.2, "p_birth": 0.1,
                    "p_work": 0.1, "p_company": 0.4, "invalid_phone": 0.02, "email_typo": 0.0, "legal_form_variant": 0.5},
    "configurator": {"street_style": ("full", "ss", "abbr"), "door_style": ("slash", "top", "space"),
                     "phone_styles": ("intl_compact", "intl_space", "national_compact"), "date_style": ("iso",),
                     "missing": ("none", "absent"), "p_salutation": 0.9, "p_title": 0.2, "p_address": 0.5,
                     "p_city_only": 0.25, "p_email": 1.0, "p_mobile": 0.45, "p_landline": 0.05, "p_birth": 0.08,
                     "p_work": 0.1, "p_company": 0.5, "invalid_phone": 0.01, "email_typo": 0.0, "legal_form_variant": 0.5},
    "ad_portal": {"street_style": ("full",), "door_style": ("slash",),
                  "phone_styles": ("intl_compact", "national_compact"),
                  "date_style": ("us",), "missing": ("absent",), "p_salutation": 0.3, "p_title": 0.0, "p_address": 0.0,
                  "p_city_only": 0.25, "p_email": 0.75, "p_mobile": 0.5, "p_landline": 0.0, "p_birth": 0.03,
                  "p_work": 0.0, "p_company": 0.0, "invalid_phone": 0.01, "email_typo": 0.0, "legal_form_variant": 0.5},
    "fair_scanner": {"street_style": ("full", "abbr"), "door_style": ("slash", "top"),
                     "phone_styles": ("intl_space", "intl_grouped", "intl_paren0"), "date_style": ("dmy",),
                     "missing": ("absent", "empty"), "p_salutation": 0.3, "p_title": 0.5, "p_address": 0.6,
                     "p_city_only": 0.2, "p_email": 0.85, "p_mobile": 0.5, "p_landline": 0.0, "p_birth": 0.0,
                     "p_work": 0.4, "p_company": 0.9, "invalid_phone": 0.0, "email_typo": 0.0, "legal_form_variant": 0.5},
}
ANY_CHANNEL = (("walk_in", 30), ("call_centre", 20), ("configurator", 25), ("ad_portal", 12), ("fair_scanner", 13))

SALUTATIONS = {"de": {"m": ("Herr", "Hr."), "f": ("Frau", "Fr.")},
               "fr": {"m": ("Monsieur", "M."), "f": ("Madame", "Mme")},
               "it": {"m": ("Signor", "Sig."), "f": ("Signora", "Sig.ra")}}
COUNTRY_TEXT = {
    "AT": {"iso2": "AT", "iso3": "AUT", "name": "Österreich", "letter": "A"},
    "CH": {"iso2": "CH", "iso3": "CHE", "name": "Schweiz", "letter": "CH"},
    "IT": {"iso2": "IT", "iso3": "ITA", "name": "Italien", "letter": "I"},
    "LI": {"iso2": "LI", "iso3": "LIE", "name": "Liechtenstein", "letter": "FL"},
    "DE": {"iso2": "DE", "iso3": "DEU", "name": "Deutschland", "letter": "D"},
}
SWISS_NAME_BY_LANG = {"fr": "Suisse", "it": "Svizzera"}
DOUBLE_NAME_FORMATS = {"CH": (("{F}-{M}", 50), ("{M} {F}", 30), ("{F} (-{M})", 10), ("{M}-{F}", 10)),
                       "other": (("{F}-{M}", 45), ("{M}-{F}", 45), ("{F} {M}", 10))}
PLACEHOLDER_DATES = {"iso": "1900-01-01", "dmy_short": "1.1.00"}


# ===================================================================================================
# Small helpers
# ===================================================================================================
class Weighted:
    """A fixed weighted choice; keeps its order, so draws are deterministic for a seed."""

    def __init__(self, pairs):
        pairs = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
        self.items = [item for item, _ in pairs]
        self.cum = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            self.cum.append(total)

    def pick(self, rng):
        return rng.choices(self.items, cum_weights=self.cum)[0]


def by_rank(items):
    """Earlier entries are more frequent: weight 1 / (rank + 3)."""
    return Weighted([(item, 1.0 / (rank + 3)) for rank, item in enumerate(items)])


_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i", "ł": "l", "Ł": "L",
                                  "ø": "o", "Ø": "O", "æ": "ae", "œ": "oe", "İ": "I"})
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def strip_marks(text):
    """Drop diacritics: Đurić -> Duric, Müller -> Muller, Thaçi -> Thaci."""
    text = text.translate(_SPECIAL_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def translit_de(text):
    """German keyboard habit: Müller -> Mueller, then strip the rest."""
    return strip_marks(text.translate(_GERMAN_UMLAUTS))


def translit_bcs(text):
    """Serbo-Croatian habit: Đurić -> Djuric."""
    return strip_marks(text.replace("Đ", "Dj").replace("đ", "dj"))


_GERMANIZE = (("ić", "itsch"), ("ć", "tsch"), ("č", "tsch"), ("Č", "Tsch"), ("š", "sch"), ("Š", "Sch"), ("ž", "sch"),
              ("Ž", "Sch"), ("đ", "dj"), ("Đ", "Dj"), ("ş", "sch"), ("Ş", "Sch"), ("ç", "tsch"), ("Ç", "Tsch"),
              ("ğ", ""), ("ı", "i"))


def germanize(text):
    """Old Austrian clerk habit: Kovačević -> Kowatschewitsch, Şahin -> Schahin."""
    had_bcs = any(c in text for c in "ćčšžđĆČŠŽĐ")
    for old, new in _GERMANIZE:
        text = text.replace(old, new)
    if had_bcs:
        text = text.replace("v", "w")
    return strip_marks(text)


@lru_cache(maxsize=None)
def fold(text):
    """Comparison key for names and places in `related`: lower case, no marks, hyphens as spaces."""
    return " ".join(strip_marks(text).lower().replace("-", " ").split())


def is_ascii(text):
    return all(ord(c) < 128 for c in text)


def age_on_reference(birth):
    before_birthday = (REFERENCE_DATE.month, REFERENCE_DATE.day) < (birth.month, birth.day)
    return REFERENCE_DATE.year - birth.year - before_birthday


def birth_for_age(rng, age):
    latest = date(REFERENCE_DATE.year - age, REFERENCE_DATE.month, REFERENCE_DATE.day)
    return latest - timedelta(days=rng.randrange(365))


def adult_age(rng):
    low, high = AGE_PICKER.pick(rng)
    return rng.randint(low, high)


def random_digits(rng, length):
    return str(rng.randrange(10 ** (length - 1), 10 ** length))


AGE_PICKER = Weighted(AGE_BANDS)
KIND_PICKER = Weighted(HOUSEHOLD_KINDS)
RECORD_COUNT_PICKER = Weighted(RECORDS_PER_PERSON)
REGION_PICKER = Weighted([(key, region["share"]) for key, region in D.REGIONS.items()])
ORIGIN_PICKERS = {key: Weighted(region["origins"]) for key, region in D.REGIONS.items()}
KINDS_PICKERS = {key: Weighted(region["kinds"]) for key, region in D.REGIONS.items()}
FIRST_PICKERS = {(origin, sex): by_rank(names[0 if sex == "m" else 1])
                 for origin, names in D.FIRST_NAMES.items() for sex in ("m", "f")}
SURNAME_PICKERS = {origin: by_rank(names) for origin, names in D.SURNAMES.items()}
EMAIL_DOMAIN_PICKERS = {country: Weighted(pairs) for country, pairs in D.EMAIL_DOMAINS.items()}
TITLE_PICKERS = {"AT": Weighted(D.TITLES_AT), "CH": Weighted(D.TITLES_CH)}
LEGAL_FORM_PICKERS = {key: Weighted(pairs) for key, pairs in D.LEGAL_FORMS.items()}
CHANNEL_PICKER = Weighted(ANY_CHANNEL)
VIENNA_BY_POSTCODE = {place[0]: place for place in D.PLACES["vienna"]}
DEALERS_BY_REGION = {key: [name for name, dealer in D.DEALERS.items() if key in dealer["regions"]] for key in D.REGIONS}
DEALERS_BY_COUNTRY = {country: [name for name, dealer in D.DEALERS.items() if dealer["country"] == country]
                      for country in ("AT", "CH")}
REAL_DEALERS = [name for name in D.DEALERS if name != "portal"]


# ===================================================================================================
# The latent world
# ===================================================================================================
@dataclass(frozen=True)
class Phone:
    country: str
    area: str        # area code or mobile prefix, without trunk prefix (Italian landlines keep their 0)
    subscriber: str
    kind: str        # "mobile" or "landline"

    @property
    def e164(self):
        return "+" + D.PHONE_COUNTRIES[self.country][0] + self.area + self.subscriber


@dataclass
class Address:
    region: str
    country: str
    lang: str
    street: str
    number: str
    postal_code: str
    city: str
    district: str = ""   # Vienna
    canton: str = ""     # Switzerland, South Tyrol
    area_code: str = ""
    stair: str = ""
    door: str = ""
    kind: str = "house"  # house, flats, estate, business
    co: str = ""         # "c/o" name
    postfach: str = ""

    def dwelling_key(self):
        return (self.postal_code, fold(self.street), self.number.lower(), self.stair, self.door)

    def building_key(self):
        return (self.postal_code, fold(self.street), self.number.lower())


@dataclass
class Company:
    cid: int
    core: str
    form: str
    domain: str
    address: Address
    switchboard: Phone


@dataclass
class Household:
    hid: int
    region: str
    place: tuple
    address: Address
    origin: str
    surname: str
    surname_origin: str
    landline: Phone | None = None
    family_email: str | None = None
    members: list = field(default_factory=list)


@dataclass
class Person:
    idx: int
    household: Household
    role: str
    sex: str
    origin: str
    lang: str
    first_name: str
    last_name: str
    birth: date
    maiden_name: str = ""
    masc_last: str = ""          # masculine form of a Czech/Slovak feminine surname
    usage: str = "own"          # "own", "married", "double"
    double_display: str = ""
    nick: str = ""
    title: str = ""
    mobile: Phone | None = None
    email: str | None = None
    company: Company | None = None
    work_phone: Phone | None = None
    work_email: str | None = None
    old_address: Address | None = None
    old_landline: Phone | None = None
    old_mobile: Phone | None = None
    old_email: str | None = None
    is_customer: bool = False
    lead_used: bool = False
    record_ids: list = field(default_factory=list)

    @property
    def address(self):
        return self.household.address

    @property
    def age(self):
        return age_on_reference(self.birth)

    def current_last(self):
        return self.double_display if self.usage == "double" else self.last_name

    def name_form(self):
        if self.usage == "double":
            return "double"
        if self.maiden_name:
            return "married"
        if self.masc_last:
            return "feminine"
        return "plain"


@dataclass
class View:
    """What one record or lead says about a person, before formatting."""
    sex: str
    lang: str
    first_name: str
    last_name: str
    name_form: str = "plain"    # plain, married, maiden, double, feminine, masculine
    uses_nick: bool = False
    title: str = ""
    company: Company | None = None
    address: Address | None = None
    landline: Phone | None = None
    mobile: Phone | None = None
    work_phone: Phone | None = None
    email: str | None = None
    birth: date | None = None


@dataclass
class RecordInfo:
    person: Person
    view: View
    shown: tuple
    dealer: str


@dataclass
class Draft:
    out: dict
    shown: list
    style: dict
    view: View


class World:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.persons = []           # customers, in creation order
        self.customers = {}
        self.record_info = {}
        self.index = {}             # related-key -> [customer ids]
        self.used_phones = set()    # membership only
        self.used_emails = set()
        self.used_dwellings = set()
        self.buildings = collections.defaultdict(list)   # region -> flats buildings to fill further
        self.companies = collections.defaultdict(list)   # region -> companies
        self.n_households = 0
        self.n_people = 0
        self.n_companies = 0
        self.used = set()           # person idx already behind a lead (membership only)
        self.variants = collections.defaultdict(collections.Counter)
        self.pools = {}
        self.home_shown = set()     # idx of customers whose current home address the master shows
        self.dealer_styles = {name: dealer_style(name) for name in D.DEALERS}


def dealer_style(name):
    style = dict(DEALER_DEFAULT)
    style.update(D.DEALERS[name])
    style["country_style"] = DEALER_COUNTRY_STYLE.get(name, style["country_style"])
    style["postal_style"] = DEALER_POSTAL_STYLE.get(name, style["postal_style"])
    return style


# ---------------------------------------------------------------------------------------------------
# Phones, e-mails, names, addresses
# ---------------------------------------------------------------------------------------------------
def new_mobile(w, country):
    _, _, prefixes, length = D.PHONE_COUNTRIES[country]
    while True:
        phone = Phone(country, w.rng.choice(prefixes), random_digits(w.rng, length), "mobile")
        if phone.e164 not in w.used_phones:
            w.used_phones.add(phone.e164)
            return phone


def new_landline(w, address):
    country, area = address.country, address.area_code
    while True:
        if country == "LI":
            digits = str(w.rng.randrange(2000000, 4000000))
            phone = Phone("LI", digits[:3], digits[3:], "landline")
        else:
            length = D.LANDLINE_LENGTH.get(country, {}).get(len(area), 6)
            phone = Phone(country, area, random_digits(w.rng, length), "landline")
        if phone.e164 not in w.used_phones:
            w.used_phones.add(phone.e164)
            return phone


def mobile_country(w, region):
    foreign = D.FOREIGN_MOBILE.get(region, {})
    roll = w.rng.random() * 100
    for country, percent in foreign.items():
        if roll < percent:
            return country
        roll -= percent
    return D.REGIONS[region]["country"]


def email_part(name):
    return re.sub(r"[^a-z0-9\-]", "", translit_de(name).lower().replace(" ", ""))


def unique_email(w, local, domain):
    email = f"{local}@{domain}"
    while email in w.used_emails:
        email = f"{local}{w.rng.randint(1, 99)}@{domain}"
    w.used_emails.add(email)
    return email


def email_domain(w, country):
    return EMAIL_DOMAIN_PICKERS.get(country, EMAIL_DOMAIN_PICKERS["AT"]).pick(w.rng)


def new_personal_email(w, first, last, birth, country, avoid_domain=""):
    rng = w.rng
    f, l = email_part(first.split()[0]), email_part(last.replace("(", "").replace(")", ""))
    yy, yyyy = f"{birth.year % 100:02d}", str(birth.year)
    local = rng.choice((f"{f}.{l}", f"{f}.{l}", f"{f}.{l}", f"{f}{l}", f"{f[:1]}.{l}", f"{f[:1]}{l}", f"{l}.{f}",
                        f"{f}_{l}", f"{f}.{l}{yy}", f"{l}{yy}", f"{f}{yyyy}", f"{f}.{l[:1]}", f"{l}{f[:1]}"))
    domain = email_domain(w, country)
    while domain == avoid_domain:
        domain = email_domain(w, country)
    return unique_email(w, local, domain)


def new_family_email(w, hh, first_a, first_b):
    l, a, b = email_part(hh.surname), email_part(first_a.split()[0]), email_part(first_b.split()[0])
    local = w.rng.choice((f"familie.{l}", f"fam.{l}", f"{l}.family", f"{l}s", f"{a}.{b}.{l}", f"{l}{a[:1]}{b[:1]}",
                          f"{a}und{b}", f"{l}-familie"))
    return unique_email(w, local, email_domain(w, hh.address.country))


def gendered(base, sex, origin):
    """(last name, masculine form) -- Czech/Slovak women carry the feminine form."""
    if sex == "f" and origin == "cz_sk" and base in D.CZ_FEMININE:
        return D.CZ_FEMININE[base], base
    return base, ""


def draw_surname(w, origin, place):
    village = D.VILLAGES.get(place[1])
    if origin == "village" and village and w.rng.random() < 0.55:
        return w.rng.choice(village[0])
    return SURNAME_PICKERS[origin].pick(w.rng)


def draw_first(w, origin, sex, avoid):
    picker = FIRST_PICKERS[(origin, sex)]
    for _ in range(20):
        first = picker.pick(w.rng)
        if first not in avoid:
            return first
    return first


def draw_title(w, country, sex, age):
    rate = {"AT": 0.14, "CH": 0.07}.get(country, 0.05)
    if age < 25 or w.rng.random() >= rate:
        return ""
    title = TITLE_PICKERS["CH" if country in ("CH", "LI") else "AT"].pick(w.rng)
    if sex == "f" and title in D.FEMALE_TITLE and country == "AT" and w.rng.random() < 0.4:
        title = D.FEMALE_TITLE[title]
    return title


def double_name(family, maiden, fmt):
    return fmt.replace("{F}", family).replace("{M}", maiden)


def double_formats(country):
    return Weighted(DOUBLE_NAME_FORMATS["CH" if country in ("CH", "LI") else "other"])


def pick_place(w, region):
    return w.rng.choice(D.PLACES[region])


def house_number(w, village_style=False):
    number = str(w.rng.randint(1, 250 if village_style else 90))
    if w.rng.random() < 0.07:
        number += w.rng.choice("abc")
    return number


def base_address(region, place, street, number, kind):
    country = D.REGIONS[region]["country"]
    postal, city, extra, area = place
    return Address(region=region, country=country, lang=D.REGIONS[region]["lang"], street=street, number=number,
                   postal_code=postal, city=city, district=extra if region == "vienna" else "",
                   canton=extra if region != "vienna" else "", area_code=area, kind=kind)


def new_address(w, region, place, kind=None):
    """A dwelling of its own: a house, a flat (maybe in an existing building) or a Vienna estate flat."""
    kind = kind or KINDS_PICKERS[region].pick(w.rng)
    for _ in range(30):
        address = draft_address(w, region, place, kind)
        if address.country != "AT" and address.kind == "flats":
            return address           # Swiss-style flats: the same address for the whole building
        if address.dwelling_key() not in w.used_dwellings:
            w.used_dwellings.add(address.dwelling_key())
            return address
    return address


def draft_address(w, region, place, kind):
    rng = w.rng
    if kind == "estate":
        street, number, postal, district = rng.choice(D.ESTATES)
        address = base_address(region, VIENNA_BY_POSTCODE[postal], street, number, "estate")
        address.stair = rng.choice("ABCDEFGH") if rng.random() < 0.2 else str(rng.randint(1, 40))
        address.door = str(rng.randint(1, 30))
        return address
    if kind == "flats" and w.buildings[region] and rng.random() < 0.35:
        return flat_in_building(w, rng.choice(w.buildings[region]))
    village = D.VILLAGES.get(place[1])
    street = rng.choice(village[1]) if village and rng.random() < 0.8 else rng.choice(D.STREETS[region])
    conscription = street == place[1] or street in ("Dorf", "Oberdorf", "Unterdorf")
    address = base_address(region, place, street, house_number(w, conscription), kind)
    if kind == "flats":
        if address.country == "AT":
            address.stair = str(rng.randint(1, 6)) if rng.random() < 0.35 else ""
            address.door = str(rng.randint(1, 24))
        w.buildings[region].append(address)
    if rng.random() < 0.03:
        address.co = SURNAME_PICKERS["at_de" if address.country == "AT" else "ch_de"].pick(rng)
    if address.country == "CH" and kind == "house" and rng.random() < 0.02:
        address.postfach = f"Postfach {rng.randint(1, 999)}"
    return address


def flat_in_building(w, building):
    address = replace(building, co="", postfach="")
    if address.country == "AT":
        address.stair = building.stair if w.rng.random() < 0.5 else (str(w.rng.randint(1, 6)) if building.stair else "")
        address.door = str(w.rng.randint(1, 24))
    return address


def address_elsewhere(w, address, same_region_share=0.6):
    """Where a person lived before, or moves to."""
    if w.rng.random() < same_region_share:
        region = address.region
    else:
        region = REGION_PICKER.pick(w.rng)
        while D.REGIONS[region]["country"] != address.country:
            region = REGION_PICKER.pick(w.rng)
    return new_address(w, region, pick_place(w, region))


# ---------------------------------------------------------------------------------------------------
# Companies
# ---------------------------------------------------------------------------------------------------
def company_for(w, region):
    existing = w.companies[region]
    if existing and w.rng.random() < 0.4:
        return w.rng.choice(existing)
    company = new_company(w, region)
    existing.append(company)
    return company


def new_company(w, region):
    rng = w.rng
    country, lang = D.REGIONS[region]["country"], D.REGIONS[region]["lang"]
    origin = ORIGIN_PICKERS[region].pick(rng)
    surname = SURNAME_PICKERS["at_de" if origin == "village" else origin].pick(rng)
    trade = rng.choice(D.TRADES[lang if lang in D.TRADES else "de"])
    core = rng.choice((f"{trade} {surname}", f"{surname} {trade}", surname,
                       f"{surname} & {SURNAME_PICKERS['at_de'].pick(rng)}"))
    form_key = {"fr": "CH_fr", "it": "CH_it"}.get(lang, country) if country == "CH" else country
    form = LEGAL_FORM_PICKERS[form_key].pick(rng)
    tld = {"AT": "at", "CH": "ch", "LI": "li", "DE": "de", "IT": "it"}[country]
    domain = re.sub(r"[^a-z0-9]+", "-", translit_de(core).lower()).strip("-") + "." + tld
    address = new_address(w, region, pick_place(w, region), kind="house")
    address.kind = "business"
    if country == "CH" and rng.random() < 0.3:
        address.postfach = f"Postfach {rng.randint(1, 999)}"
    w.n_companies += 1
    return Company(w.n_companies, core, form, domain, address, new_landline(w, address))


def join_company(w, person):
    rng = w.rng
    company = company_for(w, person.household.region)
    person.company = company
    if rng.random() < 0.5:
        person.work_phone = company.switchboard
    else:
        person.work_phone = new_landline(w, company.address)
    f, l = email_part(person.first_name.split()[0]), email_part(person.last_name)
    local = rng.choice((f"{f}.{l}", f"{f}.{l}", f"{f[:1]}.{l}", l, "office", "info"))
    email = f"{local}@{company.domain}"
    if local not in ("office", "info"):
        email = unique_email(w, local, company.domain)
    person.work_email = email


# ---------------------------------------------------------------------------------------------------
# Households and people
# ---------------------------------------------------------------------------------------------------
def new_household(w, region=None, place=None, origin=None, address=None):
    rng = w.rng
    region = region or REGION_PICKER.pick(rng)
    place = place or pick_place(w, region)
    origin = origin or ORIGIN_PICKERS[region].pick(rng)
    address = address or new_address(w, region, place)
    surname_origin = "at_de" if origin == "village" else origin
    w.n_households += 1
    hh = Household(w.n_households, region, place, address, origin, draw_surname(w, origin, place), surname_origin)
    landline_rate = 0.65 if place[1] in D.VILLAGES or address.kind == "house" else 0.35
    if address.country == "CH":
        landline_rate += 0.1
    if rng.random() < landline_rate:
        hh.landline = new_landline(w, address)
    return hh


def new_person(w, hh, sex, age=None, birth=None, role="head", first=None, last=None, origin=None):
    rng = w.rng
    origin = origin or hh.origin
    birth = birth or birth_for_age(rng, age)
    first = first or draw_first(w, origin, sex, [m.first_name for m in hh.members])
    masc = ""
    if last is None:
        if role in ("head", "child", "junior", "twin", "parent", "sibling"):
            last, masc = gendered(hh.surname, sex, hh.surname_origin)
        else:
            own_origin = "at_de" if origin == "village" else origin
            last, masc = gendered(draw_surname(w, origin, hh.place), sex, own_origin)
    w.n_people += 1
    lang = "it" if hh.region == "south_tyrol" and origin == "it" else D.REGIONS[hh.region]["lang"]
    person = Person(idx=w.n_people, household=hh, role=role, sex=sex, origin=origin, lang=lang, first_name=first,
                    last_name=last, birth=birth, masc_last=masc)
    age = person.age
    person.title = draw_title(w, hh.address.country, sex, age)
    if first in D.NICKNAMES and rng.random() < 0.5:
        person.nick = rng.choice(D.NICKNAMES[first])
    if rng.random() < (0.93 if age < 70 else 0.7):
        person.mobile = new_mobile(w, mobile_country(w, hh.region))
    if rng.random() < (0.88 if age < 30 else 0.8 if age < 50 else 0.68 if age < 70 else 0.4):
        person.email = new_personal_email(w, first, last, birth, hh.address.country)
    if 25 <= age <= 65 and rng.random() < 0.08:
        join_company(w, person)
    add_history(w, person)
    hh.members.append(person)
    return person


def add_history(w, person):
    """Old data that older master copies may still hold."""
    rng = w.rng
    if rng.random() < 0.15:
        person.old_address = address_elsewhere(w, person.household.address)
        if person.household.landline:
            person.old_landline = new_landline(w, person.old_address)
    if person.mobile and rng.random() < 0.12:
        person.old_mobile = new_mobile(w, person.mobile.country)
    if person.email and rng.random() < 0.10:
        person.old_email = new_personal_email(w, person.first_name, person.last_name, person.birth,
                                              person.household.address.country)


def marry(w, wife, hh):
    """The wife takes the family name; her birth name becomes the maiden name; some use a double name."""
    rng = w.rng
    own_origin = "at_de" if wife.origin == "village" else wife.origin
    family, masc = gendered(hh.surname, "f", hh.surname_origin if own_origin == "cz_sk" else "")
    maiden = wife.last_name
    if fold(maiden) == fold(family):     # she heads the household: draw the name she was born with
        maiden = gendered(draw_surname(w, wife.origin, hh.place), "f", own_origin)[0]
        if fold(maiden) == fold(family):
            return
    wife.maiden_name, wife.last_name, wife.masc_last = maiden, family, masc
    wife.usage = "married"
    country = wife.household.address.country
    if rng.random() < {"CH": 0.35, "LI": 0.3, "AT": 0.15}.get(country, 0.1):
        wife.usage = "double"
        wife.double_display = double_name(family, maiden, double_formats(country).pick(rng))


def add_partner(w, hh, first):
    rng = w.rng
    sex = ("f" if first.sex == "m" else "m") if rng.random() < 0.96 else first.sex
    origin = hh.origin if rng.random() < 0.85 else ORIGIN_PICKERS[hh.region].pick(rng)
    age = min(95, max(18, first.age + rng.randint(-6, 6)))
    married = sex != first.sex and rng.random() < 0.72
    last = hh.surname if married and sex == "m" else None
    partner = new_person(w, hh, sex, age=age, role="partner", origin=origin, last=last)
    if married:
        marry(w, partner if sex == "f" else first, hh)
    if rng.random() < 0.3:
        hh.family_email = new_family_email(w, hh, first.first_name, partner.first_name)
        for person in (first, partner):
            if rng.random() < 0.8:
                person.email = hh.family_email
    return partner


def add_child(w, hh, parent, sex=None, first=None, role="child", birth=None):
    sex = sex or w.rng.choice("mf")
    if birth is None:
        age = max(18, parent.age - w.rng.randint(22, 34))
        return new_person(w, hh, sex, age=age, role=role, first=first)
    return new_person(w, hh, sex, birth=birth, role=role, first=first)


def populate(w, hh, kind):
    rng = w.rng
    sex = rng.choice("mf")
    if kind == "single":
        new_person(w, hh, sex, age=adult_age(rng))
    elif kind == "couple":
        add_partner(w, hh, new_person(w, hh, sex, age=adult_age(rng)))
    elif kind == "family":
        head = new_person(w, hh, sex, age=rng.randint(42, 68))
        add_partner(w, hh, head)
        add_child(w, hh, head)
    elif kind == "junior_senior":
        father = new_person(w, hh, "m", age=rng.randint(45, 82))
        if rng.random() < 0.6:
            add_partner(w, hh, father)
        add_child(w, hh, father, sex="m", first=father.first_name, role="junior")
    elif kind == "twins":
        head = new_person(w, hh, sex, age=rng.randint(40, 70))
        add_partner(w, hh, head)
        twin = add_child(w, hh, head, role="twin")
        add_child(w, hh, head, role="twin", birth=twin.birth)
    elif kind == "flatshare":
        new_person(w, hh, sex, age=rng.randint(20, 35))
        new_person(w, hh, rng.choice("mf"), age=rng.randint(20, 35), role="flatmate",
                   origin=ORIGIN_PICKERS[hh.region].pick(rng))
    else:  # senior_parent
        head = new_person(w, hh, sex, age=rng.randint(35, 60))
        new_person(w, hh, rng.choice("mf"), age=min(95, head.age + rng.randint(22, 35)), role="parent")


# ===================================================================================================
# Formatting: how a dealer export or a lead channel writes a view
# ===================================================================================================
def text_style(text, style, part="first"):
    if not text:
        return text
    if style["diacritics"] == "strip":
        text = strip_marks(text)
    elif style["diacritics"] == "translit":
        text = translit_de(text)
    elif style["diacritics"] == "bcs":
        text = translit_bcs(text)
    case = style["name_case"]
    if case == "upper" or (case == "upper_last" and part == "last"):
        return text.upper()
    if case == "lower":
        return text.lower()
    return text


def abbreviate_street(name):
    name = re.sub(r"(?<=\w)(stra(ß|ss)e)\b", "str.", name)
    name = re.sub(r"\bStra(ß|ss)e\b", "Str.", name)
    name = re.sub(r"\bPlatz\b", "Pl.", name)
    name = re.sub(r"^Chemin\b", "Ch.", name)
    name = re.sub(r"^Avenue\b", "Av.", name)
    name = re.sub(r"^Route\b", "Rte", name)
    name = re.sub(r"^Boulevard\b", "Bd", name)
    return name


def street_name(name, style):
    if style == "abbr":
        return abbreviate_street(name)
    if style == "ss":
        return name.replace("ß", "ss")
    if style == "upper":
        return name.upper()
    return name


def door_text(number, stair, door, style):
    if style == "drop" or not (stair or door):
        return number
    if style == "stg_tuer":
        parts = [number] + ([f"Stg. {stair}"] if stair else []) + ([f"Tür {door}"] if door else [])
        return " ".join(parts)
    if style == "top":
        return f"{number}/{stair}/Top {door}" if stair else f"{number}/Top {door}"
    if style == "space":
        return " / ".join(x for x in (number, stair, door) if x)
    return "/".join(x for x in (number, stair, door) if x)


def street_text(address, style, rng):
    name = street_name(address.street, style["street_style"])
    number = door_text(address.number, address.stair, address.door, style["door_style"])
    line = f"{name} {number}"
    if address.lang == "fr" and rng.random() < style["number_first"]:
        line = f"{number}, {name[:1].lower()}{name[1:]}"
    elif address.lang == "it" and rng.random() < 0.2:
        line = f"{name}, {number}"
    if address.co:
        line = rng.choice((f"c/o {address.co}, {line}", f"{line} c/o {address.co}"))
    if address.postfach:
        line = rng.choice((address.postfach, f"{line}, {address.postfach}"))
    return line


def city_text(address, style, rng):
    city, mode = address.city, style["city_style"]
    if mode == "district" and address.district:
        number = int(address.postal_code[1:3])
        return rng.choice((f"Wien {number}", f"Wien-{address.district}", f"Wien, {address.district}", "Wien",
                           f"{number}., {address.district}"))
    if mode == "canton" and address.canton and address.country == "CH":
        return f"{city} {address.canton}"
    alternates = D.CITY_ALTERNATES.get(city, ())
    if alternates and (mode == "alt" or rng.random() < 0.05):
        return rng.choice(alternates)
    return city


def postal_text(address, style):
    if style["postal_style"] == "prefix":
        return f"{COUNTRY_TEXT[address.country]['letter']}-{address.postal_code}"
    return address.postal_code


def country_text(address, style):
    mode = style["country_style"]
    if mode == "none":
        return None
    if mode == "name" and address.country == "CH" and address.lang in SWISS_NAME_BY_LANG:
        return SWISS_NAME_BY_LANG[address.lang]
    return COUNTRY_TEXT[address.country][mode]


def group_digits(digits):
    if len(digits) == 7:
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    if len(digits) == 6:
        return f"{digits[:2]} {digits[2:4]} {digits[4:]}"
    if len(digits) == 8:
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    if len(digits) > 3:
        return f"{digits[:-2]} {digits[-2:]}"
    return digits


def format_phone(phone, style, home, rng):
    """Write a phone the way `style` does; a foreign number in a national style often stays national."""
    cc, trunk = D.PHONE_COUNTRIES[phone.country][0], D.PHONE_COUNTRIES[phone.country][1]
    if style.startswith("national") and phone.country != home and rng.random() < 0.4:
        style = rng.choice(("intl_space", "intl_00"))
    area, sub = phone.area, phone.subscriber
    if style == "intl_space":
        return f"+{cc} {area} {sub}"
    if style == "intl_compact":
        return f"+{cc}{area}{sub}"
    if style == "intl_00":
        return f"00{cc} {area} {sub}"
    if style == "intl_paren0":
        if not trunk:
            return f"+{cc} {area} {sub}"
        return rng.choice((f"+{cc} ({trunk}) {area} {sub}", f"+{cc} ({trunk}){area} {group_digits(sub)}"))
    if style == "intl_grouped":
        return f"+{cc} {area} {group_digits(sub)}"
    if style == "national_slash":
        return f"{trunk}{area}/{sub}"
    if style == "national_dash":
        return f"{trunk}{area}-{sub}"
    if style == "national_compact":
        return f"{trunk}{area}{sub}"
    if style == "national_grouped":
        return f"{trunk}{area} {group_digits(sub)}"
    if style == "national_trunk_space" and trunk:
        return f"{trunk} {area} {sub}"
    return f"{trunk}{area} {sub}"


def mistype_digits(text, rng):
    """A number typed with one digit missing or one extra."""
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(positions[len(positions) // 2:])
    if rng.random() < 0.5:
        return text[:i] + text[i + 1:]
    return text[:i] + rng.choice("0123456789") + text[i:]


def format_date(day, style):
    y, m, d = day.year, day.month, day.day
    if style == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if style == "dmy_short":
        return f"{d}.{m}.{y % 100:02d}"
    if style == "us":
        return f"{m}/{d}/{y}"
    if style == "excel":
        return f"{d:02d}.{m:02d}.{y} 00:00:00"
    if style == "slash_eu":
        return f"{d:02d}/{m:02d}/{y}"
    return f"{d:02d}.{m:02d}.{y}"


def email_text(email, rng):
    roll = rng.random()
    if roll < 0.04:
        return email[:1].upper() + email[1:]
    if roll < 0.06:
        return email.upper()
    if roll < 0.07:
        return email + " "
    return email


def company_text(company, style, rng):
    form = company.form
    if rng.random() < style["legal_form_variant"]:
        form = rng.choice(D.LEGAL_FORM_VARIANTS.get(form, (form,)))
    name = f"{company.core} {form}".strip()
    return text_style(name, style, "last")


def salutation_text(view, lang, rng):
    if view.company and rng.random() < 0.25:
        return "Firma"
    sex = view.sex if rng.random() >= 0.02 else ("m" if view.sex == "f" else "f")
    full, short = SALUTATIONS.get(lang, SALUTATIONS["de"])[sex]
    return short if rng.random() < 0.12 else full


def place_title(out, title, style):
    """Title into the title field or glued to a name field."""
    if style["title_place"] == "first" and out.get("first_name"):
        out["first_name"] = f"{title} {out['first_name']}"
    elif style["title_place"] == "last" and out.get("last_name"):
        out["last_name"] = f"{out['last_name']}, {title}" if title in D.POSTNOMINAL else f"{out['last_name']} {title}"
    elif title in D.POSTNOMINAL and out.get("last_name") and style["title_place"] == "auto":
        out["last_name"] = f"{out['last_name']} {title}"
    else:
        out["title"] = title


def render(view, style, home, rng, force=(), hide=()):
    """Write `view` as an API person dict. Returns (dict without missing fields, shown groups)."""
    out, shown = {}, []

    def wants(group, p):
        if group in hide:
            return False
        return group in force or rng.random() < p

    if wants("salutation", style["p_salutation"]):
        out["salutation"] = salutation_text(view, style["lang"] or view.lang, rng)
    if "name" not in hide:
        if view.first_name:
            out["first_name"] = text_style(view.first_name, style, "first")
        if view.last_name:
            out["last_name"] = text_style(view.last_name, style, "last")
        shown.append("name")
    if view.title and wants("title", style["p_title"]):
        place_title(out, view.title, style)
        shown.append("title")
    if view.company and wants("company", style["p_company"]):
        out["company"] = company_text(view.company, style, rng)
        shown.append("company")
    render_address(view, style, rng, out, shown, wants, hide)
    render_phones(view, style, home, rng, out, shown, wants)
    if view.email and wants("email", style["p_email"]):
        email = email_text(view.email, rng)
        if rng.random() < style["email_typo"]:
            email, shown = typo_email(email, rng), shown + ["email_bad"]
        else:
            shown.append("email")
        out["email"] = email
    if view.birth and wants("birth", style["p_birth"]):
        out["birth_date"] = format_date(view.birth, style["date_style"])
        shown.append("birth")
    elif "birth" not in hide and rng.random() < style["placeholder"]:
        out["birth_date"] = PLACEHOLDER_DATES.get(style["date_style"], "01.01.1900")
    return out, shown


def render_address(view, style, rng, out, shown, wants, hide):
    address = view.address
    if not address or "address" in hide:
        return
    if wants("address", style["p_address"]):
        out["street"] = street_text(address, style, rng)
        shown.append("address")
    elif wants("city", style["p_city_only"]):
        shown.append("city")
    else:
        return
    if style["postal_style"] == "in_city":
        out["city"] = f"{address.postal_code} {city_text(address, style, rng)}"
    else:
        out["postal_code"] = postal_text(address, style)
        out["city"] = city_text(address, style, rng)
    country = country_text(address, style)
    if country:
        out["country"] = country


def render_phones(view, style, home, rng, out, shown, wants):
    items = (("landline", view.landline, style["p_landline"], "phone"),
             ("mobile", view.mobile, style["p_mobile"], "mobile_phone"),
             ("work_phone", view.work_phone, style["p_work"], "work_phone"))
    for group, phone, p, target in items:
        if not phone or not wants(group, p):
            continue
        text = format_phone(phone, rng.choice(style["phone_styles"]), home, rng)
        if rng.random() < style["invalid_phone"]:
            text, group = mistype_digits(text, rng), group + "_bad"
        if target == "mobile_phone" and "phone" not in out and rng.random() < style["mobile_in_phone"]:
            target = "phone"
        out[target] = text
        shown.append(group)


def finalize(out, missing):
    """Missing fields the way the sender writes them: None, "" or left out."""
    if missing == "absent":
        return {key: value for key, value in out.items() if value not in (None, "")}
    blank = None if missing == "none" else ""
    return {key: (out.get(key) if out.get(key) not in (None, "") else blank) for key in PERSON_FIELDS}


# ===================================================================================================
# The master
# ===================================================================================================
def person_view(person, company=False):
    view = View(sex=person.sex, lang=person.lang, first_name=person.first_name, last_name=person.current_last(),
                name_form=person.name_form(), title=person.title, address=person.address,
                landline=person.household.landline, mobile=person.mobile, email=person.email, birth=person.birth)
    if company and person.company:
        view.company = person.company
        view.address = person.company.address
        view.landline = None
        view.work_phone = person.work_phone
        view.email = person.work_email
    return view


def record_view(w, person, copy_number, style):
    rng = w.rng
    company = person.company is not None and (copy_number == 0 or rng.random() < 0.5)
    view = person_view(person, company)
    if copy_number >= 1:
        if person.old_address and not company and rng.random() < 0.7:
            view.address, view.landline = person.old_address, person.old_landline
        if person.old_mobile and rng.random() < 0.6:
            view.mobile = person.old_mobile
        if person.old_email and not company and rng.random() < 0.6:
            view.email = person.old_email
        if person.maiden_name and rng.random() < 0.5:
            view.last_name, view.name_form = person.maiden_name, "maiden"
    if view.name_form == "double" and rng.random() < 0.3:
        fmt = double_formats(person.address.country).pick(rng)
        view.last_name = double_name(person.last_name, person.maiden_name, fmt)
    if person.masc_last and view.name_form != "maiden" and rng.random() < style["masculine_clerk"]:
        view.last_name = view.last_name.replace(person.last_name, person.masc_last)
        view.name_form = "masculine"
    if person.nick and rng.random() < style["p_nick"]:
        view.first_name, view.uses_nick = person.nick, True
    return view


def choose_dealer(w, person, copy_number, first_dealer):
    rng = w.rng
    home = DEALERS_BY_REGION[person.household.region]
    if copy_number == 0:
        return rng.choice(home)
    roll = rng.random()
    if roll < 0.25:
        return first_dealer
    if roll < 0.65:
        return rng.choice(DEALERS_BY_COUNTRY.get(person.address.country, home))
    if roll < 0.85:
        return "portal"
    return rng.choice(REAL_DEALERS)


def add_record(w, person, copy_number, rid, first_dealer):
    dealer = choose_dealer(w, person, copy_number, first_dealer)
    style = w.dealer_styles[dealer]
    view = record_view(w, person, copy_number, style)
    home = style["country"] or person.address.country
    force = ()
    if dealer == "portal":     # an ad-portal lead always came with an e-mail or a phone
        force = ("email",) if view.email else ("mobile",) if view.mobile else ("landline",)
    out, shown = render(view, style, home, w.rng, force=force)
    w.customers[rid] = finalize(out, style["missing"])
    w.record_info[rid] = RecordInfo(person, view, tuple(shown), dealer)
    person.record_ids.append(rid)
    for key in view_keys(view, shown):
        w.index.setdefault(key, []).append(rid)
    return dealer


def build_master(w, n_customers):
    rng = w.rng
    ids = [f"K{number}" for number in rng.sample(range(1_000_000, 10_000_000), n_customers)]
    made = 0
    while made < n_customers:
        hh = new_household(w)
        populate(w, hh, KIND_PICKER.pick(rng))
        for position, person in enumerate(hh.members):
            share = 1.0 if position == 0 else (0.6 if person.role in ("junior", "twin") else 0.5)
            if made >= n_customers or rng.random() >= share:
                continue
            person.is_customer = True
            w.persons.append(person)
            copies = min(RECORD_COUNT_PICKER.pick(rng), n_customers - made)
            first_dealer = None
            for copy_number in range(copies):
                dealer = add_record(w, person, copy_number, ids[made], first_dealer)
                first_dealer = first_dealer or dealer
                made += 1
    w.customers = dict(sorted(w.customers.items()))


# ===================================================================================================
# Related: who else shares the data a lead shows
# ===================================================================================================
def view_keys(view, shown):
    keys = []
    address = view.address
    if address and "address" in shown:
        keys.append(("dwelling",) + address.dwelling_key())
        if view.last_name:
            keys.append(("building_surname",) + address.building_key() + (fold(view.last_name),))
    if address and ("address" in shown or "city" in shown) and view.first_name and view.last_name and "name" in shown:
        keys.append(("name_town", fold(view.first_name), fold(view.last_name), fold(address.city)))
    for group, phone in (("landline", view.landline), ("mobile", view.mobile), ("work_phone", view.work_phone)):
        if phone and group in shown:
            keys.append(("phone", phone.e164))
    if view.email and "email" in shown:
        keys.append(("email", view.email.lower()))
    if view.company and "company" in shown:
        keys.append(("company", view.company.cid))
    return keys


def related_ids(w, view, shown, truth, anchors=()):
    found = set()   # membership only; returned as a frozenset
    for key in view_keys(view, shown):
        found.update(w.index.get(key, ()))
    for anchor in anchors:
        found.update(anchor.record_ids)
    return frozenset(found - truth)


# ===================================================================================================
# Noise
# ===================================================================================================
_QWERTZ_ROWS = ("qwertzuiopü", "asdfghjklöä", "yxcvbnm")
NEIGHBOURS = {c: row[max(0, i - 1):i] + row[i + 1:i + 2] for row in _QWERTZ_ROWS for i, c in enumerate(row)}


def typo_once(text, rng):
    i = rng.randrange(len(text))
    c = text[i]
    op = rng.choice(("substitute", "delete", "insert", "swap"))
    if op == "substitute":
        if c.isdigit():
            return text[:i] + str((int(c) + rng.choice((1, 3, 9))) % 10) + text[i + 1:]
        if c.lower() in NEIGHBOURS:
            new = rng.choice(NEIGHBOURS[c.lower()])
            return text[:i] + (new.upper() if c.isupper() else new) + text[i + 1:]
        return text
    if op == "delete":
        return text[:i] + text[i + 1:] if len(text) > 3 else text
    if op == "insert":
        return text[:i] + c + text[i:]
    if i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


def typo(text, rng):
    for _ in range(20):
        new = typo_once(text, rng)
        if new != text and new.strip() and new.count("@") == text.count("@") and fold(new) != fold(text):
            return new
    return text + text[-1]


def typo_email(email, rng):
    local, _, domain = email.partition("@")
    if rng.random() < 0.6:
        return typo(local, rng) + "@" + domain
    return local + "@" + typo(domain, rng)


_OCR_PAIRS = (("0", "O"), ("O", "0"), ("o", "0"), ("1", "l"), ("l", "1"), ("I", "l"), ("l", "I"), ("i", "l"),
              ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("vv", "w"), ("w", "vv"), ("5", "S"), ("S", "5"),
              ("8", "B"), ("B", "8"), ("e", "c"), ("h", "b"), ("n", "h"), ("ü", "u"), ("ä", "a"), ("ö", "o"),
              ("é", "e"), ("ß", "B"), ("u", "v"), ("G", "6"), ("6", "G"), ("Z", "2"), ("2", "Z"))


def ocr(text, rng, errors=1):
    """What a badge scanner reads: 0/O, 1/l/I, rn/m, lost diacritics."""
    new = text
    for _ in range(errors):
        options = [(a, b) for a, b in _OCR_PAIRS if a in new]
        if not options:
            break
        a, b = rng.choice(options)
        starts = [m.start() for m in re.finditer(re.escape(a), new)]
        at = rng.choice(starts)
        new = new[:at] + b + new[at + len(a):]
    if rng.random() < 0.5:
        new = strip_marks(new)
    if new == text:
        at = rng.randrange(1, len(text)) if len(text) > 1 else 0
        new = text[:at] + " " + text[at:]
    return new


_PHONETIC_RULES = tuple((re.compile(pattern), repl) for pattern, repl in (
    (r"ph", "f"), (r"th", "t"), (r"dt", "t"), (r"ck", "k"), (r"tz", "z"), (r"ie", "i"), (r"ei", "ai"), (r"ai", "ei"),
    (r"ay", "ei"), (r"ey", "ei"), (r"y", "i"), (r"v", "f"), (r"w", "v"), (r"ä", "e"), (r"eu", "äu"), (r"äu", "eu"),
    (r"qu", "kw"), (r"x", "ks"), (r"c(?=[aou])", "k"), (r"chr", "kr"), (r"mm", "m"), (r"nn", "n"), (r"ll", "l"),
    (r"tt", "t"), (r"ss", "s"), (r"rr", "r"), (r"ff", "f"), (r"pp", "p"), (r"(?<=[aeiou])h(?=[lmnr])", ""),
    (r"d$", "t"), (r"t$", "d"), (r"g$", "k"), (r"b$", "p"), (r"ć", "tsch"), (r"č", "tsch"), (r"š", "sch"),
    (r"ž", "sch"), (r"đ", "dsch"), (r"ić$", "itsch"), (r"sz", "s"), (r"cs", "tsch"), (r"gy", "dj"), (r"zs", "sch"),
    (r"gh", "g"), (r"ou", "u"), (r"eau", "o"), (r"gn", "nj"), (r"gli", "lli"), (r"ch(?=[ei])", "k"), (r"ş", "sch"),
    (r"ç", "tsch"), (r"ğ", ""), (r"ı", "i"), (r"ë", "e"), (r"xh", "dsch"), (r"q", "tsch"), (r"ț", "z"),
    (r"ș", "sch"), (r"ee", "i"), (r"oo", "u"), (r"(?<=[aeiou])([lmnrt])(?=[aeiou])", r"\1\1"),
    (r"(?<=[aeiou])([lmnr])(?=[bdgkpt])", r"h\1"),
    # Austrian and Bavarian ears do not tell b/p, d/t, g/k apart
    (r"(?<=[aeiou])b(?=[aeiou])", "p"), (r"(?<=[aeiou])p(?=[aeiou])", "b"), (r"(?<=[aeiou])d(?=[aeiou])", "t"),
    (r"(?<=[aeiou])t(?=[aeiou])", "d"), (r"(?<=[aeiou])g(?=[aeiou])", "k"), (r"^b", "p"), (r"^p", "b"), (r"^d", "t"),
    (r"^t", "d"), (r"^g", "k"), (r"^k", "g"),
))


def recase(new, original):
    """Give a respelt lower-case name the capitals of the original, word by word."""
    if original.isupper():
        return new.upper()
    old_words, new_words = re.split(r"([ \-'])", original), re.split(r"([ \-'])", new)
    if len(old_words) != len(new_words):
        return new.title()
    return "".join(n[:1].upper() + n[1:] if o[:1].isupper() else n for o, n in zip(old_words, new_words))


def phonetic_once(lower, rng):
    options = [(pattern, repl) for pattern, repl in _PHONETIC_RULES if pattern.search(lower)]
    if not options:
        return lower
    pattern, repl = rng.choice(options)
    match = rng.choice(list(pattern.finditer(lower)))
    return lower[:match.start()] + match.expand(repl) + lower[match.end():]


def phonetic(text, rng, changes=1):
    """How a call-centre agent writes a name heard on the phone (each change keeps it different)."""
    original = fold(text)
    lower = text.lower()
    for _ in range(changes):
        for _ in range(10):
            candidate = phonetic_once(lower, rng)
            if fold(candidate) != original and candidate != lower:
                lower = candidate
                break
    if fold(lower) == original:     # nothing applied: a lengthening h after the first vowel ("Lener" -> "Lehner")
        vowel = re.search(r"[aeiouäöü](?![hr])", lower)
        at = vowel.end() if vowel else len(lower)
        lower = lower[:at] + "h" + lower[at:]
    return recase(lower, text)


def diacritic_variants(name):
    """Other spellings of a name with diacritics: stripped, transliterated, germanized, look-alike letters."""
    variants = []
    candidates = [strip_marks(name), translit_de(name), translit_bcs(name), germanize(name)]
    if "Đ" in name or "đ" in name:
        candidates.append(name.replace("Đ", "Ð").replace("đ", "ð"))
    for candidate in candidates:
        if candidate != name and candidate not in variants:
            variants.append(candidate)
    return variants


# ===================================================================================================
# Lead building blocks
# ===================================================================================================
def lead_style(w, channel, view):
    rng = w.rng
    style = dict(DEALER_DEFAULT)
    for key, value in CHANNELS[channel].items():
        style[key] = rng.choice(value) if isinstance(value, tuple) and key != "phone_styles" else value
    style["lang"] = view.lang
    style["channel"] = channel
    style["placeholder"] = 0.0
    style["country_style"] = rng.choice(("none", "none", "iso2", "name"))
    if channel == "fair_scanner":
        style["name_case"] = "upper" if rng.random() < 0.3 else "as_is"
        style["title_place"] = "first" if rng.random() < 0.3 else "field"
    if channel == "walk_in" and rng.random() < 0.15:
        style["name_case"] = "upper_last"
    return style


def draft(w, view, channel, force=(), hide=(), **overrides):
    style = lead_style(w, channel, view)
    style.update(overrides)
    home = view.address.country if view.address else "AT"
    out, shown = render(view, style, home, w.rng, force=force, hide=hide)
    return Draft(out, shown, style, view)


def pick_channel(w, *pairs):
    return Weighted(pairs).pick(w.rng) if pairs else CHANNEL_PICKER.pick(w.rng)


def finish(w, scenario, d, person=None, anchors=(), variant="", copy=False):
    truth = frozenset(person.record_ids) if person else frozenset()
    out = dict(d.out) if copy else finalize(d.out, d.style["missing"])
    w.variants[scenario][variant or "plain"] += 1
    return EvalLead(person=out, truth=truth, scenario=scenario,
                    related=related_ids(w, d.view, d.shown, truth, anchors))


def pick(w, pool, ok=None):
    """A customer for a lead: unused if possible, from `pool`, satisfying `ok`."""
    rng = w.rng
    people = w.pools.get(pool) or w.pools["all"]
    for tries in range(400):
        person = rng.choice(people)
        if (tries >= 120 or person.idx not in w.used) and (ok is None or ok(person)):
            w.used.add(person.idx)
            return person
    fitting = [person for person in people if ok is None or ok(person)]
    return rng.choice(fitting or people)


def shown_values(w, person, group):
    """Latent values of `group` that the person's master records show cleanly (not mistyped)."""
    values = []
    for rid in person.record_ids:
        info = w.record_info[rid]
        if group not in info.shown:
            continue
        value = {"mobile": info.view.mobile, "landline": info.view.landline, "work_phone": info.view.work_phone,
                 "email": info.view.email, "birth": info.view.birth,
                 "address": info.view.address}[group]
        if value is not None and value not in values:
            values.append(value)
    return values


def anchor_groups(w, person, view, exclude=()):
    """Groups where the lead's value also stands in one of the person's master records."""
    groups = []
    for group in ("address", "mobile", "landline", "email", "birth"):
        if group in exclude:
            continue
        value = {"address": view.address, "mobile": view.mobile, "landline": view.landline, "email": view.email,
                 "birth": view.birth}[group]
        if value is None:
            continue
        if group == "address":
            if any(a.dwelling_key() == value.dwelling_key() for a in shown_values(w, person, "address")):
                groups.append(group)
        elif value in shown_values(w, person, group):
            groups.append(group)
    return groups


def with_anchor(w, person, view, force, exclude=()):
    """Force one field that ties the lead to the master, besides the scenario's own fields."""
    groups = anchor_groups(w, person, view, exclude)
    return set(force) | ({w.rng.choice(groups)} if groups else set())


def household_customers(person):
    return [m for m in person.household.members if m.is_customer and m is not person]


def free_member(person, test):
    """A household member not in the master who fits `test`."""
    for member in person.household.members:
        if not member.is_customer and not member.lead_used and member.age >= 18 and test(member):
            member.lead_used = True
            return member
    return None


def set_name(out, style, first=None, last=None):
    if first is not None:
        out["first_name"] = text_style(first, style, "first")
    if last is not None:
        out["last_name"] = text_style(last, style, "last")


def text_fields(out, names):
    return [name for name in names if isinstance(out.get(name), str) and len(out[name].strip()) >= 3]


# ===================================================================================================
# Returning scenarios
# ===================================================================================================
def returning_exact_record(w):
    person = pick(w, "all")
    rid = w.rng.choice(person.record_ids)
    info = w.record_info[rid]
    d = Draft(dict(w.customers[rid]), list(info.shown), {}, info.view)
    return finish(w, "returning_exact_record", d, person, variant=info.dealer, copy=True)


def returning_new_email(w):
    person = pick(w, "all")
    view = person_view(person)
    old_domain = view.email.split("@")[1] if view.email else ""
    view.email = new_personal_email(w, person.first_name, person.last_name, person.birth, person.address.country,
                                    avoid_domain=old_domain)
    channel = pick_channel(w, ("configurator", 55), ("walk_in", 30), ("fair_scanner", 15))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"email"}, exclude=("email",)))
    return finish(w, "returning_new_email", d, person, variant="had_email" if person.email else "had_none")


def returning_new_mobile(w):
    person = pick(w, "all")
    view = person_view(person)
    view.mobile = new_mobile(w, person.mobile.country if person.mobile else person.address.country)
    channel = pick_channel(w, ("call_centre", 50), ("walk_in", 35), ("fair_scanner", 15))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"mobile"}, exclude=("mobile",)))
    return finish(w, "returning_new_mobile", d, person, variant="had_mobile" if person.mobile else "had_none")


def returning_moved(w):
    person = pick(w, "contact_or_birth")
    view = person_view(person)
    view.address = address_elsewhere(w, person.address)
    view.landline = new_landline(w, view.address) if person.household.landline else None
    channel = pick_channel(w, ("walk_in", 45), ("configurator", 35), ("call_centre", 20))
    force = with_anchor(w, person, view, {"address"}, exclude=("address", "landline"))
    d = draft(w, view, channel, force=force)
    variant = "same_region" if view.address.region == person.address.region else "other_region"
    return finish(w, "returning_moved", d, person, variant=variant)


def typo_draft(w, person, n_fields):
    view = person_view(person)
    channel = pick_channel(w, ("walk_in", 40), ("call_centre", 25), ("configurator", 25), ("fair_scanner", 10))
    force = with_anchor(w, person, view, {"address"} if w.rng.random() < 0.5 else set())
    d = draft(w, view, channel, force=force)
    candidates = text_fields(d.out, ("first_name", "last_name", "last_name", "street", "city", "postal_code",
                                     "email", "mobile_phone", "phone"))
    unique = []
    for name in candidates:
        if name not in unique:
            unique.append(name)
    chosen = w.rng.sample(unique, min(n_fields, len(unique)))
    for name in chosen:
        d.out[name] = typo_email(d.out[name], w.rng) if name == "email" else typo(d.out[name], w.rng)
    return d, "+".join(sorted(chosen))


def returning_typo_one_field(w):
    person = pick(w, "all")
    d, variant = typo_draft(w, person, 1)
    return finish(w, "returning_typo_one_field", d, person, variant=variant)


def returning_typo_two_fields(w):
    person = pick(w, "all")
    d, variant = typo_draft(w, person, 2)
    return finish(w, "returning_typo_two_fields", d, person, variant=variant)


def returning_ocr_noise(w):
    person = pick(w, "all")
    view = person_view(person, company=person.company is not None and w.rng.random() < 0.5)
    contact = "email" if view.email and w.rng.random() < 0.6 else "mobile"
    d = draft(w, view, "fair_scanner", force={"name", contact})
    fields = text_fields(d.out, ("first_name", "last_name", "street", "city", "email", "mobile_phone",
                                 "work_phone", "company"))
    chosen = w.rng.sample(fields, min(len(fields), w.rng.randint(2, 3)))
    for name in chosen:
        d.out[name] = ocr(d.out[name], w.rng, errors=w.rng.randint(1, 2))
    return finish(w, "returning_ocr_noise", d, person, variant=f"{len(chosen)}_fields")


def returning_phonetic_spelling(w):
    person = pick(w, "all")
    view = person_view(person)
    force = with_anchor(w, person, view, set(), exclude=("email", "birth")) | {"city"}
    d = draft(w, view, "call_centre", force=force)
    parts = ["last"]
    view.last_name = phonetic(view.last_name, w.rng, changes=w.rng.randint(1, 2))
    set_name(d.out, d.style, last=view.last_name)
    if w.rng.random() < 0.4:
        view.first_name = phonetic(view.first_name, w.rng)
        set_name(d.out, d.style, first=view.first_name)
        parts.append("first")
    if d.out.get("street") and w.rng.random() < 0.25:
        d.out["street"] = phonetic(d.out["street"], w.rng)
        parts.append("street")
    d.view = person_view(person)     # related keys from the true spelling
    return finish(w, "returning_phonetic_spelling", d, person, variant="+".join(parts))


def returning_married_name(w):
    person = pick(w, "married")
    rng = w.rng
    view = person_view(person)
    forms = [w.record_info[rid].view.name_form for rid in person.record_ids]
    family, maiden = person.last_name, person.maiden_name
    if "double" in forms:
        variant = rng.choice(("double_in_master_family_name_in_lead", "double_in_master_maiden_name_in_lead"))
        view.last_name = family if variant.endswith("family_name_in_lead") else maiden
    elif forms and all(form == "maiden" for form in forms):
        variant = "maiden_in_master_family_name_in_lead"
        view.last_name = family
    else:
        variant = "single_in_master_double_in_lead"
        fmt = rng.choice(("{F}-{M}", "{M}-{F}", "{M} {F}", "{F} {M}", "{F} (-{M})"))
        view.last_name = double_name(family, maiden, fmt)
    channel = pick_channel(w, ("walk_in", 40), ("configurator", 35), ("call_centre", 25))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"address"}))
    return finish(w, "returning_married_name", d, person, variant=variant)


def returning_feminine_form(w):
    person = pick(w, "cz_female")
    rng = w.rng
    view = person_view(person)
    first_form = w.record_info[person.record_ids[0]].view.name_form
    if first_form == "masculine":
        variant, last = "masculine_in_master_feminine_in_lead", person.last_name
    else:
        variant, last = "feminine_in_master_masculine_in_lead", person.masc_last
    if rng.random() < 0.3:
        last, variant = strip_marks(last), variant + "_stripped"
    view.last_name = last
    channel = pick_channel(w, ("walk_in", 45), ("call_centre", 30), ("configurator", 25))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"address"}))
    return finish(w, "returning_feminine_form", d, person, variant=variant)


def returning_diacritics(w):
    person = pick(w, "diacritics")
    rng = w.rng
    view = person_view(person)
    part = "last" if not is_ascii(view.last_name) else "first"
    original = view.last_name if part == "last" else view.first_name
    in_master = [(w.customers[rid].get(f"{part}_name") or "").lower() for rid in person.record_ids]
    variants = [v for v in diacritic_variants(original) if v.lower() not in in_master] or [original]
    spelling = rng.choice(variants)
    kind = "original" if spelling == original else (
        "stripped" if spelling == strip_marks(original) else
        "german_ae_oe_ue" if spelling == translit_de(original) else
        "dj" if spelling == translit_bcs(original) else
        "germanized" if spelling == germanize(original) else "look_alike_letter")
    channel = pick_channel(w, ("walk_in", 30), ("configurator", 30), ("ad_portal", 15), ("call_centre", 25))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"address"}), diacritics="keep")
    set_name(d.out, dict(d.style, diacritics="keep"), **{part: spelling})
    return finish(w, "returning_diacritics", d, person, variant=f"{part}_{kind}")


def returning_name_order_swapped(w):
    person = pick(w, "all")
    view = person_view(person)
    channel = pick_channel(w, ("walk_in", 50), ("call_centre", 30), ("fair_scanner", 20))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"address"}), hide={"title"})
    d.out["first_name"], d.out["last_name"] = d.out.get("last_name"), d.out.get("first_name")
    return finish(w, "returning_name_order_swapped", d, person, variant=d.style["channel"])


def returning_full_name_one_field(w):
    person = pick(w, "all")
    rng = w.rng
    view = person_view(person)
    alone = not household_customers(person) and fold(person.current_last()) == fold(person.household.surname)
    variant = rng.choice(("last_first_in_last_name", "first_last_in_first_name", "comma_in_last_name")
                         + (("familie",) if alone else ()))
    force = with_anchor(w, person, view, {"address"})
    if variant == "familie" and person.household.landline:
        force.add("landline")
    d = draft(w, view, "walk_in", force=force, hide={"title"})
    first, last = d.out.pop("first_name", ""), d.out.pop("last_name", "")
    if variant == "last_first_in_last_name":
        d.out["last_name"] = f"{last} {first}"
    elif variant == "first_last_in_first_name":
        d.out["first_name"] = f"{first} {last}"
    elif variant == "comma_in_last_name":
        d.out["last_name"] = f"{last}, {first}"
    else:
        d.out["last_name"] = f"Familie {last}"
        d.out.pop("salutation", None)
    return finish(w, "returning_full_name_one_field", d, person, variant=variant)


def returning_nickname(w):
    person = pick(w, "nick")
    view = person_view(person)
    first_view = w.record_info[person.record_ids[0]].view
    if first_view.uses_nick:
        variant, view.first_name = "nickname_in_master_formal_in_lead", person.first_name
    else:
        variant = "formal_in_master_nickname_in_lead"
        view.first_name = person.nick or w.rng.choice(D.NICKNAMES[person.first_name])
    view.uses_nick = not first_view.uses_nick
    channel = pick_channel(w, ("walk_in", 40), ("call_centre", 30), ("configurator", 20), ("ad_portal", 10))
    d = draft(w, view, channel, force=with_anchor(w, person, view, {"address"}), hide={"title"})
    return finish(w, "returning_nickname", d, person, variant=variant)


def returning_title_noise(w):
    rng = w.rng
    if rng.random() < 0.75:
        person = pick(w, "title_shown")
    else:
        person = pick(w, "all", ok=lambda p: not p.title)
    view = person_view(person)
    force = with_anchor(w, person, view, {"title"})
    overrides = {}
    if person.title and "title" in [g for rid in person.record_ids for g in w.record_info[rid].shown]:
        variant = Weighted((("respelled", 40), ("in_name_field", 35), ("dropped", 10), ("stacked", 15))).pick(rng)
    else:
        variant = "added"
    if variant == "respelled":
        view.title = rng.choice(D.TITLE_VARIANTS.get(person.title, (person.title + ".",)))
        overrides["title_place"] = "field"
    elif variant == "in_name_field":
        overrides["title_place"] = "last" if person.title in D.POSTNOMINAL else "first"
    elif variant == "dropped":
        force.discard("title")
        view.title = ""
    elif variant == "stacked":
        view.title = f"{person.title} {rng.choice(('Dr.', 'Ing.', 'MBA', 'Prof.'))}"
    else:
        view.title = rng.choice(D.INVENTED_TITLES)
        overrides["title_place"] = rng.choice(("field", "first"))
    channel = pick_channel(w, ("walk_in", 50), ("fair_scanner", 30), ("configurator", 20))
    d = draft(w, view, channel, force=force, **overrides)
    return finish(w, "returning_title_noise", d, person, variant=variant)


def wrong_birth(birth, variant, rng):
    for _ in range(50):
        if variant == "day_month_swapped":
            y, m, d = birth.year, birth.day, birth.month
        elif variant == "day_typo":
            y, m, d = birth.year, birth.month, rng.choice((birth.day + 1, birth.day - 1, birth.day + 10,
                                                            int(str(birth.day).zfill(2)[::-1])))
        elif variant == "month_typo":
            y, m, d = birth.year, rng.choice((birth.month + 1, birth.month - 1)), birth.day
        else:  # year_typo
            text = str(birth.year)
            y = rng.choice((birth.year + 1, birth.year - 1, int(text[:2] + text[3] + text[2])))
            m, d = birth.month, birth.day
        try:
            wrong = date(y, m, d)
        except ValueError:
            continue
        if wrong != birth and 16 <= age_on_reference(wrong) <= 105:
            return wrong
    return birth + timedelta(days=1)


def returning_birth_date_typo_or_us_order(w):
    rng = w.rng
    person = pick(w, "birth_shown")
    view = person_view(person)
    birth = person.birth
    choices = [("us_order", 35), ("day_typo", 20), ("month_typo", 10), ("year_typo", 20)]
    if birth.day <= 12 and birth.day != birth.month:
        choices.append(("day_month_swapped", 15))
    variant = Weighted(choices).pick(rng)
    force = with_anchor(w, person, view, {"birth", "name"}, exclude=("birth",))
    if variant == "us_order":
        contact = "email" if view.email and rng.random() < 0.6 else "mobile"
        d = draft(w, view, "ad_portal", force={"birth", contact, "city"})
    else:
        view.birth = wrong_birth(birth, variant, rng)
        d = draft(w, view, pick_channel(w, ("walk_in", 60), ("call_centre", 20), ("configurator", 20)), force=force)
    return finish(w, "returning_birth_date_typo_or_us_order", d, person, variant=variant)


def returning_surname_and_phone_only(w):
    person = pick(w, "phone_shown")
    rng = w.rng
    options = [(group, phone) for group in ("mobile", "landline") for phone in shown_values(w, person, group)]
    group, phone = rng.choice(options)
    view = View(sex=person.sex, lang=person.lang, first_name="", last_name=person.current_last(),
                mobile=phone if group == "mobile" else None, landline=phone if group == "landline" else None)
    channel = pick_channel(w, ("call_centre", 60), ("walk_in", 25), ("ad_portal", 15))
    d = draft(w, view, channel, force={group}, hide={"salutation", "title"}, mobile_in_phone=0.3, invalid_phone=0.0)
    return finish(w, "returning_surname_and_phone_only", d, person, variant=group)


def returning_email_only(w):
    person = pick(w, "email_shown")
    email = w.rng.choice(shown_values(w, person, "email"))
    view = View(sex=person.sex, lang=person.lang, first_name="", last_name="", email=email)
    channel = pick_channel(w, ("configurator", 60), ("ad_portal", 40))
    d = draft(w, view, channel, force={"email"}, hide={"salutation", "name"})
    variant = "personal"
    if email == person.work_email:
        variant = "work"
    elif email == person.household.family_email:
        variant = "family"
    return finish(w, "returning_email_only", d, person, variant=variant)


def returning_company_contact(w):
    person = pick(w, "company")
    view = person_view(person, company=True)
    contact = "email" if w.rng.random() < 0.6 else "work_phone"
    channel = pick_channel(w, ("fair_scanner", 40), ("configurator", 30), ("walk_in", 30))
    d = draft(w, view, channel, force={"company", "name", contact}, legal_form_variant=0.6)
    return finish(w, "returning_company_contact", d, person, variant=f"{channel}_{contact}")


def returning_held_twice_or_more(w):
    person = pick(w, "multi")
    view = person_view(person)
    d = draft(w, view, pick_channel(w), force=with_anchor(w, person, view, {"name"}))
    return finish(w, "returning_held_twice_or_more", d, person, variant=f"held_{len(person.record_ids)}_times")


def returning_foreign_number_national(w):
    person = pick(w, "foreign_mobile")
    rng = w.rng
    view = person_view(person)
    phone = view.mobile
    in_master = [phone_text_in_record(w.customers[rid], phone) for rid in person.record_ids
                 if w.record_info[rid].view.mobile == phone and "mobile" in w.record_info[rid].shown]
    master_national = any(text and not text.startswith(("+", "00")) for text in in_master)
    channel = pick_channel(w, ("call_centre", 40), ("walk_in", 40), ("configurator", 20))
    d = draft(w, view, channel, force={"name", "city"}, hide={"mobile", "landline"})
    if master_national:
        variant = "national_in_master_international_in_lead"
        style = rng.choice(("intl_space", "intl_00", "intl_compact", "intl_grouped"))
    else:
        variant = "international_in_master_national_in_lead"
        style = rng.choice(("national_space", "national_compact", "national_grouped"))
    d.out["mobile_phone"] = format_phone(phone, style, phone.country, rng)
    d.shown.append("mobile")
    return finish(w, "returning_foreign_number_national", d, person,
                  variant=f"{phone.country}_at_{person.address.country}_{variant}")


def phone_text_in_record(record, phone):
    """The field text in which a record holds `phone`."""
    for name in ("mobile_phone", "phone", "work_phone"):
        text = record.get(name) or ""
        if (phone.area + phone.subscriber) in re.sub(r"\D", "", text):
            return text
    return ""


# ===================================================================================================
# New-person scenarios
# ===================================================================================================
def contact_force(w, view, groups=("email", "mobile", "address")):
    available = [g for g in groups if (g == "address" and view.address) or (g == "email" and view.email)
                 or (g == "mobile" and view.mobile) or (g == "birth" and view.birth)]
    return {w.rng.choice(available)} if available else set()


def new_person_scenario(w):
    hh = new_household(w)
    populate(w, hh, KIND_PICKER.pick(w.rng))
    person = hh.members[0]
    person.lead_used = True
    view = person_view(person)
    channel = pick_channel(w)
    d = draft(w, view, channel, force={"name"} | contact_force(w, view))
    return finish(w, "new_person", d, variant=channel)


def synth_member(w, anchor, relation):
    """Someone new in the anchor's household (not in the master)."""
    rng = w.rng
    hh = anchor.household
    if relation == "partner":
        sex = "f" if anchor.sex == "m" else "m"
        member = new_person(w, hh, sex, age=min(95, max(18, anchor.age + rng.randint(-6, 6))), role="partner",
                            last=anchor.last_name if sex == "f" or rng.random() < 0.7 else None)
        if anchor.last_name != member.last_name and sex == "f" and rng.random() < 0.7:
            member.last_name = anchor.last_name
    elif relation == "adult_child":
        member = new_person(w, hh, rng.choice("mf"), age=max(18, anchor.age - rng.randint(22, 34)), role="child",
                            last=anchor.last_name if anchor.sex == "m" or not anchor.maiden_name else None)
    elif relation == "parent":
        member = new_person(w, hh, rng.choice("mf"), age=min(95, anchor.age + rng.randint(22, 34)), role="parent")
    else:
        member = new_person(w, hh, rng.choice("mf"), age=min(95, max(18, anchor.age + rng.randint(-8, 8))),
                            role="sibling")
    member.lead_used = True
    return member


def new_household_member(w):
    rng = w.rng
    anchor = pick(w, "home_shown")
    taken = [fold(m.first_name) for m in anchor.household.members]
    member = free_member(anchor, lambda m: m.role not in ("junior", "twin")
                         and taken.count(fold(m.first_name)) == 1 and m.birth != anchor.birth)
    if member is None:
        member = synth_member(w, anchor, rng.choice(("partner", "adult_child", "parent", "sibling")))
    view = person_view(member)
    force = {"name", "address"}
    variant = "address"
    if anchor.household.landline and rng.random() < 0.7:
        force.add("landline")
        variant = "address+landline"
    if member.email and member.email == anchor.household.family_email:
        force.add("email")
        variant += "+family_email"
    channel = pick_channel(w, ("walk_in", 45), ("call_centre", 25), ("configurator", 30))
    d = draft(w, view, channel, force=force)
    return finish(w, "new_household_member", d, anchors=household_customers(member), variant=variant)


def same_first_name_customer(person):
    return any(fold(m.first_name) == fold(person.first_name) for m in household_customers(person))


def new_junior_senior(w):
    rng = w.rng
    variant = rng.choice(("birth_in_both", "birth_in_lead_only", "birth_in_master_only", "birth_in_neither"))
    pool = "birth_shown" if variant in ("birth_in_both", "birth_in_master_only") else "no_birth_shown"
    anchor = pick(w, pool, ok=lambda p: p.sex == "m" and not same_first_name_customer(p) and p.idx in w.home_shown)
    hh = anchor.household
    same = free_member(anchor, lambda m: fold(m.first_name) == fold(anchor.first_name)
                       and fold(m.last_name) == fold(anchor.last_name))
    if same is None:
        junior = anchor.age >= 48 or (anchor.age > 40 and rng.random() < 0.5)
        age = max(18, anchor.age - rng.randint(22, 32)) if junior else min(97, anchor.age + rng.randint(22, 32))
        same = new_person(w, hh, "m", age=age, role="junior" if junior else "parent", first=anchor.first_name,
                          last=anchor.last_name)
        same.lead_used = True
    view = person_view(same)
    view.title = ""
    force = {"name", "address"} | ({"birth"} if variant in ("birth_in_both", "birth_in_lead_only") else set())
    hide = {"title"} | ({"birth"} if variant in ("birth_in_master_only", "birth_in_neither") else set())
    if hh.landline and rng.random() < 0.5:
        force.add("landline")
    d = draft(w, view, pick_channel(w, ("walk_in", 55), ("call_centre", 25), ("configurator", 20)),
              force=force, hide=hide)
    if rng.random() < 0.15 and d.out.get("last_name"):
        d.out["last_name"] += " jun." if same.birth > anchor.birth else " sen."
    return finish(w, "new_junior_senior", d, anchors=[anchor], variant=variant)


def new_twin(w):
    rng = w.rng
    anchor = pick(w, "birth_shown", ok=lambda p: 18 <= p.age <= 60 and not p.maiden_name and p.usage == "own"
                  and p.idx in w.home_shown and not any(m.birth == p.birth for m in household_customers(p)))
    twin = free_member(anchor, lambda m: m.birth == anchor.birth and fold(m.first_name) != fold(anchor.first_name))
    if twin is None:
        taken = [m.first_name for m in anchor.household.members]
        sex = anchor.sex if rng.random() < 0.5 else rng.choice("mf")
        first = draw_first(w, anchor.origin, sex, taken + list(D.NICKNAMES.get(anchor.first_name, ())))
        birth_surname = anchor.masc_last or anchor.last_name
        last = gendered(birth_surname, sex, "cz_sk" if anchor.masc_last else "")[0]
        twin = new_person(w, anchor.household, sex, birth=anchor.birth, role="twin", first=first, last=last)
        twin.lead_used = True
    view = person_view(twin)
    d = draft(w, view, pick_channel(w, ("walk_in", 60), ("configurator", 20), ("call_centre", 20)),
              force={"name", "address", "birth"}, hide={"title"})
    variant = "same_sex" if twin.sex == anchor.sex else "other_sex"
    return finish(w, "new_twin", d, anchors=[anchor], variant=variant)


def new_namesake(w):
    rng = w.rng
    anchor = pick(w, "village" if rng.random() < 0.6 else "all", ok=lambda p: p.usage != "double" and not p.company)
    hh = None
    for _ in range(20):
        hh = new_household(w, region=anchor.household.region, place=anchor.household.place, origin=anchor.origin)
        if hh.address.building_key() != anchor.address.building_key():
            break
    birth = anchor.birth
    while abs(birth.year - anchor.birth.year) < 3:
        birth = birth_for_age(rng, adult_age(rng))
    person = new_person(w, hh, anchor.sex, birth=birth, first=anchor.first_name, last=anchor.current_last())
    person.lead_used = True
    view = person_view(person)
    view.title = ""
    force = {"name", "address"} | contact_force(w, view, ("birth", "mobile", "email"))
    d = draft(w, view, pick_channel(w, ("walk_in", 50), ("configurator", 25), ("call_centre", 25)),
              force=force, hide={"title"})
    variant = "village" if anchor.household.place[1] in D.VILLAGES else "town"
    return finish(w, "new_namesake", d, anchors=[anchor], variant=variant)


def new_neighbour(w):
    rng = w.rng
    anchor = pick(w, "flats")
    address = flat_in_building(w, anchor.address)
    for _ in range(20):
        if address.country != "AT" or address.dwelling_key() not in w.used_dwellings:
            break
        address = flat_in_building(w, anchor.address)
    w.used_dwellings.add(address.dwelling_key())
    same_surname = rng.random() < 0.35
    origin = anchor.origin if same_surname else ORIGIN_PICKERS[anchor.household.region].pick(rng)
    hh = new_household(w, region=anchor.household.region, place=anchor.household.place, origin=origin, address=address)
    if same_surname:
        hh.surname, hh.surname_origin = anchor.household.surname, anchor.household.surname_origin
    sex = rng.choice("mf")
    taken = [anchor.first_name]
    person = new_person(w, hh, sex, age=adult_age(rng), first=draw_first(w, origin, sex, taken))
    person.lead_used = True
    view = person_view(person)
    d = draft(w, view, pick_channel(w, ("walk_in", 45), ("configurator", 35), ("call_centre", 20)),
              force={"name", "address"})
    kind = "same_surname" if same_surname else "other_surname"
    door = "same_address_line" if address.country != "AT" else "other_door"
    return finish(w, "new_neighbour", d, anchors=[anchor], variant=f"{kind}_{door}_{anchor.address.kind}")


def has_partner_customer(person):
    return any(m.role in ("head", "partner") and m.sex != person.sex and m.age >= 18
               for m in household_customers(person))


def new_spouse_shared_email(w):
    rng = w.rng
    pool = "family_email_shown" if rng.random() < 0.4 else "email_shown"
    anchor = pick(w, pool, ok=lambda p: not has_partner_customer(p) and p.role in ("head", "partner")
                  and any(e != p.work_email for e in shown_values(w, p, "email")))
    emails = [e for e in shown_values(w, anchor, "email") if e != anchor.work_email] or [anchor.email]
    email = anchor.household.family_email if anchor.household.family_email in emails else rng.choice(emails)
    spouse = free_member(anchor, lambda m: m.role in ("head", "partner") and m.sex != anchor.sex)
    if spouse is None:
        spouse = synth_member(w, anchor, "partner")
    view = person_view(spouse)
    view.email = email
    force = {"name", "email"} | ({"address"} if rng.random() < 0.5 else set())
    d = draft(w, view, pick_channel(w, ("configurator", 50), ("walk_in", 30), ("ad_portal", 20)), force=force)
    variant = "family_address" if email == anchor.household.family_email else "partners_own_address"
    return finish(w, "new_spouse_shared_email", d, anchors=[anchor], variant=variant)


def new_recycled_mobile(w):
    rng = w.rng
    anchor = pick(w, "mobile_shown")
    phone = rng.choice(shown_values(w, anchor, "mobile"))
    region = anchor.household.region
    if rng.random() < 0.5:      # elsewhere in the country the number belongs to
        region = REGION_PICKER.pick(rng)
        for _ in range(200):
            if D.REGIONS[region]["country"] == anchor.address.country:
                break
            region = REGION_PICKER.pick(rng)
    hh = new_household(w, region=region)
    populate(w, hh, "single")
    person = hh.members[0]
    person.lead_used = True
    person.mobile = phone
    if anchor.mobile == phone:
        anchor.mobile = new_mobile(w, phone.country)     # the customer gave the number up
    view = person_view(person)
    d = draft(w, view, pick_channel(w, ("call_centre", 35), ("configurator", 25), ("walk_in", 20), ("ad_portal", 20)),
              force={"name", "mobile"}, invalid_phone=0.0)
    variant = "same_region" if region == anchor.household.region else "elsewhere"
    return finish(w, "new_recycled_mobile", d, anchors=[anchor], variant=variant)


SCENARIOS = {
    "returning_exact_record": returning_exact_record,
    "returning_new_email": returning_new_email,
    "returning_new_mobile": returning_new_mobile,
    "returning_moved": returning_moved,
    "returning_typo_one_field": returning_typo_one_field,
    "returning_typo_two_fields": returning_typo_two_fields,
    "returning_ocr_noise": returning_ocr_noise,
    "returning_phonetic_spelling": returning_phonetic_spelling,
    "returning_married_name": returning_married_name,
    "returning_feminine_form": returning_feminine_form,
    "returning_diacritics": returning_diacritics,
    "returning_name_order_swapped": returning_name_order_swapped,
    "returning_full_name_one_field": returning_full_name_one_field,
    "returning_nickname": returning_nickname,
    "returning_title_noise": returning_title_noise,
    "returning_birth_date_typo_or_us_order": returning_birth_date_typo_or_us_order,
    "returning_surname_and_phone_only": returning_surname_and_phone_only,
    "returning_email_only": returning_email_only,
    "returning_company_contact": returning_company_contact,
    "returning_held_twice_or_more": returning_held_twice_or_more,
    "returning_foreign_number_national": returning_foreign_number_national,
    "new_person": new_person_scenario,
    "new_household_member": new_household_member,
    "new_junior_senior": new_junior_senior,
    "new_twin": new_twin,
    "new_namesake": new_namesake,
    "new_neighbour": new_neighbour,
    "new_spouse_shared_email": new_spouse_shared_email,
    "new_recycled_mobile": new_recycled_mobile,
}


# ===================================================================================================
# Pools, plan, build
# ===================================================================================================
def build_pools(w):
    people = w.persons

    def shows(person, group):
        return bool(shown_values(w, person, group))

    def home_shown(person):
        return any(a.dwelling_key() == person.address.dwelling_key() for a in shown_values(w, person, "address"))

    def title_shown(person):
        return bool(person.title) and any("title" in w.record_info[rid].shown for rid in person.record_ids)

    w.pools = {
        "all": list(people),
        "multi": [p for p in people if len(p.record_ids) >= 2],
        "married": [p for p in people if p.maiden_name],
        "cz_female": [p for p in people if p.masc_last],
        "diacritics": [p for p in people if not is_ascii(p.first_name + p.current_last())],
        "nick": [p for p in people if p.first_name in D.NICKNAMES],
        "title_shown": [p for p in people if title_shown(p)],
        "birth_shown": [p for p in people if shows(p, "birth")],
        "no_birth_shown": [p for p in people if not shows(p, "birth")],
        "phone_shown": [p for p in people if shows(p, "mobile") or shows(p, "landline")],
        "mobile_shown": [p for p in people if shows(p, "mobile")],
        "email_shown": [p for p in people if shows(p, "email")],
        "family_email_shown": [p for p in people if p.household.family_email
                               and p.household.family_email in shown_values(w, p, "email")],
        "company": [p for p in people if p.company],
        "foreign_mobile": [p for p in people if p.mobile and p.mobile.country != p.address.country
                           and p.mobile in shown_values(w, p, "mobile")],
        "village": [p for p in people if p.household.place[1] in D.VILLAGES],
        "home_shown": [p for p in people if home_shown(p)],
        "flats": [p for p in people if p.address.kind in ("flats", "estate") and home_shown(p)],
        "contact_or_birth": [p for p in people if shows(p, "email") or shows(p, "mobile") or shows(p, "birth")],
    }
    w.home_shown = {p.idx for p in w.pools["home_shown"]}     # membership only


def scenario_plan(n_leads, rng):
    """Exactly the shares of SCENARIO_SHARES (largest remainder), in shuffled order."""
    total = sum(share for _, share in SCENARIO_SHARES)
    exact = [n_leads * share / total for _, share in SCENARIO_SHARES]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[:n_leads - sum(counts)]:
        counts[i] += 1
    plan = [name for (name, _), count in zip(SCENARIO_SHARES, counts) for _ in range(count)]
    rng.shuffle(plan)
    return plan


def master_rates(w):
    records = list(w.customers.values())
    n = max(1, len(records))

    def missing(field_name):
        return round(sum(1 for r in records if not r.get(field_name)) / n, 3)

    placeholder_texts = ("01.01.1900", "1900-01-01", "1.1.00")
    placeholders = sum(1 for r in records if (r.get("birth_date") or "").startswith(placeholder_texts))
    persons = max(1, len(w.persons))
    return {
        "records": len(records), "persons": len(w.persons),
        "persons_held_twice": round(sum(1 for p in w.persons if len(p.record_ids) == 2) / persons, 3),
        "persons_held_three_times": round(sum(1 for p in w.persons if len(p.record_ids) == 3) / persons, 3),
        "birth_date_missing": missing("birth_date"), "birth_date_placeholder": round(placeholders / n, 3),
        "email_missing": missing("email"), "mobile_missing": missing("mobile_phone"),
        "street_missing": missing("street"),
        "company_records": round(sum(1 for r in records if r.get("company")) / n, 3),
    }


def build(n_customers: int, n_leads: int, seed: int = 1) -> EvalSet:
    return build_world(n_customers, n_leads, seed)[1]


def build_world(n_customers, n_leads, seed=1):
    """The latent world and the set built from it (tests look behind the set through the world)."""
    w = World(seed)
    build_master(w, n_customers)
    build_pools(w)
    plan = scenario_plan(n_leads, w.rng)
    leads = [SCENARIOS[name](w) for name in plan]
    notes = {
        "generator": "bench.eval_sets.fourth_world", "provenance": "written blind from a brief",
        "seed": seed, "n_customers": n_customers, "n_leads": n_leads, "reference_date": REFERENCE_DATE.isoformat(),
        "scenario_shares_percent": dict(SCENARIO_SHARES),
        "returning_percent": sum(s for name, s in SCENARIO_SHARES if name.startswith("returning_")),
        "new_percent": sum(s for name, s in SCENARIO_SHARES if name.startswith("new_")),
        "region_shares_percent": {key: region["share"] for key, region in D.REGIONS.items()},
        "records_per_person_percent": dict(RECORDS_PER_PERSON),
        "master": master_rates(w),
        "variants": {name: dict(sorted(counter.items())) for name, counter in sorted(w.variants.items())},
    }
    dataset = EvalSet(name=f"fourth_world_{n_customers}_{n_leads}_s{seed}", customers=w.customers, leads=leads,
                      kind="lead_vs_master", notes=notes)
    return w, dataset


def scenario_counts(dataset) -> collections.Counter:
    return collections.Counter(lead.scenario for lead in dataset.leads)
