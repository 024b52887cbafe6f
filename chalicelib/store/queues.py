"""SQS access: the queue an import that ran out of time asks to be continued from."""
import json

from ..config import get_settings
from .clients import client


def sqs():
    return client("sqs")


def send_continuation(message: dict, *, delay_seconds: int = 0) -> None:
    """Ask for a new invocation to go on with an import (SQS allows a delay of up to 15 minutes)."""
    queue_url = sqs().get_queue_url(QueueName=get_settings().continue_queue)["QueueUrl"]
    sqs().send_message(QueueUrl=queue_url, MessageBody=json.dumps(message),
                       DelaySeconds=max(0, min(900, delay_seconds)))
