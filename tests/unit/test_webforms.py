"""Web-form payloads as real senders post them (an HTML form, Google Ads, ADF) -> lead fields
that pass the API's own validation; nothing a sender gave is lost."""
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from chalicelib.domain.lead import LeadInput
from chalicelib.errors import InvalidInputError, UnsupportedMediaTypeError
from chalicelib.formats import FileFormatError, UnsafeXmlError
from chalicelib.formats.columns import ColumnMap
from chalicelib.formats.webforms import (
    WebformPayloadError, check_mapping, google_key, load_json_object, map_adf, map_generic_form,
    map_google_ads, parse_form_body,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "webhooks"
FORM = "application/x-www-form-urlencoded"
CONTEXT = {"country": "DE", "tenant_kind": "dealer"}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def validated(fields: dict, country: str = "DE") -> LeadInput:
    return LeadInput.model_validate(fields, context={**CONTEXT, "country": country})


def contact_form() -> dict:
    return parse_form_body(fixture("contact-form.urlencoded"), FORM)


def google(name: str = "google-ads-lead.json", **changes) -> dict:
    return {**json.loads(fixture(name)), **changes}


def column(column_id: str, value: str, name: str | None = None) -> dict:
    entry = {"column_id": column_id, "string_value": value}
    return entry | ({"column_name": name} if name else {})


def google_columns(*columns) -> dict:
    return {"lead_id": "lead-1", "user_column_data": list(columns)}


# -- the HTML form


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea") and name:
            self.names.add(name)


def test_the_urlencoded_sample_is_what_the_html_form_posts():
    parser = _FormFields()
    parser.feed(fixture("contact-form.html").decode())
    body = fixture("contact-form.urlencoded").decode()
    sent = {name for name, _ in parse_qsl(body, keep_blank_values=True)}
    assert sent <= parser.names
    assert {"website", "einwilligung_email", "datenschutzhinweis_version"} <= parser.names


def test_the_html_form_is_read_into_lead_fields():
    lead = map_generic_form(contact_form(), {"nachricht": "remark"})
    assert lead.errors == [] and not lead.spam and lead.external_id is None and not lead.is_test
    assert lead.fields == {
        "salutation": "Frau", "first_name": "Jana", "last_name": "Müller-Lüdenscheidt",
        "email": "jana.mueller@example.de", "phone": "089 21094711", "postal_code": "80331",
        "city": "München",
        "vehicle": {"interest": {"models": ["ID.4"], "test_drive": True}},
        "consent": {"marketing_email": True, "marketing_sms": True, "privacy_notice_version": "2025-03"},
        "remark": "Guten Tag,\r\nich interessiere mich für den ID.4 Pro als Dienstwagen (Leasing).\r\n"
                  "Viele Grüße\n"
                  "rueckruf: abends\n"
                  "datenschutz: gelesen",
    }


def test_the_html_form_lead_passes_the_api_validation():
    lead = validated(map_generic_form(contact_form()).fields)
    assert (lead.salutation, lead.phone, lead.country) == ("ms", "+498921094711", "DE")
    assert lead.consent.marketing_email and not lead.consent.marketing_phone
    assert lead.remark.startswith("Guten Tag,\nich interessiere mich")


def test_a_message_field_is_the_remark_without_a_mapping():
    lead = map_generic_form({"nachname": "Huber", "email": "h@example.at",
                             "Ihre Nachricht": "Rückruf bitte"})
    assert lead.fields["remark"] == "Rückruf bitte"


def test_unmapped_form_fields_end_up_in_the_remark():
    lead = map_generic_form({"nachname": "Huber", "email": "h@example.at", "nachricht": "Hallo",
                             "rueckruf": "abends", "farbe": ["rot", "blau"]},
                            {"nachricht": "remark"})
    assert lead.fields["remark"] == "Hallo\nrueckruf: abends\nfarbe: rot, blau"
    assert lead.meta["unmapped"] == ["rueckruf", "farbe"]


def test_the_mapping_names_the_lead_field_of_a_form_field():
    lead = map_generic_form({"vn": "Jana", "nn": "Huber", "kontakt": "j@example.at", "auto": "Golf"},
                            {"vn": "first_name", "NN": "last_name", "kontakt": "email",
                             "auto": "vehicle.interest.models"})
    assert lead.fields == {"first_name": "Jana", "last_name": "Huber", "email": "j@example.at",
                           "vehicle": {"interest": {"models": ["Golf"]}}}
    validated(lead.fields)


def test_a_second_field_for_the_same_value_goes_into_the_remark():
    lead = map_generic_form({"nachname": "Huber", "telefon": "089 123456", "tel": "0170 1234567"})
    assert lead.fields["phone"] == "089 123456"
    assert lead.fields["remark"] == "tel: 0170 1234567"


@pytest.mark.parametrize("form, expected", [
    ({"firma": "Huber GmbH"}, {"company": "Huber GmbH"}),
    ({"company": "Huber GmbH"}, {"company": "Huber GmbH"}),
    ({"handy": "0170 1234567"}, {"mobile_phone": "0170 1234567"}),
    ({"mobil": "0170 1234567", "telefon": "089 123456"},
     {"mobile_phone": "0170 1234567", "phone": "089 123456"}),
])
def test_a_forms_company_and_mobile_fields_have_fields_of_their_own(form, expected):
    lead = map_generic_form({"nachname": "Huber", **form})
    assert lead.fields == {"last_name": "Huber", **expected} and lead.errors == []


def test_a_lone_name_field_is_split_into_first_and_last_name():
    lead = map_generic_form({"name": "Anna Maria Huber", "email": "a@example.at"})
    assert (lead.fields["first_name"], lead.fields["last_name"]) == ("Anna Maria", "Huber")


def test_a_lone_name_field_gives_salutation_title_and_particles():
    lead = map_generic_form({"name": "Herr Prof. Dr. Hans-Peter von der Heydt", "email": "h@example.de"})
    assert lead.fields == {"salutation": "mr", "title": "Prof. Dr.", "first_name": "Hans-Peter",
                           "last_name": "von der Heydt", "email": "h@example.de"}
    validated(lead.fields)


@pytest.mark.parametrize("form", [
    {"anrede": "Frau", "titel": "Dr.", "name": "Herr Mag. Eva Huber"},
    {"name": "Herr Mag. Eva Huber", "anrede": "Frau", "titel": "Dr."},
])
def test_the_forms_own_salutation_and_title_win_over_those_in_the_name(form):
    lead = map_generic_form(form)
    assert lead.fields == {"salutation": "Frau", "title": "Dr.", "first_name": "Eva",
                           "last_name": "Huber"}


def test_a_company_in_the_name_field_is_the_company():
    lead = map_generic_form({"name": "Firma Autohaus Muster GmbH", "email": "info@muster.example"})
    assert lead.fields == {"salutation": "company", "company": "Autohaus Muster GmbH",
                           "email": "info@muster.example"}


def test_a_name_field_next_to_a_first_name_field_is_the_last_name():
    lead = map_generic_form({"vorname": "Anna", "name": "Huber", "email": "a@example.at"})
    assert (lead.fields["first_name"], lead.fields["last_name"]) == ("Anna", "Huber")


def test_a_filled_honeypot_marks_the_lead_as_spam():
    lead = map_generic_form({"nachname": "Huber", "email": "h@example.at", "website": "http://spam.example"})
    assert lead.spam and lead.meta["honeypot"] == "website"
    # Kept, not dropped: an autofilled honeypot may be a real person's website.
    assert lead.fields["remark"] == "website: http://spam.example"
    validated(lead.fields)


def test_an_empty_honeypot_is_no_spam_signal():
    lead = map_generic_form(contact_form())
    assert not lead.spam and "website" not in lead.fields.get("remark", "")


def test_the_mapping_can_name_the_forms_own_honeypot():
    lead = map_generic_form({"nachname": "Huber", "fax_nummer": "123"}, {"fax_nummer": "honeypot"})
    assert lead.spam


def test_a_mapped_field_named_like_a_honeypot_is_read_as_mapped():
    lead = map_generic_form({"nachname": "Huber", "homepage": "https://huber.example"},
                            {"homepage": "remark"})
    assert not lead.spam and lead.fields["remark"] == "https://huber.example"


def test_a_signed_servers_post_has_no_spam_traps_and_keeps_their_values():
    lead = map_generic_form({"nachname": "Huber", "website": "https://huber.example", "hp": "x", "fax": "1"},
                            {"fax": "honeypot"}, traps=False)
    assert not lead.spam
    assert lead.fields["remark"] == "website: https://huber.example\nhp: x\nfax: 1"


def test_only_a_top_level_field_is_a_trap():
    lead = map_generic_form({"nachname": "Seite", "email": "s@example.at", "page.url": "https://a.example/kontakt",
                             "kontakt.website": "https://b.example"})
    assert not lead.spam and "page.url: https://a.example/kontakt" in lead.fields["remark"]


def test_a_website_next_to_a_company_is_the_companys_not_a_trap():
    lead = map_generic_form({"nachname": "Huber", "firma": "Huber GmbH", "website": "https://huber.example"})
    assert not lead.spam and lead.fields["remark"] == "website: https://huber.example"
    assert map_generic_form({"nachname": "Huber", "firma": "Huber GmbH", "hp": "x"}).spam


def test_a_field_name_with_a_typo_is_read_as_its_closest_name_and_the_guess_is_reported():
    lead = map_generic_form({"Nachnahme": "Huber", "E-Mial": "h@example.at", "Gebutsdatum": "01.02.1980"})
    assert (lead.fields["last_name"], lead.fields["email"], lead.fields["birth_date"]) == ("Huber", "h@example.at", "1980-02-01")
    assert [(e["field"], e["column"], e["given"]) for e in lead.errors] == [
        ("last_name", "Nachnahme", "Huber"), ("email", "E-Mial", "h@example.at"), ("birth_date", "Gebutsdatum", "01.02.1980")]
    assert "read as 'Nachname'" in lead.errors[0]["message"]


@pytest.mark.parametrize("name", [
    "Mabil",              # one typo from Mobil and from Mail: which one is a guess
    "Nme",                # too short to guess
    "Qualifizierrung",    # a field the integration owns is never set by a name, guessed or not
    "Telefax",            # a known name without a field, close to Telefon
])
def test_a_field_name_that_is_not_unambiguously_close_to_one_field_stays_in_the_remark(name):
    lead = map_generic_form({"nachname": "Huber", name: "0664 1234567"})
    assert lead.fields == {"last_name": "Huber", "remark": f"{name}: 0664 1234567"} and lead.errors == []


def test_a_typo_of_a_trap_is_neither_a_trap_nor_read_into_another_field():
    lead = map_generic_form({"nachname": "Huber", "Websit": "http://spam.example", "Honeypt": "x"})
    assert not lead.spam and lead.fields["remark"] == "Websit: http://spam.example\nHoneypt: x"


def test_a_typo_of_a_name_the_mapping_gives_is_read_as_mapped():
    lead = map_generic_form({"nachname": "Huber", "kundenmial": "h@example.at"}, {"kundenmail": "email"})
    assert lead.fields["email"] == "h@example.at" and lead.errors[0]["column"] == "kundenmial"


def test_an_unmapped_e_mail_address_stands_in_only_when_nothing_names_the_person():
    alone = map_generic_form({"Kontakt": "0664 1234567", "Ihre Angaben": "k@example.at", "Wunsch": "Rückruf"})
    assert alone.fields == {"email": "k@example.at", "remark": "Kontakt: 0664 1234567\nWunsch: Rückruf"}
    assert [(e["field"], e["column"]) for e in alone.errors] == [("email", "Ihre Angaben")]
    named = map_generic_form({"nachname": "Huber", "Ihre Angaben": "k@example.at"})
    assert "email" not in named.fields and named.errors == []
    assert map_generic_form({"Kontakt": "0664 1234567"}).fields == {"phone": "0664 1234567"}
    assert "phone" not in map_generic_form({"Bestellnummer": "12345", "Datum2": "2026"}).fields


def test_consent_fields_are_read_into_the_consent_section():
    lead = map_generic_form({
        "nachname": "Huber", "email": "h@example.at", "consent_email": "1", "consent_phone": "on",
        "marketing_post": "nein", "privacy_notice_version": "v3",
        "consent_given_at": "2026-11-28T10:15:00+01:00"})
    assert lead.fields["consent"] == {
        "marketing_email": True, "marketing_phone": True, "marketing_post": False,
        "privacy_notice_version": "v3", "given_at": "2026-11-28T10:15:00+01:00"}
    consent = validated(lead.fields).consent
    assert consent.marketing_phone and consent.given_at.isoformat() == "2026-11-28T10:15:00+01:00"


def test_a_hidden_zero_before_a_checked_checkbox_reads_as_yes():
    # PHP's idiom: <input type=hidden name=x value=0><input type=checkbox name=x value=1>
    lead = map_generic_form({"nachname": "Huber", "einwilligung_email": ["0", "1"]})
    assert lead.fields["consent"]["marketing_email"] is True


@pytest.mark.parametrize("answer, expected", [
    ("on", True), ("off", False), (" Ja ", True), ("nein", False), ("J", True), ("n", False),
    ("YES", True), ("No", False), ("y", True), ("true", True), ("WAHR", True), ("falsch", False),
    ("1", True), ("0", False), ("x", True), ("✓", True)])
def test_forms_and_files_read_the_same_yes_no_spellings(answer, expected):
    lead = map_generic_form({"nachname": "Huber", "probefahrt": answer})
    file_row, _, errors = ColumnMap(["Nachname", "Probefahrt"]).read(["Huber", answer])
    assert lead.errors == [] and errors == []
    assert lead.fields["vehicle"]["interest"]["test_drive"] is expected
    assert file_row.get("vehicle", {}).get("interest", {}).get("test_drive") is expected


def test_sms_consent_is_read_into_its_own_field():
    lead = map_generic_form({"nachname": "Huber", "einwilligung_sms": "ja"})
    assert lead.fields["consent"] == {"marketing_sms": True} and "remark" not in lead.fields


def test_a_value_that_cannot_be_read_is_reported_with_the_value_as_given_not_in_the_remark():
    lead = map_generic_form({"nachname": "Huber", "probefahrt": "vielleicht"})
    assert lead.errors == [{
        "field": "vehicle.interest.test_drive", "column": "probefahrt",
        "message": "'vielleicht' is not a yes/no value: use ja/nein, x, 1/0 or true/false",
        "given": "vielleicht", "fatal": False}]
    assert lead.fields == {"last_name": "Huber"}


def test_several_values_that_cannot_be_read_are_given_as_sent():
    lead = map_generic_form({"nachname": "Huber", "geburtsdatum": ["gestern", "heute"]})
    assert lead.errors[0]["given"] == "gestern, heute" and "birth_date" not in lead.fields


@pytest.mark.parametrize("name, value", [("qualification", "Heiß"), ("Bearbeiter", "rep-a"),
                                         ("quelle", "Website"), ("source_detail", "Kontaktformular"),
                                         ("Eingang", "01.01.2020 08:00")])
def test_a_public_form_cannot_set_what_the_integration_owns(name, value):
    # Each value would be read if the field name counted (a hot lead, backdated, assigned).
    lead = map_generic_form({"nachname": "Huber", name: value})
    assert lead.fields == {"last_name": "Huber", "remark": f"{name}: {value}"} and lead.errors == []


def test_the_integration_can_map_a_field_it_owns():
    lead = map_generic_form({"nachname": "Huber", "kampagne": "Herbstaktion"}, {"kampagne": "source_detail"})
    assert lead.fields["source_detail"] == "Herbstaktion"


def test_a_submission_id_can_be_mapped_to_the_external_id_and_a_token_ignored():
    lead = map_generic_form({"nachname": "Huber", "submission": "f-123", "csrf": "abc"},
                            {"submission": "external_id", "csrf": "ignore"})
    assert lead.external_id == "f-123" and lead.fields == {"last_name": "Huber"}


def test_a_price_cell_gives_its_currency():
    lead = map_generic_form({"nachname": "Huber", "preis": "35.000 CHF"})
    assert lead.fields["vehicle"]["interest"] == {"price": 35000, "currency": "CHF"}


def test_a_mapping_to_an_unknown_field_is_refused_when_configured():
    check_mapping({"vorname": "first_name", "nachricht": "remark", "id": "external_id"})
    with pytest.raises(InvalidInputError) as caught:
        check_mapping({"vorname": "vorname", "x": "vehicle.interest.colour"})
    assert [e["field"] for e in caught.value.errors] == ["field_mapping.vorname", "field_mapping.x"]


def test_a_mapping_to_an_unknown_field_keeps_the_value():
    lead = map_generic_form({"nachname": "Huber", "farbe": "rot"}, {"farbe": "vehicle.colour"})
    assert lead.fields["remark"] == "farbe: rot" and lead.errors[0]["column"] == "farbe"
    assert lead.errors[0]["given"] == "rot" and not lead.errors[0]["fatal"]


# -- reading bodies


def test_a_json_form_is_read_like_a_urlencoded_one():
    body = json.dumps({"vorname": "Jana", "nachname": "Huber", "email": "j@example.at",
                       "probefahrt": True, "modelle": ["Golf", "Tiguan"], "plz": 1060,
                       "leer": None}).encode()
    values = parse_form_body(body, "application/json; charset=utf-8")
    assert values == {"vorname": "Jana", "nachname": "Huber", "email": "j@example.at",
                      "probefahrt": "true", "modelle": ["Golf", "Tiguan"], "plz": "1060", "leer": ""}
    lead = map_generic_form(values)
    assert lead.fields["vehicle"]["interest"] == {"test_drive": True, "models": ["Golf", "Tiguan"]}
    assert validated(lead.fields, "AT").postal_code == "1060"


def test_nested_json_objects_name_lead_fields_by_path():
    values = parse_form_body(json.dumps({
        "last_name": "Huber", "consent": {"marketing_email": True},
        "vehicle": {"interest": {"models": ["ID.4"]}}}).encode(), "application/json")
    assert values == {"last_name": "Huber", "consent.marketing_email": "true",
                      "vehicle.interest.models": ["ID.4"]}
    assert map_generic_form(values).fields == {
        "last_name": "Huber", "consent": {"marketing_email": True},
        "vehicle": {"interest": {"models": ["ID.4"]}}}


@pytest.mark.parametrize("body, problem", [
    (b"[1, 2]", "must be an object, not an array"),
    (b'"Huber"', "must be an object, not a string"),
    (b"{nachname: Huber}", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_a_json_body_that_is_no_form_is_refused_with_the_reason(body, problem):
    with pytest.raises(WebformPayloadError, match=problem):
        parse_form_body(body, "application/json")


def test_a_field_no_form_has_is_kept_as_compact_json_for_the_remark_and_names_no_field():
    values = parse_form_body(json.dumps({
        "nachname": "Huber", "kontakte": [{"name": "Huber"}], "a": {"b": {"email": {"d": 1}}},
        "lang": [{"x": "y" * 2000}]}).encode(), "application/json")
    assert values["kontakte"] == '[{"name":"Huber"}]' and values["a.b.email"] == '{"d":1}'
    assert len(values["lang"]) == 1000 and values["lang"].endswith("…")
    lead = map_generic_form(values)
    assert "email" not in lead.fields and lead.errors == []
    assert lead.fields["remark"].splitlines()[:2] == ['kontakte: [{"name":"Huber"}]', 'a.b.email: {"d":1}']


def test_repeated_urlencoded_names_become_a_list():
    values = parse_form_body(b"modelle%5B%5D=Golf&modelle%5B%5D=Tiguan&nachname=Huber&leer=", FORM)
    assert values == {"modelle": ["Golf", "Tiguan"], "nachname": "Huber", "leer": ""}


def test_a_urlencoded_body_declared_utf8_that_is_not_is_read_as_windows_1252_and_said_so():
    values = parse_form_body(b"nachname=M%FCller&ort=M%C3%BCnchen", FORM + "; charset=utf-8")
    assert values == {"nachname": "Müller", "ort": "München"} and values.misread_encoding
    assert not parse_form_body(b"nachname=M%C3%BCller", FORM + "; charset=utf-8").misread_encoding


def test_a_urlencoded_body_without_charset_that_is_not_utf8_is_read_as_windows_1252():
    assert parse_form_body(b"nachname=M%FCller&stra%DFe=Hauptstr.+1&preis=35.000+%80", FORM) == {
        "nachname": "Müller", "straße": "Hauptstr. 1", "preis": "35.000 €"}


def test_a_urlencoded_body_without_charset_is_read_as_utf8_field_by_field():
    body = b"nachname=M%C3%BCller&ort=M%FCnchen&bemerkung=Gr%C3%BC%C3%9Fe+%E2%80%9Eok%E2%80%9C"
    assert parse_form_body(body, FORM) == {"nachname": "Müller", "ort": "München",
                                           "bemerkung": "Grüße „ok“"}


def test_a_declared_latin1_charset_is_honoured():
    assert parse_form_body(b"nachname=M%FCller", FORM + "; charset=ISO-8859-1") == {"nachname": "Müller"}


def test_a_json_body_in_its_declared_charset_is_read_in_it():
    body = '{"nachname": "Müller", "preis": "35.000 €"}'.encode("cp1252")
    assert parse_form_body(body, "application/json; charset=windows-1252") == {"nachname": "Müller", "preis": "35.000 €"}
    # JSON is UTF-8 by its standard: bytes that are not are read as Windows-1252, and said so.
    values = parse_form_body(body, "application/json")
    assert values == {"nachname": "Müller", "preis": "35.000 €"} and values.misread_encoding
    with pytest.raises(UnsupportedMediaTypeError):
        parse_form_body(b"{}", "application/json; charset=rot13")


def test_a_form_with_too_many_fields_is_refused():
    body = "&".join(f"f{i}=x" for i in range(201)).encode()
    with pytest.raises(WebformPayloadError, match="more than 200 fields"):
        parse_form_body(body, FORM)


MULTIPART = (b'--b7\r\nContent-Disposition: form-data; name="nachname"\r\n\r\nM\xfcller\r\n'
             b'--b7\r\nContent-Disposition: form-data; name="ort"\r\n\r\nM\xc3\xbcnchen\r\n'
             b'--b7\r\nContent-Disposition: form-data; name="modelle[]"\r\n\r\nGolf\r\n'
             b'--b7\r\nContent-Disposition: form-data; name="modelle[]"\r\n\r\nTiguan\r\n'
             b'--b7\r\nContent-Disposition: form-data; name="nachricht"\r\nContent-Type: text/plain; charset=iso-8859-1\r\n'
             b'\r\nGr\xfc\xdfe\r\n'
             b'--b7\r\nContent-Disposition: form-data; name="anhang"; filename="foto.jpg"\r\n'
             b'Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\r\n--b7--\r\n')


def test_a_multipart_form_is_read_field_by_field_and_its_files_only_by_name():
    values = parse_form_body(MULTIPART, "multipart/form-data; boundary=b7")
    assert values == {"nachname": "Müller", "ort": "München", "modelle": ["Golf", "Tiguan"], "nachricht": "Grüße",
                      "anhang": "foto.jpg"}
    lead = map_generic_form(values)
    assert lead.fields["remark"] == "Grüße\nanhang: foto.jpg" and lead.fields["last_name"] == "Müller"


def test_a_multipart_form_without_its_boundary_cannot_be_read():
    with pytest.raises(WebformPayloadError, match="boundary"):
        parse_form_body(MULTIPART, "multipart/form-data")


@pytest.mark.parametrize("content_type", ["text/plain", None])
def test_other_media_types_are_unsupported(content_type):
    with pytest.raises(UnsupportedMediaTypeError):
        parse_form_body(b"nachname=Huber", content_type)


def test_a_payload_error_is_a_file_format_error():
    with pytest.raises(FileFormatError):
        load_json_object(b"[]")


# -- Google Ads lead forms


def test_the_google_sample_is_read_into_lead_fields():
    lead = map_google_ads(google())
    assert lead.errors == [] and not lead.is_test and not lead.spam
    assert lead.external_id == "NTg0MTI5MDM2NzE0OmxlYWRfaWQ6MTc2NDMyNjQxMDM1Mg"
    assert lead.fields == {
        "first_name": "Katharina Maria", "last_name": "Huber", "email": "k.huber@example.at",
        "phone": "+436641234567", "street": "Mariahilfer Straße 12/3", "postal_code": "1060",
        "city": "Wien", "country": "AT",
        "vehicle": {"interest": {"models": ["Tiguan"], "preferred_dealer": "Autohaus Wien Mitte"},
                    "next": {"purchase": "new", "timeframe": "within_3_months", "usage": "leasing"}},
        "received_at": "2026-11-28T09:20:10+00:00",
        "remark": "Region: Wien\n"
                  "Do you own a vehicle?: Yes\n"
                  "What is your preferred dealership?: Autohaus Wien Mitte\n"
                  "What is your preferred contact method?: Phone",
    }
    assert lead.meta == {
        "campaign_id": 21837465012, "form_id": 584129036714,
        "gcl_id": "Cj0KCQiAq-u9BhCjARIsANLj-s2fKx8y7E3Vq0nW1sTz4bRkHcUoP5m"
                  "YdJg9eL2aXiQvBwNtFhZrEaAk8cEALw_wcB",
        "adgroup_id": 163847201947, "creative_id": 702915483620, "api_version": "1.0",
        "lead_stage": "SUBMITTED", "preferred_dealership": "Autohaus Wien Mitte"}


def test_the_google_lead_passes_the_api_validation():
    lead = validated(map_google_ads(google()).fields, "AT")
    assert (lead.last_name, lead.phone, lead.vehicle.next.usage) == ("Huber", "+436641234567", "leasing")


def test_google_full_name_is_split():
    lead = map_google_ads(google_columns(column("FULL_NAME", "  Anna  von Huber ")))
    assert (lead.fields["first_name"], lead.fields["last_name"]) == ("Anna", "von Huber")
    single = map_google_ads(google_columns(column("FULL_NAME", "Huber")))
    assert single.fields == {"last_name": "Huber"}


def test_google_full_name_gives_salutation_and_title():
    lead = map_google_ads(google_columns(column("FULL_NAME", "Frau Mag.a Katharina Huber"),
                                         column("EMAIL", "k.huber@example.at")))
    assert lead.fields == {"salutation": "ms", "title": "Mag.a", "first_name": "Katharina",
                           "last_name": "Huber", "email": "k.huber@example.at"}
    validated(lead.fields, "AT")


def test_google_first_and_last_name_are_read_as_given():
    lead = map_google_ads(google_columns(column("FIRST_NAME", "Anna Maria"),
                                         column("LAST_NAME", "von Huber")))
    assert (lead.fields["first_name"], lead.fields["last_name"]) == ("Anna Maria", "von Huber")


def test_google_work_email_stands_in_only_for_a_missing_email():
    both = map_google_ads(google_columns(column("WORK_EMAIL", "a.huber@firma.example", "Work Email"),
                                         column("EMAIL", "anna@example.at"), column("LAST_NAME", "Huber")))
    assert both.fields["email"] == "anna@example.at"
    assert both.fields["remark"] == "Work Email: a.huber@firma.example"
    work_only = map_google_ads(google_columns(column("WORK_EMAIL", "a.huber@firma.example"),
                                              column("LAST_NAME", "Huber")))
    assert work_only.fields["email"] == "a.huber@firma.example"


def test_google_work_phone_and_company_name_have_fields_of_their_own():
    lead = map_google_ads(google_columns(column("WORK_PHONE", "+43 1 5320000"),
                                         column("PHONE_NUMBER", "+43 664 1234567"),
                                         column("COMPANY_NAME", "Huber GmbH", "Company Name"),
                                         column("LAST_NAME", "Huber")))
    assert lead.fields == {"work_phone": "+43 1 5320000", "phone": "+43 664 1234567",
                           "company": "Huber GmbH", "last_name": "Huber"}


def test_an_unknown_google_answer_that_is_an_e_mail_address_stands_in_when_nothing_names_the_person():
    lead = map_google_ads(google_columns(column("CUSTOM_1", "g@example.at", "Ihre Kontaktadresse"),
                                         column("VEHICLE_MODEL", "Kodiaq", "Modell")))
    assert lead.fields["email"] == "g@example.at" and lead.errors[0]["column"] == "Ihre Kontaktadresse"
    named = map_google_ads(google_columns(column("LAST_NAME", "Huber"), column("CUSTOM_1", "g@example.at", "Andere")))
    assert "email" not in named.fields and named.errors == []


def test_google_answers_without_a_lead_field_are_kept_in_the_remark():
    lead = map_google_ads(google_columns(
        column("LAST_NAME", "Huber"), column("JOB_TITLE", "Fuhrparkleiterin"),
        column("VEHICLE_TYPE", "SUV"),
        column("how_many_cars?", "3", "How many cars does your fleet have?")))
    assert lead.fields["remark"] == ("Job title: Fuhrparkleiterin\n"
                                     "Vehicle type: SUV\nHow many cars does your fleet have?: 3")


def test_an_unreadable_google_answer_is_reported_with_the_answer_as_given():
    lead = map_google_ads(google_columns(column("LAST_NAME", "Huber"),
                                         column("VEHICLE_CONDITION", "Oldtimer", "New or used?")))
    error, = lead.errors
    assert (error["field"], error["column"], error["given"], error["fatal"]) == (
        "vehicle.next.purchase", "New or used?", "Oldtimer", False)
    assert lead.fields == {"last_name": "Huber"}


@pytest.mark.parametrize("answer, code", [("Used", "used"), ("Certified pre-owned", "used"),
                                          ("Gebraucht", "used"), ("Either", "any")])
def test_google_vehicle_condition_answers(answer, code):
    lead = map_google_ads(google_columns(column("VEHICLE_CONDITION", answer)))
    assert lead.fields["vehicle"]["next"]["purchase"] == code


def test_the_google_test_lead_is_marked_as_a_test():
    lead = map_google_ads(google("google-ads-lead.test.json"))
    assert lead.is_test
    assert lead.external_id.startswith("TeSter-123-")
    assert (lead.fields["first_name"], lead.fields["last_name"]) == ("FirstName", "LastName")


@pytest.mark.parametrize("name", ["google_key", "Google_key", "GOOGLE_KEY"])
def test_the_google_key_is_found_in_any_case(name):
    assert google_key({"lead_id": "1", name: "leadflow-demo-google-key"}) == "leadflow-demo-google-key"


def test_the_google_key_of_the_samples():
    real, test = google(), google("google-ads-lead.test.json")
    assert google_key(real) == google_key(test) == "leadflow-demo-google-key"
    assert google_key({"lead_id": "1"}) is None and google_key({"google_key": 123}) is None


@pytest.mark.parametrize("columns", [None, "FULL_NAME", [["FULL_NAME", "x"]]])
def test_a_google_payload_without_column_data_is_refused(columns):
    with pytest.raises(WebformPayloadError, match="user_column_data"):
        map_google_ads({"lead_id": "1", "user_column_data": columns})


def test_a_google_payload_with_too_many_columns_is_refused_rather_than_cut():
    columns = [column("LAST_NAME", "Huber")] + [column(f"Q{i}", "x") for i in range(200)]
    with pytest.raises(WebformPayloadError, match="at most 200"):
        map_google_ads(google_columns(*columns))


# -- ADF XML


def test_an_adf_delivery_is_read_by_the_import_reader():
    lead, = map_adf(fixture("adf-lead.xml"))
    assert lead.errors == [] and not lead.is_test and not lead.spam
    assert lead.external_id == "mobile.de:MDE-2026-11-0048213"
    assert lead.meta == {"prospect": 1, "adf_version": "1.0", "status": "new"}
    assert lead.fields["vehicle"] == {
        "interest": {"make": "Volkswagen", "models": ["Golf"], "price": 24890, "currency": "EUR",
                     "preferred_dealer": "Autohaus Isartal GmbH"},
        "next": {"purchase": "used", "usage": "buy", "financing": "loan"},
        "current": {"make": "Ford", "model": "Focus", "year": 2015, "mileage_km": 148500},
    }
    assert (lead.fields["source"], lead.fields["source_detail"]) == ("mobile.de", "Händleranfrage")
    assert lead.fields["remark"].startswith("Ist der Golf noch verfügbar?")


def test_the_adf_lead_passes_the_api_validation():
    lead = validated(map_adf(fixture("adf-lead.xml"))[0].fields)
    assert (lead.last_name, lead.phone, lead.postal_code) == ("Schmid", "+491701234567", "80331")


def test_the_import_sample_gives_one_lead_per_prospect_with_its_own_id():
    leads = map_adf((FIXTURES.parent / "imports" / "vienna-autoshow-2017.adf.xml").read_bytes())
    assert [lead.external_id for lead in leads] == ["autoscout24.at:AS24-2017-000123",
                                                    "autoscout24.at:AS24-2017-000124"]
    assert leads[1].meta["status"] == "resend"


def test_an_adf_prospect_without_id_source_falls_back_to_the_provider():
    body = (b'<adf><prospect><id>77</id><customer><contact><name part="last">Huber</name>'
            b'</contact></customer><provider><name>Haendler:Portal</name></provider></prospect></adf>')
    lead, = map_adf(body)
    assert lead.external_id == "Haendler%3APortal:77"


def test_an_adf_prospect_without_id_has_no_external_id():
    lead, = map_adf(b'<adf><prospect><customer><contact><name part="last">Huber</name></contact>'
                    b'</customer></prospect></adf>')
    assert lead.external_id is None


def test_an_adf_document_without_prospects_is_refused():
    with pytest.raises(WebformPayloadError, match="no <prospect>"):
        map_adf(b"<adf></adf>")


def test_an_adf_delivery_with_too_many_prospects_is_refused():
    prospect = b'<prospect><customer><contact><name part="last">H</name></contact></customer></prospect>'
    with pytest.raises(WebformPayloadError, match="more than 100 prospects"):
        map_adf(b"<adf>" + prospect * 101 + b"</adf>")


def test_unsafe_and_foreign_xml_is_refused_as_in_the_import():
    with pytest.raises(UnsafeXmlError):
        map_adf(fixture("../imports/adf-xxe.xml"))
    with pytest.raises(FileFormatError, match="not an ADF file"):
        map_adf(b"<lead><name>Huber</name></lead>")


def test_captcha_answers_and_form_tokens_say_nothing_about_the_person_and_stay_out_of_the_remark():
    lead = map_generic_form({"nachname": "Huber", "email": "a@example.at", "nachricht": "Rückruf bitte",
                             "g-recaptcha-response": "03AGdBq2" + "x" * 1500, "_wpnonce": "a1b2c3",
                             "csrfmiddlewaretoken": "t0k3n", "submit": "Senden"})
    assert lead.fields["remark"] == "Rückruf bitte" and lead.errors == []


def test_a_nested_json_form_is_read_by_the_last_part_of_its_field_names():
    values = parse_form_body(json.dumps({"kontakt": {"vorname": "Eva", "nachname": "Huber", "email": "eva@example.at"},
                                         "anfrage": {"nachricht": "Probefahrt"}}).encode(), "application/json")
    fields = map_generic_form(values).fields
    assert (fields["first_name"], fields["last_name"], fields["email"], fields["remark"]) == (
        "Eva", "Huber", "eva@example.at", "Probefahrt")


def test_an_adf_delivery_of_several_prospects_is_split_to_those_of_one_person():
    from chalicelib.domain.erasure import Needles
    from chalicelib.formats.webforms import adf_prospects_of
    body = ("<?xml version='1.0' encoding='UTF-8'?><adf>"
            "<prospect><customer><contact><name part='last'>Auskunft</name><email>anna@example.at</email>"
            "<address><postalcode>1010</postalcode></address></contact></customer></prospect>"
            "<prospect><customer><contact><name part='last'>Nachbar</name><phone>0664 777 1234</phone>"
            "<address><postalcode>1020</postalcode></address></contact></customer>"
            "<vehicle><year>2023</year></vehicle></prospect></adf>").encode()
    by_phone = Needles([], ["+436647771234"])
    content, kept, total = adf_prospects_of(body, lambda number, texts: by_phone.found_in(texts))
    assert (kept, total) == (1, 2) and "Nachbar" in content and "Auskunft" not in content
    content, kept, total = adf_prospects_of(body, lambda number, texts: number == 1)
    assert (kept, total) == (1, 2) and "Auskunft" in content and "Nachbar" not in content
    assert adf_prospects_of(body.replace(b"</prospect><prospect>", b"</prospect><!-- --><x>").replace(
        b"</prospect></adf>", b"</x></adf>"), lambda number, texts: False) is None    # one prospect: as it is
