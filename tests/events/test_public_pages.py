"""Public pages: list with filters and search, event page, sign-up buttons, iCalendar."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import EventCategory, EventStatus, Registration, RegistrationStatus
from tests.events.factories import EventFactory, PastEventFactory, in_days
from tests.members.factories import MemberFactory, TownshipFactory, UserFactory
from yuyang_union.history.actors import system_actor

pytestmark = pytest.mark.django_db


def member_with_login(**fields):
    member = MemberFactory(**fields)
    member.user = UserFactory()
    member.save()
    return member


def test_list_shows_upcoming_published_events_soonest_first(client):
    later = EventFactory(title="后面的活动", starts_at=in_days(20))
    sooner = EventFactory(title="前面的活动", starts_at=in_days(3))
    EventFactory(title="草稿活动", status=EventStatus.DRAFT)
    PastEventFactory(title="过去的活动")
    content = client.get("/events/").content.decode()
    assert content.index(sooner.title) < content.index(later.title)
    assert "草稿活动" not in content
    assert "过去的活动" not in content


def test_past_tab_shows_past_events_with_their_cover_thumbnail(client):
    PastEventFactory(title="送法进企业")
    EventFactory(title="将来的活动")
    content = client.get("/events/?when=past").content.decode()
    assert "送法进企业" in content
    assert "将来的活动" not in content


def test_filters_by_category_township_month_and_title_words(client):
    longtan = TownshipFactory(name="龙潭镇")
    huatian = TownshipFactory(name="花田乡")
    start = in_days(40)
    EventFactory(title="公益体检", category=EventCategory.HEALTH, township=huatian)
    EventFactory(title="法律讲座", category=EventCategory.LEGAL, township=longtan)
    EventFactory(title="下月联谊", category=EventCategory.SOCIAL, starts_at=start)

    def titles(query):
        response = client.get("/events/", query)
        return {e.title for e in response.context["events"]}

    assert titles({"category": "legal"}) == {"法律讲座"}
    assert titles({"township": huatian.pk}) == {"公益体检"}
    assert titles({"q": "公益"}) == {"公益体检"}
    assert titles({"q": "体检"}) == {"公益体检"}  # any part of the title (the gram index)
    assert titles({"q": "体育"}) == set()
    assert titles({"month": f"{start:%Y-%m}"}) >= {"下月联谊"}


def test_month_filter_takes_the_local_days_of_that_month(client):
    """Local (Chongqing) midnights bound the month, December included."""
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    year = timezone.localdate().year + 1

    def at(month_year, month, day, hour, minute=0):
        return datetime.datetime(month_year, month, day, hour, minute, tzinfo=tz)

    EventFactory(title="十一月最后", starts_at=at(year, 11, 30, 23, 59))
    EventFactory(title="十二月第一", starts_at=at(year, 12, 1, 0))
    EventFactory(title="十二月最后", starts_at=at(year, 12, 31, 23, 30))
    EventFactory(title="元旦", starts_at=at(year + 1, 1, 1, 0))

    response = client.get("/events/", {"month": f"{year}-12"})

    assert {e.title for e in response.context["events"]} == {"十二月第一", "十二月最后"}


def test_bad_month_is_reported_at_the_field(client):
    response = client.get("/events/", {"month": "2022-13"})
    assert response.status_code == 200
    assert "请按“年-月”填写月份" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 30])
def test_list_query_count_is_the_same_at_two_sizes(client, django_assert_max_num_queries, rows):
    township = TownshipFactory(name="龙潭镇")
    EventFactory.create_batch(rows, township=township)
    PastEventFactory.create_batch(rows, township=township)
    with django_assert_max_num_queries(4):  # count, page, townships of the filter form
        assert client.get("/events/", {"category": "health"}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/events/?when=past").status_code == 200


@pytest.mark.parametrize("rows", [5, 30])
def test_event_page_query_count_is_the_same_at_two_sizes(
    client, django_assert_max_num_queries, rows
):
    event = EventFactory(capacity=rows // 2)
    for member in MemberFactory.create_batch(rows):
        services.sign_up(actor=system_actor(), event=event, member=member)
    viewer = member_with_login()
    client.force_login(viewer.user)
    # The first view renders the event's page; the next takes it from the cache.
    with django_assert_max_num_queries(15):
        assert client.get(event.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_event_page_says_how_many_places_are_left(client):
    event = EventFactory(capacity=10)
    for member in MemberFactory.create_batch(3):
        services.sign_up(actor=system_actor(), event=event, member=member)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "还剩 7 个名额" in content


def test_event_page_tells_a_waiting_member_their_position(client):
    event = EventFactory(capacity=1)
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    waiting = member_with_login()
    services.sign_up(actor=system_actor(), event=event, member=waiting)
    client.force_login(waiting.user)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "您在候补名单第 2 位" in content


def test_script_in_event_text_shows_as_text(client):
    event = EventFactory(
        title="<script>alert('title')</script>",
        summary="<script>alert('summary')</script>",
        body="活动说明 <script>alert('body')</script>\n\n<img src=x onerror=alert(1)>",
    )
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in content or (
        "&lt;script&gt;alert('body')&lt;/script&gt;" in content
    )
    assert "<img src=x" not in content
    assert "onerror" not in content.replace("&lt;img src=x onerror=alert(1)&gt;", "")


def test_markdown_is_rendered(client):
    event = EventFactory(body="**重要**\n\n- 带身份证\n- 准时到场")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>重要</strong>" in content
    assert "<li>带身份证</li>" in content


def test_drafts_are_not_found(client):
    event = EventFactory(status=EventStatus.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_anonymous_sign_up_goes_to_the_login_page(client):
    event = EventFactory()
    response = client.post(reverse("events:sign-up", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Registration.objects.exists()


def test_member_signs_up_and_cancels_through_the_pages(client):
    event = EventFactory(capacity=5)
    member = member_with_login()
    client.force_login(member.user)
    response = client.post(reverse("events:sign-up", args=[event.pk]), follow=True)
    assert "报名成功" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED

    mine = client.get("/events/mine/").content.decode()
    assert event.title in mine

    response = client.post(reverse("events:cancel", args=[event.pk]), {"next": "mine"}, follow=True)
    assert response.redirect_chain[-1][0] == "/events/mine/"
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_a_user_without_member_record_cannot_sign_up(client):
    event = EventFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("events:sign-up", args=[event.pk]), follow=True)
    assert "没有关联会员" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_member_cannot_cancel_someone_elses_registration(client):
    event = EventFactory()
    other = MemberFactory()
    registration = services.sign_up(actor=system_actor(), event=event, member=other)
    intruder = member_with_login()
    client.force_login(intruder.user)
    response = client.post(reverse("events:cancel", args=[event.pk]))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_my_events_shows_membership_masked(client):
    member = member_with_login(name="冉小梅", phone="13812345678")
    client.force_login(member.user)
    content = client.get("/events/mine/").content.decode()
    assert "冉小梅" in content
    assert "138****5678" in content
    assert "13812345678" not in content
    assert member.id_number not in content
    assert member.id_number[:6] + "********" + member.id_number[-4:] in content
    assert member.union.name in content


def test_my_events_offers_login_and_activation_to_visitors(client):
    content = client.get("/events/mine/").content.decode()
    assert reverse("events:activate") in content


def test_feed_is_icalendar_with_crlf_and_escaping(client):
    EventFactory(title="讲座, 第一期; 法律", summary="第一行\n第二行")
    PastEventFactory(title="过去的活动")
    response = client.get("/events/feed.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert "SUMMARY:讲座\\, 第一期\\; 法律\r\n" in body
    assert "过去的活动" not in body
    for line in body.split("\r\n"):
        assert len(line.encode()) <= 75


def test_event_ics(client):
    start = datetime.datetime(2030, 6, 7, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    event = EventFactory(title="公益体检", starts_at=start)
    body = client.get(reverse("events:ics", args=[event.pk])).content.decode()
    assert "DTSTART:20300607T010000Z\r\n" in body  # 09:00 in Chongqing is 01:00 UTC
    assert body.count("BEGIN:VEVENT") == 1


def test_event_page_tells_a_member_outside_the_audience_before_they_tap(client):
    event = EventFactory(audience="women")
    man = member_with_login(id_number="500242198805041117")
    client.force_login(man.user)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "本活动仅限女会员参加" in content
    assert reverse("events:sign-up", args=[event.pk]) not in content


@pytest.mark.parametrize("rows", [5, 30])
def test_my_events_query_count_is_the_same_at_two_sizes(
    client, django_assert_max_num_queries, rows
):
    member = member_with_login()
    for event in EventFactory.create_batch(rows):
        services.sign_up(actor=system_actor(), event=event, member=member)
    client.force_login(member.user)
    # The sign-ups, the membership, and the count of news on the member's applications.
    with django_assert_max_num_queries(12):
        response = client.get("/events/mine/")
    assert response.content.decode().count('class="card registration"') == rows
