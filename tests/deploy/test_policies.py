"""Least privilege: each function's policy allows every AWS call its real flows make, and no
wildcard without a stated reason.

The flows run through the real handlers on moto while every AWS call is recorded; each call is
then checked against the policy the packaged template gives that function (a tiny evaluator:
action and resource ARN, the KMS encryption-context condition). Remove a table, a prefix, a
queue or the key from deploy/policies.py and this fails; add a wildcard without a reason and the
other test fails.
"""
import contextlib
import datetime as dt
import fnmatch
import json
import os
import re
import time
from urllib.parse import urlsplit

import pytest

from chalicelib.config import get_settings
from deploy.policies import WILDCARD_REASONS
from tests.conftest import ROOT, lead_payload, notify_importer, taken_in_at

FIXTURES = ROOT / "tests" / "fixtures" / "imports"
STACK, ACCOUNT, REGION = "leadflow", "123456789012", "eu-central-1"
FUNCTION_ROLES = {"api": "ApiHandlerRole", "import": "ImportFilesRole", "continue": "ContinueImportsRole",
                  "sweep": "ContinueStalledImportsRole", "escalate": "EscalateOverdueLeadsRole",
                  "retention": "ApplyRetentionRole"}
NOTIFY_TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:leadflow-notify"
CSV = ("Vorname;Nachname;E-Mail;Telefon;PLZ;Ort\n"
       "Paula;Policy;paula.policy@example.at;0664 1112223;1010;Wien\n"
       "Otto;Oops;otto(at)example;12;;\n").encode()

CUSTOMERS = (FIXTURES / "dms-customers.cp1252.csv").read_bytes()


# -- recording ------------------------------------------------------------------------------------

class Recorder:
    def __init__(self):
        self.calls: dict[str, list[tuple[str, str, dict]]] = {}
        self.function: str | None = None

    @contextlib.contextmanager
    def running(self, function: str):
        self.function = function
        try:
            yield
        finally:
            self.function = None

    def add(self, service: str, operation: str, params: dict) -> None:
        if self.function:
            self.calls.setdefault(self.function, []).append((service, operation, params))


@pytest.fixture
def recorder(monkeypatch):
    import botocore.client

    from chalicelib.store import files
    recorder = Recorder()
    original = botocore.client.BaseClient._make_api_call

    def recording(client, operation, params):
        recorder.add(client.meta.service_model.endpoint_prefix, operation, params)
        return original(client, operation, params)
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    # A presigned URL is used by the browser with the signing function's rights: record it as that call.
    for name, operation in (("upload_url", "PutObject"), ("download_url", "GetObject")):
        def presign(key, *args, _original=getattr(files, name), _operation=operation, **kwargs):
            recorder.add("s3", _operation, {"Bucket": get_settings().bucket, "Key": key})
            return _original(key, *args, **kwargs)
        monkeypatch.setattr(files, name, presign)
    return recorder


# -- evaluating -----------------------------------------------------------------------------------

def resolve(value, queue_names: dict[str, str]):
    """Intrinsics as the stack named leadflow resolves them in the test account and region."""
    if isinstance(value, list):
        return [resolve(v, queue_names) for v in value]
    if not isinstance(value, dict):
        return value
    if "Fn::Sub" in value:
        text = value["Fn::Sub"]
        for name, real in {"AWS::Partition": "aws", "AWS::Region": REGION, "AWS::AccountId": ACCOUNT,
                           "AWS::StackName": STACK}.items():
            text = text.replace("${" + name + "}", real)
        return re.sub(r"\$\{(\w+)\}", lambda m: f"/leadflow/{STACK}/log-group-{m.group(1)}", text)
    if "Fn::GetAtt" in value:
        logical_id, attribute = value["Fn::GetAtt"]
        if logical_id in queue_names:
            return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue_names[logical_id]}"
        if logical_id == "WebhookSecretsKey":
            return "WEBHOOK-KEY"
    if value.get("Ref") == "NotifyTopic":
        return NOTIFY_TOPIC
    if "Fn::If" in value:                                         # tracing on: the longer policy
        return resolve(value["Fn::If"][1], queue_names)
    return {k: resolve(v, queue_names) for k, v in value.items()}


