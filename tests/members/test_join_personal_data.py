"""The join application's ID number is personal data like the member's: in a person's copy
(PIPL art. 45), masked in the history and on the pages."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from members import joining
from members.models import JoinApplication
from tests.members.factories import (
    TownshipFactory,
    UnionFactory,
    UserFactory,
    make_id_number,
    make_join_application,
)
from yuyang_union import roles

pytestmark = pytest.mark.django_db

ID_NUMBER = make_id_number(birth=datetime.date(1994, 5, 6), serial=77)


def test_the_members_own_page_lists_their_join_application_masked(client, make_staff):
    township = TownshipFactory()
    town = UnionFactory(kind="township", township=township)
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=town)
    application = make_join_application(township=township, id_number=ID_NUMBER)
    member = joining.approve_join_application(
        actor=officer,
        application=application,
        union=town,
        employer=None,
        read_version=application.version,
    )
    member.user = UserFactory()
    member.save()
    client.force_login(member.user)
    page = client.get(reverse("personal_data:my-data")).content.decode()
    assert "入会申请" in page
    assert application.number in page
    assert "快递员" in page
    assert ID_NUMBER not in page


def test_the_history_keeps_the_id_number_masked():
    make_join_application(id_number=ID_NUMBER)
    details = JoinApplication.objects.get()
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(JoinApplication), object_pk=str(details.pk)
    )
    assert entries.exists()
    assert all(ID_NUMBER not in str(entry.changes) for entry in entries)
