"""Cell values and column headers of the standard lead import (pure, no files, no AWS)."""
import datetime as dt
from typing import get_args

import pytest
from pydantic import BaseModel

from chalicelib.domain.lead import LeadInput
from chalicelib.formats import FileFormatError
from chalicelib.formats.columns import FIELDS, ColumnMap, field_for
from chalicelib.formats.values import (
    as_text, parse_code, parse_country, parse_customer_number, parse_date, parse_datetime, parse_models, parse_number,
    parse_qualification, parse_whole_number, parse_year, parse_yes_no, price_currency,
)


@pytest.mark.parametrize("header, path", [
    ("Nachname", "last_name"), ("last_name", "last_name"), ("Name", "last_name"),
    ("NACHNAME *", "last_name"), ("Vorname", "first_name"), ("First Name", "first_name"),
    ("Anrede", "salutation"), ("Titel", "title"),
    ("Straße", "street"), ("Strasse", "street"), ("STRASSE", "street"), ("street", "street"),
    ("PLZ", "postal_code"), ("postal_code", "postal_code"), ("Zip", "postal_code"),
    ("Ort", "city"), ("Stadt", "city"), ("Land", "country"),
    ("Telefon", "phone"), ("Tel.", "phone"), ("Mobil", "mobile_phone"), ("phone", "phone"),
    ("E-Mail", "email"), ("Email", "email"), ("e_mail", "email"),
    ("Geburtsdatum", "birth_date"), ("Bemerkung", "remark"), ("Anmerkung", "remark"),
    ("Qualifizierung", "qualification"), ("Lead-Herkunft", "source"), ("Herkunft", "source"),
    ("Lead-Herkunft-Detail", "source_detail"), ("Lead Herkunft Detail", "source_detail"),
    ("Bearbeiter", "assignee"), ("Eingang", "received_at"), ("Datum", "received_at"),
    ("Marke", "vehicle.interest.make"), ("interest_make", "vehicle.interest.make"),
    ("Modelle", "vehicle.interest.models"), ("interest_models", "vehicle.interest.models"),
    ("Preis", "vehicle.interest.price"), ("Händlerkontakt", "vehicle.interest.dealer_contact"),
    ("Haendlerkontakt", "vehicle.interest.dealer_contact"), ("Prospekt", "vehicle.interest.brochure"),
    ("Probefahrt", "vehicle.interest.test_drive"), ("test drive", "vehicle.interest.test_drive"),
    ("Fahrzeugangebot", "vehicle.interest.offer"), ("Fahrzeugkauf", "vehicle.interest.purchase"),
    ("Zubehörkatalog", "vehicle.interest.accessories_catalogue"),
    ("Aktuelle Marke", "vehicle.current.make"), ("Aktuelles Modell", "vehicle.current.model"),
    ("Baujahr", "vehicle.current.year"), ("Kilometerstand", "vehicle.current.mileage_km"),
    ("Einwilligung E-Mail", "consent.marketing_email"),
    ("Einwilligung Telefon", "consent.marketing_phone"),
    ("Einwilligung Post", "consent.marketing_post"),
    ("Datenschutzhinweis-Version", "consent.privacy_notice_version"),
    ("vehicle.next.financing", "vehicle.next.financing"),
])
def test_german_and_english_headers_name_the_same_fields(header, path):
    assert field_for(header).path == path


@pytest.mark.parametrize("header, path", [
    ("Telefon", "phone"), ("Tel", "phone"), ("Phone", "phone"), ("Telefonnummer", "phone"),
    ("Telefon privat", "phone"), ("Tel. privat", "phone"), ("Telefon (privat)", "phone"),
    ("Privat", "phone"),
    ("Telefon geschäftlich", "work_phone"), ("Tel. geschäftlich", "work_phone"),
    ("Telefon Firma", "work_phone"), ("Geschäftlich", "work_phone"),
    ("Business phone", "work_phone"), ("Work phone", "work_phone"), ("Phone (work)", "work_phone"),
    ("Mobil", "mobile_phone"), ("Mobiltelefon", "mobile_phone"), ("Mobilnummer", "mobile_phone"),
    ("Handy", "mobile_phone"), ("Handynummer", "mobile_phone"), ("Mobile", "mobile_phone"),
    ("Mobile phone", "mobile_phone"), ("Cell", "mobile_phone"), ("Natel", "mobile_phone"),
    ("Firma", "company"), ("Firmenname", "company"), ("Unternehmen", "company"),
    ("Company", "company"), ("Company name", "company"), ("Organisation", "company"),
])
def test_the_column_names_of_dealer_system_and_crm_exports(header, path):
    assert field_for(header).path == path


