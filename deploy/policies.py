"""Least privilege: one policy per function, naming only the tables, indexes, bucket prefixes,
queues and key that function uses; the roles of people signed in through the user pool may only
invoke the API. tests/deploy/test_policies.py replays real flows and checks every AWS call each
function makes against its policy, and refuses a wildcard that has no reason in WILDCARD_REASONS.
"""
from dataclasses import dataclass, field

from chalicelib.store.models import ALL_MODELS, LOCAL_ONLY_TABLES

BUCKET_NAME = {"Fn::Sub": "${AWS::StackName}-files-${AWS::AccountId}-${AWS::Region}"}

READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"]
WRITE = [*READ, "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]

# Every statement whose action or resource holds a "*" names its reason here (by Sid).
WILDCARD_REASONS = {
    "Logs": "log streams are named by Lambda at run time, one per container; the group is exact",
    "Tracing": "X-Ray has no resource-level permissions: its write actions only take '*'",
    "ImportedFiles": "objects under incoming/: keys are made per tenant and import at run time",
    "UploadUrls": "the presigned PUT of the Import button writes under incoming/ (keys made per upload)",
    "ErrorReports": "objects under reports/: one per import, named at run time",
    "RawPayloads": "objects under webhooks/: one per delivery, named at run time",
    "DenyWithoutTls": "a Deny for everyone and every action that does not use TLS",
    "KeyAdministration": "a key policy: the account administers its key through IAM (AWS's default key policy)",
    "InvokeApi": "every method and route of this API's stage: leadflow's permission table decides per route",
}

ALL_TABLES = [name for name in ALL_MODELS if name not in LOCAL_ONLY_TABLES]
# What an import of leads or of the customer master touches (tests/deploy/test_policies.py replays both);
# idempotency: the contact claims of re-inquiries (store/reinquiries.py) live in that table; consents:
# each new lead's first consent entries (services/consents.py).
IMPORT_TABLES = ["leads", "search", "audit", "tenants", "customers", "match-keys", "imports", "idempotency",
                 "consents"]
# The audit log and the consent ledger only grow: an import adds entries, it changes or deletes none
# (only the erasure and the retention run, which have their own roles, take entries out).
APPEND = [*READ, "dynamodb:PutItem", "dynamodb:BatchWriteItem"]
APPEND_ONLY = ("audit", "consents")
IMPORT_ACCESS = {name: APPEND if name in APPEND_ONLY else WRITE for name in IMPORT_TABLES}


@dataclass(frozen=True)
class Function:
    name: str                    # short name: log group, policy name
    logical_id: str              # the resource chalice package writes
    role: str
    queue: str | None = None     # the queue it consumes (logical id)
    tables: dict[str, list[str]] = field(default_factory=dict)     # table -> actions
    objects: dict[str, tuple[str, list[str]]] = field(default_factory=dict)   # Sid -> (prefix, actions)
    list_bucket: bool = False    # HeadObject tells "gone" (404) from "forbidden" only with ListBucket
    list_versions: tuple[str, ...] = ()     # prefixes whose object versions it lists (ListObjectVersions)
    sends_to: tuple[str, ...] = ()
    publishes_to: tuple[str, ...] = ()      # SNS topics (logical ids)
    kms: bool = False

    @property
    def log_group(self) -> str:
        return f"{self.logical_id}LogGroup"


FUNCTIONS = [
    Function("api", "APIHandler", "ApiHandlerRole",
             tables={name: WRITE for name in ALL_TABLES},
             # the access export (services/privacy.py) reads a person's raw payloads, rows of imported files
             # and report lines; the erasure (services/erasure.py) deletes every version of a raw payload
             # and rewrites a file and its report without the person's rows (older versions deleted); an
             # import's file is read at the version it was made of (GetObjectVersion)
             objects={"UploadUrls": ("incoming/", ["s3:PutObject"]),
                      "ErrorReports": ("reports/", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                                                    "s3:DeleteObjectVersion"]),
                      "RawPayloads": ("webhooks/", ["s3:PutObject", "s3:GetObject", "s3:DeleteObject",
                                                    "s3:DeleteObjectVersion"]),
                      "ImportedFiles": ("incoming/", ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject",
                                                      "s3:DeleteObject", "s3:DeleteObjectVersion"])},
             list_bucket=True, list_versions=("webhooks/", "reports/", "incoming/"), kms=True),
    Function("import", "ImportFiles", "ImportFilesRole", queue="ImportQueue",
             tables=IMPORT_ACCESS,
             objects={"ImportedFiles": ("incoming/", ["s3:GetObject", "s3:GetObjectVersion"]),
                      "ErrorReports": ("reports/", ["s3:PutObject"])},
             list_bucket=True, sends_to=("ContinueQueue",)),
    Function("continue", "ContinueImports", "ContinueImportsRole", queue="ContinueQueue",
             tables=IMPORT_ACCESS,
             objects={"ImportedFiles": ("incoming/", ["s3:GetObject", "s3:GetObjectVersion"]),
                      "ErrorReports": ("reports/", ["s3:PutObject"])},
             list_bucket=True, sends_to=("ContinueQueue",)),
    Function("sweep", "ContinueStalledImports", "ContinueStalledImportsRole",
             tables={"imports": ["dynamodb:Scan"]}, sends_to=("ContinueQueue",)),
    # The escalation sweep: lists tenants, reads overdue leads by index, writes their steps with
    # audit entries (a reassignment takes a round-robin turn), and is the only one that notifies.
    Function("escalate", "EscalateOverdueLeads", "EscalateOverdueLeadsRole",
             tables={"leads": [*READ, "dynamodb:PutItem"], "audit": ["dynamodb:PutItem"],
                     "tenants": [*READ, "dynamodb:UpdateItem"], "principals": READ},
             publishes_to=("NotifyTopic",)),
    # The retention run (services/retention.py): lists tenants, reads old leads by index and erases
    # them through the erasure (services/erasure.py erase_leads: tokens, audit values, consents,
    # idempotency copies, contact claims, raw payloads, import rows and report lines), deletes a
    # tenant's old raw payloads and error reports with every version, keeps where it stopped.
    Function("retention", "ApplyRetention", "ApplyRetentionRole",
             tables={"leads": [*READ, "dynamodb:DeleteItem"], "search": ["dynamodb:DeleteItem"],
                     "audit": [*READ, "dynamodb:PutItem", "dynamodb:BatchWriteItem"],
                     "tenants": [*READ, "dynamodb:PutItem"], "imports": [*READ, "dynamodb:UpdateItem"],
                     "idempotency": [*READ, "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                     "consents": [*READ, "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]},
             objects={"RawPayloads": ("webhooks/", ["s3:GetObject", "s3:DeleteObject", "s3:DeleteObjectVersion"]),
                      "ErrorReports": ("reports/", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                                                    "s3:DeleteObjectVersion"]),
                      "ImportedFiles": ("incoming/", ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject",
                                                      "s3:DeleteObject", "s3:DeleteObjectVersion"])},
             list_bucket=True, list_versions=("webhooks/", "reports/", "incoming/")),
]


