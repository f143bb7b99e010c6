"""The retention rule: the newest backup of each of the last 7 days, 4 weeks and 12 months."""

import datetime

from yuyang_union.backups.retention import backups_to_keep


def at(day: str, time: str = "02:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}")


def nightly(first: str, last: str) -> list[datetime.datetime]:
    start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    return [at(str(start + datetime.timedelta(days=n))) for n in range((end - start).days + 1)]


def days(kept):
    return sorted(str(time.date()) for time in kept)


def test_two_years_of_nightly_backups_keep_7_days_4_weeks_12_months():
    kept = backups_to_keep(nightly("2024-01-01", "2025-12-05"))

    # Days: 29 Nov - 5 Dec. Weeks (ISO, Monday first): this one and last one are among the
    # days; then the Sundays 23 and 16 Nov. Months: December and November are among the
    # days; then the last day of each month from October back to January 2025.
    assert days(kept) == [
        "2025-01-31",
        "2025-02-28",
        "2025-03-31",
        "2025-04-30",
        "2025-05-31",
        "2025-06-30",
        "2025-07-31",
        "2025-08-31",
        "2025-09-30",
        "2025-10-31",
        "2025-11-16",
        "2025-11-23",
        "2025-11-29",
        "2025-11-30",
        "2025-12-01",
        "2025-12-02",
        "2025-12-03",
        "2025-12-04",
        "2025-12-05",
    ]


def test_of_several_backups_a_day_the_newest_is_kept():
    taken = [at("2025-12-05", "02:00"), at("2025-12-05", "14:30"), at("2025-12-04", "02:00")]

    kept = backups_to_keep(taken)

    assert kept == {at("2025-12-05", "14:30"), at("2025-12-04", "02:00")}


def test_days_without_a_backup_do_not_count():
    # The server was off from 20 to 30 November: the 7 daily backups reach further back.
    taken = nightly("2025-11-01", "2025-11-19") + nightly("2025-12-01", "2025-12-03")

    kept = backups_to_keep(taken, weekly=0, monthly=0)

    assert days(kept) == [
        "2025-11-16",
        "2025-11-17",
        "2025-11-18",
        "2025-11-19",
        "2025-12-01",
        "2025-12-02",
        "2025-12-03",
    ]


def test_fewer_backups_than_the_rule_asks_are_all_kept():
    taken = nightly("2025-12-01", "2025-12-03")
    assert backups_to_keep(taken) == set(taken)


def test_a_year_end_week_belongs_to_its_iso_week():
    # 29 Dec 2025 - 4 Jan 2026 is one ISO week (2026-W01): one weekly backup for it.
    taken = nightly("2025-12-22", "2026-01-04")

    kept = backups_to_keep(taken, daily=1, weekly=2, monthly=0)

    assert days(kept) == ["2025-12-28", "2026-01-04"]


def test_the_monthly_rule_keeps_a_year_of_month_ends():
    taken = nightly("2023-01-01", "2025-12-31")

    kept = backups_to_keep(taken, daily=0, weekly=0, monthly=12)

    assert len(kept) == 12
    assert min(kept) == at("2025-01-31")


def test_no_backups_keep_nothing():
    assert backups_to_keep([]) == set()
