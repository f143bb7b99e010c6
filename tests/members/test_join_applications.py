"""入会申请: the public form, duplicates, limits, the officer's approval and who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from members import joining
from members.models import JoinApplication, Member
from members.models.join_applications import DUPLICATE_MESSAGE
from tests.members.factories import (
    EmployerFactory,
    MemberFactory,
    TownshipFactory,
    UnionFactory,
    make_id_number,
    make_join_application,
)
from yuyang_union import roles
from yuyang_union.applications import limits
from yuyang_union.applications.models import Application, ApplicationStatus
from yuyang_union.history.models import ActionEntry
from yuyang_union.versions.conflicts import StaleVersionError

ID_NUMBER = make_id_number(birth=datetime.date(1996, 7, 1), serial=123)


@pytest.fixture
def county(db):
    township = TownshipFactory(name="龙潭镇")
    town = UnionFactory(name="龙潭镇总工会", kind="township", township=township)
    joint = UnionFactory(name="龙潭镇联合工会", kind="joint", parent=town, township=township)
    other_town = UnionFactory(name="麻旺镇总工会", kind="township")
    return {"township": township, "town": town, "joint": joint, "other": other_town}


@pytest.fixture
def officer(make_staff, county):
    return make_staff(roles.GRASSROOTS_OFFICERS, union=county["town"])


def form_data(county, **changes):
    data = {
        "name": "向小勇",
        "id_number": ID_NUMBER,
        "phone": "13912340001",
        "ethnicity": "土家族",
        "employer": "",
        "employer_text": "",
        "no_employer": "on",
        "platform_name": "顺丰",
        "township": county["township"].pk,
        "occupation": "快递员",
        "employment_group": "courier",
        "consent": "on",
        "sensitive_consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_courier_joins_and_reads_the_number(
    client, county, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:join"), form_data(county))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.union == county["joint"]
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.join_details.platform_name == "顺丰"
    page = client.get(response["Location"])
    assert application.number in page.content.decode()
    assert [message.phone for message in sms_outbox] == ["13912340001"]
    assert ID_NUMBER not in response["Location"]


def test_the_form_is_linked_from_the_home_page_and_the_apply_page(client, db):
    join_url = reverse("members:join")
    assert join_url in client.get(reverse("home")).content.decode()
    assert join_url in client.get(reverse("applications:apply")).content.decode()


@pytest.mark.parametrize("missing", ["consent", "sensitive_consent"])
def test_each_consent_is_required(client, county, missing):
    response = client.post(reverse("members:join"), form_data(county, **{missing: None}))
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not Application.objects.exists()


def test_every_field_is_checked_at_the_field_in_chinese(client, county):
    client.cookies["django_language"] = "zh-hans"
    bad = form_data(county, id_number="500242199607011239", phone="12345", occupation="")
    response = client.post(reverse("members:join"), bad, HTTP_ACCEPT_LANGUAGE="zh-hans")
    errors = response.context["form"].errors
    assert {"id_number", "phone", "occupation"} <= set(errors)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in errors["occupation"])
    assert not JoinApplication.objects.exists()


def test_an_employer_or_the_no_employer_box(client, county):
    response = client.post(
        reverse("members:join"), form_data(county, no_employer=None, platform_name="")
    )
    assert "employer" in response.context["form"].errors
    employer = EmployerFactory(union=None, name="酉阳县龙潭茶业有限公司")
    response = client.post(
        reverse("members:join"),
        form_data(county, employer=employer.pk, employer_text=employer.name),
    )
    assert "no_employer" in response.context["form"].errors


def test_the_public_employer_search_answers_registered_names_only(client, county):
    EmployerFactory(name="酉阳县龙潭茶业有限公司", credit_code="91500242MA5U00001X")
    response = client.post(reverse("members:join-pick-employers"), {"term": "茶业"})
    (result,) = response.json()["results"]
    assert set(result) == {"id", "text"}
    assert result["text"] == "酉阳县龙潭茶业有限公司"
    by_code = client.post(reverse("members:join-pick-employers"), {"term": "91500242MA5U00001X"})
    assert by_code.json()["results"] == []
    assert client.get(reverse("members:join-pick-employers")).status_code == 405


@pytest.mark.parametrize("existing", ["member", "pending"])
def test_a_duplicate_is_refused_with_one_message_that_tells_nothing(client, county, existing):
    if existing == "member":
        MemberFactory(id_number=ID_NUMBER, union=county["other"])
    else:
        make_join_application(township=county["township"], id_number=ID_NUMBER)
    before = Application.objects.count()
    response = client.post(reverse("members:join"), form_data(county))
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == [str(DUPLICATE_MESSAGE)]
    page = response.content.decode()
    assert "麻旺镇总工会" not in page
    assert "〔" not in page
    assert Application.objects.count() == before
    assert not JoinApplication.objects.filter(application__isnull=True).exists()


def test_a_declined_application_does_not_stop_a_new_one(county, officer):
    first = make_join_application(township=county["township"], id_number=ID_NUMBER)
    from yuyang_union.applications.services import decline_application

    decline_application(actor=officer, application=first, reason="incomplete", note="请补充。")
    make_join_application(township=county["township"], id_number=ID_NUMBER)


def test_the_limits_count_refused_duplicates_too(client, county, monkeypatch):
    monkeypatch.setattr(limits, "PER_PERSON", 2)
    MemberFactory(id_number=ID_NUMBER, union=county["other"])
    for _ in range(2):
        response = client.post(reverse("members:join"), form_data(county))
        assert "id_number" in response.context["form"].errors
    response = client.post(reverse("members:join"), form_data(county))
    assert response.context["form"].non_field_errors() == [str(limits.TOO_MANY_MESSAGE)]


def test_the_receipt_needs_the_session_that_applied(client, db):
    assert client.get(reverse("members:join-receipt")).status_code == 302


# Approval -----------------------------------------------------------------------------------


def approve(officer, application, **changes):
    arguments = {
        "actor": officer,
        "application": application,
        "union": application.union,
        "employer": None,
        "read_version": application.version,
    }
    arguments.update(changes)
    return joining.approve_join_application(**arguments)


def test_approval_makes_exactly_one_member_and_one_action_entry(
    county, officer, sms_outbox, django_capture_on_commit_callbacks
):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    entries = ActionEntry.objects.count()
    sms_outbox.clear()  # the receipt's text
    with django_capture_on_commit_callbacks(execute=True):
        member = approve(officer, application)
    assert Member.objects.with_id_number(ID_NUMBER).get() == member
    assert member.union == county["joint"]
    assert member.joined_on == timezone.localdate()
    assert member.employment_group == "courier"
    assert ActionEntry.objects.count() == entries + 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONCLUDED
    assert application.applicant == member
    assert application.record == member
    # One text: approved, with how to activate the account.
    assert len(sms_outbox) == 1
    assert "激活" in sms_outbox[0].message


def test_the_approval_page_makes_the_member(client, county, officer):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    client.force_login(officer)
    url = reverse("members:join-approve", args=[application.pk])
    page = client.get(url)
    assert ID_NUMBER not in page.content.decode()
    assert application.join_details.id_number_masked in page.content.decode()
    response = client.post(
        url,
        {
            "version": application.version,
            "union": county["joint"].pk,
            "union_text": county["joint"].name,
            "employer": "",
            "employer_text": "",
        },
    )
    assert response.status_code == 302
    assert Member.objects.with_id_number(ID_NUMBER).exists()


def test_a_stale_approval_is_refused_and_nothing_is_saved(county, officer):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    read = application.version
    from yuyang_union.applications.services import accept_application

    accept_application(actor=officer, application=application)
    with pytest.raises(StaleVersionError):
        approve(officer, application, read_version=read)
    assert not Member.objects.with_id_number(ID_NUMBER).exists()


def test_a_member_registered_meanwhile_is_refused_clearly(county, officer):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    MemberFactory(id_number=ID_NUMBER, union=county["town"])
    with pytest.raises(ValidationError) as refusal:
        approve(officer, application)
    assert refusal.value.code == "join_duplicate"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Member.objects.with_id_number(ID_NUMBER).count() == 1


def test_an_officer_cannot_approve_into_a_union_outside_their_subtree(county, officer):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    with pytest.raises(PermissionDenied):
        approve(officer, application, union=county["other"])
    assert not Member.objects.with_id_number(ID_NUMBER).exists()


# Who may open the pages -----------------------------------------------------------------------


def test_another_subtrees_officer_gets_404(client, county, make_staff):
    application = make_join_application(township=county["township"])
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS, union=county["other"]))
    url = reverse("members:join-approve", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": application.version}).status_code == 404


def test_a_member_gets_403_and_a_visitor_the_login(client, county):
    application = make_join_application(township=county["township"])
    url = reverse("members:join-approve", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    member = MemberFactory(union=county["town"])
    from tests.members.factories import UserFactory

    member.user = UserFactory()
    member.save()
    client.force_login(member.user)
    assert client.get(url).status_code == 403


def test_staff_without_the_right_get_403(client, county, make_staff):
    application = make_join_application(township=county["township"])
    client.force_login(make_staff(roles.WELFARE))
    assert client.get(reverse("members:join-approve", args=[application.pk])).status_code == 403


# Queries ----------------------------------------------------------------------------------


def _fill(county, count):
    for number in range(count):
        make_join_application(
            township=county["township"],
            id_number=make_id_number(birth=datetime.date(1990, 1, 1), serial=number),
            ip_address=f"192.0.2.{number % 200}",
        )


@pytest.mark.parametrize("count", [1, 12])
def test_the_approval_page_queries_do_not_grow(
    client, county, officer, count, django_assert_max_num_queries
):
    _fill(county, count)
    application = Application.objects.order_by("pk").first()
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("members:join-approve", args=[application.pk])).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_the_join_form_and_receipt_queries_do_not_grow(
    client, county, count, django_assert_max_num_queries
):
    _fill(county, count)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("members:join")).status_code == 200
    # The toolkit's submission: limits, numbering, the constraints full_clean checks.
    with django_assert_max_num_queries(55):
        client.post(reverse("members:join"), form_data(county))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("members:join-receipt")).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_the_join_admin_queries_do_not_grow(
    client, county, officer, count, django_assert_max_num_queries
):
    _fill(county, count)
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("admin:members_joinapplication_changelist"))
    assert response.status_code == 200
    assert ID_NUMBER not in response.content.decode()


def test_a_closed_application_has_no_approval_page(client, county, officer):
    application = make_join_application(township=county["township"], id_number=ID_NUMBER)
    approve(officer, application)
    client.force_login(officer)
    url = reverse("members:join-approve", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:staff-detail", args=[application.pk])
    client.post(url, {"version": application.version + 5, "union": county["joint"].pk})
    assert Member.objects.with_id_number(ID_NUMBER).count() == 1
