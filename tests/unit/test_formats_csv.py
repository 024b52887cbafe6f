"""The CSV reader: Excel's encodings and delimiters, quoted newlines, streaming in bounded memory."""
import io
import tracemalloc
from pathlib import Path

import pytest

from chalicelib.formats import FileFormatError, open_csv
from chalicelib.formats.csv_reader import CHUNK_BYTES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


class ReadOnlyStream:
    """Like an S3 StreamingBody: read(n) only, no seek, no tell."""

    def __init__(self, data: bytes):
        self._buffer = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._buffer.read(size)


def read(data: bytes, **options):
    lead_file = open_csv(ReadOnlyStream(data), **options)
    return lead_file, list(lead_file)


@pytest.mark.parametrize("name, encoding, delimiter", [
    ("vienna-autoshow-2017.cp1252.csv", "cp1252", ";"),
    ("vienna-autoshow-2017.utf8-bom.csv", "utf-8-sig", ";"),
    ("vienna-autoshow-2017.utf16.txt", "utf-16-le", "\t"),
    ("vienna-autoshow-2017.en.csv", "utf-8", ","),
])
def test_encoding_and_delimiter_are_detected_and_reported(name, encoding, delimiter):
    lead_file, rows = read((FIXTURES / name).read_bytes())
    assert lead_file.details == {"encoding": encoding, "delimiter": delimiter}
    assert [row.number for row in rows] == [2, 3, 4, 5, 6, 7]
    assert rows[0].fields["last_name"] == "Müller"
    assert rows[1].fields["vehicle"]["interest"]["make"] == "Škoda"  # 0x8A in cp1252


