import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from tests.members.factories import MemberFactory, UnionFactory, UserFactory
from yuyang_union import roles
from yuyang_union.applications.models import ApplicationDocument, ApplicationStatus
from yuyang_union.history.models import ActionEntry

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_officer(make_staff):
    def make(union=None):
        return make_staff(roles.LEGAL, union=union)

    return make


def test_the_inbox_lists_the_subtree_only(test_kind, client, legal_officer):
    township = UnionFactory(kind="township")
    inside = ApplicationFactory(union=UnionFactory(parent=township))
    outside = ApplicationFactory()
    client.force_login(legal_officer(township))
    page = client.get(reverse("applications:inbox")).content.decode()
    assert inside.number in page
    assert outside.number not in page
    assert client.get(reverse("applications:staff-detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("applications:staff-detail", args=[inside.pk])).status_code == 200


def test_staff_without_the_kind_are_refused(test_kind, client, make_staff):
    application = ApplicationFactory()
    client.force_login(make_staff(roles.COMPETITIONS))
    assert client.get(reverse("applications:inbox")).status_code == 403
    assert (
        client.get(reverse("applications:staff-detail", args=[application.pk])).status_code == 403
    )


def test_anonymous_visitors_go_to_the_login(test_kind):
    response = Client().get(reverse("applications:inbox"))
    assert response.status_code == 302
    assert "login" in response["Location"]
    response = Client().get(reverse("applications:mine"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_accept_and_decline_from_the_page(test_kind, client, legal_officer):
    application = ApplicationFactory()
    client.force_login(legal_officer())
    url = reverse("applications:accept", args=[application.pk])
    client.post(url, {"version": application.version, "note": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    # The same click again, from the page read before: refused, nothing changes.
    response = client.post(url, {"version": 1, "note": ""}, follow=True)
    assert "过期" in response.content.decode() or "已" in response.content.decode()
    client.post(
        reverse("applications:decline", args=[application.pk]),
        {"version": application.version, "reason": "", "note": "x"},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    client.post(
        reverse("applications:decline", args=[application.pk]),
        {"version": application.version, "reason": "incomplete", "note": "请补充欠薪证明"},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


@pytest.fixture
def member_client(db):
    def make(member):
        client = Client()
        client.force_login(member.user)
        return client

    return make


def test_a_member_sees_their_own_applications_only(test_kind, member_client):
    member = MemberFactory(user=UserFactory())
    mine = ApplicationFactory(applicant=member, unseen_update=True)
    theirs = ApplicationFactory(applicant=MemberFactory())
    client = member_client(member)
    page = client.get(reverse("applications:mine")).content.decode()
    assert mine.number in page
    assert theirs.number not in page
    assert client.get(reverse("applications:my-detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("applications:my-detail", args=[mine.pk])).status_code == 200
    mine.refresh_from_db()
    assert not mine.unseen_update


def test_a_login_without_membership_is_refused_the_member_pages(test_kind):
    client = Client()
    client.force_login(UserFactory())
    assert client.get(reverse("applications:mine")).status_code == 403


def test_a_visitor_looks_up_by_number_and_phone(test_kind):
    application = ApplicationFactory(contact_phone="13912345678")
    url = reverse("applications:status-lookup")
    found = Client().post(url, {"number": application.number, "phone": "139 1234 5678"})
    assert application.get_status_display() in found.content.decode()
    wrong_phone = Client().post(url, {"number": application.number, "phone": "13912345679"})
    unknown = Client().post(url, {"number": "入会申〔2026〕第999号", "phone": "13912345678"})
    assert (
        wrong_phone.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    )


def test_look_ups_are_limited(test_kind, settings):
    from yuyang_union.applications import limits

    url = reverse("applications:status-lookup")
    for _attempt in range(limits.LOOKUPS_PER_PHONE):
        Client().post(url, {"number": "x", "phone": "13912345678"})
    refused = Client().post(url, {"number": "x", "phone": "13912345678"})
    assert str(limits.TOO_MANY_LOOKUPS) in refused.content.decode()


def test_a_document_is_served_to_its_applicant_and_handlers_and_logged(
    test_kind, member_client, client, legal_officer
):
    member = MemberFactory(user=UserFactory())
    application = ApplicationFactory(applicant=member)
    document = ApplicationDocument.objects.create(
        application=application,
        file=ContentFile(b"%PDF-1.4 %%EOF", name="x.pdf"),
        original_name="欠条.pdf",
        content_type="application/pdf",
        size=14,
    )
    url = document.file.url
    assert url.startswith("/applications/documents/")
    assert member_client(member).get(url).status_code == 200
    assert member_client(MemberFactory(user=UserFactory())).get(url).status_code == 404
    client.force_login(legal_officer(UnionFactory()))
    assert client.get(url).status_code == 404
    client.force_login(legal_officer())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert ActionEntry.objects.filter(verb="applications.document_opened").count() == 2


def test_the_staff_home_flags_overdue_applications(test_kind, client, legal_officer):
    from django.utils import timezone

    now = timezone.now()
    late = ApplicationFactory(
        submitted_at=now - datetime.timedelta(days=10), due_at=now - datetime.timedelta(days=1)
    )
    client.force_login(legal_officer())
    page = client.get(reverse("staff-home")).content.decode()
    assert late.number in page
