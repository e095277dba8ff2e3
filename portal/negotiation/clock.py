"""The response clock: a first reply is due a number of working hours after submission. Working hours are
09:00–18:00, Monday to Friday, in the portal's time zone (public holidays are not counted out yet)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

DAY_START, DAY_END = time(9), time(18)
HOURS_A_DAY = 9


def _local(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _next_opening(moment):
    """The moment itself if it falls in working hours, else the next 09:00 of a weekday."""
    day = moment.date()
    if moment.weekday() < 5 and DAY_START <= moment.time() < DAY_END:
        return moment
    if moment.weekday() < 5 and moment.time() < DAY_START:
        return moment.replace(hour=9, minute=0, second=0, microsecond=0)
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, DAY_START, tzinfo=moment.tzinfo)


def add_working_hours(start, hours):
    """`start` plus `hours` working hours (an aware datetime in, an aware datetime out)."""
    moment = _next_opening(_local(start))
    remaining = timedelta(hours=hours)
    while True:
        closing = datetime.combine(moment.date(), DAY_END, tzinfo=moment.tzinfo)
        if moment + remaining <= closing:
            return moment + remaining
        remaining -= closing - moment
        moment = _next_opening(closing)


def working_hours_between(start, end):
    """Working hours from `start` to `end` (0 if `end` is not later), as a float."""
    moment, end = _next_opening(_local(start)), _local(end)
    total = timedelta()
    while moment < end:
        closing = datetime.combine(moment.date(), DAY_END, tzinfo=moment.tzinfo)
        total += min(closing, end) - moment
        moment = _next_opening(closing)
    return total.total_seconds() / 3600


def reply_overdue(made, now=None):
    """True when the request's first reply is late: none sent yet and the time it was due has passed."""
    if made.first_response_at is not None or made.first_response_due is None:
        return False
    return made.first_response_due < (now or datetime.now(tz=ZoneInfo(settings.TIME_ZONE)))
