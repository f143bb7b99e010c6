"""Who may see and answer legal help requests, what the applicant reads of their case, and the
pages' queries at two sizes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from legal_aid import services
from legal_aid.help_requests import register_case_from_request
from legal_aid.models import Case, CaseApplicant
from tests.legal_aid.factories import make_help_request
from tests.members.factories import (
    EmployerFactory,
    MemberFactory,
    UnionFactory,
    UserFactory,
    make_id_number,
)
from tests.sign_in import VerifiedClient
from yuyang_union import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return UnionFactory(name="龚滩镇总工会", kind="township")


@pytest.fixture
def application(town):
    union = UnionFactory(name="龚滩镇某厂工会", parent=town)
    employer = EmployerFactory(union=union)
    member = MemberFactory(user=UserFactory(), union=union, employer=employer)
    return make_help_request(member=member, employer=employer)


def signed_in(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def answer_urls(application):
    return [
        reverse("legal_aid:help-request-consultation", args=[application.pk]),
        reverse("legal_aid:help-request-case", args=[application.pk]),
    ]


def with_case(application, staff, note=""):
    case = Case(
        kind="legal_aid",
        received_on=timezone.localdate(),
        respondent=application.legal_help.employer,
        matter="wages",
        facts="内部记录：单位负责人态度强硬。",
    )
    other = CaseApplicant(name="田小华", id_number=make_id_number())
    case = register_case_from_request(
        actor=staff,
        application=application,
        case=case,
        other_applicants=[other],
        read_version=None,
    )
    services.move_case(actor=staff, case=case, to_status="accepted", note=note)
    return case


def test_a_member_cannot_open_anothers_request(application):
    other = MemberFactory(user=UserFactory())
    client = signed_in(other.user)
    detail = reverse("applications:my-detail", args=[application.pk])
    assert client.get(detail).status_code == 404
    own = signed_in(application.applicant.user)
    assert own.get(detail).status_code == 200


def test_legal_staff_of_another_subtree_get_404(application, make_staff):
    elsewhere = make_staff(roles.LEGAL, union=UnionFactory(name="花田乡总工会"))
    client = signed_in(elsewhere)
    staff_page = reverse("applications:staff-detail", args=[application.pk])
    for url in [staff_page, *answer_urls(application)]:
        assert client.get(url).status_code == 404, url
    assert client.post(answer_urls(application)[1], {}).status_code == 404


def test_legal_staff_of_the_subtree_may_answer(application, make_staff, town):
    client = signed_in(make_staff(roles.LEGAL, union=town))
    for url in answer_urls(application):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [roles.WELFARE, roles.GRASSROOTS_OFFICERS, roles.LEADERS])
def test_staff_without_the_right_are_refused(application, make_staff, town, role):
    client = signed_in(make_staff(role, union=town if role == roles.GRASSROOTS_OFFICERS else None))
    for url in answer_urls(application):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_a_member_cannot_answer(application):
    client = signed_in(application.applicant.user)
    for url in answer_urls(application):
        assert client.get(url).status_code in (302, 403), url


def test_the_applicant_reads_the_case_reference_and_status_only(application, make_staff):
    staff = make_staff(roles.LEGAL)
    case = with_case(application, staff, note="内部备注：先约谈单位。")
    client = signed_in(application.applicant.user)
    page = client.get(reverse("applications:my-detail", args=[application.pk])).content.decode()
    assert case.reference in page
    assert "已受理" in page or case.get_status_display() in page
    assert "办理中" in page
    assert "老板拖欠三个月工资" in page  # what they asked
    for hidden in ("田小华", "内部记录", "内部备注"):
        assert hidden not in page


def test_the_staff_page_offers_the_two_answers(application, make_staff):
    client = signed_in(make_staff(roles.LEGAL))
    page = client.get(reverse("applications:staff-detail", args=[application.pk])).content
    page = page.decode()
    assert "记录为法律咨询" in page
    assert "立案受理" in page
    for url in answer_urls(application):
        assert url in page


def _requests_of(member, count):
    employer = member.employer
    for number in range(count):
        make_help_request(member=member, employer=employer, ip_address=f"127.0.1.{number}")


@pytest.mark.parametrize("count", [1, 5])
def test_the_members_pages_take_constant_queries(count, django_assert_max_num_queries):
    member = MemberFactory(user=UserFactory(), employer=EmployerFactory())
    _requests_of(member, count)
    client = signed_in(member.user)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("applications:mine")).status_code == 200
    latest = member.applications.first()
    with django_assert_max_num_queries(14):
        assert client.get(reverse("applications:my-detail", args=[latest.pk])).status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get(reverse("legal_aid:help-request-new")).status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_the_staff_pages_take_constant_queries(count, make_staff, django_assert_max_num_queries):
    member = MemberFactory(user=UserFactory(), employer=EmployerFactory())
    _requests_of(member, count)
    latest = member.applications.first()
    client = signed_in(make_staff(roles.LEGAL))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("applications:staff-detail", args=[latest.pk])).status_code == 200
    for url in answer_urls(latest):
        with django_assert_max_num_queries(13):
            assert client.get(url).status_code == 200


def test_the_applicant_and_the_officer_open_the_documents_others_do_not(make_staff):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from yuyang_union.history.models import ActionEntry

    member = MemberFactory(user=UserFactory(), employer=EmployerFactory())
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="JPEG")
    own = signed_in(member.user)
    data = {
        "matter": "wages",
        "what_happened": "拖欠工资。",
        "employer_lookup": str(member.employer_id),
        "employer_lookup_text": member.employer.name,
        "amount_owed": "100",
        "workers_affected": "1",
        "consent": "on",
        "sensitive_consent": "on",
        "documents": [SimpleUploadedFile("欠条.jpg", out.getvalue(), "image/jpeg")],
    }
    assert own.post(reverse("legal_aid:help-request-new"), data).status_code == 302
    application = member.applications.get()
    document = application.documents.get()
    link = reverse("applications:document-file", args=[document.file.name])
    page = own.get(reverse("applications:my-detail", args=[application.pk])).content.decode()
    assert link in page
    assert own.get(link).status_code == 200
    officer = signed_in(make_staff(roles.LEGAL))
    staff_page = reverse("applications:staff-detail", args=[application.pk])
    assert link in officer.get(staff_page).content.decode()
    assert officer.get(link).status_code == 200
    assert ActionEntry.objects.filter(verb="applications.document_opened").count() == 2
    stranger = signed_in(MemberFactory(user=UserFactory()).user)
    assert stranger.get(link).status_code == 404


def test_the_members_own_data_page_lists_their_requests(application):
    other = make_help_request(what_happened="别人的事情：加班费没有发。")
    client = signed_in(application.applicant.user)
    page = client.get(reverse("personal_data:my-data")).content.decode()
    assert "法律援助申请" in page
    assert application.number in page
    assert "老板拖欠三个月工资" in page
    assert other.number not in page
