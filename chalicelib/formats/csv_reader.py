"""CSV reader: Excel's exports in their encodings and delimiters, read as a stream of rows.

Encodings: UTF-16 (LE/BE, with BOM as Excel's "Unicode Text" writes it, or without BOM),
UTF-8 with or without BOM, and Windows-1252. UTF-8 is tried first, because decoding as
Windows-1252 never fails and would turn UTF-8 umlauts into mojibake. Memory stays bounded by
one chunk and one row, however long the file is.
"""
import codecs
import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .columns import ColumnMap
from .rows import FileFormatError, ImportRow, LeadFile

CHUNK_BYTES = 64 * 1024
MAX_LINE_CHARS = 1_000_000
DELIMITERS = (";", ",", "\t")  # on a tie the first wins: German Excel writes ';'
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
    details["delimiter"] = delimiter = delimiter or sniff_delimiter(line)
    # csv's default limit (131,072 characters a value) would stop the whole file at one long
    # cell; up to the line limit, such a cell is one row's fatal error (MAX_CELL_CHARS) and
    # reading goes on. The limit is process-wide: it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
    records = csv.reader(itertools.chain([line], lines), delimiter=delimiter)
    try:
        header = next(records)
    except csv.Error as exc:
        raise FileFormatError(f"the header row cannot be read ({exc})") from None
    columns = ColumnMap(header, default_country, customers=customers)
    return LeadFile("csv", _rows(records, columns, number + 1, start_after),
                    headers=columns.headers, columns=columns.columns,
                    unmapped=columns.unmapped, details=details)


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ; , and tab outside quotes in the header line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else DELIMITERS[0]


def _rows(records: Iterator[list[str]], columns: ColumnMap, header_number: int,
          start_after: int) -> Iterator[ImportRow]:
    number = header_number
    try:
        for cells in records:
            number += 1
            if number <= start_after or not any(cell.strip() for cell in cells):
                continue
            fields, raw, errors = columns.read(cells)
            yield ImportRow(number, fields, raw, errors)
    except csv.Error as exc:
        raise FileFormatError(f"row {number + 1} cannot be read ({exc}): is a quoted value "
                              "missing its closing quote?") from None


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
        raise FileFormatError("the file contains NUL bytes: it is not a CSV text file")
    return _Utf8ThenCp1252(bom=False), head


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
    files of old Mac Excel, which end lines with a lone \\r, are split on \\r."""
    pending, newline = "", None
    for text in chunks:
        if not text:
            continue
        if newline is None:
            newline = "\r" if "\n" not in text and "\r" in text else "\n"
        pending += text
        lines = pending.split(newline)
        pending = lines.pop()
        for line in lines:
            yield line + newline
        if len(pending) > MAX_LINE_CHARS:
            raise FileFormatError(f"a line is longer than {MAX_LINE_CHARS} characters: "
                                  "this is not a CSV file of leads")
    if pending:
        yield pending