def test_a_row_with_three_phone_numbers_and_a_company_keeps_them_apart():
    columns = ColumnMap(["Nachname", "Firma", "Telefon privat", "Telefon geschäftlich", "Handy"])
    fields, _, errors = columns.read(["Huber", "Huber GmbH", "01 5321234", "'01 5320000", "0664 1234567"])
    assert fields == {"last_name": "Huber", "company": "Huber GmbH", "phone": "01 5321234",
                      "work_phone": "01 5320000", "mobile_phone": "0664 1234567"}
    assert errors == []


def _api_paths(model, prefix=""):
    for name, info in model.model_fields.items():
        nested = next((a for a in (info.annotation, *get_args(info.annotation))
                       if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if nested:
            yield from _api_paths(nested, f"{prefix}{name}.")
        else:
            yield prefix + name


# Fields the readers already produce while the lead and customer model is gaining them.
FIELDS_COMING_TO_THE_MODEL = {"company", "mobile_phone", "work_phone"}


def test_every_field_of_the_lead_api_has_a_column():
    api, columns = set(_api_paths(LeadInput)), {f.path for f in FIELDS}
    assert api <= columns and columns - api <= FIELDS_COMING_TO_THE_MODEL


@pytest.mark.parametrize("raw, expected", [
    ("31.12.1980", "1980-12-31"), ("1.2.1980", "1980-02-01"), ("1980-12-31", "1980-12-31"),
    (" 1980-12-31 00:00:00 ", "1980-12-31"), (dt.datetime(1980, 12, 31), "1980-12-31"),
    (dt.date(1980, 12, 31), "1980-12-31"), (29586, "1980-12-31"),
    ("19801231", "1980-12-31"), (19801231, "1980-12-31"), (19801231.0, "1980-12-31"),     # YYYYMMDD
])
def test_dates_in_german_iso_and_excel_form(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw, reason", [
    ("31.12.198", "3-digit year"), ("1.1.5", "1-digit year"), ("31/12/1980", "not a date"),
    ("31.02.1980", "not a valid date"), ("gestern", "not a date"), ("19801331", "not a valid date"),
    (float("inf"), "not a date"), (float("nan"), "not a date"),
])
def test_dates_that_cannot_be_read_say_why(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(raw)


TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("raw, expected", [
    ("03.10.90", "1990-10-03"), ("31.12.80", "1980-12-31"), ("01.02.05", "2005-02-01"),
    ("01.12.12", "2012-12-01"),  # 14 years old yesterday
    ("03.12.12", "1912-12-03"),  # 2012 would make a 13-year-old
    ("01.02.26", "1926-02-01"), ("05.06.00", "2000-06-05"),
])
def test_a_two_digit_birth_year_takes_the_century_of_a_plausible_birth_date(raw, expected):
    assert parse_date(raw, today=TODAY) == expected


def test_the_century_of_a_two_digit_birth_year_moves_with_today():
    assert parse_date("02.12.12", today=dt.date(2026, 12, 2)) == "2012-12-02"
    assert parse_date("02.12.12", today=dt.date(2026, 12, 1)) == "1912-12-02"


def test_a_29_february_of_a_two_digit_year_that_only_exists_in_2000_says_so():
    assert parse_date("29.02.00", today=TODAY) == "2000-02-29"
    with pytest.raises(ValueError, match="29.02.1900 is not a valid date"):
        parse_date("29.02.00", today=dt.date(2010, 1, 1))


@pytest.mark.parametrize("raw", [
    dt.datetime(1990, 10, 3, 12, 0), "1990-10-03 12:00:00", "03.10.1990 00:00", "03.10.1990 14:30",
    "1990-10-03T12:00:00+02:00", 33149.5,
])
def test_a_birth_date_with_a_time_gives_the_date(raw):
    assert parse_date(raw) == "1990-10-03"


@pytest.mark.parametrize("raw, expected", [
    ("10.11.2017 14:30", "2017-11-10T14:30:00+01:00"),
    ("10.11.2017, 14:30 Uhr", "2017-11-10T14:30:00+01:00"),
    ("10.11.2017", "2017-11-10T00:00:00+01:00"),
    ("2017-07-10 14:30:15", "2017-07-10T14:30:15+02:00"),  # summer time
    ("2017-11-10T14:30:00-0500", "2017-11-10T14:30:00-05:00"),
    ("2017-11-10T14:30:00+01:00", "2017-11-10T14:30:00+01:00"),
    ("2017-11-10T14:30:00Z", "2017-11-10T14:30:00+00:00"),
    ("2017-11-10T14:30:00.250+0530", "2017-11-10T14:30:00.250000+05:30"),
    ("2017-11-10T14:30:00+01", "2017-11-10T14:30:00+01:00"),
    (dt.datetime(2017, 11, 10, 14, 30), "2017-11-10T14:30:00+01:00"),
])
def test_date_times_get_an_offset_local_time_when_none_is_given(raw, expected):
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2026-11-27T09:15:00-08:0", "2026-11-27T09:15:00-08:00"),
    ("2026-11-27T09:15:00+1", "2026-11-27T09:15:00+01:00"),
    ("2026-11-27T09:15:00+01", "2026-11-27T09:15:00+01:00"),
    ("2026-11-27T09:15:00+0100", "2026-11-27T09:15:00+01:00"),
    ("2026-11-27T09:15:00+01:00", "2026-11-27T09:15:00+01:00"),
    ("2026-11-27 09:15:00 GMT+1", "2026-11-27T09:15:00+01:00"),
    ("2026-11-27 09:15 UTC+02:00", "2026-11-27T09:15:00+02:00"),
    ("27.11.2026 09:15 MEZ", "2026-11-27T09:15:00+01:00"),
    ("27.11.2026 09:15 Uhr CET", "2026-11-27T09:15:00+01:00"),
    ("27.07.2026 09:15 MESZ", "2026-07-27T09:15:00+02:00"),
    ("27.07.2026 09:15 cest", "2026-07-27T09:15:00+02:00"),
    ("2026-11-27 09:15:00 Z", "2026-11-27T09:15:00+00:00"),
    ("2026-11-27 09:15:00 GMT", "2026-11-27T09:15:00+00:00"),
    ("2026-11-27T09:15:00-0530", "2026-11-27T09:15:00-05:30"),
])
def test_offsets_as_senders_write_them(raw, expected):
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize("raw", ["2026-11-27T09:15:00+15", "2026-11-27T09:15:00+05:3",
                                 "2026-11-27T09:15:00+01:75", "2026-11-27T09:15:00 EST"])
