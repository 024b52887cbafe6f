"""The third evaluation world is well-formed: the same set for a seed, ids that exist, the API's field names."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.eval_sets import PERSON_FIELDS
from bench.eval_sets.third_world import build

ROOT = Path(__file__).resolve().parents[2]
DIGEST = ("import hashlib, json; from bench.eval_sets.third_world import build; s = build(2000, 400, {seed}); "
          "print(hashlib.sha256(json.dumps([s.customers, [(l.person, sorted(l.truth), l.scenario, sorted(l.related)) "
          "for l in s.leads]], sort_keys=True).encode()).hexdigest())")


@pytest.fixture(scope="module")
def world():
    return build(3000, 800, seed=1)


def _digest(seed: int, hash_seed: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED=hash_seed)
    done = subprocess.run([sys.executable, "-c", DIGEST.format(seed=seed)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_same_seed_gives_the_same_set_in_any_process_and_another_seed_another():
    assert _digest(1, "0") == _digest(1, "4242") != _digest(2, "0")


def test_every_leads_truth_and_related_ids_are_customers_and_only_new_people_lack_truth(world):
    assert len(world.customers) == 3000 and len(world.leads) == 800
    for lead in world.leads:
        assert lead.truth <= world.customers.keys() and lead.related <= world.customers.keys()
        assert not lead.truth & lead.related
        assert bool(lead.truth) == lead.scenario.startswith("returning_")
    assert world.name == "third_world_3000_800_s1"


def test_every_person_uses_only_the_api_field_names_with_strings_as_typed(world):
    people = list(world.customers.values()) + [lead.person for lead in world.leads]
    assert all(set(person) <= set(PERSON_FIELDS) for person in people)
    assert all(value is None or isinstance(value, str) for person in people for value in person.values())
    json.dumps(people)      # plain data a report can print
