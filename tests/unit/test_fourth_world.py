"""fourth_world: the generated importer master and leads keep their promises."""
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from bench.eval_sets import PERSON_FIELDS, EvalSet
from bench.eval_sets import fourth_world as fw
from bench.eval_sets import fourth_world_data as D

ROOT = Path(__file__).resolve().parents[2]
N_CUSTOMERS, N_LEADS, SEED = 6000, 1500, 7


@pytest.fixture(scope="module")
def built():
    return fw.build_world(N_CUSTOMERS, N_LEADS, SEED)


@pytest.fixture(scope="module")
def world(built):
    return built[0]


@pytest.fixture(scope="module")
def dataset(built):
    return built[1]


def leads_of(dataset, scenario):
    leads = [lead for lead in dataset.leads if lead.scenario == scenario]
    assert leads, scenario
    return leads


def filled(person):
    return {key: value for key, value in person.items() if value not in (None, "")}


def norm(text):
    """Loose name key for spot checks: no case, no marks, ae/oe/ue and dj folded, no punctuation."""
    text = (text or "").lower().replace("ß", "ss").replace("đ", "d").replace("ð", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for old, new in (("ae", "a"), ("oe", "o"), ("ue", "u"), ("dj", "d")):
        text = text.replace(old, new)
    return re.sub(r"[^a-z]", "", text)


def digits_tail(text, n=7):
    return re.sub(r"\D", "", text or "")[-n:]


def phones(record):
    return [record.get(name) for name in ("phone", "mobile_phone", "work_phone") if record.get(name)]


def date_readings(text):
    """Every (yy, month, day) a written date may mean; dd/mm and m/d both count for slashes."""
    text = (text or "").strip()
    readings = set()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", text):
        readings.add((int(m[1]) % 100, int(m[2]), int(m[3])))
    elif m := re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b", text):
        readings.add((int(m[3]) % 100, int(m[2]), int(m[1])))
    elif m := re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text):
        readings.add((int(m[3]) % 100, int(m[2]), int(m[1])))
        readings.add((int(m[3]) % 100, int(m[1]), int(m[2])))
    return readings


def street_and_number(text):
    """(street, house number) with abbreviations, c/o lines and number-first order undone."""
    text = re.sub(r"c/o [^,]*,|c/o .*$", "", (text or "").lower()).replace("ß", "ss").replace(",", " ").strip()
    for short, full in (("str.", "strasse"), ("ch.", "chemin"), ("pl.", "platz"), ("av.", "avenue"), ("rte", "route")):
        text = text.replace(short, full)
    if m := re.match(r"^(\d+[a-z]?)\s+(.*)$", text):      # "74, ch. de la Colline"
        text = f"{m[2]} {m[1]}"
    m = re.match(r"^(.*?\D)\s*(\d+[a-z]?)", text)
    return (" ".join(m[1].split()), m[2]) if m else None


def share_at_least(hits, total, share):
    assert total > 0
    assert hits / total >= share, f"{hits}/{total}"


# --- shape and sizes ----------------------------------------------------------------------------------
def test_the_same_seed_gives_the_same_set():
    first, second = fw.build(800, 200, seed=3), fw.build(800, 200, seed=3)
    assert first.customers == second.customers
    assert first.leads == second.leads
    assert first.notes == second.notes


def test_another_seed_gives_another_set():
    assert fw.build(800, 200, seed=3).customers != fw.build(800, 200, seed=4).customers


def test_the_set_does_not_depend_on_the_hash_seed():
    script = ("import hashlib,sys; sys.path.insert(0, sys.argv[1]); from bench.eval_sets import fourth_world as fw; "
              "d = fw.build(600, 150, 5); print(hashlib.sha256(repr((list(d.customers.items()), "
              "[(l.person, sorted(l.truth), l.scenario, sorted(l.related)) for l in d.leads])).encode()).hexdigest())")
    digests = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        result = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, env=env,
                                check=True)
        digests.append(result.stdout.strip())
    assert digests[0] == digests[1]


def test_the_set_has_the_requested_sizes_name_and_kind(dataset):
    assert isinstance(dataset, EvalSet)
    assert dataset.name == f"fourth_world_{N_CUSTOMERS}_{N_LEADS}_s{SEED}"
    assert len(dataset.customers) == N_CUSTOMERS
    assert len(dataset.leads) == N_LEADS
    assert dataset.kind == "lead_vs_master"
    assert dataset.notes["seed"] == SEED and dataset.notes["n_customers"] == N_CUSTOMERS


