"""The source catalog (Lead-Herkunft, Lead-Herkunft-Detail) and how a sender's words map onto it.

People pick a source from the catalog; machine senders write what they like: a portal's own
name, "Vienna Autoshow 2026 Halle B" as the stand staff typed it. Such text is read onto the
catalog when a catalog source (and detail) begins it word by word; what is left stays in the
remark, and what matches nothing is no reason to lose the lead.
"""
from dataclasses import dataclass

from .text import words


def source_key(name: str) -> str:
    """The folded words of a source name: 'Vienna Autoshow' and 'vienna-autoshow' are one source."""
    return "-".join(words(name))


@dataclass(frozen=True)
class CatalogSource:
    name: str
    details: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True)
class SourceMatch:
    source: str | None
    detail: str | None
    exact: bool                     # the sender named catalog entries as they are


def _starts(text_key: str, prefix_key: str) -> bool:
    return bool(prefix_key) and (text_key == prefix_key or text_key.startswith(prefix_key + "-"))


def match_source(catalog: list[CatalogSource], source: str | None, detail: str | None) -> SourceMatch | None:
    """The catalog's source and detail a sender's text names, or None if it names none.

    Exact names win; else the longest active source whose words begin the text, and then the
    longest of its details whose words begin the detail text (or the source text).
    """
    if not source:
        return None
    given, given_detail = source_key(source), source_key(detail or "")
    active = [c for c in catalog if c.active]
    exact = next((c for c in active if source_key(c.name) == given), None)
    entry = exact or max((c for c in active if _starts(given, source_key(c.name))),
                         key=lambda c: len(source_key(c.name)), default=None)
    if entry is None:
        return None
    found_detail = next((d for d in entry.details if given_detail and source_key(d) == given_detail), None)
    if found_detail is None:
        texts = [t for t in (given_detail, given) if t]
        candidates = [d for d in entry.details for t in texts if _starts(t, source_key(d))]
        found_detail = max(candidates, key=lambda d: len(source_key(d)), default=None)
    named_exactly = exact is not None and (not detail or found_detail is not None and source_key(found_detail) == given_detail)
    return SourceMatch(entry.name, found_detail, named_exactly)
