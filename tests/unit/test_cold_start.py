"""A cold start loads what every request needs, not what a few routes and events do: importing
the app leaves the workbook reader, the XML parser, the holiday calendars and the matcher unloaded
(bench/cold_start.py measures what that is worth)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON_DEMAND = ("openpyxl", "defusedxml", "holidays", "rapidfuzz", "cologne_phonetics", "email_validator",
             "phonenumbers", "boto3", "chalicelib.domain.matching", "chalicelib.domain.first_names")


def test_importing_the_app_loads_no_module_only_some_routes_need():
    code = f"import json, sys; import app; print(json.dumps([m for m in {ON_DEMAND!r} if m in sys.modules]))"
    env = {**os.environ, "LEADFLOW_AUTH_MODE": "iam"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
