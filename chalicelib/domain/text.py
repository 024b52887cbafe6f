"""Text normalisation shared by validation, search tokens and matching."""
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# German transliterations fold onto the bare vowel so that "Müller", "Mueller"
# and "Muller" all become "muller" (applied to stored tokens and to queries alike).
_TRANSLITERATIONS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no control characters, trimmed; single-line values get inner whitespace collapsed."""
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    if multiline:
        return value.replace("\r\n", "\n").strip()
    return _SPACES.sub(" ", value).strip()


def fold(value: str) -> str:
    """Lower-case ASCII folding: Müller/Mueller/Muller -> muller, Straße -> strasse."""
    value = unicodedata.normalize("NFKD", value.casefold())
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = value.replace("ß", "ss")
    for pair, single in _TRANSLITERATIONS:
        value = value.replace(pair, single)
    return value


def words(value: str) -> list[str]:
    """Folded words of a text, split on anything that is not a letter or digit."""
    return [w for w in _NON_WORD.split(fold(value)) if w]
