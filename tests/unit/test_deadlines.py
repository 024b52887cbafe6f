"""Qualification deadlines count working days: weekends and the tenant's holidays are off."""
import datetime as dt

import pytest

from chalicelib.domain.deadlines import due_at

UTC = dt.timezone.utc


def local_day(due: dt.datetime, zone="Europe/Vienna") -> dt.date:
    from zoneinfo import ZoneInfo
    return due.astimezone(ZoneInfo(zone)).date()


@pytest.mark.parametrize("qualification, days_later", [("hot", 2), ("warm", 5), ("cold", 10)])
def test_monday_lead_in_an_ordinary_week(qualification, days_later):
    monday = dt.datetime(2026, 3, 2, 9, tzinfo=UTC)
    due = due_at(monday, qualification, country="AT", subdivision="9")
    weekdays = {2: dt.date(2026, 3, 4), 5: dt.date(2026, 3, 9), 10: dt.date(2026, 3, 16)}
    assert local_day(due) == weekdays[days_later]


def test_junk_has_no_deadline():
    assert due_at(dt.datetime(2026, 3, 2, tzinfo=UTC), "junk", country="AT") is None


def test_deadline_is_the_end_of_the_local_working_day():
    due = due_at(dt.datetime(2026, 3, 2, 9, tzinfo=UTC), "hot", country="AT", subdivision="9")
    assert due == dt.datetime(2026, 3, 4, 22, 59, 59, tzinfo=UTC)           # 23:59:59 CET


def test_friday_and_weekend_leads_are_due_on_tuesday():
    for received in (dt.datetime(2026, 11, 27, 15, tzinfo=UTC), dt.datetime(2026, 11, 28, 10, tzinfo=UTC),
                     dt.datetime(2026, 11, 29, 10, tzinfo=UTC)):
        assert local_day(due_at(received, "hot", country="AT", subdivision="9")) == dt.date(2026, 12, 1)


def test_a_lead_arriving_late_on_sunday_night_utc_counts_from_the_local_monday():
    received = dt.datetime(2026, 3, 1, 23, 30, tzinfo=UTC)                 # Monday 00:30 in Vienna
    # Counted from the UTC Sunday it would be due Tuesday; from the local Monday it is Wednesday.
    assert local_day(due_at(received, "hot", country="AT", subdivision="9")) == dt.date(2026, 3, 4)


def test_austrian_public_holidays_are_off():
    received = dt.datetime(2026, 12, 7, 10, tzinfo=UTC)                    # Monday; 8 Dec is off
    assert local_day(due_at(received, "hot", country="AT", subdivision="9")) == dt.date(2026, 12, 10)


def test_christmas_eve_is_a_working_day_in_austria_by_default_and_off_if_the_tenant_says_so():
    received = dt.datetime(2026, 12, 22, 10, tzinfo=UTC)                   # Tuesday
    assert local_day(due_at(received, "hot", country="AT", subdivision="9")) == dt.date(2026, 12, 24)
    bank = due_at(received, "hot", country="AT", subdivision="9", categories=("public", "bank"))
    assert local_day(bank) == dt.date(2026, 12, 28)                        # 23 Dec, then 28 Dec


def test_assumption_day_is_off_in_bavaria_but_not_in_north_rhine_westphalia():
    received = dt.datetime(2024, 8, 14, 8, tzinfo=UTC)                     # Wednesday; 15 Aug Thursday
    assert local_day(due_at(received, "hot", country="DE", subdivision="BY"), "Europe/Berlin") == dt.date(2024, 8, 19)
    assert local_day(due_at(received, "hot", country="DE", subdivision="NW"), "Europe/Berlin") == dt.date(2024, 8, 16)


def test_corpus_christi_is_off_in_vienna_and_bavaria_but_not_in_berlin():
    received = dt.datetime(2026, 6, 3, 8, tzinfo=UTC)                      # Wednesday; 4 June Corpus Christi
    assert local_day(due_at(received, "hot", country="AT", subdivision="9")) == dt.date(2026, 6, 8)
    assert local_day(due_at(received, "hot", country="DE", subdivision="BE"), "Europe/Berlin") == dt.date(2026, 6, 5)


def test_the_deadline_crosses_daylight_saving_time():
    received = dt.datetime(2026, 3, 27, 10, tzinfo=UTC)                    # Friday; DST starts Sunday
    due = due_at(received, "hot", country="AT", subdivision="9")
    assert due == dt.datetime(2026, 3, 31, 21, 59, 59, tzinfo=UTC)         # 23:59:59 CEST


def test_a_lead_whose_deadline_had_passed_when_it_was_taken_in_counts_from_the_intake():
    fair = dt.datetime(2017, 11, 10, 13, 30, tzinfo=UTC)                   # a 2017 fair list...
    imported = dt.datetime(2026, 12, 2, 9, tzinfo=UTC)                     # ...imported on a Wednesday
    assert local_day(due_at(fair, "hot", country="AT", subdivision="9", taken_in=imported)) == dt.date(2026, 12, 4)
    assert local_day(due_at(fair, "cold", country="AT", subdivision="9", taken_in=imported)) == dt.date(2026, 12, 17)
    assert due_at(fair, "junk", country="AT", taken_in=imported) is None


def test_a_lead_taken_in_late_while_its_deadline_still_runs_keeps_that_deadline():
    walk_in = dt.datetime(2026, 12, 2, 9, tzinfo=UTC)                      # Wednesday
    typed_in = dt.datetime(2026, 12, 3, 16, tzinfo=UTC)                    # Thursday
    assert local_day(due_at(walk_in, "hot", country="AT", subdivision="9", taken_in=typed_in)) == dt.date(2026, 12, 4)
    late = dt.datetime(2026, 12, 5, 0, 30, tzinfo=UTC)                     # just after its Friday ended
    assert local_day(due_at(walk_in, "hot", country="AT", subdivision="9", taken_in=late)) == dt.date(2026, 12, 9)


def test_a_webhook_delivered_seconds_late_across_midnight_moves_nothing():
    received = dt.datetime(2026, 12, 3, 22, 59, 58, tzinfo=UTC)            # Thursday 23:59:58 in Vienna
    delivered = received + dt.timedelta(seconds=5)                         # Friday 00:00:03
    assert due_at(received, "hot", country="AT", subdivision="9", taken_in=delivered) == \
        due_at(received, "hot", country="AT", subdivision="9")


def test_a_received_time_after_the_intake_counts_from_itself():
    received = dt.datetime(2026, 12, 3, 10, tzinfo=UTC)                    # a sender's clock ahead of ours
    taken_in = received - dt.timedelta(minutes=2)
    assert due_at(received, "hot", country="AT", subdivision="9", taken_in=taken_in) == \
        due_at(received, "hot", country="AT", subdivision="9")
