"""The XLSX reader: typed cells, Excel's row numbers, and zip bombs refused before unpacking.

Run this module (`python -m tests.unit.test_formats_xlsx`) to rebuild the sample workbook
tests/fixtures/imports/vienna-autoshow-2017.xlsx from the sample CSV.
"""
import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from chalicelib.formats import FileFormatError, UnsafeXmlError, ZipBombError, open_csv, open_xlsx
from chalicelib.formats import xlsx_reader

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
SAMPLE_CSV = FIXTURES / "vienna-autoshow-2017.cp1252.csv"
SAMPLE_XLSX = FIXTURES / "vienna-autoshow-2017.xlsx"
_PRICES = {"35.000,00 €": 35000, "28.500": 28500, "42.000": 42000, "CHF 52'000.-": 52000}


def _typed(header: str, value: str):
    """A CSV cell as Excel holds it once typed in: numbers, dates and TRUE/FALSE."""
    if not value:
        return None
    if header == "PLZ" or header == "Baujahr":
        return int(value)
    if header == "Kilometerstand":
        return int(value.replace(".", ""))
    if header == "Preis":
        return _PRICES[value]
    if header == "Geburtsdatum":
        return dt.datetime.strptime(value, "%d.%m.%Y").date()
    if header == "Eingang":
        return dt.datetime.strptime(value, "%d.%m.%Y %H:%M" if " " in value else "%d.%m.%Y")
    if value in ("ja", "nein"):
        return value == "ja"
    return value


