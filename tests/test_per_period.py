"""`per_period`: each aggregate for each period in one statement, right at every edge."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Count, Q, Sum

from legal_aid.models import Consultation
from tests.legal_aid.factories import ConsultationFactory
from yuyang_union.figures import per_period

pytestmark = pytest.mark.django_db

YEARS = [
    (datetime.date(2019, 3, 1), datetime.date(2019, 12, 31)),
    (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
    (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
]


def test_each_period_counts_its_own_rows_edges_included(django_assert_num_queries):
    for day, workers in [
        (datetime.date(2019, 2, 28), 100),  # before the first period
        (datetime.date(2019, 3, 1), 1),
        (datetime.date(2019, 12, 31), 2),
        (datetime.date(2020, 1, 1), 4),
        (datetime.date(2021, 6, 30), 8),
        (datetime.date(2021, 7, 1), 100),  # after the last
    ]:
        ConsultationFactory(date=day, workers_served=workers)
    with django_assert_num_queries(1):
        rows = per_period(
            Consultation.objects.all(),
            YEARS,
            {"sessions": Count("id"), "workers": Sum("workers_served", default=0)},
            on="date",
        )
    assert rows == [
        {"sessions": 2, "workers": 3},
        {"sessions": 1, "workers": 4},
        {"sessions": 1, "workers": 8},
    ]


def test_a_period_without_rows_gives_the_empty_values():
    ConsultationFactory(date=datetime.date(2020, 5, 5), workers_served=3)
    rows = per_period(
        Consultation.objects.all(),
        YEARS,
        {
            "sessions": Count("id"),
            "workers": Sum("workers_served", default=0),
            "money": Sum("workers_served", default=Decimal("0.00")),
        },
        on="date",
    )
    assert rows[0] == {"sessions": 0, "workers": 0, "money": Decimal("0.00")}
    assert rows[1]["sessions"] == 1


def test_one_period_and_the_same_period_split_in_years_agree():
    for month in range(1, 13):
        ConsultationFactory(date=datetime.date(2019 + month % 3, month, 1), workers_served=month)
    workers = {"workers": Sum("workers_served", default=0)}
    whole = per_period(
        Consultation.objects.all(), [(YEARS[0][0], YEARS[-1][1])], workers, on="date"
    )
    split = per_period(Consultation.objects.all(), YEARS, workers, on="date")
    assert whole[0]["workers"] == sum(row["workers"] for row in split)


def test_counts_of_a_lasting_state_are_made_per_period(django_assert_num_queries):
    ConsultationFactory(date=datetime.date(2019, 6, 1))
    with django_assert_num_queries(1):
        rows = per_period(
            Consultation.objects.all(),
            YEARS,
            # "recorded by the end of the period": one row counts in every later period.
            {"recorded": lambda start, end: Count("id", filter=Q(date__lte=end))},
        )
    assert [row["recorded"] for row in rows] == [1, 1, 1]


def test_years_apart_are_grouped_by_year_and_the_years_between_left_out():
    for year in (2016, 2017, 2019):
        ConsultationFactory(date=datetime.date(year, 6, 1), workers_served=year - 2000)
    rows = per_period(
        Consultation.objects.all(),
        [
            (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31)),
            (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
        ],
        {"workers": Sum("workers_served", default=0)},
        on="date",
    )
    assert [row["workers"] for row in rows] == [16, 19]


def test_periods_that_are_not_years_are_told_apart_by_their_dates():
    ConsultationFactory(date=datetime.date(2020, 1, 31), workers_served=1)
    ConsultationFactory(date=datetime.date(2020, 2, 1), workers_served=2)
    rows = per_period(
        Consultation.objects.all(),
        [
            (datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)),
            (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
        ],
        {"workers": Sum("workers_served", default=0)},
        on="date",
    )
    assert [row["workers"] for row in rows] == [1, 2]


def test_distinct_counts_over_periods_that_are_not_years():
    for day in (datetime.date(2020, 1, 5), datetime.date(2020, 1, 6), datetime.date(2020, 2, 1)):
        ConsultationFactory(date=day, workers_served=7)
    rows = per_period(
        Consultation.objects.all(),
        [
            (datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)),
            (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
        ],
        {"sizes": Count("workers_served", distinct=True), "sessions": Count("id")},
        on="date",
    )
    assert rows == [{"sizes": 1, "sessions": 2}, {"sizes": 1, "sessions": 1}]
