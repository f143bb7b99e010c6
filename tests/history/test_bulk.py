"""History and rows written in bulk: the same entries auditlog would write, and COPY."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings

from members.models import Member
from tests.members.factories import MemberFactory, UnionFactory, UserFactory, make_id_number
from tests.welfare.factories import GrantFactory
from yuyang_union.database.copy import copy_insert
from yuyang_union.history.bulk import _CreationDiff, log_bulk_creation

pytestmark = pytest.mark.django_db


def auditlog_diff(instance):
    return model_instance_diff(
        None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
    )


@pytest.mark.parametrize("make", [MemberFactory, GrantFactory])
def test_the_creation_diff_is_auditlogs_own(make):
    instance = make()
    ours = _CreationDiff.of(type(instance))(instance)
    assert ours == auditlog_diff(instance)
    assert ours  # a new record has something to show


def test_identifiers_are_masked_in_the_diff():
    member = MemberFactory(phone="13800001234")
    changes = _CreationDiff.of(Member)(member)
    assert member.id_number not in str(changes)
    assert "13800001234" not in str(changes)


def new_members(count):
    union = UnionFactory()
    return [
        Member(
            name=f"复制{n}",
            id_number=make_id_number(birth=datetime.date(1981, 2, 3), serial=700 + n),
            union=union,
            joined_on=datetime.date(2020, 1, 1),
        )
        for n in range(count)
    ]


def test_copy_insert_writes_rows_that_read_back_whole():
    members = new_members(3)
    for member in members:
        member.full_clean()  # fills the digests, as an import's check does
    copy_insert(members)
    assert all(member.pk for member in members)
    stored = Member.objects.get(pk=members[1].pk)
    assert stored.id_number == members[1].id_number
    assert stored.version == 1  # the database's default
    assert Member.objects.with_id_number(members[2].id_number).get() == members[2]


def test_bulk_history_is_written_with_copy_and_its_actor():
    user = UserFactory()
    members = new_members(2)
    for member in members:
        member.full_clean()
    copy_insert(members)
    with set_actor(user):
        entries = log_bulk_creation(members)
    assert all(entry.pk for entry in entries)
    stored = LogEntry.objects.get_for_object(members[0]).get()
    assert stored.actor == user
    expected = _CreationDiff.of(Member)(members[0])
    assert stored.changes == {name: list(change) for name, change in expected.items()}
    assert stored.changes["name"] == ["None", "复制0"]
