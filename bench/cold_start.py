"""Cold start: the import time of the app module against a bare Chalice + boto3 app.

    .venv/bin/python -m bench.cold_start [--runs 15] [--from-source] [--heaviest 15]

Each run is a fresh interpreter that times `import app` and nothing else (interpreter start-up is
the same for both and left out). The two apps take turns, run by run, so that a busy machine
slows both alike. The environment is the deployed Lambda's: the prod stage's variables from
.chalice/config.json (LEADFLOW_AUTH_MODE=iam, ...), a region, no credentials and no endpoints.

Bytecode: by default both apps import from compiled bytecode (a warm-up run per app writes it
to a temporary cache, outside the project), which is what an import costs once its code is
compiled. --from-source measures with no bytecode for leadflow's own code (the bare app's one
file is compiled either way; site-packages use their installed caches in both modes).

Goal: the app's median at most 1.5x the bare app's. openpyxl, defusedxml, holidays and the
matcher (domain.matching, its name tables, rapidfuzz, Kölner Phonetik) load when a route or an
event needs them; the run lists which of them the app's import loaded (it should be none). Each
route imports its services and request models with its first request (api/routing.py `lazy`),
each event handler its own: the last row shows what a first POST /leads adds to the import.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5
BARE = "bare Chalice + boto3"
FLOOR = "yardstick: Chalice + PynamoDB + pydantic"
# Routes load their services with their first request (api/routing.py `lazy`): what the first
# POST /leads of a fresh process imports on top of the app, shown so the deferral is not hidden.
FIRST_CREATE = "leadflow + what a first POST /leads loads"
CREATE_MODULES = "app, chalicelib.api.schemas, chalicelib.services.leads"
STAGE = "prod"
# Loaded only by the routes and events that need them (see the module note).
LAZY = ("openpyxl", "defusedxml", "holidays", "rapidfuzz", "cologne_phonetics", "email_validator",
        "phonenumbers", "boto3", "chalicelib.domain.matching", "chalicelib.domain.first_names")

BARE_APP = '''\
"""The smallest Chalice app that uses AWS: what leadflow's import time is compared with."""
import boto3
from chalice import Chalice

app = Chalice(app_name="bare")


@app.route("/")
def index():
    return {"buckets": len(boto3.client("s3").list_buckets()["Buckets"])}
'''

# Not a goal, a yardstick: the libraries every leadflow request uses (routes validate with pydantic,
# everything is stored through PynamoDB), each with one class, and no leadflow code.
FLOOR_APP = '''\
"""Chalice, PynamoDB and pydantic with a model each: what leadflow builds on."""
from chalice import Chalice
from pydantic import BaseModel
from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

app = Chalice(app_name="floor")


class Item(Model):
    class Meta:
        table_name = "items"

    pk = UnicodeAttribute(hash_key=True)


class Body(BaseModel):
    name: str


@app.route("/", methods=["POST"])
def create():
    Item(Body.model_validate(app.current_request.json_body).name).save()
'''

# Run in the child: time the import alone, then say which of the lazy modules it loaded.
TIMER = '''\
import json, sys, time
started = time.perf_counter()
import {module}
seconds = time.perf_counter() - started
print(json.dumps({{"seconds": seconds, "loaded": [m for m in {lazy!r} if m in sys.modules]}}))
'''


def lambda_environment(cache: str | None) -> dict:
    """The deployed function's variables, over a clean copy of ours."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LEADFLOW_", "AWS_", "PYTHON", "POWERTOOLS_"))}
    env.update(config.get("environment_variables", {}))
    env.update(config.get("stages", {}).get(STAGE, {}).get("environment_variables", {}))
    env.update({"AWS_REGION": "eu-central-1", "AWS_DEFAULT_REGION": "eu-central-1"})
    if cache:
        env["PYTHONPYCACHEPREFIX"] = cache
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def import_once(module: str, cwd: Path, env: dict) -> dict:
    code = TIMER.format(module=module, lazy=LAZY)
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"importing {module} in {cwd} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def heaviest(cwd: Path, env: dict, count: int) -> list[tuple[float, str]]:
    """The modules with the largest own import time (python -X importtime), in ms."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app"], cwd=cwd, env=env,
                          capture_output=True, text=True)
    own: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if match := re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line):
            name = match.group(2)
            top = name if name.startswith("chalicelib") else name.split(".")[0]
            own[top] = own.get(top, 0.0) + int(match.group(1)) / 1000
    return sorted(((ms, name) for name, ms in own.items()), reverse=True)[:count]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters per app (default 15)")
    parser.add_argument("--from-source", action="store_true",
                        help="no bytecode cache for leadflow's code (see the module note)")
    parser.add_argument("--heaviest", type=int, default=0,
                        help="also list the N modules with the largest own import time in the app")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="leadflow-cold-") as tmp:
        apps = {BARE: Path(tmp) / "bare", FLOOR: Path(tmp) / "floor", "leadflow": ROOT, FIRST_CREATE: ROOT}
        modules = {FIRST_CREATE: CREATE_MODULES}
        for name, source in ((BARE, BARE_APP), (FLOOR, FLOOR_APP)):
            apps[name].mkdir()
            (apps[name] / "app.py").write_text(source)
        env = lambda_environment(None if args.from_source else str(Path(tmp) / "pycache"))
        for name, cwd in apps.items():
            import_once(modules.get(name, "app"), cwd, env)    # warm-up: bytecode cache, file system cache
        samples: dict[str, list[float]] = {name: [] for name in apps}
        loaded: list[str] = []
        for _ in range(args.runs):
            for name, cwd in apps.items():
                result = import_once(modules.get(name, "app"), cwd, env)
                samples[name].append(result["seconds"])
                if name == "leadflow":
                    loaded = result["loaded"]
        print(f"cold import of the app module: {args.runs} fresh interpreters per app, taking turns; "
              f"environment of the '{STAGE}' stage (LEADFLOW_AUTH_MODE={env.get('LEADFLOW_AUTH_MODE')}); "
              + ("leadflow's code compiled from source" if args.from_source else "from bytecode"))
        median = {name: statistics.median(values) for name, values in samples.items()}
        print(f"{'app':44} {'median':>7} {'p90':>7} {'min':>7} {'/ bare':>7}")
        for name, values in samples.items():
            print(f"{name:44} {ms(median[name]):>7} {ms(percentile(values, 0.9)):>7} {ms(min(values)):>7} "
                  f"{median[name] / median[BARE]:>6.2f}x")
        ratio = median["leadflow"] / median[BARE]
        print(f"ratio leadflow / bare (medians): {ratio:.2f}x   goal <= {GOAL}x   "
              + ("ok" if ratio <= GOAL else "EXCEEDS")
              + f"   (leadflow's own code: {ms(median['leadflow'] - median[FLOOR])} above the yardstick)")
        print("loaded by `import app` of those meant to load on demand "
              f"({', '.join(LAZY)}): {', '.join(loaded) if loaded else 'none'}")
        if args.heaviest:
            print(f"\nthe app's {args.heaviest} heaviest imports (own time, python -X importtime, "
                  "chalicelib by module, the rest by package):")
            for own_ms, name in heaviest(ROOT, env, args.heaviest):
                print(f"  {own_ms:7.1f}ms  {name}")


if __name__ == "__main__":
    main()
