"""Duplicate check (Dublettenprüfung): blocking keys, and the evidence two persons are one.

Candidates are fetched by several independent keys kept for every customer (e-mail; each
phone's digits; phonetic first name or surname with the birth date; the building; each part of
a surname with the first name and the postal code or town; rare names alone), so that a
returning customer with a typo in each of two fields still shares a key with the lead.

Each candidate is then compared field by field as in probabilistic record linkage
(Fellegi-Sunter): every field adds the log2 likelihood ratio of what it shows (exact, phonetic,
one keystroke off, initials, swapped, missing, different), so strong identifiers (e-mail,
phone, exact birth date) outweigh a changed surname, and a difference lowers the score by what
it is worth instead of vetoing it. Hard rules are kept only where a difference proves two
people: two distinct known first names (Johann, Johanna), birth years far apart, junior and
senior. The score becomes a probability; the verdict thresholds are the tenant's.
"""
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import cologne_phonetics
import phonenumbers
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from ..native import require_native
from .first_names import KNOWN_FIRST_NAMES
from .person import SALUTATION_ALIASES
from .text import UNDECOMPOSED, fold, normalise_email  # noqa: F401 (part of the matcher's surface)

for _function in (DamerauLevenshtein.distance, JaroWinkler.similarity):
    require_native(_function)          # never rapidfuzz's pure-Python fallback (chalicelib/native.py)

PARTICLES = frozenset({"von", "van", "de", "der", "den", "del", "della", "di", "da", "du", "zu", "zum", "zur",
                       "vom", "ten", "ter", "le", "la", "mc", "freiherr", "graf", "edler", "ritter", "und"})
GENERATIONS = {"jun": "junior", "jr": "junior", "junior": "junior", "sen": "senior", "sr": "senior",
               "senior": "senior"}
_TITLE_WORDS = frozenset({"dr", "prof", "mag", "mmag", "ddr", "di", "dipl", "ing", "dkfm", "kfm", "univ", "med",
                          "jur", "iur", "phil", "rer", "nat", "pol", "techn", "hc", "bsc", "msc", "ba", "ma", "mba",
                          "phd", "kr", "kommr", "hr", "fh", "herr", "frau", "hr", "fr", "familie", "fam"})
# Diminutives and short forms (Austrian and Bavarian included) of first names. Two names agree when
# one is a short form of the other, or both are short forms of one name; two full names sharing a
# short form (Alexander, Alexandra: "Alex") are different people.
_SHORT_FORMS = {
    "johann": ["hans", "hannes", "jan"], "johannes": ["hans", "hannes", "jan"], "josef": ["sepp", "seppi", "beppo"],
    "joseph": ["sepp", "seppi"], "anton": ["toni", "tony"], "franz": ["franzi"], "alexander": ["alex", "sascha"],
    "alexandra": ["alex", "sandra"], "matthias": ["hias", "matt", "matti", "matze"], "thomas": ["tom"], "michael": ["michl", "micha"],
    "elisabeth": ["lisa", "sissi", "liesl", "betty", "elli"], "katharina": ["kathi", "kati", "katrin", "katja"],
    "margarete": ["grete", "gretl", "margit"], "maximilian": ["max", "maxi"], "christoph": ["chris"],
    "christopher": ["chris"], "christine": ["tina", "chris"], "christina": ["tina", "chris"], "wolfgang": ["wolfi"],
    "georg": ["schorsch", "jorg"], "andreas": ["andi", "anderl"], "barbara": ["babsi", "barbi"],
    "susanne": ["susi"], "stefanie": ["steffi"], "florian": ["flo"], "benjamin": ["ben", "benni"],
    "theresa": ["resi", "tresi"], "therese": ["resi"], "ferdinand": ["ferdl", "ferdi"], "leopold": ["poldi"],
    "friedrich": ["fritz"], "heinrich": ["heinz", "heini"], "wilhelm": ["willi", "willy"], "gabriele": ["gabi"],
    "daniela": ["dani"], "daniel": ["dani"], "magdalena": ["leni"],
    "dominik": ["dome"], "sebastian": ["basti"], "nikolaus": ["klaus", "niki"], "ludwig": ["lutz"],
    "martina": ["tina"], "bettina": ["tina"], "stefan": ["steff", "steffl"], "steffen": ["steff"],
    "ursula": ["uschi", "ulla"], "monika": ["moni"], "cornelia": ["conny", "nelli"], "nicole": ["nici", "niki"],
    "sabine": ["bine", "sabsi"], "antonia": ["toni"], "matthäus": ["matthias"], "rudolf": ["rudi"],
    "gerhard": ["gerd", "gerri"], "bernhard": ["bernd", "berni"], "reinhard": ["reini"], "manfred": ["manni"],
    "herbert": ["herbi"], "walter": ["walti"], "helmut": ["helmi"], "hermann": ["hermi"], "gottfried": ["friedl"],
    "jürgen": ["jörg"], "joachim": ["jochen", "achim"], "ignaz": ["naz"], "rosemarie": ["rosi"], "rosa": ["rosi"],
    "veronika": ["vroni", "vera"], "franziska": ["franzi"], "angelika": ["geli"], "valentin": ["valle"],
    "patricia": ["patty", "tricia"], "jennifer": ["jenny"], "christian": ["chris"],
    "philipp": ["phil"], "nikola": ["niki"], "katarina": ["kati"], "aleksandar": ["aca"], "dragan": ["gaga"],
    "mehmet": ["memo"], "elisabetta": ["betta"],
    # More diminutives a sales rep hears every day (southern German and Austrian ones included). None
    # of them changes the key of a short form listed before (Micha, Friedl, Margit keep one full name):
    # customers' keys are written when they are saved.
    "michaela": ["michi"], "josefa": ["pepi"], "josefine": ["fini", "pepi"],
    "brigitte": ["gitti", "biggi"], "hildegard": ["hilde"], "cäcilia": ["cilli"], "walburga": ["wally"],
    "rupert": ["rupi"], "engelbert": ["bertl"], "norbert": ["norbi"], "hubert": ["hubsi"],
    "richard": ["richi"], "tobias": ["tobi"], "lukas": ["luki"], "simon": ["simi"], "benedikt": ["bene"],
    "konstantin": ["konsti", "tino"], "roland": ["roli"], "gertrude": ["trude", "gerti"], "gertraud": ["traudl", "gerti"],
    "waltraud": ["traudl", "walli"], "ingeborg": ["inge"], "johanna": ["hanni"], "franziskus": ["franz"],
    "christiane": ["christl"], "hannelore": ["hanne", "lore"], "friederike": ["rike"],
    "dorothea": ["dora", "doro"], "annemarie": ["annemie"],
}
# Short forms added to a name listed above (a second line keeps the first list readable).
for _full, _more in {"michael": ["michi", "mike"], "josef": ["pepi", "peppi", "joschi"], "joseph": ["pepi"],
                     "katharina": ["kathrin", "käthe"], "magdalena": ["magda", "lena"], "helena": ["lena"],
                     "maria": ["mitzi", "mizzi"], "thomas": ["tommi", "tommy"],
                     "elisabeth": ["lisi", "liesi"], "alexander": ["xandi"], "sebastian": ["wastl"],
                     "heinrich": ["hinrich"], "christine": ["christl"],
                     "nikolaus": ["nico"], "susanne": ["sanne"], "bernhard": ["bernie"]}.items():
    _SHORT_FORMS[_full] = _SHORT_FORMS.get(_full, []) + _more
# Short forms of Switzerland, Austria and the customers' other languages (Czech, Hungarian,
# Balkan, Italian, French, Portuguese): Ueli is Ulrich, Pepa Josef, Pista István, Beppe Giuseppe.
for _full, _more in {"ulrich": ["ueli", "uli"], "ulrike": ["uli"], "jakob": ["köbi", "kobi", "jaggi"],
                     "andreas": ["res", "ändu", "resli"], "rudolf": ["ruedi", "rüedu"], "alfred": ["fredi", "fred"],
                     "karl": ["kari", "kalle"], "samuel": ["sämi", "sam"], "robert": ["röbi", "robi", "rob"],
                     "christian": ["chrigel", "chrigu"], "werner": ["werni"], "verena": ["vreni"],
                     "katharina": ["käthi", "kätheli"], "gertrud": ["trudi"], "adelheid": ["heidi"],
                     "eduard": ["edi"], "siegfried": ["sigi"], "georg": ["schurl"], "august": ["gustl"],
                     "vinzenz": ["vinzi"], "gerlinde": ["gerli"], "barbara": ["bärbel"], "charlotte": ["lotte"],
                     "liselotte": ["lilo"], "fabian": ["fabi"], "josef": ["jupp", "pepa"], "frantisek": ["franta"],
                     "jiri": ["jirka"], "miroslav": ["mirek", "mirko"], "stanislav": ["standa"],
                     "vaclav": ["vasek"], "jaroslav": ["jarda"], "ladislav": ["lada"], "antonin": ["tonda"],
                     "istvan": ["pista"], "janos": ["jancsi"], "ferenc": ["feri"], "laszlo": ["laci"],
                     "zsuzsanna": ["zsuzsa"], "erzsebet": ["erzsi"], "jozsef": ["joska"], "gyorgy": ["gyuri"],
                     "sandor": ["sanyi"], "aleksandar": ["sasa"], "jovan": ["jovo"], "petar": ["pero"],
                     "ljiljana": ["ljilja"], "giuseppe": ["beppe", "pino", "peppe"], "giovanni": ["gianni"],
                     "luigi": ["gigi"], "domenico": ["mimmo"], "antonio": ["tonino"], "alessandro": ["sandro"],
                     "giuseppina": ["pina"], "beatrice": ["bice"], "emmanuel": ["manu"], "pierre": ["pierrot"],
                     "jose": ["ze", "pepe"], "joaquim": ["quim"], "francisco": ["chico", "paco"],
                     "fernando": ["nando"]}.items():
    _SHORT_FORMS[_full] = _SHORT_FORMS.get(_full, []) + _more
# One name in the forms people write it in (Theresia who signs Therese), not names of their own.
_VARIANTS = [("theresia", "theresa", "therese", "teresa"), ("josefine", "josephine"), ("elisabeth", "elisabet"),
             # One Russian, Ukrainian or Arabic name in the spellings German, English and Ukrainian
             # transliteration give it (a passport, a registration form and a dealer's clerk).
             ("alexander", "aleksandr", "alexandr", "aleksander", "oleksandr"), ("juri", "jurij", "yuri", "yuriy", "yurii"),
             ("sergej", "sergei", "sergey", "serhij", "serhii", "serhiy"), ("andrej", "andrei", "andrey", "andrii", "andriy"),
             ("dmitri", "dmitrij", "dmitry", "dmytro"), ("maxim", "maksim", "maksym"), ("igor", "ihor"),
             ("jewgeni", "jewgenij", "evgeni", "evgeny", "yevgeny", "yevhen"), ("wladimir", "vladimir", "volodymyr"),
             ("nikolaj", "nikolai", "nikolay", "mykola"), ("michail", "mikhail", "mykhailo"), ("pawel", "pavel", "pavlo"),
             ("witali", "vitali", "vitalij", "vitaly", "vitalii"), ("viktor", "wiktor"),
             ("natalja", "natalia", "nataliya", "natalya", "natalija"), ("julia", "julija", "yulia", "yuliya", "yuliia"),
             ("jekaterina", "ekaterina", "yekaterina", "kateryna"), ("tatjana", "tatiana", "tatyana", "tetiana"),
             ("swetlana", "svetlana", "svitlana"), ("jelena", "elena", "yelena", "olena"), ("irina", "iryna"),
             ("olga", "olha"), ("ljudmila", "ludmila", "lyudmila", "liudmyla"), ("galina", "halyna"),
             ("walentina", "valentina"), ("anastasia", "anastasija", "anastasiya"),
             ("mohammed", "mohammad", "mohamed", "muhammad", "muhammed"), ("ahmad", "ahmed", "achmed"),
             ("khaled", "khalid", "chalid"), ("mustafa", "mustapha"), ("rim", "reem"), ("omar", "umar")]
