from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from competitions import services
from competitions.models import Entry
from tests.competitions.factories import CompetitionEventFactory, EntryFactory
from yuyang_union.history.actors import system_actor

pytestmark = pytest.mark.django_db


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    event = CompetitionEventFactory()
    other_event = CompetitionEventFactory(competition=event.competition)
    scores = {"a": "95", "b": "98.5", "c": "95", "d": "90", "e": None}
    entries = {key: EntryFactory(event=event, score=score) for key, score in scores.items()}
    lone = EntryFactory(event=other_event, score=Decimal("10"))

    services.compute_ranks(competition=event.competition)

    ranks = dict(Entry.objects.filter(event=event).values_list("pk", "rank"))
    assert {key: ranks[e.pk] for key, e in entries.items()} == {
        "b": 1,
        "a": 2,
        "c": 2,
        "d": 4,
        "e": None,
    }
    # Ranks are per event: the other event's only entry is first.
    lone.refresh_from_db()
    assert lone.rank == 1


def test_saving_the_grid_recomputes_ranks():
    event = CompetitionEventFactory()
    first, second = EntryFactory(event=event), EntryFactory(event=event)
    services.save_scores(
        event=event,
        scores={first: (Decimal("80"), "second"), second: (Decimal("90"), "first")},
        actor=system_actor(),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.rank, second.rank) == (2, 1)
    assert (first.award, second.award) == ("second", "first")


def test_one_entry_per_member_per_event_is_held_by_the_database():
    entry = EntryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(event=entry.event, member=entry.member, employer=entry.employer)


def test_many_competitions_are_ranked_in_one_statement(django_assert_num_queries):
    events = [CompetitionEventFactory(), CompetitionEventFactory()]
    untouched_event = CompetitionEventFactory()
    low = [EntryFactory(event=event, score=Decimal("50")) for event in events]
    high = [EntryFactory(event=event, score=Decimal("70")) for event in events]
    untouched = EntryFactory(event=untouched_event, score=Decimal("10"))

    # One UPDATE, inside a savepoint (its create and release are the other two queries).
    with django_assert_num_queries(3):
        services.compute_ranks(competition_ids=[event.competition_id for event in events])

    ranks = dict(Entry.objects.values_list("pk", "rank"))
    assert [ranks[entry.pk] for entry in high + low] == [1, 1, 2, 2]
    assert ranks[untouched.pk] is None


def test_ranking_needs_exactly_one_scope():
    event = CompetitionEventFactory()
    with pytest.raises(ValueError, match="Give a competition"):
        services.compute_ranks(competition=event.competition, event=event)
    with pytest.raises(ValueError, match="Give a competition"):
        services.compute_ranks()
