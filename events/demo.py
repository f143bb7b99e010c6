"""Demo events: the six 2022 events of the seed with their write-ups and photos, a plausible
2023–today, and upcoming events with sign-up open. Pictures are drawn here with Pillow
(nothing is downloaded) and stored through Django's storage API.

At scale N every volume is N times larger: the 2015–2022 figures are N times the seed's six
events (the summary publishes no event totals, so the six captioned events are the record).
"""

import datetime
import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from members.models import Member, Township, UnionOrganisation

from .images import make_thumbnail
from .models import (
    Audience,
    Event,
    EventCategory,
    EventPhoto,
    EventStatus,
    Registration,
    RegistrationStatus,
)

CREDIT = "县总工会"
BATCH = 2000

# (date, hour, category, title, place, township, co-organisers, attendance, summary, caption)
SEED_EVENTS = [
    (
        datetime.date(2022, 6, 7),
        9,
        EventCategory.HEALTH,
        "花田乡职工公益体检",
        "花田乡卫生院",
        "花田乡",
        "",
        160,
        "县总工会组织人员到花田乡开展公益体检，为一线职工免费检查身体。",
        "2022年6月7日，县总工会组织人员到花田乡开展公益体检。",
    ),
    (
        datetime.date(2022, 6, 17),
        14,
        EventCategory.TRAINING,
        "职工心理健康服务体系培训会",
        "县总工会职工服务中心培训室",
        "桃花源街道",
        "",
        85,
        "县总工会开展职工心理健康服务体系培训会，提升基层工会干部心理关爱服务能力。",
        "2022年6月17日，县总工会开展职工心理健康服务体系培训会。",
    ),
    (
        datetime.date(2022, 6, 23),
        9,
        EventCategory.LEGAL,
        "送法进企业",
        "县工业园区企业职工活动室",
        "钟多街道",
        "",
        120,
        "县总工会开展送法进企业活动，为职工讲解劳动合同、工资支付和工伤保险等法律知识。",
        "2022年6月23日，县总工会开展送法进企业活动。",
    ),
    (
        datetime.date(2022, 9, 1),
        9,
        EventCategory.COMPETITION,
        "集体协商竞赛",
        "县职工活动中心",
        "桃花源街道",
        "县人社局、县工商联",
        96,
        "县总工会与县人社局、工商联联合开展集体协商竞赛活动，以赛促建，推动企业集体协商。",
        "2022年9月1日，县总工会与县人社局、工商联联合开展集体协商竞赛活动。",
    ),
    (
        datetime.date(2022, 9, 20),
        14,
        EventCategory.SOCIAL,
        "“酉缘遇见”婚恋活动",
        "桃花源景区",
        "桃花源街道",
        "",
        110,
        "县总工会开展“酉缘遇见”婚恋活动，为单身职工搭建交友平台。",
        "2022年9月20日，县总工会开展“酉缘遇见”婚恋活动。",
    ),
    (
        # The seed says only "2022年夏": the demo puts the visit in late July.
        datetime.date(2022, 7, 26),
        9,
        EventCategory.RELIEF,
        "市总工会来酉开展“炎夏送清凉”慰问活动",
        "县城户外劳动者服务站点",
        "钟多街道",
        "重庆市总工会",
        200,
        "市总工会来酉开展“炎夏送清凉”慰问活动，为高温下坚守岗位的户外劳动者送去防暑降温物资。",
        "2022年夏，市总工会来酉开展“炎夏送清凉”慰问活动。",
    ),
]

# Plausible recurring events for 2023 onwards: (month, category, title, place, township).
YEARLY_EVENTS = [
    (3, EventCategory.LEGAL, "“三八”维权周普法宣传", "县城广场", "桃花源街道"),
    (4, EventCategory.HEALTH, "女职工“两癌”筛查", "县妇幼保健院", "钟多街道"),
    (5, EventCategory.CULTURE, "“五一”职工健步走", "酉州古城", "钟多街道"),
    (6, EventCategory.HEALTH, "职工公益体检", "龙潭镇卫生院", "龙潭镇"),
    (7, EventCategory.RELIEF, "“炎夏送清凉”慰问户外劳动者", "县城户外劳动者服务站点", "钟多街道"),
    (8, EventCategory.TRAINING, "基层工会干部培训班", "县总工会培训室", "桃花源街道"),
    (9, EventCategory.SOCIAL, "“酉缘遇见”单身职工联谊", "桃花源景区", "桃花源街道"),
    (10, EventCategory.COMPETITION, "职业技能竞赛", "县职业教育中心", "钟多街道"),
    (11, EventCategory.LEGAL, "送法进企业", "龚滩镇企业职工之家", "龚滩镇"),
    (12, EventCategory.CULTURE, "职工迎新年文艺汇演", "县文化馆", "桃花源街道"),
]

