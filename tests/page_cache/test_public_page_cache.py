"""Public pages come from the cache until their records change, whoever changes them."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event
from members.models import Honour
from tests.events.factories import EventFactory, RegistrationFactory
from tests.events.test_public_pages import member_with_login
from tests.members.factories import HonourFactory, MemberFactory
from tests.welfare.factories import CampaignFactory, GrantFactory, HouseholdFactory
from yuyang_union.history.actors import system_actor
from yuyang_union.page_cache.caching import area_versions
from yuyang_union.page_cache.models import PageArea

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "members:honour-roll",
    "events:list",
    "competitions:public-list",
    "welfare:notices",
    "welfare:service-sites",
]


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_cached_public_page_costs_one_query(client, django_assert_max_num_queries, name, size):
    EventFactory.create_batch(size)
    HonourFactory.create_batch(size)
    client.get(reverse(name))  # renders and keeps the content
    with django_assert_max_num_queries(1):
        assert client.get(reverse(name)).status_code == 200


def test_an_edit_shows_at_once(client):
    event = EventFactory(title="旧的标题")
    assert "旧的标题" in client.get(reverse("events:list")).content.decode()
    event.title = "新的标题"
    event.save()
    page = client.get(reverse("events:list")).content.decode()
    assert "新的标题" in page
    assert "旧的标题" not in page


def test_a_bulk_update_and_sql_by_hand_show_at_once(client):
    event = EventFactory(title="旧的标题")
    client.get(event.get_absolute_url())
    Event.objects.filter(pk=event.pk).update(title="批量改的标题")
    assert "批量改的标题" in client.get(event.get_absolute_url()).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET title = '手改的标题' WHERE id = %s", [event.pk])
    assert "手改的标题" in client.get(event.get_absolute_url()).content.decode()


def test_a_sign_up_moves_the_places_left(client):
    event = EventFactory(capacity=10)
    assert "还剩 10 个名额" in client.get(event.get_absolute_url()).content.decode()
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    assert "还剩 9 个名额" in client.get(event.get_absolute_url()).content.decode()


def test_one_statement_moves_the_version_once():
    honour = HonourFactory()
    before = int(area_versions([PageArea.HONOURS]))
    Honour.objects.bulk_create(
        Honour(title=honour.title, year=year, member=honour.member, union=honour.union)
        for year in range(2015, 2020)
    )
    assert int(area_versions([PageArea.HONOURS])) == before + 1


def test_a_rolled_back_write_leaves_the_version():
    EventFactory()
    before = area_versions([PageArea.EVENTS])
    with transaction.atomic():
        EventFactory()
        transaction.set_rollback(True)
    assert area_versions([PageArea.EVENTS]) == before


def test_areas_are_separate(client):
    client.get(reverse("members:honour-roll"))
    versions = area_versions([PageArea.HONOURS])
    EventFactory()
    assert area_versions([PageArea.HONOURS]) == versions


def test_what_is_cached_holds_nothing_of_the_visitor(client):
    member = member_with_login()
    event = EventFactory(capacity=5)
    RegistrationFactory(event=event, member=member)
    client.force_login(member.user)
    mine = client.get(event.get_absolute_url()).content.decode()
    assert "您已报名" in mine
    assert "csrfmiddlewaretoken" in mine  # the live sign-up box, with the form's token
    for parts in cache._cache.values():  # what the cache keeps (local memory in tests)
        text = str(parts)
        assert member.name not in text
        assert "csrfmiddlewaretoken" not in text
    client.logout()
    theirs = client.get(event.get_absolute_url()).content.decode()
    assert "您已报名" not in theirs


def test_lists_have_a_fixed_page_size(client):
    HonourFactory.create_batch(55)
    first = client.get(reverse("members:honour-roll")).content.decode()
    assert first.count("<li>\n      <strong>") == 50
    second = client.get(reverse("members:honour-roll"), {"page": 2}).content.decode()
    assert second.count("<li>\n      <strong>") == 5
    assert client.get(reverse("members:honour-roll"), {"page": 3}).status_code == 404
    assert client.get(reverse("members:honour-roll"), {"page": "x"}).status_code == 404


def test_the_notice_lists_fifty_names_a_page_and_reads_no_identifier(
    client, django_assert_max_num_queries
):
    today = timezone.localdate()
    campaign = CampaignFactory(
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=3),
    )
    for _ in range(52):
        GrantFactory(campaign=campaign, household=HouseholdFactory(), paid=True)
    with django_assert_max_num_queries(6) as queries:
        page = client.get(reverse("welfare:notices")).content.decode()
    assert page.count("<tr><td>") == 50
    assert "52" in page
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "id_number" not in sql
    assert "phone" not in sql
    page2 = client.get(reverse("welfare:notices"), {"campaign": campaign.pk, "page": 2})
    assert page2.content.decode().count("<tr><td>") == 2
    assert client.get(reverse("welfare:notices"), {"campaign": 999999}).status_code == 404
