"""SQS access: the queue an import that ran out of time asks to be continued from."""
import json

import boto3

from ..config import get_settings

_client = None
_bound_to = None


def sqs():
    global _client, _bound_to
    settings = get_settings()
    target = (settings.sqs_endpoint, settings.region)
    if _client is None or _bound_to != target:
        _client = boto3.client("sqs", endpoint_url=settings.sqs_endpoint, region_name=settings.region)
        _bound_to = target
    return _client


def send_continuation(message: dict, *, delay_seconds: int = 0) -> None:
    """Ask for a new invocation to go on with an import (SQS allows a delay of up to 15 minutes)."""
    queue_url = sqs().get_queue_url(QueueName=get_settings().continue_queue)["QueueUrl"]
    sqs().send_message(QueueUrl=queue_url, MessageBody=json.dumps(message),
                       DelaySeconds=max(0, min(900, delay_seconds)))
