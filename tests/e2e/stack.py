"""The `make run` stack as a fixture: started as a user starts it, called over HTTP on 127.0.0.1."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from chalicelib.config import demo_tenants_file
from devstack.signing import encode_query, signed_headers
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    api_port, moto_port = free_port(), free_port()
    creds_file = tmp_path_factory.mktemp("e2e") / "demo-credentials.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEADFLOW_", "AWS_"))}
    hooks_file = creds_file.parent / "demo-webhooks.json"
    env.update(LEADFLOW_PORT=str(api_port), LEADFLOW_MOTO_PORT=str(moto_port),
               LEADFLOW_CREDENTIALS_FILE=str(creds_file), LEADFLOW_WEBHOOKS_FILE=str(hooks_file),
               PYTHONUNBUFFERED="1")
    log_file = tmp_path_factory.mktemp("e2e-log") / "stack.log"
    log = open(log_file, "w+")
    proc = subprocess.Popen([sys.executable, "devstack/run.py"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{api_port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"make run stack exited early:\n{log.read()}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the stack did not answer /health within 90 s")
    creds = json.loads(creds_file.read_text())
    others = demo_tenants_file(creds_file)          # the demo importer and its second dealer
    if others.exists():
        creds.update({f"{tenant}:{role}": c for tenant, roles in json.loads(others.read_text()).items()
                      for role, c in roles.items()})
    yield {"base": base, "creds": creds, "proc": proc, "log": log,
           "log_file": log_file, "moto": f"http://127.0.0.1:{moto_port}",
           "webhooks": json.loads(hooks_file.read_text())}
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def call(stack, role, method, path, body=None, params=None, headers=None, sign=True):
    url = stack["base"] + path + ("?" + encode_query(params) if params else "")
    raw = json.dumps(body).encode() if body is not None else b""
    all_headers = {**({"content-type": "application/json"} if raw else {}), **(headers or {})}
    if sign:
        all_headers = signed_headers(method, url, stack["creds"][role], body=raw, headers=all_headers)
    request = urllib.request.Request(url, data=raw or None, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode() or "null"), dict(exc.headers)


