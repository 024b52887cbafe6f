"""CSV reader: Excel's exports in their encodings and delimiters, read as a stream of rows.

Encodings: UTF-16 (LE/BE, with BOM as Excel's "Unicode Text" writes it, or without BOM),
UTF-8 with or without BOM, and Windows-1252. UTF-8 is tried first, because decoding as
Windows-1252 never fails and would turn UTF-8 umlauts into mojibake. Memory stays bounded by
one chunk and one row, however long the file is.

A quote that is never closed does not swallow the rows after it (see Records): its line is read
with the quote as a character, and the row flagged. A line longer than MAX_LINE_CHARS is one
unreadable row; reading goes on with the next line.
"""
import codecs
import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .columns import GIVEN_PREVIEW_CHARS, ColumnMap, extra_column_name
from .rows import FileFormatError, ImportRow, LeadFile, row_error

CHUNK_BYTES = 64 * 1024
MAX_LINE_CHARS = 1_000_000
DELIMITERS = (";", ",", "\t", "|")  # on a tie the first wins: German Excel writes ';'; "|": dealer systems
_SEP_HINT = re.compile(r"sep=(.)", re.IGNORECASE)  # Excel's optional first line, e.g. "sep=;"
_BLANK_LINE = re.compile(r'[\s;,"]*')


def open_csv(stream: BinaryIO, *, default_country: str | None = None,
             start_after: int = 0, customers: bool = False) -> LeadFile:
    """Open a CSV file (a binary file-like object; only read(n) is used).

    Reads the header row at once: a file without header or without a last-name column (with
    customers=True, a customer file: without a customer-number column) raises FileFormatError
    here. The rows come lazily; start_after skips rows up to that number (to resume an
    interrupted import) without mapping them.
    """
    head = stream.read(CHUNK_BYTES)
    decoder, head = _decoder_for(head)
    details = {"encoding": decoder.encoding}
    lines = _lines(_text_chunks(head, stream, decoder, details))
    number, delimiter = 0, None
    for line in lines:
        hint = _SEP_HINT.fullmatch(line.strip())
        if hint and number == 0 and delimiter is None:
            delimiter = hint.group(1)  # Excel hides this line: it is not a row number
        elif _BLANK_LINE.fullmatch(line):
            number += 1
        else:
            break
    else:
        raise FileFormatError("the file is empty: no header row found")
    if isinstance(line, _LongLine):
        raise FileFormatError(f"the header row is longer than {MAX_LINE_CHARS:,} characters: "
                              "this is not a CSV file of leads")
    details["delimiter"] = delimiter = delimiter or sniff_delimiter(line)
    # csv's default limit (131,072 characters a value) would stop the whole file at one long
    # cell; up to the line limit, such a cell is one row's fatal error (MAX_CELL_CHARS) and
    # reading goes on. The limit is process-wide: it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
    records = Records(itertools.chain([line], lines), delimiter)
    try:
        header = next(records).cells(delimiter)
    except csv.Error as exc:
        raise FileFormatError(f"the header row cannot be read ({exc})") from None
    columns = ColumnMap(header, default_country, customers=customers)
    records.width = len(header)
    return LeadFile("csv", _rows(records, columns, number + 1, start_after),
                    headers=columns.headers, columns=columns.columns,
                    unmapped=columns.unmapped, details=details)


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ; , tab and | outside quotes in the header line (a dealer system's
    export writes "Nachname|Vorname|Telefon")."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else DELIMITERS[0]


def _rows(records: "Records", columns: ColumnMap, header_number: int,
          start_after: int) -> Iterator[ImportRow]:
    number, delimiter = header_number, records.delimiter
    for record in records:
        number += 1
        if number <= start_after:
            continue
        if record.too_long:
            yield _unreadable(number, record.lines[0], record.too_long,
                              f"the line is longer than {MAX_LINE_CHARS:,} characters "
                              f"({record.too_long:,}): not read")
            continue
        try:
            cells = record.cells(delimiter)
        except csv.Error as exc:
            text = "".join(record.lines)
            yield _unreadable(number, text, len(text), f"the row cannot be read ({exc})")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        fields, raw, errors = columns.read(cells)
        if record.quoted_cell is not None:
            errors.append(_quote_never_closed(columns, cells, record.quoted_cell))
        yield ImportRow(number, fields, raw, errors)


def _unreadable(number: int, text: str, length: int, message: str) -> ImportRow:
    """A row that cannot be read at all (`length` characters, `text` at least their beginning):
    a fatal error that quotes only its beginning."""
    given = text[:GIVEN_PREVIEW_CHARS] + ("…" if length > GIVEN_PREVIEW_CHARS else "")
    return ImportRow(number, {}, {}, [row_error(None, None, message, given=given, fatal=True)])


def _quote_never_closed(columns: ColumnMap, cells: list[str], index: int) -> dict:
    header = columns.headers[index] if index < len(columns.headers) else extra_column_name(index + 1)
    return row_error(None, header, "a quote opened here is never closed: it is read as a quote "
                     "character, and the lines after it as rows of their own", given=cells[index])


