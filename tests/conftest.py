"""Shared fixtures: moto-backed tables, provisioned tenants, SigV4-signed Chalice test clients."""
import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Before any AWS client exists.
from devstack.offline import use_in_process_moto  # noqa: E402

use_in_process_moto("test-leadflow-")

from moto import mock_aws  # noqa: E402

from devstack.moto_speedups import isolate_writes  # noqa: E402

isolate_writes()

from devstack.provision import provision_tenant  # noqa: E402
from devstack.signing import encode_query, signed_headers  # noqa: E402

TENANT_USERS = {
    "admin": ("admin", "admin"),
    "sales_manager": ("manager", "sales_manager"),
    "sales_rep": ("rep-a", "sales_rep"),
    "sales_rep_2": ("rep-b", "sales_rep"),
    "integration": ("web", "integration"),
    "auditor": ("auditor", "auditor"),
}
ACCOUNTS = ("000000000000", "111122223333")      # the AWS accounts whose principals the test tenants may map
SOURCES = {"Vienna Autoshow": ["Vienna Autoshow 2017", "Vienna Autoshow 2026"], "Website": ["Kontaktformular"]}


class SignedClient:
    """chalice.test.Client that signs every request as one principal, like an AWS SDK would."""

    def __init__(self, client, creds: dict | None, host: str = "localhost"):
        self._client, self.creds, self._host = client, creds, host

    def request(self, method: str, path: str, *, json_body=None, body: bytes | None = None,
                params: dict | None = None, headers: dict | None = None):
        raw = json.dumps(json_body).encode() if json_body is not None else (body or b"")
        query = encode_query(params)
        target = path + ("?" + query if query else "")
        all_headers = {"host": self._host, **({"content-type": "application/json"} if raw else {}),
                       **(headers or {})}
        if self.creds is not None:
            all_headers = signed_headers(method, f"http://{self._host}{target}", self.creds,
                                         body=raw, headers=all_headers)
        response = self._client.http.request(method, target, headers=all_headers, body=raw)
        media = next((v for k, v in response.headers.items() if k.lower() == "content-type"), "")
        response.json = json.loads(response.body) if response.body and "json" in media else None
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json_body=None, **kw):
        return self.request("POST", path, json_body=json_body, **kw)

    def patch(self, path, json_body=None, **kw):
        return self.request("PATCH", path, json_body=json_body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def aws():
    with mock_aws():
        from chalicelib.store.models import create_tables
        create_tables()
        yield


# The test tenants open a lead for every inquiry, as before re-inquiries existed, so that tests
# may send one person's lead again; tests/api/test_reinquiries.py sets the product's window.
TEST_SETTINGS = {"reinquiry_days": 0}


@pytest.fixture
def tenants(aws):
    """Two tenants: a Viennese dealer (t1) and a Bavarian importer (t2), each with every role."""
    return {
        "t1": provision_tenant("t1", name="Autohaus Eins", country="AT", subdivision="9",
                               users=TENANT_USERS, sources=SOURCES, aws_accounts=ACCOUNTS, settings=TEST_SETTINGS),
        "t2": provision_tenant("t2", name="Importeur Zwei", country="DE", subdivision="BY",
                               kind="importer", users=TENANT_USERS, sources=SOURCES, aws_accounts=ACCOUNTS,
                               settings=TEST_SETTINGS),
    }


@pytest.fixture
def bucket(aws):
    """The files bucket (imports, error reports, raw webhook payloads), keeping versions as deployed."""
    import boto3
    s3 = boto3.client("s3", region_name="eu-central-1")
    s3.create_bucket(Bucket="leadflow-files", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    s3.put_bucket_versioning(Bucket="leadflow-files", VersioningConfiguration={"Status": "Enabled"})
    return s3


@pytest.fixture
def chalice_client(aws, monkeypatch):
    import chalice.test
    from chalice.test import Client

    from app import app
    from devstack.local_server import LeadflowGateway
    monkeypatch.setattr(chalice.test, "LambdaContext", ConfiguredLambdaContext)
    monkeypatch.setattr(chalice.test, "LocalGateway", LeadflowGateway)     # what make run serves with
    with Client(app, stage_name="local", project_dir=str(ROOT)) as client:
        yield client


def _lambda_timeouts() -> dict[str, int]:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return {name: f.get("lambda_timeout", 60) for name, f in config.get("lambda_functions", {}).items()}


class ConfiguredLambdaContext:
    """Chalice's test client gives every function 3 seconds, whatever its lambda_timeout says:
    this context counts down from the configured timeout, as Lambda's does."""

    def __new__(cls, function_name: str, memory_size: int, max_runtime_ms: int | None = None, time_source=None):
        from chalice.local import LambdaContext
        runtime = max_runtime_ms or _lambda_timeouts().get(function_name, 60) * 1000
        return LambdaContext(function_name, memory_size, max_runtime_ms=runtime, time_source=time_source)


@pytest.fixture
def api(chalice_client, tenants):
    """api('sales_manager') or api('sales_rep', tenant='t2'): a client signed as that principal."""
    def make(role: str | None = "sales_manager", tenant: str = "t1") -> SignedClient:
        return SignedClient(chalice_client, tenants[tenant][role] if role else None)
    return make


@contextlib.contextmanager
def taken_in_at(moment: dt.datetime | str):
    """Leads posted inside are taken in by the API at `moment`, as a live intake then would take
    them: a deadline counts from the intake when counted from the lead's date it had passed by then
    (domain/deadlines.py deadline_start), so a test of a lead overdue since it was received must
    not take it in today."""
    from chalicelib.services import leads
    moment = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(leads, "_now", lambda: moment)
        yield


def vienna_today() -> dt.date:
    """Today in the test tenant t1's time zone, where absences, due dates and re-inquiry lines
    count days (an hour a night, the machine's UTC date is another day)."""
    from zoneinfo import ZoneInfo
    return dt.datetime.now(ZoneInfo("Europe/Vienna")).date()


def lead_payload(**overrides) -> dict:
    payload = {
        "salutation": "Frau", "first_name": "Anna", "last_name": "Müller",
        "street": "Mariahilfer Straße 12/3/7", "postal_code": "1070", "city": "Wien", "country": "AT",
        "phone": "0664 1234567", "email": "Anna.Mueller@Example.at", "qualification": "hot",
        "source": "Vienna Autoshow", "source_detail": "Vienna Autoshow 2017",
        "vehicle": {"interest": {"make": "Volkswagen", "models": ["Golf", "ID.4"], "test_drive": True}},
        "remark": "Rückruf erwünscht",
    }
    payload.update(overrides)
    return {k: v for k, v in payload.items() if v is not None}


def report_rows(s3, status: dict, bucket: str = "leadflow-files") -> list[list[str]]:
    """An import's error report as rows, fetched at the key its download URL names."""
    import csv
    import io
    from urllib.parse import unquote, urlsplit
    key = unquote(urlsplit(status["error_report"]["url"]).path).lstrip("/").removeprefix(bucket + "/")
    text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def report_codes(s3, status: dict, bucket: str = "leadflow-files") -> list[list[str]]:
    """An import's error report as rows with level and field as its code column gives them (warning,
    email), as a tool reads it: [row, level, field, reason, given, *the file's cells]."""
    header, *lines = report_rows(s3, status, bucket)
    assert header[:6] == ["Zeile", "Stufe", "Feld", "Grund", "Wert wie angegeben", "Code"], header
    return [["row", "level", "field", "reason", "given", *header[6:]]] + [
        [line[0], *line[5].partition(":")[::2], line[3], line[4], *line[6:]] for line in lines]


def drop_file(s3, chalice_client, key: str, body: bytes, bucket: str = "leadflow-files") -> None:
    """Put a file into the bucket and deliver its notification, as S3 does (keys URL-encoded)."""
    from urllib.parse import quote_plus
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=bucket, key=quote_plus(key)))


def notify_importer(chalice_client, *s3_events: dict) -> None:
    """Deliver S3 notifications to the importer as AWS does: each one a message of the import queue."""
    import json
    chalice_client.lambda_.invoke("import_files", chalice_client.events.generate_sqs_event(
        message_bodies=[json.dumps(event) for event in s3_events], queue_name="leadflow-imports"))


def import_of(api, file_name: str) -> dict:
    """The import of a file by its name, as GET /imports/{id} shows it (with the report's URL)."""
    [found] = [i for i in api().get("/imports").json["items"] if i["file"] == file_name]
    return api().get(f"/imports/{found['id']}").json


def webhook_integration(api, fmt: str, **settings) -> dict:
    """An admin's new webhook integration of the given format (its id and secret)."""
    body = {"name": f"{fmt} sender", "format": fmt, "default_source": "Website",
            "default_source_detail": "Kontaktformular", **settings}
    created = api("admin").post("/integrations", body)
    assert created.status_code == 201, created.json
    return created.json