_VARIANT_OF = {fold(v): group[0] for group in _VARIANTS for v in group}
_CANONICAL: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    _CANONICAL.setdefault(fold(_full), set()).add(fold(_full))
    for _short in _shorts:
        _CANONICAL.setdefault(fold(_short), set()).add(fold(_full))

_STREET_SUFFIXES = [(r"strasse\b|str\b\.?|strase\b", "str"), (r"gasse\b|g\b\.", "g"), (r"platz\b|pl\b\.?", "pl"),
                    (r"weg\b", "weg"), (r"allee\b", "allee"), (r"ring\b", "ring")]
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# A company's legal form and its joining words are written many ways (GmbH, Ges.m.b.H., GmbH & Co KG)
# or left out; they do not tell one company from another.
_LEGAL_FORM_WORDS = frozenset({"gmbh", "gesmbh", "ges", "mbh", "ag", "kg", "og", "ohg", "co", "cokg", "eu", "ek",
                               "ug", "haftungsbeschrankt", "se", "sa", "sarl", "sagl", "ltd", "llc", "inc", "gbr",
                               "ev", "und", "gesellschaft", "firma", "fa"})
_EMAIL_WORD = re.compile(r"[a-z]{3,}")
_DIGITS = re.compile(r"\D")
_UMLAUT_SPELLING = re.compile(r"([aou])e")        # ue / u: one name, two ways to write it in an address
_EMAIL_PUNCTUATION = re.compile(r"[._-]")
PHONE_TAIL = 8                    # the last digits of a number: the same whatever the prefix was written as
# A number the rules refused is often cut short ("0676 714") or has its end typed twice: where the
# shorter is the start of the longer, each digit beyond the operator's or area's prefix tells ~3.3 bits.
PHONE_START_MIN = 5               # national digits the shorter number needs to count at all
PHONE_PREFIX_DIGITS = 3           # the operator's or area's digits, shared by many
PHONE_START_PERSONAL = 6          # from this many digits on, the start of a number is a personal sign
PHONE_DIGIT_BITS = math.log2(10)

# Weights in bits (log2 of m/u likelihood ratios), by field and level of agreement.
WEIGHTS = {
    "email_exact": 15.0, "email_typo": 8.0, "email_local": 4.0, "email_differs": -1.5,
    "phone_same": 14.0, "phone_typo": 9.0, "phone_differs": -1.0, "mobile_differs": -2.5, "landline": 0.5,
    "birth_exact": 12.0, "birth_swapped": 7.0, "birth_digit": 6.0, "birth_month_year": -2.0,
    "birth_differs": -6.0, "birth_in_email": 2.0, "birth_not_in_email": -3.0,
    "first_exact": 6.0, "first_sound": 4.5, "first_typo": 3.5, "first_initial": 1.5, "first_differs": -8.0,
    "first_two_off": -2.0,
    "last_part": 0.8, "last_sound": 0.75, "last_typo": 0.6, "last_part_typo": 0.45, "last_differs": -4.5,
    "last_two_off": -1.5,
    "flat": 9.0, "building": 7.0, "street": 1.5, "place_unknown": 2.0, "postal_same": 1.0, "postal_differs": -1.0, "city_same": 1.0,
    "company_same": 8.0, "company_differs": -3.0,
    "generation_one_sided": -2.0,
    "man_and_woman": -4.0,
    # People of one household share the landline and the family e-mail: where the home agrees, an
    # agreeing e-mail or phone says less about who of them it is.
    "shared_at_home": 0.6,
}
SURNAME_WEIGHT_RANGE = (3.0, 13.0)          # log2(N / f), bounded; multiplied by the last_* factors
GENERATIONS_APART = 16                      # birth years this far apart are two people (parent, child)


# ------------------------------------------------------------------ normalisation


# The duplicate check reads the same names, streets and codes over and over: among one check's
# candidates (a family, a street, one surname) and from check to check in a warm function. These
# pure text functions keep what they worked out, bounded (NORMALISED_CACHE entries each).
NORMALISED_CACHE = 1 << 16
_normalised = functools.lru_cache(maxsize=NORMALISED_CACHE)


@_normalised
def plain(name: str | None) -> str:
    """Lower case without accents but without the ae/oe/ue folding (a typo 'Gruer' for 'Gruber'
    is one keystroke here, two after folding)."""
    import unicodedata
    text = unicodedata.normalize("NFKD", (name or "").casefold().translate(UNDECOMPOSED))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ß", "ss")
    return "".join(_without_markers(_NON_ALNUM.split(text)))


@_normalised
def company_words(name: str | None) -> frozenset[str]:
    """A company's name as the set of its words, without its legal form (Huber Logistik GmbH and
    Logistik Huber Ges.m.b.H. are one company); empty when nothing but a legal form is left."""
    return frozenset(w for w in _NON_ALNUM.split(fold(name or "")) if len(w) > 1 and w not in _LEGAL_FORM_WORDS)


def _without_markers(words: list[str]) -> list[str]:
    """A name's words without particles, titles and generation markers; a marker that is the whole
    name is the name (Şen, a Turkish surname; Sen, a first name mistyped; Graf, Ritter and Le,
    common surnames), not a marker."""
    words = [w for w in words if w and w not in _TITLE_WORDS]
    words = [w for w in words if w not in PARTICLES] or words
    return [w for w in words if w not in GENERATIONS] or words


# A capitalised word running into another (LaRosa, DeLuca, AnnaLena); not a typo's stray capital
# (rGubwieser, MUeLLER), which has no capitalised word of small letters before it.
_CAMEL = re.compile(r"([A-ZÄÖÜ][a-zäöüß]+)(?=[A-ZÄÖÜ][a-zäöüß])")


# A digit inside a name is a letter a scanner or a hurried hand made of it (H0fer, C1audia, 5chmidt).
_LOOK_ALIKE = str.maketrans("0134568", "oleasgb")


def _letters(word: str) -> str:
    return word.translate(_LOOK_ALIKE) if not word.isdigit() and any(c.isdigit() for c in word) else word


def name_words(name: str | None) -> list[str]:
    """Folded words of a name without particles, titles and generation markers; a capital inside
    a word starts a word (LaRosa is La Rosa, DeLuca De Luca, AnnaLena Anna Lena); a digit inside a
    word is the letter it looks like."""
    return list(_name_words(name or ""))


@_normalised
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(_without_markers([_letters(w) for w in _NON_ALNUM.split(fold(_CAMEL.sub(r"\1 ", name)))]))


def generation_of(*names: str | None, titles: Iterable[str | None] = ()) -> str | None:
    """junior / senior, as written in a name ("Huber jun.") or a title ("sen."). In a name only
    beside another word: a name that is nothing but "Sen" is a name."""
    for text, is_title in [*((n, False) for n in names), *((t, True) for t in titles)]:
        words = [w for w in _NON_ALNUM.split(fold(text or "")) if w]
        for word in words:
            if word in GENERATIONS and (is_title or any(w not in GENERATIONS for w in words)):
                return GENERATIONS[word]
    return None


@_normalised
def phonetic(name: str | None) -> str:
    """Kölner Phonetik of the name's words (particles dropped), e.g. Meier/Meyer/Maier -> 67."""
    words = name_words(name)
    if not words:
        return ""
    return "-".join(code for _, code in cologne_phonetics.encode(" ".join(words)) if code)


@_normalised
def _word_code(word: str) -> str:
    codes = [code for _, code in cologne_phonetics.encode(word) if code]
    return codes[0] if codes else ""


# A digit inside a street's word (two letters after it), or starting a word of letters, is the
# letter a scanner or a hand made of it (5tadtp1atz); a house number's letter, also run into the
# street (3a, Hauptstr3a), and "1er" stay as written.
_STREET_READ_WRONG = re.compile(r"(?<=[a-z])[0134568](?=[a-z]{2})|\b[0134568](?=[a-z]{3})")


@_normalised
def normalise_street(street: str | None) -> tuple[str, str] | None:
    """('mariahilferstr', '12') from 'Mariahilfer Straße 12/3/7' or 'Mariahilferstr. 12 Stiege 3'."""
    if not street:
        return None
    text = _STREET_READ_WRONG.sub(lambda m: m.group().translate(_LOOK_ALIKE), fold(street))
    for pattern, replacement in _STREET_SUFFIXES:
        text = re.sub(pattern, replacement, text)
    match = re.search(r"^(.*?)(\d+\s*[a-z]?\b)", text)
    if not match:
        return _NON_ALNUM.sub("", text), ""
    return _NON_ALNUM.sub("", match.group(1)), match.group(2).replace(" ", "")


@_normalised
def _second_line(street: str | None) -> tuple[str, str] | None:
    """'Oyster Farm 9, Basedow Street': the street may be the line after the comma, the first a
    building's or an estate's name; ('basedowstr', '9') then, else None."""
    first, _, rest = (street or "").partition(",")
    line = normalise_street(first)
    if not rest.strip() or not line or not line[1] or re.search(r"\d", rest):
        return None
    other = normalise_street(f"{rest} {line[1]}")
    return other if other and len(other[0]) >= 4 else None


def _email_years(email: str | None) -> frozenset[str]:
    """The years an e-mail name may carry: four digits (roland1977), or two at its end (norbert59:
    1959; lena05: 2005)."""
    local = (email or "").split("@")[0]
    found = set(re.findall(r"(?<!\d)(19\d\d|20[0-2]\d)(?!\d)", local))
    two = re.search(r"(?<!\d)(\d\d)$", local)
    if two:
        found |= {f"19{two.group(1)}", f"20{two.group(1)}"}
    return frozenset(found)


EMAIL_BIRTH_YEARS = range(1920, 2016)      # the years in an e-mail name that can be a car buyer's birth year


def _other_generation(email_years: frozenset[str], birth: str | None) -> str | None:
    """The year an e-mail name carries when every birth year it may stand for is a generation
    away from `birth` (None where it names none, or one near)."""
    years = sorted(int(y) for y in email_years if int(y) in EMAIL_BIRTH_YEARS)
    if not birth or not years or any(abs(y - int(birth[:4])) < GENERATIONS_APART for y in years):
        return None
    return str(years[0])


_POST_BOX = re.compile(r"\b(postfach|pf|case postale|cp|c/o)\b.*$")
_HOUSE_NUMBER = re.compile(r"\d+\s*[a-z]?\b(?:\s*-\s*\d+\s*[a-z]?\b)?")
# What may stand between a house number and its staircase or door: "/", "Stg.", "Stiege", "Top", "Tür".
_FLAT_PART = re.compile(r"\s*/?\s*(?:(?:stiege|stg|st|top|tuer|tur|whg|wohnung|app|apt)\b\.?\s*)?(?:/\s*)?(\d+[a-z]?)\b")