UPCOMING_EVENTS = [
    # (category, title, place, township, capacity, audience)
    (EventCategory.HEALTH, "职工公益体检（报名）", "县人民医院", "钟多街道", 60, Audience.ALL),
    (EventCategory.HEALTH, "女职工健康讲座", "县职工服务中心", "桃花源街道", 40, Audience.WOMEN),
    (EventCategory.TRAINING, "职工心理健康讲座", "县总工会培训室", "桃花源街道", 50, Audience.ALL),
    (EventCategory.SOCIAL, "“酉缘遇见”冬日联谊", "桃花源景区", "桃花源街道", 30, Audience.ALL),
    (EventCategory.CULTURE, "职工迎新春书法送春联", "酉州古城", "钟多街道", 80, Audience.ALL),
    (EventCategory.LEGAL, "劳动法律知识讲座", "龙潭镇企业职工之家", "龙潭镇", 45, Audience.ALL),
    (EventCategory.CULTURE, "职工气排球友谊赛", "县体育馆", "钟多街道", 24, Audience.ALL),
    (EventCategory.TRAINING, "电商直播技能培训", "县职业教育中心", "钟多街道", 40, Audience.ALL),
]

PALETTES = {
    EventCategory.HEALTH: ((214, 238, 245), (46, 139, 87)),
    EventCategory.TRAINING: ((240, 235, 220), (70, 90, 160)),
    EventCategory.LEGAL: ((235, 235, 245), (150, 30, 40)),
    EventCategory.COMPETITION: ((250, 240, 215), (200, 60, 30)),
    EventCategory.SOCIAL: ((250, 228, 235), (210, 70, 120)),
    EventCategory.RELIEF: ((255, 244, 214), (0, 120, 190)),
    EventCategory.CULTURE: ((230, 245, 230), (180, 120, 20)),
    EventCategory.OTHER: ((238, 238, 238), (90, 90, 90)),
}


def draw_picture(*, category, variant, rng, size=(960, 640)):
    """A simple scene (sky, hills of Youyang, a red banner and a crowd) as JPEG bytes."""
    sky, accent = PALETTES[category]
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for band in range(3):  # hills
        top = int(height * (0.45 + 0.1 * band))
        shade = tuple(max(0, c - 40 * (band + 1)) for c in (120, 170, 110))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, top + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    draw.rectangle([width * 0.1, height * 0.12, width * 0.9, height * 0.24], fill=(200, 16, 46))
    banner_edge = [width * 0.12, height * 0.14, width * 0.88, height * 0.22]
    draw.rectangle(banner_edge, outline=(255, 210, 0))
    for _person in range(18 + variant * 3):  # the crowd
        x = rng.randint(20, width - 20)
        y = rng.randint(int(height * 0.62), height - 30)
        colour = accent if rng.random() < 0.5 else tuple(rng.randint(40, 220) for _ in range(3))
        draw.ellipse([x - 9, y - 30, x + 9, y - 12], fill=(240, 200, 160))
        draw.rectangle([x - 12, y - 12, x + 12, y + 26], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _picture(key, category, variant):
    """(image name, thumbnail name) of a drawn picture, stored through the storage API.

    Drawn with its own generator seeded by the key, so a picture is the same on every run
    and a second load reuses the stored files instead of piling up copies.
    """
    image_name = f"events/demo/{key}.jpg"
    thumb_name = f"events/demo/{key}-thumb.jpg"
    if not (default_storage.exists(image_name) and default_storage.exists(thumb_name)):
        drawing_rng = random.Random(key)  # noqa: S311 (shapes in a picture, not a secret)
        content = draw_picture(category=category, variant=variant, rng=drawing_rng)
        for name in (image_name, thumb_name):
            if default_storage.exists(name):
                default_storage.delete(name)
        image_name = default_storage.save(image_name, ContentFile(content))
        thumb_name = default_storage.save(thumb_name, make_thumbnail(io.BytesIO(content)))
    return image_name, thumb_name


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(*, scale=1, rng):
    with transaction.atomic():
        county = UnionOrganisation.objects.get_first_root_node()
        townships = {t.name: t for t in Township.objects.all()}
        pictures = {}

        def picture(key, category, variant):
            if key not in pictures:
                pictures[key] = _picture(key, category, variant)
            return pictures[key]

        events = []
        photos_for = []  # (event index, [(image, thumb, caption)])
        for copy in range(scale):
            for index, seed in enumerate(SEED_EVENTS):
                day, hour, category, title, place, township, co, attendance, summary, caption = seed
                cover, cover_thumb = picture(f"seed-{index}-cover", category, 1)
                shift = datetime.timedelta(days=copy % 60)  # copies spread over the year
                start = _aware(day - shift if copy else day, hour)
                events.append(
                    Event(
                        title=title if copy == 0 else f"{title}（{copy + 1}）",
                        category=category,
                        organiser=county,
                        co_organisers=co,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=3),
                        place=place,
                        township=townships.get(township),
                        summary=summary,
                        body=f"{caption}\n\n活动现场照片见下。",
                        cover=cover,
                        cover_thumbnail=cover_thumb,
                        status=EventStatus.PUBLISHED,
                        attendance_count=attendance,
                    )
                )
                gallery = [(cover, cover_thumb, caption)]
                second, second_thumb = picture(f"seed-{index}-photo", category, 2)
                gallery.append((second, second_thumb, caption))
                photos_for.append((len(events) - 1, gallery))

        now = timezone.now()
        today = timezone.localdate()
        for year in range(2023, today.year + 1):
            for copy in range(scale):
                for month, category, title, place, township in YEARLY_EVENTS:
                    day = datetime.date(year, month, min(28, 5 + rng.randrange(20)))
                    start = _aware(day, rng.choice([9, 14]))
                    if start > now - datetime.timedelta(days=2):
                        continue  # the future comes below, with sign-up
                    cover, cover_thumb = picture(f"yearly-{category}", category, 3)
                    events.append(
                        Event(
                            title=f"{year}年{title}" + (f"（{copy + 1}）" if copy else ""),
                            category=category,
                            organiser=county,
                            starts_at=start,
                            ends_at=start + datetime.timedelta(hours=3),
                            place=place,
                            township=townships.get(township),
                            summary=f"县总工会{year}年{title}。",
                            body=f"{year}年{month}月，县总工会开展{title}活动。",
                            cover=cover,
                            cover_thumbnail=cover_thumb,
                            status=EventStatus.PUBLISHED,
                            attendance_count=rng.randint(40, 220),
                        )
                    )

        upcoming_start = len(events)
        for copy in range(scale):
            for offset, (category, title, place, township, capacity, audience) in enumerate(
                UPCOMING_EVENTS
            ):
                day = today + datetime.timedelta(days=5 + offset * 4 + copy % 30)
                start = _aware(day, 9 if offset % 2 else 14, 30)
                cover, cover_thumb = picture(f"upcoming-{category}", category, 4)
                events.append(
                    Event(
                        title=title + (f"（{copy + 1}）" if copy else ""),
                        category=category,
                        organiser=county,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=2),
                        place=place,
                        township=townships.get(township),
                        summary=f"{title}，欢迎会员报名参加，名额{capacity}人，额满后可排队候补。",
                        body=(
                            f"**时间**：{start:%m月%d日}\n\n**地点**：{place}\n\n"
                            "请携带身份证准时参加。如不能参加，请提前在“我的活动”中取消报名，"
                            "把名额让给候补的会员。"
                        ),
                        cover=cover,
                        cover_thumbnail=cover_thumb,
                        status=EventStatus.PUBLISHED,
                        audience=audience,
                        signup_enabled=True,
                        signup_opens_at=now - datetime.timedelta(days=3),
                        signup_closes_at=start - datetime.timedelta(hours=12),
                        capacity=capacity,
                    )
                )

        Event.objects.bulk_create(events, batch_size=BATCH)
        photos = [
            EventPhoto(
                event=events[index],
                image=image,
                thumbnail=thumb,
                caption=caption,
                credit=CREDIT,
                ordering=position,
            )
            for index, gallery in photos_for
            for position, (image, thumb, caption) in enumerate(gallery)
        ]
        EventPhoto.objects.bulk_create(photos, batch_size=BATCH)
        _registrations(events[upcoming_start:], rng=rng, now=now)


