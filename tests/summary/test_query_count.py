"""The summary runs the same number of queries whatever the number of records."""

import datetime
import importlib
import importlib.util

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuyang_union import roles
from yuyang_union.summary.compose import compute_summary
from yuyang_union.summary.models import YearlyTally

PERIOD = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))

# Records of every app that has landed: (factories module, factory, date field).
RECORD_MAKERS = [
    ("tests.legal_aid.factories", "ConsultationFactory", "date"),
    ("tests.legal_aid.factories", "OutreachEventFactory", "date"),
    ("tests.competitions.factories", "CompetitionFactory", "starts_on"),
    ("tests.welfare.factories", "WarmthGrantFactory", "paid_on"),
]


def add_records(count, officer, first_tally_year):
    for module_name, factory_name, date_field in RECORD_MAKERS:
        if importlib.util.find_spec(module_name) is None:
            continue
        factory = getattr(importlib.import_module(module_name), factory_name, None)
        if factory is None:
            continue
        for n in range(count):
            factory(**{date_field: datetime.date(2015 + n % 8, 1 + n % 12, 1)})
    for year in range(first_tally_year, first_tally_year + count):
        YearlyTally.objects.create(
            key="welfare.jobs_offered", year=year, value=10, entered_by=officer
        )


def count_queries(action):
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


@pytest.mark.parametrize("by_year", [False, True])
def test_summary_queries_do_not_grow_with_the_records(make_staff, by_year):
    officer = make_staff(roles.ADMINISTRATORS)
    add_records(2, officer, 1990)
    small = count_queries(lambda: compute_summary(*PERIOD, by_year=by_year))
    add_records(12, officer, 2000)
    large = count_queries(lambda: compute_summary(*PERIOD, by_year=by_year))
    assert small == large


def test_summary_page_queries_do_not_grow_with_the_records(client, make_staff):
    officer = make_staff(roles.ADMINISTRATORS)
    client.force_login(make_staff(roles.LEADERS))
    url = reverse("summary:index")
    query = {"start": "2015-01-01", "end": "2022-12-31"}
    add_records(2, officer, 1990)
    client.get(url, query)  # first request warms per-process caches (content types, sessions)
    small = count_queries(lambda: client.get(url, query))
    add_records(12, officer, 2000)
    large = count_queries(lambda: client.get(url, query))
    assert small == large


@pytest.mark.parametrize("years", [("2015-01-01", "2016-12-31"), ("2015-01-01", "2026-12-31")])
def test_summary_page_with_every_year_stays_under_sixty_queries(
    client, make_staff, django_assert_max_num_queries, years
):
    # Each app computes every year of the breakdown in the statements of one period.
    client.force_login(make_staff(roles.LEADERS))
    add_records(3, make_staff(roles.ADMINISTRATORS), 1990)
    start, end = years
    with django_assert_max_num_queries(60):
        response = client.get(reverse("summary:index"), {"start": start, "end": end})
    assert response.status_code == 200


def test_the_breakdown_costs_one_more_pass_not_one_per_year(make_staff):
    add_records(3, make_staff(roles.ADMINISTRATORS), 1990)
    figures_only = count_queries(lambda: compute_summary(*PERIOD, by_year=False))
    two_years = count_queries(
        lambda: compute_summary(datetime.date(2021, 1, 1), PERIOD[1], by_year=True)
    )
    eight_years = count_queries(lambda: compute_summary(*PERIOD, by_year=True))
    assert two_years == eight_years <= 2 * figures_only
