"""The work summary's welfare figures for 2015–2022, per unit of scale, and the demo's lists."""

import datetime
from decimal import Decimal

from ..models import SchoolLevel

SEED_START = datetime.date(2015, 1, 1)
SEED_END = datetime.date(2022, 12, 31)
SEED_YEARS = list(range(2015, 2023))

HOUSEHOLDS = 489
WARMTH_MONEY = Decimal("5290000")
WARMTH_VISITS = 615
EDUCATION_MONEY = Decimal("2960000")
EDUCATION_STUDENTS = 668
JOBS = 4187
# Enrolments per year, rising every year ("参加人数和保障待遇逐年提高"); they sum to 10,900.
ENROLMENTS_BY_YEAR = [1000, 1150, 1250, 1350, 1450, 1500, 1550, 1650]
MUTUAL_AID_PLANS = ["住院医疗互助保障", "重大疾病互助保障"]
WORKER_HOMES = 36
OUTDOOR_STATIONS = 6
CHECKUPS = 1572
CHECKUP_ROUNDS = 12

BATCH = 2000

SCHOOLS = {
    SchoolLevel.HIGH_SCHOOL: ["酉阳第一中学", "酉阳第二中学", "酉阳民族中学"],
    SchoolLevel.VOCATIONAL: ["酉阳职业教育中心", "重庆工业职业技术学院"],
    SchoolLevel.COLLEGE: ["重庆城市管理职业学院", "重庆电子工程职业学院"],
    SchoolLevel.UNIVERSITY: ["重庆大学", "西南大学", "长江师范学院", "重庆师范大学"],
}
