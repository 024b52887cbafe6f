"""`make package STAGE=prod`: the CloudFormation template and the deployment zip, checked.

    python -m deploy.package --stage prod [--out build/prod]

1. writes the merge template (deploy/template.py) to <out>/merge.json;
2. runs `chalice package --merge-template` into <out>: sam.json and deployment.zip;
3. translates the SAM template to plain CloudFormation offline (aws-sam-translator) into
   <out>/checked/cloudformation.json, the form moto and the tests read;
4. lints both with cfn-lint (.cfnlintrc.yaml says which checks are ignored and why);
5. prints the zip's size and refuses a zip that holds anything but the app and requirements.txt.
"""
import argparse
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .template import merge_template

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLACEHOLDER_CODE = "s3://leadflow-deployment/deployment.zip"   # translation needs an S3 CodeUri; deploy sets the real one


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="prod")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = (args.out or ROOT / "build" / args.stage).resolve()
    build(args.stage, out)
    return 0


def build(stage: str, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    merge = out / "merge.json"
    merge.write_text(json.dumps(merge_template(), indent=1))
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-central-1")    # chalice and the translator want one
    _run([str(BIN / "chalice"), "package", "--stage", stage, "--merge-template", str(merge), str(out)])
    sam = json.loads((out / "sam.json").read_text())
    checked = out / "checked"
    checked.mkdir(exist_ok=True)
    (checked / "cloudformation.json").write_text(json.dumps(translate(sam), indent=1))
    for template in (out / "sam.json", checked / "cloudformation.json"):
        _run([str(BIN / "cfn-lint"), "--config-file", str(ROOT / ".cfnlintrc.yaml"), "-t", str(template)])
        print(f"cfn-lint: {template.relative_to(out.parent)}: no errors, no unexplained warnings")
    add_bytecode(out / "deployment.zip")
    report_zip(out / "deployment.zip")
    print(f"template: {out / 'sam.json'} ({(out / 'sam.json').stat().st_size:,} bytes: deploy it through an S3 bucket)")
    return out


def add_bytecode(path: Path) -> None:
    """Compile every module into the zip. Lambda's /var/task is read-only: without .pyc files each
    cold start compiles every module it imports from source, and throws the result away. The
    bytecode is "unchecked-hash" (PEP 552): used as it is, whatever the files' times after unzipping;
    it is made by this Python 3.11, the runtime's version."""
    import compileall
    import py_compile
    import shutil
    import tempfile

    assert sys.version_info[:2] == (3, 11), "the Lambda runtime is python3.11: compile with 3.11"
    with tempfile.TemporaryDirectory() as temp:
        tree = Path(temp) / "tree"
        with zipfile.ZipFile(path) as archive:
            if "__pycache__/app.cpython-311.pyc" in archive.namelist():
                return                                         # compiled here already
            archive.extractall(tree)
            modes = {info.filename: info.external_attr for info in archive.infolist()}
        # chalice copies the working tree's __pycache__ folders (whatever a local run left there,
        # timestamp-checked): none of it goes in, every module is compiled here.
        for cache in sorted(tree.rglob("__pycache__"), reverse=True):
            shutil.rmtree(cache)
        compileall.compile_dir(tree, quiet=1, workers=0,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        rebuilt = Path(temp) / "deployment.zip"
        with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(tree.rglob("*")):
                if file.is_file():
                    name = file.relative_to(tree).as_posix()
                    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.external_attr = modes.get(name, 0o644 << 16)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, file.read_bytes())
        shutil.move(rebuilt, path)


def translate(sam: dict) -> dict:
    """SAM -> plain CloudFormation, offline: no managed policy is looked up (the roles name none)."""
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        def load(self) -> dict:
            return {}

    sam = json.loads(json.dumps(sam))
    for resource in sam["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = PLACEHOLDER_CODE
    return transform(sam, {}, NoManagedPolicies())


LAMBDA_GLIBC = (2, 26)      # the python3.11 runtime (Amazon Linux 2)


def report_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
        glibc = highest_glibc(archive)
    unexpected = sorted(unexpected_entries(names))
    print(f"deployment.zip: {path.stat().st_size / 1e6:.1f} MB ({unpacked / 1e6:.1f} MB unpacked, "
          f"{len(names):,} files); built for the Lambda python3.11 runtime on x86_64 (manylinux wheels), "
          f"compiled modules need glibc {'.'.join(map(str, glibc))} (the runtime has {'.'.join(map(str, LAMBDA_GLIBC))})")
    if unexpected:
        raise SystemExit(f"deployment.zip holds what is not a runtime dependency: {unexpected[:20]}")
    if glibc > LAMBDA_GLIBC:
        raise SystemExit(f"a compiled module in deployment.zip needs glibc {glibc}: Lambda would not load it")


def highest_glibc(archive: zipfile.ZipFile) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any compiled module of the zip asks for."""
    import re
    versions = [(2, 0)]
    for name in archive.namelist():
        if name.endswith(".so") or ".so." in name:
            versions += [tuple(map(int, v)) for v in re.findall(rb"GLIBC_(\d+)\.(\d+)", archive.read(name))]
    return max(versions)


def runtime_top_levels() -> set[str]:
    """The top-level names (packages, modules) that requirements.txt and what it needs install."""
    from importlib import metadata

    wanted = _requirements_closure()
    return {file.parts[0].removesuffix(".py").lower()
            for dist in metadata.distributions() if _normalise(dist.metadata["Name"]) in wanted
            for file in dist.files or [] if file.parts[0] not in ("..", "__pycache__")}


def unexpected_entries(names: list[str]) -> set[str]:
    """Top-level entries of the zip that are neither the app nor a runtime dependency (with its
    .dist-info or .data folder)."""
    allowed = runtime_top_levels() | {"app", "chalicelib", "chalice", "__pycache__"}   # __pycache__: app.py's
    tops = {name.split("/")[0] for name in names}
    return {top for top in tops
            if not top.endswith((".dist-info", ".data")) and top.removesuffix(".py").lower() not in allowed}


def _requirements_closure() -> set[str]:
    from importlib import metadata

    from packaging.requirements import Requirement

    pending = [Requirement(line.split("#")[0].strip()).name for line in (ROOT / "requirements.txt").read_text().splitlines()
               if line.split("#")[0].strip()]
    seen: set[str] = set()
    while pending:
        name = _normalise(pending.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return seen


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, cwd=ROOT)
    if completed.returncode:
        raise SystemExit(f"{Path(command[0]).name} failed ({completed.returncode}): {' '.join(command[1:])}")


if __name__ == "__main__":
    sys.exit(main())
