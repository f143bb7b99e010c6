import pytest

from members.models import Member
from tests.members.factories import MemberFactory, UnionFactory


@pytest.mark.django_db
def test_member_is_stored_encrypted_and_found_by_digest():
    member = MemberFactory(union=UnionFactory())
    assert Member.objects.with_id_number(member.id_number.lower()).get() == member
