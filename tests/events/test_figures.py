"""The events figures for a period: held by category, sign-ups, attendance."""

import datetime
import random
import zoneinfo

import pytest

from events import demo, services
from events.figures import figures
from events.models import Event, EventPhoto, EventStatus
from tests.events.factories import EventFactory, PastEventFactory
from tests.members.factories import MemberFactory
from yuyang_union.figures import Unit
from yuyang_union.history.actors import system_actor

pytestmark = pytest.mark.django_db

CHONGQING = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=CHONGQING)


def values(start, end):
    return {figure.key: figure.value for figure in figures(start, end)}


def test_every_key_with_its_unit():
    result = {figure.key: figure for figure in figures(*YEAR_2022)}
    assert result["events.held"].unit == Unit.EVENTS
    assert result["events.held.health"].unit == Unit.EVENTS
    assert result["events.signups"].unit == Unit.PERSON_TIMES
    assert result["events.attendance"].unit == Unit.PERSON_TIMES
    assert all(figure.url.startswith("/admin/events/") for figure in result.values())


def test_events_held_in_the_period_count_by_category():
    PastEventFactory(category="health", starts_at=at(2022, 6, 7), attendance_count=160)
    PastEventFactory(category="legal", starts_at=at(2022, 6, 23), attendance_count=120)
    # Outside the period, a draft and a cancelled event: none of them count.
    PastEventFactory(category="health", starts_at=at(2021, 12, 31, 23), attendance_count=5)
    PastEventFactory(category="health", starts_at=at(2023, 1, 1, 0), attendance_count=5)
    PastEventFactory(starts_at=at(2022, 3, 1), status=EventStatus.DRAFT, attendance_count=5)
    PastEventFactory(starts_at=at(2022, 3, 1), status=EventStatus.CANCELLED)
    result = values(*YEAR_2022)
    assert result["events.held"] == 2
    assert result["events.held.health"] == 1
    assert result["events.held.legal"] == 1
    assert result["events.held.social"] == 0
    assert result["events.attendance"] == 280


def test_sign_ups_and_check_ins_count_for_the_events_period():
    event = EventFactory(capacity=2)
    members = MemberFactory.create_batch(3)
    registrations = [
        services.sign_up(actor=system_actor(), event=event, member=m) for m in members
    ]  # 2 + 1 waiting
    services.check_in(actor=system_actor(), registration=registrations[0])
    event.starts_at = at(2022, 9, 20, 14)
    event.ends_at = at(2022, 9, 20, 17)
    event.save()
    result = values(*YEAR_2022)
    assert result["events.signups"] == 2
    assert result["events.attendance"] == 1
    assert values(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))["events.signups"] == 0


def test_figures_take_two_queries_whatever_the_rows(django_assert_num_queries):
    for day in range(1, 20):
        PastEventFactory(starts_at=at(2022, 5, day))
    with django_assert_num_queries(2):
        figures(*YEAR_2022)


@pytest.mark.parametrize("scale", [1, 2])
def test_demo_gives_the_seeds_six_2022_events_times_the_scale(scale):
    MemberFactory.create_batch(5)
    demo.load(scale=scale, rng=random.Random(1))
    period = values(datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
    assert period["events.held"] == 6 * scale
    for category in ["health", "training", "legal", "competition", "social", "relief"]:
        assert period[f"events.held.{category}"] == scale
    seed = Event.objects.get(title="集体协商竞赛")
    assert seed.starts_at == at(2022, 9, 1)
    assert seed.co_organisers == "县人社局、县工商联"
    health = Event.objects.get(title="花田乡职工公益体检")
    assert health.township.name == "花田乡"
    assert health.cover_thumbnail
    captions = set(EventPhoto.objects.values_list("caption", flat=True))
    assert "2022年6月7日，县总工会组织人员到花田乡开展公益体检。" in captions
    assert set(EventPhoto.objects.values_list("credit", flat=True)) == {"县总工会"}
    # Upcoming events with sign-up open.
    upcoming = Event.objects.public().upcoming().filter(signup_enabled=True)
    assert upcoming.count() == len(demo.UPCOMING_EVENTS) * scale
    assert all(event.signup_is_open() for event in upcoming)


def test_figure_links_list_the_records_of_the_period(client, make_staff):
    from yuyang_union import roles

    PastEventFactory(title="期内活动", starts_at=at(2022, 6, 7))
    PastEventFactory(title="期外活动", starts_at=at(2021, 6, 7))
    client.force_login(make_staff(roles.EVENTS))
    held = next(f for f in figures(*YEAR_2022) if f.key == "events.held")
    content = client.get(held.url).content.decode()
    assert "期内活动" in content
    assert "期外活动" not in content


def test_demo_pictures_are_stored_once(settings):
    demo.load(scale=1, rng=random.Random(1))
    folder = settings.MEDIA_ROOT / "events" / "demo"
    files = sorted(p.name for p in folder.iterdir())
    demo.load(scale=1, rng=random.Random(2))
    assert sorted(p.name for p in folder.iterdir()) == files
    assert "seed-0-cover.jpg" in files
