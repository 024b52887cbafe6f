"""requirements.txt is what `chalice package` builds the Lambda zip from, and nothing else: it pins
every package the runtime needs, transitive ones too, at the version constraints.txt (what the tests
run on) pins, and nothing that is not a runtime dependency."""
from packaging.requirements import Requirement

from deploy.package import _normalise, _requirements_closure
from tests.conftest import ROOT


def pins(path) -> dict[str, str]:
    found = {}
    for line in (ROOT / path).read_text().splitlines():
        text = line.split("#")[0].strip()
        if text and not text.startswith("-"):
            requirement = Requirement(text)
            specifiers = list(requirement.specifier)
            found[_normalise(requirement.name)] = (specifiers[0].version if len(specifiers) == 1
                                                   and specifiers[0].operator == "==" else str(requirement.specifier))
    return found


def test_requirements_pin_the_whole_runtime_closure_at_the_tested_versions():
    runtime, constraints = pins("requirements.txt"), pins("constraints.txt")
    closure = _requirements_closure()
    assert sorted(closure - set(runtime)) == [], "runtime dependencies requirements.txt leaves unpinned"
    assert sorted(set(runtime) - closure) == [], "requirements.txt names what the runtime does not need"
    assert {name: version for name, version in runtime.items() if constraints.get(name) != version} == {}
