"""CSV that a spreadsheet opens without running anything: cells that would be read as a formula
(or a DDE call, `=cmd|' /C calc'!A0`) are written as text.

Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (also after spaces) or
with a tab or carriage return as a formula; the full-width forms ＝ ＋ － ＠ are treated alike,
as some spreadsheets and input methods fold them. Such a cell gets a leading apostrophe, the
spreadsheets' own text marker, which they do not show.

Numbers are neutralised too: "-5" and "+43 664 1234567" become "'-5" and "'+43 664 1234567".
A CSV cell has no type, so a sign cannot tell a number from a formula ("-1+1", "+cmd|...") and
letting "numbers" through would mean parsing cells the way each spreadsheet does. What leadflow
writes (names, addresses, phone numbers, messages, error reports) has no negative numbers to
compute with, and a phone number is better shown as text anyway (Excel would compute
"+43 664 1234567" or refuse it).
"""
import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
CONTROL_STARTS = ("\t", "\r")
TEXT_MARKER = "'"


def safe_cell(value) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it; None is ''."""
    text = "" if value is None else str(value)
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return TEXT_MARKER + text
    return text


def csv_text(header: Iterable, rows: Iterable[Iterable], delimiter: str = ";") -> str:
    """A whole CSV document, header and data cells through safe_cell; lines end in \\r\\n.

    ';' is what German Excel expects. Encode the text as 'utf-8-sig' for Excel to see the
    umlauts (without the BOM it reads the file as Windows-1252).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
