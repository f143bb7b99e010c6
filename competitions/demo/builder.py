"""Competitions planned in memory, then written in bulk (entries by COPY) and ranked."""

import datetime
from decimal import Decimal

from django.db import connection

from yuyang_union.demo.loading import copy_rows

from ..models import (
    Competition,
    CompetitionEvent,
    CompetitionStatus,
    CompetitionTitle,
    CoOrganiser,
    Entry,
    Participation,
)
from ..services import compute_ranks
from .seed import BATCH, CO_ORGANISERS, STAR_KINDS


def co_organisers():
    records = {}
    for key, (name, short) in CO_ORGANISERS.items():
        records[key], _created = CoOrganiser.objects.get_or_create(
            name=name, defaults={"short_name": short}
        )
    return records


def status_for(starts_on, ends_on, today):
    if ends_on < today - datetime.timedelta(days=20):
        return CompetitionStatus.PUBLISHED
    if ends_on < today:
        return CompetitionStatus.FINISHED
    if starts_on <= today:
        return CompetitionStatus.UNDER_WAY
    if starts_on <= today + datetime.timedelta(days=30):
        return CompetitionStatus.OPEN
    return CompetitionStatus.PLANNED


class Builder:
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
