"""A third evaluation world for the duplicate check: a German dealer group's DMS export and the leads that reach it.

    build(n_customers, n_leads, seed=1) -> EvalSet      name f"third_world_{n_customers}_{n_leads}_s{seed}"

Datasheet
---------
Provenance. Written from a brief and general knowledge WITHOUT looking at the duplicate check (the matcher, its
evaluation, its tests, the project's other generator): nobody can have tuned the matcher to this set, nor this set
to the matcher. Name, place and contact lists are in third_world_data.py. Deterministic for a seed (one
random.Random(seed); no set is iterated, no date is taken from today: ages are counted to mid-2024).

World. A dealer group with branches in North Rhine-Westphalia (35 % of the German customers), Bavaria (20),
Hesse (18), Berlin (10), Saxony (8), Hamburg (7) and border towns (Trier, Saarbrücken, Konstanz, Lörrach); 85.5 %
of customers live in Germany, 8 % in Switzerland, 5 % in Austria, 1.5 % in the Netherlands and Luxembourg.
Real postcode/town pairs and area codes (roughly right). People's origins follow the country: in Germany about
71 % German (surnames Zipf-like: Müller, Schmidt, Schneider ... about 1 % each, then a long tail of compound
names like Westerkamp or Holzkötter, and about 1 % nobility: von Hagen, von der Heide, Freiherr von Hövel),
8 % Turkish, 5.5 % Russian/Ukrainian (a third with German surnames; first names in German, English or
Ukrainian transliteration: Sergej/Sergei/Serhij), 5 % Polish, 3.5 % Italian and Arabic each, 2 % Greek,
1 % Dutch; Swiss, Austrian, Kosovar/Bosnian, Dutch and Luxembourgish/Portuguese names abroad. Women's
forms where a language has them (Iwanowa, Kowalska, Papadopoulou); double first names (Hans-Peter,
Anna-Lena); married women with the husband's name (75 %), a double name in either order (9 %) or their own.
Households: singles (42 %), couples (26 %), families with adult children (13 %), a father and son or mother
and daughter with the same first name living together (junior/senior, 5 %), flat shares with different
surnames (4 %), a parent with an adult child (3 %), companies (7 %: GmbH, GmbH & Co. KG, e.K., UG, AG ... with
a contact person). A household may share a landline and a family e-mail (familie.mueller@t-online.de,
muellers@web.de, hans.und.petra@gmx.de). Not every member of a household is a customer: those who are not
come back as new people.

Master habits (customers, ids "k0000001" ..., in random order). 10 % of names in capitals (the surname, or
both names); streets as "Hauptstr. 12", "Hauptstraße 12a", "Haupt-Str. 12 A", "Hauptstrasse 12-14" (Austria
with staircase/door "45/2/14", Luxembourg number first); leading zeros of Saxon postcodes lost in 15 % of
their records; town with district ("Köln-Ehrenfeld", "Frankfurt a.M.") sometimes; country empty, "D", "DE",
"Deutschland", "CH", "Schweiz", "A", "AT", "Österreich", "NL", "L", "LU" ...; birth date on 70 % of private
records, ISO or dd.mm.yyyy or d.m.yyyy, and a placeholder ("01.01.1900", "1900-01-01") on about 1 %; phones in
many spellings ("0221 / 1234567", "+49 (0)221 1234567", "0049221123456", "0171-1234567", "+41 44 123 45 67"),
about 3 % invalid (a digit too few or too many) and kept as typed; e-mails at gmx.de, web.de, t-online.de,
gmail.com/googlemail.com, outlook.de, icloud.com, bluewin.ch, gmx.at, ... and employers' domains; jun./sen./d. J.
written into a name on a quarter of junior/senior records; 3 % of persons entered twice (other spelling,
old address, fields missing): both ids are in such a person's truth. Missing values: None, or "" (an export).

Leads. 60 % returning customers, 40 % new people, in exact shares (SCENARIOS, in percent of leads):
  returning (60): exact_repeat 4.5 (a record's own strings), new_email 3, new_mobile 2.5, moved 4 (same town or
    another), two_fields_changed 2.5, typo_first_name 2, typo_last_name 2.5, typo_street 2, typo_email 2 (local
    part), typo_postcode 1.5 (QWERTZ neighbour, dropped/doubled letter, swapped letters; digit or swapped digits),
    gmail_variant 1.5 (dots, case, googlemail/gmail), married_name 2 (new name or double name either order),
    double_surname 1 (order swapped, one part), name_swap 1.5, nickname 2.5 (Hans/Johannes, Uli/Ulrich,
    Steffi/Stefanie, Jupp/Josef, Kostas/Konstantinos ...), transliteration 2 (Sergej/Sergei/Serhij,
    Mohammed/Muhammad, Iwanow/Ivanov, Yıldız/Yildiz, Wiśniewska/Wisniewska, Al-Hassan/El-Hassan),
    umlaut_spelling 2.5 (ae/oe/ue/ss or stripped, or the umlaut back where the clerk typed ae), title_noise 2
    ("Dr. Thomas", "Prof. Dr. Müller", "Herr" as first name, Dipl.-Kfm.), birth_date_typo 1.5 (digit, day/month
    swapped, "12.03.80"), surname_phone_only 2, email_only 2, phone_national_ch_at 1, company_contact 1.5
    (company name spelled otherwise, contact, info@ or direct line), phonetic_spelling 1.5 (Meier/Mayer,
    Seifert/Seyfert, heard on the phone), full_name_one_field 1, name_particle 0.5 (von/v./dropped, van der/vd,
    De Luca/de Luca, D'Angelo/D Angelo), double_first_name 1 (Hans-Peter/Hans Peter/Hans), junior_senior 1.5
    (both generations are customers; the lead carries the one's birth date, mobile or e-mail),
    household_shared_contact 1.5 (first name plus the family's landline or e-mail, others in the household are
    customers), held_twice 2 (a person with two records: truth names both), noisy_input 1.5 (heavy noise);
  new (40): brand_new 17, household_member 5 (same address, family landline/e-mail, another first name),
    junior_senior 3 (same first and last name and address, the other generation, birth date absent 70 %),
    namesake_elsewhere 5, namesake_same_town 3, flat_mate 2.5 (same address, another surname),
    neighbour_same_building 2, recycled_mobile 1 (a customer's old mobile number, now someone else's),
    company 1.5 (a company not in the master).
A scenario that finds no suitable customer (tiny masters) falls back to exact_repeat or brand_new; notes
["fallbacks"] counts those (none at 10,000 customers and up).
Channels: dealer web form (all keys, "" when empty), portal (mobile.de/AutoScout24 style: names, e-mail,
phone, sometimes postcode), showroom walk-in typed by a salesperson (full record, birth date sometimes),
phone note (surname, phone, maybe first name and town; names written as heard), e-mail enquiry, Facebook lead
ad (phones +49...). Light input noise on every lead but exact repeats: spaces before/after values, all
lowercase or capitals, country as "DE"/"Deutschland"/"Germany"/"D"/"CH"/"Schweiz"/"AT"/"Österreich"...
A returning lead always shares with one of its customer's records at least one e-mail, phone, address or
birth date (before the scenario's typo is made), so it can be found. `related` holds the customers a lead
could plausibly be taken for: the household's other customers, everyone at the same building, customers with
the same first and last name anywhere, the junior/senior, the former owner of a reused mobile number.
Each lead is checked against the master alone (leads do not enter the master).
"""
import bisect
import random
import unicodedata
from collections import Counter
from datetime import date, timedelta

from bench.eval_sets import PERSON_FIELDS, EvalLead, EvalSet
from bench.eval_sets import third_world_data as D

REF_YEAR = 2024          # ages are counted to mid-2024, never to today

# percent of leads; "returning_*" leads have truth, "new_*" leads do not
SCENARIOS = {
    "returning_exact_repeat": 4.5, "returning_new_email": 3.0, "returning_new_mobile": 2.5, "returning_moved": 4.0,
    "returning_two_fields_changed": 2.5, "returning_typo_first_name": 2.0, "returning_typo_last_name": 2.5,
    "returning_typo_street": 2.0, "returning_typo_email": 2.0, "returning_typo_postcode": 1.5,
    "returning_gmail_variant": 1.5, "returning_married_name": 2.0, "returning_double_surname": 1.0,
    "returning_name_swap": 1.5, "returning_nickname": 2.5, "returning_transliteration": 2.0,
    "returning_umlaut_spelling": 2.5, "returning_title_noise": 2.0, "returning_birth_date_typo": 1.5,
    "returning_surname_phone_only": 2.0, "returning_email_only": 2.0, "returning_phone_national_ch_at": 1.0,
    "returning_company_contact": 1.5, "returning_phonetic_spelling": 1.5, "returning_full_name_one_field": 1.0,
    "returning_name_particle": 0.5, "returning_double_first_name": 1.0, "returning_junior_senior": 1.5,
    "returning_household_shared_contact": 1.5, "returning_held_twice": 2.0, "returning_noisy_input": 1.5,
    "new_brand_new": 17.0, "new_household_member": 5.0, "new_junior_senior": 3.0, "new_namesake_elsewhere": 5.0,
    "new_namesake_same_town": 3.0, "new_flat_mate": 2.5, "new_neighbour_same_building": 2.0,
    "new_recycled_mobile": 1.0, "new_company": 1.5,
}
NEW_PERSON_SCENARIOS = tuple(name for name in SCENARIOS if name.startswith("new_"))

HOUSEHOLD_KINDS = (("single", 42), ("couple", 26), ("family", 13), ("junior_senior", 5), ("flat_share", 4),
                   ("parent_child", 3), ("company", 7))
CHANNELS = {   # probability that a channel carries a field; "missing": how it writes a field it lacks
    "web_form": dict(w=30, sal=.8, first=1., email=.95, mobile=.75, landline=.3, street=.45, postcode=.6, city=.6,
                     birth=.04, country=.3, title=.1, missing="form"),
    "portal": dict(w=24, sal=.5, first=1., email=.93, mobile=.55, landline=.08, street=0., postcode=.35, city=.35,
                   birth=0., country=.15, title=0., missing="absent"),
    "walk_in": dict(w=14, sal=.95, first=1., email=.7, mobile=.75, landline=.45, street=.95, postcode=.97, city=.97,
                    birth=.35, country=.5, title=.8, missing="none"),
    "phone_note": dict(w=10, sal=.6, first=.7, email=.15, mobile=.7, landline=.3, street=0., postcode=.1, city=.3,
                       birth=0., country=0., title=0., missing="absent"),
    "email_inquiry": dict(w=13, sal=.3, first=.85, email=1., mobile=.35, landline=.12, street=.1, postcode=.15,
                          city=.15, birth=0., country=.05, title=0., missing="absent"),
    "facebook": dict(w=9, sal=0., first=1., email=1., mobile=.92, landline=0., street=0., postcode=.2, city=.25,
                     birth=0., country=.1, title=0., missing="some_empty"),
}


# ---------------------------------------------------------------- small tools

class Weighted:
    """Draws items by weight in O(log n)."""
    __slots__ = ("items", "cum")

    def __init__(self, pairs):
        self.items, self.cum, total = [], [], 0.0
        for item, weight in pairs:
            total += weight
            self.items.append(item)
            self.cum.append(total)

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _split(text):
    return [part.strip() for part in text.split(";") if part.strip()]


def _zipf(names, offset):
    return Weighted((name, 1.0 / (rank + offset)) for rank, name in enumerate(names, 1))


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ł": "l", "đ": "d", "æ": "ae", "ø": "o"})
_AE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_STRIP = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})
_GERMAN_KEYBOARD = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ç": "c", "Ç": "C", "ğ": "g", "ł": "l",
                                  "Ł": "L", "ś": "s", "Ś": "S", "ż": "z", "Ż": "Z", "ź": "z", "ą": "a", "ę": "e",
                                  "ć": "c", "ń": "n", "ó": "o", "č": "c", "ć": "c", "đ": "dj", "Đ": "Dj", "ž": "z",
                                  "š": "s", "é": "e", "ç": "c"})


