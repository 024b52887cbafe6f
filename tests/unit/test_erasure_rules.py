"""The erasure's rules without storage: a CSV rewritten record by record (numbers as the reader
counts them), an audit entry's changes made anonymous, a person's values recognised in cells."""
import codecs

import pytest

from chalicelib.domain.erasure import Needles, anonymised, is_anonymous
from chalicelib.formats import csv_rewrite
from chalicelib.formats.csv_reader import open_csv

HEADER = "Nachname;Vorname;Telefon;Bemerkung\r\n"
ROWS = ("Gruber;Sepp;0664 5550001;ja\r\n"
        'Obermoser;Wendelgard;+43 664 9876543;"zwei\r\nZeilen"\r\n'
        "Wallner;Resi;0664 5550002;\r\n")


def rows_of(body: bytes) -> dict[int, str]:
    import io
    return {row.number: row.raw["Nachname"] for row in open_csv(io.BytesIO(body)).rows}


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""),
                                           ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_a_blanked_row_is_gone_and_every_other_row_keeps_its_number_and_bytes(encoding, bom):
    body = bom + ("sep=;\r\n\r\n" + HEADER + ROWS + "Müller;Änne;;\r\n").encode(encoding)
    before = rows_of(body)
    assert before == {3: "Gruber", 4: "Obermoser", 5: "Wallner", 6: "Müller"}
    new, changed = csv_rewrite.rewrite(body, lambda n, cells: csv_rewrite.BLANK if n == 4 else csv_rewrite.KEEP)
    assert changed == 1 and new.startswith(bom)
    assert rows_of(new) == {3: "Gruber", 5: "Wallner", 6: "Müller"}
    assert "Wendelgard" not in new.decode(encoding) and "Zeilen" not in new.decode(encoding)
    assert new.replace(b"".join(ch.encode(encoding) for ch in ";;;\r\n"), b"") == body.replace(
        ('Obermoser;Wendelgard;+43 664 9876543;"zwei\r\nZeilen"\r\n').encode(encoding), b"")


def test_rows_after_a_quote_never_closed_are_blanked_by_the_numbers_the_reader_gave_them():
    body = b'Nachname;E-Mail;Bemerkung\nQuote;q@example.at;"offen\nZweite;zweite@example.at;ok\nDritte;d@example.at;\n'
    assert rows_of(body) == {2: "Quote", 3: "Zweite", 4: "Dritte"}
    new, changed = csv_rewrite.rewrite(body, lambda n, cells: csv_rewrite.BLANK if n == 3 else csv_rewrite.KEEP)
    assert changed == 1 and b"zweite" not in new.lower()
    assert new == body.replace(b"Zweite;zweite@example.at;ok\n", b";;\n") and rows_of(new) == {2: "Quote", 4: "Dritte"}


def test_a_dropped_line_of_a_report_is_gone_and_nothing_else_changes():
    body = codecs.BOM_UTF8 + "row;level;field\r\n2;warning;x\r\n3;error;y\r\n".encode()
    new, changed = csv_rewrite.rewrite(body, lambda n, cells: csv_rewrite.DROP if cells[0] == "3" else csv_rewrite.KEEP)
    assert (new, changed) == (codecs.BOM_UTF8 + "row;level;field\r\n2;warning;x\r\n".encode(), 1)


def test_bytes_that_are_no_csv_text_are_not_rewritten():
    with pytest.raises(csv_rewrite.NotRewritableError):
        csv_rewrite.rewrite(b"PK\x03\x04\x00\x00binary", lambda n, c: csv_rewrite.KEEP)


def test_an_audit_entrys_values_go_and_neutral_fields_and_names_stay():
    changes = [{"field": "last_name", "old": None, "new": "Müller"}, {"field": "status", "old": "open", "new": "converted"},
               {"field": "reinquiry", "old": None, "new": {"submission": {"email": "a@example.at"}}}]
    assert anonymised(changes) == [{"field": "last_name", "old": None, "new": None, "erased": True},
                                   {"field": "status", "old": "open", "new": "converted"},
                                   {"field": "reinquiry", "old": None, "new": None, "erased": True}]
    assert not is_anonymous(changes) and is_anonymous(anonymised(changes))


def test_a_persons_email_or_phone_is_recognised_however_a_file_writes_it():
    needles = Needles(["wendelgard@example.at"], ["+436649876543"])
    assert needles.found_in(["x", "Wendelgard@Example.AT"])
    assert needles.found_in(["0664 / 987 65 43"]) and needles.found_in(["+43 664 9876543"])
    assert not needles.found_in(["0664 5550001", "sepp@example.at", "9876543"])