def table_arn(name: str) -> dict:
    return {"Fn::Sub": f"arn:${{AWS::Partition}}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/${{AWS::StackName}}-{name}"}


def index_arns(name: str) -> list[dict]:
    indexes = ALL_MODELS[name]._get_schema()["global_secondary_indexes"]
    return [{"Fn::Sub": table_arn(name)["Fn::Sub"] + f"/index/{index['index_name']}"} for index in indexes]


def statements(function: Function) -> list:
    result = []
    by_actions: dict[tuple, list] = {}
    for table, actions in function.tables.items():
        by_actions.setdefault(tuple(actions), []).extend([table_arn(table), *index_arns(table)])
    for number, (actions, resources) in enumerate(by_actions.items(), start=1):
        result.append({"Sid": f"Tables{number}", "Effect": "Allow", "Action": list(actions), "Resource": resources})
    for sid, (prefix, actions) in function.objects.items():
        result.append({"Sid": sid, "Effect": "Allow", "Action": actions,
                       "Resource": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{BUCKET_NAME['Fn::Sub']}/{prefix}*"}})
    if function.list_bucket:
        result.append({"Sid": "FileBucket", "Effect": "Allow", "Action": ["s3:ListBucket"],
                       "Resource": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{BUCKET_NAME['Fn::Sub']}"}})
    if function.list_versions:
        result.append({"Sid": "FileVersions", "Effect": "Allow", "Action": ["s3:ListBucketVersions"],
                       "Resource": {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{BUCKET_NAME['Fn::Sub']}"},
                       "Condition": {"StringLike": {"s3:prefix": [f"{p}*" for p in function.list_versions]}}})
    if function.queue:
        result.append({"Sid": "ConsumeQueue", "Effect": "Allow",
                       "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                       "Resource": {"Fn::GetAtt": [function.queue, "Arn"]}})
    if function.sends_to:
        result.append({"Sid": "SendToQueues", "Effect": "Allow", "Action": ["sqs:GetQueueUrl", "sqs:SendMessage"],
                       "Resource": [{"Fn::GetAtt": [queue, "Arn"]} for queue in function.sends_to]})
    if function.publishes_to:
        result.append({"Sid": "Notify", "Effect": "Allow", "Action": ["sns:Publish"],
                       "Resource": [{"Ref": topic} for topic in function.publishes_to]})
    if function.kms:
        result.append({
            "Sid": "WebhookSecrets", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"],
            "Resource": {"Fn::GetAtt": ["WebhookSecretsKey", "Arn"]},
            # chalicelib/store/secrets.py binds every ciphertext to its tenant and integration.
            "Condition": {"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["tenant", "integration"]},
                          "Null": {"kms:EncryptionContextKeys": "false"}}})
    result.append({"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                   "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
                                           f"${{{function.log_group}}}:log-stream:*"}})
    result.append({"Fn::If": ["TracingOn", {
        "Sid": "Tracing", "Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
        "Resource": "*"}, {"Ref": "AWS::NoValue"}]})
    return result


def deny_without_tls(resources: list, action: str) -> dict:
    return {"Sid": "DenyWithoutTls", "Effect": "Deny", "Principal": "*", "Action": action, "Resource": resources,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def key_administration() -> dict:
    return {"Sid": "KeyAdministration", "Effect": "Allow",
            "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
            "Action": "kms:*", "Resource": "*"}


def signed_in_through(*, identity_pool) -> dict:
    """Trust of a people's group role: only the identity pool's authenticated identities assume it."""
    return {"Sid": "SignedInPeople", "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": identity_pool},
                          "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}


def invoke_api(stage: str) -> dict:
    """Calling this API (its stage), and nothing else."""
    return {"Sid": "InvokeApi", "Effect": "Allow", "Action": "execute-api:Invoke",
            "Resource": {"Fn::Sub": f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{RestAPI}}/{stage}/*"}}
