"""Qualification deadlines in working days: weekends and the tenant's public holidays are off."""
import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

# Hottest first: the order of the list's "sorted by qualification" (store/keys.py).
QUALIFICATIONS: tuple[str, ...] = ("hot", "warm", "cold", "junk")
WORKING_DAYS_BY_QUALIFICATION = {"hot": 2, "warm": 5, "cold": 10, "junk": None}

# Which holiday categories count as days off, by country and subdivision, unless the tenant
# overrides it. Public holidays everywhere; in Bavaria, Assumption Day (15 August), which the
# holidays package files under "catholic" because it is a holiday only in the (predominantly
# catholic) municipalities, which are most of Bavaria.
DEFAULT_CATEGORIES = {("DE", "BY"): ("public", "catholic")}
TIMEZONES = {"AT": "Europe/Vienna", "DE": "Europe/Berlin", "CH": "Europe/Zurich", "LI": "Europe/Vaduz"}


def default_categories(country: str, subdivision: str | None) -> tuple[str, ...]:
    return DEFAULT_CATEGORIES.get((country, subdivision), ("public",))


@lru_cache(maxsize=256)
def _days_off(country: str, subdivision: str | None, categories: tuple[str, ...], year: int):
    import holidays  # its calendars load on the first deadline, not with the app

    return holidays.country_holidays(country, subdiv=subdivision, years=year, categories=categories)


def is_working_day(day: dt.date, country: str, subdivision: str | None,
                   categories: tuple[str, ...]) -> bool:
    return day.weekday() < 5 and day not in _days_off(country, subdivision, categories, day.year)


def due_at(received_at: dt.datetime, qualification: str, *, country: str,
           subdivision: str | None = None, categories: tuple[str, ...] | None = None,
           timezone: str | None = None, taken_in: dt.datetime | None = None) -> dt.datetime | None:
    """End (23:59:59 local) of the Nth working day after the local day the lead was received.

    A hot lead received on Friday is due at the end of Tuesday; one received on Saturday too.
    Junk has no deadline. With `taken_in` (when leadflow took the lead in), the deadline counts
    from deadline_start().
    """
    days = WORKING_DAYS_BY_QUALIFICATION[qualification]
    if days is None:
        return None
    calendar = {"country": country, "subdivision": subdivision, "categories": categories, "timezone": timezone}
    start = received_at if taken_in is None else deadline_start(received_at, taken_in, qualification, **calendar)
    return working_days_later(start, days, **calendar)


def deadline_start(received_at: dt.datetime, taken_in: dt.datetime, qualification: str, *, country: str,
                   subdivision: str | None = None, categories: tuple[str, ...] | None = None,
                   timezone: str | None = None) -> dt.datetime:
    """What a lead's deadline counts from: the time it was received (the prospect's wait counts),
    unless its deadline counted so had already passed when leadflow took the lead in; then from
    the intake.

    Nobody can answer by a deadline that ended before leadflow knew of the lead: a trade-fair list
    of 2017 imported today would be overdue on arrival, and the next escalation sweep would remind
    and notify the managers of every row at once. Such a lead gets its full working days from the
    intake. A lead typed in, delivered or imported late while its deadline still runs keeps that
    deadline: a walk-in of Wednesday entered on Thursday is still due on Friday if hot. A clock
    difference between sender and leadflow (a webhook seconds late, even across midnight) moves
    nothing, as a deadline ends at least a whole working day after the day received. The lead's
    received_at itself stays as given; only the count's start moves.
    """
    days = WORKING_DAYS_BY_QUALIFICATION.get(qualification)
    if days is None or taken_in <= received_at:
        return received_at
    due = working_days_later(received_at, days, country=country, subdivision=subdivision,
                             categories=categories, timezone=timezone)
    return taken_in if due < taken_in else received_at


def working_days_later(moment: dt.datetime, days: int, *, country: str, subdivision: str | None = None,
                       categories: tuple[str, ...] | None = None, timezone: str | None = None) -> dt.datetime:
    """End (23:59:59 local) of the Nth working day after the local day of `moment`; with 0, the
    end of that day itself. Deadlines and escalation steps (domain/escalation.py) count so."""
    categories = categories or default_categories(country, subdivision)
    zone = ZoneInfo(timezone or TIMEZONES.get(country, "Europe/Vienna"))
    day = moment.astimezone(zone).date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, country, subdivision, categories):
            counted += 1
    end_of_day = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zone)
    return end_of_day.astimezone(dt.timezone.utc)


def deadline_met(due_at: str | None, first_contact_at: str | None, now_iso: str) -> bool | None:
    """Whether the first contact came at or before the deadline (fixed-width ISO strings compare
    as times): False too once the deadline has passed without one; None while it is still open,
    and for a lead without a deadline (junk)."""
    if not due_at:
        return None
    if first_contact_at:
        return first_contact_at <= due_at
    return False if due_at < now_iso else None
