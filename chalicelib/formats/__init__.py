"""Readers of the standard lead import: CSV, XLSX and ADF XML -> one ImportRow per lead.

Pure Python, no AWS: each reader takes a binary file-like object and yields rows whose
`fields` are in the API's shape, to be validated by LeadInput like any API write.

The names below load their reader when first used (PEP 562): only imports and webhook
deliveries read files or forms, so a cold start of the API does not load the readers.
"""
import importlib

_MODULE_OF = {
    "open_adf": "adf_xml",
    "FIELDS": "columns", "ColumnMap": "columns", "field_for": "columns",
    "open_csv": "csv_reader",
    "detect_format": "detect", "open_lead_file": "detect",
    "FileFormatError": "rows", "ImportRow": "rows", "LeadFile": "rows", "UnsafeXmlError": "rows",
    "ZipBombError": "rows",
    "open_xlsx": "xlsx_reader",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
