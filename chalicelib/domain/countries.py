"""ISO 3166-1 alpha-2 country codes and postal code formats of the countries leadflow serves."""
import re

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
# Users often type the country prefix: "A-1010", "D-80331", "CH-8001".
_COUNTRY_PREFIX = re.compile(r"^(A|D|CH|FL|AT|DE|LI)[- ]", re.IGNORECASE)


def normalise_postal_code(value: str, country: str) -> str:
    """Upper-case, trimmed, without a country prefix; raises ValueError naming the expected format."""
    code = _COUNTRY_PREFIX.sub("", value.strip().upper())
    pattern, expected = _POSTAL_FORMATS.get(country, (_GENERIC_POSTAL, "a postal code"))
    if not pattern.match(code):
        raise ValueError(f"not a valid postal code for {country}: expected {expected}")
    return code