def fold(text: str) -> str:
    """Lower case letters only, umlauts as ae/oe/ue, accents dropped: the key of a name in this module's indexes."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(ch for ch in text if "a" <= ch <= "z")


def german_typed(text: str) -> str:
    """What a German keyboard makes of a Turkish, Polish or Balkan name (ö and ü stay, ş and ł do not)."""
    return text.translate(_GERMAN_KEYBOARD)


def _pairs(digits: str) -> str:
    return " ".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def has_umlaut(text: str) -> bool:
    return any(ch in "äöüÄÖÜß" for ch in text)


_KEY_ROWS = ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm")
_NEIGHBOURS = {}
for _r, _row in enumerate(_KEY_ROWS):
    for _i, _ch in enumerate(_row):
        near = []
        for rr, ii in ((_r, _i - 1), (_r, _i + 1), (_r - 1, _i), (_r - 1, _i + 1), (_r + 1, _i - 1), (_r + 1, _i)):
            if 0 <= rr < len(_KEY_ROWS) and 0 <= ii < len(_KEY_ROWS[rr]):
                near.append(_KEY_ROWS[rr][ii])
        _NEIGHBOURS[_ch] = "".join(near)


def typo(text: str, rng, kinds=("neighbour", "drop", "double", "transpose")) -> str:
    """One typing slip in a word: a QWERTZ neighbour key, a dropped or doubled letter, two letters swapped."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text
    for _ in range(20):
        inner = [i for i in letters if i > 0] if rng.random() < 0.85 else letters
        i = rng.choice(inner)
        kind = rng.choice(kinds)
        ch = text[i]
        if kind == "neighbour":
            near = _NEIGHBOURS.get(ch.lower(), "")
            near = [c for c in near if c.isalpha()]
            if not near:
                continue
            new = rng.choice(near)
            out = text[:i] + (new.upper() if ch.isupper() else new) + text[i + 1:]
        elif kind == "drop":
            out = text[:i] + text[i + 1:]
        elif kind == "double":
            out = text[:i] + ch + text[i:] if i else text[:1] + (ch if text.isupper() else ch.lower()) + text[1:]
        else:
            if i + 1 >= len(text) or not text[i + 1].isalpha() or text[i + 1].lower() == ch.lower():
                continue
            a, b = text[i + 1], ch
            if i == 0 and ch.isupper() and not text.isupper():
                a, b = a.upper(), b.lower()
            out = text[:i] + a + b + text[i + 2:]
        if fold(out) != fold(text):
            return out
    return text


def _group_map(groups):
    """name -> the other names of its groups (a name may sit in several)."""
    out = {}
    for group in groups:
        names = _split(group)
        for name in names:
            alts = out.setdefault(name, [])
            alts.extend(other for other in names if other != name and other not in alts)
    return out


NICK = _group_map(D.NICKNAMES)
TRANS_FIRST = _group_map(D.TRANSLIT_FIRST)
TRANS_LAST = _group_map(D.TRANSLIT_LAST)
PHONETIC = _group_map(D.PHONETIC)
_TRANS_FIRST_GROUPS = {}
for _group in D.TRANSLIT_FIRST:
    for _name in _split(_group):
        _TRANS_FIRST_GROUPS.setdefault(_name, _split(_group))

SURNAMES = {origin: _split(text) for origin, text in D.SURNAMES.items()}
SURNAME_PICK = {origin: _zipf(names, 12 if origin == "german" else 4) for origin, names in SURNAMES.items()}
FIRST_PICK = {key: _zipf(_split(text), 5) for key, text in D.FIRST_NAMES.items()}
HEADS, TAILS = _split(D.SURNAME_HEADS), _split(D.SURNAME_TAILS)
NOBLE = _split(D.NOBLE_SURNAMES)
STREETS = {cc: _split(text) for cc, text in D.STREETS.items()}
BUSINESS_STREETS = {cc: _split(text) for cc, text in D.BUSINESS_STREETS.items()}
ORIGIN_PICK = {cc: Weighted(shares.items()) for cc, shares in D.ORIGINS.items()}
DOMAIN_PICK = {cc: Weighted(shares.items()) for cc, shares in D.EMAIL_DOMAINS.items()}
TITLE_PICK = Weighted(D.TITLES)
LEGAL_PICK = {cc: Weighted(forms) for cc, forms in D.LEGAL_FORMS.items()}
HOUSEHOLD_PICK = Weighted(HOUSEHOLD_KINDS)
CHANNEL_PICK = Weighted((name, spec["w"]) for name, spec in CHANNELS.items())


class City:
    __slots__ = ("cc", "region", "name", "area", "postcodes")

    def __init__(self, cc, region, name, area, postcodes):
        self.cc, self.region, self.name, self.area, self.postcodes = cc, region, name, area, postcodes.split()


CITIES = [City(cc, region, name, area, codes) for cc, region, name, area, _w, codes in D.CITIES]
_CITY_W = {(c.cc, c.region, c.name): w for (c, (_a, _b, _n, _ar, w, _p)) in zip(CITIES, D.CITIES)}
CITY_BY_REGION = {}
for _c in CITIES:
    CITY_BY_REGION.setdefault((_c.cc, _c.region if _c.cc == "DE" else "*"), []).append(_c)
CITY_PICK = {key: Weighted((c, _CITY_W[(c.cc, c.region, c.name)]) for c in cities)
             for key, cities in CITY_BY_REGION.items()}
COUNTRY_PICK = Weighted(D.COUNTRY_SHARE.items())
DE_REGION_PICK = Weighted(D.DE_REGION_SHARE.items())
DISTRICTS = {"Köln": "Ehrenfeld;Nippes;Lindenthal;Sülz;Deutz;Kalk;Porz;Mülheim;Rodenkirchen;Chorweiler",
             "Berlin": "Charlottenburg;Neukölln;Kreuzberg;Pankow;Spandau;Steglitz;Prenzlauer Berg;Tempelhof",
             "München": "Schwabing;Pasing;Bogenhausen;Sendling;Giesing;Haidhausen",
             "Hamburg": "Altona;Eimsbüttel;Wandsbek;Harburg;Barmbek;Bergedorf",
             "Frankfurt am Main": "Sachsenhausen;Bockenheim;Bornheim;Höchst;Nordend",
             "Düsseldorf": "Bilk;Oberkassel;Benrath;Gerresheim;Pempelfort",
             "Dortmund": "Hörde;Aplerbeck;Huckarde;Eving", "Essen": "Rüttenscheid;Steele;Kettwig;Borbeck",
             "Leipzig": "Gohlis;Connewitz;Plagwitz;Grünau", "Dresden": "Neustadt;Blasewitz;Striesen;Pieschen"}
DISTRICTS = {city: _split(text) for city, text in DISTRICTS.items()}
CITY_SHORT = {"Frankfurt am Main": ("Frankfurt", "Frankfurt/Main", "Frankfurt a.M.", "Ffm"),
              "Offenbach am Main": ("Offenbach", "Offenbach a.M."), "Mülheim an der Ruhr": ("Mülheim", "Mülheim a.d. Ruhr"),
              "Bad Homburg vor der Höhe": ("Bad Homburg", "Bad Homburg v.d.H."), "Rüsselsheim am Main": ("Rüsselsheim",),
              "Emmerich am Rhein": ("Emmerich",), "Gronau (Westf.)": ("Gronau",), "Braunau am Inn": ("Braunau",),
              "St. Gallen": ("St.Gallen", "Sankt Gallen"), "Köln": ("Cologne",), "München": ("Munich",),
              "Esch-sur-Alzette": ("Esch/Alzette", "Esch")}
COUNTRY_NAMES = {   # (as a clerk writes it, weight) / (as a sender writes it, weight)
    "master": {"DE": ((None, 45), ("DE", 25), ("D", 15), ("Deutschland", 15)),
               "CH": (("CH", 60), ("Schweiz", 32), (None, 8)), "AT": (("AT", 45), ("A", 25), ("Österreich", 25), (None, 5)),
               "NL": (("NL", 70), ("Niederlande", 30)), "LU": (("LU", 50), ("L", 30), ("Luxemburg", 20))},
    "lead": {"DE": (("DE", 35), ("Deutschland", 35), ("Germany", 12), ("D", 8), ("de", 5), ("DEU", 5)),
             "CH": (("CH", 45), ("Schweiz", 35), ("Switzerland", 15), ("ch", 5)),
             "AT": (("AT", 40), ("Österreich", 35), ("Austria", 10), ("A", 10), ("Oesterreich", 5)),
             "NL": (("NL", 50), ("Niederlande", 25), ("Nederland", 15), ("Netherlands", 10)),
             "LU": (("LU", 50), ("Luxemburg", 30), ("Luxembourg", 20))},
}
COUNTRY_PICKS = {kind: {cc: Weighted(pairs) for cc, pairs in table.items()} for kind, table in COUNTRY_NAMES.items()}
PLACEHOLDER_DATES = ("01.01.1900", "1900-01-01", "1.1.1900", "01.01.1901", "11.11.1911")
JS_MARKS = {"jun": (" jun.", " jr.", " junior", " d. J.", " (jun.)", " Jun."),
            "sen": (" sen.", " sr.", " senior", " d. Ä.", " (sen.)", " Sen.")}


# ---------------------------------------------------------------- the world's things

class Addr:
    __slots__ = ("street", "no", "suffix", "upto", "door", "postcode", "city", "key", "building")

    def __init__(self, street, no, suffix, upto, door, postcode, city):
        self.street, self.no, self.suffix, self.upto, self.door = street, no, suffix, upto, door
        self.postcode, self.city = postcode, city
        self.building = (city.cc, postcode, street, no, suffix)
        self.key = self.building + (door,)


class Household:
    __slots__ = ("hid", "kind", "addr", "landline", "fam_email", "members")

    def __init__(self, hid, kind, addr):
        self.hid, self.kind, self.addr = hid, kind, addr
        self.landline = self.fam_email = None
        self.members = []


class Company:
    __slots__ = ("name", "core", "form", "domain", "phone", "info")

    def __init__(self, name, core, form, domain, phone, info):
        self.name, self.core, self.form, self.domain, self.phone, self.info = name, core, form, domain, phone, info


class Person:
    __slots__ = ("pid", "hh", "gender", "origin", "first", "last", "last_base", "fem", "birth", "title", "mobile",
                 "email", "work", "maiden", "gen", "company", "ids", "in_master", "old_addr", "native")

    def __init__(self, pid, hh, gender, origin):
        self.pid, self.hh, self.gender, self.origin = pid, hh, gender, origin
        self.first = self.last = self.last_base = self.maiden = self.title = self.gen = None
        self.fem = False
        self.birth = self.mobile = self.email = self.work = self.company = self.old_addr = None
        self.ids = []
        self.in_master = False
        self.native = False


def name_key(first, last):
    return fold(first or "") + "|" + fold(last or "")


def female_form(last, origin):
    """Iwanow -> Iwanowa, Kowalski -> Kowalska, Papadopoulos -> Papadopoulou; other names stay."""
    if origin == "russian":
        for end in ("ow", "ov", "ew", "ev", "in"):
            if last.endswith(end):
                return last + "a"
        return last
    if origin == "polish":
        for end, fem in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if last.endswith(end):
                return last[:-len(end)] + fem
        return last
    if origin == "greek":
        for end, fem in (("poulos", "poulou"), ("pulos", "pulu"), ("idis", "idou"), ("ides", "idou"), ("akis", "aki"),
                         ("is", "i"), ("os", "ou"), ("as", "a")):
            if last.endswith(end):
                return last[:-len(end)] + fem
    return last


# ---------------------------------------------------------------- the generator

