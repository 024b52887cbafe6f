"""Readers of the standard lead import: CSV, XLSX and ADF XML -> one ImportRow per lead.

Pure Python, no AWS: each reader takes a binary file-like object and yields rows whose
`fields` are in the API's shape, to be validated by LeadInput like any API write.
"""
from .adf_xml import open_adf
from .columns import FIELDS, ColumnMap, field_for
from .csv_reader import open_csv
from .detect import detect_format, open_lead_file
from .rows import FileFormatError, ImportRow, LeadFile, UnsafeXmlError, ZipBombError
from .xlsx_reader import open_xlsx

__all__ = [
    "FIELDS", "ColumnMap", "FileFormatError", "ImportRow", "LeadFile", "UnsafeXmlError",
    "ZipBombError", "detect_format", "field_for", "open_adf", "open_csv", "open_lead_file",
    "open_xlsx",
]
