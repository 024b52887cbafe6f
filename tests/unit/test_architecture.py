"""The house rules, checked on the source: store/ is the only package that talks to AWS, calls a
model's storage methods or spells a key; the domain imports nothing of AWS, Chalice or the store."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chalicelib"
AWS_PACKAGES = ("pynamodb", "boto3", "botocore")
STORAGE_METHODS = {"get", "save", "query", "scan", "update", "delete", "batch_get", "batch_write", "refresh",
                   "exists", "count", "create_table", "delete_table"}
# Objects of the store that collect writes for one transaction; services may add to them.
STORE_WRITE_CLASSES = {"MasterWrite", "Transaction"}


def _modules(*, outside: str) -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if outside not in p.relative_to(PACKAGE).parts)


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _imports(tree: ast.AST) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import, relative ones resolved against chalicelib."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = "chalicelib." + module if node.level == 2 else module
            found.append((node.lineno, module, [a.asname or a.name for a in node.names]))
    return found


def aws_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [f"{_relative(path)}:{line} imports {module}" for line, module, _ in _imports(tree)
            if module.split(".")[0] in AWS_PACKAGES]


def model_uses(path: Path) -> list[str]:
    """Names imported from store.models used for anything but a type annotation."""
    tree = ast.parse(path.read_text())
    models = {n for _, module, names in _imports(tree) if module.endswith("store.models") for n in names}
    annotations = set()
    for node in ast.walk(tree):
        for annotation in _annotations_of(node):
            annotations |= {id(n) for n in ast.walk(annotation)}
    return [f"{_relative(path)}:{node.lineno} uses the model {node.id}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id in models and id(node) not in annotations]


def _annotations_of(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args.args + node.args.kwonlyargs + node.args.posonlyargs
        return [a.annotation for a in args if a.annotation] + ([node.returns] if node.returns else [])
    if isinstance(node, ast.AnnAssign):
        return [node.annotation]
    return []


def storage_calls(path: Path) -> list[str]:
    """Calls of a storage method (save, get, query, ...) on anything but a store write collector."""
    tree = ast.parse(path.read_text())
    problems = []
    for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        collectors = {a.arg for a in function.args.args + function.args.kwonlyargs
                      if a.annotation is not None and any(c in ast.unparse(a.annotation) for c in STORE_WRITE_CLASSES)}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and any(
                    ast.unparse(node.value.func).endswith(c) for c in STORE_WRITE_CLASSES):
                collectors |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(function):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in STORAGE_METHODS - {"get", "update", "delete", "count"}
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in collectors)):
                problems.append(f"{_relative(path)}:{node.lineno} calls .{node.func.attr}() of "
                                f"{ast.unparse(node.func.value)}")
    return problems


def spelled_keys(path: Path) -> list[str]:
    """f-strings that join values with '#', the separator of every DynamoDB key of leadflow."""
    tree = ast.parse(path.read_text())
    return [f"{_relative(path)}:{node.lineno} spells a key: {ast.unparse(node)}"
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values)
            and any(isinstance(v, ast.Constant) and "#" in str(v.value) for v in node.values)]


OUTSIDE_STORE = _modules(outside="store")


@pytest.mark.parametrize("check", [aws_imports, model_uses, storage_calls, spelled_keys],
                         ids=lambda c: c.__name__)
def test_only_the_store_talks_to_aws_touches_models_or_spells_keys(check):
    found = [problem for path in OUTSIDE_STORE for problem in check(path)]
    assert found == []


def test_the_domain_imports_nothing_of_aws_chalice_or_the_store():
    found = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for line, module, _ in _imports(ast.parse(path.read_text())):
            if module.split(".")[0] in (*AWS_PACKAGES, "chalice") or ".store" in module or ".services" in module \
                    or ".api" in module:
                found.append(f"{_relative(path)}:{line} imports {module}")
    assert found == []


def test_the_checks_find_what_they_look_for(tmp_path):
    """Each check flags a module that breaks its rule (else the test above could never fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import boto3\n"
        "from ..store.models import LeadItem\n"
        "def f(tenant, lead_id, item):\n"
        "    LeadItem.get(lead_id)\n"
        "    item.save()\n"
        "    return f'{tenant}#{lead_id}'\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert aws_imports(bad) and model_uses(bad) and storage_calls(bad) and spelled_keys(bad)
    finally:
        ROOT = saved