class _World:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.persons, self.households = [], []
        self.used_emails, self.used_phones = set(), set()
        self.customers, self.anchors, self.owner = {}, {}, {}
        self.pools = {}

    # ---------- places and contact details

    def pick_city(self, cc=None, region=None):
        r = self.r
        cc = cc or COUNTRY_PICK.pick(r)
        if cc == "DE":
            return CITY_PICK[("DE", region or DE_REGION_PICK.pick(r))].pick(r)
        return CITY_PICK[(cc, "*")].pick(r)

    def new_addr(self, city, business=False, street=None, postcode=None):
        r = self.r
        cc = city.cc
        street = street or r.choice((BUSINESS_STREETS if business else STREETS)[cc])
        no = int(r.triangular(1, 140, 4))
        suffix = r.choice("abcd") if r.random() < 0.07 else ""
        upto = no + r.choice((1, 2, 2, 4)) if not suffix and r.random() < 0.025 else None
        door = ""
        if cc == "AT" and not business and r.random() < 0.45:
            door = f"/{r.randint(1, 4)}/{r.randint(1, 24)}" if r.random() < 0.5 else f"/{r.randint(1, 30)}"
        if postcode is None:
            postcode = r.choice(city.postcodes)
            if cc == "NL":
                postcode = f"{postcode} {r.choice('BCDEGHJKLMNPRTVWXZ')}{r.choice('ABCDEGHJKLMNPRSTVWXZ')}"
        return Addr(street, no, suffix, upto, door, postcode, city)

    def _unique_phone(self, cc, ndc, length, first_digits="23456789"):
        r = self.r
        while True:
            sub = r.choice(first_digits) + str(r.randrange(10 ** (length - 1))).zfill(length - 1)
            key = (cc, ndc, sub)
            if key not in self.used_phones:
                self.used_phones.add(key)
                return key

    def new_landline(self, city):
        r, cc = self.r, city.cc
        code = D.COUNTRY_CODE[cc]
        ndc = city.area[1:] if city.area else ""
        if cc == "DE":
            length = max(5, r.choice((10, 10, 11)) - len(ndc))
        elif cc in ("CH", "NL"):
            length = 7
        elif cc == "AT":
            length = 7 if ndc == "1" else r.choice((5, 6, 6, 7))
        else:
            length = r.choice((6, 8))
        return self._unique_phone(code, ndc, length)

    def new_mobile(self, cc):
        ndc, length = self.r.choice(D.MOBILE_PREFIXES[cc])
        return self._unique_phone(D.COUNTRY_CODE[cc], ndc, length, "0123456789" if cc == "DE" else "123456789")

    def _mailbox(self, email):
        local, _, domain = email.lower().partition("@")
        if domain in ("gmail.com", "googlemail.com"):
            return local.replace(".", "") + "@gmail.com"
        return local + "@" + domain

    def claim_email(self, local, domain):
        r = self.r
        email = f"{local}@{domain}"
        tries = 0
        while self._mailbox(email) in self.used_emails or len(local) < 2:
            tries += 1
            extra = str(r.randint(1, 99)) if tries < 5 else str(r.randint(100, 99999))
            email = f"{local}{extra}@{domain}"
        self.used_emails.add(self._mailbox(email))
        return email

    def email_name(self, name, allow_hyphen=True):
        r = self.r
        name = name.lower()
        for rank in ("freiherr ", "freifrau ", "graf ", "gräfin "):
            name = name.replace(rank, "")
        name = name.translate(_AE if r.random() < 0.8 else _STRIP)
        name = unicodedata.normalize("NFKD", german_typed(name))
        keep = "-" if allow_hyphen and r.random() < 0.3 else ""
        return "".join(ch for ch in name if "a" <= ch <= "z" or "0" <= ch <= "9" or ch in keep).strip("-")

    def make_email(self, first, last, birth, cc, domain=None):
        r = self.r
        f, l = self.email_name(first), self.email_name(last)
        yy = f"{birth.year % 100:02d}" if birth else str(r.randint(10, 99))
        n = str(r.randint(1, 999))
        kind = r.random()
        if kind < 0.30:
            local = f"{f}.{l}"
        elif kind < 0.38:
            local = f"{f}{l}"
        elif kind < 0.47:
            local = f"{f[:1]}.{l}"
        elif kind < 0.52:
            local = f"{l}.{f}"
        elif kind < 0.60:
            local = f"{f}.{l}{yy}"
        elif kind < 0.66:
            local = f"{f}{yy}"
        elif kind < 0.70:
            local = f"{l}{yy}"
        elif kind < 0.75:
            local = f"{f}{l}{n}"
        elif kind < 0.79:
            local = f"{f}.{l}{n}"
        elif kind < 0.83:
            local = f"{f[:1]}{l}"
        elif kind < 0.86:
            local = f"{f}_{l}"
        elif kind < 0.88:
            local = f"{f}-{l}"
        elif kind < 0.90:
            local = f"{l}.{f[:1]}"
        else:
            local = r.choice(D.HOBBY_WORDS) + r.choice(("", ".", "_")) + str(r.randint(1, 9999))
        return self.claim_email(local, domain or DOMAIN_PICK[cc].pick(r))

    def family_email(self, hh):
        r = self.r
        cc = hh.addr.city.cc
        adults = hh.members
        l = self.email_name(adults[0].last.split("-")[0], allow_hyphen=False)
        kind = r.random()
        if kind < 0.25:
            local = f"familie.{l}"
        elif kind < 0.40:
            local = f"fam.{l}"
        elif kind < 0.60:
            local = f"{l}s"
        elif kind < 0.70:
            local = f"{l}.familie"
        elif kind < 0.75:
            local = f"{l}-family"
        elif len(adults) > 1:
            f1, f2 = self.email_name(adults[0].first, False), self.email_name(adults[1].first, False)
            local = r.choice((f"{f1}.und.{f2}", f"{f1}und{f2}", f"{f1}.{f2}.{l}", f"{f1}-{f2}"))
        else:
            local = f"familie{l}"
        return self.claim_email(local, r.choice(D.FAMILY_EMAIL_DOMAINS[cc]))

    # ---------- people

    def pick_last(self, origin, gender):
        r = self.r
        if origin == "german":
            x = r.random()
            if x < 0.01:
                base = r.choice(NOBLE)
                if r.random() < 0.25:
                    base = f"{r.choice(D.NOBLE_RANKS[gender])} {base}"
                return base, False
            if x < 0.50:
                while True:
                    head, tail = r.choice(HEADS), r.choice(TAILS)
                    if not tail.startswith(head.lower()[:3]) and not head.lower().endswith(tail[:2]):
                        return head + tail, False
            return SURNAME_PICK["german"].pick(r), False
        if origin == "russian" and r.random() < 0.35:
            return SURNAME_PICK["german"].pick(r), False
        base = SURNAME_PICK[origin].pick(r)
        return base, gender == "f" and origin in ("russian", "polish", "greek")

    def pick_first(self, origin, gender, year):
        r = self.r
        if origin == "german":
            cohort = "old" if year < 1965 else "mid" if year < 1985 else "young"
            return FIRST_PICK[("german", gender, cohort)].pick(r)
        name = FIRST_PICK[(origin, gender)].pick(r)
        group = _TRANS_FIRST_GROUPS.get(name)
        if group and origin in ("russian", "arabic"):
            if origin == "russian" and (year < 1975 or r.random() < 0.5):
                return group[0]
            return group[0] if r.random() < 0.5 else r.choice(group)
        return name

    def new_person(self, hh, origin, gender, year, first=None, last=None, fem=None):
        r = self.r
        p = Person(len(self.persons), hh.hid, gender, origin)
        self.persons.append(p)
        hh.members.append(p)
        p.birth = date(year, 1, 1) + timedelta(days=r.randrange(365))
        p.first = first or self.pick_first(origin, gender, year)
        if last is None:
            base, fem = self.pick_last(origin, gender)
            p.last_base, p.fem = base, fem
            p.last = female_form(base, origin) if fem else base
        else:
            p.last_base, p.fem = last, bool(fem)
            p.last = female_form(last, origin) if fem else last
        p.native = r.random() < 0.35
        if REF_YEAR - year > 30 and r.random() < 0.025:
            p.title = TITLE_PICK.pick(r)
        cc = hh.addr.city.cc
        if r.random() < (0.6 if year < 1950 else 0.9):
            p.mobile = self.new_mobile(cc)
        if r.random() < (0.55 if year < 1950 else 0.84):
            if r.random() < 0.04:
                p.email = self.make_email(p.first, p.last, p.birth, cc, r.choice(D.EMPLOYER_DOMAINS[cc]))
            else:
                p.email = self.make_email(p.first, p.last, p.birth, cc)
        if r.random() < 0.08:
            p.work = self.new_landline(self.pick_city(cc))
        return p

    def country_origin(self, cc):
        return ORIGIN_PICK[cc].pick(self.r)

    def new_household(self, kind, city=None, addr=None):
        hh = Household(len(self.households), kind, addr or self.new_addr(city or self.pick_city(), kind == "company"))
        self.households.append(hh)
        return hh

    def marry(self, hh, man, origin, year):
        """A woman living with `man`: his name (75 %), a double name (9 %) or her own."""
        r = self.r
        w_origin = origin if r.random() < 0.88 else self.country_origin(hh.addr.city.cc)
        maiden, maiden_fem = self.pick_last(w_origin, "f")
        maiden = female_form(maiden, w_origin) if maiden_fem else maiden
        x = r.random()
        if x < 0.75:
            w = self.new_person(hh, w_origin, "f", year, last=man.last_base, fem=origin in ("russian", "polish", "greek"))
            w.origin = w_origin
            if origin != w_origin and origin in ("russian", "polish", "greek"):
                w.last = female_form(man.last_base, origin)
            w.maiden = maiden
        elif x < 0.84 and " " not in man.last and " " not in maiden:
            double = f"{man.last}-{maiden}" if r.random() < 0.5 else f"{maiden}-{man.last}"
            w = self.new_person(hh, w_origin, "f", year, last=double)
            w.maiden = maiden
        else:
            w = self.new_person(hh, w_origin, "f", year, last=maiden)
        return w

    def make_household(self):
        r = self.r
        kind = HOUSEHOLD_PICK.pick(r)
        city = self.pick_city()
        cc = city.cc
        if kind == "flat_share" and city.name not in ("Köln", "Berlin", "Hamburg", "München", "Frankfurt am Main",
                                                      "Leipzig", "Dresden", "Münster", "Aachen", "Bonn", "Zürich", "Wien",
                                                      "Bochum", "Darmstadt", "Würzburg", "Basel", "Bern", "Graz"):
            city = self.pick_city(cc)
        hh = self.new_household(kind, city)
        origin = self.country_origin(cc)
        landline_p = 0.30
        if kind == "single":
            g = "m" if r.random() < 0.55 else "f"
            p = self.new_person(hh, origin, g, r.randint(1938, 2005))
            p.in_master = True
        elif kind in ("couple", "family"):
            year = r.randint(1942, 1996) if kind == "couple" else r.randint(1945, 1978)
            man = self.new_person(hh, origin, "m", year)
            woman = self.marry(hh, man, origin, min(2005, year + r.randint(-3, 6)))
            first, second = (man, woman) if r.random() < 0.6 else (woman, man)
            first.in_master, second.in_master = True, r.random() < 0.5
            landline_p = 0.6
            if kind == "family":
                for _ in range(r.choice((1, 1, 2))):
                    child_year = woman.birth.year + r.randint(22, 36)
                    if child_year > REF_YEAR - 18:
                        continue
                    g = "m" if r.random() < 0.5 else "f"
                    c = self.new_person(hh, origin, g, child_year, last=man.last_base,
                                        fem=g == "f" and origin in ("russian", "polish", "greek"))
                    c.in_master = r.random() < 0.3
        elif kind == "junior_senior":
            g = "m" if r.random() < 0.85 else "f"
            year = r.randint(1940, 1972)
            senior = self.new_person(hh, origin, g, year)
            junior = self.new_person(hh, origin, g, min(REF_YEAR - 19, year + r.randint(22, 36)), first=senior.first,
                                     last=senior.last_base, fem=senior.fem)
            senior.gen, junior.gen = "sen", "jun"
            first, second = (senior, junior) if r.random() < 0.5 else (junior, senior)
            first.in_master, second.in_master = True, r.random() < 0.65
            if r.random() < 0.5:
                if g == "m":
                    spouse = self.marry(hh, senior, origin, year + r.randint(-3, 5))
                else:
                    spouse = self.new_person(hh, origin, "m", year - r.randint(0, 5), last=senior.last_base)
                spouse.in_master = r.random() < 0.25
            landline_p = 0.7
        elif kind == "flat_share":
            for i in range(r.choice((2, 2, 3, 3, 4))):
                p = self.new_person(hh, self.country_origin(cc), "m" if r.random() < 0.5 else "f", r.randint(1990, 2005))
                p.in_master = i == 0 or r.random() < 0.3
            landline_p = 0.1
        elif kind == "parent_child":
            g = "m" if r.random() < 0.35 else "f"
            parent = self.new_person(hh, origin, g, r.randint(1945, 1975))
            cg = "m" if r.random() < 0.5 else "f"
            child = self.new_person(hh, origin, cg, min(REF_YEAR - 18, parent.birth.year + r.randint(20, 38)),
                                    last=parent.last_base, fem=cg == "f" and origin in ("russian", "polish", "greek"))
            first, second = (parent, child) if r.random() < 0.6 else (child, parent)
            first.in_master, second.in_master = True, r.random() < 0.35
            landline_p = 0.45
        else:
            self.make_company(hh, origin)
            return hh
        if cc != "DE":
            landline_p *= 0.5
        if r.random() < landline_p:
            hh.landline = self.new_landline(city)
        if kind in ("couple", "family", "junior_senior") and r.random() < 0.18:
            hh.fam_email = self.family_email(hh)
        return hh

    def make_company(self, hh, origin):
        r = self.r
        cc = hh.addr.city.cc
        g = "m" if r.random() < 0.7 else "f"
        p = self.new_person(hh, origin, g, r.randint(1955, 1995))
        p.in_master = True
        form = LEGAL_PICK[cc].pick(r)
        owner = p.last if r.random() < 0.6 else self.pick_last(self.country_origin(cc), "m")[0]
        trade = r.choice(D.TRADES)
        x = r.random()
        if x < 0.45:
            core = f"{owner} {trade}"
        elif x < 0.65:
            core = f"{trade} {owner}"
        elif x < 0.80:
            other = self.pick_last(self.country_origin(cc), "m")[0]
            core = f"{owner} & {other}"
        elif x < 0.90:
            core = f"{trade} {hh.addr.city.name.split()[0].split('(')[0]}"
        else:
            core = f"{owner} & " + ("Söhne" if cc in ("DE", "AT", "CH") else "Zonen" if cc == "NL" else "Fils")
        name = f"{core} {form}"
        slug = self.email_name(core.replace("&", "und").replace(" ", "-"), allow_hyphen=True) or fold(owner)
        slug = "-".join(part for part in slug.split("-") if part)[:40]
        tld = {"DE": "de", "CH": "ch", "AT": "at", "NL": "nl", "LU": "lu"}[cc]
        domain = f"{slug}.{tld}"
        phone = self.new_landline(hh.addr.city)
        info = self.claim_email(r.choice(("info", "kontakt", "office", "mail", "buero")), domain)
        p.company = Company(name, core, form, domain, phone, info)
        f, l = self.email_name(p.first, False), self.email_name(p.last, False)
        p.email = self.claim_email(r.choice((f"{f}.{l}", f"{f[:1]}.{l}", f"{l}", f"{f}")), domain)
        p.work = (phone[0], phone[1], phone[2][:-1] + str(r.randint(10, 99)))
        hh.landline = phone

    # ---------- rendering: streets, phones, dates, names

    def street_name(self, name, cc, master):
        r = self.r
        low = name.lower()
        if cc in ("DE", "AT") and low.endswith("straße"):
            base = name[:-6]
            x = r.random()
            if base.endswith("-"):
                forms = ((base + "Straße", 45), (base + "Str.", 40), (base + "Strasse", 8),
                         (base.replace("-", " ") + "Str.", 4), (base[:1] + "." + base[base.find("-"):] + "Str.", 3))
            elif base.endswith(" "):
                forms = ((name, 45), (base + "Str.", 40), (base + "Strasse", 8), (base.strip() + "-Str.", 4),
                         (base + "Str", 3))
            else:
                forms = ((name, 42), (base + "str.", 38), (base + "strasse", 9), (base + "-Str.", 5), (base + "str", 3),
                         (base + " Str.", 3))
            total = sum(w for _f, w in forms)
            x *= total
            for form, w in forms:
                x -= w
                if x <= 0:
                    name = form
                    break
        elif low.endswith("strasse") and r.random() < 0.35:
            name = name[:-7] + ("str." if name[-7] == "s" else "Str.")
        elif low.endswith("straat") and r.random() < 0.2:
            name = name[:-6] + "str."
        elif low.endswith("platz") and r.random() < 0.2:
            name = name[:-5] + "pl."
        if cc == "LU" and r.random() < 0.5:
            name = name[:1].upper() + name[1:]
        if has_umlaut(name) and r.random() < (0.03 if master else 0.08):
            name = name.translate(_AE)
        return name

    def house_number(self, addr, master):
        r = self.r
        text = str(addr.no)
        if addr.suffix:
            text += r.choice((addr.suffix, addr.suffix, " " + addr.suffix, addr.suffix.upper(), " " + addr.suffix.upper()))
        if addr.upto:
            text += r.choice(("-", "-", " - ", "/")) + str(addr.upto)
        if addr.door and (master or r.random() < 0.6):
            text += addr.door
        return text

    def street_text(self, addr, master=True):
        name = self.street_name(addr.street, addr.city.cc, master)
        number = self.house_number(addr, master)
        if addr.city.cc == "LU" and self.r.random() < 0.6:
            return f"{number}, {name}" if self.r.random() < 0.6 else f"{number} {name}"
        return f"{name} {number}"

    def postcode_text(self, addr, master=True):
        r, cc, code = self.r, addr.city.cc, addr.postcode
        if cc == "DE":
            if master and code.startswith("0") and r.random() < 0.15:
                return code[1:]
            return f"D-{code}" if r.random() < 0.01 else code
        if cc == "CH":
            return f"CH-{code}" if r.random() < (0.15 if master else 0.1) else code
        if cc == "AT":
            return f"A-{code}" if r.random() < (0.2 if master else 0.1) else code
        if cc == "NL":
            x = r.random()
            return code if x < 0.65 else code.replace(" ", "") if x < 0.92 else code.replace(" ", "").lower()
        return f"L-{code}" if r.random() < 0.6 else code

    def city_text(self, addr, master=True):
        r, name = self.r, addr.city.name
        x = r.random()
        if name in DISTRICTS and x < 0.06:
            district = r.choice(DISTRICTS[name])
            return f"{name.split()[0]}-{district}" if r.random() < 0.6 else f"{name} ({district})"
        if name in CITY_SHORT and x < 0.35:
            options = [o for o in CITY_SHORT[name] if master is False or o not in ("Cologne", "Munich")]
            if options:
                return r.choice(options)
        if has_umlaut(name) and x > (0.97 if master else 0.93):
            return name.translate(_AE)
        return name

    def phone_text(self, ph, style):
        cc, ndc, sub = ph
        r = self.r
        national = ("0" + ndc) if cc != "352" and ndc else ndc
        if style == "national":
            if cc == "41" or (cc != "352" and r.random() < 0.12):
                grouped = f"{sub[:3]} {sub[3:5]} {sub[5:]}" if len(sub) == 7 else _pairs(sub)
                return f"{national} {grouped}".strip()
            if cc == "352":
                return sub if r.random() < 0.5 else _pairs(sub)
            return r.choice((f"{national} {sub}", f"{national} {sub}", f"{national}/{sub}", f"{national} / {sub}",
                             f"{national}-{sub}", f"{national}{sub}", f"({national}) {sub}"))
        if style == "intl" and not ndc:
            return r.choice((f"+{cc} {sub}", f"00{cc} {sub}", f"+{cc}{sub}", f"+{cc} {_pairs(sub)}"))
        if style == "intl":
            grouped = sub if len(sub) != 7 or r.random() < 0.5 else f"{sub[:3]} {sub[3:5]} {sub[5:]}"
            return r.choice((f"+{cc} {ndc} {grouped}", f"+{cc} {ndc} {grouped}", f"+{cc} (0){ndc} {sub}",
                             f"+{cc} (0) {ndc} {grouped}", f"+{cc}{ndc}{sub}", f"00{cc} {ndc} {sub}",
                             f"00{cc}{ndc}{sub}", f"+{cc}-{ndc}-{sub}")).replace("  ", " ")
        if style == "compact_intl":
            return f"+{cc}{ndc}{sub}"
        return f"{national}{sub}"

    def master_phone(self, ph, home_cc):
        """(text as the clerk typed it, whether it is the real number)."""
        r = self.r
        foreign = ph[0] != D.COUNTRY_CODE[home_cc] or home_cc != "DE"
        style = ("intl" if r.random() < 0.8 else "national") if foreign else ("national" if r.random() < 0.8 else "intl")
        if r.random() < 0.03:
            cc, ndc, sub = ph
            sub = sub[:-1] if r.random() < 0.5 else sub + r.choice("0123456789") * r.choice((1, 2))
            return self.phone_text((cc, ndc, sub), style), False
        return self.phone_text(ph, style), True

    def date_text(self, d, master=True):
        x = self.r.random()
        if master:
            if x < 0.40:
                return d.isoformat()
            if x < 0.95:
                return d.strftime("%d.%m.%Y")
            return f"{d.day}.{d.month}.{d.year}"
        if x < 0.5:
            return d.isoformat()
        if x < 0.93:
            return d.strftime("%d.%m.%Y")
        return f"{d.day}.{d.month}.{d.year}"

    def typed_name(self, name, origin, native):
        """A name as typed: Turkish and Polish letters only by those who have the keyboard."""
        if not native and origin in ("turkish", "polish", "balkan"):
            return german_typed(name)
        return name

    # ---------- the master

    def master_record(self, p, second=False):
        r = self.r
        hh = self.households[p.hh]
        addr = hh.addr
        first, last = p.first, p.last
        birth_ok = r.random() < 0.70
        drop_contacts = False
        if second:
            changes = r.sample(("spelling", "old_address", "missing"), r.choice((1, 1, 2)))
            if "spelling" in changes:
                x = r.random()
                if first in NICK and x < 0.35:
                    first = r.choice(NICK[first])
                elif has_umlaut(first + last) and x < 0.6:
                    first, last = first.translate(_AE), last.translate(_AE)
                elif first in TRANS_FIRST and x < 0.8:
                    first = r.choice(TRANS_FIRST[first])
                else:
                    last = typo(last, r)
            if "old_address" in changes:
                if p.old_addr is None:
                    city = addr.city if r.random() < 0.6 else self.pick_city(addr.city.cc, addr.city.region)
                    p.old_addr = self.new_addr(city, hh.kind == "company")
                addr = p.old_addr
            if "missing" in changes:
                birth_ok = False
                drop_contacts = True
        if p.company is None:
            first = self.typed_name(first, p.origin, r.random() < 0.25)
            last = self.typed_name(last, p.origin, r.random() < 0.25)
            if "-" in first and " " not in first and r.random() < 0.15:
                first = first.replace("-", " ")
            if first in NICK and r.random() < 0.03:
                first = r.choice(NICK[first])
            if has_umlaut(first + last) and r.random() < 0.04:
                first, last = first.translate(_AE), last.translate(_AE)
            if last.startswith(("Freiherr ", "Freifrau ", "Graf ", "Gräfin ")):
                x = r.random()
                if x < 0.2:
                    last = last.split(" ", 1)[1]
                elif x < 0.3:
                    rank, rest = last.split(" ", 1)
                    last = f"{D.RANK_ABBR[rank]} {rest}"
            if last.startswith(("van ", "von ", "de ")) and r.random() < 0.15:
                last = last[:1].upper() + last[1:]
            if p.gen and r.random() < 0.25:
                mark = r.choice(JS_MARKS[p.gen])
                if r.random() < 0.5:
                    first += mark
                else:
                    last += mark
        caps = r.random() < 0.10
        if caps:
            last = last.upper()
            if r.random() < 0.5:
                first = first.upper()
        rec, anchors = {}, set()
        gap = None if r.random() < 0.8 else ""
        if p.company is not None:
            c = p.company
            company = c.name.upper() if caps else c.name
            if r.random() < 0.1:
                company = company.replace("GmbH & Co. KG", "GmbH & Co.KG").replace(" e.K.", " e. K.")
            rec["company"] = company
            x = r.random()
            rec["salutation"] = "Firma" if x < 0.45 else ("Herr" if p.gender == "m" else "Frau") if x < 0.8 else gap
            with_contact = r.random() < 0.85
            rec["first_name"] = first if with_contact else gap
            rec["last_name"] = last if with_contact else gap
            rec["title"] = p.title if with_contact and p.title else gap
            rec["birth_date"] = gap
            phone_text, ok = self.master_phone(c.phone, addr.city.cc)
            rec["phone"] = phone_text if r.random() < 0.9 else gap
            if rec["phone"] and ok:
                anchors.add(("p", c.phone))
            if r.random() < 0.35:
                text, ok = self.master_phone(p.work, addr.city.cc)
                rec["work_phone"] = text
                if ok:
                    anchors.add(("p", p.work))
            if p.mobile and r.random() < 0.3 and not drop_contacts:
                text, ok = self.master_phone(p.mobile, addr.city.cc)
                rec["mobile_phone"] = text
                if ok:
                    anchors.add(("p", p.mobile))
            email = p.email if r.random() < 0.55 else c.info if r.random() < 0.9 else None
            if email:
                rec["email"] = email
                anchors.add(("e", email.lower()))
        else:
            x = r.random()
            rec["salutation"] = (("Herr" if p.gender == "m" else "Frau") if x < 0.9 else
                                 ("Hr." if p.gender == "m" else "Fr.") if x < 0.92 else gap)
            rec["title"] = p.title if p.title and r.random() < 0.9 else gap
            rec["first_name"], rec["last_name"] = first, last
            if birth_ok:
                rec["birth_date"] = self.date_text(p.birth)
                anchors.add(("b", p.birth))
            elif r.random() < 0.03:
                rec["birth_date"] = r.choice(PLACEHOLDER_DATES)
            else:
                rec["birth_date"] = gap
            landline = hh.landline if hh.landline and r.random() < 0.75 else None
            if drop_contacts or addr is not hh.addr:
                landline = None
            mobile = p.mobile if p.mobile and r.random() < 0.72 and not drop_contacts else None
            if landline:
                text, ok = self.master_phone(landline, addr.city.cc)
                rec["phone"] = text
                if ok:
                    anchors.add(("p", landline))
            if mobile:
                text, ok = self.master_phone(mobile, addr.city.cc)
                field = "phone" if "phone" not in rec and r.random() < 0.2 else "mobile_phone"
                rec[field] = text
                if ok:
                    anchors.add(("p", mobile))
            if p.work and r.random() < 0.5 and not drop_contacts:
                text, ok = self.master_phone(p.work, addr.city.cc)
                rec["work_phone"] = text
                if ok:
                    anchors.add(("p", p.work))
            email = None
            if not drop_contacts:
                if hh.fam_email and (p.email is None or r.random() < 0.45) and r.random() < 0.8:
                    email = hh.fam_email
                elif p.email and r.random() < 0.78:
                    email = p.email
            if email:
                rec["email"] = email if r.random() < 0.95 else email[:1].upper() + email[1:]
                anchors.add(("e", email.lower()))
        if r.random() < 0.96 or p.company is not None:
            rec["street"] = self.street_text(addr)
            rec["postal_code"] = self.postcode_text(addr)
            rec["city"] = self.city_text(addr)
            if caps and r.random() < 0.5:
                rec["street"], rec["city"] = rec["street"].upper(), rec["city"].upper()
            anchors.add(("a", addr.building))
        else:
            rec["city"] = self.city_text(addr)
        rec["country"] = COUNTRY_PICKS["master"][addr.city.cc].pick(r)
        person = {name: rec.get(name, gap) for name in PERSON_FIELDS}
        return person, anchors

    def build_master(self, n_customers):
        r = self.r
        rows = []
        while len(rows) < n_customers:
            hh = self.make_household()
            for p in hh.members:
                if not p.in_master or len(rows) >= n_customers:
                    continue
                rows.append((p,) + self.master_record(p))
                if r.random() < 0.03 and len(rows) < n_customers:
                    rows.append((p,) + self.master_record(p, second=True))
        r.shuffle(rows)
        for i, (p, person, anchors) in enumerate(rows, 1):
            cid = f"k{i:07d}"
            p.ids.append(cid)
            self.customers[cid] = person
            self.anchors[cid] = anchors
            self.owner[cid] = p
        self.master_persons = []
        self.name_index, self.building_index = {}, {}
        for p in self.persons:
            p.in_master = bool(p.ids)
            if p.in_master:
                self.master_persons.append(p)
                self.name_index.setdefault(name_key(p.first, p.last), []).extend(p.ids)
        for cid, p in self.owner.items():
            self.building_index.setdefault(self.households[p.hh].addr.building, []).append(cid)
        self.persons_before_leads = len(self.persons)

    # ---------- pools of customers a scenario starts from

    def anchors_of(self, p):
        out = set()
        for cid in p.ids:
            out |= self.anchors[cid]
        return out

    def pool(self, name):
        if name in self.pools:
            return self.pools[name]
        hh_of = self.households
        private = [p for p in self.master_persons if p.company is None]
        tests = {
            "private": lambda p: True,
            "company": None,
            "twice": lambda p: len(p.ids) > 1,
            "gmail": lambda p: p.email and p.email.split("@")[1] in ("gmail.com", "googlemail.com")
            and ("e", p.email.lower()) in self.anchors_of(p),
            "ch_at": lambda p: hh_of[p.hh].addr.city.cc in ("CH", "AT"),
            "women": lambda p: p.gender == "f" and p.birth.year >= 1955 and not p.gen and " " not in p.last,
            "double_surname": lambda p: "-" in p.last and not p.last.startswith(("Al-", "El-")) and p.last.count("-") == 1,
            "nick": lambda p: p.first in NICK,
            "translit": lambda p: p.first in TRANS_FIRST or p.last_base in TRANS_LAST
            or german_typed(p.first + p.last) != p.first + p.last,
            "umlaut": lambda p: has_umlaut(p.first + p.last),
            "phonetic": lambda p: p.last in PHONETIC or p.first in PHONETIC,
            "particle": lambda p: p.last.startswith(("von ", "van ", "de ", "De ", "Di ", "Lo ", "La ", "D'", "Al-",
                                                     "El-", "Freiherr ", "Freifrau ", "Graf ", "Gräfin ")),
            "double_first": lambda p: "-" in p.first or p.first == "Hanspeter",
            "js_both": lambda p: p.gen and sum(1 for m in hh_of[p.hh].members if m.gen and m.in_master) == 2,
            "shared": lambda p: (hh_of[p.hh].landline or hh_of[p.hh].fam_email)
            and any(m.in_master and m is not p for m in hh_of[p.hh].members),
            "birth": lambda p: ("b", p.birth) in self.anchors_of(p),
            "email": lambda p: p.email and ("e", p.email.lower()) in self.anchors_of(p),
            "mobile": lambda p: p.mobile and ("p", p.mobile) in self.anchors_of(p),
        }
        if name == "company":
            self.pools[name] = [p for p in self.master_persons if p.company is not None]
        else:
            test = tests[name]
            self.pools[name] = [p for p in private if test(p)]
        return self.pools[name]

    def pick(self, name, test=None, tries=40):
        pool = self.pool(name)
        if not pool:
            return None
        for _ in range(tries):
            p = pool[self.r.randrange(len(pool))]
            if test is None or test(p):
                return p
        return None

    # ---------- leads

    def view(self, p):
        hh = self.households[p.hh]
        return {"gender": p.gender, "title": p.title, "first": p.first, "last": p.last, "origin": p.origin,
                "native": p.native, "addr": hh.addr, "email": p.email, "fam_email": hh.fam_email,
                "mobile": p.mobile, "landline": hh.landline if p.company is None else p.company.phone,
                "work": p.work, "birth": p.birth, "company": p.company}

    def render_lead(self, v, channel, need=(), omit=()):
        """A lead as the channel delivers it, and the anchors (email, phones, building, birth date) it carries."""
        r = self.r
        c = CHANNELS[channel]
        addr = v["addr"]
        cc = addr.city.cc
        out, anchors = {}, set()

        def want(field, p):
            return field not in omit and (field in need or r.random() < p)

        if v.get("company") is not None:
            out["company"] = self.company_text(v["company"])
        if v["gender"] and r.random() < c["sal"]:
            x = r.random()
            out["salutation"] = ("Herr" if x < 0.88 else "Hr." if x < 0.95 else "herr") if v["gender"] == "m" else \
                ("Frau" if x < 0.88 else "Fr." if x < 0.95 else "frau")
        if v["title"] and r.random() < c["title"]:
            out["title"] = v["title"]
        if want("first", c["first"]):
            out["first_name"] = self.typed_name(v["first"], v["origin"], v["native"])
        out["last_name"] = self.typed_name(v["last"], v["origin"], v["native"])
        email = v["email"]
        if "fam_email" in need or (not email and v["fam_email"] and r.random() < 0.7):
            email = v["fam_email"]
        if email and want("email", c["email"]):
            out["email"] = email if r.random() < 0.9 else email[:1].upper() + email[1:]
            anchors.add(("e", email.lower()))
        phones = []
        if v["mobile"] and (want("mobile", c["mobile"]) or ("phone" in need and "mobile" not in omit)):
            phones.append(("m", v["mobile"]))
        if v["landline"] and (want("landline", c["landline"]) or ("phone" in need and not phones)):
            phones.insert(0, ("l", v["landline"]))
        if channel == "phone_note" and not phones and "phone" not in omit:
            if v["mobile"] and "mobile" not in omit:
                phones.append(("m", v["mobile"]))
            elif v["landline"] and "landline" not in omit:
                phones.append(("l", v["landline"]))
        if v.get("work") and "work" in need:
            phones.append(("w", v["work"]))
        for kind, ph in phones:
            text = self.lead_phone(ph, cc, channel, national="national" in need)
            if kind == "w":
                field = "work_phone"
            elif kind == "l" or "phone" in out:
                field = "phone" if "phone" not in out else "mobile_phone"
            else:
                field = "mobile_phone" if r.random() < 0.5 else "phone"
            if channel == "phone_note" and r.random() < 0.05:
                text = r.choice(("Tel. ", "Tel.: ", "mobil ", "Handy: ")) + text
            out[field] = text
            anchors.add(("p", ph))
        if want("street", c["street"]) or "addr" in need:
            out["street"] = self.street_text(addr, master=False)
            out["postal_code"] = self.postcode_text(addr, master=False)
            out["city"] = self.city_text(addr, master=False)
            anchors.add(("a", addr.building))
        else:
            if want("postcode", c["postcode"]) or "postcode" in need:
                out["postal_code"] = self.postcode_text(addr, master=False)
            if want("city", c["city"]) or "postcode" in need:
                out["city"] = self.city_text(addr, master=False)
        if v["birth"] and want("birth", c["birth"]):
            out["birth_date"] = self.date_text(v["birth"], master=False)
            anchors.add(("b", v["birth"]))
        if r.random() < c["country"] or (cc != "DE" and r.random() < 0.3):
            out["country"] = COUNTRY_PICKS["lead"][cc].pick(r)
        if not any(out.get(f) for f in ("email", "phone", "mobile_phone", "work_phone", "street")):
            if email and "email" not in omit:
                out["email"] = email
                anchors.add(("e", email.lower()))
            elif v["mobile"] and "mobile" not in omit:
                out["mobile_phone"] = self.lead_phone(v["mobile"], cc, channel)
                anchors.add(("p", v["mobile"]))
        return out, anchors

    def lead_phone(self, ph, home_cc, channel, national=False):
        r = self.r
        if national:
            return self.phone_text(ph, "national")
        if channel == "facebook":
            return self.phone_text(ph, "compact_intl") if r.random() < 0.8 else self.phone_text(ph, "intl")
        foreign = home_cc != "DE"
        if foreign:
            return self.phone_text(ph, "intl" if r.random() < 0.75 else "national")
        x = r.random()
        if x < 0.25:
            return self.phone_text(ph, "compact")
        if x < 0.7:
            return self.phone_text(ph, "national")
        return self.phone_text(ph, "intl")

    def company_text(self, c):
        r = self.r
        x = r.random()
        if x < 0.45:
            return c.name
        if x < 0.65:
            return c.core
        if x < 0.75:
            return c.name.replace("GmbH & Co. KG", "GmbH & Co KG").replace("GmbH", "Gmbh")
        if x < 0.83:
            return c.name.replace(" & ", " u. ").replace("& Co.", "u. Co.")
        if x < 0.9:
            return c.name.upper()
        if x < 0.95:
            return c.core.replace(" ", "-", 1) + " " + c.form
        return c.name.lower()

    def finish(self, lead, channel):
        """How the channel writes what it lacks."""
        style = CHANNELS[channel]["missing"]
        if style == "form":
            blank = "" if self.r.random() < 0.6 else None
            if blank == "":
                return {name: lead.get(name, "") for name in PERSON_FIELDS}
            return lead
        if style == "none":
            return {name: lead.get(name) for name in PERSON_FIELDS}
        if style == "some_empty":
            for name in ("city", "postal_code", "phone"):
                if name not in lead and self.r.random() < 0.5:
                    lead[name] = ""
        return lead

    def noise(self, lead, heavy=False):
        r = self.r
        keys = [k for k in PERSON_FIELDS if isinstance(lead.get(k), str) and lead[k]]
        if not keys:
            return lead
        if r.random() < (1.0 if heavy else 0.07):
            for k in r.sample(keys, min(len(keys), r.randint(1, 3 if heavy else 2))):
                lead[k] = r.choice((" ", "  ", "", "\t")) + lead[k] + r.choice((" ", "", "  ", " \n"))
        names = [k for k in ("first_name", "last_name", "street", "city", "company") if lead.get(k)]
        x = r.random()
        if x < (0.5 if heavy else 0.03):
            for k in names:
                lead[k] = lead[k].lower()
            if lead.get("email"):
                lead["email"] = lead["email"].lower()
        elif x < (0.7 if heavy else 0.045):
            for k in names:
                lead[k] = lead[k].upper()
        if r.random() < (0.4 if heavy else 0.02) and names:
            k = r.choice(names)
            lead[k] = lead[k].replace(" ", "  ", 1) if " " in lead[k] else lead[k] + " "
        if heavy and r.random() < 0.2 and names:
            k = r.choice(names)
            lead[k] = lead[k].replace(" ", "\u00a0", 1)
        if heavy:
            for k in PERSON_FIELDS:
                if k not in lead and r.random() < 0.3:
                    lead[k] = ""
        return lead

    def related(self, persons, truth, names=(), extra=()):
        out = set(extra)
        for p in persons:
            hh = self.households[p.hh]
            for m in hh.members:
                out.update(m.ids)
            out.update(self.building_index.get(hh.addr.building, ()))
        for first, last in names:
            out.update(self.name_index.get(name_key(first, last), ()))
        return frozenset(out - set(truth))

    # ---------- returning customers

    def returning(self, p, v, channel, need=(), omit=(), check_omit=()):
        """A returning lead for p from view v, if it shares an anchor with p's records (besides check_omit)."""
        lead, anchors = self.render_lead(v, channel, need, omit)
        if not (anchors - set(check_omit)) & self.anchors_of(p):
            return None
        return lead

    def name_changed(self, p, lead):
        """Whether the names the lead gives differ (beyond letter case) from those on every record of p."""
        first = (lead.get("first_name") or "").strip().lower() or None
        last = (lead.get("last_name") or "").strip().lower() or None
        for rec in (self.customers[cid] for cid in p.ids):
            if first in (None, (rec["first_name"] or "").lower()) and last in (None, (rec["last_name"] or "").lower()):
                return False
        return True

    def channel(self, *names):
        if not names:
            return CHANNEL_PICK.pick(self.r)
        return self.r.choice(names)

    def sc_returning(self, scenario):
        r = self.r
        method = getattr(self, "ret_" + scenario.removeprefix("returning_"))
        for _ in range(60):
            got = method()
            if got is None:
                continue
            p, lead, channel, extra = got[0], got[1], got[2], (got[3] if len(got) > 3 else {})
            lead = self.finish(lead, channel)
            if scenario != "returning_exact_repeat":
                lead = self.noise(lead, heavy=scenario == "returning_noisy_input")
            truth = frozenset(p.ids)
            names = [(p.first, p.last)] + extra.get("names", [])
            return lead, truth, self.related([p], truth, names, extra.get("related", ()))
        return None

    def any_customer(self):
        if self.r.random() < 0.08 and self.pool("company"):
            return self.pick("company")
        return self.pick("private")

    def ret_exact_repeat(self):
        r = self.r
        p = self.any_customer()
        cid = r.choice(p.ids)
        rec = self.customers[cid]
        lead = {k: v for k, v in rec.items() if v and (k in ("first_name", "last_name", "company") or r.random() < 0.85)}
        if not any(lead.get(k) for k in ("email", "phone", "mobile_phone", "work_phone", "street")):
            return None
        return p, lead, "walk_in"

    def ret_new_email(self):
        p = self.any_customer()
        v = self.view(p)
        v["email"] = self.make_email(p.first, p.last, p.birth, v["addr"].city.cc)
        v["fam_email"] = None
        ch = self.channel("web_form", "walk_in", "email_inquiry", "portal")
        lead = self.returning(p, v, ch, need=("email",), check_omit=[("e", v["email"].lower())])
        return lead and (p, lead, ch)

    def ret_new_mobile(self):
        p = self.pick("private")
        v = self.view(p)
        v["mobile"] = self.new_mobile(v["addr"].city.cc)
        ch = self.channel("web_form", "walk_in", "facebook", "portal")
        lead = self.returning(p, v, ch, need=("mobile",), check_omit=[("p", v["mobile"])])
        return lead and (p, lead, ch)

    def moved_view(self, p, v):
        r = self.r
        city = v["addr"].city if r.random() < 0.55 else self.pick_city(v["addr"].city.cc, v["addr"].city.region)
        v["addr"] = self.new_addr(city)
        v["landline"] = self.new_landline(city) if v["landline"] and r.random() < 0.5 else None
        v["fam_email"] = None
        return v

    def ret_moved(self):
        p = self.pick("private")
        v = self.moved_view(p, self.view(p))
        ch = self.channel("web_form", "walk_in", "walk_in")
        lead = self.returning(p, v, ch, need=("addr",))
        return lead and (p, lead, ch)

    def ret_two_fields_changed(self):
        r = self.r
        p = self.pick("private")
        v = self.view(p)
        cc = v["addr"].city.cc
        what = r.choice((("email", "addr"), ("mobile", "addr"), ("email", "mobile")))
        if "addr" in what:
            v = self.moved_view(p, v)
        if "email" in what:
            v["email"] = self.make_email(p.first, p.last, p.birth, cc)
            v["fam_email"] = None
        if "mobile" in what:
            v["mobile"] = self.new_mobile(cc)
        ch = self.channel("web_form", "walk_in")
        lead = self.returning(p, v, ch, need=what)
        return lead and (p, lead, ch)

    def ret_typo_first_name(self):
        p = self.pick("private", lambda p: len(p.first) >= 4)
        ch = self.channel()
        lead = p and self.returning(p, self.view(p), ch, need=("first",))
        if not lead:
            return None
        lead["first_name"] = typo(lead["first_name"], self.r)
        return p, lead, ch

    def ret_typo_last_name(self):
        p = self.pick("private", lambda p: len(p.last) >= 4)
        ch = self.channel()
        lead = p and self.returning(p, self.view(p), ch)
        if not lead:
            return None
        lead["last_name"] = typo(lead["last_name"], self.r)
        return p, lead, ch

    def ret_typo_street(self):
        p = self.pick("private")
        ch = self.channel("web_form", "walk_in")
        lead = self.returning(p, self.view(p), ch, need=("addr",))
        if not lead:
            return None
        street = lead["street"]
        cut = next((i for i, chr_ in enumerate(street) if chr_.isdigit()), len(street))
        name, rest = street[:cut], street[cut:]
        if self.households[p.hh].addr.city.cc == "LU":
            return None
        lead["street"] = typo(name, self.r) + rest
        return p, lead, ch

    def ret_typo_email(self):
        p = self.pick("email", lambda p: len(p.email.split("@")[0]) >= 5)
        if not p:
            return None
        v = self.view(p)
        v["fam_email"] = None
        ch = self.channel("web_form", "portal", "email_inquiry", "facebook")
        lead = self.returning(p, v, ch, need=("email",))
        if not lead:
            return None
        local, _, domain = lead["email"].partition("@")
        lead["email"] = typo(local, self.r) + "@" + domain
        return p, lead, ch

    def ret_typo_postcode(self):
        r = self.r
        p = self.pick("private", lambda p: self.households[p.hh].addr.city.cc in ("DE", "CH", "AT"))
        ch = self.channel("web_form", "walk_in", "portal")
        lead = p and self.returning(p, self.view(p), ch, need=("postcode",))
        if not lead:
            return None
        code = lead["postal_code"]
        digits = [i for i, chr_ in enumerate(code) if chr_.isdigit()]
        if r.random() < 0.6:
            i = r.choice(digits[1:])
            new = str((int(code[i]) + r.choice((1, -1, 2))) % 10)
            code = code[:i] + new + code[i + 1:]
        else:
            pairs = [i for i in digits[1:-1] if code[i] != code[i + 1] and code[i + 1].isdigit()]
            if not pairs:
                return None
            i = r.choice(pairs)
            code = code[:i] + code[i + 1] + code[i] + code[i + 2:]
        lead["postal_code"] = code
        return p, lead, ch

    def ret_gmail_variant(self):
        r = self.r
        p = self.pick("gmail")
        if not p:
            return None
        v = self.view(p)
        v["fam_email"] = None
        ch = self.channel("web_form", "portal", "email_inquiry", "facebook")
        lead = self.returning(p, v, ch, need=("email",))
        if not lead:
            return None
        local, _, domain = p.email.partition("@")
        x = r.random()
        if "." in local and x < 0.45:
            local = local.replace(".", "")
        elif x < 0.75:
            spots = [k for k in range(1, len(local)) if local[k - 1] != "." and local[k] != "."]
            if spots:
                k = r.choice(spots)
                local = local[:k] + "." + local[k:]
        if r.random() < 0.4:
            local = ".".join(part[:1].upper() + part[1:] for part in local.split("."))
        if r.random() < 0.6:
            domain = "googlemail.com" if domain == "gmail.com" else "gmail.com"
        if r.random() < 0.15:
            domain = domain.capitalize()
        email = f"{local}@{domain}"
        if email == p.email:
            email = f"{local}@{'googlemail.com' if domain == 'gmail.com' else 'gmail.com'}"
        lead["email"] = email
        return p, lead, ch

    def ret_married_name(self):
        r = self.r
        p = self.pick("women")
        if not p:
            return None
        v = self.view(p)
        origin = p.origin if r.random() < 0.8 else "german"
        base, fem = self.pick_last(origin, "f")
        new_last = female_form(base, origin) if fem else base
        if new_last == p.last or " " in new_last:
            return None
        x = r.random()
        if "-" in p.last or x < 0.5:
            last = new_last
        else:
            last = f"{new_last}-{p.last}" if x < 0.75 else f"{p.last}-{new_last}"
        v["last"] = last
        if r.random() < 0.5:
            v = self.moved_view(p, v)
        ch = self.channel("web_form", "walk_in", "portal", "email_inquiry")
        lead = self.returning(p, v, ch)
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch, {"names": [(p.first, last), (p.first, new_last)]})

    def ret_double_surname(self):
        r = self.r
        p = self.pick("double_surname")
        if not p:
            return None
        a, b = p.last.split("-")
        v = self.view(p)
        v["last"] = r.choice((f"{b}-{a}", f"{b}-{a}", f"{a} {b}", a, b, f"{b} {a}"))
        ch = self.channel()
        lead = self.returning(p, v, ch)
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_name_swap(self):
        p = self.pick("private")
        ch = self.channel("web_form", "portal", "facebook", "email_inquiry")
        lead = self.returning(p, self.view(p), ch, need=("first",))
        if not lead:
            return None
        lead["first_name"], lead["last_name"] = lead["last_name"], lead["first_name"]
        return p, lead, ch

    def ret_nickname(self):
        p = self.pick("nick")
        if not p:
            return None
        v = self.view(p)
        v["first"] = self.r.choice(NICK[p.first])
        ch = self.channel()
        lead = self.returning(p, v, ch, need=("first",))
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_transliteration(self):
        r = self.r
        p = self.pick("translit")
        if not p:
            return None
        v = self.view(p)
        changed = False
        if p.first in TRANS_FIRST and r.random() < 0.6:
            v["first"] = r.choice(TRANS_FIRST[p.first])
            changed = True
        last_follows = (female_form(p.last_base, p.origin) if p.fem else p.last_base) == p.last
        if p.last_base in TRANS_LAST and last_follows and (not changed or r.random() < 0.15):
            alt = r.choice(TRANS_LAST[p.last_base])
            v["last"] = female_form(alt, p.origin) if p.fem else alt
            changed = True
        if not changed:
            if german_typed(p.first + p.last) == p.first + p.last:
                return None             # nothing a German keyboard would change
            on_record = [self.customers[cid][field] or "" for cid in p.ids for field in ("first_name", "last_name")]
            master_native = any(german_typed(name) != name for name in on_record)
            v["native"] = not master_native
            if v["native"] and r.random() < 0.3:
                v["last"] = p.last.translate(_AE)
        ch = self.channel()
        lead = self.returning(p, v, ch, need=("first",))
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_umlaut_spelling(self):
        """ä/ö/ü/ß written ae/oe/ue/ss or stripped where the record has them, or the other way round."""
        r = self.r
        p = self.pick("umlaut")
        if not p:
            return None
        ch = self.channel()
        lead = self.returning(p, self.view(p), ch, need=("first",))
        if not lead:
            return None
        records = [self.customers[cid] for cid in p.ids]
        master_without = all(not has_umlaut((rec["first_name"] or "") + (rec["last_name"] or "")) for rec in records)
        if master_without:            # the clerk typed Mueller: the sender writes Müller
            lead["first_name"], lead["last_name"] = p.first, p.last
        else:
            table = _AE if r.random() < 0.6 else _STRIP
            lead["first_name"], lead["last_name"] = lead["first_name"].translate(table), lead["last_name"].translate(table)
            for k in ("street", "city"):
                if lead.get(k) and r.random() < 0.5:
                    lead[k] = lead[k].translate(table)
        if not self.name_changed(p, lead):
            return None
        return p, lead, ch

    def ret_title_noise(self):
        r = self.r
        p = self.pick("private", (lambda p: p.title is not None) if r.random() < 0.4 else None)
        if not p:
            return None
        ch = self.channel("web_form", "portal", "email_inquiry", "walk_in")
        v = self.view(p)
        lead = self.returning(p, v, ch, need=("first",))
        if not lead:
            return None
        title = p.title or r.choice(("Dr.", "Prof. Dr.", "Dr. med."))
        word = "Herr" if p.gender == "m" else "Frau"
        x = r.random()
        if x < 0.25:
            lead["first_name"] = f"{title} {lead['first_name']}"
        elif x < 0.45:
            lead["last_name"] = f"{title} {lead['last_name']}"
        elif x < 0.65:
            lead["first_name"] = f"{word} {lead['first_name']}"
        elif x < 0.8:
            lead["first_name"] = word
        elif x < 0.9:
            lead["title"] = r.choice(D.OCCUPATION_TITLES)
        else:
            lead["last_name"] = f"{lead['last_name']}, {title}"
        return p, lead, ch

    def ret_birth_date_typo(self):
        r = self.r
        p = self.pick("birth")
        if not p:
            return None
        ch = "walk_in"
        lead = self.returning(p, self.view(p), ch, need=("birth",), check_omit=[("b", p.birth)])
        if not lead:
            return None
        d = p.birth
        x = r.random()
        if x < 0.35 and d.day <= 12 and d.day != d.month:
            text = date(d.year, d.day, d.month).strftime("%d.%m.%Y")
        elif x < 0.65:
            text = d.strftime("%d.%m.%y")
        else:
            s = d.strftime("%d.%m.%Y")
            i = r.choice((0, 1, 3, 4, 8, 9))
            new = str((int(s[i]) + r.choice((1, -1))) % 10)
            text = s[:i] + new + s[i + 1:]
            if text == s:
                return None
        lead["birth_date"] = text
        return p, lead, ch

    def ret_surname_phone_only(self):
        r = self.r
        p = self.pick("private")
        hh = self.households[p.hh]
        anchors = self.anchors_of(p)
        same_name = any(m is not p and m.in_master and fold(m.last) == fold(p.last) for m in hh.members)
        options = [ph for ph in (p.mobile,) if ph and ("p", ph) in anchors]
        if hh.landline and ("p", hh.landline) in anchors and not same_name:
            options.append(hh.landline)
        if not options:
            return None
        ph = r.choice(options)
        lead = {"last_name": self.typed_name(p.last, p.origin, p.native)}
        if r.random() < 0.4:
            lead["salutation"] = "Herr" if p.gender == "m" else "Frau"
        lead["phone" if r.random() < 0.6 else "mobile_phone"] = self.lead_phone(ph, hh.addr.city.cc, "phone_note")
        return p, lead, "phone_note"

    def ret_email_only(self):
        p = self.pick("email")
        if not p:
            return None
        ch = self.channel("web_form", "email_inquiry")
        return p, {"email": p.email if self.r.random() < 0.85 else p.email.capitalize()}, ch

    def ret_phone_national_ch_at(self):
        """A Swiss or Austrian customer's phone written as at home, without the country code."""
        r = self.r
        p = self.pick("ch_at")
        if not p:
            return None
        v = self.view(p)
        known = self.anchors_of(p)
        ch = self.channel("web_form", "portal", "phone_note")
        lead, anchors = self.render_lead(v, ch, need=("phone", "national"), omit=("email",) if r.random() < 0.5 else ())
        if not any(a[0] == "p" and a in known for a in anchors):
            return None
        lead.pop("country", None)
        return p, lead, ch

    def ret_company_contact(self):
        r = self.r
        p = self.pick("company")
        if not p:
            return None
        v = self.view(p)
        if r.random() < 0.15 and p.first in NICK:
            v["first"] = r.choice(NICK[p.first])
        if r.random() < 0.4:
            v["email"] = p.company.info
        v["mobile"] = p.mobile if r.random() < 0.5 else None
        ch = self.channel("web_form", "email_inquiry", "walk_in", "phone_note")
        lead = self.returning(p, v, ch, need=("work",) if r.random() < 0.3 else ())
        return lead and (p, lead, ch)

    def ret_phonetic_spelling(self):
        r = self.r
        p = self.pick("phonetic")
        if not p:
            return None
        v = self.view(p)
        need = ("phone",)
        if p.last in PHONETIC and (p.first not in PHONETIC or r.random() < 0.7):
            v["last"] = r.choice(PHONETIC[p.last])
        else:
            v["first"] = r.choice(PHONETIC[p.first])
            need = ("phone", "first")
        ch = "phone_note"
        lead = self.returning(p, v, ch, need=need)
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_full_name_one_field(self):
        r = self.r
        p = self.pick("private")
        ch = self.channel("facebook", "email_inquiry", "web_form")
        lead = self.returning(p, self.view(p), ch, need=("first",))
        if not lead:
            return None
        first, last = lead.pop("first_name"), lead.pop("last_name")
        x = r.random()
        if x < 0.5:
            lead["first_name"] = f"{first} {last}"
        elif x < 0.75:
            lead["last_name"] = f"{last}, {first}"
        elif x < 0.9:
            lead["last_name"] = f"{first} {last}"
        else:
            lead["first_name"], lead["last_name"] = f"{first} {last}", ""
        return p, lead, ch

    def ret_name_particle(self):
        r = self.r
        p = self.pick("particle")
        if not p:
            return None
        last = p.last
        rank = None
        if last.startswith(("Freiherr ", "Freifrau ", "Graf ", "Gräfin ")):
            rank, rest = last.split(" ", 1)
            particle, root = "rank von", rest.split(" ", 1)[1]
        else:
            for particle in ("von der", "van der", "van den", "von", "van", "de", "De", "Di", "Lo", "La", "D'",
                             "Al-", "El-"):
                sep = "" if particle.endswith(("'", "-")) else " "
                if last.startswith(particle + sep):
                    root = last[len(particle + sep):]
                    break
            else:
                return None
        forms = [f for f in D.PARTICLE_FORMS[particle][1:]]
        form = r.choice(forms)
        v = self.view(p)
        v["last"] = form.format(r=root, rank=rank or "", abbr=D.RANK_ABBR.get(rank or "", ""))
        ch = self.channel()
        lead = self.returning(p, v, ch)
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_double_first_name(self):
        r = self.r
        p = self.pick("double_first")
        if not p:
            return None
        if p.first == "Hanspeter":
            a, b = "Hans", "Peter"
        else:
            a, b = p.first.split("-", 1)
        v = self.view(p)
        v["first"] = r.choice((f"{a} {b}", f"{a} {b}", a, f"{a}{b.lower()}", f"{a[:1]}.-{b}", f"{a} {b[:1]}.",
                               f"{a}-{b.lower()}", f"{a}-{b}"))
        if v["first"] == p.first:
            v["first"] = f"{a} {b}"
        ch = self.channel()
        lead = self.returning(p, v, ch, need=("first",))
        if not lead or not self.name_changed(p, lead):
            return None
        return (p, lead, ch)

    def ret_junior_senior(self):
        r = self.r
        p = self.pick("js_both")
        if not p:
            return None
        anchors = self.anchors_of(p)
        personal = [a for a in (("b", p.birth), ("e", (p.email or "").lower()), ("p", p.mobile)) if a in anchors]
        if not personal:
            return None
        kind = r.choice(personal)[0]
        need = {"b": ("birth",), "e": ("email",), "p": ("mobile",)}[kind]
        v = self.view(p)
        v["fam_email"] = None
        ch = "walk_in" if kind == "b" else self.channel("web_form", "walk_in", "portal")
        lead = self.returning(p, v, ch, need=need + ("first",))
        if not lead:
            return None
        if r.random() < 0.2:
            mark = r.choice(JS_MARKS[p.gen])
            lead["first_name"] = lead["first_name"] + mark
        return p, lead, ch

    def ret_household_shared_contact(self):
        r = self.r
        p = self.pick("shared")
        if not p:
            return None
        hh = self.households[p.hh]
        anchors = self.anchors_of(p)
        options = []
        if hh.landline and ("p", hh.landline) in anchors:
            options.append("landline")
        if hh.fam_email and ("e", hh.fam_email.lower()) in anchors:
            options.append("fam_email")
        if not options:
            return None
        what = r.choice(options)
        v = self.view(p)
        v["email"] = None
        v["mobile"] = None
        if what == "landline":
            ch = self.channel("web_form", "walk_in", "phone_note")
        else:
            ch = self.channel("web_form", "email_inquiry")
        lead = self.returning(p, v, ch, need=(what, "first"), omit=() if what == "landline" else ("landline",))
        return lead and (p, lead, ch)

    def ret_held_twice(self):
        p = self.pick("twice")
        if not p:
            return None
        ch = self.channel()
        lead = self.returning(p, self.view(p), ch)
        return lead and (p, lead, ch)

    def ret_noisy_input(self):
        p = self.any_customer()
        ch = self.channel("web_form", "facebook", "portal")
        lead = self.returning(p, self.view(p), ch)
        return lead and (p, lead, ch)

    # ---------- new people

    def sc_new(self, scenario):
        method = getattr(self, "new_" + scenario.removeprefix("new_"))
        for _ in range(60):
            got = method()
            if got is None:
                continue
            p, lead, channel, related = got
            lead = self.noise(self.finish(lead, channel))
            return lead, frozenset(), related
        return None

    def fresh_household(self, kind="single", city=None, addr=None):
        return self.new_household(kind, city, addr)

    def new_brand_new(self):
        r = self.r
        cc = COUNTRY_PICK.pick(r)
        hh = self.fresh_household(city=self.pick_city(cc))
        p = self.new_person(hh, self.country_origin(cc), "m" if r.random() < 0.55 else "f", r.randint(1940, 2005))
        ch = self.channel()
        lead, _ = self.render_lead(self.view(p), ch)
        return p, lead, ch, self.related([], (), [(p.first, p.last)])

    def new_household_member(self):
        r = self.r
        p = self.pick("private", lambda p: self.households[p.hh].kind in ("single", "couple", "family", "junior_senior",
                                                                           "parent_child"))
        if not p:
            return None
        hh = self.households[p.hh]
        masters = [m for m in hh.members if m.in_master]
        taken = {fold(m.first) for m in hh.members} | {fold(n) for m in hh.members for n in NICK.get(m.first, ())}
        outsiders = [m for m in hh.members if not m.in_master and not m.gen and fold(m.first) not in
                     {fold(x.first) for x in masters}]
        if outsiders:
            q = r.choice(outsiders)
        else:
            anchor = masters[0]
            if anchor.gen:
                return None
            if r.random() < 0.5 and anchor.birth.year < REF_YEAR - 45:
                g = "m" if r.random() < 0.5 else "f"
                year = min(REF_YEAR - 18, anchor.birth.year + r.randint(22, 34))
                q = self.new_person(hh, anchor.origin, g, year, last=anchor.last_base,
                                    fem=g == "f" and anchor.origin in ("russian", "polish", "greek"))
            else:
                g = "f" if anchor.gender == "m" else "m"
                q = self.new_person(hh, anchor.origin, g, anchor.birth.year + r.randint(-4, 4),
                                    last=anchor.last if r.random() < 0.8 else None)
            if fold(q.first) in taken:
                hh.members.remove(q)
                return None
        v = self.view(q)
        need = ["addr"] if r.random() < 0.7 else []
        if hh.landline and r.random() < 0.6:
            need.append("landline")
        if hh.fam_email and r.random() < 0.7:
            need.append("fam_email")
        if not need:
            need.append("addr")
        ch = self.channel("web_form", "walk_in") if "addr" in need else self.channel()
        lead, _ = self.render_lead(v, ch, need=tuple(need) + ("first",))
        return q, lead, ch, self.related([q], (), [(q.first, q.last)])

    def new_junior_senior(self):
        r = self.r
        p = self.pick("private", lambda p: p.gen or REF_YEAR - p.birth.year >= 48 or REF_YEAR - p.birth.year <= 38)
        if not p:
            return None
        hh = self.households[p.hh]
        if p.gen:
            other = [m for m in hh.members if m.gen and m is not p]
            if not other or other[0].in_master:
                return None
            q = other[0]
        else:
            if any(m is not p and fold(m.first) == fold(p.first) for m in hh.members):
                return None
            age = REF_YEAR - p.birth.year
            if age >= 48:
                year = min(REF_YEAR - 18, p.birth.year + r.randint(22, 36))
                q_gen = "jun"
            else:
                year = p.birth.year - r.randint(22, 34)
                q_gen = "sen"
            q = self.new_person(hh, p.origin, p.gender, year, first=p.first, last=p.last_base, fem=p.fem)
            q.last = p.last
            q.gen = q_gen
        v = self.view(q)
        if r.random() < 0.7:
            v["birth"] = None
        need = ["addr", "first"] if r.random() < 0.8 else ["postcode", "first"]
        if hh.landline and r.random() < 0.4:
            need.append("landline")
        ch = self.channel("web_form", "walk_in", "walk_in")
        lead, _ = self.render_lead(v, ch, need=tuple(need))
        return q, lead, ch, self.related([q], (), [(q.first, q.last)])

    def namesake(self, same_town):
        r = self.r
        p = self.pick("private", lambda p: not p.gen)
        if not p:
            return None
        home = self.households[p.hh].addr
        if same_town:
            city = home.city
        else:
            city = self.pick_city(home.city.cc if r.random() < 0.7 else None)
            if city is home.city:
                return None
        addr = self.new_addr(city)
        if addr.street == home.street:
            return None
        hh = self.fresh_household(addr=addr)
        year = r.randint(1940, 2005)
        if abs(year - p.birth.year) < 2:
            year = p.birth.year + r.choice((-1, 1)) * r.randint(3, 25)
            year = min(max(year, 1936), 2005)
        q = self.new_person(hh, p.origin, p.gender, year, first=p.first, last=p.last_base, fem=p.fem)
        q.last = p.last
        ch = self.channel()
        need = ("postcode",) if same_town else ()
        lead, _ = self.render_lead(self.view(q), ch, need=need)
        return q, lead, ch, self.related([q], (), [(q.first, q.last)])

    def new_namesake_elsewhere(self):
        return self.namesake(False)

    def new_namesake_same_town(self):
        return self.namesake(True)

    def new_flat_mate(self):
        r = self.r
        p = self.pick("private", lambda p: self.households[p.hh].kind == "flat_share"
                      or (self.households[p.hh].kind == "single" and REF_YEAR - p.birth.year <= 40))
        if not p:
            return None
        hh = self.households[p.hh]
        outsiders = [m for m in hh.members if not m.in_master]
        if hh.kind == "flat_share" and outsiders and r.random() < 0.8:
            q = r.choice(outsiders)
        else:
            cc = hh.addr.city.cc
            q = self.new_person(hh, self.country_origin(cc), "m" if r.random() < 0.5 else "f", r.randint(1988, 2005))
            if fold(q.last) in {fold(m.last) for m in hh.members if m is not q}:
                hh.members.remove(q)
                return None
        v = self.view(q)
        v["fam_email"] = None
        ch = self.channel("web_form", "walk_in")
        lead, _ = self.render_lead(v, ch, need=("addr", "first"))
        return q, lead, ch, self.related([q], (), [(q.first, q.last)])

    def new_neighbour_same_building(self):
        r = self.r
        p = self.pick("private", lambda p: self.households[p.hh].addr.city.cc in ("DE", "AT", "CH"))
        if not p:
            return None
        home = self.households[p.hh].addr
        door = home.door
        if home.city.cc == "AT":
            door = f"/{r.randint(1, 30)}"
            if door == home.door:
                return None
        addr = Addr(home.street, home.no, home.suffix, home.upto, door, home.postcode, home.city)
        hh = self.fresh_household(addr=addr)
        if r.random() < 0.2:
            q = self.new_person(hh, p.origin, "f" if p.gender == "m" else "m", r.randint(1940, 2005), last=p.last)
        else:
            q = self.new_person(hh, self.country_origin(home.city.cc), "m" if r.random() < 0.5 else "f",
                                r.randint(1940, 2005))
        if fold(q.first) == fold(p.first):
            return None
        if r.random() < 0.25:
            hh.landline = self.new_landline(home.city)
        ch = self.channel("web_form", "walk_in")
        lead, _ = self.render_lead(self.view(q), ch, need=("addr", "first"))
        return q, lead, ch, self.related([q], (), [(q.first, q.last)])

    def new_recycled_mobile(self):
        r = self.r
        p = self.pick("mobile")
        if not p:
            return None
        cc = self.households[p.hh].addr.city.cc
        hh = self.fresh_household(city=self.pick_city(cc))
        q = self.new_person(hh, self.country_origin(cc), "m" if r.random() < 0.5 else "f", r.randint(1985, 2005))
        if fold(q.last) == fold(p.last):
            return None
        q.mobile = p.mobile
        ch = self.channel("web_form", "portal", "facebook", "phone_note")
        lead, _ = self.render_lead(self.view(q), ch, need=("mobile",))
        return q, lead, ch, self.related([q], (), [(q.first, q.last)], extra=p.ids)

    def new_company(self):
        r = self.r
        cc = COUNTRY_PICK.pick(r)
        hh = self.new_household("company", self.pick_city(cc))
        self.make_company(hh, self.country_origin(cc))
        q = hh.members[0]
        q.in_master = False
        ch = self.channel("web_form", "email_inquiry", "walk_in")
        lead, _ = self.render_lead(self.view(q), ch)
        return q, lead, ch, self.related([], (), [(q.first, q.last)])