@_normalised
def _flat(street: str | None) -> str:
    """The house number with staircase and door, one way however written ('12/3/7' from 12/3/7,
    12 Stg. 3 Tür 7 or 12/3/Top 7), so that the flats of a block differ; the house number alone
    where no flat is given. Not a post box (Postfach 437)."""
    text = _POST_BOX.sub("", fold(street or ""))
    house = _HOUSE_NUMBER.search(text)
    if not house:
        return ""
    parts, rest = [re.sub(r"\s+", "", house.group())], text[house.end():]
    while (part := _FLAT_PART.match(rest)) and len(parts) < 4:
        parts.append(part.group(1))
        rest = rest[part.end():]
    return "/".join(parts)


def _flat_relation(a: str, b: str) -> str:
    """"same" where both name one flat (the door, and the staircase where both give one), "other"
    where both give a flat written alike and it differs (neighbours in one block), else "unknown":
    12/3 and 12/3/7 may be one flat whose door one record left out."""
    x, y = a.split("/"), b.split("/")
    if len(x) < 2 or len(y) < 2 or x[0] != y[0]:
        return "unknown"
    if x[-1] == y[-1] and (len(x) != len(y) or x == y):
        return "same"
    return "other" if len(x) == len(y) else "unknown"


def phone_tail(number: str | None) -> str | None:
    """The last digits of a phone number however it was written (+43 664 ..., 0664/..., a number
    the phone library calls invalid): equal tails are one number."""
    digits = _DIGITS.sub("", number or "")
    return digits[-PHONE_TAIL:] if len(digits) >= PHONE_TAIL else None


def national_digits(number: str | None) -> str:
    """The national significant digits of a number however it was typed: without +43 / 0043, the
    trunk zero, or a trunk zero written after the country code ("+49 0151 ...")."""
    text = (number or "").strip()
    digits = _DIGITS.sub("", text)
    international = text.startswith("+") or digits.startswith("00")
    digits = digits[2:] if not text.startswith("+") and digits.startswith("00") else digits
    if international:
        for length in (1, 2, 3):                  # country calling codes are prefix-free
            if int(digits[:length] or 0) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                digits = digits[length:]
                break
    return digits.lstrip("0")


@functools.lru_cache(maxsize=65536)
def _is_mobile(number: str) -> bool:
    """Whether a number is a mobile one (personal), not a landline a household shares."""
    try:
        parsed = phonenumbers.parse(number if number.startswith("+") else "+" + _DIGITS.sub("", number), None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


def _is_landline(number: str) -> bool:
    """Whether a number is a landline wherever it was typed: the home's number in the mobile
    field ("0231 81305707") is still what a household shares. A national number is read in each
    country leadflow serves: a landline only where none reads it as a mobile one."""
    if len(_DIGITS.sub("", number)) < 8:
        return False
    types = set()
    for region in ((None,) if number.startswith("+") else ("DE", "AT", "CH")):
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            types.add(phonenumbers.number_type(parsed))
    return types == {phonenumbers.PhoneNumberType.FIXED_LINE}


# What a dealer system writes where it does not know the birth date (01.01.1900, the spreadsheet's
# day zero 30.12.1899, 01.01.0001, 31.12.9999): nobody's birth date, so no evidence either way.
_PLACEHOLDER_BIRTH = re.compile(r"(0000|0001|1800|1900)-01-01|1899-12-3[01]|9999-12-31")


def _birth(value) -> str | None:
    """The birth date as YYYY-MM-DD, also one the rules refused (implausible, or impossible such
    as 1945-04-93), as long as it has the eight digits: a typo in it still tells the person. A
    system's placeholder for "unknown" is none."""
    if isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value or "").strip()
        if re.fullmatch(r"\d{8}", text):
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        elif match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or _PLACEHOLDER_BIRTH.fullmatch(text):
        return None
    return text


def _known_first_name(word: str) -> bool:
    return word in KNOWN_FIRST_NAMES or word in _CANONICAL or word in _VARIANT_OF


@_normalised
def _whole_name(first_name: str | None, last_name: str | None) -> tuple[str | None, str | None]:
    """(first, last) where a sender wrote the whole name in one field and left the other empty:
    "Thaler, Thomas" (surname, comma, first name), "Rochat Daniel" or "Thomas Gruber" (two words,
    one of them a known first name and the other not). Anything else stays as written: "Müller
    Lüdenscheidt" is a double surname, "Anna Maria" two first names."""
    first_name, last_name = first_name or None, last_name or None
    if bool(first_name) == bool(last_name) or not isinstance(first_name or last_name, str):
        return first_name, last_name
    whole = first_name or last_name
    if "," in whole:
        surname, _, given = whole.partition(",")
        if name_words(surname) and name_words(given) and all(len(w) > 2 for w in name_words(given)) \
                and "," not in given:                   # not "Jäger, M.Sc."
            return given.strip(), surname.strip()
        return first_name, last_name
    words = [w for w in whole.split() if name_words(w)]
    if len(words) != 2 or any(len(name_words(w)) != 1 for w in words):
        return first_name, last_name
    known = [_known_first_name(name_words(w)[0]) for w in words]
    if known == [True, False]:
        return words[0], words[1]
    if known == [False, True]:
        return words[1], words[0]
    return first_name, last_name


@_normalised
def _surname_codes(words: tuple[str, ...]) -> tuple[str, ...]:
    """The code of each part of a surname, and of the parts written together ('Satte Rley')."""
    codes = [c for c in (_word_code(w) for w in words) if c]
    if len(words) > 1 and (whole := _word_code("".join(words))):
        codes.append(whole)
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class Profile:
    """The comparable form of a person (lead or customer)."""
    first: tuple[str, ...]
    last: tuple[str, ...]
    first_code: str
    last_codes: tuple[str, ...]             # one per word of the surname (a double name has two)
    email: str | None
    phones: frozenset[str]
    mobiles: frozenset[str]                 # the phones' tails that are mobile numbers (personal)
    checked_phones: frozenset[str]          # tails of numbers that passed the rules (a typed one may be cut off)
    birth: str | None
    postal: str | None
    city: str
    street: tuple[str, str] | None
    flat: str
    company: str
    generation: str | None
    last_plain: str = ""
    first_plain: str = ""
    numbers: frozenset[str] = frozenset()   # the national digits of every number
    typed_numbers: frozenset[str] = frozenset()   # ... of those the rules refused (kept as typed)
    name_ascii: tuple[str, ...] = ()        # the words of both names as an e-mail address writes them
    email_words: tuple[str, ...] = ()       # the words of the e-mail's local part as written (anna.huber)
    street_other: tuple[str, str] | None = None   # the second address line with the house number
    email_years: frozenset[str] = frozenset()     # birth years an e-mail name may carry (norbert59: 1959)
    birth_doubtful: bool = False            # refused by the rules (kept as typed), or over 100 years ago
    sex: str | None = None                  # "mr" or "ms", from the salutation (Herr, Frau, Madame...)
    company_words: frozenset[str] = frozenset()   # the company's name without its legal form, in any order

    @classmethod
    def of(cls, person: dict, problems: Iterable[dict] = ()) -> "Profile":
        """A person's profile; `problems` (what a sender gave that did not pass the rules) adds the
        phone numbers and e-mail as typed, so a number the phone library rejects still matches."""
        given = {p.get("field"): p.get("given") for p in problems or () if isinstance(p.get("given"), str)}
        phones = [person.get(f) or given.get(f) for f in ("phone", "mobile_phone", "work_phone")]
        checked = {phone_tail(person.get(f)) for f in ("phone", "mobile_phone", "work_phone")} - {None}
        first_name, last_name = _whole_name(person.get("first_name"), person.get("last_name"))
        last = tuple(name_words(last_name))
        first = tuple(name_words(first_name))
        return cls(
            first=first, last=last, first_code=phonetic(" ".join(first)),
            last_codes=_surname_codes(last),
            email=normalise_email(person.get("email") or given.get("email")),
            phones=frozenset(t for t in map(phone_tail, phones) if t),
            checked_phones=frozenset(checked),
            mobiles=frozenset(phone_tail(n) for f, n in zip(("phone", "mobile_phone", "work_phone"), phones)
                              if n and phone_tail(n) and (_is_mobile(n) or f == "mobile_phone" and not _is_landline(n))),
            birth=_birth(person.get("birth_date") or given.get("birth_date")),
            birth_doubtful=_doubtful_birth(person.get("birth_date"), given.get("birth_date")),
            sex=_sex(person.get("salutation"), given.get("salutation")),
            postal=(str(person["postal_code"]).strip() if person.get("postal_code") else None),
            city="".join(name_words(person.get("city"))),
            street=normalise_street(person.get("street")), flat=_flat(person.get("street")),
            company="".join(_NON_ALNUM.split(fold(person.get("company") or ""))),
            company_words=company_words(person.get("company")),
            generation=generation_of(last_name, first_name, titles=(person.get("title"), given.get("title"))),
            last_plain=plain(last_name), first_plain=plain(first_name),
            numbers=frozenset(national_digits(n) for n in phones if n) - {""},
            typed_numbers=frozenset(national_digits(given.get(f)) for f in ("phone", "mobile_phone", "work_phone")
                                    if not person.get(f) and given.get(f)) - {""},
            name_ascii=tuple(w for w in _NON_ALNUM.split(fold(f"{person.get('first_name') or ''} "
                                                              f"{person.get('last_name') or ''}"))
                             if len(w) > 1),
            street_other=_second_line(person.get("street")),
            email_years=_email_years(person.get("email") or given.get("email")),
            email_words=tuple(w for w in _EMAIL_WORD.findall(fold(
                (person.get("email") or given.get("email") or "").split("@")[0])) if w not in _TITLE_WORDS),
        )

    def swapped(self) -> "Profile":
        """The same person with first and last name exchanged (forms and people mix them up)."""
        return replace(self, first=self.last, last=self.first, first_code=phonetic(" ".join(self.last)),
                       last_codes=_surname_codes(self.first), first_plain=self.last_plain,
                       last_plain=self.first_plain)


# ------------------------------------------------------------------ blocking keys


RARE_SURNAME_SHARE = 0.01         # a surname this rare (of the master) is also looked up without a place
# How many members of a key's partition are read: identifiers are selective by nature; name keys
# are capped because a name alone never makes a duplicate.
KEY_LIMITS = {"e": 20, "p": 20, "h": 30, "y": 10, "t": 10, "b": 20, "g": 20, "n": 10, "c": 10, "f": 10, "k": 10, "m": 10,
              "i": 10, "j": 10, "a": 5, "l": 10}
SCARCE_SURNAME = 5                # a surname this few customers have is also looked up alone (all of them)
_NAME_KEYS = frozenset("fnclmabgij")   # the keys made of a name (with a place or birth date)
DEFAULT_KEY_LIMIT = 20


def key_limit(key: str) -> int:
    return KEY_LIMITS.get(key[0], DEFAULT_KEY_LIMIT)


# The keys whose change makes a check stale, strongest first: a customer appearing under an
# e-mail, phone, home or birth date key may be the very person, under a first name with a place
# too. The surname with a place or alone (m, l, a) is left out: a customer appearing there shares
# no first name with the lead, a relative (were it the person, another key would say so).
_GUARD_ORDER = "epyhgbtnckijf"


