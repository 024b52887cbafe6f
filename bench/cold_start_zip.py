"""Cold start of the packaged app: `import app` from the unzipped deployment.zip, as Lambda runs it.

    .venv/bin/python -m bench.cold_start_zip [--zip build/prod/deployment.zip] [--runs 11]

Lambda unzips the package into a read-only /var/task: what the zip does not hold as bytecode,
every cold start compiles from source and throws away. make package adds unchecked-hash .pyc
files (deploy/package.py); this bench times a fresh interpreter importing the app from the
unzipped package with that bytecode and with it removed, taking turns run by run, with only the
package on sys.path (-S: no site-packages) and the deployed environment.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "import sys, time; sys.path.insert(0, '.'); t = time.perf_counter(); import app; print(time.perf_counter() - t)"
ENV = {"PATH": "/usr/bin:/bin", "LEADFLOW_AUTH_MODE": "iam", "AWS_DEFAULT_REGION": "eu-central-1",
       "AWS_REGION": "eu-central-1", "PYTHONDONTWRITEBYTECODE": "1", "POWERTOOLS_SERVICE_NAME": "leadflow"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, default=ROOT / "build" / "prod" / "deployment.zip")
    parser.add_argument("--runs", type=int, default=11)
    opts = parser.parse_args(argv)
    if not opts.zip.exists():
        sys.exit(f"{opts.zip} is missing: run `make package STAGE=prod` first")
    with tempfile.TemporaryDirectory() as temp:
        trees = {"with bytecode (as packaged)": Path(temp) / "bytecode", "sources only": Path(temp) / "sources"}
        for tree in trees.values():
            with zipfile.ZipFile(opts.zip) as archive:
                archive.extractall(tree)
        for pyc in trees["sources only"].rglob("*.pyc"):
            pyc.unlink()
        if not any(trees["with bytecode (as packaged)"].rglob("*.pyc")):
            print("note: this zip holds no bytecode (made before make package compiled it)")
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(opts.runs):
            for name, tree in trees.items():
                out = subprocess.run([sys.executable, "-S", "-c", PROBE], cwd=tree, env=ENV,
                                     capture_output=True, text=True, check=True).stdout
                times[name].append(float(out.strip().splitlines()[-1]))
    print(f"cold `import app` from the unzipped {opts.zip.name} ({opts.runs} fresh interpreters each)")
    print(f"{'':32} {'median':>8} {'min':>8}")
    for name, values in times.items():
        print(f"{name:32} {statistics.median(values) * 1000:>6.0f}ms {min(values) * 1000:>6.0f}ms")
    ratio = statistics.median(times["sources only"]) / statistics.median(times["with bytecode (as packaged)"])
    print(f"compiling at every cold start would cost {ratio:.1f}x the packaged import")
    return 0


if __name__ == "__main__":
    sys.exit(main())
