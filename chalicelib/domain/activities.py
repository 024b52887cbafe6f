"""CRM activities' rules: when an activity a person plans may be due."""
import datetime as dt
from zoneinfo import ZoneInfo


def today_in(timezone: str, now: dt.datetime) -> dt.date:
    """The calendar day it is at `now` in the tenant's time zone (a Vienna dealer's 00:30 is today,
    though UTC still says yesterday)."""
    return now.astimezone(ZoneInfo(timezone)).date()


def past_due_date(due_date: dt.date | None, *, timezone: str, now: dt.datetime) -> str | None:
    """Why a due date a person gives cannot be taken, or None: a day before today in the tenant's
    time zone is a typo or a task already missed. Today itself is fine (due by tonight)."""
    today = today_in(timezone, now)
    if due_date is None or due_date >= today:
        return None
    return f"lies before today ({today.isoformat()} in {timezone}): choose today or a later day"