def role_statements(template: dict, function: str) -> list[dict]:
    settings = get_settings()
    queue_names = {"ImportQueue": settings.import_queue, "ContinueQueue": settings.continue_queue}
    role = template["Resources"][FUNCTION_ROLES[function]]["Properties"]
    return [resolve(statement, queue_names) for policy in role["Policies"]
            for statement in policy["PolicyDocument"]["Statement"]]


def as_iam(service: str, operation: str, params: dict) -> list[tuple[str, str, dict]]:
    """(action, resource ARN, request context) of one API call, in the deployed names."""
    settings = get_settings()
    table = lambda name: f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{STACK}-" + name.removeprefix(settings.table_prefix)  # noqa: E731
    if service == "dynamodb":
        if operation in ("BatchGetItem", "BatchWriteItem"):
            return [(f"dynamodb:{operation}", table(name), {}) for name in params["RequestItems"]]
        if operation == "TransactWriteItems":
            kinds = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}
            return [(f"dynamodb:{kinds[kind]}", table(body["TableName"]), {})
                    for item in params["TransactItems"] for kind, body in item.items()]
        resource = table(params["TableName"])
        if params.get("IndexName"):
            resource += f"/index/{params['IndexName']}"
        return [(f"dynamodb:{operation}", resource, {})]
    if service == "s3":
        bucket = f"{STACK}-files-{ACCOUNT}-{REGION}" if params["Bucket"] == settings.bucket else params["Bucket"]
        if operation == "ListObjectVersions":
            return [("s3:ListBucketVersions", f"arn:aws:s3:::{bucket}", {"s3:prefix": params.get("Prefix", "")})]
        if operation == "DeleteObjects":          # each object's version: DeleteObjectVersion, else DeleteObject
            return [("s3:DeleteObjectVersion" if o.get("VersionId") else "s3:DeleteObject",
                     f"arn:aws:s3:::{bucket}/{o['Key']}", {}) for o in params["Delete"]["Objects"]]
        action = {"HeadObject": "GetObject"}.get(operation, operation)
        if action == "GetObject" and params.get("VersionId"):            # a version named: its own permission
            action = "GetObjectVersion"
        return [(f"s3:{action}", f"arn:aws:s3:::{bucket}/{params['Key']}", {})]
    if service == "sqs":
        name = params.get("QueueName") or urlsplit(params["QueueUrl"]).path.rsplit("/", 1)[-1]
        return [(f"sqs:{operation}", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}", {})]
    if service == "sns":
        return [(f"sns:{operation}", params["TopicArn"], {})]
    if service == "kms":
        return [(f"kms:{operation}", "WEBHOOK-KEY", {"kms:EncryptionContextKeys": sorted(params.get("EncryptionContext", {}))})]
    raise AssertionError(f"a call the policies do not know: {service}:{operation}")


def allowed(statements: list[dict], action: str, resource: str, context: dict) -> bool:
    for statement in statements:
        if statement.get("Effect") != "Allow":
            continue
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        if not any(fnmatch.fnmatchcase(action, a) for a in actions):
            continue
        if not any(fnmatch.fnmatchcase(resource, r) for r in resources):
            continue
        condition = statement.get("Condition", {})
        if "StringLike" in condition and "s3:prefix" in condition["StringLike"]:
            prefix = context.get("s3:prefix")
            if prefix is None or not any(fnmatch.fnmatchcase(prefix, p) for p in condition["StringLike"]["s3:prefix"]):
                continue
        if "ForAllValues:StringEquals" in condition:
            keys = context.get("kms:EncryptionContextKeys") or []
            wanted = condition["ForAllValues:StringEquals"]["kms:EncryptionContextKeys"]
            if not keys or not set(keys) <= set(wanted):
                continue
        return True
    return False


def refused(template: dict, recorder: Recorder) -> list[str]:
    problems = []
    for function, calls in recorder.calls.items():
        statements = role_statements(template, function)
        for service, operation, params in calls:
            if service == "dynamodb" and "local-access-keys" in json.dumps(params):
                continue                        # make run's SigV4 keys: deployed, API Gateway checks IAM
            for action, resource, context in as_iam(service, operation, params):
                if not allowed(statements, action, resource, context):
                    problems.append(f"{function}: {action} on {resource}")
    return sorted(set(problems))


# -- the flows ------------------------------------------------------------------------------------

def run_every_function(api, chalice_client, bucket, recorder) -> None:
    import boto3

    from chalicelib.domain.webhook_signatures import webhook_headers
    from chalicelib.services.import_events import handle_continuations, sweep_stalled_imports
    from chalicelib.services.imports import continuation
    from chalicelib.store.models import ImportItem
    settings = get_settings()
    sqs = boto3.client("sqs", region_name=REGION)
    for queue in (settings.import_queue, settings.continue_queue):
        sqs.create_queue(QueueName=queue)

    with recorder.running("api"):
        admin = api("admin")          # the product's re-inquiry window: intake reads and writes contact claims
        admin.patch("/tenant", {"version": admin.get("/tenant").json["version"], "reinquiry_days": 30})
        hook = api("admin").post("/integrations", {"name": "site", "format": "generic", "default_source": "Website",
                                                   "default_source_detail": "Kontaktformular"}).json
        # Two senders' leads: Wanda's is erased below, Walter's is left to the retention run.
        for number, first in enumerate(("Wanda", "Walter"), start=1):
            body = json.dumps({"vorname": first, "nachname": "Webhook", "email": f"{first.lower()}@example.at"}).encode()
            delivered = chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers={
                "content-type": "application/json", **webhook_headers(hook["secret"], f"msg_{number}", int(time.time()), body)})
            assert delivered.status_code in (200, 201, 202), delivered.body
        lead = api().post("/leads", lead_payload(last_name="Policy", first_name="Pia", email="pia@example.at")).json
        assert api().get("/leads?q=Policy").status_code == 200
        assert api().patch(f"/leads/{lead['id']}", {"notes": "called back"},
                           headers={"if-match": str(lead["version"])}).status_code in (200, 412, 422)
        token = api().get(f"/leads/{lead['id']}/duplicates").json["check_token"]
        converted = api().post(f"/leads/{lead['id']}/convert", {"decision": "new_customer", "check_token": token,
                                                                "activity": {"type": "call", "due_date": (dt.date.today() + dt.timedelta(days=5)).isoformat()}})
        assert converted.status_code == 201, converted.json
        assert api().post("/imports", {"file_name": "messe.csv"}).status_code in (200, 201)
    for key, body in (("incoming/t1/Messe Policy.csv", CSV), ("incoming/t1/customers/DMS Policy.csv", CUSTOMERS)):
        bucket.put_object(Bucket=settings.bucket, Key=key, Body=body)          # the dealer's upload
        with recorder.running("import"):
            notify_importer(chalice_client, chalice_client.events.generate_s3_event(
                bucket=settings.bucket, key=key.replace(" ", "+")))
    with recorder.running("api"):
        [done] = [i for i in api().get("/imports").json["items"] if i["file"] == "Messe Policy.csv"]
        assert api().get(f"/imports/{done['id']}").json["error_report"]     # the report's download URL
        for subject in ({"email": "wanda@example.at"}, {"email": "pia@example.at"}, {"email": "paula.policy@example.at"}):
            assert api("admin").post("/privacy/access", subject).status_code == 200   # raw payloads, file rows
        for subject in ({"email": "wanda@example.at"}, {"email": "paula.policy@example.at"}):
            # the erasure: every version of a raw payload deleted, a file and its report rewritten
            assert api("admin").post("/privacy/erasure", {**subject, "confirm": True}).status_code == 200
    # The trade-fair list's import (a scan's order is no order: the customer file's was taken at times).
    item = next(i for i in ImportItem.scan() if i.tenant == "t1" and i.file_name == "Messe Policy.csv")
    with recorder.running("continue"):
        handle_continuations([json.dumps(continuation(item, settings.bucket))])
    item.update(actions=[ImportItem.status.set("running"), ImportItem.lease_until.set(0)])
    with recorder.running("sweep"):
        assert sweep_stalled_imports() == 1
    escalate_overdue_leads(api, recorder)
    apply_retention(recorder)


