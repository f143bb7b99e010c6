"""The personal-data key: a wrong or missing key stops the site cleanly, and keys rotate."""

import io

import pytest
import tablib
from django.core.management import call_command
from django.db import connection

from members.models import Member
from members.resources import MemberResource
from tests.members.factories import MemberFactory, UserFactory, make_id_number
from tests.welfare.factories import EducationAidFactory
from yuyang_union.personal_data import crypto
from yuyang_union.personal_data.models import KeyFingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(settings):
    """keys("new", "old"): configure the current key and the older ones, checked afresh."""

    def configure(current, *old):
        settings.PERSONAL_DATA_KEY = current
        settings.PERSONAL_DATA_OLD_KEYS = list(old)
        crypto.forget_key_checks()

    original = (settings.PERSONAL_DATA_KEY, *settings.PERSONAL_DATA_OLD_KEYS)
    yield configure
    configure(*original)


def stored(member, column="id_number"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM members_member WHERE id = %s", [member.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_a_wrong_key_gives_a_maintenance_page_not_500s(client, keys):
    member = MemberFactory()
    keys("not-the-key")
    assert crypto.key_state() == "The personal-data key does not match the stored data."
    for path in ("/", "/events/", f"/admin/members/member/{member.pk}/change/"):
        response = client.get(path)
        assert response.status_code == 503
        assert "维护" in response.content.decode()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.content == b"personal-data key does not match\n"


def test_a_missing_key_is_reported_the_same_way(client, keys):
    MemberFactory()
    keys("")
    assert client.get("/healthz").status_code == 503
    assert client.get("/").status_code == 503


def test_no_import_writes_under_a_wrong_key(keys, make_staff):
    registered = MemberFactory()
    keys("not-the-key")
    dataset = tablib.Dataset(headers=["姓名", "身份证号码", "所属工会"])
    dataset.append(["田某", make_id_number(), registered.union.code])
    result = MemberResource(user=UserFactory(is_superuser=True)).import_data(dataset, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert Member.objects.count() == 1


def test_the_first_check_records_the_key_and_refuses_data_under_another(keys):
    KeyFingerprint.objects.all().delete()
    keys("key-one")
    MemberFactory()  # encrypted under key-one; its fingerprint is recorded
    assert KeyFingerprint.objects.count() == 1
    KeyFingerprint.objects.all().delete()  # as on a database restored without the table's rows
    keys("key-two")
    assert crypto.key_state()  # the stored data does not decrypt under key-two
    assert not KeyFingerprint.objects.exists()


def test_the_fingerprint_does_not_give_the_key_away():
    fingerprint = crypto.derive_key("a-secret").fingerprint
    assert "a-secret" not in fingerprint
    assert fingerprint != crypto.derive_key("another").fingerprint


def test_rotation_moves_every_identifier_and_forgets_the_old_key(keys):
    keys("old-key")
    members = [MemberFactory(phone=f"1381234000{i}") for i in range(3)]
    aid = EducationAidFactory()  # paid: the trigger refuses changes, not this rotation
    before = stored(members[0])
    keys("new-key", "old-key")
    # During the rotation, old rows read and are found under both keys.
    assert Member.objects.get(pk=members[0].pk).id_number == members[0].id_number
    assert Member.objects.with_id_number(members[1].id_number).get() == members[1]
    out = io.StringIO()
    call_command("rotate_personal_data_key", "--batch-size", "2", stdout=out)
    assert "rows checked" in out.getvalue()
    assert stored(members[0]) != before
    keys("new-key")
    for member in members:
        assert crypto.is_under_current_key(stored(member))
        assert Member.objects.with_id_number(member.id_number).get() == member
        assert Member.objects.with_phone(member.phone).get() == member
    aid.refresh_from_db()
    assert aid.student_id_number_digest == crypto.digest(aid.student_id_number)
    assert list(KeyFingerprint.objects.values_list("fingerprint", flat=True)) == [
        crypto.derive_key("new-key").fingerprint
    ]
    keys("old-key")
    assert crypto.key_state()  # the old key alone no longer opens the data


def test_an_interrupted_rotation_starts_again_where_it_stopped(keys, monkeypatch):
    from yuyang_union.personal_data.management.commands import rotate_personal_data_key as rotate

    keys("old-key")
    members = [MemberFactory() for _ in range(4)]
    keys("new-key", "old-key")
    calls = []
    real = rotate.Command.rotate_row

    def fail_on_the_third(self, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real(self, *args)

    monkeypatch.setattr(rotate.Command, "rotate_row", fail_on_the_third)
    with pytest.raises(RuntimeError):
        call_command("rotate_personal_data_key", "--batch-size", "1", stdout=io.StringIO())
    moved = [crypto.is_under_current_key(stored(m)) for m in members]
    assert moved.count(True) == 2  # two batches committed before the cut
    monkeypatch.setattr(rotate.Command, "rotate_row", real)
    call_command("rotate_personal_data_key", stdout=io.StringIO())
    assert all(crypto.is_under_current_key(stored(m)) for m in members)
