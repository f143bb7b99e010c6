"""Members (a million at scale 100, written by COPY) and their honours."""

import datetime

from yuyang_union.demo.kit import (
    IDNumbers,
    ethnicity_for,
    mobile,
    person_name,
    random_date,
)
from yuyang_union.demo.loading import copy_rows
from yuyang_union.validators import id_birth_date, id_sex

from ..models import (
    Honour,
    HonourTitle,
    Member,
)
from ..reference import EmploymentGroup
from .seed import (
    BATCH,
    HONOURS_IN_PERIOD,
    HONOURS_LATER,
    MEMBER_BATCH,
    MEMBERS,
    PERIOD_END,
    PERIOD_START,
)


def members_of_unions(unions, top_unions, employers, scale, rng, today):
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


def honours(members, employers, scale, rng):
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