def apply_retention(recorder) -> None:
    """A year and more later every unconverted lead of the flows above is past its retention: the
    webhook's (its raw payload), the file's (its rows and error report), the API's; every raw payload
    and report is past its days. The run erases them all and deletes the objects, every version."""
    import datetime as dt

    from chalicelib.services.retention import apply_retention as run
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=800)
    with recorder.running("retention"):
        report = run(now=later)
    assert report.failures == 0 and report.leads >= 3 and report.objects >= 2, report


def escalate_overdue_leads(api, recorder) -> None:
    """An overdue lead taken through every step, the reassignment by a team's round robin included."""
    import boto3

    from chalicelib.services.escalation import escalate_overdue
    from chalicelib.store import directory
    admin = api("admin")
    admin.patch("/tenant", {"version": admin.get("/tenant").json["version"], "escalation": {"steps": [
        {"action": "remind_assignee", "after_working_days": 0}, {"action": "notify_managers", "after_working_days": 1},
        {"action": "reassign", "after_working_days": 2}]}})
    rules = directory.new_routing_rules("t1")
    rules.data = {"rules": [{"id": "team", "name": "Team", "target": {"kind": "team", "members": ["rep-a", "rep-b"]}}]}
    directory.save_routing_rules(rules)
    with taken_in_at("2025-12-03T10:00:00+01:00"):          # taken in then: overdue since
        lead = api().post("/leads", lead_payload(last_name="Spät", email="spaet@example.at", assignee="rep-a",
                                                 received_at="2025-12-03T10:00:00+01:00")).json
    topic = boto3.client("sns", region_name=REGION).create_topic(Name="leadflow-notify")["TopicArn"]
    assert topic == NOTIFY_TOPIC
    os.environ["LEADFLOW_NOTIFY_TOPIC_ARN"] = topic
    try:
        with recorder.running("escalate"):
            assert escalate_overdue().steps >= 3
    finally:
        del os.environ["LEADFLOW_NOTIFY_TOPIC_ARN"]
    assert api().get(f"/leads/{lead['id']}").json["escalation"]["level"] == 3


