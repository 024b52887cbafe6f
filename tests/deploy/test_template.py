"""The packaged template defines what leadflow uses, as the code declares it, and moto can create it."""
import socket
import zipfile

import boto3
import pytest

from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES, ttl_attribute
from deploy.package import LAMBDA_GLIBC, PLACEHOLDER_CODE, highest_glibc, unexpected_entries
from deploy.template import LAMBDA_TIMEOUT_SECONDS, table_logical_id

UNSIGNED_ROUTES = {("get", "/health"), ("head", "/health"), ("get", "/openapi.json"), ("post", "/webhooks/{integration_id}"),
                   # the workspace's static files: the page signs every API call itself
                   ("get", "/"), ("get", "/workspace"), ("get", "/workspace/config.json"), ("get", "/workspace/{name}"),
                   ("get", "/workspace/{folder}/{name}"), ("get", "/workspace/{folder}/{sub}/{name}")}
DEPLOYED_TABLES = {name: model for name, model in ALL_MODELS.items() if name not in LOCAL_ONLY_TABLES}
# What moto 5.2.5's CloudFormation cannot create; tests below check these from the template instead.
NOT_IN_MOTO = {"AWS::ApiGateway::RestApi", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage",
               "AWS::CloudWatch::Alarm", "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient",
               "AWS::Cognito::UserPoolGroup", "AWS::Cognito::IdentityPool",
               "AWS::Cognito::IdentityPoolRoleAttachment"}
# What it accepts but does not create (nor the bucket's notification, nor TTL): read from the template.
SKIPPED_BY_MOTO = {"AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy"}


def resources_of(template: dict, kind: str) -> dict:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def model_schema(model) -> dict:
    """A model's keys and indexes in the shape DescribeTable answers with (HASH first)."""
    schema = model._get_schema()
    hash_first = lambda keys: sorted(((k["AttributeName"], k["KeyType"]) for k in keys), key=lambda k: k[1] != "HASH")  # noqa: E731
    return {
        "keys": hash_first(schema["key_schema"]),
        "indexes": {i["index_name"]: (hash_first(i["key_schema"]), i["projection"]["ProjectionType"],
                                      sorted(i["projection"].get("NonKeyAttributes", [])))
                    for i in schema["global_secondary_indexes"]},
    }


def schema_of(table: dict) -> dict:
    """Keys and indexes of a table as CloudFormation declares it or DescribeTable answers (same names)."""
    return {
        "keys": [(k["AttributeName"], k["KeyType"]) for k in table["KeySchema"]],
        "indexes": {i["IndexName"]: ([(k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]],
                                     i["Projection"]["ProjectionType"], sorted(i["Projection"].get("NonKeyAttributes", [])))
                    for i in table.get("GlobalSecondaryIndexes", [])},
    }


def test_make_package_writes_a_template_cfn_lint_accepts_and_a_zip_of_runtime_dependencies_only(package):
    with zipfile.ZipFile(package["dir"] / "deployment.zip") as archive:
        names = archive.namelist()
    tops = {name.split("/")[0] for name in names}
    assert {"app.py", "chalicelib", "pynamodb", "rapidfuzz", "pydantic", "openpyxl"} <= tops
    assert not tops & {"moto", "pytest", "flask", "chalice_local", "cfnlint", "samtranslator", "pandas", "bench",
                       "tests", "devstack", "deploy"}
    assert unexpected_entries(names) == set()
    # Bytecode for every module: Lambda's /var/task is read-only, a cold start would compile them all.
    assert {"__pycache__/app.cpython-311.pyc", "chalicelib/__pycache__/config.cpython-311.pyc"} <= set(names)
    assert sum(n.endswith(".pyc") for n in names) == sum(n.endswith(".py") for n in names)
    compiled = [n for n in names if n.endswith(".so")]
    assert {n.split("/")[0] for n in compiled} >= {"rapidfuzz", "pydantic_core"}
    assert all(".cpython-311-x86_64-linux-gnu" in n or ".abi3" in n or "/.libs/" in n or ".libs/" in n
               for n in compiled), [n for n in compiled if "x86_64-linux-gnu" not in n][:5]    # Lambda's, not ours
    with zipfile.ZipFile(package["dir"] / "deployment.zip") as archive:
        assert highest_glibc(archive) <= LAMBDA_GLIBC
    assert unexpected_entries([*names, "moto/__init__.py"]) == {"moto"}        # the check can fail


