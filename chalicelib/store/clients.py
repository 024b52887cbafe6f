"""AWS clients built lazily, once per endpoint and region (tests and make run change the endpoints).

boto3 itself is imported with the first client: a cold start that reads and writes only DynamoDB
(PynamoDB talks to botocore directly) does not load it, nor s3transfer with it.
"""
from ..config import get_settings

_clients: dict[tuple, object] = {}


def client(service: str):
    settings = get_settings()
    endpoint = {"s3": settings.s3_endpoint, "sqs": settings.sqs_endpoint, "kms": settings.kms_endpoint,
                "sns": settings.sns_endpoint}[service]
    key = (service, endpoint, settings.region)
    if key not in _clients:
        import boto3

        _clients[key] = boto3.client(service, endpoint_url=endpoint, region_name=settings.region)
    return _clients[key]
