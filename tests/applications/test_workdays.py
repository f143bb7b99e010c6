import datetime

import pytest

from yuyang_union.applications.models import CalendarDay
from yuyang_union.applications.workdays import add_working_days, answer_due

pytestmark = pytest.mark.django_db


def test_weekends_do_not_count():
    friday = datetime.date(2026, 11, 27)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 30)
    assert add_working_days(friday, 7) == datetime.date(2026, 12, 8)


def test_the_national_day_week_and_its_worked_saturday():
    # 1–7 October 2026 are holidays; Saturday 10 October is worked (the migration's calendar).
    assert add_working_days(datetime.date(2026, 9, 30), 7) == datetime.date(2026, 10, 15)
    assert add_working_days(datetime.date(2026, 10, 9), 1) == datetime.date(2026, 10, 10)


def test_a_holiday_staff_add_moves_the_deadline():
    monday = datetime.date(2027, 3, 1)
    assert add_working_days(monday, 1) == datetime.date(2027, 3, 2)
    CalendarDay.objects.create(date=datetime.date(2027, 3, 2), name="测试假日")
    assert add_working_days(monday, 1) == datetime.date(2027, 3, 3)


def test_the_deadline_is_the_end_of_the_day_in_local_time():
    submitted = datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)  # Saturday 07:30
    due = answer_due(submitted, 1)
    local = due.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    assert (local.date(), local.hour, local.minute) == (datetime.date(2026, 11, 30), 23, 59)