def test_the_template_declares_every_table_and_index_as_the_models_do(package):
    tables = resources_of(package["cfn"], "AWS::DynamoDB::Table")
    assert set(tables) == {table_logical_id(name) for name in DEPLOYED_TABLES}
    for name, model in DEPLOYED_TABLES.items():
        properties = tables[table_logical_id(name)]["Properties"]
        assert schema_of(properties) == model_schema(model), name
        assert properties["BillingMode"] == "PAY_PER_REQUEST"
        assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert properties["DeletionProtectionEnabled"] is True and properties["SSESpecification"]["SSEEnabled"]
        assert "StreamSpecification" not in properties            # no model reads a stream
        ttl = properties.get("TimeToLiveSpecification")
        assert (ttl and ttl["AttributeName"]) == (ttl_attribute(model) or None), name
    assert tables["IdempotencyTable"]["Properties"]["TimeToLiveSpecification"]["AttributeName"] == "expires_at"


def test_every_route_but_health_openapi_and_webhooks_needs_iam_auth(package):
    [api] = resources_of(package["cfn"], "AWS::ApiGateway::RestApi").values()
    body = api["Properties"]["Body"]
    assert body["securityDefinitions"]["sigv4"]["x-amazon-apigateway-authtype"] == "awsSigv4"
    open_routes = {(method, path) for path, methods in body["paths"].items() for method, operation in methods.items()
                   if method != "options" and not operation.get("security")}
    assert open_routes == UNSIGNED_ROUTES
    assert len(body["paths"]) > 20


