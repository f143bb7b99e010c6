"""The events themselves: the seed year's six (with photo galleries), the yearly calendar
since 2023, and the upcoming events with sign-up open."""

import datetime

from django.utils import timezone

from ..models import Event, EventStatus
from .pictures import stored_picture
from .seed import SEED_EVENTS, UPCOMING_EVENTS, YEARLY_EVENTS


class Pictures:
    """Each picture drawn and stored once per load, however many events show it."""

    def __init__(self):
        self.stored = {}

    def __call__(self, key, category, variant):
        if key not in self.stored:
            self.stored[key] = stored_picture(key, category, variant)
        return self.stored[key]


def aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def published_event(*, county, townships, start, hours, township, cover, **fields):
    """A published event of the county federation, its cover drawn, its township looked up."""
    image, thumbnail = cover
    return Event(
        organiser=county,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        township=townships.get(township),
        cover=image,
        cover_thumbnail=thumbnail,
        status=EventStatus.PUBLISHED,
        **fields,
    )


def seed_events(*, county, townships, picture, scale):
    """The seed's six events, `scale` times; returns (events, [(event index, gallery)])."""
    events, galleries = [], []
    for copy in range(scale):
        for index, seed in enumerate(SEED_EVENTS):
            day, hour, category, title, place, township, co, attendance, summary, caption = seed
            cover = picture(f"seed-{index}-cover", category, 1)
            shift = datetime.timedelta(days=copy % 60)  # copies spread over the year
            events.append(
                published_event(
                    county=county,
                    townships=townships,
                    start=aware(day - shift if copy else day, hour),
                    hours=3,
                    township=township,
                    cover=cover,
                    title=title if copy == 0 else f"{title}（{copy + 1}）",
                    category=category,
                    co_organisers=co,
                    place=place,
                    summary=summary,
                    body=f"{caption}\n\n活动现场照片见下。",
                    attendance_count=attendance,
                )
            )
            photo = picture(f"seed-{index}-photo", category, 2)
            gallery = [(*cover, caption), (*photo, caption)]
            galleries.append((len(events) - 1, gallery))
    return events, galleries


def yearly_events(*, county, townships, picture, scale, rng, now):
    """The recurring calendar from 2023 until two days ago."""
    events = []
    for year in range(2023, timezone.localdate().year + 1):
        for copy in range(scale):
            for month, category, title, place, township in YEARLY_EVENTS:
                day = datetime.date(year, month, min(28, 5 + rng.randrange(20)))
                start = aware(day, rng.choice([9, 14]))
                if start > now - datetime.timedelta(days=2):
                    continue  # the future is the upcoming events, with sign-up
                events.append(
                    published_event(
                        county=county,
                        townships=townships,
                        start=start,
                        hours=3,
                        township=township,
                        cover=picture(f"yearly-{category}", category, 3),
                        title=f"{year}年{title}" + (f"（{copy + 1}）" if copy else ""),
                        category=category,
                        place=place,
                        summary=f"县总工会{year}年{title}。",
                        body=f"{year}年{month}月，县总工会开展{title}活动。",
                        attendance_count=rng.randint(40, 220),
                    )
                )
    return events


def upcoming_events(*, county, townships, picture, scale, now):
    """Events of the coming weeks, sign-up open (one for women members only)."""
    today = timezone.localdate()
    events = []
    for copy in range(scale):
        for offset, (category, title, place, township, capacity, audience) in enumerate(
            UPCOMING_EVENTS
        ):
            day = today + datetime.timedelta(days=5 + offset * 4 + copy % 30)
            start = aware(day, 9 if offset % 2 else 14, 30)
            events.append(
                published_event(
                    county=county,
                    townships=townships,
                    start=start,
                    hours=2,
                    township=township,
                    cover=picture(f"upcoming-{category}", category, 4),
                    title=title + (f"（{copy + 1}）" if copy else ""),
                    category=category,
                    place=place,
                    summary=f"{title}，欢迎会员报名参加，名额{capacity}人，额满后可排队候补。",
                    body=(
                        f"**时间**：{start:%m月%d日}\n\n**地点**：{place}\n\n"
                        "请携带身份证准时参加。如不能参加，请提前在“我的活动”中取消报名，"
                        "把名额让给候补的会员。"
                    ),
                    audience=audience,
                    signup_enabled=True,
                    signup_opens_at=now - datetime.timedelta(days=3),
                    signup_closes_at=start - datetime.timedelta(hours=12),
                    capacity=capacity,
                )
            )
    return events
