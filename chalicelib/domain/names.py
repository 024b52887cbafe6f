"""A full name as people write it ("Herr Prof. Dr. Hans-Peter von der Heydt", "Mustermann, Erika")
split into salutation, academic title, first and last name (pure Python)."""
import re
import unicodedata
from dataclasses import dataclass

from .text import clean_text


@dataclass(frozen=True, slots=True)
class NameParts:
    """salutation: a code of domain.person.SALUTATIONS ("mr", "ms", "family", "company") or None;
    title: the academic titles as written ("Prof. Dr.", "Dipl.-Ing.", "Mag.a"); first_name and
    last_name as written, a nobiliary particle and a generational suffix with the last name."""

    salutation: str | None = None
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None


# Leading words, compared case-folded, longest first: "Herr und Frau" before "Herr".
_SALUTATIONS = {
    ("herr", "und", "frau"): "family", ("frau", "und", "herr"): "family",
    ("herr", "u.", "frau"): "family", ("hr.", "u.", "fr."): "family",
    ("mr", "and", "mrs"): "family", ("mr.", "and", "mrs."): "family", ("mr.", "&", "mrs."): "family",
    ("herr", "&", "frau"): "family", ("eheleute",): "family", ("familie",): "family",
    ("fam.",): "family", ("family",): "family",
    ("herr",): "mr", ("herrn",): "mr", ("hr.",): "mr", ("hr",): "mr", ("mr",): "mr", ("mr.",): "mr",
    ("frau",): "ms", ("fr.",): "ms", ("fr",): "ms", ("mrs",): "ms", ("mrs.",): "ms", ("ms",): "ms",
    ("ms.",): "ms",
    ("firma",): "company", ("fa.",): "company",
}
_LONGEST_SALUTATION = max(map(len, _SALUTATIONS))

# Academic and professional titles of DE/AT/CH written with a dot: matched without regard to case
# and dots ("Dr", "dr.", "DR." are Dr.). Several words ("Dr. med.", "Dr. rer. nat.") come from
# the qualifiers below.
_DOTTED_TITLES = (
    "Prof.", "Univ.-Prof.", "Ao. Univ.-Prof.", "Ao.", "a.o.", "Hon.-Prof.", "apl. Prof.", "apl.",
    "Priv.-Doz.", "Doz.", "Dr.", "Dr.in", "Dr.-Ing.", "DDr.", "DDDr.", "Dres.", "Mag.", "Mag.a",
    "MMag.", "MMag.a", "Dipl.-Ing.", "Dipl.-Ing.in", "Ing.", "Dkfm.", "Bakk.", "Bac.", "Lic.",
    "lic.", "Komm.-Rat", "KommR.", "Hofr.", "LL.B.", "LL.M.", "B.Sc.", "M.Sc.", "B.A.", "M.A.",
    "B.Eng.", "M.Eng.", "Ph.D.", "Dr.med.", "Dr.techn.",
)
# Titles written without a dot, matched as written: "DI" is a title, "Di" (Di Stefano) is not.
_ACRONYMS = frozenset({
    "DI", "DDI", "KR", "HR", "OStR", "StR", "BSc", "MSc", "BA", "MA", "MBA", "EMBA", "MAS", "MBL",
    "MPA", "MPH", "MLS", "LLB", "LLM", "PhD", "BEd", "MEd", "BEng", "MEng", "DBA",
})
# Degrees written after the name ("Eva Huber MSc"); DI, KR and the like come before it.
_POST_NOMINALS = _ACRONYMS - {"DI", "DDI", "KR", "HR", "OStR", "StR"}
_PAREN_QUALIFIER = re.compile(r"\((?:FH|TU|Uni|BA|DH|HTL|WU|ETH|UH)\)", re.IGNORECASE)
# After a title: the faculty ("med.", "rer. nat.", "h.c.", "techn.", "univ.") in lower case.
_FACULTY = re.compile(r"(?:[a-zäöü]{1,8}\.)+")
# Dipl.-Kfm., Dipl.-Wirt.-Ing., Dipl.-Päd., Dipl.-Kffr. and the like.
_DIPLOMA = re.compile(r"Dipl\.-(?:[A-ZÄÖÜ][a-zäöüß]*\.?-?)+", re.IGNORECASE)
_DOTLESS_KEY = re.compile(r"[.\s]")

# Nobiliary particles: where a last name may start ("von", "van der", "de la"), and the words that
# may continue it ("von und zu").
_PARTICLE_STARTS = frozenset({
    "von", "vom", "van", "zu", "zur", "zum", "de", "du", "des", "da", "di", "del", "della", "dos",
    "ten", "ter", "af", "av",
})
_PARTICLES = _PARTICLE_STARTS | {"der", "den", "dem", "und", "la", "le", "los"}
_GENERATIONS = frozenset({"jun.", "jun", "jr.", "jr", "sen.", "sen", "sr.", "sr", "junior", "senior"})
_ROMAN_GENERATIONS = frozenset({"II", "III", "IV"})


def _title_key(text: str) -> str:
    return _DOTLESS_KEY.sub("", text).casefold()


_TITLE_KEYS = frozenset(map(_title_key, _DOTTED_TITLES))


def _pictograph(word: str) -> bool:
    """A word made only of symbols such as emoji (with their joiners and variation selectors)."""
    return all(unicodedata.category(c) in ("So", "Sk", "Cf", "Mn", "Cs") for c in word)


