"""Publish and cancel one event from its own page (staff page and admin change page): through
the services, cancel after a confirmation, refused to the wrong user or a stale page."""

import pytest
from django.urls import reverse

from events.models import Event, EventStatus
from tests.events.factories import EventFactory
from tests.members.factories import UnionFactory
from yuyang_union import roles
from yuyang_union.history.models import ActionEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_staff(make_staff):
    return make_staff(roles.EVENTS)


def status_of(event):
    return Event.objects.get(pk=event.pk).status


def test_a_draft_is_published_from_its_page(client, events_staff):
    draft = EventFactory(status=EventStatus.DRAFT)
    client.force_login(events_staff)
    page = client.get(reverse("events:registrations", args=[draft.pk])).content.decode()
    assert "发布活动" in page
    assert reverse("events:staff-publish", args=[draft.pk]) in page
    response = client.post(
        reverse("events:staff-publish", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 302
    assert status_of(draft) == EventStatus.PUBLISHED
    assert ActionEntry.objects.filter(verb="events.event.published").count() == 1
    page = client.get(reverse("events:registrations", args=[draft.pk]), follow=True)
    assert "活动已发布。" in page.content.decode()


def test_cancelling_asks_first_and_then_cancels(client, events_staff):
    event = EventFactory()
    client.force_login(events_staff)
    url = reverse("events:staff-cancel", args=[event.pk])
    question = client.get(url, {"version": event.version})
    assert question.status_code == 200
    content = question.content.decode()
    assert "确认取消活动" in content
    assert status_of(event) == EventStatus.PUBLISHED  # asking changes nothing
    response = client.post(url, {"version": event.version}, follow=True)
    assert status_of(event) == EventStatus.CANCELLED
    assert "活动已取消。" in response.content.decode()


def test_a_stale_page_is_refused_with_what_changed(client, events_staff):
    draft = EventFactory(status=EventStatus.DRAFT)
    read = draft.version
    Event.objects.filter(pk=draft.pk).update(place="新的地点")  # someone else saved meanwhile
    client.force_login(events_staff)
    response = client.post(reverse("events:staff-publish", args=[draft.pk]), {"version": read})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert status_of(draft) == EventStatus.DRAFT
    response = client.post(reverse("events:staff-cancel", args=[draft.pk]), {"version": read})
    assert status_of(draft) == EventStatus.DRAFT


@pytest.mark.parametrize("role", [roles.WELFARE, roles.LEADERS])
def test_users_without_the_change_right_are_refused(client, make_staff, role):
    draft = EventFactory(status=EventStatus.DRAFT)
    client.force_login(make_staff(role))
    for name in ("events:staff-publish", "events:staff-cancel"):
        url = reverse(name, args=[draft.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"version": draft.version}).status_code == 403
    assert status_of(draft) == EventStatus.DRAFT


def test_an_officer_of_another_subtree_does_not_find_the_event(client, make_staff):
    draft = EventFactory(status=EventStatus.DRAFT, organiser=UnionFactory())
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=UnionFactory())
    client.force_login(officer)
    response = client.post(
        reverse("events:staff-publish", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 404
    assert status_of(draft) == EventStatus.DRAFT


def test_publishing_twice_changes_nothing_more(client, events_staff):
    event = EventFactory()  # published already
    client.force_login(events_staff)
    response = client.post(
        reverse("events:staff-publish", args=[event.pk]), {"version": event.version}, follow=True
    )
    assert "只有草稿状态的活动才能发布" in response.content.decode()
    assert not ActionEntry.objects.filter(verb="events.event.published").exists()


def test_the_admin_change_page_has_both_buttons_and_comes_back(client, events_staff):
    draft = EventFactory(status=EventStatus.DRAFT)
    client.force_login(events_staff)
    change = reverse("admin:events_event_change", args=[draft.pk])
    page = client.get(change).content.decode()
    publish = reverse("events:staff-publish", args=[draft.pk])
    assert f"{publish}?version={draft.version}" in page
    assert reverse("events:staff-cancel", args=[draft.pk]) in page
    response = client.post(publish, {"version": draft.version, "next": change})
    assert response["Location"] == change
    assert status_of(draft) == EventStatus.PUBLISHED
    # Somewhere off the site is never where the page goes back to.
    event = Event.objects.get(pk=draft.pk)
    response = client.post(
        reverse("events:staff-cancel", args=[draft.pk]),
        {"version": event.version, "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("events:registrations", args=[draft.pk])


def test_a_cancelled_event_offers_neither_button(client, events_staff):
    event = EventFactory(status=EventStatus.CANCELLED)
    client.force_login(events_staff)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert reverse("events:staff-cancel", args=[event.pk]) not in page
    assert reverse("events:staff-publish", args=[event.pk]) not in page
