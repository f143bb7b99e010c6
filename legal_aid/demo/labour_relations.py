"""Collective contracts (集体合同) and harmonious-labour-relations ratings (3A)."""

import datetime
from collections import defaultdict

from members.models import UnionOrganisation
from yuyang_union.demo.kit import (
    random_date,
    split_exact,
)

from ..models import (
    AwardingLevel,
    CollectiveContract,
    ContractKind,
    ContractScope,
    HarmonyRating,
    RatingLevel,
)
from .seed import (
    BATCH,
    CONTRACT_EMPLOYERS,
    CONTRACTS,
    MUNICIPAL_3A,
    SEED_END,
    SEED_START,
    SEED_YEARS,
)


def load_contracts(context):
    unions = list(UnionOrganisation.objects.order_by("path")[:300])
    count = CONTRACTS * context.scale
    covered = context.employers[: CONTRACT_EMPLOYERS * context.scale]
    # Most contracts cover one employer; the regional and industry ones share the rest.
    many = count // 6
    single = count - many
    groups = [[employer] for employer in covered[:single]]
    rest = covered[single:]
    sizes = split_exact(len(rest), many, context.rng, minimum=2)
    start = 0
    for size in sizes:
        groups.append(rest[start : start + size])
        start += size
    rows, coverage = [], []
    for index, group in enumerate(groups):
        signed = random_date(context.rng, SEED_START, SEED_END)
        scope = (
            ContractScope.EMPLOYER
            if len(group) == 1
            else context.rng.choice([ContractScope.REGIONAL, ContractScope.INDUSTRY])
        )
        rows.append(_contract(context, unions, signed, scope, len(group), index))
        coverage.append(group)
    # Since 2023: renewals of a few, some of them ending within the next 60 days.
    for index in range(40 * context.scale):
        signed = random_date(context.rng, datetime.date(2023, 1, 1), context.today)
        rows.append(_contract(context, unions, signed, ContractScope.EMPLOYER, 1, index))
        coverage.append([context.rng.choice(context.employers)])
    for days_left in (12, 35, 50):
        expires = context.today + datetime.timedelta(days=days_left)
        signed = expires - datetime.timedelta(days=3 * 365 - 1)
        rows.append(_contract(context, unions, signed, ContractScope.EMPLOYER, 1, days_left))
        coverage.append([context.rng.choice(context.employers)])
    contracts = CollectiveContract.objects.bulk_create(rows, batch_size=BATCH)
    through = CollectiveContract.employers.through
    through.objects.bulk_create(
        [
            through(collectivecontract_id=contract.pk, employer_id=employer)
            for contract, group in zip(contracts, coverage, strict=True)
            for employer in group
        ],
        batch_size=BATCH,
    )


def _contract(context, unions, signed, scope, employers, index):
    kind = (
        ContractKind.COMPREHENSIVE
        if scope == ContractScope.EMPLOYER
        else context.rng.choice(ContractKind.values)
    )
    label = {
        ContractScope.EMPLOYER: "集体合同",
        ContractScope.REGIONAL: "区域性集体合同",
        ContractScope.INDUSTRY: "行业性集体合同",
    }[scope]
    expires = signed + datetime.timedelta(days=3 * 365 - 1)  # three years
    filed = context.rng.random() < 0.9
    return CollectiveContract(
        union=context.rng.choice(unions),
        title=f"{signed.year}年{label}（第{index + 1}号）",
        kind=kind,
        scope=scope,
        workers_covered=employers * context.rng.randint(8, 60),
        signed_on=signed,
        expires_on=expires,
        filed_with_hrss=filed,
        filed_on=signed + datetime.timedelta(days=10) if filed else None,
    )


def load_ratings(context):
    employers = context.rng.sample(
        context.employers, MUNICIPAL_3A * context.scale + 30 * context.scale
    )
    rows = []
    seen = defaultdict(set)

    def rate(employer, level, awarding, year):
        if year not in seen[(employer, awarding)]:
            seen[(employer, awarding)].add(year)
            rows.append(
                HarmonyRating(employer_id=employer, level=level, awarding_level=awarding, year=year)
            )

    municipal = employers[: MUNICIPAL_3A * context.scale]
    for employer in municipal:
        # Rated municipal 3A once in the seed years; they held county 3A the year before.
        year = context.rng.choice(SEED_YEARS[1:])
        rate(employer, RatingLevel.AAA, AwardingLevel.MUNICIPAL, year)
        rate(employer, RatingLevel.AAA, AwardingLevel.COUNTY, year - 1)
    for employer in employers[MUNICIPAL_3A * context.scale :]:
        year = context.rng.choice(range(2015, context.today.year + 1))
        level = context.rng.choice([RatingLevel.AAA, RatingLevel.AA, RatingLevel.A])
        rate(employer, level, AwardingLevel.COUNTY, year)
    # Since 2023: one more municipal 3A a year.
    for year in range(2023, context.today.year + 1):
        rate(context.rng.choice(context.employers), RatingLevel.AAA, AwardingLevel.MUNICIPAL, year)
    HarmonyRating.objects.bulk_create(rows, batch_size=BATCH)
