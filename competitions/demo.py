"""Demo records: the competitions of the 2015–2022 work summary, and plausible later ones.

At scale 1 the summary's figures for 2015-01-01..2022-12-31 come out exactly: 36
competitions held, 127 employers taking part, 2,763 entries, 62 star titles (from the
municipal online competition). At scale N every figure is N times as large: the seed block
is repeated N times, each repetition with its own 127 employers.

Built on the members demo: employers and members are taken from the database.
"""

import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from members.models import Employer, Member, UnionOrganisation
from yuyang_union.demo.loading import copy_rows
from yuyang_union.history.actors import system_actor

from .models import (
    HELD_STATUSES,
    Competition,
    CompetitionEvent,
    CompetitionStatus,
    CompetitionTitle,
    CoOrganiser,
    Entry,
    Participation,
    TitleKind,
)
from .services import compute_ranks, promote_to_honour

SEED_EMPLOYERS = 127
SEED_STAR_TITLES = 62
BATCH = 2000
MEMBER_POOL = 50_000

CO_ORGANISERS = {
    "人社": ("酉阳县人力资源和社会保障局", "县人社局"),
    "工商联": ("酉阳县工商业联合会", "县工商联"),
    "应急": ("酉阳县应急管理局", "县应急局"),
    "住建": ("酉阳县住房和城乡建设委员会", "县住建委"),
    "交通": ("酉阳县交通运输委员会", "县交通委"),
    "文旅": ("酉阳县文化和旅游发展委员会", "县文旅委"),
    "卫健": ("酉阳县卫生健康委员会", "县卫健委"),
    "商务": ("酉阳县商务委员会", "县商务委"),
    "农业": ("酉阳县农业农村委员会", "县农业农村委"),
}