class _LongLine(str):
    """The beginning of a line longer than MAX_LINE_CHARS; `length` is the whole line's."""

    length: int


@dataclass(slots=True)
class Record:
    """The lines of one CSV record: one line, or more when a quoted value holds line breaks.

    open_quote: the record is its first line only, because the quote at this index of the line
        is never closed; too_long: its only line was longer than MAX_LINE_CHARS (that many
        characters); quoted_cell: once cells() is read, the index of the cell of the open quote.
    """

    lines: list[str]
    open_quote: int | None = None
    too_long: int = 0
    quoted_cell: int | None = None

    def cells(self, delimiter: str) -> list[str]:
        if self.open_quote is None:
            return next(csv.reader(self.lines, delimiter=delimiter), [])
        # The open quote is a character like any other: the line is read as a person reads it.
        line, start = self.lines[0].rstrip("\r\n"), self.open_quote
        before = next(csv.reader([line[:start]], delimiter=delimiter))[:-1] if start else []
        self.quoted_cell = len(before)
        return before + line[start:].split(delimiter)


class Records:
    """Lines into records, as csv joins them (a quoted value may span lines), except that a quote
    never closed swallows nothing: when it is still open at the end of the file, after
    MAX_LINE_CHARS, or when the lines it would swallow have as many cells as the header (rows
    of their own), its line is a record of its own and the lines after it are read again.

    Reading them again costs no second search: where a quote stands open at the end of a line,
    what follows is the same whichever quote opened it, so each line read again carries whether
    a quote open at its end would be one never closed (`doomed`). The work stays linear in the
    file, however many quotes are left open.

    width: the header's number of cells, once known.
    """

    def __init__(self, lines: Iterator[str], delimiter: str):
        self._lines = lines
        self._back: list[tuple[str, bool]] = []      # lines to read again, and whether doomed
        self.delimiter = delimiter
        self.width: int | None = None

    def __iter__(self) -> "Records":
        return self

    def _next_line(self) -> tuple[str | None, bool]:
        return self._back.pop() if self._back else (next(self._lines, None), False)

    def __next__(self) -> Record:
        line, doomed = self._next_line()
        if line is None:
            raise StopIteration
        if isinstance(line, _LongLine):
            return Record([line], too_long=line.length)
        start = _quote_left_open(line, self.delimiter, False)
        if start is None:
            return Record([line])
        if doomed:
            return Record([line], open_quote=start)
        taken, size, closed = [line], len(line), False
        while (more := self._next_line()[0]) is not None:
            if isinstance(more, _LongLine) or size + len(more) > MAX_LINE_CHARS:
                self._back.append((more, False))
                break
            taken.append(more)
            size += len(more)
            closed = _quote_left_open(more, self.delimiter, True) is None
            if closed:
                break
        swallowed = taken[1:]
        rows = list(map(self._is_row, swallowed)) if closed else [True] * len(swallowed)
        if closed and not any(rows):
            return Record(taken)
        # A line after which the quote was still open leads to the same end: doomed if a row
        # lies before that end, or if it never comes. The line that closed it starts afresh.
        ahead = not closed
        for index in range(len(swallowed) - 1, -1, -1):
            last = closed and index == len(swallowed) - 1
            self._back.append((swallowed[index], not last and ahead))
            ahead = ahead or rows[index]
        return Record([line], open_quote=start)

    def _is_row(self, line: str) -> bool:
        """Whether a line inside a quoted value looks like a row: as many cells as the header
        (three or more, so that a remark's line with a delimiter is not taken for a row)."""
        width = self.width
        if not (width and width >= 3 and line.count(self.delimiter) >= width - 1):
            return False
        try:
            return len(next(csv.reader([line], delimiter=self.delimiter), [])) == width
        except csv.Error:             # a bare carriage return inside: csv cannot read it as a row
            return False


def _quote_left_open(line: str, delimiter: str, inside: bool) -> int | None:
    """Where the quote that is still open at the end of `line` opened (-1: before the line), or
    None if none is; `inside`: a quote was open when the line began. Follows csv's own reading:
    a quote opens a value only at its start, `""` inside is a quote, any other quote closes."""
    opened = -1 if inside else None
    at = line.find('"')
    while at != -1:
        if opened is not None:
            if line.startswith('"', at + 1):
                at = line.find('"', at + 2)
                continue
            opened = None
        elif at == 0 or line[at - 1] == delimiter:
            opened = at
        at = line.find('"', at + 1)
    return opened