def guard_keys(keys: Iterable[str]) -> list[str]:
    """The keys a conversion re-checks, by how much a change under them could change the verdict."""
    return sorted((k for k in keys if k[0] in _GUARD_ORDER), key=lambda k: (_GUARD_ORDER.index(k[0]), k))


def surname_codes(p: Profile) -> tuple[str, ...]:
    """The phonetic code of each part of the surname, e.g. two for 'Müller-Lüdenscheidt'."""
    return p.last_codes


def _first_key(p: Profile) -> str | None:
    """The first name's code for keys: of the full name a short form stands for (Tom -> Thomas),
    so that a nickname finds the customer under the name the dealer system has."""
    if not p.first:
        return None
    full = sorted(_CANONICAL.get(p.first[0], ()))
    return phonetic(full[0]).split("-")[0] if len(full) == 1 else (p.first_code.split("-")[0] or None)


def customer_keys(p: Profile, first_key: str | None = None) -> set[str]:
    """The keys under which a customer is indexed. Each is selective by construction (its partition
    does not grow with the master), except f:, the name alone, read only for rare surnames."""
    keys = set()
    first = first_key or _first_key(p)
    if p.email:
        keys.add(f"e:{p.email}")
    keys |= {f"p:{tail}" for tail in p.phones}
    if p.street and p.street[1] and p.postal:
        keys.add(f"h:{p.postal}:{p.street[0][:4]}:{p.street[1]}")        # the building (a typo later in the street's name too)
    if p.birth and p.postal:
        keys.add(f"y:{p.postal}:{p.birth}")                               # born that day, living there
    if p.street and p.street[1]:
        # The street and house number without a postal code (leads often leave it out), with the
        # first name or each part of the surname, so that a typo in one still shares a key.
        where = f"{p.street[0][:6]}:{p.street[1]}"
        if first:
            keys.add(f"t:{where}:{first}")
        keys |= {f"t:{where}:{code}" for code in set(p.last_codes)}
    if p.birth and first:
        keys.add(f"g:{first}:{p.birth}")                                  # first name and birth date
    for code in set(p.last_codes):
        if p.birth:
            keys.add(f"b:{code}:{p.birth}")                               # each surname part and birth date
        if p.postal:
            keys.add(f"m:{code}:{p.postal}")                              # surname and postal code (no first name)
        if p.city:
            keys.add(f"l:{code}:{p.city}")                                # surname and town (no first name)
        if first:
            keys.add(f"f:{code}:{first}")
            if p.postal:
                keys.add(f"n:{code}:{first}:{p.postal}")
            if p.city:
                keys.add(f"c:{code}:{first}:{p.city}")
    if first and p.last and p.last[0]:
        # The first name and the place with only the surname's first letter: a surname mistyped
        # after its first letter (Lditner, Rumül, Wieshube) still shares this key.
        initial = p.last[0][0]
        if p.postal:
            keys.add(f"i:{first}:{p.postal}:{initial}")
        if p.city:
            keys.add(f"j:{first}:{p.city}:{initial}")
    # The surname alone: read only where the counters say few customers have it (SCARCE_SURNAME),
    # for a lead that gives nothing else to look up by, or a first name and place mistyped too.
    keys |= {f"a:{code}" for code in set(p.last_codes)}
    if p.company:
        # The company by its name's words, whatever their order and legal form (GmbH, Ges.m.b.H.).
        keys.add(f"k:{' '.join(sorted(p.company_words)) or p.company}"[:42])
    return keys


def lookup_keys(p: Profile, *, rare_surnames: Iterable[str] = (), scarce_surnames: Iterable[str] = ()) -> set[str]:
    """The keys to fetch a lead's candidates by: its own, those of its names swapped, the name
    without a place only for surnames rare in this master (those partitions are small too), and
    the surname alone only for surnames so scarce that its partition is read whole."""
    rare, scarce = set(rare_surnames), set(scarce_surnames)
    keys = customer_keys(p)
    if p.first and p.last:
        keys |= customer_keys(p.swapped())
    own = p.first_code.split("-")[0] if p.first else ""
    if own and own != _first_key(p):
        # A short form indexed before it was known as one (a customer stored as "Michi") sits
        # under its own code: the lead looks there too.
        keys |= customer_keys(p, first_key=own)
    for alias in email_aliases(p):
        keys |= {k for k in customer_keys(alias) if k[0] in _NAME_KEYS}
    # A lead that gives no place and no birth date (names and a new phone or e-mail) has no other
    # name key to be found by: its own full name is looked up whatever the surname, as far as the
    # key's limit reads (a common name's first members; the reads stay bounded).
    placeless = not (p.postal or p.city or (p.street and p.street[1]) or p.birth)
    full_name = {f"f:{code}:{_first_key(p)}" for code in p.last_codes} if placeless and p.first else set()
    return {k for k in keys if (not k.startswith("f:") or k.split(":")[1] in rare or k in full_name)
            and (not k.startswith("a:") or k.split(":")[1] in scarce)}


def email_aliases(p: Profile) -> list[Profile]:
    """The person under the names their e-mail address carries where the form gives others: the
    maiden name after a marriage (sabine.hochbauer@ from Sabine Haas), the first name a form left
    out (theresia.maier@ from Maier). Only a word beside the form's own first name or surname
    counts, so that the address says whose name it is."""
    words = p.email_words
    if len(words) != 2:
        return []
    aliases = []
    for own, other in (words, words[::-1]):
        if p.first and own == p.first[0] and (other,) != p.last:
            aliases.append(replace(p, last=(other,), last_codes=_surname_codes((other,)), last_plain=other))
        elif not p.first and p.last and own == p.last[0]:
            aliases.append(replace(p, first=(other,), first_code=phonetic(other), first_plain=other))
    return aliases


def surname_codes_looked_up(p: Profile) -> set[str]:
    """The surname codes a lead is looked up by: its own, of its names swapped, of its e-mail's."""
    return set(p.last_codes) | set(p.swapped().last_codes) | {c for a in email_aliases(p) for c in a.last_codes}


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
    rule: str | None = None                 # a hard rule that proves two people
    corroborated: bool = False              # more than names agree (an identifier, or the home)
    probability: float = 0.0
    duplicate: bool = False
    possible: bool = False
    twice: bool = False                     # the master seems to hold this person more than once
    generation_only: bool = False           # refused only for the customer's "jun." / "sen."
    evidence: float = 0.0                   # the score before any cap (orders candidates the cap ties)
    shared_only: bool = False               # met only by what a household shares (home, landline, family e-mail)

    @property
    def confidence(self) -> int:
        return round(self.probability * 100)

    @property
    def label(self) -> str:
        return "duplicate" if self.duplicate else "possible" if self.possible else "unlikely"


@dataclass(frozen=True)
class Thresholds:
    """When a candidate is called a duplicate or a possible duplicate (the tenant's settings)."""
    duplicate_at: float = 0.9
    possible_at: float = 0.2


# The score at which the probability is one half: the prior odds of a candidate being the person.
PRIOR_BITS = 14.0 - math.log2(9)           # 14 bits of evidence = 0.9
RIVAL_MARGIN = 6.0                          # bits by which the best of two different people must lead
# What names and a shared home can say without anything personal: one in ~25 such pairs is a
# junior and senior (or another namesake relative) at one address, so about 0.96.
NAME_AND_HOME_CAP = PRIOR_BITS + math.log2(0.96 / 0.04)
_NAME_AND_HOME = {"last_name", "first_name", "address", "postal_code", "city", "company", "generation"}
# What a candidate that is at most possible (names without anything that corroborates them;
# another first name in the household; "jun." on one side only) shows at most: on the set the
# weights were chosen on, such candidates whose evidence alone said 0.9 or more were the person
# 56% of the time when on top (bench/matching_eval.py prints the calibration of every set).
AT_MOST_POSSIBLE = 0.55


def probability(score: float) -> float:
    return 1 / (1 + 2 ** (-(score - PRIOR_BITS)))


def surname_weight(frequency: int, total: int) -> float:
    """log2(N / f): a surname shared by few customers identifies more than a common one."""
    low, high = SURNAME_WEIGHT_RANGE
    return max(low, min(high, math.log2(max(total, 1) / max(frequency, 1))))


def _short_form_of(a: str, b: str) -> bool:
    full_a, full_b = _CANONICAL.get(a, set()), _CANONICAL.get(b, set())
    return a in full_b or b in full_a or (a not in _SHORT_FORMS and b not in _SHORT_FORMS and bool(full_a & full_b))


def _written_together(whole: str, first: str) -> bool:
    """Annemarie and Anne, Karlheinz and Karl: a double first name written as one word, and its
    first name (as Hans-Peter and Hans)."""
    rest = whole[len(first):]
    return (len(first) >= 3 and len(rest) >= 3 and whole.startswith(first) and first in KNOWN_FIRST_NAMES
            and rest in KNOWN_FIRST_NAMES)


def _one_edit(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 4 and DamerauLevenshtein.distance(a, b) <= 1


_READ_WRONG = re.compile(r"(?<=[a-z])[0134568](?=[a-z])")


def _email_slip(a: str, b: str) -> bool:
    """One address written two ways by a slip: the same name at a provider one keystroke off
    (gmial.com, bluewih.ch: no provider of its own), or a digit read for the letter it looks like
    (s0nja.hofer@, a badge scanner's)."""
    (local_a, _, domain_a), (local_b, _, domain_b) = a.rpartition("@"), b.rpartition("@")
    same_name = _READ_WRONG.sub(lambda m: m.group().translate(_LOOK_ALIKE), local_a) == \
        _READ_WRONG.sub(lambda m: m.group().translate(_LOOK_ALIKE), local_b)
    domains = domain_a == domain_b or (min(len(domain_a), len(domain_b)) >= 6
                                       and domain_a.rsplit(".", 1)[-1] == domain_b.rsplit(".", 1)[-1]
                                       and DamerauLevenshtein.distance(domain_a, domain_b) <= 1)
    return a != b and len(local_a) >= 4 and same_name and domains


# What a badge scanner's text recognition reads one letter or pair as another: rn and m, vv and
# w, cl and d, i and l, e and c (digits for letters are read back in name_words already).
_OCR_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_OCR_LETTERS = str.maketrans("ie", "lc")


@_normalised
def _ocr_form(word: str) -> str:
    for pair, letter in _OCR_PAIRS:
        word = word.replace(pair, letter)
    return word.translate(_OCR_LETTERS)


def _misread(a: str, b: str) -> bool:
    """Two spellings a scanner may have made of one word (Thornas and Thomas, Svvobocla and
    Swoboda, Wagncr and Wagner)."""
    return a != b and len(a) >= 4 and _ocr_form(a) == _ocr_form(b)


def _two_edits(a: str, b: str) -> bool:
    """Two slips in a name long enough that two letters are not most of it."""
    return min(len(a), len(b)) >= 6 and DamerauLevenshtein.distance(a, b) <= 2


def _one_edit_code(a: str, b: str) -> bool:
    """Postal codes one digit off or with two digits swapped."""
    return len(a) == len(b) and DamerauLevenshtein.distance(a, b) <= 1


def _house_number_slip(a: str, b: str) -> bool:
    """House numbers a keystroke apart that are not the house next door: two digits swapped
    (12 / 21), a digit doubled or dropped (122 / 12), a letter added or left out (3a / 3). One
    digit for another (12 / 14) is a neighbour, maybe the son's house."""
    if not a or not b or a == b:
        return False
    if len(a) == len(b):
        return sorted(a) == sorted(b) and DamerauLevenshtein.distance(a, b) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) \
        and (not long_[-1].isdigit() or len(short) >= 2)