def vienna_workbook() -> Workbook:
    with SAMPLE_CSV.open(encoding="cp1252", newline="") as stream:
        header, *rows = list(csv.reader(stream, delimiter=";"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Leads"
    sheet.append(header)
    for row in rows:
        sheet.append([_typed(h, v) for h, v in zip(header, row)])
    return workbook


def workbook_bytes(rows: list[list], title: str = "Leads", extra_sheet: str | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet(extra_sheet).append(["Nachname", "Ort"])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    return data


def rewritten(data: io.BytesIO, name: str, change) -> io.BytesIO:
    """The workbook with one part's XML changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            target.writestr(entry.filename, change(content) if entry.filename == name else content)
    out.seek(0)
    return out


def test_the_sample_workbook_reads_to_the_same_fields_as_the_sample_csv():
    with SAMPLE_XLSX.open("rb") as stream:
        lead_file = open_xlsx(stream)
        rows = list(lead_file)
    with SAMPLE_CSV.open("rb") as stream:
        expected = list(open_csv(stream))
    assert lead_file.details == {"sheet": "Leads"}
    assert [(r.number, r.fields, r.errors) for r in rows] == [
        (r.number, r.fields, []) for r in expected]


def test_the_sample_workbook_is_what_the_builder_makes():
    data = io.BytesIO()
    vienna_workbook().save(data)
    data.seek(0)
    with SAMPLE_XLSX.open("rb") as stream:
        assert [r.fields for r in open_xlsx(data)] == [r.fields for r in open_xlsx(stream)]


def test_typed_cells_become_api_values_and_raw_keeps_them_as_text():
    data = workbook_bytes([
        ["Nachname", "PLZ", "Land", "Geburtsdatum", "Eingang", "Preis", "Probefahrt", "Telefon"],
        ["Weiß", 1067, "D", dt.date(1990, 2, 1), dt.datetime(2017, 11, 13, 9, 0), 42000.5, True,
         "0664 1234567"],
    ])
    row, = open_xlsx(data)
    assert row.fields == {
        "last_name": "Weiß", "postal_code": "01067", "country": "DE", "birth_date": "1990-02-01",
        "received_at": "2017-11-13T09:00:00+01:00",
        "vehicle": {"interest": {"price": 42000.5, "test_drive": True}}, "phone": "0664 1234567"}
    assert row.raw["PLZ"] == "1067" and row.raw["Probefahrt"] == "TRUE"
    assert row.raw["Geburtsdatum"] == "1990-02-01"


def test_the_header_is_the_first_non_empty_row_and_numbers_are_excels():
    data = workbook_bytes([
        [], ["Messe-Leads Vienna Autoshow 2017"], [],
    ])
    # A title above the header is not a header: it has no last-name column.
    with pytest.raises(FileFormatError, match="last name"):
        open_xlsx(data)
    data = workbook_bytes([[], [], ["Nachname", "Ort"], ["Gruber", "Wien"], [], ["Huber", "Graz"]])
    assert [(r.number, r.fields["last_name"]) for r in open_xlsx(data)] == [(4, "Gruber"), (6, "Huber")]


def test_a_customer_workbook_reads_the_customer_number():
    data = workbook_bytes([["Kundennummer", "Firma", "Mobil"], [100237, "Pichler GmbH", "0664 1234567"]])
    row, = open_xlsx(data, customers=True)
    assert row.fields == {"external_id": "100237", "company": "Pichler GmbH",
                          "mobile_phone": "0664 1234567"}


def test_a_named_sheet_is_read_and_a_missing_one_is_refused():
    data = workbook_bytes([["Titel"]], title="Deckblatt", extra_sheet="Leads")
    assert open_xlsx(data, sheet="Leads").details == {"sheet": "Leads"}
    data.seek(0)
    with pytest.raises(FileFormatError, match="no sheet 'Kunden'.*Deckblatt, Leads"):
        open_xlsx(data, sheet="Kunden")


def test_resuming_skips_the_rows_already_imported():
    with SAMPLE_XLSX.open("rb") as stream:
        assert [r.number for r in open_xlsx(stream, start_after=5)] == [6, 7]


@pytest.fixture
def never_unpacked(monkeypatch):
    """Fails the test if openpyxl gets to open the workbook (xlsx_reader imports it when it opens one)."""
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was opened before the zip-bomb check refused it")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_highly_compressed_part_is_refused_as_a_zip_bomb(never_unpacked):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(20):
                part.write(b"\0" * 2**20)  # 20 MB of zeros pack into about 20 KB
    data.seek(0)
    with pytest.raises(ZipBombError, match="compressed .*:1"):
        open_xlsx(data)


def test_a_workbook_declaring_more_than_the_size_limit_is_refused(never_unpacked):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    raw = bytearray(data.getvalue())
    directory = raw.rindex(b"PK\x01\x02")
    raw[directory + 24:directory + 28] = (300 * 2**20).to_bytes(4, "little")  # uncompressed size
    with pytest.raises(ZipBombError, match="300 MB"):
        open_xlsx(io.BytesIO(bytes(raw)))


def test_a_workbook_of_too_many_parts_is_refused(never_unpacked):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for i in range(xlsx_reader.MAX_ENTRIES + 1):
            archive.writestr(f"xl/media/p{i}.bin", b"")
    data.seek(0)
    with pytest.raises(ZipBombError, match="10001 parts"):
        open_xlsx(data)


def test_entity_declarations_inside_a_workbook_are_refused():
    def with_entity(xml: bytes) -> bytes:
        return b'<!DOCTYPE worksheet [<!ENTITY lol "lol">]>' + xml
    data = rewritten(workbook_bytes([["Nachname"], ["Gruber"]]), "xl/worksheets/sheet1.xml", with_entity)
    with pytest.raises(UnsafeXmlError):
        list(open_xlsx(data))


@pytest.mark.parametrize("data, reason", [
    (b"Nachname;Ort\nGruber;Wien\n", "not a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "97-2003"),
])
def test_files_that_are_no_workbook_fail_with_a_reason(data, reason):
    with pytest.raises(FileFormatError, match=reason):
        open_xlsx(io.BytesIO(data))


def test_a_zip_that_is_no_workbook_fails_with_a_reason():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "hello")
    data.seek(0)
    with pytest.raises(FileFormatError, match="not a readable XLSX"):
        open_xlsx(data)


if __name__ == "__main__":
    vienna_workbook().save(SAMPLE_XLSX)
    print(f"wrote {SAMPLE_XLSX}")