def test_api_gateway_hands_form_and_xml_bodies_over_byte_for_byte(package):
    """A form posted in Windows-1252, a multipart form or an ADF document in its own encoding would
    be read as UTF-8 text by API Gateway, and spoilt, unless it is a binary media type."""
    [api] = resources_of(package["cfn"], "AWS::ApiGateway::RestApi").values()
    binary = set(api["Properties"]["Body"]["x-amazon-apigateway-binary-media-types"])
    assert {"application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "text/xml"} <= binary
    assert not binary & {"application/json", "application/problem+json", "text/html", "text/plain"}   # answered with


def test_the_bucket_is_private_encrypted_versioned_and_sends_new_files_to_the_import_queue(package):
    bucket = package["cfn"]["Resources"]["FilesBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    expiring = {rule.get("Prefix") for rule in bucket["LifecycleConfiguration"]["Rules"] if "ExpirationInDays" in rule}
    assert {"reports/", "webhooks/"} <= expiring
    assert bucket["CorsConfiguration"]["CorsRules"][0]["AllowedMethods"] == ["PUT"]
    [notification] = bucket["NotificationConfiguration"]["QueueConfigurations"]     # moto drops it: read here
    assert notification["Queue"] == {"Fn::GetAtt": ["ImportQueue", "Arn"]}
    assert notification["Event"] == "s3:ObjectCreated:*"
    assert notification["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "incoming/"}]
    [tls] = resources_of(package["cfn"], "AWS::S3::BucketPolicy").values()
    [deny] = tls["Properties"]["PolicyDocument"]["Statement"]
    assert (deny["Effect"], deny["Condition"]) == ("Deny", {"Bool": {"aws:SecureTransport": "false"}})
    [queue_policy] = resources_of(package["cfn"], "AWS::SQS::QueuePolicy").values()
    [allow] = queue_policy["Properties"]["PolicyDocument"]["Statement"]
    assert allow["Principal"] == {"Service": "s3.amazonaws.com"} and "aws:SourceArn" in allow["Condition"]["ArnEquals"]


def test_each_function_reads_the_stacks_resources_from_its_environment(package):
    functions = resources_of(package["cfn"], "AWS::Lambda::Function")
    assert set(functions) == {"APIHandler", "ImportFiles", "ContinueImports", "ContinueStalledImports",
                              "EscalateOverdueLeads", "ApplyRetention"}
    for name, function in functions.items():
        variables = function["Properties"]["Environment"]["Variables"]
        # Only the escalation sweep may publish, and only it is told the topic.
        assert variables.get("LEADFLOW_NOTIFY_TOPIC_ARN") == (
            {"Ref": "NotifyTopic"} if name == "EscalateOverdueLeads" else None)
        assert variables["LEADFLOW_AUTH_MODE"] == "iam"
        assert variables["LEADFLOW_TABLE_PREFIX"] == {"Fn::Sub": "${AWS::StackName}-"}
        assert variables["LEADFLOW_IMPORT_QUEUE"] == {"Fn::GetAtt": ["ImportQueue", "QueueName"]}
        assert function["Properties"]["TracingConfig"]["Mode"] == {"Fn::If": ["TracingOn", "Active", "PassThrough"]}


def test_the_retention_run_is_scheduled_daily_and_told_the_buckets_lifecycle_bounds(package):
    import json

    from chalicelib.domain.retention import MAX_IMPORT_REPORT_DAYS, MAX_RAW_PAYLOAD_DAYS, RUN_HOUR, RUN_MINUTE
    schedules = [r["Properties"]["ScheduleExpression"] for r in resources_of(package["cfn"], "AWS::Events::Rule").values()
                 if "ApplyRetention" in json.dumps(r["Properties"]["Targets"])]
    assert schedules == [f"cron({RUN_MINUTE} {RUN_HOUR} * * ? *)"]
    variables = package["cfn"]["Resources"]["ApplyRetention"]["Properties"]["Environment"]["Variables"]
    assert variables["LEADFLOW_RAW_PAYLOAD_LIFECYCLE_DAYS"] == {"Ref": "RawPayloadRetentionDays"}
    assert variables["LEADFLOW_REPORT_LIFECYCLE_DAYS"] == {"Ref": "ReportRetentionDays"}
    parameters = package["cfn"]["Parameters"]
    assert parameters["RawPayloadRetentionDays"]["MaxValue"] == MAX_RAW_PAYLOAD_DAYS
    assert parameters["ReportRetentionDays"]["MaxValue"] == MAX_IMPORT_REPORT_DAYS
    rules = {r["Prefix"]: r["ExpirationInDays"] for r in
             package["cfn"]["Resources"]["FilesBucket"]["Properties"]["LifecycleConfiguration"]["Rules"] if "Prefix" in r}
    assert rules["webhooks/"] == {"Ref": "RawPayloadRetentionDays"} and rules["reports/"] == {"Ref": "ReportRetentionDays"}


def test_alarms_watch_dead_letters_5xx_import_failures_and_webhook_signature_failures(package):
    alarms = resources_of(package["cfn"], "AWS::CloudWatch::Alarm")          # moto cannot create alarms
    watched = {(a["Properties"]["Namespace"], a["Properties"]["MetricName"]) for a in alarms.values()}
    assert {("AWS/SQS", "ApproximateNumberOfMessagesVisible"), ("AWS/ApiGateway", "5XXError"),
            ("leadflow", "Imports"), ("leadflow", "WebhookRefusals"), ("AWS/Lambda", "Errors")} <= watched
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == {
            "Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
    assert package["cfn"]["Parameters"]["AlarmTopicArn"]["Type"] == "String"


@pytest.fixture(scope="module")
def moto_server():
    """The local moto server, on a free loopback port, as make run starts it."""
    from moto.server import ThreadedMotoServer
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def creatable_in_moto(template: dict) -> dict:
    """The template without what moto cannot create (API Gateway, Cognito) and what refers to it;
    the API function's environment names the user pool, the client and the identity pool by a
    placeholder instead (tests/deploy/test_sign_in.py reads the Cognito part from the template)."""
    import json
    template = json.loads(json.dumps(template))
    gone = {name for name, r in template["Resources"].items() if r["Type"] in NOT_IN_MOTO}
    gone |= {name for name, r in template["Resources"].items()          # API Gateway's permission to call the API
             if r["Type"] == "AWS::Lambda::Permission" and "RestAPI" in json.dumps(r)}
    gone |= {name for name, r in template["Resources"].items()          # the people's roles: identity pool, API
             if r["Type"] == "AWS::IAM::Role" and "IdentityPool" in json.dumps(r)}
    for name in gone:
        del template["Resources"][name]
    variables = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    for variable, value in variables.items():
        if isinstance(value, dict) and value.get("Ref") in gone:
            variables[variable] = f"moto-has-no-{value['Ref']}"
    template["Resources"]["FilesBucket"]["Properties"]["CorsConfiguration"]["CorsRules"][0]["AllowedOrigins"] = [
        "https://api.example"]
    template["Outputs"] = {k: v for k, v in template["Outputs"].items()
                           if not any(name in json.dumps(v) for name in gone)}
    return template


def test_moto_creates_the_stack_and_its_tables_queues_and_wiring_are_what_leadflow_expects(package, moto_server):
    import json
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="eu-central-1")
    client = lambda service: session.client(service, endpoint_url=moto_server)  # noqa: E731
    template = creatable_in_moto(package["cfn"])
    # What `aws cloudformation package` does: the zip goes to a bucket the template's CodeUri names.
    code_bucket, code_key = PLACEHOLDER_CODE.removeprefix("s3://").split("/", 1)
    client("s3").create_bucket(Bucket=code_bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    client("s3").upload_file(str(package["dir"] / "deployment.zip"), code_bucket, code_key)
    client("cloudformation").create_stack(StackName="leadflow", TemplateBody=json.dumps(template),
                                          Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"])
    stack = client("cloudformation").describe_stacks(StackName="leadflow")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    created = {r["LogicalResourceId"]: r for r in       # moto lists what it skipped without a name
               client("cloudformation").list_stack_resources(StackName="leadflow")["StackResourceSummaries"]
               if r["LogicalResourceId"]}
    assert set(created) == {name for name, r in template["Resources"].items() if r["Type"] not in SKIPPED_BY_MOTO}

    dynamodb = client("dynamodb")
    for name, model in DEPLOYED_TABLES.items():
        table = dynamodb.describe_table(TableName=f"leadflow-{name}")["Table"]
        assert schema_of(table) == model_schema(model), name
        assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        assert "StreamSpecification" not in table or not table["StreamSpecification"].get("StreamEnabled")

    sqs = client("sqs")
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    for queue in ("ImportQueue", "ContinueQueue"):
        attributes = sqs.get_queue_attributes(QueueUrl=created[queue]["PhysicalResourceId"],
                                              AttributeNames=["All"])["Attributes"]
        assert int(attributes["VisibilityTimeout"]) > LAMBDA_TIMEOUT_SECONDS
        redrive = json.loads(attributes["RedrivePolicy"])
        dead_letter = sqs.get_queue_attributes(QueueUrl=created[queue.replace("Queue", "DeadLetterQueue")]["PhysicalResourceId"],
                                               AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        assert redrive["deadLetterTargetArn"] == dead_letter and int(redrive["maxReceiveCount"]) >= 1
    assert outputs["ImportQueueUrl"] == created["ImportQueue"]["PhysicalResourceId"]

    lambda_ = client("lambda")
    mappings = {m["FunctionArn"].rsplit(":", 1)[-1]: m["EventSourceArn"]
                for m in lambda_.list_event_source_mappings()["EventSourceMappings"]}
    import_queue_arn = sqs.get_queue_attributes(QueueUrl=created["ImportQueue"]["PhysicalResourceId"],
                                                AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    assert mappings[created["ImportFiles"]["PhysicalResourceId"]] == import_queue_arn
    importer = lambda_.get_function_configuration(FunctionName=created["ImportFiles"]["PhysicalResourceId"])
    assert importer["Handler"] == "app.import_files" and importer["Timeout"] == LAMBDA_TIMEOUT_SECONDS
    assert importer["Environment"]["Variables"]["LEADFLOW_IMPORT_QUEUE"] == import_queue_arn.rsplit(":", 1)[-1]
    assert client("s3").head_bucket(Bucket=outputs["FilesBucket"])
    assert any(a["AliasName"] == "alias/leadflow-webhooks" for a in client("kms").list_aliases()["Aliases"])
