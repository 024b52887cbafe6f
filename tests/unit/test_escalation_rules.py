"""Escalation steps in working days (weekends and the tenant's holidays off), the settings' rules,
and whether a deadline was met: the domain alone, no AWS."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.deadlines import deadline_met, due_at
from chalicelib.domain.escalation import (
    Calendar, EscalationSettings, due_steps, needs_follow_up, settings_of, step_time, view_of,
)
from chalicelib.errors import InvalidInputError
from chalicelib.validation import validate

VIENNA = Calendar("AT", "9", ("public",), "Europe/Vienna")
BAVARIA = Calendar("DE", "BY", ("public", "catholic"), "Europe/Berlin")
ALL_ON = settings_of({"steps": [{"action": "remind_assignee", "after_working_days": 0},
                                {"action": "notify_managers", "after_working_days": 1},
                                {"action": "reassign", "after_working_days": 2}]})


def local(zone: str, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(zone))


def actions(calendar: Calendar, due: dt.datetime, now: dt.datetime, done=frozenset(), settings=ALL_ON) -> list[str]:
    return [s.action for s in due_steps(settings, due_at=due, done=set(done), now=now, calendar=calendar)]


def test_a_hot_lead_due_on_friday_in_vienna_reaches_the_managers_only_after_the_weekend_and_the_8th_of_december():
    received = local("Europe/Vienna", 2025, 12, 3, 10, 0)              # Wednesday
    due = due_at(received, "hot", country="AT", subdivision="9")
    assert due == local("Europe/Vienna", 2025, 12, 5, 23, 59, 59)       # Friday
    # Monday 8 December (Immaculate Conception) is a public holiday in Austria: Tuesday, then Wednesday.
    assert step_time(due, 1, VIENNA) == local("Europe/Vienna", 2025, 12, 9, 23, 59, 59)
    assert step_time(due, 2, VIENNA) == local("Europe/Vienna", 2025, 12, 10, 23, 59, 59)
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 5, 23, 0)) == []
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 6, 0, 30)) == ["remind_assignee"]
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 9, 12, 0), done={"remind_assignee"}) == []
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 10, 0, 30),
                   done={"remind_assignee"}) == ["notify_managers"]
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 11, 0, 30),
                   done={"remind_assignee", "notify_managers"}) == ["reassign"]


def test_in_bavaria_assumption_day_and_the_weekend_delay_the_managers_notice_to_monday():
    received = local("Europe/Berlin", 2025, 8, 12, 9, 0)                # Tuesday
    due = due_at(received, "hot", country="DE", subdivision="BY")
    assert due == local("Europe/Berlin", 2025, 8, 14, 23, 59, 59)       # Thursday
    # Friday 15 August is off in Bavaria (catholic category), then the weekend: Monday the 18th.
    assert step_time(due, 1, BAVARIA) == local("Europe/Berlin", 2025, 8, 18, 23, 59, 59)
    assert actions(BAVARIA, due, local("Europe/Berlin", 2025, 8, 16, 12, 0),
                   done={"remind_assignee"}) == []
    assert actions(BAVARIA, due, local("Europe/Berlin", 2025, 8, 19, 0, 30),
                   done={"remind_assignee"}) == ["notify_managers"]
    # Without the catholic category (Berlin rules, say), Friday would count.
    berlin_rules = Calendar("DE", "BY", ("public",), "Europe/Berlin")
    assert step_time(due, 1, berlin_rules) == local("Europe/Berlin", 2025, 8, 15, 23, 59, 59)


def test_steps_whose_time_came_together_are_all_due_at_once_in_their_order():
    due = local("Europe/Vienna", 2025, 12, 5, 23, 59, 59)
    assert actions(VIENNA, due, local("Europe/Vienna", 2025, 12, 20, 9, 0)) == [
        "remind_assignee", "notify_managers", "reassign"]


def test_a_disabled_step_never_comes_due_and_the_default_leaves_reassignment_off():
    due = local("Europe/Vienna", 2025, 12, 5, 23, 59, 59)
    defaults = settings_of(None)
    assert [(s.action, s.after_working_days, s.enabled) for s in defaults.steps] == [
        ("remind_assignee", 0, True), ("notify_managers", 1, True), ("reassign", 2, False)]
    assert actions(VIENNA, due, local("Europe/Vienna", 2026, 1, 30, 9, 0), settings=defaults) == [
        "remind_assignee", "notify_managers"]


@pytest.mark.parametrize("steps, message", [
    ([{"action": "remind_assignee", "after_working_days": 0}, {"action": "remind_assignee", "after_working_days": 1}],
     "each action may be a step once"),
    ([{"action": "notify_managers", "after_working_days": 2}, {"action": "remind_assignee", "after_working_days": 1}],
     "no earlier than the one before"),
])
def test_settings_refuse_an_action_twice_and_steps_out_of_order(steps, message):
    with pytest.raises(InvalidInputError) as caught:
        validate(EscalationSettings, {"steps": steps})
    assert message in caught.value.errors[0]["message"]


def test_only_an_open_lead_past_its_deadline_without_a_first_contact_needs_follow_up():
    past, now = "2025-12-05T22:59:59.000000Z", "2025-12-06T08:00:00.000000Z"
    assert needs_follow_up(status="open", due_at=past, first_contact_at=None, now_iso=now)
    assert not needs_follow_up(status="converted", due_at=past, first_contact_at=None, now_iso=now)
    assert not needs_follow_up(status="closed", due_at=past, first_contact_at=None, now_iso=now)
    assert not needs_follow_up(status="open", due_at=past, first_contact_at=past, now_iso=now)
    assert not needs_follow_up(status="open", due_at=None, first_contact_at=None, now_iso=now)       # junk
    assert not needs_follow_up(status="open", due_at="2025-12-07T22:59:59.000000Z", first_contact_at=None,
                               now_iso=now)


def test_the_deadline_is_met_by_a_first_contact_at_or_before_it_and_missed_once_it_passes_without_one():
    due = "2025-12-05T22:59:59.000000Z"
    assert deadline_met(due, "2025-12-05T22:59:59.000000Z", "2026-01-01T00:00:00.000000Z") is True
    assert deadline_met(due, "2025-12-06T07:00:00.000000Z", "2026-01-01T00:00:00.000000Z") is False
    assert deadline_met(due, None, "2025-12-05T12:00:00.000000Z") is None            # still time
    assert deadline_met(due, None, "2025-12-06T00:00:00.000000Z") is False
    assert deadline_met(None, "2025-12-06T07:00:00.000000Z", "2026-01-01T00:00:00.000000Z") is None   # junk


def test_a_lead_shows_the_level_its_escalation_reached():
    assert view_of(None) is None and view_of({"steps": []}) is None
    record = {"steps": [{"step": 1, "action": "remind_assignee"}, {"step": 2, "action": "notify_managers"}]}
    assert view_of(record)["level"] == 2
