"""Settings, read from the environment when asked for, never at import."""
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    region: str
    dynamodb_endpoint: str | None
    s3_endpoint: str | None
    table_prefix: str
    bucket: str
    auth_mode: str
    max_body_bytes: int
    list_read_budget: int
    sqs_endpoint: str | None = None
    continue_queue: str = "leadflow-import-continue"
    import_queue: str = "leadflow-imports"
    kms_endpoint: str | None = None
    kms_key: str = "alias/leadflow-webhooks"
    cognito_user_pool_id: str | None = None
    cognito_client_id: str | None = None
    cognito_identity_pool_id: str | None = None
    notify_topic_arn: str | None = None
    sns_endpoint: str | None = None
    outbox: str | None = None
    raw_payload_lifecycle_days: int = 90
    report_lifecycle_days: int = 90


def get_settings() -> Settings:
    env = os.environ.get
    return Settings(
        region=env("LEADFLOW_REGION") or env("AWS_REGION") or env("AWS_DEFAULT_REGION") or "eu-central-1",
        dynamodb_endpoint=env("LEADFLOW_DYNAMODB_ENDPOINT") or None,
        s3_endpoint=env("LEADFLOW_S3_ENDPOINT") or None,
        table_prefix=env("LEADFLOW_TABLE_PREFIX", "leadflow-"),
        bucket=env("LEADFLOW_BUCKET", "leadflow-files"),
        # "iam": API Gateway verified the caller (deployed). "local-sigv4": leadflow verifies
        # SigV4 itself against the local demo credentials (make run, tests). Anything else: 401.
        auth_mode=env("LEADFLOW_AUTH_MODE", "iam"),
        max_body_bytes=int(env("LEADFLOW_MAX_BODY_BYTES", "262144")),
        list_read_budget=int(env("LEADFLOW_LIST_READ_BUDGET", "2000")),
        sqs_endpoint=env("LEADFLOW_SQS_ENDPOINT") or None,
        # Where an import that must stop before the Lambda's time runs out asks to be continued.
        continue_queue=env("LEADFLOW_CONTINUE_QUEUE", "leadflow-import-continue"),
        # Where the bucket's notifications of new files wait for the importer.
        import_queue=env("LEADFLOW_IMPORT_QUEUE", "leadflow-imports"),
        kms_endpoint=env("LEADFLOW_KMS_ENDPOINT") or None,
        # The KMS key that encrypts webhook signing secrets (an alias or a key ARN).
        kms_key=env("LEADFLOW_KMS_KEY", "alias/leadflow-webhooks"),
        # Where people sign in to the workspace (deployed: the stack's user pool, its app client
        # and identity pool). Unset: no caller is accepted by a Cognito sign-in.
        cognito_user_pool_id=env("LEADFLOW_COGNITO_USER_POOL_ID") or None,
        cognito_client_id=env("LEADFLOW_COGNITO_CLIENT_ID") or None,
        cognito_identity_pool_id=env("LEADFLOW_COGNITO_IDENTITY_POOL_ID") or None,
        # Where escalation notifications go (services/notify.py): deployed, the stack's SNS topic;
        # under make run, a local outbox file (JSON lines). Neither: a log line only.
        notify_topic_arn=env("LEADFLOW_NOTIFY_TOPIC_ARN") or None,
        sns_endpoint=env("LEADFLOW_SNS_ENDPOINT") or None,
        outbox=env("LEADFLOW_OUTBOX") or None,
        # How long the bucket's lifecycle rules keep raw payloads and error reports (the stack's
        # parameters): a tenant's retention may be shorter, never longer (domain/retention.py).
        raw_payload_lifecycle_days=int(env("LEADFLOW_RAW_PAYLOAD_LIFECYCLE_DAYS", "90")),
        report_lifecycle_days=int(env("LEADFLOW_REPORT_LIFECYCLE_DAYS", "90")),
    )


def demo_tenants_file(credentials) -> Path:
    """Where `make run` keeps the other demo tenants' credentials: beside its credentials file and
    named after it (demo-credentials.json -> demo-tenants.json, /tmp/b3-creds.json ->
    /tmp/b3-creds-tenants.json). One fixed name per folder let two stacks whose credentials share a
    folder overwrite each other's: the sign-in then offered the other stack's importer keys."""
    path = Path(credentials)
    stem = path.name.removesuffix(".json")
    stem = stem.removesuffix("-credentials") if stem.endswith("-credentials") else stem
    return path.with_name(f"{stem}-tenants.json")
