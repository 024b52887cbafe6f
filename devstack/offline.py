"""The environment for in-process moto (tests and benchmarks): set before any AWS client exists."""
import os


def use_in_process_moto(table_prefix: str) -> None:
    """Fake credentials, a fixed region, local SigV4 verification, no endpoints, own tables."""
    os.environ.update({
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "eu-central-1", "LEADFLOW_REGION": "eu-central-1",
        "LEADFLOW_AUTH_MODE": "local-sigv4", "LEADFLOW_TABLE_PREFIX": table_prefix,
    })
    for name in ("LEADFLOW_DYNAMODB_ENDPOINT", "LEADFLOW_S3_ENDPOINT", "LEADFLOW_SQS_ENDPOINT",
                 "LEADFLOW_KMS_ENDPOINT", "AWS_PROFILE"):
        os.environ.pop(name, None)
