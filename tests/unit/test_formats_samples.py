"""The sample files of docs/import-format.md: every format reads to the same leads, and every
lead passes the API's own validation, except the deliberately bad rows, which are reported."""
from pathlib import Path

import pytest
from pydantic import ValidationError

from chalicelib.domain.lead import LeadInput
from chalicelib.formats import FileFormatError, detect_format, field_for, open_lead_file
from chalicelib.formats.columns import ColumnMap
from chalicelib.validation import field_errors

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
CONTEXT = {"country": "AT", "tenant_kind": "dealer"}
GERMAN_SAMPLES = ["vienna-autoshow-2017.cp1252.csv", "vienna-autoshow-2017.utf8-bom.csv",
                  "vienna-autoshow-2017.utf16.txt", "vienna-autoshow-2017.xlsx"]
GOOD_SAMPLES = GERMAN_SAMPLES + ["vienna-autoshow-2017.en.csv", "vienna-autoshow-2017.adf.xml"]


def read(name: str, **options) -> list:
    with (FIXTURES / name).open("rb") as stream:
        return list(open_lead_file(stream, name, **options))


def problems(row) -> list[tuple[int, str | None]]:
    """(row number, field) of everything wrong with a row: the reader's errors, else LeadInput's."""
    if row.errors:
        return [(row.number, e["field"]) for e in row.errors]
    try:
        LeadInput.model_validate(row.fields, context=CONTEXT)
    except ValidationError as exc:
        return [(row.number, e["field"]) for e in field_errors(exc)]
    return []


@pytest.mark.parametrize("name", GERMAN_SAMPLES[1:])
def test_every_encoding_and_the_workbook_read_to_the_same_fields(name):
    expected = read(GERMAN_SAMPLES[0])
    assert [(r.number, r.fields) for r in read(name)] == [(r.number, r.fields) for r in expected]


def test_the_english_sample_reads_to_the_same_leads_as_the_german_one():
    def leads(rows):
        return [LeadInput.model_validate(r.fields, context=CONTEXT).model_dump(exclude={"remark"})
                for r in rows]
    german, english = read(GERMAN_SAMPLES[0]), read("vienna-autoshow-2017.en.csv")
    assert leads(english) == leads(german)
    assert english[0].fields["remark"].endswith('"dringend"\nbooth: Hall B, booth 12')
    assert german[0].fields["remark"].endswith('"dringend"\nMessestand: Halle B, Stand 12')


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_every_sample_row_passes_the_api_validation(name):
    rows = read(name)
    assert rows and [problems(row) for row in rows] == [[] for _ in rows]


def test_the_sample_leads_come_out_as_the_fair_entered_them():
    lead = LeadInput.model_validate(read(GERMAN_SAMPLES[0])[0].fields, context=CONTEXT)
    assert (lead.salutation, lead.title, lead.phone, lead.country) == ("mr", "Dr.", "+436641234567", "AT")
    assert (lead.qualification, lead.source, lead.source_detail) == (
        "hot", "Vienna Autoshow", "Vienna Autoshow 2017")
    assert lead.vehicle.interest.models == ["Golf", "Tiguan"]
    assert lead.consent.marketing_email and not lead.consent.marketing_phone


def test_bad_rows_are_reported_with_row_number_and_field():
    rows = read("vienna-autoshow-2017.bad-rows.csv")
    assert [p for row in rows for p in problems(row)] == [
        (2, "birth_date"),                   # 31/12/1980: day or month first?
        (3, "vehicle.interest.test_drive"),  # vielleicht
        (4, "last_name"),                    # missing
        (5, "phone"),                        # no phone, e-mail or address
        (6, "email"),                        # tom(at)example.at
        (7, "birth_date"),                   # 31.02.1980
        (8, "qualification"),                # lauwarm
        (11, None),                          # a value beyond the last header
        (12, "postal_code"),                 # 999
        (13, "phone"),                       # 0664 1
        (14, "source"),                      # source detail without source
        (15, "last_name"),                   # nobody: no name, company, e-mail or phone
    ]
    assert [row.number for row in rows if not problems(row)] == [10]  # row 9 is blank


def test_each_reader_error_names_the_column_a_person_fixes():
    errors = {row.number: row.errors for row in read("vienna-autoshow-2017.bad-rows.csv")}
    assert [e["column"] for e in errors[2]] == ["Geburtsdatum"]
    assert [e["column"] for e in errors[11]] == ["Spalte 14"]
    assert "write 31.12.1980" in errors[2][0]["message"]


