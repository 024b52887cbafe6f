"""Notifications to the people who work leads, through a pluggable channel: the stack's SNS topic
when deployed (its subscriptions decide e-mail, chat or a queue), a local outbox file under make
run, a log line always.

A message names the lead by its id and link, its qualification and deadline, the step and who it
is for (user ids): never the prospect's name, e-mail, phone or anything else the lead holds. The
reader follows the link, where leadflow checks what they may see.
"""
from typing import Protocol

from ..config import get_settings
from ..observability import get_logger
from ..store import notifications

# What a message may carry, and nothing else (tests/api/test_escalation.py holds it so).
MESSAGE_FIELDS = ("kind", "tenant", "lead_id", "link", "qualification", "due_at", "step", "action", "to", "at")


class Channel(Protocol):
    def send(self, message: dict) -> None: ...


class TopicChannel:
    """Deployed: one SNS message per notification (LEADFLOW_NOTIFY_TOPIC_ARN)."""

    def __init__(self, topic_arn: str):
        self.topic_arn = topic_arn

    def send(self, message: dict) -> None:
        notifications.publish(self.topic_arn, message, subject=subject(message))
        _log(message, "sns")


class OutboxChannel:
    """make run: one JSON line per notification in a local file (LEADFLOW_OUTBOX)."""

    def __init__(self, path: str):
        self.path = path

    def send(self, message: dict) -> None:
        notifications.append_to_outbox(self.path, message)
        _log(message, "outbox")


class LogChannel:
    """Nowhere configured: the log line alone."""

    def send(self, message: dict) -> None:
        _log(message, "log")


def default_channel() -> Channel:
    settings = get_settings()
    if settings.notify_topic_arn:
        return TopicChannel(settings.notify_topic_arn)
    if settings.outbox:
        return OutboxChannel(settings.outbox)
    return LogChannel()


def escalation_message(*, tenant: str, lead_id: str, qualification: str, due_at: str, step: int, action: str,
                       to: list[str], at: str) -> dict:
    """The one shape of an escalation notification (MESSAGE_FIELDS)."""
    message = {"kind": "lead.escalation", "tenant": tenant, "lead_id": lead_id, "link": f"/leads/{lead_id}",
               "qualification": qualification, "due_at": due_at, "step": step, "action": action,
               "to": sorted(to), "at": at}
    return message


SUBJECTS = {"remind_assignee": "overdue lead: please contact the prospect",
            "notify_managers": "overdue lead: no first contact yet",
            "reassign": "overdue lead reassigned to you"}


def subject(message: dict) -> str:
    return f"leadflow: {message['qualification']} {SUBJECTS.get(message['action'], 'lead escalated')}"


def _log(message: dict, channel: str) -> None:
    get_logger().info("notification", extra={"channel": channel, **{k: message[k] for k in (
        "tenant", "lead_id", "qualification", "due_at", "step", "action", "to")}})