def _counts(n_leads):
    """Exact lead counts per scenario from SCENARIOS' shares (largest remainder)."""
    total = sum(SCENARIOS.values())
    raw = {name: n_leads * share / total for name, share in SCENARIOS.items()}
    counts = {name: int(value) for name, value in raw.items()}
    rest = n_leads - sum(counts.values())
    for name in sorted(raw, key=lambda k: (counts[k] - raw[k], list(SCENARIOS).index(k)))[:rest]:
        counts[name] += 1
    return counts


def build(n_customers: int, n_leads: int, seed: int = 1) -> EvalSet:
    """The master of n_customers records and n_leads labelled leads (see the module's datasheet)."""
    world = _World(seed)
    world.build_master(n_customers)
    plan = [name for name, count in _counts(n_leads).items() for _ in range(count)]
    world.r.shuffle(plan)
    leads, fallbacks = [], Counter()
    for scenario in plan:
        if scenario.startswith("returning_"):
            got = world.sc_returning(scenario)
            if got is None:
                fallbacks[scenario] += 1
                scenario = "returning_exact_repeat"
                got = world.sc_returning(scenario)
        else:
            got = world.sc_new(scenario)
            if got is None:
                fallbacks[scenario] += 1
                scenario = "new_brand_new"
                got = world.sc_new(scenario)
        person, truth, related = got
        person = {k: v for k, v in person.items() if k in PERSON_FIELDS}
        leads.append(EvalLead(person=person, truth=truth, scenario=scenario, related=related))
    twice = sum(1 for p in world.master_persons if len(p.ids) > 1)
    notes = {"generator": "bench.eval_sets.third_world", "seed": seed, "customers": len(world.customers),
             "persons_in_master": len(world.master_persons), "persons_held_twice": twice,
             "households": len(world.households), "scenario_shares_percent": dict(SCENARIOS),
             "scenarios": dict(Counter(lead.scenario for lead in leads)),
             "fallbacks": dict(fallbacks), "built_without_looking_at_the_matcher": True}
    return EvalSet(name=f"third_world_{n_customers}_{n_leads}_s{seed}", customers=world.customers, leads=leads,
                   kind="lead_vs_master", notes=notes)


def scenario_counts(dataset: EvalSet) -> Counter:
    return Counter(lead.scenario for lead in dataset.leads)