def test_offsets_that_cannot_be_read(raw):
    with pytest.raises(ValueError):
        parse_datetime(raw)


NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("raw, expected", [
    ("10.11.17 14:30", "2017-11-10T14:30:00+01:00"),
    ("01.12.26", "2026-12-01T00:00:00+01:00"),
    ("02.12.26 12:30", "2026-12-02T12:30:00+01:00"),  # 11:30 UTC: not in the future
    ("02.12.26 14:00", "1926-12-02T14:00:00+01:00"),  # 13:00 UTC would be
    ("24.12.99", "1999-12-24T00:00:00+01:00"),
])
def test_an_event_with_a_two_digit_year_is_in_this_century_unless_that_is_the_future(raw, expected):
    assert parse_datetime(raw, now=NOW) == expected


@pytest.mark.parametrize("raw", ["ja", "Ja", "J", "x", "X", "1", "true", "WAHR", "yes", "y", True, 1, 1.0])
def test_yes(raw):
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["nein", "N", "0", "false", "FALSCH", "no", "-", False, 0])
def test_no(raw):
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize("raw", ["on", " ON ", "On", " ja ", "JA", "Yes", "Y", " x ", "✓", " ✓ ", "True"])
def test_yes_as_forms_and_spreadsheets_write_it(raw):
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["off", " OFF ", "Nein ", "NO", "n", " 0 ", "Falsch", "FALSE"])
def test_no_as_forms_and_spreadsheets_write_it(raw):
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize("raw", ["vielleicht", "2", "jein", 2])
def test_neither_yes_nor_no(raw):
    with pytest.raises(ValueError, match="yes/no"):
        parse_yes_no(raw)