# (start, days, name, kind, level, co-organisers, events, entries, employers, star titles)
SEED = [
    ("2015-04-28", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 30, 30, 0),
    ("2015-06-10", 90, "重点项目建设劳动竞赛", "labour", "county", ["住建"],
     ["工程质量", "安全文明施工"], 60, 12, 0),
    ("2015-09-22", 2, "职工职业技能竞赛（电工）", "skill", "county", ["人社"],
     ["维修电工"], 45, 10, 0),
    ("2016-04-26", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 32, 30, 0),
    ("2016-06-15", 30, "“安全伴我行”安全文艺创作比赛", "safety_art", "county", ["应急"],
     ["文学作品", "书画摄影"], 40, 15, 0),
    ("2016-08-18", 2, "职工职业技能竞赛（中式烹调）", "skill", "county", ["人社", "商务"],
     ["中式烹调", "面点"], 48, 10, 0),
    ("2016-10-12", 60, "城乡建设劳动竞赛", "labour", "county", ["住建"],
     ["工程质量", "安全文明施工"], 55, 12, 0),
    ("2017-04-25", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 34, 30, 0),
    ("2017-06-20", 2, "职工职业技能竞赛（焊工）", "skill", "county", ["人社"],
     ["电焊", "气焊"], 42, 10, 0),
    ("2017-07-05", 120, "交通建设项目劳动竞赛", "labour", "county", ["交通"],
     ["路基路面", "桥梁隧道"], 58, 12, 0),
    ("2017-09-14", 1, "职工技能竞赛（茶艺）", "skill", "county", ["文旅", "农业"],
     ["茶艺表演", "茶叶品鉴"], 36, 10, 0),
    ("2018-04-24", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 36, 30, 0),
    ("2018-05-08", 45, "“安全伴我行”安全文艺创作比赛", "safety_art", "county", ["应急"],
     ["文学作品", "书画摄影"], 44, 15, 0),
    ("2018-06-01", 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online",
     "municipal", [], ["技能比拼", "创新成果", "劳动竞赛", "优质服务"], 180, 25, 8),
    ("2018-08-23", 2, "农村电商技能竞赛", "skill", "county", ["商务"],
     ["网店运营", "直播带货"], 50, 10, 0),
    ("2018-10-17", 2, "护理技能竞赛", "skill", "county", ["卫健"],
     ["基础护理", "急救技能"], 40, 10, 0),
    ("2019-04-23", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 38, 30, 0),
    ("2019-05-20", 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online",
     "municipal", [], ["技能比拼", "创新成果", "劳动竞赛", "优质服务"], 220, 25, 10),
    ("2019-06-18", 2, "职工职业技能竞赛（汽车维修）", "skill", "county", ["人社", "交通"],
     ["汽车机修", "汽车电工"], 46, 10, 0),
    ("2019-07-01", 150, "脱贫攻坚项目劳动竞赛", "labour", "county", ["农业"],
     ["产业项目", "基础设施"], 62, 12, 0),
    ("2019-09-26", 1, "导游讲解技能竞赛", "skill", "county", ["文旅"],
     ["导游讲解"], 38, 10, 0),
    ("2020-04-28", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 40, 30, 0),
    ("2020-06-09", 45, "“安全伴我行”安全文艺创作比赛", "safety_art", "county", ["应急"],
     ["文学作品", "书画摄影"], 52, 15, 0),
    ("2020-06-15", 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online",
     "municipal", [], ["技能比拼", "创新成果", "劳动竞赛", "优质服务"], 260, 25, 12),
    ("2020-10-20", 2, "农业技术技能竞赛", "skill", "county", ["农业", "人社"],
     ["果树修剪", "植保"], 56, 10, 0),
    ("2021-04-27", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 42, 30, 0),
    ("2021-05-18", 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online",
     "municipal", [], ["技能比拼", "创新成果", "劳动竞赛", "优质服务"], 300, 25, 14),
    ("2021-06-22", 2, "职工职业技能竞赛（电工）", "skill", "county", ["人社"],
     ["维修电工", "电气安装"], 50, 10, 0),
    ("2021-07-06", 150, "乡村振兴项目劳动竞赛", "labour", "county", ["农业", "住建"],
     ["产业项目", "基础设施"], 66, 12, 0),
    ("2021-09-15", 2, "民族刺绣技能竞赛", "skill", "county", ["文旅", "人社"],
     ["土家织锦", "苗绣"], 44, 10, 0),
    ("2022-04-26", 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"],
     ["安全知识竞答"], 44, 30, 0),
    ("2022-05-10", 45, "“安全伴我行”安全文艺创作比赛", "safety_art", "county", ["应急"],
     ["文学作品", "书画摄影"], 56, 15, 0),
    ("2022-05-16", 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online",
     "municipal", [], ["技能比拼", "创新成果", "劳动竞赛", "优质服务"], 320, 25, 18),
    ("2022-08-16", 2, "快递外卖从业人员技能竞赛", "skill", "county", ["商务", "交通"],
     ["快件分拣", "安全驾驶"], 90, 10, 0),
    ("2022-09-01", 1, "集体协商竞赛", "bargaining", "county", ["人社", "工商联"],
     ["集体协商模拟谈判"], 24, 12, 0),
    ("2022-10-25", 2, "养老护理员技能竞赛", "skill", "county", ["卫健", "人社"],
     ["生活照料", "基础护理"], 85, 10, 0),
]  # fmt: skip

# Later years: (month, day, days, name, kind, level, co-organisers, events)
LATER = [
    (4, 25, 1, "“安康杯”安全生产知识竞赛", "ankang_cup", "county", ["应急"], ["安全知识竞答"]),
    (5, 15, 150, "重庆市“当好主人翁，建功新时代”网上劳动和技能竞赛", "online", "municipal", [],
     ["技能比拼", "创新成果", "劳动竞赛", "优质服务"]),
    (6, 20, 2, "职工职业技能竞赛（电工）", "skill", "county", ["人社"], ["维修电工"]),
    (9, 8, 1, "集体协商竞赛", "bargaining", "county", ["人社", "工商联"], ["集体协商模拟谈判"]),
    (11, 18, 30, "“安全伴我行”安全文艺创作比赛", "safety_art", "county", ["应急"],
     ["文学作品", "书画摄影"]),
    (12, 10, 2, "职工职业技能竞赛（中式烹调）", "skill", "county", ["人社", "商务"],
     ["中式烹调", "面点"]),
]  # fmt: skip
LATER_YEARS = [2023, 2024, 2025, 2026]
STAR_KINDS = [
    TitleKind.SKILL_STAR,
    TitleKind.INNOVATION_STAR,
    TitleKind.LABOUR_STAR,
    TitleKind.SERVICE_STAR,
]