def _registrations(events, *, rng, now):
    """Some members have signed up for the upcoming events (a few on the waiting list)."""
    members = list(Member.objects.active().values_list("pk", "sex")[:5000])
    if not members:
        return
    women = [pk for pk, sex in members if sex == "F"]
    everyone = [pk for pk, _sex in members]
    registrations = []
    for event in events:
        pool = women if event.audience == Audience.WOMEN else everyone
        if event.category == EventCategory.SOCIAL:
            wanted = min(len(pool), event.capacity + 4)  # popular: a waiting list forms
        else:
            wanted = min(len(pool), rng.randint(event.capacity // 3, event.capacity))
        for position, member_id in enumerate(rng.sample(pool, wanted)):
            registrations.append(
                Registration(
                    event=event,
                    member_id=member_id,
                    status=(
                        RegistrationStatus.REGISTERED
                        if position < event.capacity
                        else RegistrationStatus.WAITING
                    ),
                    queued_at=now - datetime.timedelta(minutes=10 * (wanted - position)),
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    if registrations:
        _demo_member_login(registrations[0].member_id)


DEMO_MEMBER_USERNAME = "huiyuan"
# Printed by `load_demo --print-logins` beside the staff logins.
DEMO_LOGINS = [(DEMO_MEMBER_USERNAME, "会员（我的活动）")]


def _demo_member_login(member_id):
    """A member login (`huiyuan`, the demo password) for trying "my events" at once."""
    password = getattr(settings, "DEMO_PASSWORD", "")
    User = get_user_model()
    if not password or User.objects.filter(username=DEMO_MEMBER_USERNAME).exists():
        return
    member = Member.objects.get(pk=member_id)
    if member.user_id is not None:
        return
    user = User(username=DEMO_MEMBER_USERNAME, first_name=member.name)
    user.set_password(password)
    user.save()
    member.user = user
    member.save(update_fields=["user", "updated_at"])
