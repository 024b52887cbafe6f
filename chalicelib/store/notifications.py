"""Where notifications leave leadflow: an SNS topic (deployed) or a local outbox file (make run)."""
import json
import threading
from pathlib import Path

from .clients import client

_outbox_lock = threading.Lock()


def publish(topic_arn: str, message: dict, *, subject: str) -> str:
    """Publish one message to the topic (its subscribers fan it out: e-mail, a queue, a chat hook);
    its attributes let a subscription filter by tenant and action. Returns SNS's message id."""
    attributes = {name: {"DataType": "String", "StringValue": str(message[name])}
                  for name in ("tenant", "action") if message.get(name)}
    answer = client("sns").publish(TopicArn=topic_arn, Message=json.dumps(message, sort_keys=True),
                                   Subject=subject[:100], MessageAttributes=attributes)
    return answer["MessageId"]


def append_to_outbox(path: str, message: dict) -> None:
    """Append one message as a JSON line (sweeps of several threads write whole lines)."""
    target = Path(path)
    line = json.dumps(message, sort_keys=True, ensure_ascii=False) + "\n"
    with _outbox_lock:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as outbox:
            outbox.write(line)
