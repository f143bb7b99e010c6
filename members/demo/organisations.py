"""The union tree and the employers: township and industry unions, grassroots and joint
unions founded before, during and after the seed years, employers covered by them."""

import datetime

from django.contrib.auth import get_user_model

from yuyang_union.demo.kit import (
    credit_code,
    person_name,
    random_date,
    split_exact,
)
from yuyang_union.demo.loading import copy_rows

from ..models import (
    Employer,
    StaffProfile,
    UnionOrganisation,
)
from ..models.employers import Industry, Ownership
from ..models.organisations import UnionKind
from .seed import (
    BATCH,
    EMPLOYER_FORMS,
    EMPLOYER_WORDS,
    EMPLOYERS,
    INDUSTRY_UNIONS,
    NEW_UNION_MEMBERS,
    NEW_UNIONS,
    PERIOD_END,
    PERIOD_START,
    UNIONS_BEFORE,
    UNIONS_LATER,
)


def top_unions(root, townships, rng):
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


def employers_of_county(townships, scale, rng):
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


def grassroots_unions(top_unions, townships, employers, scale, rng, today):
    """Grassroots and joint unions under the township and industry unions, bulk-created."""
    periods = [
        (UNIONS_BEFORE * scale, datetime.date(2000, 1, 1), datetime.date(2014, 12, 31), None),
        (NEW_UNIONS * scale, PERIOD_START, PERIOD_END, NEW_UNION_MEMBERS * scale),
        (UNIONS_LATER * scale, datetime.date(2023, 1, 1), today, None),
    ]
    township_unions = [u for u in top_unions if u.kind == UnionKind.TOWNSHIP_FEDERATION]
    union_of_township = {u.township_id: u for u in township_unions}
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
                # An employer's union belongs to its own township's union (an industry
                # union spans the county, so it may take any).
                if parent.kind == UnionKind.TOWNSHIP_FEDERATION:
                    parent = union_of_township.get(township.pk, parent)
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


def link_employers(employers, unions, top_unions, rng):
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
    joint_unions: dict[int, list[UnionOrganisation]] = {}
    for union in unions:
        if union.kind == UnionKind.JOINT:
            joint_unions.setdefault(union.township_id, []).append(union)
    township_union = {
        u.township_id: u for u in top_unions if u.kind == UnionKind.TOWNSHIP_FEDERATION
    }
    for employer in free:
        # A joint union covers small employers of its own township only.
        local_joint_unions = joint_unions.get(employer.township_id)
        if local_joint_unions and rng.random() < 0.35:
            covered[id(employer)] = rng.choice(local_joint_unions)
        elif rng.random() < 0.6:
            covered[id(employer)] = township_union.get(employer.township_id)
    for employer in employers:
        employer.union = covered.get(id(employer))
    copy_rows(Employer, employers, with_ids=True)


def attach_demo_officer(top_unions):
    """The demo grassroots officer ("jiceng") works for the first township union."""
    from yuyang_union import roles

    officer = (
        get_user_model()
        .objects.filter(username=roles.DEMO_USERNAMES[roles.GRASSROOTS_OFFICERS])
        .first()
    )
    if officer is not None and top_unions:
        StaffProfile.objects.update_or_create(user=officer, defaults={"union": top_unions[0]})
