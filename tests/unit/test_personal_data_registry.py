"""The registry of personal data (chalicelib/domain/personal_data.py) classifies everything stored:
every attribute of every PynamoDB model, every field of a lead's and a customer's `data`, every S3
key prefix store/keys.py builds; and every S3 object the code writes gets its key from store/keys.py."""
import ast
import inspect
from pathlib import Path

import pytest
from pynamodb.models import Model

from chalicelib.domain import personal_data as registry
from chalicelib.store import models

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chalicelib"
KINDS = {registry.PERSONAL, registry.DERIVED, registry.STAFF, registry.NONE}
ERASURES = {registry.DELETE, registry.ANONYMISE, registry.EXPIRE, registry.KEEP}
# Calls of store/files.py that name an object: their first argument is its key.
FILE_CALLS = {"put", "head", "chunks", "upload_url", "download_url", "read", "delete"}


def stored_models() -> dict[str, type[Model]]:
    """Every model class store/models.py defines, registered in ALL_MODELS or not."""
    return {name: obj for name, obj in vars(models).items()
            if inspect.isclass(obj) and issubclass(obj, Model) and obj is not Model}


def unclassified_attributes(found: dict[str, type[Model]], known: dict) -> list[str]:
    return [f"{name}.{attribute}" for name, model in sorted(found.items())
            for attribute in sorted(model.get_attributes()) if attribute not in known.get(name, {})]


def s3_prefixes(source: str) -> set[str]:
    """The first path segment ("webhooks/") of every S3 key a module's functions return: an f-string
    or string whose leading text has a '/' before any '#' (DynamoDB keys are joined by '#')."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        returned = [node.value]
        while returned:
            value = returned.pop()
            if isinstance(value, ast.IfExp):
                returned += [value.body, value.orelse]
                continue
            lead = None
            if isinstance(value, ast.JoinedStr) and value.values and isinstance(value.values[0], ast.Constant):
                lead = str(value.values[0].value)
            elif isinstance(value, ast.Constant) and isinstance(value.value, str):
                lead = value.value
            if lead and "/" in lead.split("#")[0]:
                found.add(lead.split("/")[0] + "/")
    return found


def keys_spelled_at_the_call(path: Path) -> list[str]:
    """Calls of store/files.py whose key is spelled right there (a string or f-string), not built
    by store/keys.py: a prefix the registry could not see."""
    tree = ast.parse(path.read_text())
    problems = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FILE_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "files" and node.args
                and any(isinstance(n, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(n, "value", ""), str)
                        for n in ast.walk(node.args[0]))):
            problems.append(f"{path.relative_to(ROOT)}:{node.lineno} "
                            f"files.{node.func.attr}({ast.unparse(node.args[0])})")
    return problems


def test_every_attribute_of_every_model_is_classified():
    assert unclassified_attributes(stored_models(), registry.MODELS) == []


def test_the_registry_names_no_model_or_attribute_that_is_gone():
    found = stored_models()
    stale = [f"{name}.{attribute}" for name, attributes in registry.MODELS.items() for attribute in attributes
             if name not in found or attribute not in found[name].get_attributes()]
    assert stale == []


def test_every_model_of_a_table_is_known_to_the_tables():
    """A model store/models.py defines but creates no table for would escape the erasure's sweep."""
    tabled = {m.__name__ for m in models.ALL_MODELS.values()} | {m.__name__ for _, m in models.SHARING_MODELS}
    assert set(stored_models()) == tabled


def test_every_field_of_a_leads_data_is_classified():
    from chalicelib.domain.lead import LeadInput
    from chalicelib.services.intake import TOP_LEVEL
    assert set(LeadInput.model_fields) - set(TOP_LEVEL) == set(registry.LEAD_DATA)


def test_every_field_of_a_customers_data_and_an_activitys_person_is_classified():
    from chalicelib.domain.person import PERSON_FIELDS
    from chalicelib.services.customers import CustomerInput
    assert set(CustomerInput.model_fields) == set(registry.CUSTOMER_DATA) == set(PERSON_FIELDS)


def test_every_s3_prefix_store_keys_builds_is_classified():
    prefixes = s3_prefixes((PACKAGE / "store" / "keys.py").read_text())
    assert prefixes >= {"webhooks/", "incoming/", "reports/"}       # the finder finds what is there
    assert prefixes - set(registry.S3_PREFIXES) == set()
    assert set(registry.S3_PREFIXES) - prefixes == set()             # none stale


def test_every_s3_object_the_code_names_has_its_key_from_store_keys():
    found = [p for path in sorted(PACKAGE.rglob("*.py")) if path.name != "keys.py"
             for p in keys_spelled_at_the_call(path)]
    assert found == []


def test_only_store_files_talks_to_s3():
    """Another store module building its own S3 client could write under any prefix."""
    found = [str(path.relative_to(ROOT)) for path in sorted((PACKAGE / "store").glob("*.py"))
             if path.name not in ("files.py", "clients.py") and '"s3"' in path.read_text()]
    assert found == []


@pytest.mark.parametrize("table", [registry.MODELS, {"data": registry.LEAD_DATA},
                                   {"data": registry.CUSTOMER_DATA}, {"s3": registry.S3_PREFIXES}])
def test_each_treatment_says_a_known_kind_and_erasure(table):
    for attributes in table.values():
        for name, t in attributes.items():
            assert t.kind in KINDS and t.erasure in ERASURES, name
            assert t.kind != registry.PERSONAL or t.erasure != registry.KEEP or name == "vehicle", \
                f"{name}: personal data is erased, anonymised or expires"
            assert t.kind != registry.DERIVED or not t.export, f"{name}: derived data is not exported"


def test_the_checks_find_what_they_look_for(tmp_path):
    """Each check flags what it is there for (else the tests above could never fail)."""
    class NewItem(Model):
        class Meta:
            table_name = "new"
        from pynamodb.attributes import UnicodeAttribute
        pk = UnicodeAttribute(hash_key=True)
        email = UnicodeAttribute()

    assert unclassified_attributes({"NewItem": NewItem}, {"NewItem": {"pk": registry.ID}}) == ["NewItem.email"]
    assert s3_prefixes('def export_key(t, i):\n    return f"exports/{t}/{i}.json"\n') == {"exports/"}
    assert s3_prefixes('def lead_pk(t, i):\n    return f"{t}#{i}"\n') == set()
    bad = tmp_path / "bad.py"
    bad.write_text("def f(files, t):\n    files.put(f'exports/{t}.json', b'')\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert keys_spelled_at_the_call(bad)
    finally:
        ROOT = saved
