"""Text normalisation shared by validation, search tokens and matching."""
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Joiners shape emoji and some scripts in free text; a name has no use for them.
_JOINERS = "\u200c\u200d"
# German transliterations fold onto the bare vowel so that "Müller", "Mueller"
# and "Muller" all become "muller" (applied to stored tokens and to queries alike).
_TRANSLITERATIONS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# Letters Unicode does not decompose into a base letter and a mark: without these, Yıldız, Kılıç,
# Łukasz, Đorđević or Søren would fall apart into fragments ("y ld z") instead of folding to ASCII.
UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})


def _invisible(char: str, keep: str) -> bool:
    """Format characters (Unicode category Cf): zero-width spaces, bidi overrides and isolates,
    the BOM, soft hyphens. Invisible on screen, they let two names that look alike differ, or
    make text display in another order than it is stored."""
    return unicodedata.category(char) == "Cf" and char not in keep


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no control or invisible format characters, trimmed; single-line values get inner
    whitespace collapsed. Multi-line text keeps line breaks and the joiners emoji need."""
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    keep = _JOINERS if multiline else ""
    if any(unicodedata.category(ch) == "Cf" for ch in value):
        value = "".join(ch for ch in value if not _invisible(ch, keep))
    if multiline:
        return value.replace("\r\n", "\n").strip()
    return _SPACES.sub(" ", value).strip()


def fold(value: str) -> str:
    """Lower-case ASCII folding: Müller/Mueller/Muller -> muller, Straße -> strasse."""
    value = unicodedata.normalize("NFKD", value.casefold().translate(UNDECOMPOSED))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = value.replace("ß", "ss")
    for pair, single in _TRANSLITERATIONS:
        value = value.replace(pair, single)
    return value


def normalise_email(email: str | None) -> str | None:
    """Case-folded; +tags dropped; googlemail is gmail, whose local part ignores dots."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        domain, local = "gmail.com", local.replace(".", "")
    return f"{local}@{domain}"


def words(value: str) -> list[str]:
    """Folded words of a text, split on anything that is not a letter or digit."""
    return [w for w in _NON_WORD.split(fold(value)) if w]