def _aligned_streets(lead: Profile, customer: Profile) -> tuple:
    """The streets to compare: as written, or a second address line where the first ones differ
    (a building's name written before the street on one side)."""
    a, b = lead.street, customer.street
    if not (a and b) or _same_street(a[0], b[0]):
        return a, b
    x, y = lead.street_other, customer.street_other
    if x and y:
        # Both give two lines: the second ones agree, or the lines are swapped (both cross over).
        pairs = [(x, y), (x, b)] if _same_street(a[0], y[0]) else [(x, y)]
    else:
        pairs = [(x, b)] if x else [(a, y)] if y else []
    return next(((p, q) for p, q in pairs if _same_street(p[0], q[0])), (a, b))


def _same_street(a: str, b: str) -> bool:
    """Street names equal, or one typo apart ('Yambina Cerscent', 'Yambina Crescent')."""
    return a == b or _one_edit(a, b) or (min(len(a), len(b)) >= 6 and JaroWinkler.similarity(a, b) >= 0.93)


@_normalised
def _known_spelling(name: str) -> str:
    """The known first name a mistyped one stands for (Maagdalena -> magdalena), else itself."""
    if name in KNOWN_FIRST_NAMES or name in _CANONICAL or len(name) < 5:
        return name                     # Franzi is Franziska's (or Franz's), not a Franz mistyped
    close = process.extract(name, _KNOWN_NEAR_LENGTH.get(len(name), ()), scorer=DamerauLevenshtein.distance,
                            score_cutoff=1, limit=2)
    return close[0][0] if len(close) == 1 else name


# The known first names one letter shorter, as long or one longer than a length: those one edit may reach.
_KNOWN_NEAR_LENGTH: dict[int, tuple[str, ...]] = {
    length: tuple(sorted(k for k in KNOWN_FIRST_NAMES if abs(len(k) - length) <= 1))
    for length in range(1, 1 + max(map(len, KNOWN_FIRST_NAMES)) + 1)}


def _spelling(name: str) -> str:
    """A first name without the letters that spell one sound two ways (ph/f, th/t, c/k, y/i, a
    silent final h, doubled letters), keeping its ending: Marco and Marko, Sara and Sarah, Carl and
    Karl are one name; Johann and Johanna, Maria and Marie stay two."""
    text = name.replace("ph", "f").replace("th", "t").replace("ck", "k").replace("c", "k").replace("y", "i")
    text = text[:-1] if len(text) > 3 and text.endswith("h") else text
    return re.sub(r"(.)\1+", r"\1", text)


def different_first_names(a: str | None, b: str | None) -> bool:
    """Both given, and not one name in any form: not the same, a short form, a sound-alike, a typo
    or an initial of the other (Katharina and Jürgen; not Hans and Johann, nor Jürgen and J.)."""
    x, y = tuple(name_words(a)), tuple(name_words(b))
    if not x or not y:
        return False
    return _first_names(x, y, phonetic(" ".join(x)), phonetic(" ".join(y)))[0] in ("differs", "known_differs")


def different_surnames(a: str | None, b: str | None) -> bool:
    """Both given, and not one name in any form: not the same, a sound-alike or a typo, nor a part
    of the other's double or married name (Wallner and Wagner-Test; not Huber and Huber-Fischer)."""
    x, y = Profile.of({"last_name": a}), Profile.of({"last_name": b})
    return bool(x.last and y.last) and _surnames(x, y)[0] in ("differs", "two_off")


def different_births(a: str | None, b: str | None) -> bool:
    """Two birth dates given that no typo makes one (another day and year)."""
    return _births(_birth(a), _birth(b))[0] in ("differs", "generations")


def _first_names(a: tuple[str, ...], b: tuple[str, ...], code_a: str, code_b: str) -> tuple[str, str]:
    """(level, detail). Two distinct known first names are two people (Johann, Johanna; Maria,
    Marie), unless one is a short form of the other; an unknown spelling close to the other name
    is a typo, and one close to a third known name is that name."""
    if not a or not b:
        return "missing", ""
    x, y = a[0], b[0]
    if "".join(a) == "".join(b):                                   # "isabe lla": a stray space
        return "exact", "same first name"
    if _VARIANT_OF.get(x, x) == _VARIANT_OF.get(y, y) and x != y:
        return "exact", f"first name {x} / {y}: one name written two ways"
    if x != y and not (_one_edit(x, y)):
        x, y = _known_spelling(x), _known_spelling(y)
    if x == y:
        return "exact", "same first name"
    if _VARIANT_OF.get(x, x) == _VARIANT_OF.get(y, y):
        return "exact", f"first name {x} / {y}: one name written two ways"
    if _written_together(x, y) or _written_together(y, x):
        return "exact", f"first name {x} / {y}: a double first name written as one word"
    if _short_form_of(x, y):
        if x in KNOWN_FIRST_NAMES and y in KNOWN_FIRST_NAMES:
            # Lena and Magdalena, Hans and Johann: often one person, but both are names of their
            # own too (a mother and a daughter), so the very name written weighs more.
            return "sound", f"first name {x} / {y}: a short form, or two people"
        return "exact", f"first name {x} / {y}: the same name"
    if len(x) == 1 or len(y) == 1:
        return ("initial", "first name given as its initial") if x[0] == y[0] else ("differs", "different first name")
    if x in KNOWN_FIRST_NAMES and y in KNOWN_FIRST_NAMES and len(a) == len(b) == 1:
        same_sound = code_a and code_a.split("-")[0] == code_b.split("-")[0] and x[-2:] == y[-2:]
        if same_sound or _spelling(x) == _spelling(y):            # Stefan / Stephan, Marco / Marko, Sara / Sarah
            return "sound", "first name spelled differently"
        return "known_differs", f"two different first names ({x}, {y})"
    if code_a and code_a.split("-")[0] == code_b.split("-")[0] and JaroWinkler.similarity(x, y) >= 0.85:
        return "sound", "first name sounds the same"
    if _one_edit(x, y) or JaroWinkler.similarity(x, y) >= 0.93:
        return "typo", "first name one keystroke off"
    if _misread(x, y):
        return "typo", "first name misread (a scanner's rn for m, cl for d, i for l)"
    if _two_edits(x, y) and not (x in KNOWN_FIRST_NAMES and y in KNOWN_FIRST_NAMES):
        # Cbristihe for Christine, a badge scanner's or a hurried hand's two slips: not the
        # same name, but not evidence of another person as a name of its own would be.
        return "two_off", "first name two letters off (two typos, or another name)"
    return "differs", "different first name"


def _surnames(lead: Profile, customer: Profile) -> tuple[str, str]:
    """(level, detail) of two surnames, double and married names included."""
    a, b = lead.last, customer.last
    if not a or not b:
        return "missing", ""
    ja, jb = "".join(a), "".join(b)
    if ja == jb:
        return "exact", "same surname"
    shared = set(a) & set(b)
    if shared:
        return "part", f"surnames share {sorted(shared)[0]} (a double or married name)"
    codes_a, codes_b = "-".join(lead.last_codes), "-".join(customer.last_codes)
    if codes_a and codes_a == codes_b and JaroWinkler.similarity(ja, jb) >= 0.8:
        return "sound", "surname sounds the same"
    if _one_edit(ja, jb) or _one_edit(lead.last_plain, customer.last_plain) or JaroWinkler.similarity(ja, jb) >= 0.93:
        return "typo", "surname one keystroke off"
    if _misread(ja, jb):
        return "typo", "surname misread (a scanner's rn for m, cl for d, i for l)"
    if any(_one_edit(x, y) or (_word_code(x) and _word_code(x) == _word_code(y) and
                               JaroWinkler.similarity(x, y) >= 0.85) for x in a for y in b):
        return "part_typo", "one part of the surname is close to the other's"
    if _two_edits(ja, jb) or _two_edits(lead.last_plain, customer.last_plain):
        return "two_off", "surname two letters off (two typos, or another name)"
    for one, other in ((lead, customer), (customer, lead)):
        # Sabine Haas writing from sabine.hochbauer@: the other's first and last name are her
        # e-mail's, a maiden or married name.
        if other.first and len(other.last) == 1 and sorted(one.email_words) == sorted((other.first[0], other.last[0])):
            return "part", f"the e-mail address carries the surname {other.last[0]} (a maiden or married name)"
    return "differs", "different surname"


def _homes(a: Profile, b: Profile, a_street: tuple | None, b_street: tuple | None) -> tuple[bool, bool, bool]:
    """(same street, same building, same home) of two records whose streets `_aligned_streets` gave."""
    same_street = bool(a_street and b_street and _same_street(a_street[0], b_street[0]))
    # Two doors of one block are two homes (a council estate has hundreds at one number).
    other_flat = _flat_relation(a.flat, b.flat) == "other" and a_street == a.street and b_street == b.street
    same_building = bool(same_street and a_street[1] and a_street[1] == b_street[1]) and not other_flat
    same_home = bool(a.postal and a.postal == b.postal and same_street and a_street[1] == b_street[1]) \
        and not other_flat
    return same_street, same_building, same_home


def _family_email(email: str, *people: Profile) -> bool:
    """A household's e-mail: familie.huber@, fam.gruber@, hutter.family@, the family's name in
    the plural (hubers@, die.mayrs@), or two first names (hansundmaria@, antonundleopoldine@).
    Everyone at home writes with it."""
    local = fold(email.split("@")[0])
    if re.search(r"famil|(^|[._-])fam([._-]|$)", local):
        return True
    plural = re.fullmatch(r"(?:die[._-]?)?([a-z]+)s\d*", local)
    if plural and any(plural.group(1) == "".join(p.last) for p in people if p.last):
        return True
    pair = re.fullmatch(r"([a-z]+)[._-]?(?:und|and)[._-]?([a-z]+)\d*", local)
    names = KNOWN_FIRST_NAMES | {p.first[0] for p in people if p.first}
    return bool(pair) and (pair.group(1) in names or pair.group(2) in names)


def _name_made(email: str, *people: Profile) -> bool:
    """Whether an e-mail's name is nothing but the people's first and last names (anna.mueller,
    mueller.a): what a namesake at another provider would write too."""
    rest = fold(email.split("@")[0])
    for word in sorted({w for p in people for w in p.name_ascii}, key=len, reverse=True):
        rest = rest.replace(word, "")
    # What is left must be a word of its own: digits alone are mostly a birth year, which a
    # namesake of the same age writes too (cetin1993).
    return len(re.sub(r"[^a-z]", "", rest)) < 3


def _phone_slip(lead: Profile, customer: Profile) -> str | None:
    """The tail (as in `mobiles`) of a number on one side that is the other side's number with one
    digit mistyped or two neighbours swapped, anywhere but in its last two digits, or a mobile
    number with one digit left out or typed twice (a mobile has no extensions: 0677 634205 beside
    0677 6342054 is no other line of one firm); None if none is."""
    for x in lead.numbers:
        for y in customer.numbers:
            if len(x) == len(y) >= 9 and x[-2:] == y[-2:] and DamerauLevenshtein.distance(x, y) == 1:
                return y[-PHONE_TAIL:]
            if (abs(len(x) - len(y)) == 1 and min(len(x), len(y)) >= 9 and x[-PHONE_TAIL:] in lead.mobiles
                    and y[-PHONE_TAIL:] in customer.mobiles and DamerauLevenshtein.distance(x, y) == 1):
                return y[-PHONE_TAIL:]
    return None