def test_a_quoted_remark_keeps_its_newline_and_quotes_and_row_numbers_stay_excels():
    _, rows = read((FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes())
    assert rows[0].raw["Bemerkung"] == ('Möchte eine Probefahrt am Wochenende.\n'
                                        'Rückruf bitte nach 17 Uhr, "dringend"')
    # The remark spans two lines, yet the next row is row 3, as Excel shows it.
    assert rows[1].number == 3 and rows[1].fields["last_name"] == "Gruber"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be"])
def test_umlauts_survive_every_encoding_excel_writes(encoding):
    text = "Nachname;Ort;Bemerkung\r\nÖztürk;Graz;Straße, Größe, € und „Zitat“\r\n"
    if encoding == "cp1252":
        text = text.replace("„Zitat“", "Zitat")
    _, rows = read(text.encode(encoding))
    assert rows[0].fields["last_name"] == "Öztürk"
    assert rows[0].fields["remark"].startswith("Straße, Größe, €")


def test_utf8_is_tried_before_cp1252_so_utf8_umlauts_are_no_mojibake():
    lead_file, rows = read("Nachname\nMüller\n".encode("utf-8"))
    assert rows[0].fields["last_name"] == "Müller"  # cp1252 would read 'MÃ¼ller'
    assert lead_file.details["encoding"] == "utf-8"


def test_a_cp1252_byte_after_many_ascii_rows_switches_the_encoding_without_loss():
    ascii_rows = "".join(f"Name{i};0664 {1000000 + i}\n" for i in range(10_000))
    data = ("Nachname;Telefon\n" + ascii_rows + "Müller;0664 1234567\n").encode("cp1252")
    assert len(data) > 2 * CHUNK_BYTES
    lead_file, rows = read(data)
    assert len(rows) == 10_001 and rows[-1].fields["last_name"] == "Müller"
    assert lead_file.details["encoding"] == "cp1252"


def test_a_file_mixing_utf8_and_cp1252_reads_each_byte_as_best_it_can():
    data = "Nachname\nJürgen\n".encode("utf-8") + "Müller\n".encode("cp1252")
    lead_file, rows = read(data)
    assert [row.fields["last_name"] for row in rows] == ["Jürgen", "Müller"]
    assert lead_file.details["encoding"] == "utf-8, partly cp1252"


@pytest.mark.parametrize("header, delimiter", [
    ("Nachname;Vorname;Bemerkung", ";"), ("Nachname,Vorname,Bemerkung", ","),
    ("Nachname\tVorname\tBemerkung", "\t"), ("Nachname|Vorname|Bemerkung", "|"),
])
def test_the_delimiter_is_sniffed_from_the_header_line(header, delimiter):
    lead_file, rows = read(f"{header}\nMüller{delimiter}Jürgen{delimiter}x\n".encode())
    assert lead_file.details["delimiter"] == delimiter
    assert rows[0].fields["first_name"] == "Jürgen"


def test_delimiters_inside_quoted_headers_do_not_count():
    lead_file, rows = read(b'Nachname;"Bemerkung, intern, kurz, lang"\nM\xc3\xbcller;a, b\n')
    assert lead_file.details["delimiter"] == ";"
    assert rows[0].fields == {"last_name": "Müller", "remark": "Bemerkung, intern, kurz, lang: a, b"}


def test_excels_sep_line_sets_the_delimiter_and_is_not_a_row():
    lead_file, rows = read(b"sep=,\nNachname,Ort\nGruber,Wien\n")
    assert lead_file.details["delimiter"] == ","
    assert rows[0].number == 2 and rows[0].fields == {"last_name": "Gruber", "city": "Wien"}


def test_blank_lines_are_skipped_but_counted_in_row_numbers():
    _, rows = read(b"\n;;\nNachname;Ort\nGruber;Wien\n\n;;\nHuber;Graz")
    assert [(row.number, row.fields["last_name"]) for row in rows] == [(4, "Gruber"), (7, "Huber")]


def test_old_mac_line_ends_are_read():
    _, rows = read(b"Nachname;Ort\rGruber;Wien\rHuber;Graz\r")
    assert [row.fields["city"] for row in rows] == ["Wien", "Graz"]


def test_a_row_with_more_values_than_headers_is_reported():
    _, rows = read(b"Nachname;Ort\nGruber;Wien;Stand 12\nHuber;Graz;;\n")
    assert [(e["column"], e["field"]) for e in rows[0].errors] == [("Spalte 3", None)]
    assert rows[1].errors == []  # trailing empty cells, as Excel writes them, are fine


def test_a_one_line_cell_beyond_excels_limit_is_read_up_to_it_and_its_row_kept():
    data = b"Nachname;Bemerkung\nGruber;kurz\nHuber;" + b"x" * 200_000 + b"\nMaier;gut\n"
    _, rows = read(data)
    assert [(row.number, row.fields.get("last_name")) for row in rows] == [(2, "Gruber"), (3, "Huber"), (4, "Maier")]
    assert rows[1].fields["remark"] == "x" * 32767
    error, = rows[1].errors
    assert (error["column"], error["field"], error["fatal"]) == ("Bemerkung", "remark", False)
    assert "longer than 32767 characters (200,000): read up to there" in error["message"] and not rows[2].errors


@pytest.mark.parametrize("cell", [b'"' + b"x;\n" * 70_000 + b'"'])
def test_a_cell_beyond_csvs_own_limit_rejects_its_row_and_the_file_reads_on(cell):
    data = b"Nachname;Bemerkung\nGruber;kurz\nHuber;" + cell + b"\nMaier;gut\n"
    _, rows = read(data)
    assert [(row.number, row.fields.get("last_name")) for row in rows] == [
        (2, "Gruber"), (3, "Huber"), (4, "Maier")]  # a quoted line break is no new row
    error, = rows[1].errors
    assert (error["column"], error["fatal"]) == ("Bemerkung", True)
    assert "longer than 32767" in error["message"] and not rows[2].errors


def quote_errors(row) -> list[tuple]:
    return [(e["column"], e["given"], e["fatal"]) for e in row.errors if "never closed" in e["message"]]


def test_a_quote_left_open_at_the_end_of_the_file_is_a_quote_and_the_lines_after_it_are_rows():
    _, rows = read(b'Nachname;E-Mail;Bemerkung\nQuote;q@example.at;"offen\nZweite;zweite@example.at;ok\n')
    assert [(row.number, row.fields["last_name"], row.fields["remark"]) for row in rows] == [
        (2, "Quote", '"offen'), (3, "Zweite", "ok")]
    assert quote_errors(rows[0]) == [("Bemerkung", '"offen', False)] and rows[1].errors == []


def test_a_quote_that_would_swallow_rows_until_the_next_quote_swallows_none():
    data = (b'Nachname;E-Mail;Bemerkung\nQuote;q@example.at;"offen\nZweite;zweite@example.at;ok\n'
            b'Dritte;dritte@example.at;"zitiert"\nVierte;vierte@example.at;\n')
    _, rows = read(data)
    assert [(row.number, row.fields["last_name"], row.fields.get("remark")) for row in rows] == [
        (2, "Quote", '"offen'), (3, "Zweite", "ok"), (4, "Dritte", "zitiert"), (5, "Vierte", None)]
    assert quote_errors(rows[0]) == [("Bemerkung", '"offen', False)]
    assert [row.errors for row in rows[1:]] == [[], [], []]


def test_a_quote_closed_in_a_row_that_an_open_quote_swallowed_still_spans_its_lines():
    data = (b'Nachname;E-Mail;Bemerkung\nQuote;q@example.at;"offen\nZweite;zweite@example.at;ok\n'
            b'Dritte;dritte@example.at;"erste Zeile\nzweite Zeile"\n')
    _, rows = read(data)
    assert [(row.number, row.fields["last_name"], row.fields["remark"]) for row in rows] == [
        (2, "Quote", '"offen'), (3, "Zweite", "ok"), (4, "Dritte", "erste Zeile\nzweite Zeile")]
    assert quote_errors(rows[0]) and rows[2].errors == []


def test_a_quote_left_open_keeps_the_values_before_it_and_splits_the_rest_at_the_delimiter():
    _, rows = read(b'Nachname;Vorname;Bemerkung;Ort\n"Huber; Gruber";"Eva;offen;Wien\n')
    row, = rows
    assert (row.fields["last_name"], row.fields["first_name"], row.fields["remark"], row.fields["city"]) == (
        "Huber; Gruber", '"Eva', "offen", "Wien")
    assert quote_errors(row) == [("Vorname", '"Eva', False)]


def test_a_quoted_value_over_several_lines_that_closes_is_one_value():
    _, rows = read(b'Nachname;Ort;Bemerkung\nGruber;Wien;"erste Zeile\nzweite; mit ""Zitat""\ndritte"\nHuber;Graz;\n')
    assert [(row.number, row.fields["last_name"]) for row in rows] == [(2, "Gruber"), (3, "Huber")]
    assert rows[0].fields["remark"] == 'erste Zeile\nzweite; mit "Zitat"\ndritte' and rows[0].errors == []


def test_a_quote_still_open_after_a_million_characters_swallows_nothing():
    data = b'Nachname;Bemerkung\nGruber;"nie geschlossen\n' + (b"x" * 100_000 + b"\n") * 11 + b"Huber;gut\n"
    _, rows = read(data)
    assert [row.number for row in rows] == list(range(2, 15))
    assert rows[0].fields["remark"] == '"nie geschlossen' and quote_errors(rows[0])
    # 100,000 x in the last-name cell: read up to Excel's limit, a name no rule takes
    assert all(row.errors[0]["message"].startswith("longer than 32767") for row in rows[1:12])
    assert rows[-1].fields == {"last_name": "Huber", "remark": "gut"} and rows[-1].errors == []


def test_quotes_left_open_line_after_line_are_read_in_work_linear_in_the_lines(monkeypatch):
    from chalicelib.formats import csv_reader
    scanned = []
    scan = csv_reader._quote_left_open
    monkeypatch.setattr(csv_reader, "_quote_left_open", lambda *args: scanned.append(1) or scan(*args))
    # Each line opens a quote that the next one keeps open: none is ever closed.
    _, rows = read(b'Nachname;E-Mail;Bemerkung\nA;a@example.at;"offen\n' + b'B"x;;"offen\n' * 2000)
    assert len(rows) == 2001 and all(quote_errors(row) for row in rows)
    assert len(scanned) < 3 * 2002                  # not once more for every line read again


def test_a_line_over_a_million_characters_is_one_unreadable_row_and_reading_goes_on():
    data = b"Nachname;E-Mail\nVorher;v@example.at\n" + b"x;" * 600_000 + b"\nNachher;n@example.at\n"
    _, rows = read(data)
    assert [(row.number, row.fields.get("last_name")) for row in rows] == [(2, "Vorher"), (3, None), (4, "Nachher")]
    error, = rows[1].errors
    assert error["fatal"] and "longer than 1,000,000 characters (1,200,000)" in error["message"]
    assert error["given"] == "x;" * 50 + "…"


def test_a_line_over_a_million_characters_at_the_end_of_the_file_is_one_unreadable_row():
    _, rows = read(b"Nachname\nVorher\n" + b"x" * 1_000_001)
    assert [row.number for row in rows] == [2, 3] and rows[1].errors[0]["fatal"]


def test_a_row_csv_cannot_read_is_rejected_alone_and_the_rows_after_it_are_read():
    _, rows = read(b"Nachname;Ort\nGruber;Wi\ren\nHuber;Graz\n")
    assert [(row.number, row.fields.get("last_name")) for row in rows] == [(2, None), (3, "Huber")]
    error, = rows[0].errors
    assert error["fatal"] and error["message"].startswith("the row cannot be read") and error["given"] == "Gruber;Wi\ren\n"


def test_resuming_skips_the_rows_already_imported():
    data = (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes()
    _, rows = read(data, start_after=4)
    assert [row.number for row in rows] == [5, 6, 7]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"\n\n;;\n", "empty"),
    (b"Vorname;Telefon\nJ\xc3\xbcrgen;0664 1234567\n", "last name"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "NUL bytes"),
    (b"Nachname;" + b";" * 2_000_000, "longer than"),
])
def test_a_file_that_is_no_lead_list_fails_with_a_reason(data, reason):
    with pytest.raises(FileFormatError, match=reason):
        read(data)