class _Utf8ThenCp1252:
    """UTF-8 until a byte proves otherwise, then Windows-1252 for the rest.

    The switch is safe when everything before was ASCII, which both read alike. A file that
    mixes real UTF-8 and Windows-1252 keeps UTF-8 and reads only the offending bytes as
    Windows-1252.
    """

    def __init__(self, bom: bool):
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._cp1252 = None
        self._seen_utf8 = False
        self.encoding = "utf-8-sig" if bom else "utf-8"

    def decode(self, data: bytes, final: bool = False) -> str:
        if self._cp1252:
            return self._cp1252.decode(data, final)
        parts = []
        while True:
            try:
                text = self._utf8.decode(data, final)
            except UnicodeDecodeError as exc:
                good, bad = exc.object[:exc.start].decode("utf-8"), exc.object[exc.start:]
                self._seen_utf8 = self._seen_utf8 or not good.isascii()
                parts.append(good)
                self._utf8.reset()
                if not self._seen_utf8:
                    self.encoding = "cp1252"
                    self._cp1252 = codecs.getincrementaldecoder("cp1252")(errors="replace")
                    parts.append(self._cp1252.decode(bad, final))
                    return "".join(parts)
                self.encoding = "utf-8, partly cp1252"
                parts.append(bad[:exc.end - exc.start].decode("cp1252", errors="replace"))
                data = bad[exc.end - exc.start:]
                continue
            self._seen_utf8 = self._seen_utf8 or not text.isascii()
            parts.append(text)
            return "".join(parts)


class _Utf16:
    def __init__(self, encoding: str):
        self.encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)()

    def decode(self, data: bytes, final: bool = False) -> str:
        try:
            return self._decoder.decode(data, final)
        except UnicodeDecodeError:
            raise FileFormatError(f"the file is not valid {self.encoding.upper()}") from None


def _decoder_for(head: bytes) -> tuple[_Utf8ThenCp1252 | _Utf16, bytes]:
    """The decoder for a file by its first bytes, and those bytes without a BOM."""
    if head.startswith(codecs.BOM_UTF8):
        return _Utf8ThenCp1252(bom=True), head[len(codecs.BOM_UTF8):]
    if head.startswith(codecs.BOM_UTF16_LE):
        return _Utf16("utf-16-le"), head[2:]
    if head.startswith(codecs.BOM_UTF16_BE):
        return _Utf16("utf-16-be"), head[2:]
    if b"\x00" in head:
        # UTF-16 without BOM: the ASCII characters of a header leave every other byte zero.
        even, odd = head[:4096:2].count(0), head[1:4096:2].count(0)
        half = len(head[:4096]) // 2
        if odd >= 0.9 * half and even <= 0.1 * half:
            return _Utf16("utf-16-le"), head
        if even >= 0.9 * half and odd <= 0.1 * half:
            return _Utf16("utf-16-be"), head
        if _looks_binary(head):
            raise FileFormatError("the file contains NUL bytes: it is not a CSV text file")
        # A stray NUL an old export left in a value: text (the value is cleaned), as one further
        # down the file, beyond this first chunk, always was; never a reason to lose every row.
    return _Utf8ThenCp1252(bom=False), head


def _looks_binary(head: bytes) -> bool:
    """Control bytes (other than tab and line ends) beyond a stray few: a zip, a workbook, junk."""
    sample = head[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls > max(2, len(sample) // 200)


def decode_text(raw: bytes) -> tuple[str, str]:
    """A whole text file as the importer reads one (a BOM's UTF-8 or UTF-16, else UTF-8 until a
    byte proves Windows-1252), and the encoding it was read in."""
    decoder, rest = _decoder_for(raw)
    return decoder.decode(rest, final=True), decoder.encoding


def _text_chunks(head: bytes, stream: BinaryIO, decoder, details: dict) -> Iterator[str]:
    data = head
    while data:
        yield decoder.decode(data)
        details["encoding"] = decoder.encoding
        data = stream.read(CHUNK_BYTES)
    yield decoder.decode(b"", final=True)
    details["encoding"] = decoder.encoding


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """Lines with their line end, split on \\n only (csv itself handles \\r\\n and quotes);
    files of old Mac Excel, which end lines with a lone \\r, are split on \\r. A line longer
    than MAX_LINE_CHARS comes as a _LongLine of its beginning: the rest of it is not kept."""
    pending, newline, length = "", None, 0   # length: of the long line `pending` begins
    for text in chunks:
        if not text:
            continue
        if newline is None:
            newline = "\r" if "\n" not in text and "\r" in text else "\n"
        if length:
            end = text.find(newline)
            if end == -1:
                length += len(text)
                continue
            yield _long_line(pending, length + end)
            pending, length, text = "", 0, text[end + 1:]
        pending += text
        lines = pending.split(newline)
        pending = lines.pop()
        for line in lines:
            yield _long_line(line, len(line)) if len(line) > MAX_LINE_CHARS else line + newline
        if len(pending) > MAX_LINE_CHARS:
            pending, length = pending[:GIVEN_PREVIEW_CHARS], len(pending)
    if length or len(pending) > MAX_LINE_CHARS:
        yield _long_line(pending, length or len(pending))
    elif pending:
        yield pending


def _long_line(line: str, length: int) -> "_LongLine":
    long = _LongLine(line[:GIVEN_PREVIEW_CHARS])
    long.length = length
    return long
