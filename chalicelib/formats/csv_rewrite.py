"""Rewriting a CSV file record by record (an erasure: one person's rows out of an imported file or an
error report), keeping everything else byte for byte: encoding, BOM, delimiter, line ends, quoting.

Records are numbered as formats/csv_reader.py numbers rows, with its own records (blank lines
before the header count, an Excel `sep=` hint does not; a record may span lines inside quotes, a
quote never closed swallows no row), so that the row numbers other leads' origins name stay
right: a row is blanked (a line of delimiters, which the reader skips as blank but still counts),
never dropped, in a file that leads point into. An error report, which nothing points into by
position, may have lines dropped.
"""
import codecs
import csv
import re
from collections.abc import Callable

from .csv_reader import MAX_LINE_CHARS, Records, sniff_delimiter

KEEP, BLANK, DROP = "keep", "blank", "drop"
_SEP_HINT = re.compile(r"sep=(.)", re.IGNORECASE)
_BLANK_LINE = re.compile(r'[\s;,"]*')
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class NotRewritableError(Exception):
    """The bytes are not a CSV text this module can rewrite faithfully (the caller deletes the file)."""


def _decode(body: bytes) -> tuple[str, str, bytes]:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding), encoding, bom
    if b"\x00" in body:
        raise NotRewritableError("UTF-16 without a BOM, or not text")
    try:
        return body.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        return body.decode("cp1252"), "cp1252", b""


def _lines(text: str) -> list[str]:
    newline = "\r" if "\n" not in text and "\r" in text else "\n"
    parts = text.split(newline)
    last = parts.pop()
    return [p + newline for p in parts] + ([last] if last else [])


def rewrite(body: bytes, decide: Callable[[int, list[str]], str]) -> tuple[bytes, int]:
    """The file with each record after the header kept, blanked or dropped as decide(row number,
    cells) says, and how many were blanked or dropped. Raises NotRewritableError."""
    try:
        text, encoding, bom = _decode(body)
    except UnicodeDecodeError as exc:
        raise NotRewritableError(str(exc)) from None
    lines = _lines(text)
    out: list[str] = []
    number, delimiter, index = 0, None, 0
    while index < len(lines):                     # what precedes the header, as csv_reader counts it
        line = lines[index]
        hint = _SEP_HINT.fullmatch(line.strip())
        if hint and number == 0 and delimiter is None:
            delimiter = hint.group(1)
        elif _BLANK_LINE.fullmatch(line):
            number += 1
        else:
            break
        out.append(line)
        index += 1
    if index == len(lines):
        return body, 0
    delimiter = delimiter or sniff_delimiter(lines[index])
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
    records = Records(iter(lines[index:]), delimiter)   # the reader's own records: its numbers
    try:
        header = next(records)
        records.width = len(header.cells(delimiter))
    except (csv.Error, StopIteration) as exc:
        raise NotRewritableError(f"the header cannot be read ({exc})") from None
    out += header.lines
    number += 1
    changed = 0
    for record in records:
        number += 1
        try:
            cells = record.cells(delimiter)
        except csv.Error as exc:
            raise NotRewritableError(f"row {number} cannot be read ({exc})") from None
        verdict = decide(number, cells) if any(c.strip() for c in cells) else KEEP
        if verdict == KEEP:
            out += record.lines
        else:
            changed += 1
            if verdict == BLANK:
                last = record.lines[-1]
                end = "\r\n" if last.endswith("\r\n") else last[len(last.rstrip("\r\n")):]
                out.append(delimiter * (max(len(cells), records.width) - 1) + (end or "\n"))
    return bom + "".join(out).encode(encoding), changed