def test_each_functions_policy_allows_every_call_its_flows_make(package, api, chalice_client, bucket, recorder):
    run_every_function(api, chalice_client, bucket, recorder)
    assert set(recorder.calls) == {"api", "import", "continue", "sweep", "escalate", "retention"}
    assert {operation for service, operation, _ in recorder.calls["escalate"] if service == "sns"} == {"Publish"}
    assert sum(len(c) for c in recorder.calls.values()) > 50
    assert refused(package["cfn"], recorder) == []


def test_a_policy_without_the_imports_table_would_be_caught(package, api, chalice_client, bucket, recorder):
    run_every_function(api, chalice_client, bucket, recorder)
    template = json.loads(json.dumps(package["cfn"]))
    for policy in template["Resources"]["ContinueStalledImportsRole"]["Properties"]["Policies"]:
        policy["PolicyDocument"]["Statement"] = [s for s in policy["PolicyDocument"]["Statement"]
                                                 if not str(s.get("Sid", "")).startswith("Tables")]
    assert any(problem.startswith("sweep: dynamodb:Scan") for problem in refused(template, recorder))


def test_a_policy_without_reading_an_objects_version_would_be_caught(package, api, chalice_client, bucket, recorder):
    """An import reads the version of its file it was made of: GetObject alone is refused for that."""
    run_every_function(api, chalice_client, bucket, recorder)
    template = json.loads(json.dumps(package["cfn"]))
    for policy in template["Resources"]["ImportFilesRole"]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            if isinstance(statement.get("Action"), list) and "s3:GetObjectVersion" in statement["Action"]:
                statement["Action"] = [a for a in statement["Action"] if a != "s3:GetObjectVersion"]
    assert any(problem.startswith("import: s3:GetObjectVersion") for problem in refused(template, recorder))


