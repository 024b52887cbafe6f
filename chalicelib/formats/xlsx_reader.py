"""XLSX reader: one sheet of a workbook, read-only and row by row, after a zip-bomb check.

openpyxl and defusedxml are imported by the functions that use them: only a workbook being
read needs them, not a cold start of the API (bench/cold_start.py).
"""
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from .columns import ColumnMap
from .rows import FileFormatError, ImportRow, LeadFile, UnsafeXmlError, ZipBombError
from .values import is_blank

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 200
# Below this size an entry cannot bomb, whatever its ratio (tiny XML parts compress very well).
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def check_archive(stream: BinaryIO) -> None:
    """Refuse a workbook whose archive would unpack beyond the limits, before anything unpacks.

    zipfile never returns more than an entry's declared size, so the declared sizes bound what
    openpyxl can read.
    """
    start = stream.tell()
    if stream.read(4) == _OLE_MAGIC:
        raise FileFormatError("an Excel 97-2003 (.xls) or password-protected workbook: "
                              "save it as .xlsx without password, or as CSV")
    stream.seek(start)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise FileFormatError("not an XLSX file: it is not a zip archive") from None
    if len(entries) > MAX_ENTRIES:
        raise ZipBombError(f"the workbook has {len(entries)} parts; at most {MAX_ENTRIES} are allowed")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ZipBombError(f"the workbook would unpack to {total // 2**20} MB; "
                           f"at most {MAX_UNCOMPRESSED_BYTES // 2**20} MB are allowed")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ZipBombError(f"the part {entry.filename} is compressed {ratio:.0f}:1; "
                               f"at most {MAX_COMPRESSION_RATIO}:1 is allowed")
    stream.seek(start)


def open_xlsx(stream: BinaryIO, *, sheet: str | None = None, default_country: str | None = None,
              start_after: int = 0, customers: bool = False) -> LeadFile:
    """Open a workbook (a seekable binary file-like object) at its first or the named sheet.

    customers=True reads a customer file (see ColumnMap).

    The header row is the first non-empty row; row numbers are Excel's. Date cells arrive as
    dates, numeric cells as numbers. Formulas are read as their last computed values.
    """
    from openpyxl import load_workbook

    check_archive(stream)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to TypeError on bad parts
        if _caused_by_unsafe_xml(exc):
            raise UnsafeXmlError("the workbook contains XML entity declarations") from None
        raise FileFormatError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        # The named sheet, or the first that holds anything (an empty "Tabelle1" before the list).
        candidates = [_worksheet(workbook, sheet)] if sheet is not None else workbook.worksheets
        if not candidates:
            raise FileFormatError("the workbook has no worksheet")
        for worksheet in candidates:
            rows = _opened(worksheet)
            for number, cells in _guarded(rows):
                if not all(is_blank(cell) for cell in cells):
                    break
            else:
                continue
            break
        else:
            raise FileFormatError(f"the sheet {candidates[0].title!r} is empty: no header row found"
                                  if len(candidates) == 1 else "every sheet of the workbook is empty: no header row found")
        columns = ColumnMap(_trimmed(cells), default_country, customers=customers)
        # One sheet is one list: other sheets holding data are named, so that nothing is left unseen.
        others = [] if sheet is not None else [w.title for w in workbook.worksheets
                                               if w is not worksheet and _holds_data(w)]
    except BaseException:
        workbook.close()
        raise
    return LeadFile("xlsx", _rows(rows, columns, start_after, workbook.close), headers=columns.headers,
                    columns=columns.columns, unmapped=columns.unmapped,
                    details={"sheet": worksheet.title, **({"other_sheets": others} if others else {})},
                    release=workbook.close)


OTHER_SHEET_ROWS = 1000             # rows of another sheet looked at for data before it counts as empty


def _opened(worksheet) -> Iterator[tuple[int, tuple]]:
    # Some writers record wrong dimensions; without them every row is read as it is.
    worksheet.reset_dimensions()
    return enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1)


def _holds_data(worksheet) -> bool:
    """Whether a sheet has a non-blank cell in its first OTHER_SHEET_ROWS rows; a sheet that cannot
    be read is named too (its data, if any, was not imported), without failing the one read."""
    try:
        for number, cells in _guarded(_opened(worksheet)):
            if number > OTHER_SHEET_ROWS:
                return False
            if not all(is_blank(cell) for cell in cells):
                return True
    except FileFormatError:
        return True
    return False


def _worksheet(workbook, name: str):
    if name not in workbook.sheetnames:
        raise FileFormatError(f"the workbook has no sheet {name!r}; "
                              f"its sheets: {', '.join(workbook.sheetnames)}")
    return workbook[name]


def _rows(rows: Iterator[tuple[int, tuple]], columns: ColumnMap, start_after: int,
          release) -> Iterator[ImportRow]:
    try:
        for number, cells in _guarded(rows):
            if number <= start_after or all(is_blank(cell) for cell in cells):
                continue
            fields, raw, errors = columns.read(cells)
            yield ImportRow(number, fields, raw, errors)
    finally:
        release()


def _guarded(rows: Iterator) -> Iterator:
    """The sheet's XML is parsed while rows are read: its errors surface here."""
    from defusedxml import DefusedXmlException

    try:
        yield from rows
    except DefusedXmlException:
        raise UnsafeXmlError("the sheet contains XML entity declarations") from None
    except (zipfile.BadZipFile, SyntaxError, ValueError) as exc:  # ParseError is a SyntaxError
        raise FileFormatError(f"the sheet cannot be read ({exc})") from None


def _caused_by_unsafe_xml(exc: BaseException | None) -> bool:
    """openpyxl re-raises parse errors as ValueError; the defusedxml refusal is in the chain."""
    from defusedxml import DefusedXmlException

    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _trimmed(cells: tuple) -> tuple:
    """The header cells without the empty ones after the last header."""
    end = len(cells)
    while end and is_blank(cells[end - 1]):
        end -= 1
    return cells[:end]