def _number_start(lead: Profile, customer: Profile) -> tuple[int, bool]:
    """(digits, mobile): how many national digits a number the rules refused (kept as typed) shares
    with the start of a number on the other side, where the shorter is the start of the longer
    ("0676 714" and +43 676 7147981; a number with its end typed twice); 0 when none does, or
    when the numbers agree in full anyway. `mobile`: the number is a mobile one (personal)."""
    if lead.phones & customer.phones:
        return 0, False
    best, mobile = 0, False
    mobiles = lead.mobiles | customer.mobiles
    for typed, others in ((lead.typed_numbers, customer.numbers), (customer.typed_numbers, lead.numbers)):
        for x in typed:
            for y in others:
                short, long_ = sorted((x, y), key=len)
                if len(short) >= PHONE_START_MIN and long_.startswith(short) and len(short) > best:
                    best, mobile = len(short), short[-PHONE_TAIL:] in mobiles or long_[-PHONE_TAIL:] in mobiles
    return best, mobile


_SALUTATION_WORD = {"mr": "Herr", "ms": "Frau"}


def _sex(valid, given) -> str | None:
    """"mr" or "ms" from a salutation that passed the rules, or from one as typed ("Herrn", "Sig.ra");
    None for none, Divers, Familie or Firma."""
    code = valid if valid in ("mr", "ms") else SALUTATION_ALIASES.get(" ".join(str(given or "").lower().split()))
    return code if code in ("mr", "ms") else None


def _doubtful_birth(valid, given) -> bool:
    """A birth date the rules refused (only the typed value is there), or one over 100 years ago."""
    birth = _birth(valid or given)
    return bool(birth) and (not valid or int(birth[:4]) < dt.date.today().year - 100)


def _births(a: str | None, b: str | None, doubtful: bool = False) -> tuple[str, str]:
    """How two birth dates compare; `doubtful`: one of them is a date the rules refused (kept as
    typed) or one over 100 years ago, a typo or a system's placeholder (11.11.1911) more often
    than a customer's: it proves no generation between the two."""
    if not a or not b:
        return "missing", ""
    if a == b:
        return "exact", "same birth date"
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return "swapped", "birth date with day and month swapped"
    apart = abs(int(a[:4]) - int(b[:4]))
    digits_a, digits_b = a.replace("-", ""), b.replace("-", "")
    if sum(x != y for x, y in zip(digits_a, digits_b)) == 1:
        # A parent's and a child's birth dates rarely differ in one digit only: a typo, but one in
        # the decade (1957 / 1977) is only counted when something personal agrees too.
        return ("digit", "birth date one digit off") if apart < 10 else ("digit_far", "birth year one digit off")
    if DamerauLevenshtein.distance(digits_a, digits_b) == 1:
        # 1968 / 1986 on the same day of the year: a parent and a child rarely share a birthday,
        # so two digits swapped in the year count as a typo where something personal agrees.
        if apart < 10:
            return "digit", "birth date with two digits swapped"
        if a[5:] == b[5:]:
            return "digit_far", "birth year with two digits swapped"
    if apart >= GENERATIONS_APART and doubtful:
        return "differs", f"birth years {apart} years apart, one of them a doubtful date"
    if apart >= GENERATIONS_APART:
        return "generations", f"birth years {apart} years apart"
    if a[:4] == b[:4]:
        return "month_year", "same birth year, other day"
    return "differs", "different birth date"