def test_100000_rows_stream_through_in_bounded_memory(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        out.write("Vorname;Nachname;Straße;PLZ;Ort;Telefon;Preis;Bemerkung\r\n".encode("cp1252"))
        for i in range(100_000):
            out.write((f"Jürgen;Müller{i};Mariahilfer Straße {i % 200};1060;Wien;0664 {1000000 + i};"
                       f'35.000,00 €;"Rückruf bitte nach 17 Uhr, am Wochenende ganztägig,\r\n'
                       f'sonst per E-Mail an j{i}@example.at; Probefahrt mit dem Tiguan gewünscht"'
                       "\r\n").encode("cp1252"))
    # Loading the whole file would hold its bytes (over 20 MB) and its text (2 bytes a character
    # because of the euro sign) at once: above the bound.
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        count, last = 0, None
        with path.open("rb") as stream:
            for row in open_csv(stream):
                count, last = count + 1, row
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000 and last.number == 100_001 and not last.errors
    assert last.fields["last_name"] == "Müller99999"
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_a_stray_nul_byte_near_the_top_costs_no_rows():
    """A NUL byte an old export left inside a value is text to drop, not proof of a binary file:
    one in the first chunk must not refuse the whole list when one later in the file is read."""
    lead_file, rows = read(b"Nachname;E-Mail\nNul\x00Byte;nul@example.at\nZweite;zweite@example.at\n")
    assert [row.fields["last_name"] for row in rows] == ["Nul\x00Byte", "Zweite"]     # intake cleans it
    assert lead_file.details["encoding"] == "utf-8"


def test_binary_junk_with_nul_bytes_is_still_refused():
    import random
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(3000))
    with pytest.raises(FileFormatError, match="NUL bytes"):
        read(junk)
