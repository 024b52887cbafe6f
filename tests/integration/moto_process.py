"""A moto server in its own process (with DynamoDB's write isolation, devstack.moto_speedups)
that the race tests' threads call through the services, as concurrent Lambda invocations would."""
import os
import socket
import subprocess
import sys
from contextlib import contextmanager

from tests.conftest import ROOT, SOURCES, TENANT_USERS

NAMES = ("LEADFLOW_DYNAMODB_ENDPOINT", "LEADFLOW_S3_ENDPOINT", "LEADFLOW_KMS_ENDPOINT", "LEADFLOW_TABLE_PREFIX")


@contextmanager
def moto_process(table_prefix: str, **tenant_settings):
    """Tables created and tenant t1 provisioned on a fresh server; the environment restored after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "devstack.moto_server", str(port)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    saved = {k: os.environ.get(k) for k in NAMES}
    for name in NAMES[:3]:
        os.environ[name] = f"http://127.0.0.1:{port}"
    os.environ["LEADFLOW_TABLE_PREFIX"] = table_prefix
    try:
        from chalicelib.store.models import create_tables
        from devstack.provision import provision_tenant
        create_tables()
        provision_tenant("t1", name="Race", users=TENANT_USERS, sources=SOURCES, settings=tenant_settings)
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        proc.stdin.close()
        proc.wait(10)
