"""Which reader a file needs, by its name and, failing that, by its first bytes."""
from pathlib import PurePosixPath
from typing import BinaryIO

from .adf_xml import open_adf
from .csv_reader import open_csv
from .rows import FileFormatError, LeadFile
from .xlsx_reader import open_xlsx

_BY_SUFFIX = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
              ".xml": "adf", ".adf": "adf"}


def detect_format(name: str, head: bytes = b"") -> str:
    """'csv', 'xlsx' or 'adf' for a file name (and optionally its first bytes)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".xls":
        raise FileFormatError("Excel 97-2003 (.xls) files are not read: save the file as .xlsx or CSV")
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "adf"
    if head:
        return "csv"
    raise FileFormatError(f"unknown file type {suffix or name!r}: use .csv, .xlsx or .xml (ADF)")


def open_lead_file(stream: BinaryIO, name: str, *, sheet: str | None = None,
                   default_country: str | None = None, start_after: int = 0,
                   customers: bool = False) -> LeadFile:
    """Open a file of leads with the reader its name (or content) calls for.

    XLSX needs a seekable stream (a zip is read from its end): spool an S3 body to a
    temporary file first. CSV and ADF only call read(n). customers=True reads a customer file
    (CSV or XLSX: the person's columns and the customer number); ADF holds leads only.
    """
    head = b""
    seekable = getattr(stream, "seekable", None)  # an S3 body is not
    if PurePosixPath(name).suffix.lower() not in _BY_SUFFIX and seekable and seekable():
        head = stream.read(8)
        stream.seek(0)
    kind = detect_format(name, head)
    if kind == "xlsx":
        return open_xlsx(stream, sheet=sheet, default_country=default_country, start_after=start_after,
                         customers=customers)
    if kind == "adf":
        if customers:
            raise FileFormatError("an ADF file holds leads, not customers: "
                                  "export the customers as CSV or XLSX")
        return open_adf(stream, start_after=start_after)
    return open_csv(stream, default_country=default_country, start_after=start_after,
                    customers=customers)
