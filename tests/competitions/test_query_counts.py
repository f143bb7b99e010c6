import pytest
from django.urls import reverse

from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
    ParticipationFactory,
)
from yuyang_union import roles

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def _fill(event, size):
    for _index in range(size):
        entry = EntryFactory(event=event, score=50 + _index)
        ParticipationFactory(competition=event.competition, employer=entry.employer)
        CompetitionTitleFactory(competition=event.competition, member=entry.member)


@pytest.mark.parametrize("size", [5, 30])
def test_grid_and_pages_keep_their_query_count(
    client, make_staff, django_assert_max_num_queries, size
):
    event = CompetitionEventFactory(competition__status="published")
    _fill(event, size)
    CompetitionFactory.create_batch(size)
    client.force_login(make_staff(roles.COMPETITIONS))
    urls = [
        reverse("competitions:staff-list"),
        reverse("competitions:staff-detail", args=[event.competition.pk]),
        reverse("competitions:score-grid", args=[event.competition.pk, event.pk]),
        reverse("competitions:public-list"),
        reverse("competitions:public-detail", args=[event.competition.pk]),
    ]
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("size", [5, 30])
def test_saving_the_grid_keeps_its_query_count(
    client, make_staff, django_assert_max_num_queries, size
):
    event = CompetitionEventFactory()
    entries = EntryFactory.create_batch(size, event=event)
    client.force_login(make_staff(roles.COMPETITIONS))
    data = {}
    for index, entry in enumerate(entries):
        data[f"score_{entry.pk}"] = str(60 + index)
        data[f"award_{entry.pk}"] = "none"
    url = reverse("competitions:score-grid", args=[event.competition.pk, event.pk])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post(url, data)
    assert response.status_code == 302