def _co_organisers():
    records = {}
    for key, (name, short) in CO_ORGANISERS.items():
        records[key], _created = CoOrganiser.objects.get_or_create(
            name=name, defaults={"short_name": short}
        )
    return records


def _status_for(starts_on, ends_on, today):
    if ends_on < today - datetime.timedelta(days=20):
        return CompetitionStatus.PUBLISHED
    if ends_on < today:
        return CompetitionStatus.FINISHED
    if starts_on <= today:
        return CompetitionStatus.UNDER_WAY
    if starts_on <= today + datetime.timedelta(days=30):
        return CompetitionStatus.OPEN
    return CompetitionStatus.PLANNED


class _Builder:
    """Collects unsaved records, then writes them in bulk (entries by COPY)."""

    def __init__(self, rng, members, organiser, co_organisers):
        self.rng = rng
        self.members = members  # [(member id, employer id or None)]
        self.organiser = organiser
        self.co_organisers = co_organisers
        self.plans = []  # (competition, co keys, events, entries, employer ids, star titles)

    def plan(self, *, name, kind, level, starts_on, days, status, co, events, entries,
             employer_ids, stars):  # fmt: skip
        competition = Competition(
            name=name,
            kind=kind,
            level=level,
            status=status,
            organiser=self.organiser,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days - 1),
            place="酉阳县" if kind == "online" else self.rng.choice(["桃花源街道", "钟多街道"]),
            description="",
        )
        self.plans.append((competition, co, events, entries, employer_ids, stars))

    def write(self):
        competitions = Competition.objects.bulk_create([p[0] for p in self.plans])
        through = Competition.co_organisers.through
        through.objects.bulk_create(
            [
                through(competition_id=c.pk, coorganiser_id=self.co_organisers[key].pk)
                for c, co, *_rest in self.plans
                for key in co
            ]
        )
        events, participations = [], []
        for competition, _co, names, _entries, employer_ids, _stars in self.plans:
            events.append(
                [
                    CompetitionEvent(competition=competition, name=name, ordering=position)
                    for position, name in enumerate(names)
                ]
            )
            participations += [
                Participation(competition=competition, employer_id=employer_id)
                for employer_id in employer_ids
            ]
        copy_rows(CompetitionEvent, [e for group in events for e in group], with_ids=True)
        copy_rows(Participation, participations)

        entries, titles = [], []
        for (competition, _co, _names, count, employer_ids, stars), event_group in zip(
            self.plans, events, strict=True
        ):
            participants = set(employer_ids)
            chosen = []
            for index, event in enumerate(event_group):
                share = count // len(event_group) + (1 if index < count % len(event_group) else 0)
                for member_id, employer_id in self.rng.sample(self.members, share):
                    if employer_id not in participants:
                        employer_id = self.rng.choice(employer_ids)
                    score = Decimal(self.rng.randrange(120, 200)) / 2  # 60.0 .. 99.5
                    entry = Entry(
                        event=event, member_id=member_id, employer_id=employer_id, score=score
                    )
                    entries.append(entry)
                    chosen.append((member_id, employer_id))
            if stars:
                winners = self.rng.sample(sorted(dict(chosen).items()), stars)
                titles += [
                    CompetitionTitle(
                        competition=competition,
                        member_id=member_id,
                        employer_id=employer_id,
                        kind=STAR_KINDS[position % len(STAR_KINDS)],
                        awarded_on=competition.ends_on,
                    )
                    for position, (member_id, employer_id) in enumerate(winners)
                ]
        copy_rows(Entry, entries)
        CompetitionTitle.objects.bulk_create(titles, BATCH)
        competition_ids = [c.pk for c, *_rest in self.plans]
        compute_ranks(competition_ids=competition_ids)
        _award_by_rank(competition_ids)
        return competitions


