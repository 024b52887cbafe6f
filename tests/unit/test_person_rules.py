"""Validation and normalisation of the person fields (pure domain, no AWS)."""
import datetime as dt

import pytest
from pydantic import ValidationError

from chalicelib.domain.countries import normalise_postal_code
from chalicelib.domain.person import (
    Person, check_birth_date, normalise_phone, normalise_salutation, normalise_title,
)
from chalicelib.domain.search import person_tokens, query_terms
from chalicelib.domain.text import clean_text, fold, words


@pytest.mark.parametrize("raw, country, expected", [
    ("0664 1234567", "AT", "+436641234567"),
    ("0043 664 1234567", "DE", "+436641234567"),
    ("+43 (664) 123-45-67", "AT", "+436641234567"),
    ("0664/1234567", "AT", "+436641234567"),
    ("089 12345678", "DE", "+498912345678"),
    ("044 668 18 00", "CH", "+41446681800"),
    ("(0664) 1234567", "AT", "+436641234567"),             # the area code in brackets first
    ("(069) 41492042", "DE", "+496941492042"),
    ("(0)69 41492042", "DE", "+496941492042"),
    ("(+43) 664 1234567", "DE", "+436641234567"),
    ("0664–123 45 67", "AT", "+436641234567"),             # a word processor's dash
    ("＋43 664 1234567", "DE", "+436641234567"),            # full-width, as a Japanese keyboard types it
    ("Tel. 0664 1234567", "AT", "+436641234567"),          # the field's label typed into it
    ("+ 43 664 1234567", "DE", "+436641234567"),
    ("Handy: +49 (0) 171 4265811", "AT", "+491714265811"),
])
def test_phone_numbers_become_e164(raw, country, expected):
    assert normalise_phone(raw, country) == expected


@pytest.mark.parametrize("raw", ["12", "0664", "not a number", "+43 1", "()", "(abends) 0664 1234567"])
def test_impossible_phone_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw, "AT")


@pytest.mark.parametrize("raw, country, expected", [
    ("1010", "AT", "1010"), ("A-1010", "AT", "1010"), ("80331", "DE", "80331"),
    ("D-80331", "DE", "80331"), ("8001", "CH", "8001"), ("CH-8001", "CH", "8001"),
    ("9490", "LI", "9490"), ("1012 ab", "NL", "1012 AB"),
])
def test_postal_codes(raw, country, expected):
    assert normalise_postal_code(raw, country) == expected


@pytest.mark.parametrize("raw, country", [("0100", "AT"), ("8033", "DE"), ("12345", "CH"), ("9999", "LI")])
def test_wrong_postal_codes(raw, country):
    with pytest.raises(ValueError, match=country):
        normalise_postal_code(raw, country)


@pytest.mark.parametrize("raw, expected", [
    ("Dr.", "Dr."), ("dr", "Dr."), ("Mag.a", "Mag.a"), ("DI", "DI"), ("Dipl.-Ing.", "Dipl.-Ing."),
    ("dipl ing", "Dipl.-Ing."), ("Prof. Dr.", "Prof. Dr."), ("DI (FH)", "DI (FH)"), ("Ing.", "Ing."),
])
def test_academic_titles_are_normalised(raw, expected):
    assert normalise_title(raw) == expected


def test_unknown_titles_are_refused():
    with pytest.raises(ValueError, match="unknown academic title"):
        normalise_title("Kaiser Dr.")


@pytest.mark.parametrize("raw, code", [("Herr", "mr"), ("Frau", "ms"), ("divers", "mx"), ("Firma", "company"), ("mr", "mr"),
                                       ("Monsieur", "mr"), ("Madame", "ms"), ("Signor", "mr"), ("Sig.ra", "ms")])
def test_salutations(raw, code):
    assert normalise_salutation(raw) == code


def test_birth_dates_must_be_plausible():
    today = dt.date(2026, 11, 29)
    assert check_birth_date(dt.date(1980, 12, 31), today)
    for bad in (dt.date(2027, 1, 1), dt.date(2020, 1, 1), dt.date(1890, 1, 1)):
        with pytest.raises(ValueError):
            check_birth_date(bad, today)


def test_phone_and_postal_code_are_read_in_the_persons_country_else_the_tenants():
    p = Person.model_validate({"phone": "089 12345678", "postal_code": "80331", "country": "DE"},
                              context={"country": "AT"})
    assert (p.phone, p.country) == ("+498912345678", "DE")
    p = Person.model_validate({"phone": "0664 1234567"}, context={"country": "AT"})
    assert (p.phone, p.country) == ("+436641234567", "AT")
    with pytest.raises(ValidationError) as exc:
        Person.model_validate({"postal_code": "80331", "country": "AT"}, context={"country": "AT"})
    assert exc.value.errors()[0]["loc"] == ("postal_code",)


