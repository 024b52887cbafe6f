"""When an activity a person plans may be due: today or later in the tenant's time zone."""
import datetime as dt

from chalicelib.domain.activities import past_due_date, today_in

UTC = dt.timezone.utc


def test_after_midnight_in_vienna_yesterday_by_utc_is_already_before_today():
    late = dt.datetime(2026, 12, 4, 23, 30, tzinfo=UTC)          # 00:30 on 5 December in Vienna
    assert today_in("Europe/Vienna", late) == dt.date(2026, 12, 5)
    assert past_due_date(dt.date(2026, 12, 4), timezone="Europe/Vienna", now=late) == (
        "lies before today (2026-12-05 in Europe/Vienna): choose today or a later day")
    assert past_due_date(dt.date(2026, 12, 5), timezone="Europe/Vienna", now=late) is None


def test_today_a_later_day_and_no_date_are_fine():
    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    for due in (dt.date(2026, 12, 4), dt.date(2027, 1, 1), None):
        assert past_due_date(due, timezone="Europe/Berlin", now=now) is None
    assert past_due_date(dt.date(2020, 1, 1), timezone="Europe/Berlin", now=now)
