"""Whole names as people write them, split into salutation, title, first and last name."""
import dataclasses

import pytest

from chalicelib.domain.names import NameParts, split_full_name


@pytest.mark.parametrize("text, salutation, title, first, last", [
    ("Prof. Dr. Hans-Peter von der Heydt", None, "Prof. Dr.", "Hans-Peter", "von der Heydt"),
    ("Herr Dipl.-Ing. Max Mustermann", "mr", "Dipl.-Ing.", "Max", "Mustermann"),
    ("Mustermann, Erika", None, None, "Erika", "Mustermann"),
    ("Anna Maria Huber", None, None, "Anna Maria", "Huber"),
    ("Madonna", None, None, None, "Madonna"),
])
def test_the_examples_of_the_brief(text, salutation, title, first, last):
    assert split_full_name(text) == NameParts(salutation, title, first, last)


@pytest.mark.parametrize("text, salutation, rest", [
    ("Herr Max Huber", "mr", "Max Huber"), ("Hr. Max Huber", "mr", "Max Huber"),
    ("Herrn Max Huber", "mr", "Max Huber"), ("Mr John Smith", "mr", "John Smith"),
    ("Frau Eva Huber", "ms", "Eva Huber"), ("Fr. Eva Huber", "ms", "Eva Huber"),
    ("Mrs Jane Doe", "ms", "Jane Doe"), ("Ms. Jane Doe", "ms", "Jane Doe"),
    ("FRAU Eva Huber", "ms", "Eva Huber"),
    ("Herr und Frau Max und Erika Mustermann", "family", "Max und Erika Mustermann"),
    ("Familie Huber", "family", "Huber"), ("Fam. Huber", "family", "Huber"),
])
def test_a_leading_salutation_is_recognised(text, salutation, rest):
    parts = split_full_name(text)
    assert parts.salutation == salutation
    assert " ".join(filter(None, [parts.first_name, parts.last_name])) == rest


def test_a_company_name_after_firma_is_kept_whole():
    assert split_full_name("Firma Autohaus Muster GmbH & Co. KG") == NameParts(
        "company", None, None, "Autohaus Muster GmbH & Co. KG")


@pytest.mark.parametrize("text, title", [
    ("Dr. med. Eva Graf", "Dr. med."), ("Frau Dr. rer. nat. Eva Graf", "Dr. rer. nat."),
    ("Dr. h.c. Otto Graf", "Dr. h.c."), ("Prof. Dr. Dr. h. c. mult. Otto Graf", "Prof. Dr. Dr. h. c. mult."),
    ("Dr. med. univ. Eva Graf", "Dr. med. univ."), ("Hr. Dr.techn. Otto Graf", "Dr.techn."),
    ("Mag. Eva Graf", "Mag."), ("Mag.a Eva Graf", "Mag.a"), ("Mag. (FH) Eva Graf", "Mag. (FH)"),
    ("MMag. Eva Graf", "MMag."), ("DDr. Otto Graf", "DDr."), ("DI Otto Graf", "DI"),
    ("DI (FH) Otto Graf", "DI (FH)"), ("Dipl.-Ing. Otto Graf", "Dipl.-Ing."),
    ("Dipl.-Kfm. Otto Graf", "Dipl.-Kfm."), ("Dipl.-Wirt.-Ing. Otto Graf", "Dipl.-Wirt.-Ing."),
    ("Ing. Otto Graf", "Ing."), ("Univ.-Prof. Dr. Eva Graf", "Univ.-Prof. Dr."),
    ("Herr Prof. Dr.-Ing. Otto Graf", "Prof. Dr.-Ing."), ("Dr.in Eva Graf", "Dr.in"),
    ("Dr Otto Graf", "Dr"), ("dr. Otto Graf", "dr."), ("KR Ing. Otto Graf", "KR Ing."),
    ("Eva Graf, BSc", "BSc"), ("Ing. Otto Graf, MSc", "Ing. MSc"), ("Eva Graf MBA", "MBA"),
    ("Otto Graf, LL.M.", "LL.M."),
])
def test_academic_titles_are_kept_as_written(text, title):
    parts = split_full_name(text)
    assert parts.title == title
    assert parts.last_name == "Graf" and parts.first_name in ("Eva", "Otto")


