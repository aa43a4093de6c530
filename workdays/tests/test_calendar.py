"""Working days on the Chinese statutory calendar with its make-up days, and the department's
corrections. The expected days were checked against two independent sources (the `holidays` and
`chinese-calendar` libraries) and the State Council's 2026 arrangement."""

from datetime import date

import pytest

from workdays.calendar import MAX_SPAN_DAYS, add_workdays, count_workdays, is_workday
from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 14), True),  # a Saturday worked to make up the Spring Festival
        (date(2026, 2, 16), False),  # Spring Festival, a Monday
        (date(2026, 9, 20), True),  # a Sunday worked for the National Day holiday
        (date(2026, 9, 25), False),  # Mid-Autumn Festival, a Friday
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 7), False),  # the holiday's last day, a Wednesday
        (date(2026, 10, 10), True),  # a Saturday worked for the National Day holiday
        (date(2026, 10, 11), False),  # an ordinary Sunday
        (date(2026, 12, 1), True),  # an ordinary Tuesday
    ],
)
def test_the_statutory_calendar_knows_holidays_and_make_up_days(day, expected):
    assert is_workday(day) is expected


def test_counting_skips_the_holidays_and_counts_both_ends():
    # 24 Sep, 28, 29, 30 Sep, 8 and 9 Oct: the Mid-Autumn and National Day holidays in between.
    assert count_workdays(date(2026, 9, 24), date(2026, 10, 9)) == 6
    assert count_workdays(date(2026, 10, 9), date(2026, 10, 9)) == 1
    assert count_workdays(date(2026, 10, 9), date(2026, 10, 8)) == 0


def test_a_five_working_day_notice_runs_across_a_holiday():
    start = date(2026, 9, 28)
    assert count_workdays(start, date(2026, 10, 8)) == 4
    assert count_workdays(start, date(2026, 10, 9)) == 5


def test_adding_working_days_lands_on_the_nth_working_day_after():
    assert add_workdays(date(2026, 9, 23), 5) == date(2026, 10, 8)
    assert add_workdays(date(2026, 10, 8), 2) == date(2026, 10, 10)  # the make-up Saturday
    assert add_workdays(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday to Monday


def test_the_departments_corrections_override_the_library():
    CalendarDay.objects.create(date=date(2026, 12, 1), kind=CalendarDay.Kind.HOLIDAY, note="临时调整")
    CalendarDay.objects.create(date=date(2027, 2, 20), kind=CalendarDay.Kind.WORKDAY, note="春节调休上班")

    assert not is_workday(date(2026, 12, 1))
    assert is_workday(date(2027, 2, 20))  # a Saturday
    assert count_workdays(date(2026, 11, 30), date(2026, 12, 2)) == 2
    assert add_workdays(date(2027, 2, 19), 1) == date(2027, 2, 20)


def test_a_count_reads_the_corrections_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert count_workdays(date(2026, 1, 1), date(2026, 12, 31)) > 240


def test_nonsense_spans_are_refused_rather_than_walked():
    with pytest.raises(ValueError):
        count_workdays(date(2026, 1, 1), date(2030, 1, 1))
    with pytest.raises(ValueError):
        add_workdays(date(2026, 1, 1), 0)
    with pytest.raises(ValueError):
        add_workdays(date(2026, 1, 1), MAX_SPAN_DAYS)