def _award_by_rank(competition_ids):
    """Prizes from ranks: 1st first prize, 2nd–3rd second, 4th–6th third, 7th–10th excellence."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE competitions_entry AS e SET award = CASE
                WHEN e.rank = 1 THEN 'first'
                WHEN e.rank <= 3 THEN 'second'
                WHEN e.rank <= 6 THEN 'third'
                WHEN e.rank <= 10 THEN 'excellence'
                ELSE 'none' END
            FROM competitions_competitionevent AS ev
            WHERE ev.id = e.event_id AND ev.competition_id = ANY(%s) AND e.rank IS NOT NULL
            """,
            [competition_ids],
        )


@transaction.atomic
def load(*, scale=1, rng, today=None):
    """Build the competitions of 2015–2022 (seed figures × scale) and of 2023 until today."""
    today = today or timezone.localdate()
    employer_ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True))
    needed = SEED_EMPLOYERS * scale
    if len(employer_ids) < needed:
        raise ValueError(
            f"The competitions demo needs {needed} employers; the database has "
            f"{len(employer_ids)}. Load the members demo first."
        )
    # Entrants are drawn from the first members (enough for any event, bounded in memory).
    members = list(
        Member.objects.active().order_by("pk").values_list("pk", "employer_id")[:MEMBER_POOL]
    )
    largest_event = max(-(-entries // len(events)) for *_x, events, entries, _e, _s in SEED)
    if len(members) < largest_event:
        raise ValueError(
            f"The competitions demo needs {largest_event} active members; "
            f"the database has {len(members)}."
        )
    organiser = UnionOrganisation.objects.get_first_root_node()
    builder = _Builder(rng, members, organiser, _co_organisers())

    for block in range(scale):
        pool = employer_ids[block * SEED_EMPLOYERS : (block + 1) * SEED_EMPLOYERS]
        # Every employer of the block takes part somewhere, then competitions fill up.
        assigned = [[] for _spec in SEED]
        for position, employer_id in enumerate(pool):
            assigned[position % len(SEED)].append(employer_id)
        suffix = f"（第{block + 1}组）" if block else ""
        for spec, own in zip(SEED, assigned, strict=True):
            start, days, name, kind, level, co, events, entries, n_employers, stars = spec
            others = [e for e in pool if e not in own]
            chosen = own + rng.sample(others, n_employers - len(own))
            starts_on = datetime.date.fromisoformat(start)
            builder.plan(
                name=f"{starts_on.year}年{name}{suffix}", kind=kind, level=level,
                starts_on=starts_on, days=days, status=CompetitionStatus.PUBLISHED, co=co,
                events=events, entries=entries, employer_ids=chosen, stars=stars,
            )  # fmt: skip

    for year in LATER_YEARS:
        for block in range(scale):
            suffix = f"（第{block + 1}组）" if block else ""
            for month, day, days, name, kind, level, co, events in LATER:
                starts_on = datetime.date(year, month, day)
                ends_on = starts_on + datetime.timedelta(days=days - 1)
                status = _status_for(starts_on, ends_on, today)
                taken_place = status in HELD_STATUSES
                n_employers = 25 if kind in ("ankang_cup", "online") else 10
                builder.plan(
                    name=f"{year}年{name}{suffix}", kind=kind, level=level, starts_on=starts_on,
                    days=days, status=status, co=co, events=events,
                    entries=rng.randrange(30, 90) * len(events) // 2 if taken_place else 0,
                    employer_ids=rng.sample(employer_ids, n_employers),
                    stars=rng.randrange(8, 16) if kind == "online" and taken_place else 0,
                )  # fmt: skip
    competitions = builder.write()

    # The 2022 stars of the first block were recorded as municipal honours.
    actor = system_actor()
    last_online = next(c for c in competitions if c.kind == "online" and c.starts_on.year == 2022)
    for title in CompetitionTitle.objects.filter(competition=last_online).select_related(
        "competition", "member__union", "employer"
    ):
        promote_to_honour(actor=actor, record=title)
    return competitions
