"""The grants changelist's date hierarchy: years and months from the first and last dates
(yuyang_union/templatetags/bounded_date_hierarchy.py), never a DISTINCT over every grant."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuyang_union import roles

from .factories import GrantFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:welfare_grant_changelist")


def grants_on(*dates):
    household = None
    for day in dates:
        grant = GrantFactory(granted_on=day, **({"household": household} if household else {}))
        household = grant.household


def hierarchy(response):
    """The hierarchy's links as (query string, text) pairs."""
    html = response.content.decode()
    start = html.index('<nav class="toplinks"')
    block = html[start : html.index("</nav>", start)]
    return re.findall(r'<a href="(\?[^"]*)"[^>]*>([^<]+)</a>', block)


def test_the_years_run_from_the_first_grant_to_the_last(client, make_staff):
    grants_on(datetime.date(2019, 3, 1), datetime.date(2022, 11, 5))
    client.force_login(make_staff(roles.WELFARE))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    links = hierarchy(response)
    assert [text for _link, text in links] == ["2019", "2020", "2021", "2022"]
    assert all("granted_on__year=" in link for link, _text in links)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "DATE_TRUNC" not in sql.upper()  # Django's own tag: DISTINCT date_trunc(...)


def test_a_years_months_run_from_its_first_grant_to_its_last(client, make_staff):
    grants_on(datetime.date(2021, 3, 1), datetime.date(2021, 5, 9), datetime.date(2022, 1, 1))
    client.force_login(make_staff(roles.WELFARE))
    response = client.get(URL + "?granted_on__year=2021")
    assert response.status_code == 200
    links = hierarchy(response)
    months = [link for link, _text in links if "granted_on__month=" in link]
    assert [link.split("granted_on__month=")[1][:1] for link in months] == ["3", "4", "5"]
    assert "所有日期" in response.content.decode()  # the way back (Django's own words)


def test_a_months_days_are_the_days_with_grants(client, make_staff):
    grants_on(datetime.date(2021, 3, 1), datetime.date(2021, 3, 9))
    client.force_login(make_staff(roles.WELFARE))
    response = client.get(URL + "?granted_on__year=2021&granted_on__month=3")
    assert response.status_code == 200
    days = [link for link, _text in hierarchy(response) if "granted_on__day=" in link]
    assert len(days) == 2


def test_no_grants_shows_no_years(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    response = client.get(URL)
    assert response.status_code == 200
    assert hierarchy(response) == []


@pytest.mark.parametrize("query", ["", "?granted_on__year=2021"])
def test_the_hierarchy_costs_the_same_queries_at_two_sizes(client, make_staff, query):
    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL + query).status_code == 200
        return len(queries.captured_queries)

    client.force_login(make_staff(roles.WELFARE))
    page_queries()  # the session's first page writes it: not counted
    grants_on(datetime.date(2020, 1, 1), datetime.date(2021, 6, 1))
    few = page_queries()
    grants_on(*(datetime.date(2021, month, 2) for month in range(1, 13)))
    assert page_queries() == few
