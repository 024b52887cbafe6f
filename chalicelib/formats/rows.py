"""What every reader yields: one ImportRow per data row, inside one LeadFile per file."""
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import LeadflowError


class FileFormatError(LeadflowError):
    """The file cannot be read as a lead file at all; `detail` says why, safe to show."""


class ZipBombError(FileFormatError):
    """An XLSX whose archive would unpack beyond the limits (size, entries, compression ratio)."""


class UnsafeXmlError(FileFormatError):
    """An XML file with a DTD or entity declarations (XXE, billion laughs): refused unparsed."""


@dataclass(slots=True)
class ImportRow:
    """One data row of a file.

    number: the row number a person sees (Excel's row number; the header is usually row 1;
        for ADF the 1-based position of the <prospect>).
    fields: the lead in leadflow's API shape, ready for LeadInput.model_validate.
    raw: the original cell values as text, keyed by the original header (for error reports).
    errors: what the reader could not read, as row_error() makes them: {"field", "column",
        "message", "given", "fatal"}. A non-fatal error leaves its field out of `fields` and
        carries the value as written in `given`, so that the lead can still be stored (flagged
        for review) without losing it; only a fatal one means the row cannot be read at all and
        is to be rejected. Validation proper (required fields, formats of e-mail and phone, ...)
        is LeadInput's job.
    """

    number: int
    fields: dict
    raw: dict[str, str]
    errors: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class LeadFile:
    """An opened file: its rows (a one-pass iterator) and what the reader found out about it.

    columns maps an API field path ("vehicle.interest.price") to the header it was read from, so
    that LeadInput's errors can name the column a person should fix. `details` (encoding,
    delimiter, sheet, version) is complete once the header is read, except that a CSV whose
    first Windows-1252 byte comes late switches its encoding to "cp1252" when that byte is read.
    """

    format: str
    rows: Iterator[ImportRow]
    headers: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    release: Callable[[], None] | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[ImportRow]:
        return self.rows

    def close(self) -> None:
        """Release the underlying file early (a generator closes itself when exhausted)."""
        close = getattr(self.rows, "close", None)
        if close:
            close()
        if self.release:
            self.release()

    def __enter__(self) -> "LeadFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def row_error(field_path: str | None, column: str | None, message: str, *,
              given: str | None = None, fatal: bool = False) -> dict:
    """One value a reader could not read.

    field_path: the API field it was meant for (None for a value without a field); column: the
    header, form field or ADF element it came from; given: the value as written, so that it can
    be kept with the lead; fatal: the whole row cannot be read (a cell beyond MAX_CELL_CHARS with line breaks),
    as opposed to one field that stays empty.
    """
    return {"field": field_path, "column": column, "message": message, "given": given,
            "fatal": fatal}