def test_a_postal_code_or_phone_sent_as_a_json_number_is_read_as_its_digits():
    p = Person.model_validate({"postal_code": 1030, "phone": 6641234567, "mobile_phone": 4366412345678},
                              context={"country": "AT"})
    assert (p.postal_code, p.phone, p.mobile_phone) == ("1030", "+436641234567", "+4366412345678")
    with pytest.raises(ValidationError) as exc:            # a German code that lost its leading zero
        Person.model_validate({"postal_code": 1067, "country": "DE"}, context={"country": "AT"})
    assert exc.value.errors()[0]["loc"] == ("postal_code",)
    with pytest.raises(ValidationError):                   # a flag is no number
        Person.model_validate({"phone": True}, context={"country": "AT"})


def test_a_birth_date_written_the_german_way_is_that_date_and_an_impossible_one_stays_as_typed():
    assert Person.model_validate({"birth_date": "20.05.1970"}, context={"country": "AT"}).birth_date == dt.date(1970, 5, 20)
    assert Person.model_validate({"birth_date": "1.2.1980"}, context={"country": "AT"}).birth_date == dt.date(1980, 2, 1)
    for typed in ("31.02.1980", "12.03.80"):              # no such day; which century is the person's to say
        with pytest.raises(ValidationError) as exc:
            Person.model_validate({"birth_date": typed}, context={"country": "AT"})
        assert exc.value.errors()[0]["input"] == typed
    with pytest.raises(ValidationError) as exc:
        Person.model_validate({"birth_date": "32.01.1990"}, context={"country": "AT"})
    assert exc.value.errors()[0]["msg"] == "32.01.1990 is no date: day is out of range for month"


def test_a_birth_date_as_eight_digits_is_that_date_and_any_other_number_is_refused():
    for compact in ("19800131", 19800131, 19800131.0):                # an export's date column without separators
        assert Person.model_validate({"birth_date": compact}, context={"country": "AT"}).birth_date == dt.date(1980, 1, 31)
    for number in (0, 864000000, "864000000", 86400.0, 1.5, float("inf"), "20231399"):    # not seconds since 1970
        with pytest.raises(ValidationError) as exc:
            Person.model_validate({"birth_date": number}, context={"country": "AT"})
        assert exc.value.errors()[0]["loc"] == ("birth_date",)


def test_a_missing_country_is_read_from_the_postal_code_and_town_before_the_tenants():
    at_tenant = {"country": "AT"}
    assert Person.model_validate({"postal_code": "80331", "phone": "089 12345678"}, context=at_tenant).country == "DE"
    assert Person.model_validate({"postal_code": "80331", "phone": "089 12345678"},
                                 context=at_tenant).phone == "+498912345678"
    assert Person.model_validate({"postal_code": "8001", "city": "Zürich"}, context=at_tenant).country == "CH"
    assert Person.model_validate({"postal_code": "D-01067"}, context=at_tenant).country == "DE"
    assert Person.model_validate({"postal_code": "1010"}, context=at_tenant).country == "AT"
    assert Person.model_validate({"phone": "+49 151 23456789"}, context=at_tenant).country == "DE"
    assert Person.model_validate({"postal_code": "8010", "city": "Graz"}, context={"country": "DE"}).country == "AT"
    assert Person.model_validate({"postal_code": "L-1724"}, context=at_tenant).country == "LU"
    assert Person.model_validate({"postal_code": "I-39100", "city": "Bozen"}, context=at_tenant).country == "IT"
    dutch = Person.model_validate({"postal_code": "6535 LK", "city": "Nijmegen"}, context=at_tenant)
    assert (dutch.postal_code, dutch.country) == ("6535 LK", "NL")


def test_text_cleaning_and_folding():
    assert clean_text("  Anna \t  Maria\x00 ") == "Anna Maria"
    assert fold("Müller") == fold("Mueller") == fold("Muller") == "muller"
    assert fold("Straße") == "strasse"
    assert words("Groß-Enzersdorf, Wien") == ["gross", "enzersdorf", "wien"]


def test_search_tokens_and_query_terms_meet():
    tokens = person_tokens({"first_name": "Jürgen", "last_name": "Öztürk-Weiß", "city": "Wien",
                            "email": "J.Oeztuerk@Example.at", "phone": "+436641234567"})
    assert {"jurgen", "ozturk", "weiss", "wien", "436641234567", "6641234567"} <= set(tokens)
    for query in ("oeztuerk", "ÖZTÜRK", "0664 123", "+43 664 1234567", "0043664", "j.oeztuerk@ex"):
        terms = query_terms(query)
        assert all(any(t.startswith(term) for t in tokens) for term in terms), (query, terms)
