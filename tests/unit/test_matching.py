"""Duplicate check rules on German and Austrian data (pure domain)."""
import pytest

from chalicelib.domain.matching import (
    Profile, compare, customer_keys, lookup_keys, normalise_email, normalise_street, phonetic, rank,
)

CUSTOMER = {"first_name": "Anna", "last_name": "Müller", "email": "anna.mueller@gmail.com",
            "phone": "+436641234567", "postal_code": "1070", "city": "Wien",
            "street": "Mariahilfer Straße 12/3/7", "birth_date": "1980-12-31"}


def verdict(lead: dict, customer: dict = CUSTOMER, frequency: int = 20, total: int = 10_000):
    return compare(Profile.of(lead), Profile.of(customer), surname_frequency=frequency, total=total)


def fetched(lead: dict, customer: dict = CUSTOMER) -> bool:
    """Would the candidate fetch find the customer at all? (some key in common)"""
    return bool(lookup_keys(Profile.of(lead), rare_surname=True) & customer_keys(Profile.of(customer)))


@pytest.mark.parametrize("variation", [
    {"last_name": "Mueller"}, {"last_name": "Muller"}, {"last_name": "MÜLLER"},
    {"first_name": "Müller", "last_name": "Anna"},                        # swapped
    {"last_name": "Mag. Müller"}, {"first_name": "Dr. Anna"},               # titles
    {"street": "Mariahilferstr. 12"}, {"street": "Mariahilfer Strasse 12/3"},
    {"email": "Anna.Mueller@GoogleMail.com"}, {"email": "annamueller+autohaus@gmail.com"},
    {"phone": None}, {"birth_date": None}, {"email": None, "phone": None},
])
def test_the_same_person_written_differently_is_a_duplicate(variation):
    lead = {**CUSTOMER, **variation}
    lead = {k: v for k, v in lead.items() if v is not None}
    assert fetched(lead)
    assert verdict(lead).duplicate, [(c.field, c.outcome) for c in verdict(lead).comparisons]


@pytest.mark.parametrize("a, b", [("Meier", "Meyer"), ("Maier", "Mayr"), ("Schmidt", "Schmitt"), ("Weiß", "Weiss"),
                                  ("Müller", "Mueller"), ("von der Leyen", "Leyen")])
def test_cologne_phonetics_folds_spellings(a, b):
    assert phonetic(a) == phonetic(b)


def test_house_numbers_and_street_spellings():
    assert normalise_street("Mariahilfer Straße 12/3/7") == normalise_street("Mariahilferstr. 12") == ("mariahilferstr", "12")
    assert normalise_street("Hauptplatz 3a") == normalise_street("Hauptpl. 3 a")


def test_email_normalisation():
    assert normalise_email("Max.Muster+leads@GoogleMail.com") == normalise_email("maxmuster@gmail.com")
    assert normalise_email("Max.Muster@gmx.at") != normalise_email("maxmuster@gmx.at")


def test_a_household_member_sharing_address_email_and_landline_is_not_a_duplicate():
    husband = {**CUSTOMER, "first_name": "Johann", "birth_date": None}
    assert not verdict(husband).duplicate and not verdict(husband).possible


@pytest.mark.parametrize("first", ["Johanna", "Maria", "Christina", "Alexandra"])
def test_first_names_that_differ_by_their_ending_are_different_people(first):
    other = {"Johanna": "Johann", "Maria": "Marie", "Christina": "Christian", "Alexandra": "Alexander"}[first]
    a = {**CUSTOMER, "first_name": first, "birth_date": None}
    b = {**CUSTOMER, "first_name": other, "birth_date": None}
    assert not verdict(a, b).duplicate


def test_short_forms_and_typos_of_a_first_name_agree():
    assert verdict({**CUSTOMER, "first_name": "Hans"}, {**CUSTOMER, "first_name": "Johann"}).duplicate
    assert verdict({**CUSTOMER, "first_name": "Anan"}).duplicate


def test_junior_and_senior_are_told_apart_by_birth_date():
    senior = {**CUSTOMER, "first_name": "Josef", "birth_date": "1950-03-01", "email": None, "phone": None}
    junior_lead = {**senior, "birth_date": "1981-07-12"}
    assert not verdict(junior_lead, senior).duplicate


def test_the_same_name_in_another_city_is_not_a_duplicate():
    namesake = {"first_name": "Anna", "last_name": "Müller", "postal_code": "8010", "city": "Graz",
                "street": "Herrengasse 3", "email": "a.mueller@aon.at", "phone": "+436769876543"}
    assert not verdict(namesake).duplicate


def test_a_common_surname_weighs_less_than_a_rare_one():
    lead = {"first_name": "Anna", "last_name": "Müller", "postal_code": "1070"}
    common = verdict(lead, frequency=2_000, total=100_000).score
    rare = verdict(lead, frequency=2, total=100_000).score
    assert rare > common


def test_two_equally_good_candidates_are_ambiguous_not_a_duplicate():
    lead = {"first_name": "Josef", "last_name": "Gruber", "postal_code": "1070", "street": "Mariahilfer Straße 12"}
    senior = {**lead, "birth_date": "1950-01-01"}
    junior = {**lead, "birth_date": "1980-01-01"}
    ranked = rank([("s", verdict(lead, senior)), ("j", verdict(lead, junior))])
    assert not any(v.duplicate for _, v in ranked) and all(v.possible for _, v in ranked)


def test_the_labelled_evaluation_set_meets_the_quality_goals():
    from bench.matching_eval import run
    result = run([3000], n_leads=2000)[0]
    assert result["f1"] >= 0.97
    assert result["wrong_top_rate"] <= 0.001
    assert result["household_rejected"] >= 0.97 and result["junior_senior_rejected"] >= 0.90
    assert result["top5"] >= 0.99