@pytest.mark.parametrize("text, first, last", [
    ("Maria Theresia von Habsburg", "Maria Theresia", "von Habsburg"),
    ("Jan van der Berg", "Jan", "van der Berg"), ("Anna de la Cruz", "Anna", "de la Cruz"),
    ("Max von und zu Liechtenstein", "Max", "von und zu Liechtenstein"),
    ("Hans zur Linde", "Hans", "zur Linde"), ("Karl vom Stein", "Karl", "vom Stein"),
    ("Tom ten Brink", "Tom", "ten Brink"), ("Eva ter Horst", "Eva", "ter Horst"),
    ("Heinrich zu Stolberg", "Heinrich", "zu Stolberg"), ("Robert De Niro", "Robert", "De Niro"),
    ("von Habsburg", None, "von Habsburg"),
    ("Heydt, Hans-Peter von der", "Hans-Peter", "von der Heydt"),
])
def test_nobiliary_particles_stay_with_the_last_name(text, first, last):
    parts = split_full_name(text)
    assert (parts.first_name, parts.last_name) == (first, last)


@pytest.mark.parametrize("text, first, last", [
    ("Max Mustermann jun.", "Max", "Mustermann jun."), ("Max Mustermann sen.", "Max", "Mustermann sen."),
    ("Mustermann jun., Max", "Max", "Mustermann jun."), ("Mustermann, Max sen.", "Max", "Mustermann sen."),
    ("Max Mustermann, jun.", "Max", "Mustermann jun."), ("John Smith Jr.", "John", "Smith Jr."),
])
def test_generational_suffixes_stay_with_the_last_name(text, first, last):
    parts = split_full_name(text)
    assert (parts.first_name, parts.last_name) == (first, last)


@pytest.mark.parametrize("text, expected", [
    ("Mustermann, Dr. Erika", NameParts(None, "Dr.", "Erika", "Mustermann")),
    ("Dr. Mustermann, Erika", NameParts(None, "Dr.", "Erika", "Mustermann")),
    ("Mustermann,Erika", NameParts(None, None, "Erika", "Mustermann")),
    ("Mustermann, Frau Erika", NameParts("ms", None, "Erika", "Mustermann")),
])
def test_the_last_comma_first_form(text, expected):
    assert split_full_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("  Anna   Maria  Huber ", NameParts(None, None, "Anna Maria", "Huber")),
    ("", NameParts()), (None, NameParts()), ("   ", NameParts()),
    ("Frau Dr.", NameParts("ms", "Dr.", None, None)),
    ("Frau Ing", NameParts("ms", None, None, "Ing")),  # no dot, nothing after it: a name
    ("Anna Di Stefano", NameParts(None, None, "Anna", "Di Stefano")),  # Di is not DI
    ("Li MA", NameParts(None, None, "Li", "MA")),
])
def test_edge_cases_read_as_a_person_would(text, expected):
    assert split_full_name(text) == expected


def test_name_parts_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        split_full_name("Anna Huber").last_name = "Maier"


@pytest.mark.parametrize("text, first, last", [
    ("Ğül Şahin-Yıldız 🚗", "Ğül", "Şahin-Yıldız"),          # an ad platform's full name with an emoji
    ("👍 Anna Huber", "Anna", "Huber"),
    ("Jörg Maier ❤️", "Jörg", "Maier"),                        # with its variation selector
])
def test_an_emoji_standing_as_a_word_is_no_part_of_the_name(text, first, last):
    parts = split_full_name(text)
    assert (parts.first_name, parts.last_name) == (first, last)
