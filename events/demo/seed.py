"""The six captioned events of 2022 (the seed), the yearly calendar since 2023 and the
upcoming events with sign-up open."""

import datetime

from ..models import Audience, EventCategory

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