def compare(lead: Profile, customer: Profile, *, surname_frequency: int, total: int,
            thresholds: Thresholds = Thresholds(), swapped_frequency: int | None = None) -> Verdict:
    """Weigh every field; decide duplicate / possible duplicate / different person.
    `swapped_frequency`: how many customers share the lead's first name as a surname, which is
    what the surname is worth where the lead's names turn out swapped (Müller Alexander)."""
    cmp: list[Comparison] = []

    def add(field_name, outcome, weight, detail):
        cmp.append(Comparison(field_name, outcome, round(weight, 1), detail))

    first, first_detail = _first_names(lead.first, customer.first, lead.first_code, customer.first_code)
    last, last_detail = _surnames(lead, customer)
    if last in ("differs", "part_typo", "two_off") or first in ("differs", "known_differs", "two_off"):
        swapped = lead.swapped()
        s_first, s_first_detail = _first_names(swapped.first, customer.first, swapped.first_code, customer.first_code)
        s_last, s_last_detail = _surnames(swapped, customer)
        if s_last in ("exact", "part", "sound", "typo") and s_first in ("exact", "sound", "typo", "initial"):
            first, last = s_first, s_last
            first_detail, last_detail = s_first_detail, s_last_detail + " (first and last name swapped)"
            if swapped_frequency is not None:
                surname_frequency = swapped_frequency
        elif last == "differs" and first == "differs" and "exact" in (s_first, s_last) \
                and "differs" in (s_first, s_last):
            # One name in the other's field and the other one different (Drayson Kylke for Holly
            # Drayson): the name that moved agrees, the other is weighed as it differs.
            first, last = s_first, s_last
            first_detail = s_first_detail + (" (in the surname field)" if s_first == "exact" else "")
            last_detail = s_last_detail + (" (in the first-name field)" if s_last == "exact" else "")
            if s_last == "exact" and swapped_frequency is not None:
                surname_frequency = swapped_frequency
    sw = surname_weight(surname_frequency, total)
    if last != "missing":
        factor = {"exact": 1.0, "part": WEIGHTS["last_part"], "sound": WEIGHTS["last_sound"],
                  "typo": WEIGHTS["last_typo"], "part_typo": WEIGHTS["last_part_typo"]}.get(last)
        weight = sw * factor if factor is not None else WEIGHTS[f"last_{last}"]
        outcome = "agree" if last == "exact" else "disagree" if last in ("differs", "two_off") else "similar"
        add("last_name", outcome, weight, f"{last_detail}, {surname_frequency} of {total} customers share it"
            if last == "exact" else last_detail)
    rule = None
    if first != "missing":
        weight = {"exact": WEIGHTS["first_exact"], "sound": WEIGHTS["first_sound"], "typo": WEIGHTS["first_typo"],
                  "initial": WEIGHTS["first_initial"], "two_off": WEIGHTS["first_two_off"]}.get(first, WEIGHTS["first_differs"])
        add("first_name", "agree" if first == "exact" else "disagree" if "differs" in first or first == "two_off"
            else "similar",
            weight, first_detail)

    lead_street, customer_street = _aligned_streets(lead, customer)
    same_street, same_building, same_home = _homes(lead, customer, lead_street, customer_street)
    shared = WEIGHTS["shared_at_home"] if same_home else 1.0
    email_near = False              # an e-mail that is personal without being the same address
    name_made = None                # the same e-mail name made of the names, at another provider
    family = bool(lead.email and lead.email == customer.email and _family_email(lead.email, lead, customer))
    family_email = None
    same_company = bool(lead.company and customer.company) and (
        lead.company == customer.company or JaroWinkler.similarity(lead.company, customer.company) >= 0.95
        or bool(lead.company_words) and lead.company_words == customer.company_words)
    # Two records of a company and nobody in it (a fleet's inquiry, a firm in the master): the
    # company is the one they name, its address and its e-mail domain are its own.
    firms = same_company and not (lead.first or lead.last or customer.first or customer.last)
    firm_domain = False
    if lead.email and customer.email:
        if family:
            add("email", "agree", WEIGHTS["email_exact"] * WEIGHTS["shared_at_home"],
                "same family e-mail address (the household's)")
            family_email = cmp[-1]
        elif lead.email == customer.email:
            add("email", "agree", WEIGHTS["email_exact"] * shared, "same e-mail address")
        elif lead.email.split("@")[1] == customer.email.split("@")[1] and len(lead.email) >= 12 and \
                (lead.email[:3] == customer.email[:3] or first == last == "exact") and DamerauLevenshtein.distance(lead.email, customer.email) <= 1 \
                and _EMAIL_PUNCTUATION.sub("", lead.email) != _EMAIL_PUNCTUATION.sub("", customer.email) \
                and _DIGITS.sub("", lead.email) == _DIGITS.sub("", customer.email) \
                and _UMLAUT_SPELLING.sub(r"\1", lead.email) != _UMLAUT_SPELLING.sub(r"\1", customer.email) \
                and not (last != "exact" and _name_made(lead.email, lead) and _name_made(customer.email, customer)):
            # Not in the first letters (j.huber and a.huber are a household's two people) unless both
            # names agree (heemine.schmidt, Hermine Schmidt: her own name mistyped; s.hauer and
            # s.auer of Sabine Hauer and Sabine Auer are two people), not a
            # dot or underscore (claudia.muller and claudiamuller are two accounts, maybe two
            # people), not in its digits (hannah90, hannah92: a year or a number people choose), not
            # in how an umlaut is written (hansjuergen, hansjurgen: the name again, two accounts), and
            # not where each is made of its own names and the surnames differ so (birgit.kraus and
            # birgit.krause: the names again, not one account).
            add("email", "similar", WEIGHTS["email_typo"] * shared, "e-mail address one keystroke off")
            email_near = True
        elif _email_slip(lead.email, customer.email):
            add("email", "similar", WEIGHTS["email_typo"] * shared, "e-mail address mistyped in its provider"
                " or read wrong (s0nja for sonja)")
            email_near = True
        elif lead.email.split("@")[0] == customer.email.split("@")[0] and len(lead.email.split("@")[0]) >= 6:
            # The same e-mail name at another provider that is more than the person's names
            # (traktor58, huber.sepp1961): a namesake would not pick it, so it is personal.
            email_near = not _name_made(lead.email, lead, customer)
            add("email", "similar", WEIGHTS["email_local"] * shared, "same e-mail name at another provider"
                + (", not made of the name" if email_near else ""))
            if not email_near:
                name_made = cmp[-1]         # the name again: a junior of the same name writes it too
        elif same_company and lead.email.split("@")[1] == customer.email.split("@")[1]:
            # One company, two of its addresses (buero@ and the person's own): says nothing
            # against the person, whom the company field already names. Between two records of the
            # company alone, a domain that carries its name (einkauf@huber-logistik.at) is its own.
            domain = lead.email.split("@")[1]
            own = firm_domain = firms and any(len(w) > 2 and w in domain for w in lead.company_words | customer.company_words)
            add("email", "similar", WEIGHTS["email_typo"] if own else 0.0,
                "another address at the company's own domain" if own else "another address at the same company's domain")
        else:
            add("email", "disagree", WEIGHTS["email_differs"], "different e-mail address")
    landline, mobile_same, slip_mobile, mobile_differs = None, False, False, False
    start, start_mobile = _number_start(lead, customer)
    if start:
        weight = min(WEIGHTS["phone_same"], PHONE_DIGIT_BITS * (start - PHONE_PREFIX_DIGITS)) * shared
        add("phone", "similar", weight if start_mobile else weight * WEIGHTS["landline"],
            f"a phone number as typed agrees with the other's first {start} digits (cut short or typed twice)")
    elif lead.phones and customer.phones and (lead.phones & customer.phones or (
            lead.checked_phones and customer.checked_phones)):
        # A number kept only as typed (the rules refused it) may be cut short: it can agree, but
        # its difference says nothing.
        same = lead.phones & customer.phones
        # A landline on a side where the number passed the rules stays one, whatever the other
        # side's spelling made of it (0658 ... read as a mobile in another country).
        landlines = (lead.checked_phones - lead.mobiles) | (customer.checked_phones - customer.mobiles)
        if same & (lead.mobiles | customer.mobiles) - landlines:
            add("phone", "agree", WEIGHTS["phone_same"] * shared, "same mobile number")
            mobile_same = True
        elif same:
            add("phone", "agree", WEIGHTS["phone_same"] * shared * WEIGHTS["landline"],
                "same landline (a household shares one)")
            landline = cmp[-1]
        elif slip := _phone_slip(lead, customer):
            # One digit mistyped or two swapped, not at the end (a family's contract gives its
            # members numbers that differ there): one number, written wrong once.
            slip_mobile = slip in lead.mobiles | customer.mobiles
            add("phone", "similar", WEIGHTS["phone_typo"] * shared * (1.0 if slip_mobile else WEIGHTS["landline"]),
                ("mobile" if slip_mobile else "phone") + " number one digit mistyped")
            if not slip_mobile:
                landline = cmp[-1]
        elif lead.mobiles and customer.mobiles:
            add("phone", "disagree", WEIGHTS["mobile_differs"], "different mobile numbers")
            mobile_differs = True
        else:
            add("phone", "disagree", WEIGHTS["phone_differs"], "different phone number")
        if same and lead.mobiles and customer.mobiles and not lead.mobiles & customer.mobiles:
            add("mobile", "disagree", WEIGHTS["mobile_differs"], "different mobile numbers")
            mobile_differs = True

    birth, birth_detail = _births(lead.birth, customer.birth, lead.birth_doubtful or customer.birth_doubtful)
    if birth != "missing":
        weight = {"exact": WEIGHTS["birth_exact"], "swapped": WEIGHTS["birth_swapped"],
                  "digit": WEIGHTS["birth_digit"], "month_year": WEIGHTS["birth_month_year"],
                  "digit_far": 0.0}.get(birth, WEIGHTS["birth_differs"])
        add("birth_date", "agree" if birth == "exact" else "similar" if birth in ("swapped", "digit", "digit_far")
            else "disagree", weight, birth_detail)
    elif lead.email != customer.email and (lead.email_years & {(customer.birth or "")[:4]}
                                           or customer.email_years & {(lead.birth or "")[:4]}):
        # norbert59@, sabine.fischer77@: most numbers people put in an e-mail name are their
        # birth year; a namesake's is one of some sixty.
        add("birth_year", "similar", WEIGHTS["birth_in_email"], "the e-mail address carries the birth year")
    elif lead.email != customer.email and (year := _other_generation(lead.email_years, customer.birth)
                                           or _other_generation(customer.email_years, lead.birth)):
        # fink74@ for a Josef Fink born 1948: a year in an e-mail name is mostly its owner's birth
        # year, and one a generation away from the other's birth date is the junior's or senior's.
        add("birth_year", "disagree", WEIGHTS["birth_not_in_email"],
            f"the e-mail address carries {year}, a generation from the other's birth year")

    same_flat = same_building and _flat_relation(lead.flat, customer.flat) == "same"
    other_flat = (same_street and not same_building and lead_street[1] == customer_street[1]
                  and _flat_relation(lead.flat, customer.flat) == "other")
    if lead.postal and customer.postal:
        if lead.postal != customer.postal and _one_edit_code(lead.postal, customer.postal) and same_building:
            add("address", "agree", WEIGHTS["building"] - 2, "same street and house number, postal code one digit off")
        elif lead.postal != customer.postal and _one_edit_code(lead.postal, customer.postal) and same_street:
            add("address", "similar", WEIGHTS["street"], "same street, postal code one digit off")
        elif lead.postal != customer.postal and same_building and lead.city and lead.city == customer.city:
            # Nobody moves to the same street and house number in the same town: the code is mistyped.
            add("address", "agree", WEIGHTS["building"] - 2, "same street, house number and town, other postal code")
        elif lead.postal != customer.postal:
            add("postal_code", "disagree", WEIGHTS["postal_differs"], "another postal code (moved, or someone else)")
        elif same_flat:
            add("address", "agree", WEIGHTS["flat"], "same address, same flat")
        elif same_building:
            add("address", "agree", WEIGHTS["building"], "same street and house number")
        elif other_flat:
            add("address", "similar", WEIGHTS["street"], "same building, another flat (a neighbour)")
        elif same_street and _house_number_slip(lead_street[1], customer_street[1]):
            add("address", "agree", WEIGHTS["building"] - 2, "same street, house number mistyped")
        elif same_street:
            add("address", "similar", WEIGHTS["street"], "same street, other house number")
        else:
            add("postal_code", "agree", WEIGHTS["postal_same"], "same postal code")
    elif lead.city and lead.city == customer.city and same_building:
        # Leads often leave the postal code out: the street and house number in the same town are
        # the same home all the same.
        add("address", "agree", WEIGHTS["flat" if same_flat else "building"],
            "same town, street and house number" + (", same flat" if same_flat else ""))
    elif lead.city and lead.city == customer.city:
        add("city", "agree", WEIGHTS["city_same"], "same town")
    elif same_building and not (lead.postal and customer.postal) and not (lead.city and customer.city):
        # One side names no place to compare (a form without postal code and town): the street and
        # house number still tell the home, though a Hauptstraße 5 is in many towns.
        add("address", "agree", WEIGHTS["flat" if same_flat else "building"] - WEIGHTS["place_unknown"],
            "same street and house number" + (", same flat" if same_flat else "") + " (no town given to compare)")

    if lead.company and customer.company:
        add("company", "agree" if same_company else "disagree",
            WEIGHTS["company_same" if same_company else "company_differs"],
            "same company" if same_company else "another company")

    if lead.generation and customer.generation and lead.generation != customer.generation:
        rule = "junior and senior: two people"
        add("generation", "disagree", 0.0, f"{lead.generation} / {customer.generation}")
    elif bool(lead.generation) != bool(customer.generation):
        add("generation", "similar", WEIGHTS["generation_one_sided"], "junior or senior written on one side only")

    # Herr and Frau, and first names that are not one name (or none to compare): a man and a woman
    # (Pedro's e-mail in Sofia's form, twins, a couple). Only the same birth date together with a
    # personal contact says that one of the salutations is a slip.
    man_and_woman = bool(lead.sex and customer.sex and lead.sex != customer.sex
                         and first not in ("exact", "sound", "typo"))
    if man_and_woman:
        add("salutation", "disagree", WEIGHTS["man_and_woman"],
            f"{_SALUTATION_WORD[lead.sex]} / {_SALUTATION_WORD[customer.sex]} and "
            + ("no first name to compare" if first == "missing" else "another first name") + ": a man and a woman")
    outcome = {c.field: c.outcome for c in cmp}
    identifiers = [f for f in ("email", "phone", "birth_date") if outcome.get(f) == "agree"]
    if email_near:
        identifiers.append("email")
    # A contact of the person's own (not the home's landline nor the family's e-mail) agrees, or differs.
    own_contact = (outcome.get("email") == "agree" and not family) or email_near or mobile_same or slip_mobile
    other_contact = outcome.get("email") == "disagree" or mobile_differs
    if first == "known_differs":
        # Household members share address, landline and family e-mail; their first names differ.
        # Only the same birth date and a personal contact say it is one person, mistyped.
        if birth == "exact" and own_contact:
            cmp[[c.field for c in cmp].index("first_name")] = Comparison(
                "first_name", "similar", WEIGHTS["first_initial"], first_detail + ", but birth date and contact agree")
        else:
            rule = rule or first_detail + ": two people"
    if birth == "generations":
        rule = rule or birth_detail + ": parent and child, not one person"
    number_start = start >= PHONE_START_PERSONAL and start_mobile
    if man_and_woman and birth == "exact" and (outcome.get("email") == "agree" or mobile_same or number_start):
        man_and_woman = False
    if number_start or slip_mobile:
        identifiers.append("phone")
    personal = (outcome.get("email") == "agree" and not family or email_near or birth in ("exact", "swapped", "digit")
                or bool(lead.mobiles & customer.mobiles) or mobile_same or number_start or slip_mobile)
    # "jun." on one side only, and nothing personal agrees: this may be the one, or the other one
    # of that name (at most possible; no rule: a lead that says neither fits either).
    one_sided = bool(lead.generation) != bool(customer.generation) and not personal and not rule
    if one_sided:
        marked = cmp[[c.field for c in cmp].index("generation")]
        marked.detail = f"{lead.generation or customer.generation} on one side only, and nothing personal agrees"
    generation_only = one_sided and not lead.generation     # the customer's "sen.", the lead says neither
    score = evidence = sum(c.weight for c in cmp)
    # Both birth dates known and too close for a parent and a child (the same year, or years apart
    # that no generation is): the junior or senior who lives there too is ruled out, and one of
    # the dates is mistyped or someone else's.
    generation_ruled_out = birth in ("month_year", "differs") and first in ("exact", "sound", "typo") \
        and last in ("exact", "sound", "typo")
    if not personal and not generation_ruled_out:
        # Names and home alone: a junior or senior of the same name lives there too, so they
        # say at most NAME_AND_HOME_CAP; a differing e-mail or mobile then counts against it. The
        # home's landline and the family's e-mail are part of the home: the junior answers and reads them too.
        at_home = sum(c.weight for c in cmp if c.field in _NAME_AND_HOME or any(c is x for x in (landline, name_made, family_email)))
        score = min(at_home, NAME_AND_HOME_CAP) + (score - at_home)
    verdict = Verdict(score=score, comparisons=cmp, rule=rule, generation_only=generation_only, evidence=evidence)
    # A sparse record (no street on one side) in the same postal code (a town may be a city of
    # millions), the surname written alike, and no differing mobile: the place is all there is to
    # compare the home by, and it agrees.
    sparse_place = (not (lead.street and customer.street) and outcome.get("last_name") == "agree"
                    and outcome.get("postal_code") == "agree"
                    and not (lead.mobiles and customer.mobiles and not lead.mobiles & customer.mobiles))
    verdict.corroborated = _corroborated(outcome, identifiers, sparse_place, generation_ruled_out,
                                         firm_signs=firms + firm_domain)
    verdict.probability = 0.0 if rule else probability(score)
    household = same_home or landline is not None or family
    verdict.shared_only = household and not personal
    other_member = (first in ("differs", "two_off") and household and birth not in ("exact", "swapped", "digit")
                    and not mobile_same and not number_start and not slip_mobile)
    # Thomas and Martin Stöger, born the same day at one address, each with his own mobile: twins
    # (or brothers) whom a first name tells apart, not one man with his name mistyped.
    twins = first == "differs" and birth == "exact" and other_contact and not own_contact
    if twins:
        marked = cmp[[c.field for c in cmp].index("first_name")]
        marked.detail += ", and a contact of their own differs (twins?)"
    # Dani Frei and Daniel Schmid of one firm: the company, its address, its telephone and its
    # e-mail domain are what colleagues share; another surname there, and nothing personal, is
    # another employee, perhaps.
    colleague = same_company and last == "differs" and not personal
    if colleague:
        marked = cmp[[c.field for c in cmp].index("company")]
        marked.detail += ", another surname and nothing personal agrees (a colleague?)"
    if not verdict.corroborated or other_member or one_sided or man_and_woman or twins or colleague:
        # Names and a town alone: possibly the person, never more. So too another first name in
        # the home, met by what its people share (the address, the landline, the family e-mail),
        # and a junior or senior on one side only.
        verdict.probability = min(verdict.probability, AT_MOST_POSSIBLE, thresholds.duplicate_at - 0.01)
    verdict.duplicate = verdict.probability >= thresholds.duplicate_at
    verdict.possible = not verdict.duplicate and verdict.probability >= thresholds.possible_at
    return verdict