def split_full_name(text: str | None) -> NameParts:
    """Split a whole name into its parts; what is not recognised is the first and last name.

    Recognised: a leading salutation (Herr, Frau, Hr., Fr., Mr, Mrs, Ms -> mr/ms; Herr und Frau,
    Familie -> family; Firma -> company, and then the rest is the company's name, not split);
    academic titles before the names (and after them, behind a comma or at the end: "MBA");
    "Last, First"; nobiliary particles (von, van der, de la, ...) and generational suffixes
    (jun., sen.) kept with the last name. Otherwise the last word is the last name and the words
    before it the first name(s): "Anna Maria Huber" -> "Anna Maria", "Huber".
    """
    # An emoji or other pictograph standing as a word ("Ğül Şahin-Yıldız 🚗") names nobody: it became the last name.
    words = [w for w in clean_text(text or "").replace(" ,", ",").split() if not _pictograph(w)]
    salutation, words = _salutation(words)
    if salutation == "company":
        return NameParts("company", None, None, " ".join(words) or None)
    titles, words = _leading_titles(words)
    parts = [p.split() for p in " ".join(words).split(",")]
    parts = [p for p in parts if p]
    if len(parts) > 1 and len(parts[-1]) == 1 and _is_generation(parts[-1][0]):
        parts[-2:] = [parts[-2] + parts[-1]]  # "Max Mustermann, jun."
    post_titles: list[str] = []
    while len(parts) > 1 and all(_is_title(w) for w in parts[-1]):
        post_titles = parts.pop() + post_titles
    if len(parts) == 2:
        last_words, first_words = parts
        more_salutation, first_words = _salutation(first_words)
        salutation = salutation or more_salutation
        more_titles, first_words = _leading_titles(first_words)
        titles += more_titles
        first_words, suffix = _split_generation(first_words)
        # "Heydt, Hans-Peter von der": the particles belong to the last name.
        while len(first_words) > 1 and first_words[-1].casefold() in _PARTICLES:
            last_words = [first_words.pop()] + last_words
        last_words = last_words + suffix
    else:
        words = [w for p in parts for w in p]
        while len(words) > 2 and _is_post_title(words[-1]):  # "Li MA" stays a name
            post_titles.insert(0, words.pop())
        words, suffix = _split_generation(words)
        start = _last_name_start(words)
        first_words, last_words = words[:start], words[start:] + suffix
    return NameParts(
        salutation=salutation,
        title=" ".join(titles + post_titles) or None,
        first_name=" ".join(first_words) or None,
        last_name=" ".join(last_words) or None,
    )


def _salutation(words: list[str]) -> tuple[str | None, list[str]]:
    folded = [w.casefold() for w in words[:_LONGEST_SALUTATION]]
    for length in range(min(_LONGEST_SALUTATION, len(words)), 0, -1):
        code = _SALUTATIONS.get(tuple(folded[:length]))
        if code:
            return code, words[length:]
    return None, words


def _is_title(word: str) -> bool:
    base = _PAREN_QUALIFIER.sub("", word)  # "Mag.(FH)"
    if not base:
        return False
    if base in _ACRONYMS or base.replace(".", "") in _ACRONYMS or _title_key(base) in _TITLE_KEYS:
        return True
    if _DIPLOMA.fullmatch(base):
        return True
    head, dot, rest = base.partition(".")  # "Dr.rer.nat."
    return bool(dot and rest and _title_key(head) in _TITLE_KEYS and _FACULTY.fullmatch(rest))


def is_title_text(text: str) -> bool:
    """Whether every word of a text is an academic or professional title, with its faculty or
    "(FH)" ("KommR", "Dr. rer. nat.", "Dipl.-Wirt.-Ing.", "Mag. (FH)")."""
    words = clean_text(text or "").split()
    return bool(words) and _is_title(words[0]) and all(
        _is_title(w) or _FACULTY.fullmatch(w) or _PAREN_QUALIFIER.fullmatch(w) for w in words)


def _is_post_title(word: str) -> bool:
    """A title that follows a name without a comma: only the unmistakable forms (MBA, MSc,
    LL.M.), never a word that could be a last name."""
    return word in _POST_NOMINALS or ("." in word[:-1] and _is_title(word))


def _leading_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """The titles at the start (each with its faculty or "(FH)"), and the words after them; a
    word that could be either stays a name when nothing follows it ("Frau Ing" is Ms Ing)."""
    def takes(i: int) -> bool:  # the last word only if it has a dot: "Frau Dr." has no name
        return i < len(words) - 1 or (i == len(words) - 1 and "." in words[i])

    titles: list[str] = []
    i = 0
    while takes(i) and _is_title(words[i]):
        title = [words[i]]
        i += 1
        while takes(i) and (_FACULTY.fullmatch(words[i]) or _PAREN_QUALIFIER.fullmatch(words[i])):
            title.append(words[i])
            i += 1
        titles.append(" ".join(title))
    return titles, words[i:]


def _split_generation(words: list[str]) -> tuple[list[str], list[str]]:
    """A trailing jun./sen. (or II, III), which goes with the last name."""
    if len(words) > 1 and _is_generation(words[-1]):
        return words[:-1], words[-1:]
    return words, []


def _is_generation(word: str) -> bool:
    return word.casefold() in _GENERATIONS or word in _ROMAN_GENERATIONS


def _last_name_start(words: list[str]) -> int:
    """The index of the first word of the last name: the first particle followed by a name
    ("Hans-Peter von der Heydt" -> 1), else the last word."""
    for i, word in enumerate(words[:-1]):
        if word.casefold() in _PARTICLE_STARTS:
            return i
    return max(len(words) - 1, 0)
