import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory

from competitions import services
from competitions.models import Competition, CompetitionTitle, Entry
from members.models import Honour, HonourTitle
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
)
from tests.members.factories import EmployerFactory, MemberFactory
from yuyang_union.history.actors import system_actor

pytestmark = pytest.mark.django_db


def test_a_duplicate_entry_is_a_clear_form_error():
    entry = EntryFactory()
    EntryForm = modelform_factory(Entry, fields=["event", "member", "employer", "score", "award"])
    form = EntryForm(
        data={
            "event": entry.event.pk,
            "member": entry.member.pk,
            "employer": entry.employer.pk,
            "award": "none",
        }
    )
    assert not form.is_valid()
    assert "此会员已报名该工种/项目。" in str(form.errors)


def test_add_entry_makes_the_employer_a_participant_and_refuses_a_duplicate():
    event = CompetitionEventFactory()
    member, employer = MemberFactory(), EmployerFactory()
    services.add_entry(
        event=event, member=member, employer=employer, score=Decimal("88"), actor=system_actor()
    )
    assert event.competition.participations.filter(employer=employer).exists()
    with pytest.raises(ValidationError):
        services.add_entry(event=event, member=member, employer=employer, actor=system_actor())
    assert Entry.objects.filter(event=event).count() == 1


def test_status_moves_only_along_the_allowed_path():
    competition = CompetitionFactory(status="planned")
    with pytest.raises(ValidationError):
        services.change_status(competition=competition, to="published", actor=system_actor())
    for status in ["open", "under_way", "finished", "published"]:
        services.change_status(competition=competition, to=status, actor=system_actor())
    competition.refresh_from_db()
    assert competition.status == "published"


def test_publishing_computes_the_ranks():
    event = CompetitionEventFactory(competition__status="finished")
    low, high = EntryFactory(event=event, score=50), EntryFactory(event=event, score=70)
    services.change_status(competition=event.competition, to="published", actor=system_actor())
    low.refresh_from_db()
    high.refresh_from_db()
    assert (high.rank, low.rank) == (1, 2)


def test_a_star_title_is_promoted_to_an_honour_once():
    title = CompetitionTitleFactory(
        kind="innovation_star",
        competition__ends_on=datetime.date(2021, 10, 1),
        competition__starts_on=datetime.date(2021, 5, 1),
    )
    honour = services.promote_to_honour(record=title, actor=system_actor())
    again = services.promote_to_honour(record=title, actor=system_actor())

    assert again.pk == honour.pk
    assert Honour.objects.filter(member=title.member).count() == 1
    assert honour.title.name == "创新之星"
    assert honour.title.level == "municipal"
    assert honour.year == 2021
    assert honour.union == title.member.union
    title.refresh_from_db()
    assert title.honour == honour


def test_a_prize_is_promoted_and_an_entry_without_prize_is_refused():
    prize = EntryFactory(award="first", event__competition__kind="skill")
    honour = services.promote_to_honour(record=prize, actor=system_actor())
    assert honour.title.name == "县级技能竞赛一等奖"
    assert HonourTitle.objects.filter(name="县级技能竞赛一等奖").count() == 1
    prize.refresh_from_db()
    assert prize.honour_id == honour.pk

    nothing = EntryFactory(award="none")
    with pytest.raises(ValidationError):
        services.promote_to_honour(record=nothing, actor=system_actor())
    nothing.refresh_from_db()
    assert nothing.honour_id is None


def test_an_other_title_needs_a_name():
    title = CompetitionTitle(
        competition=CompetitionFactory(),
        member=MemberFactory(),
        kind="other",
        awarded_on=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        title.full_clean()
    assert "name" in caught.value.message_dict


def test_rules_document_type_and_size_are_checked():
    competition = CompetitionFactory()
    competition.rules_document = SimpleUploadedFile("rules.exe", b"MZ")
    with pytest.raises(ValidationError) as caught:
        competition.full_clean()
    assert "rules_document" in caught.value.message_dict
    competition.rules_document = SimpleUploadedFile("rules.pdf", b"x" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as caught:
        competition.full_clean()
    assert "rules_document" in caught.value.message_dict


def test_end_before_start_is_refused():
    competition = CompetitionFactory.build(
        starts_on=datetime.date(2020, 5, 2), ends_on=datetime.date(2020, 5, 1)
    )
    with pytest.raises(ValidationError):
        competition.clean()
    assert Competition.objects.count() == 0
