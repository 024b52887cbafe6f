"""S3 access: the lazily built client, bound to the configured endpoint and region."""
from .clients import client


def s3():
    return client("s3")
