"""Demo county for `make run`: the union tree, employers, members and honours.

At scale 1 the figures for 2015-01-01..2022-12-31 equal the seed's work summary exactly:
182 unions founded bringing in 11,310 members, and the honours it lists; at scale N, N times
them. Around them: older unions (the township and industry unions, grassroots unions founded
before 2015) and newer ones (2023 to today), so a period's figures must really filter.

Volumes are written fast (scale 100 is a million members): employers and members with
PostgreSQL COPY (`yuyang_union.demo.loading.copy_rows`), unions with bulk_create and tree
paths computed here rather than one treebeard add_child each. COPY skips Model.save, so each
member's birth date and sex are derived here, and `copy_rows` encrypts the identifiers and
fills their digest columns.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from yuyang_union.demo.kit import (
    IDNumbers,
    credit_code,
    ethnicity_for,
    mobile,
    person_name,
    random_date,
    split_exact,
)
from yuyang_union.demo.loading import copy_rows
from yuyang_union.validators import id_birth_date, id_sex

from .models import (
    Employer,
    Honour,
    HonourTitle,
    Member,
    StaffProfile,
    Township,
    UnionOrganisation,
)
from .models.employers import Industry, Ownership
from .models.organisations import UnionKind
from .reference import EmploymentGroup

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


def load(*, scale=1, rng):
    today = timezone.localdate()
    root = UnionOrganisation.objects.get_first_root_node()
    townships = list(Township.objects.order_by("ordering", "pk"))
    top_unions = _top_unions(root, townships, rng)
    employers = _employers(townships, scale, rng)  # unsaved: their unions come first
    unions = _grassroots_unions(top_unions, townships, employers, scale, rng, today)
    _link_employers(employers, unions, top_unions, rng)
    members = _members(unions, top_unions, employers, scale, rng, today)
    _honours(members, employers, scale, rng)
    _attach_demo_officer(top_unions)


def _top_unions(root, townships, rng):
    """The 39 township/subdistrict unions and the county's industry unions (before 2015)."""
    unions = []
    for index, township in enumerate(townships, start=1):
        unions.append(
            UnionOrganisation.objects.add_child(
                root,
                {
                    "name": f"{township.name}总工会",
                    "code": f"YY-TS-{index:02d}",
                    "kind": UnionKind.TOWNSHIP_FEDERATION,
                    "township": township,
                    "founded_on": random_date(
                        rng, datetime.date(1984, 1, 1), datetime.date(2008, 12, 31)
                    ),
                    "founding_members": rng.randint(60, 400),
                    "chair_name": person_name(rng),
                },
            )
        )
    seat = townships[1] if len(townships) > 1 else None  # 钟多街道, the county seat
    for index, (name, _industry) in enumerate(INDUSTRY_UNIONS, start=1):
        unions.append(
            UnionOrganisation.objects.add_child(
                root,
                {
                    "name": name,
                    "code": f"YY-HY-{index:02d}",
                    "kind": UnionKind.INDUSTRY,
                    "township": seat,
                    "founded_on": random_date(
                        rng, datetime.date(1990, 1, 1), datetime.date(2012, 12, 31)
                    ),
                    "founding_members": rng.randint(200, 900),
                },
            )
        )
    return unions


def _employers(townships, scale, rng):
    ownerships = (
        [Ownership.PRIVATE] * 14
        + [Ownership.STATE] * 2
        + [Ownership.PUBLIC_INSTITUTION] * 2
        + [Ownership.SOCIAL_ORGANISATION, Ownership.FOREIGN]
    )
    industries = [choice for choice, _label in Industry.choices]
    employers = []
    for index in range(EMPLOYERS * scale):
        township = rng.choice(townships)
        short = township.name[:2]
        name = (
            f"酉阳县{short}{rng.choice(EMPLOYER_WORDS)}{_serial_word(index)}"
            f"{rng.choice(EMPLOYER_FORMS)}"
        )
        employers.append(
            Employer(
                name=name,
                credit_code=credit_code(index, kind=rng.choice(["91", "92", "52", "12"])),
                ownership=rng.choice(ownerships),
                industry=rng.choice(industries),
                township=township,
                headcount=rng.choice([rng.randint(3, 30), rng.randint(20, 300)]),
                is_new_economy=rng.random() < 0.15,
            )
        )
    return employers