def test_a_policy_without_the_topic_would_be_caught(package, api, chalice_client, bucket, recorder):
    run_every_function(api, chalice_client, bucket, recorder)
    template = json.loads(json.dumps(package["cfn"]))
    for policy in template["Resources"]["EscalateOverdueLeadsRole"]["Properties"]["Policies"]:
        policy["PolicyDocument"]["Statement"] = [s for s in policy["PolicyDocument"]["Statement"]
                                                 if s.get("Sid") != "Notify"]
    assert refused(template, recorder) == [f"escalate: sns:Publish on {NOTIFY_TOPIC}"]


# -- wildcards ------------------------------------------------------------------------------------

def unexplained_wildcards(template: dict) -> list[str]:
    found = []
    for name, resource in template["Resources"].items():
        policies = resource.get("Properties", {}).get("Policies", [])
        # (a user pool's Policies are its password policy, no IAM document)
        documents = [p["PolicyDocument"] for p in policies] if isinstance(policies, list) else []
        for key in ("PolicyDocument", "KeyPolicy"):
            if key in resource.get("Properties", {}):
                documents.append(resource["Properties"][key])
        for document in documents:
            for statement in document["Statement"]:
                statement = statement["Fn::If"][1] if "Fn::If" in statement else statement
                text = json.dumps([statement.get("Action"), statement.get("Resource"), statement.get("NotAction")])
                if "*" in text and not WILDCARD_REASONS.get(statement.get("Sid", "")):
                    found.append(f"{name}: {statement.get('Sid', '(no Sid)')}: {text}")
    return found


def test_no_policy_holds_a_wildcard_without_a_reason_beside_it(package):
    assert unexplained_wildcards(package["cfn"]) == []
    roles = [r for r in package["cfn"]["Resources"].values() if r["Type"] == "AWS::IAM::Role"]
    assert len(roles) == 6 + 4 and all(r["Properties"].get("ManagedPolicyArns") is None for r in roles)  # functions, groups
    broken = json.loads(json.dumps(package["cfn"]))
    broken["Resources"]["ImportFilesRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"].append(
        {"Sid": "Everything", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"})
    assert unexplained_wildcards(broken) == [
        'ImportFilesRole: Everything: ["dynamodb:*", "*", null]']


def test_an_import_may_add_to_the_audit_log_and_the_consent_ledger_but_change_or_delete_nothing_in_them(package):
    from deploy.policies import APPEND_ONLY
    for role in ("ImportFilesRole", "ContinueImportsRole"):
        statements = [s for policy in package["cfn"]["Resources"][role]["Properties"]["Policies"]
                      for s in policy["PolicyDocument"]["Statement"] if str(s.get("Sid", "")).startswith("Tables")]
        for table in APPEND_ONLY:
            actions = {a for s in statements for a in s["Action"]
                       if any(f"table/${{AWS::StackName}}-{table}" in r.get("Fn::Sub", "") for r in s["Resource"])}
            assert "dynamodb:PutItem" in actions and not actions & {"dynamodb:UpdateItem", "dynamodb:DeleteItem"}, \
                (role, table, actions)
