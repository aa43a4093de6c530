"""Chinese working days (SPEC 9): every period counted in working days (a 公示 of at least five, a
deadline to correct a declaration) asks here. The statutory calendar, with its make-up working
days (调休), comes from the `holidays` library; the admin table `CalendarDay` overrides it day by
day for years the library does not know yet or gets wrong.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

import holidays

from workdays.models import CalendarDay

DAY = timedelta(days=1)
# A bound on every walk over the calendar, so a bad input cannot loop for long: no statutory
# period comes near a year of working days.
MAX_SPAN_DAYS = 800


@lru_cache(maxsize=16)
def _statutory(year: int) -> holidays.HolidayBase:
    return holidays.China(years=year)


def library_knows(year: int) -> bool:
    """Whether the library lists this year's holidays at all (a year it does not know treats
    every weekday as a working day unless the admin table says otherwise)."""
    return any(day.year == year for day in _statutory(year))


class WorkdayCalendar:
    """The calendar with the department's corrections over a span of dates, read in one query."""

    def __init__(self, start: date, end: date):
        self.overrides = dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))

    def is_workday(self, day: date) -> bool:
        kind = self.overrides.get(day)
        if kind is not None:
            return kind == CalendarDay.Kind.WORKDAY
        return _statutory(day.year).is_working_day(day)

    def workdays(self, start: date, end: date) -> Iterator[date]:
        day = start
        while day <= end:
            if self.is_workday(day):
                yield day
            day += DAY


def is_workday(day: date) -> bool:
    return WorkdayCalendar(day, day).is_workday(day)


def count_workdays(start: date, end: date) -> int:
    """Working days from `start` to `end`, both included (0 when `end` is before `start`)."""
    if end < start:
        return 0
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValueError("The span is longer than any period counted in working days.")
    return sum(1 for _ in WorkdayCalendar(start, end).workdays(start, end))


def add_workdays(start: date, count: int) -> date:
    """The day on which `count` working days after `start` have passed: the `count`-th working
    day after `start` (`start` itself not counted). A deadline of five working days given on a
    Friday falls on the next Friday, or later across a holiday."""
    if count < 1:
        raise ValueError("count must be at least 1")
    end = start + timedelta(days=MAX_SPAN_DAYS)
    for number, day in enumerate(WorkdayCalendar(start + DAY, end).workdays(start + DAY, end), start=1):
        if number == count:
            return day
    raise ValueError("No such working day within the calendar's span.")