def test_people_carry_only_api_fields_with_string_values(dataset):
    for person in list(dataset.customers.values()) + [lead.person for lead in dataset.leads]:
        assert set(person) <= set(PERSON_FIELDS)
        assert all(value is None or isinstance(value, str) for value in person.values())


def test_a_hundred_thousand_customers_build_in_under_a_minute():
    started = time.perf_counter()
    dataset = fw.build(100_000, 4000, 1)
    assert len(dataset.customers) == 100_000
    assert time.perf_counter() - started < 60


# --- truth and related ----------------------------------------------------------------------------------
def test_every_truth_id_exists_in_the_master(dataset):
    for lead in dataset.leads:
        assert lead.truth <= dataset.customers.keys()


def test_related_ids_exist_and_never_overlap_truth(dataset):
    for lead in dataset.leads:
        assert lead.related <= dataset.customers.keys()
        assert not lead.related & lead.truth


def test_returning_leads_name_every_copy_of_exactly_one_person(dataset, world):
    for lead in dataset.leads:
        if lead.scenario.startswith("returning_"):
            people = {world.record_info[rid].person.idx for rid in lead.truth}
            assert len(people) == 1
            person = world.record_info[next(iter(lead.truth))].person
            assert lead.truth == frozenset(person.record_ids)
        else:
            assert lead.scenario.startswith("new_") and lead.truth == frozenset()


def test_new_leads_around_a_customer_always_have_related_customers(dataset):
    for lead in dataset.leads:
        if lead.scenario.startswith("new_") and lead.scenario != "new_person":
            assert lead.related, lead.scenario


def test_the_master_holds_some_people_twice_and_some_three_times(world):
    copies = [len(person.record_ids) for person in world.persons]
    assert 0.08 < copies.count(2) / len(copies) < 0.2
    assert 0.015 < copies.count(3) / len(copies) < 0.06
    assert sum(copies) == N_CUSTOMERS


def test_birth_dates_are_missing_on_about_forty_percent_of_records(dataset):
    missing = sum(1 for record in dataset.customers.values() if not record.get("birth_date"))
    assert 0.3 < missing / len(dataset.customers) < 0.5


# --- scenario shares ----------------------------------------------------------------------------------
def test_scenario_shares_follow_the_plan_within_one_lead(dataset):
    counts = fw.scenario_counts(dataset)
    total = sum(share for _, share in fw.SCENARIO_SHARES)
    for name, share in fw.SCENARIO_SHARES:
        assert abs(counts[name] - N_LEADS * share / total) < 1
    assert sum(counts.values()) == N_LEADS


def test_shares_are_fifty_five_percent_returning_and_forty_five_percent_new():
    shares = dict(fw.SCENARIO_SHARES)
    assert sum(shares.values()) == 100
    assert sum(v for k, v in shares.items() if k.startswith("returning_")) == 55
    assert sum(v for k, v in shares.items() if k.startswith("new_")) == 45


def test_the_datasheet_lists_every_scenario_with_its_share():
    for name, share in fw.SCENARIO_SHARES:
        assert re.search(rf"\b{name}\s+{share}\b", fw.__doc__), name


def test_every_scenario_has_a_builder():
    assert [name for name, _ in fw.SCENARIO_SHARES] == list(fw.SCENARIOS)


# --- spot checks: a scenario does what its name says ---------------------------------------------------
def test_exact_record_leads_copy_a_master_record_of_their_person(dataset):
    for lead in leads_of(dataset, "returning_exact_record"):
        assert any(lead.person == dataset.customers[rid] for rid in lead.truth)


def test_held_twice_or_more_leads_name_two_or_three_master_ids(dataset):
    for lead in leads_of(dataset, "returning_held_twice_or_more"):
        assert len(lead.truth) in (2, 3)


def test_email_only_leads_carry_just_an_email_the_master_holds_for_the_person(dataset):
    for lead in leads_of(dataset, "returning_email_only"):
        assert set(filled(lead.person)) == {"email"}
        email = lead.person["email"].strip().lower()
        assert any((dataset.customers[rid].get("email") or "").strip().lower() == email for rid in lead.truth)


