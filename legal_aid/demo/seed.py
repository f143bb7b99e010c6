"""The work summary's legal-service figures for 2015–2022, per unit of scale, and the
demo's lists."""

import datetime
from decimal import Decimal

SEED_START = datetime.date(2015, 1, 1)
SEED_END = datetime.date(2022, 12, 31)
SEED_YEARS = list(range(2015, 2023))

CONSULTATIONS, CONSULTATION_WORKERS = 137, 1298
OUTREACH_EVENTS, OUTREACH_ATTENDANCE = 17, 12000
MEDIATIONS, MEDIATION_WORKERS, MEDIATION_RECOVERED = 11, 29, Decimal("353000")
AID_CASES, AID_WORKERS, AID_RECOVERED = 18, 162, Decimal("2540000")
INJURY_APPRAISALS, RETIREMENT_APPRAISALS = 241, 12
CONTRACTS, CONTRACT_EMPLOYERS = 312, 2527
MUNICIPAL_3A = 7
LAW_TO_ENTERPRISE_DAY = datetime.date(2022, 6, 23)

BATCH = 2000
# Workers who are not members (applicants, appraised people) were born in these years.
ADULTS_FROM, ADULTS_TO = datetime.date(1962, 1, 1), datetime.date(2000, 12, 31)
FIRMS = ["重庆酉州律师事务所", "重庆桃花源律师事务所", "重庆武陵山律师事务所", "重庆乌江律师事务所"]
PLACES = ["桃花源广场", "钟多街道文化广场", "龙潭镇农贸市场", "酉阳工业园区", "县职教中心"]
EMPLOYER_WORDS = ["建筑劳务", "农业开发", "旅游开发", "商贸", "物流", "食品", "矿业", "酒店管理"]
