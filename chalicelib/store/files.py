"""S3 access: the lazily built client, bound to the configured endpoint and region."""
import boto3

from ..config import get_settings

_client = None
_bound_to = None


def s3():
    global _client, _bound_to
    settings = get_settings()
    target = (settings.s3_endpoint, settings.region)
    if _client is None or _bound_to != target:
        _client = boto3.client("s3", endpoint_url=settings.s3_endpoint, region_name=settings.region)
        _bound_to = target
    return _client