def test_surname_and_phone_leads_carry_a_surname_and_one_phone_of_the_person(dataset):
    for lead in leads_of(dataset, "returning_surname_and_phone_only"):
        shown = filled(lead.person)
        assert "last_name" in shown and len(shown) == 2
        phone = next(value for key, value in shown.items() if key != "last_name")
        assert any(digits_tail(phone) == digits_tail(text) for rid in lead.truth for text in phones(dataset.customers[rid]))


def test_new_email_and_new_mobile_leads_bring_a_value_no_master_copy_holds(dataset):
    for lead in leads_of(dataset, "returning_new_email"):
        email = lead.person["email"].strip().lower()
        assert all((dataset.customers[rid].get("email") or "").strip().lower() != email for rid in lead.truth)
    for lead in leads_of(dataset, "returning_new_mobile"):
        mobile = lead.person.get("mobile_phone") or lead.person.get("phone")
        assert all(digits_tail(mobile) != digits_tail(text) for rid in lead.truth for text in phones(dataset.customers[rid]))


def test_nickname_leads_give_a_nickname_where_the_master_has_the_formal_name_or_the_reverse(dataset):
    leads = leads_of(dataset, "returning_nickname")
    hits = 0
    for lead in leads:
        first = norm(lead.person.get("first_name"))
        for rid in lead.truth:
            master = norm(dataset.customers[rid].get("first_name"))
            pairs = [(norm(formal), norm(nick)) for formal, nicks in D.NICKNAMES.items() for nick in nicks]
            if (master, first) in pairs or (first, master) in pairs:
                hits += 1
                break
    share_at_least(hits, len(leads), 0.9)


def test_feminine_form_leads_switch_between_feminine_and_masculine_surname(dataset):
    pairs = {(norm(m), norm(f)) for m, f in D.CZ_FEMININE.items()}
    leads = leads_of(dataset, "returning_feminine_form")
    hits = 0
    for lead in leads:
        last = norm(lead.person.get("last_name"))
        masters = [norm(dataset.customers[rid].get("last_name")) for rid in lead.truth]
        if any((last, m) in pairs or (m, last) in pairs for m in masters):
            hits += 1
    share_at_least(hits, len(leads), 0.85)


def test_name_order_swapped_leads_carry_the_surname_as_first_name(dataset):
    leads = leads_of(dataset, "returning_name_order_swapped")
    hits = sum(1 for lead in leads if any(norm(lead.person.get("first_name")) == norm(dataset.customers[rid].get("last_name"))
                                          for rid in lead.truth))
    share_at_least(hits, len(leads), 0.85)


def test_full_name_leads_put_the_whole_name_into_one_field(dataset):
    for lead in leads_of(dataset, "returning_full_name_one_field"):
        shown = filled(lead.person)
        assert ("first_name" in shown) != ("last_name" in shown)
        assert " " in (shown.get("first_name") or shown.get("last_name"))


def test_married_name_leads_show_another_surname_than_the_first_master_copy(dataset):
    for lead in leads_of(dataset, "returning_married_name"):
        first_copy = dataset.customers[min(lead.truth)]
        assert norm(lead.person.get("last_name")) != norm(first_copy.get("last_name")) or len(lead.truth) > 1


def test_birth_date_leads_write_us_order_or_a_wrong_date(dataset, world):
    us_order = 0
    for lead in leads_of(dataset, "returning_birth_date_typo_or_us_order"):
        born = world.record_info[next(iter(lead.truth))].person.birth
        true_reading = (born.year % 100, born.month, born.day)
        written = lead.person["birth_date"]
        if re.match(r"^\d{1,2}/\d{1,2}/\d{4}$", written):
            month, day, year = (int(x) for x in written.split("/"))
            assert (year % 100, month, day) == true_reading
            us_order += 1
        else:
            assert date_readings(written) and true_reading not in date_readings(written)
    assert us_order > 0


def test_foreign_number_leads_write_the_number_otherwise_than_the_master(dataset):
    def international(text):
        return text.strip().startswith(("+", "00"))

    for lead in leads_of(dataset, "returning_foreign_number_national"):
        mobile = lead.person["mobile_phone"]
        same = [text for rid in lead.truth for text in phones(dataset.customers[rid])
                if digits_tail(text) == digits_tail(mobile)]
        assert any(international(text) != international(mobile) for text in same)