@pytest.mark.parametrize("name, head, kind", [
    ("incoming/t1/Vienna Autoshow 2017.CSV", b"", "csv"), ("leads.txt", b"", "csv"),
    ("leads.xlsx", b"", "xlsx"), ("feed.xml", b"", "adf"),
    ("upload", b"PK\x03\x04", "xlsx"), ("upload", b"\xef\xbb\xbf<?ADF", "adf"),
    ("upload", b"Nachname;Vorname", "csv"),
])
def test_the_format_comes_from_the_name_or_else_the_first_bytes(name, head, kind):
    assert detect_format(name, head) == kind


def test_old_excel_files_are_refused_by_name():
    with pytest.raises(FileFormatError, match=".xls"):
        detect_format("leads.xls")


# -- the customer file of a dealer management system

CUSTOMER_SAMPLE = "dms-customers.cp1252.csv"


def test_the_sample_customer_file_is_read_with_every_column_mapped():
    with (FIXTURES / CUSTOMER_SAMPLE).open("rb") as stream:
        lead_file = open_lead_file(stream, CUSTOMER_SAMPLE, customers=True)
        rows = list(lead_file)
    assert lead_file.details == {"encoding": "cp1252", "delimiter": ";"}
    assert lead_file.unmapped == []
    assert lead_file.columns == {
        "external_id": "Kundennummer", "salutation": "Anrede", "title": "Titel",
        "first_name": "Vorname", "last_name": "Nachname", "company": "Firma", "street": "Straße",
        "postal_code": "PLZ", "city": "Ort", "country": "Land", "phone": "Telefon privat",
        "work_phone": "Telefon geschäftlich", "mobile_phone": "Mobil", "email": "E-Mail",
        "birth_date": "Geburtsdatum"}
    assert [row.number for row in rows] == list(range(2, 14))
    assert [row.errors for row in rows] == [[] for _ in rows]


def test_the_sample_customer_file_reads_each_row_as_exported():
    with (FIXTURES / CUSTOMER_SAMPLE).open("rb") as stream:
        rows = {row.fields["external_id"]: row.fields
                for row in open_lead_file(stream, CUSTOMER_SAMPLE, customers=True)}
    assert rows["100237"] == {  # a company without a person
        "external_id": "100237", "salutation": "Firma", "company": "Bauunternehmung Pichler GmbH",
        "street": "Industriestraße 8", "postal_code": "5020", "city": "Salzburg", "country": "AT",
        "work_phone": "0662 43210", "email": "OFFICE@PICHLER-BAU.EXAMPLE"}
    assert rows["100236"]["title"] == "Dr. med."
    assert rows["100235"]["birth_date"] == "1990-10-03"  # 03.10.90
    assert rows["100244"]["birth_date"] == "2001-08-17"  # 17.08.01: 25 years old
    assert rows["100239"]["work_phone"] == "0512 345678 (Zentrale, DW 12)"  # a note, as written
    assert rows["100241"]["postal_code"] == "01099" and rows["100241"]["country"] == "DE"
    assert rows["100242"]["mobile_phone"] == "079 3456789" and rows["100242"]["country"] == "CH"
    assert rows["100243"]["last_name"] == "von der Heydt"


def test_a_lead_file_keeps_a_customer_number_column_in_the_remark():
    with (FIXTURES / CUSTOMER_SAMPLE).open("rb") as stream:
        lead_file = open_lead_file(stream, CUSTOMER_SAMPLE)
        first = next(iter(lead_file))
    assert lead_file.unmapped == ["Kundennummer"]
    assert first.fields["remark"] == "Kundennummer: 100234" and "external_id" not in first.fields


@pytest.mark.parametrize("header", ["Kundennummer", "Kundennr.", "KdNr", "Kunden-ID", "Customer number",
                                   "Customer no", "Customer ID", "External ID", "DMS-ID", "DMS-Nummer",
                                   "external_id"])
def test_the_customer_number_columns_of_dealer_systems(header):
    assert field_for(header, customers=True).path == "external_id"
    assert field_for(header) is None


def test_a_customer_file_needs_a_customer_number_column_not_a_last_name_column():
    with pytest.raises(FileFormatError, match="customer number.*Kundennummer"):
        ColumnMap(["Nachname", "Vorname"], customers=True)
    assert ColumnMap(["Kundennummer", "Firma"], customers=True).columns == {
        "external_id": "Kundennummer", "company": "Firma"}


def test_a_customer_file_maps_only_the_persons_columns():
    columns = ColumnMap(["Kundennummer", "Nachname", "Marke", "Qualifizierung"], customers=True)
    assert columns.unmapped == ["Marke", "Qualifizierung"]


def test_an_adf_file_is_no_customer_file():
    with (FIXTURES / "vienna-autoshow-2017.adf.xml").open("rb") as stream:
        with pytest.raises(FileFormatError, match="holds leads, not customers"):
            open_lead_file(stream, "feed.xml", customers=True)