@pytest.mark.parametrize("raw, expected", [
    ("35.000,00 €", 35000), ("35000", 35000), ("35.000", 35000), ("35,000.00", 35000),
    ("35,000", 35000), ("35 000 EUR", 35000), ("CHF 35'000.-", 35000), ("35.000,-", 35000),
    ("€ 35.499,90", 35499.9), ("1.234.567", 1234567), ("12,5", 12.5), ("12.50", 12.5),
    (35000.0, 35000), (35000, 35000),
])
def test_prices_in_german_english_and_swiss_notation(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["billig", "35.000,00 $ und mehr", "1..2", True, "12."])
def test_numbers_that_are_not(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


@pytest.mark.parametrize("raw, expected", [
    ("35.000,00 €", "EUR"), ("35000 EUR", "EUR"), ("CHF 35'000.-", "CHF"), ("Fr. 35'000", "CHF"),
    ("35000", None), (35000, None),
])
def test_the_currency_written_in_a_price(raw, expected):
    assert price_currency(raw) == expected


def test_whole_numbers_and_years():
    assert parse_whole_number("145.000 km") == 145000
    assert parse_whole_number(145000.0) == 145000
    assert parse_year("03/2015") == 2015
    assert parse_year(2015.0) == 2015
    assert parse_year(dt.datetime(2015, 3, 1)) == 2015
    with pytest.raises(ValueError, match="whole number"):
        parse_whole_number("12,5")


def test_phone_numbers_and_postal_codes_stay_text():
    assert parse_code("0664 1234567") == "0664 1234567"
    assert parse_code("'0664 1234567") == "0664 1234567"  # Excel's text marker
    assert parse_code(1010.0) == "1010"
    assert parse_code(1010) == "1010"
    assert as_text(6641234567.0) == "6641234567"


def test_models_split_on_commas_and_semicolons():
    assert parse_models("Golf, Tiguan; Polo,Golf") == ["Golf", "Tiguan", "Polo"]
    assert parse_models(308) == ["308"]


@pytest.mark.parametrize("raw, expected", [
    ("Heiß", "hot"), ("heiss", "hot"), ("HOT", "hot"), ("Warm", "warm"), ("kalt", "cold"),
    ("Junk", "junk"),
])
def test_qualifications_in_german_and_english(raw, expected):
    assert parse_qualification(raw) == expected


def test_unknown_qualification_names_the_choices():
    with pytest.raises(ValueError, match="Heiß, Warm, Kalt or Junk"):
        parse_qualification("lauwarm")


@pytest.mark.parametrize("raw, expected", [
    ("Österreich", "AT"), ("Oesterreich", "AT"), ("A", "AT"), ("at", "AT"), ("Deutschland", "DE"),
    ("D", "DE"), ("Schweiz", "CH"), ("Liechtenstein", "LI"), ("FR", "FR"), ("Atlantis", "Atlantis"),
])
def test_countries_by_name_or_plate_letter(raw, expected):
    assert parse_country(raw) == expected


def test_unknown_columns_end_up_in_the_remark():
    columns = ColumnMap(["Nachname", "Bemerkung", "Messestand", "Gewinnspiel"])
    fields, raw, errors = columns.read(["Müller", "Rückruf", "Halle B", "ja"])
    assert fields["remark"] == "Rückruf\nMessestand: Halle B\nGewinnspiel: ja"
    assert raw == {"Nachname": "Müller", "Bemerkung": "Rückruf", "Messestand": "Halle B",
                   "Gewinnspiel": "ja"}
    assert columns.unmapped == ["Messestand", "Gewinnspiel"] and not errors


def test_a_name_column_of_a_file_is_the_last_name_as_written_not_split():
    fields, _, errors = ColumnMap(["Name", "Telefon"]).read(["Prof. Dr. Hans von Huber", "0664 1234567"])
    assert fields == {"last_name": "Prof. Dr. Hans von Huber", "phone": "0664 1234567"} and not errors


def test_a_second_column_for_the_same_field_is_kept_in_the_remark():
    columns = ColumnMap(["Nachname", "Telefon", "Tel. privat"])
    assert columns.read(["Müller", "01 5321234", "0664 1234567"])[0] == {
        "last_name": "Müller", "phone": "01 5321234", "remark": "Tel. privat: 0664 1234567"}
    assert columns.read(["Müller", "", "0664 1234567"])[0] == {
        "last_name": "Müller", "phone": "0664 1234567"}


def test_duplicate_and_empty_headers_get_names_of_their_own():
    columns = ColumnMap(["Nachname", "Notiz", "", "Notiz"])
    assert columns.headers == ["Nachname", "Notiz", "Spalte 3", "Notiz (2)"]


def test_a_row_error_names_field_and_column_and_the_row_goes_on():
    columns = ColumnMap(["Nachname", "Geburtsdatum", "Probefahrt", "Telefon"])
    fields, _, errors = columns.read(["Müller", "31/12/1980", "vielleicht", "0664 1234567"])
    assert fields == {"last_name": "Müller", "phone": "0664 1234567"}
    assert [(e["field"], e["column"]) for e in errors] == [
        ("birth_date", "Geburtsdatum"), ("vehicle.interest.test_drive", "Probefahrt")]


def test_values_beyond_the_last_header_are_an_error_not_a_silent_loss():
    fields, raw, errors = ColumnMap(["Nachname"]).read(["Müller", "", "verrutscht"])
    assert raw["Spalte 3"] == "verrutscht"
    assert [(e["field"], e["column"]) for e in errors] == [(None, "Spalte 3")]
    assert "without header" in errors[0]["message"]


def test_a_value_beyond_the_last_header_is_kept_in_the_remark_and_does_not_reject_the_row():
    fields, _, errors = ColumnMap(["Nachname", "Bemerkung"]).read(["Müller", "Rückruf", "verrutscht"])
    assert fields == {"last_name": "Müller", "remark": "Rückruf\nSpalte 3: verrutscht"}
    assert (errors[0]["given"], errors[0]["fatal"]) == ("verrutscht", False)


def test_a_value_that_cannot_be_read_is_reported_as_given_and_not_fatal():
    _, _, errors = ColumnMap(["Nachname", "Geburtsdatum"]).read(["Müller", " gestern "])
    assert errors == [{"field": "birth_date", "column": "Geburtsdatum",
                       "message": "'gestern' is not a date: write 31.12.1980 or 1980-12-31",
                       "given": " gestern ", "fatal": False}]


def test_an_excel_typed_value_that_cannot_be_read_is_given_as_text():
    _, _, errors = ColumnMap(["Nachname", "Probefahrt"]).read(["Müller", 2])
    assert errors[0]["given"] == "2"


def test_excel_loses_the_leading_zero_of_german_postal_codes_and_gets_it_back():
    assert ColumnMap(["Nachname", "PLZ", "Land"]).read(["Weiß", 1067, "D"])[0]["postal_code"] == "01067"
    assert ColumnMap(["Nachname", "PLZ"], default_country="DE").read(["Weiß", 1067])[0][
        "postal_code"] == "01067"
    assert ColumnMap(["Nachname", "PLZ"], default_country="AT").read(["Gruber", 1010.0])[0][
        "postal_code"] == "1010"


def test_a_file_without_a_last_name_column_is_refused_as_a_whole():
    with pytest.raises(FileFormatError, match="Nachname or last_name"):
        ColumnMap(["Vorname", "Telefon"])


def test_cells_longer_than_excel_allows_are_row_errors():
    _, _, errors = ColumnMap(["Nachname", "Bemerkung"]).read(["Müller", "x" * 40_000])
    assert errors[0]["field"] == "remark" and "longer than" in errors[0]["message"]


def test_a_cell_longer_than_excel_allows_is_cut_there_unless_it_holds_line_breaks_or_a_customer_number():
    fields, _, errors = ColumnMap(["Nachname", "Bemerkung", "Geburtsdatum"]).read(
        ["Müller", "x" * 40_000, "gestern", "y\n" * 20_000])
    assert [(e["column"], e["fatal"]) for e in errors] == [
        ("Bemerkung", False), ("Geburtsdatum", False), ("Spalte 4", True)]
    assert fields["remark"] == "x" * 32767
    assert errors[0]["given"] == "x" * 100 + "…"  # the cell itself is in the row's raw values
    _, _, errors = ColumnMap(["Kundennummer", "Nachname"], customers=True).read(["1" * 40_000, "Müller"])
    assert [(e["field"], e["fatal"]) for e in errors] == [("external_id", True)]


@pytest.mark.parametrize("written, read", [("100236.0", "100236"), ("100236", "100236"), ("2024E0017", "2024E0017"),
                                           ("12E3", "12E3"), ("K-7", "K-7"), ("'004711", "004711")])
def test_a_customer_number_is_read_as_written_but_for_excels_trailing_point_zero(written, read):
    assert parse_customer_number(written) == read


@pytest.mark.parametrize("written", ["1,00235E+11", "1.00235E+11", "1E+05", "4,7E-03"])
def test_a_customer_number_in_excels_scientific_notation_is_refused(written):
    with pytest.raises(ValueError, match="scientific notation"):
        parse_customer_number(written)
