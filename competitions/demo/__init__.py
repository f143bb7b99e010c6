"""Demo records: the competitions of the 2015–2022 work summary, and plausible later ones.

At scale 1 the summary's figures for 2015-01-01..2022-12-31 come out exactly: 36
competitions held, 127 employers taking part, 2,763 entries, 62 star titles (from the
municipal online competition). At scale N every figure is N times as large: the seed block
is repeated N times, each repetition with its own 127 employers.

Built on the members demo: employers and members are taken from the database.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from members.models import Employer, Member, UnionOrganisation
from yuyang_union.history.actors import system_actor

from ..models import HELD_STATUSES, CompetitionStatus, CompetitionTitle
from ..services import promote_to_honour
from .builder import Builder, co_organisers, status_for
from .seed import LATER, LATER_YEARS, MEMBER_POOL, SEED, SEED_EMPLOYERS


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
    builder = Builder(rng, members, organiser, co_organisers())

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
                status = status_for(starts_on, ends_on, today)
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