def test_ocr_and_typo_leads_differ_from_every_master_copy(dataset):
    for scenario in ("returning_ocr_noise", "returning_typo_one_field", "returning_typo_two_fields",
                     "returning_phonetic_spelling"):
        for lead in leads_of(dataset, scenario):
            assert all(lead.person != dataset.customers[rid] for rid in lead.truth)


def test_twin_leads_share_birth_date_and_street_with_a_related_customer(dataset):
    for lead in leads_of(dataset, "new_twin"):
        born = date_readings(lead.person["birth_date"])
        street = street_and_number(lead.person["street"])
        assert any(born & date_readings(dataset.customers[rid].get("birth_date")) for rid in lead.related)
        assert any(street_and_number(dataset.customers[rid].get("street")) == street for rid in lead.related)


def test_junior_senior_leads_share_first_and_last_name_with_a_related_customer(dataset):
    leads = leads_of(dataset, "new_junior_senior")
    hits = 0
    for lead in leads:
        first, last = norm(lead.person.get("first_name")), norm(lead.person.get("last_name"))
        last = re.sub(r"(jun|sen)$", "", last)
        if any(norm(dataset.customers[rid].get("first_name")) == first and norm(dataset.customers[rid].get("last_name")) == last
               for rid in lead.related):
            hits += 1
    share_at_least(hits, len(leads), 0.85)


def test_namesake_leads_share_first_and_last_name_but_not_the_street(dataset):
    leads = leads_of(dataset, "new_namesake")
    hits = 0
    for lead in leads:
        first, last = norm(lead.person.get("first_name")), norm(lead.person.get("last_name"))
        street = norm(lead.person.get("street"))
        if any(norm(r.get("first_name")) == first and norm(r.get("last_name")) == last and norm(r.get("street")) != street
               for r in (dataset.customers[rid] for rid in lead.related)):
            hits += 1
    share_at_least(hits, len(leads), 0.85)


def test_neighbour_leads_share_street_and_house_number_with_a_related_customer(dataset):
    for lead in leads_of(dataset, "new_neighbour"):
        mine = street_and_number(lead.person["street"])
        assert any(street_and_number(dataset.customers[rid].get("street")) == mine for rid in lead.related)


def test_spouse_leads_share_an_email_with_a_related_customer(dataset):
    for lead in leads_of(dataset, "new_spouse_shared_email"):
        email = lead.person["email"].strip().lower()
        assert any((dataset.customers[rid].get("email") or "").strip().lower() == email for rid in lead.related)


def test_recycled_mobile_leads_share_a_mobile_with_a_related_customer(dataset):
    for lead in leads_of(dataset, "new_recycled_mobile"):
        mobile = lead.person.get("mobile_phone") or lead.person.get("phone")
        assert any(digits_tail(mobile) == digits_tail(text) for rid in lead.related for text in phones(dataset.customers[rid]))


def test_household_member_leads_share_the_street_with_a_related_customer(dataset):
    leads = leads_of(dataset, "new_household_member")
    hits = sum(1 for lead in leads
               if any(street_and_number(dataset.customers[rid].get("street")) == street_and_number(lead.person.get("street"))
                      for rid in lead.related))
    share_at_least(hits, len(leads), 0.9)


# --- the world ------------------------------------------------------------------------------------------
def test_the_world_is_sixty_percent_austria_and_thirty_five_percent_switzerland(world):
    countries = [person.address.country for person in world.persons]
    assert 0.55 < countries.count("AT") / len(countries) < 0.65
    assert 0.30 < countries.count("CH") / len(countries) < 0.40


def test_swiss_postcodes_have_four_digits_and_austrian_ones_too(world):
    for person in world.persons:
        if person.address.country in ("AT", "CH", "LI"):
            assert re.fullmatch(r"\d{4}", person.address.postal_code)


def test_ages_count_to_the_reference_date_and_never_to_today():
    source = Path(fw.__file__).read_text(encoding="utf-8")
    assert "today(" not in source and "now(" not in source
    assert fw.REFERENCE_DATE.isoformat() == "2025-06-30"
