"""The identifier access log is evidence: unchangeable, kept six months at least, readable."""

import datetime
import io

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import ProgrammingError, transaction
from django.utils import timezone

from tests.members.factories import MemberFactory, UserFactory
from yuyang_union import roles
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.models import AccessChannel, IdentifierAccessLog

pytestmark = pytest.mark.django_db
TRIGGER = "personal_data.IdentifierAccessLog:access_log_unchangeable"


def entry(days_ago=0, user=None, member=None):
    member = member or MemberFactory()
    log_identifier_access(user or UserFactory(), [member], ["id_number"], AccessChannel.REVEAL)
    logged = IdentifierAccessLog.objects.latest("id")
    if days_ago:
        with pgtrigger.ignore(TRIGGER):
            IdentifierAccessLog.objects.filter(pk=logged.pk).update(
                accessed_at=timezone.now() - datetime.timedelta(days=days_ago)
            )
    return logged


def test_nobody_may_change_an_entry_not_even_the_owner():
    logged = entry()
    with pytest.raises(ProgrammingError, match="Cannot update"), transaction.atomic():
        IdentifierAccessLog.objects.filter(pk=logged.pk).update(reason="audit")


def test_the_admin_offers_no_change_or_delete(client, make_staff):
    logged = entry()
    client.force_login(make_staff(roles.ADMINISTRATORS))
    page = client.get(f"/admin/personal_data/identifieraccesslog/{logged.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    delete = client.post(f"/admin/personal_data/identifieraccesslog/{logged.pk}/delete/")
    assert delete.status_code == 403
    assert IdentifierAccessLog.objects.filter(pk=logged.pk).exists()


def test_the_purge_keeps_six_months_at_least():
    old, recent = entry(days_ago=400), entry(days_ago=100)
    with pytest.raises(CommandError):
        call_command("purge_identifier_access_log", "--older-than-days", "90")
    assert IdentifierAccessLog.objects.count() == 2
    out = io.StringIO()
    call_command("purge_identifier_access_log", stdout=out)  # the default: a year
    assert list(IdentifierAccessLog.objects.all()) == [recent]
    assert "1 entries" in out.getvalue()
    assert not IdentifierAccessLog.objects.filter(pk=old.pk).exists()


def test_administrators_filter_by_user_person_and_date(client, make_staff):
    someone, another = UserFactory(username="kanzhe"), UserFactory(username="bieren")
    member = MemberFactory(name="冉某某")
    mine = entry(user=someone, member=member)
    other = entry(user=another)
    old = entry(user=someone, days_ago=40)
    client.force_login(make_staff(roles.ADMINISTRATORS))
    url = "/admin/personal_data/identifieraccesslog/"
    by_user = client.get(url, {"q": "kanzhe"}).context["cl"].result_list
    assert set(by_user) == {mine, old}
    by_person = (
        client.get(url, {"record_type": mine.content_type_id, "object_id": member.pk})
        .context["cl"]
        .result_list
    )
    assert list(by_person) == [mine]
    today = timezone.localdate()
    by_day = (
        client.get(
            url,
            {
                "accessed_at__year": today.year,
                "accessed_at__month": today.month,
                "accessed_at__day": today.day,
            },
        )
        .context["cl"]
        .result_list
    )
    assert set(by_day) == {mine, other}
    # Each row links to every access to the same person.
    page = client.get(url).content.decode()
    assert f"object_id={member.pk}" in page


def test_officers_cannot_read_the_log(client, make_staff):
    entry()
    client.force_login(make_staff(roles.ORGANISATION))
    assert client.get("/admin/personal_data/identifieraccesslog/").status_code == 403