def _corroborated(outcome: dict[str, str], identifiers: list[str], sparse_place: bool = False,
                  generation_ruled_out: bool = False, firm_signs: int = 0) -> bool:
    """More than names agree: a personal identifier (e-mail, phone, exact birth date), or two
    weaker signs together (the home, a birth date one typo off, the first name; the same place
    where one side gives no street to tell the home by; between two records of a company alone, the
    company and its e-mail domain). A surname alone never makes a duplicate, and a name in a town
    the other side lives elsewhere in (another street given) neither: a junior who moved out is that."""
    if identifiers:
        return True
    contradicted = outcome.get("birth_date") == "disagree" and not generation_ruled_out
    signs = [outcome.get("address") == "agree", outcome.get("birth_date") == "similar",
             outcome.get("first_name") in ("agree", "similar"), sparse_place,
             firm_signs >= 1, firm_signs >= 2]
    return sum(signs) >= 2 and not contradicted


def rank(verdicts: list[tuple[str, Verdict]]) -> list[tuple[str, Verdict]]:
    """Best first: duplicates, then possible ones, by probability; then the rest by evidence,
    a candidate a rule calls another person among them (the father at the same address with the
    same e-mail is worth showing before a namesake elsewhere); a tie that a cap made (names and
    home say at most 0.96) by all the evidence, the rest by id (the same order every time)."""
    def order(kv):
        cid, v = kv
        tier = 0 if v.duplicate else 1 if v.possible else 2
        return (tier, -v.probability if tier < 2 else 0.0, -v.score, -v.evidence, cid)
    return sorted(verdicts, key=order)


# ------------------------------------------------------------------ the check


@dataclass
class Check:
    ranked: list[tuple[str, Verdict]]
    heads: dict[str, int]                   # key -> its change counter (what the check looked at)
    items_read: int
    candidates_scored: int


def check(person: dict, problems: Iterable[dict], *, read_counters: Callable[[list[str]], tuple[dict, int]],
          read_keys: Callable[[dict[str, int]], tuple[dict, int]],
          read_customers: Callable[[set[str]], dict[str, tuple[dict, list]]],
          thresholds: Thresholds = Thresholds()) -> Check:
    """The duplicate check, with the storage behind three readers (DynamoDB in the service, a
    dictionary in the benchmark): counters (surname frequencies and the master's size), match
    keys (their members), and customers (person data and problems by id)."""
    lead = Profile.of(person, problems)
    codes = sorted(surname_codes_looked_up(lead))
    counters, read = read_counters(["total"] + [f"s:{c}" for c in codes])
    total = counters.get("total", 0)
    frequency = lambda code: counters.get(f"s:{code}", 0)        # noqa: E731
    keys = lookup_keys(lead, rare_surnames=[c for c in codes if frequency(c) <= max(1.0, RARE_SURNAME_SHARE * total)],
                       scarce_surnames=[c for c in codes if 0 < frequency(c) <= SCARCE_SURNAME])
    found, key_reads = read_keys({k: key_limit(k) for k in sorted(keys)})
    candidates = read_customers({cid for _, members in found.values() for cid in members})
    surname_frequency = min((frequency(c) for c in lead.last_codes), default=0)
    swapped_frequency = min((frequency(c) for c in lead.swapped().last_codes), default=0)
    profiles = {cid: Profile.of(data, customer_problems) for cid, (data, customer_problems) in candidates.items()}

    def judge(profile: Profile) -> Verdict:
        return compare(lead, profile, surname_frequency=surname_frequency, total=total,
                       swapped_frequency=swapped_frequency, thresholds=thresholds)

    verdicts = [(cid, judge(profile)) for cid, profile in profiles.items()]
    ranked = rank(verdicts)
    home = {k for k in customer_keys(profiles[ranked[0][0]]) if k.startswith("h:")} - found.keys() \
        if ranked and ranked[0][1].duplicate and ranked[0][1].shared_only else set()
    if home:
        # Met only by what a household shares: who else lives there decides whether the lead names
        # one person or only the home (a large master's name keys may not have read them).
        more, more_reads = read_keys({k: key_limit(k) for k in sorted(home)})
        found |= more
        key_reads += more_reads
        housemates = read_customers({cid for _, members in more.values() for cid in members} - profiles.keys())
        candidates |= housemates
        for cid, (data, customer_problems) in housemates.items():
            profiles[cid] = Profile.of(data, customer_problems)
            verdicts.append((cid, judge(profiles[cid])))
        ranked = rank(verdicts)
    _settle_rivals(ranked, profiles, surname_frequency, total, thresholds)
    _settle_household(ranked, profiles, surname_frequency, total, thresholds)
    _one_person(ranked, thresholds)
    return Check(ranked, {k: v for k, (v, _) in found.items()}, read + key_reads + len(candidates), len(candidates))


def _one_person(ranked: list[tuple[str, Verdict]], thresholds: Thresholds) -> None:
    """A lead is one person, or nobody in the master: a candidate that is at most possible is the
    person only where none of the others is. Its probability becomes its odds over one plus the
    odds of every candidate, so that ten namesakes are not each 55% the person and a housemate
    beside a sure duplicate is unlikely. Duplicates keep theirs (the master may hold the person
    twice; two different people were settled above). The order stays: one divisor for all."""
    def odds(p: float) -> float:
        return p / (1 - p) if p < 1 else 2.0 ** 60

    all_odds = 1 + sum(odds(v.probability) for _, v in ranked)
    for _, verdict in ranked:
        if not verdict.duplicate and verdict.probability:
            verdict.probability = odds(verdict.probability) / all_odds
            verdict.possible = verdict.probability >= thresholds.possible_at


def _housemates(a: Profile, b: Profile) -> bool:
    """Two records at one home: the same address, landline or family e-mail."""
    same_home = _homes(a, b, *_aligned_streets(a, b))[2]
    landline = (a.checked_phones - a.mobiles) & (b.checked_phones - b.mobiles)
    family = bool(a.email and a.email == b.email and _family_email(a.email, a, b))
    return same_home or bool(landline) or family


def _entered_twice(a: Profile, b: Profile, surname_frequency: int, total: int, thresholds: Thresholds) -> bool:
    """Two master records of one person: a duplicate of each other, their birth dates (if both
    are known) the same or one typo apart. Two Walters at one address with their own mobiles, or
    namesakes in two towns, are two people even where no rule proves it."""
    other_birth = a.birth and b.birth and _births(a.birth, b.birth, a.birth_doubtful or b.birth_doubtful)[0] not in ("exact", "swapped", "digit")
    return not other_birth and compare(a, b, surname_frequency=surname_frequency, total=total,
                                       thresholds=thresholds).duplicate


def _settle_household(ranked: list[tuple[str, Verdict]], profiles: dict[str, Profile], surname_frequency: int,
                      total: int, thresholds: Thresholds) -> None:
    """A duplicate met only by what a household shares (its home, landline, family e-mail) while
    another customer of that home fits the lead's names as well (a lead with the surname alone;
    the same first name): the lead names the household, not which of them it is, so it is at
    most possible. Not where the two records are one person entered twice."""
    if not ranked or not ranked[0][1].duplicate or not ranked[0][1].shared_only:
        return
    best_id, best = ranked[0]
    marked = any(c.field == "generation" for c in best.comparisons)

    def names_fit(v: Verdict) -> bool:
        """The names fit as well: none differs, and no "jun." / "sen." on one side only where the
        best candidate agrees in it (a lead marked "sen." is not its unmarked namesake)."""
        return v.rule is None and all(c.outcome != "disagree" for c in v.comparisons
                                      if c.field in ("first_name", "last_name")) \
            and (marked or not any(c.field == "generation" for c in v.comparisons))

    for cid, other in ranked[1:]:
        a, b = profiles[best_id], profiles[cid]
        if names_fit(other) and _housemates(a, b) and not _entered_twice(a, b, surname_frequency, total, thresholds):
            best.duplicate, best.possible = False, True
            best.probability = min(best.probability, thresholds.duplicate_at - 0.01)
            return


def _own_contact(verdict: Verdict) -> str | None:
    """The personal contact (not the household's) in which the lead agrees with a candidate."""
    for c in verdict.comparisons:
        if c.outcome == "agree" and (c.field == "email" and "family" not in c.detail
                                     or c.field == "phone" and c.detail == "same mobile number"):
            return c.field
    return None


def _bridged(a_verdict: Verdict, b_verdict: Verdict, a: Profile, b: Profile) -> bool:
    """Two records the lead ties together: its mobile is one's and its own e-mail the other's, the
    first names agree with it, and no birth dates tell them apart. The master holds one person
    twice, each record with half of her contacts (Maria Huber-Fischer with the mobile, Maria
    Fischer-Huber with the e-mail), which compared with each other alone share nothing personal."""
    contacts = _own_contact(a_verdict), _own_contact(b_verdict)
    names_agree = all(c.outcome != "disagree" for v in (a_verdict, b_verdict) for c in v.comparisons
                      if c.field in ("first_name", "salutation", "generation", "birth_date"))
    other_birth = a.birth and b.birth and _births(a.birth, b.birth, a.birth_doubtful or b.birth_doubtful)[0] \
        not in ("exact", "swapped", "digit")
    return (None not in contacts and contacts[0] != contacts[1] and names_agree and not other_birth
            and a_verdict.rule is None and b_verdict.rule is None and bool(a.first and b.first))


def _settle_rivals(ranked: list[tuple[str, Verdict]], profiles: dict[str, Profile], surname_frequency: int,
                   total: int, thresholds: Thresholds) -> None:
    """Several duplicates: if they are one person entered twice, all stay duplicates (marked); if
    they are different people (junior and senior, spouses), the lead cannot tell which it is, so
    none is more than possible. So too where a customer refused only for "sen." written on its
    side alone fits the lead about as well."""
    duplicates = [(cid, v) for cid, v in ranked if v.duplicate]
    if duplicates and any(v.generation_only and duplicates[0][1].score - v.score < RIVAL_MARGIN for _, v in ranked):
        # "Friedrich M. sen." and "Friedrich M." at one address, and a lead that says neither: it
        # fits the senior as well as the other, so the other is only possible.
        for _, v in duplicates:
            v.duplicate, v.possible = False, True
        return
    if len(duplicates) < 2:
        return
    (best_id, best), twins = duplicates[0], []
    for cid, rival in duplicates[1:]:
        if _entered_twice(profiles[best_id], profiles[cid], surname_frequency, total, thresholds) \
                or _bridged(best, rival, profiles[best_id], profiles[cid]):
            twins.append(rival)                       # the same person again
        elif best.score - rival.score < RIVAL_MARGIN:
            best.duplicate, best.possible = False, True   # two people, and the lead fits both
            rival.duplicate, rival.possible = False, True
        else:
            rival.duplicate, rival.possible = False, True
    if best.duplicate and twins:
        for v in [best, *twins]:
            v.twice = True
