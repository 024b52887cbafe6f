"""ISO 3166-1 alpha-2 country codes, the names people write for them, and postal code formats of the countries leadflow serves."""
import re

from .text import fold

ISO_COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

# Postal code formats; other countries get a generic shape check.
_POSTAL_FORMATS = {
    "AT": (re.compile(r"^[1-9]\d{3}$"), "4 digits, e.g. 1010"),
    "DE": (re.compile(r"^\d{5}$"), "5 digits, e.g. 80331"),
    "CH": (re.compile(r"^[1-9]\d{3}$"), "4 digits, e.g. 8001"),
    "LI": (re.compile(r"^94(8[5-9]|9[0-8])$"), "4 digits from 9485 to 9498"),
    "IT": (re.compile(r"^\d{5}$"), "5 digits"),
    "FR": (re.compile(r"^\d{5}$"), "5 digits"),
    "NL": (re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$"), "4 digits and 2 letters, e.g. 1012 AB"),
    "BE": (re.compile(r"^[1-9]\d{3}$"), "4 digits"),
    "LU": (re.compile(r"^\d{4}$"), "4 digits"),
    "DK": (re.compile(r"^\d{4}$"), "4 digits"),
    "SI": (re.compile(r"^\d{4}$"), "4 digits"),
    "HU": (re.compile(r"^\d{4}$"), "4 digits"),
    "CZ": (re.compile(r"^\d{3} ?\d{2}$"), "5 digits, e.g. 110 00"),
    "SK": (re.compile(r"^\d{3} ?\d{2}$"), "5 digits, e.g. 811 01"),
    "PL": (re.compile(r"^\d{2}-\d{3}$"), "NN-NNN, e.g. 00-950"),
}
_GENERIC_POSTAL = re.compile(r"^[0-9A-Z][0-9A-Z -]{1,9}$")
# Users often type the country prefix: "A-1010", "D-80331", "CH-8001", "L-1724", "I-39100".
_COUNTRY_PREFIX = re.compile(r"^(A|D|CH|FL|AT|DE|LI|L|LU|I|IT|F|FR|B|BE|H|HU)[- ]", re.IGNORECASE)


def normalise_postal_code(value: str, country: str) -> str:
    """Upper-case, trimmed, without a country prefix; raises ValueError naming the expected format."""
    code = _COUNTRY_PREFIX.sub("", value.strip().upper())
    pattern, expected = _POSTAL_FORMATS.get(country, (_GENERIC_POSTAL, "a postal code"))
    if not pattern.match(code):
        raise ValueError(f"not a valid postal code for {country}: expected {expected}")
    return code


# A few towns whose name settles a four-digit postal code between Austria, Switzerland and
# Liechtenstein; folded (see text.fold). Anything else falls back to the phone or the tenant.
_TOWNS = {
    "AT": ("wien", "graz", "linz", "salzburg", "innsbruck", "klagenfurt", "villach", "wels",
           "st polten", "sankt polten", "dornbirn", "bregenz", "feldkirch", "steyr", "leoben",
           "wiener neustadt", "krems", "baden", "modling", "eisenstadt", "kufstein", "lienz"),
    "CH": ("zurich", "geneve", "genf", "basel", "bern", "lausanne", "luzern", "st gallen",
           "sankt gallen", "winterthur", "lugano", "biel", "thun", "chur", "schaffhausen", "zug"),
    "LI": ("vaduz", "schaan", "balzers", "triesen", "eschen", "mauren", "triesenberg", "ruggell",
           "gamprin", "schellenberg", "planken"),
}
_PREFIX_COUNTRY = {"A": "AT", "AT": "AT", "D": "DE", "DE": "DE", "CH": "CH", "FL": "LI", "LI": "LI",
                   "L": "LU", "LU": "LU", "I": "IT", "IT": "IT", "F": "FR", "FR": "FR", "B": "BE", "BE": "BE",
                   "H": "HU", "HU": "HU"}
# Four digits and two letters (1012 AB) are a Dutch postal code and nothing else.
_DUTCH = _POSTAL_FORMATS["NL"][0]
_DIGITS = re.compile(r"^(?:(?P<prefix>[A-Za-z]{1,2})[- ])?(?P<digits>\d{4,5})$")
_CODE_AND_TOWN = re.compile(r"^(?P<code>(?:[A-Za-z]{1,2}[- ])?\d{4,5})[ ,]+(?P<town>\D.*)$")


def split_code_and_town(value: str) -> tuple[str, str | None]:
    """('1010', 'Wien') from '1010 Wien' typed into the postal code field; (value, None) otherwise."""
    match = _CODE_AND_TOWN.match(value.strip())
    return (match["code"], match["town"].strip()) if match else (value.strip(), None)


def infer_country(*, postal_code: str | None, city: str | None, phone_countries: list[str],
                  default: str) -> tuple[str, bool]:
    """The country of an address given without one, and whether the address itself said so.

    A typed prefix (D-80331) or the length of the code decides (five digits: Germany; four:
    Austria, Switzerland or Liechtenstein, told apart by the town, else the phone's country, else
    the tenant's); without a postal code, an international phone number's country; else the
    tenant's country (address_known False).
    """
    match = _DIGITS.match((postal_code or "").strip())
    if match:
        if match["prefix"]:
            country = _PREFIX_COUNTRY.get(match["prefix"].upper())
            if country:
                return country, True
        if len(match["digits"]) == 5:
            return ("DE" if default not in ("IT", "FR") else default), True
        town = " ".join(fold(city or "").replace("-", " ").replace(".", " ").split())
        for country, towns in _TOWNS.items():
            if town and (town in towns or town.split(" ")[0] in towns):
                return country, True
        for country in phone_countries:
            if country in ("AT", "CH", "LI"):
                return country, True
        return default, True
    if _DUTCH.match((postal_code or "").strip().upper()):
        return "NL", True
    for country in phone_countries:
        return country, False
    return default, False


# Country names forms and exports write, in German and English (the region's neighbours and the
# countries their customers most often come from), and car-plate letters.
_COUNTRIES = {code: code for code in ("AT", "DE", "CH", "LI", "IT")}
_COUNTRIES.update({
    "Österreich": "AT", "Austria": "AT", "A": "AT", "AUT": "AT",
    "Deutschland": "DE", "Germany": "DE", "D": "DE", "DEU": "DE", "BRD": "DE",
    "Schweiz": "CH", "Switzerland": "CH", "Suisse": "CH", "Svizzera": "CH", "CHE": "CH",
    "Liechtenstein": "LI", "FL": "LI", "LIE": "LI",
    "Italien": "IT", "Italy": "IT", "Italia": "IT", "I": "IT", "ITA": "IT",
})
_COUNTRIES.update({
    "Vereinigtes Königreich": "GB", "Großbritannien": "GB", "United Kingdom": "GB", "UK": "GB", "GB": "GB",
    "Great Britain": "GB", "England": "GB", "Schottland": "GB", "Scotland": "GB", "Wales": "GB",
    "Irland": "IE", "Ireland": "IE", "Frankreich": "FR", "France": "FR", "F": "FR",
    "Niederlande": "NL", "Netherlands": "NL", "Holland": "NL", "NL": "NL", "Belgien": "BE", "Belgium": "BE",
    "B": "BE", "Luxemburg": "LU", "Luxembourg": "LU", "L": "LU", "Spanien": "ES", "Spain": "ES", "E": "ES",
    "Portugal": "PT", "P": "PT", "Polen": "PL", "Poland": "PL", "PL": "PL", "Tschechien": "CZ",
    "Tschechische Republik": "CZ", "Czech Republic": "CZ", "Czechia": "CZ", "CZ": "CZ", "Slowakei": "SK",
    "Slovakia": "SK", "SK": "SK", "Ungarn": "HU", "Hungary": "HU", "H": "HU", "Slowenien": "SI",
    "Slovenia": "SI", "SLO": "SI", "Kroatien": "HR", "Croatia": "HR", "HR": "HR", "Dänemark": "DK",
    "Denmark": "DK", "DK": "DK", "Schweden": "SE", "Sweden": "SE", "S": "SE", "Norwegen": "NO",
    "Norway": "NO", "N": "NO", "Finnland": "FI", "Finland": "FI", "FIN": "FI", "Griechenland": "GR",
    "Greece": "GR", "GR": "GR", "Türkei": "TR", "Turkey": "TR", "Türkiye": "TR", "TR": "TR",
    "Rumänien": "RO", "Romania": "RO", "RO": "RO", "Bulgarien": "BG", "Bulgaria": "BG", "Serbien": "RS",
    "Serbia": "RS", "Bosnien und Herzegowina": "BA", "Bosnia and Herzegovina": "BA", "Ukraine": "UA",
    "Russland": "RU", "Russia": "RU", "Vereinigte Staaten": "US", "USA": "US", "United States": "US",
    "United States of America": "US", "Kanada": "CA", "Canada": "CA",
})
_COUNTRY_BY_KEY = {"".join(ch for ch in fold(name) if ch.isalnum()): code for name, code in _COUNTRIES.items()}


def country_code(text: str) -> str | None:
    """The ISO code of a country name or car-plate letters people write (Österreich, Austria, A,
    United Kingdom, ...), or of an ISO code in any case; None if it names no country known here."""
    key = "".join(ch for ch in fold(text or "") if ch.isalnum())
    if key.upper() in ISO_COUNTRIES:
        return key.upper()
    return _COUNTRY_BY_KEY.get(key)


