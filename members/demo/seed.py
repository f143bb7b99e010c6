"""The work summary's figures of unions, members and honours for 2015–2022, per unit of
scale, and the demo county's volumes."""

import datetime

from ..models.employers import Industry

PERIOD_START = datetime.date(2015, 1, 1)
PERIOD_END = datetime.date(2022, 12, 31)

# The seed's figures for 2015-2022, per unit of scale.
NEW_UNIONS = 182
NEW_UNION_MEMBERS = 11_310
HONOURS_IN_PERIOD = {  # HonourTitle.key -> count
    "national_advanced_worker": 1,
    "national_model_worker": 1,
    "national_pioneer_collective": 1,
    "municipal_model_worker": 10,
    "municipal_may_day_medal": 8,
    "municipal_may_day_award": 14,  # with the 10 pioneer teams: the seed's 24 collectives
    "municipal_pioneer_collective": 10,
    "county_craftsman": 19,
    "county_good_person": 6,  # not a summary figure
}
HONOURS_LATER = {  # 2023 onwards, per unit of scale
    "municipal_model_worker": 2,
    "municipal_may_day_medal": 3,
    "municipal_pioneer_collective": 3,
    "county_craftsman": 8,
    "county_good_person": 4,
}

UNIONS_BEFORE = 40
UNIONS_LATER = 30
EMPLOYERS = 2_700
MEMBERS = 10_500  # scale 100 gives over a million members (1,050,000), a municipality's size
BATCH = 2_000
MEMBER_BATCH = 20_000  # rows per COPY (bounded memory)

INDUSTRY_UNIONS = [
    ("县教育工会", Industry.EDUCATION),
    ("县卫生健康工会", Industry.HEALTH),
    ("县交通运输工会", Industry.TRANSPORT),
    ("县建设工会", Industry.CONSTRUCTION),
    ("县商贸流通工会", Industry.TRADE),
]

EMPLOYER_WORDS = [
    "农业", "茶业", "林业", "建材", "建筑", "物流", "商贸", "食品", "酒业", "旅游",
    "电子", "服装", "医药", "矿业", "水电", "餐饮", "家政", "物业", "汽修", "印务",
]  # fmt: skip
EMPLOYER_FORMS = ["有限公司", "有限责任公司", "专业合作社", "股份有限公司"]