def _serial_word(index):
    """A short distinguishing word for demo names: 甲一, 甲二 ... (names need not be unique)."""
    stems = "甲乙丙丁戊己庚辛壬癸"
    numbers = "一二三四五六七八九十"
    return (
        stems[index // 10 % 10] + numbers[index % 10] + (str(index // 100) if index >= 100 else "")
    )


def _grassroots_unions(top_unions, townships, employers, scale, rng, today):
    """Grassroots and joint unions under the township and industry unions, bulk-created."""
    periods = [
        (UNIONS_BEFORE * scale, datetime.date(2000, 1, 1), datetime.date(2014, 12, 31), None),
        (NEW_UNIONS * scale, PERIOD_START, PERIOD_END, NEW_UNION_MEMBERS * scale),
        (UNIONS_LATER * scale, datetime.date(2023, 1, 1), today, None),
    ]
    township_unions = [u for u in top_unions if u.kind == UnionKind.TOWNSHIP_FEDERATION]
    industry_unions = [u for u in top_unions if u.kind == UnionKind.INDUSTRY]
    children = {union.pk: union.numchild for union in top_unions}
    new_unions = []
    employer_pool = iter(rng.sample(employers, len(employers)))
    code = 0
    for count, start, end, founding_total in periods:
        founding = (
            split_exact(founding_total, count, rng, minimum=8)
            if founding_total
            else [rng.randint(10, 120) for _ in range(count)]
        )
        for members_at_founding in founding:
            code += 1
            parent = rng.choice(industry_unions if rng.random() < 0.12 else township_unions)
            joint = rng.random() < 0.25
            if joint:
                township = parent.township or rng.choice(townships)
                name = f"{township.name}{rng.choice(EMPLOYER_WORDS)}行业联合工会{code}"
                anchor = None
            else:
                anchor = next(employer_pool)
                township = anchor.township
                name = f"{anchor.name}工会"
            children[parent.pk] += 1
            union = UnionOrganisation(
                path=UnionOrganisation._get_path(
                    parent.path, parent.depth + 1, children[parent.pk]
                ),
                depth=parent.depth + 1,
                numchild=0,
                name=name[:120],
                code=f"YY-JC-{code:05d}",
                kind=UnionKind.JOINT if joint else UnionKind.GRASSROOTS,
                township=township,
                founded_on=random_date(rng, start, end),
                founding_members=members_at_founding,
                chair_name=person_name(rng),
            )
            union.anchor_employer = anchor
            new_unions.append(union)
    # bulk_create returns the same objects, so anchor_employer stays on them.
    created = UnionOrganisation.objects.bulk_create(new_unions, batch_size=BATCH)
    for parent in top_unions:
        parent.numchild = children[parent.pk]
    UnionOrganisation.objects.bulk_update(top_unions, ["numchild"], batch_size=BATCH)
    return created


def _link_employers(employers, unions, top_unions, rng):
    """Each grassroots union covers its employer; joint unions cover several small ones.

    The employers are still unsaved (keyed by identity here): they are written once, with
    their union, by COPY (an UPDATE of every employer afterwards took minutes at scale 100).
    """
    covered = {}
    for union in unions:
        if union.anchor_employer is not None:
            covered[id(union.anchor_employer)] = union
    free = [e for e in employers if id(e) not in covered]
    rng.shuffle(free)
    joint_unions = [u for u in unions if u.kind == UnionKind.JOINT]
    township_union = {u.township_id: u for u in top_unions if u.kind == "township"}
    for employer in free:
        if joint_unions and rng.random() < 0.35:
            covered[id(employer)] = rng.choice(joint_unions)
        elif rng.random() < 0.6:
            covered[id(employer)] = township_union.get(employer.township_id)
    for employer in employers:
        employer.union = covered.get(id(employer))
    copy_rows(Employer, employers, with_ids=True)


def _members(unions, top_unions, employers, scale, rng, today):
    """The members, written by COPY in batches; returns (pk, employer id, union id) each."""
    employers_by_union = {}
    for employer in employers:
        if employer.union_id is not None:
            employers_by_union.setdefault(employer.union_id, []).append(employer.pk)
    homes = unions + top_unions
    groups = [choice for choice, _label in EmploymentGroup.choices]
    ids = IDNumbers(rng)
    batch = []
    created = []

    def write(batch):
        copy_rows(Member, batch, with_ids=True)
        created.extend((row["id"], row["employer_id"], row["union_id"]) for row in batch)

    for _index in range(MEMBERS * scale):
        union = rng.choice(homes)
        number = ids.born_between(datetime.date(1962, 1, 1), datetime.date(2004, 12, 31))
        birth = id_birth_date(number)
        name = person_name(rng)
        # Birth date and sex as Member.derive_from_id_number reads them from the number.
        batch.append(
            {
                "name": name,
                "id_number": number,
                "birth_date": birth,
                "sex": id_sex(number),
                "ethnicity": ethnicity_for(name, rng),
                "phone": mobile(rng),
                "union_id": union.pk,
                "employer_id": rng.choice(employers_by_union.get(union.pk) or [None]),
                "joined_on": _joined_on(rng, union, birth, today),
                "is_migrant_worker": rng.random() < 0.3,
                "employment_group": rng.choice(groups) if rng.random() < 0.08 else "",
            }
        )
        if len(batch) == MEMBER_BATCH:
            write(batch)
            batch = []
    write(batch)
    return created


def _joined_on(rng, union, birth, today):
    """Some day after the union was founded and the member turned 18, at the latest today."""
    earliest = max(
        union.founded_on or datetime.date(2000, 1, 1), datetime.date(birth.year + 18, 1, 1)
    )
    return random_date(rng, min(earliest, today), today)


def _honours(members, employers, scale, rng):
    titles = {title.key: title for title in HonourTitle.objects.exclude(key=None)}
    covered_employers = [e for e in employers if e.union_id]
    people = rng.sample(members, min(len(members), 400 * scale))
    people_iter = iter(people)
    honours = []

    def add(key, year):
        title = titles[key]
        if title.is_collective:
            employer = rng.choice(covered_employers)
            team = rng.choice(["生产车间", "技术班组", "服务窗口", "项目部", "质检班组"])
            honours.append(
                Honour(
                    title=title,
                    year=year,
                    awarded_by=_awarding_body(title),
                    collective_name=f"{employer.name}{team}",
                    employer=employer,
                    union_id=employer.union_id,
                    citation=f"{year}年度荣获{title.name}。",
                )
            )
        else:
            member_id, employer_id, union_id = next(people_iter)
            honours.append(
                Honour(
                    title=title,
                    year=year,
                    awarded_by=_awarding_body(title),
                    member_id=member_id,
                    employer_id=employer_id,
                    union_id=union_id,
                    citation=f"扎根岗位、勤勉奉献，{year}年度荣获{title.name}。",
                )
            )

    for key, count in HONOURS_IN_PERIOD.items():
        for _ in range(count * scale):
            add(key, rng.randint(PERIOD_START.year, PERIOD_END.year))
    for key, count in HONOURS_LATER.items():
        for _ in range(count * scale):
            add(key, rng.randint(2023, 2026))
    Honour.objects.bulk_create(honours, batch_size=BATCH)


def _awarding_body(title):
    return {
        "national": "中华全国总工会",
        "municipal": "重庆市总工会",
        "county": "酉阳县总工会",
    }.get(title.level, "")


def _attach_demo_officer(top_unions):
    """The demo grassroots officer ("jiceng") works for the first township union."""
    from yuyang_union import roles

    officer = (
        get_user_model()
        .objects.filter(username=roles.DEMO_USERNAMES[roles.GRASSROOTS_OFFICERS])
        .first()
    )
    if officer is not None and top_unions:
        StaffProfile.objects.update_or_create(user=officer, defaults={"union": top_unions[0]})
