"""Spreadsheet output that cannot run a formula: every trigger, in data and in header cells."""
import csv
import io

import pytest

from chalicelib.formats.safe_csv import csv_text, safe_cell

TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("start", TRIGGERS)
def test_a_cell_starting_like_a_formula_gets_the_text_marker(start):
    assert safe_cell(start + "HYPERLINK(\"http://x.example\")") == "'" + start + 'HYPERLINK("http://x.example")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝", "＠"])
@pytest.mark.parametrize("spaces", [" ", "   ", " \u00a0", "\n"])
def test_leading_whitespace_does_not_hide_a_formula(start, spaces):
    assert safe_cell(spaces + start + "1+1") == "'" + spaces + start + "1+1"


def test_dde_calls_are_neutralised():
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("@SUM(1+1)*cmd|' /C calc'!A0") == "'@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.parametrize("value, expected", [
    ("-5", "'-5"), ("+43 664 1234567", "'+43 664 1234567"), (-5, "'-5"), ("-", "'-"),
])
def test_numbers_with_a_sign_are_written_as_text_too(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Müller", "Müller"), ("0664 1234567", "0664 1234567"), (35000, "35000"), (None, ""),
    ("a=b", "a=b"), ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"), ("x@example.at", "x@example.at"),
    ("", ""),
])
def test_ordinary_cells_are_left_as_they_are(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("start", TRIGGERS)
def test_csv_text_neutralises_header_and_data_cells(start):
    text = csv_text([start + "Header", "Name"], [[start + "1+1", "Müller"], [None, start]])
    header, first, second = cells(text)
    assert header == ["'" + start + "Header", "Name"]
    assert first == ["'" + start + "1+1", "Müller"]
    assert second == ["", "'" + start]


def test_csv_text_is_what_german_excel_reads():
    text = csv_text(["Nachname", "Bemerkung"], [["Müller", 'Rückruf; "dringend"\nbitte']])
    assert text == 'Nachname;Bemerkung\r\nMüller;"Rückruf; ""dringend""\nbitte"\r\n'
    assert csv_text(["a", "b"], [["1", "2"]], delimiter=",") == "a,b\r\n1,2\r\n"
