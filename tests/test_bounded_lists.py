"""Staff lists bounded at a municipality's size: filters whose choices walk an index, counts
per page row instead of a GROUP BY over a whole table, no query per row, pages of sign-ups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Honour, HonourTitle
from tests.members.factories import MemberFactory, TownshipFactory
from welfare.models import CheckupRound, HealthCheckup, MutualAidEnrolment
from yuyang_union.list_filters import distinct_indexed_values

pytestmark = pytest.mark.django_db

ENROLMENTS = reverse("admin:welfare_mutualaidenrolment_changelist")


def enrol(year, plan, member=None):
    return MutualAidEnrolment.objects.create(
        member=member or MemberFactory(),
        year=year,
        plan=plan,
        enrolled_on=datetime.date(year, 3, 1),
        premium=60,
    )


def captured_sql(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def test_the_index_walk_finds_each_value_once():
    for year, plan in [(2021, "住院"), (2023, "住院"), (2021, "意外"), (2023, "重疾")]:
        enrol(year, plan)
    assert distinct_indexed_values(MutualAidEnrolment, "year") == [2021, 2023]
    assert distinct_indexed_values(MutualAidEnrolment, "plan") == sorted(["住院", "意外", "重疾"])


def test_the_enrolments_filters_list_their_values_without_distinct(admin_client):
    enrol(2021, "住院")
    enrol(2023, "意外")
    response, sql = captured_sql(admin_client, ENROLMENTS)
    assert not any("DISTINCT" in statement.upper() for statement in sql)
    choices = {
        spec.parameter_name: [choice["display"] for choice in spec.choices(response.context["cl"])]
        for spec in response.context["cl"].filter_specs
    }
    assert choices["year"][1:] == ["2023", "2021"]  # after "all", the newest first
    assert choices["plan"][1:] == sorted(["住院", "意外"])


def test_the_enrolments_filter_by_year_and_refuse_a_typed_year_quietly(admin_client):
    enrol(2021, "住院")
    enrol(2023, "意外")
    response = admin_client.get(ENROLMENTS + "?year=2023")
    assert [row.year for row in response.context["cl"].result_list] == [2023]
    for typed in ["abc", "1999"]:
        response = admin_client.get(ENROLMENTS + f"?year={typed}")
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []


def test_checkup_rounds_count_their_checkups_per_row(admin_client):
    township = TownshipFactory()
    rounds = [
        CheckupRound.objects.create(held_on=datetime.date(2023, month, 1), township=township)
        for month in (3, 4)
    ]
    for _ in range(3):
        HealthCheckup.objects.create(round=rounds[0], member=MemberFactory())
    url = reverse("admin:welfare_checkupround_changelist")
    response, sql = captured_sql(admin_client, url + "?o=4")  # sorted by the count
    assert [row.examined_count for row in response.context["cl"].result_list] == [0, 3]
    assert not any("GROUP BY" in statement and "COUNT(*)" in statement for statement in sql)


def test_competition_titles_do_not_query_per_row(admin_client):
    from tests.competitions.factories import CompetitionTitleFactory

    honour_title = HonourTitle.objects.get(key="county_craftsman")

    def award(count):
        for _ in range(count):
            member = MemberFactory()
            honour = Honour.objects.create(
                title=honour_title, year=2023, member=member, union=member.union
            )
            CompetitionTitleFactory(member=member, honour=honour)

    url = reverse("admin:competitions_competitiontitle_changelist")
    captured_sql(admin_client, url)  # the session's first page writes it: not counted
    award(1)
    few = len(captured_sql(admin_client, url)[1])
    award(5)
    assert len(captured_sql(admin_client, url)[1]) == few


def test_an_events_sign_ups_come_a_page_at_a_time(client, make_staff):
    from events import services
    from events.views.staff import RegistrationListView
    from tests.events.factories import EventFactory
    from yuyang_union import roles
    from yuyang_union.history.actors import system_actor

    event = EventFactory()
    for _ in range(RegistrationListView.per_page + 1):
        services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    client.force_login(make_staff(roles.EVENTS))
    url = reverse("events:registrations", args=[event.pk])
    first = client.get(url)
    assert len(first.context["rows"]) == RegistrationListView.per_page
    assert "?page=2" in first.content.decode()
    last = client.get(url + "?page=2")
    assert len(last.context["rows"]) == 1
    assert client.get(url + "?page=x").status_code == 200  # typed: the first page
