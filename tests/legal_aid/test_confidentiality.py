"""Case files: only the legal role and administrators; every opening is logged."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from legal_aid import services
from legal_aid.models import CaseDocument, CaseViewLog
from yuyang_union import roles

from .factories import make_case, other_worker

pytestmark = pytest.mark.django_db

OTHER_ROLES = [
    roles.ORGANISATION,
    roles.WELFARE,
    roles.COMPETITIONS,
    roles.EVENTS,
    roles.LEADERS,
    roles.GRASSROOTS_OFFICERS,
]


@pytest.fixture
def case(legal_staff):
    return make_case(actor=legal_staff, kind="mediation", applicants=[other_worker("冉秀英")])


@pytest.fixture
def document(case, legal_staff):
    upload = SimpleUploadedFile("冉秀英-仲裁申请书.pdf", b"%PDF-1.4 secret", "application/pdf")
    return services.add_case_document(
        case=case, title="仲裁申请书", upload=upload, actor=legal_staff
    )


def case_urls(case, document):
    return [
        "/staff/legal/cases/",
        "/staff/legal/cases/overdue/",
        f"/staff/legal/cases/{case.pk}/",
        f"/admin/legal_aid/case/{case.pk}/change/",
        f"/admin/legal_aid/case/{case.pk}/history/",
        "/admin/legal_aid/case/",
        "/admin/legal_aid/caseviewlog/",
        "/admin/legal_aid/casestatuschange/",
        f"/admin/legal_aid/casedocument/{document.pk}/change/",
        document.file.url,
    ]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_every_case_page_and_document(
    client, make_staff, role, case, document
):
    client.force_login(make_staff(role))
    for url in case_urls(case, document):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert (
        client.post(f"/staff/legal/cases/{case.pk}/move/", {"to_status": "accepted"}).status_code
        == 403
    )
    case.refresh_from_db()
    assert case.status == "received"
    assert not CaseViewLog.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, case, document):
    for url in case_urls(case, document):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_a_member_account_is_refused(client, member_user, case, document):
    client.force_login(member_user)
    assert client.get(f"/staff/legal/cases/{case.pk}/").status_code == 403
    assert client.get(document.file.url).status_code == 403


def test_documents_are_not_under_the_public_media_url(document, settings):
    assert not document.file.url.startswith("/" + settings.MEDIA_URL)
    assert document.file.url.startswith("/staff/legal/documents/")
    # The file name on disk is random: the person's name stays out of paths and URLs.
    assert "冉秀英" not in document.file.name


def test_legal_staff_open_the_case_and_each_opening_is_logged(client, legal_staff, case):
    client.force_login(legal_staff)
    response = client.get(f"/staff/legal/cases/{case.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert case.reference in page
    assert "冉秀英" in page
    client.get(f"/staff/legal/cases/{case.pk}/")
    logs = list(CaseViewLog.objects.values_list("case", "user", "via"))
    assert logs == [(case.pk, legal_staff.pk, "staff"), (case.pk, legal_staff.pk, "staff")]


def test_the_admin_change_view_is_logged(client, make_staff, case):
    admin_user = make_staff(roles.ADMINISTRATORS)
    client.force_login(admin_user)
    response = client.get(f"/admin/legal_aid/case/{case.pk}/change/")
    assert response.status_code == 200
    assert CaseViewLog.objects.filter(case=case, user=admin_user, via="admin").count() == 1
    history = client.get(f"/admin/legal_aid/case/{case.pk}/history/")
    assert history.status_code == 200
    assert case.reference in history.content.decode()
    assert CaseViewLog.objects.filter(case=case, user=admin_user, via="admin").count() == 2


def test_the_id_number_of_an_applicant_is_masked(client, legal_staff, case):
    applicant = case.applicants.get()
    client.force_login(legal_staff)
    page = client.get(f"/staff/legal/cases/{case.pk}/").content.decode()
    assert applicant.id_number not in page
    assert applicant.id_number_masked in page
    admin_page = client.get(f"/admin/legal_aid/case/{case.pk}/change/").content.decode()
    assert applicant.id_number not in admin_page


def test_legal_staff_download_a_document_and_it_is_logged(client, legal_staff, document):
    client.force_login(legal_staff)
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    assert "attachment" in response["Content-Disposition"]
    assert CaseViewLog.objects.filter(user=legal_staff, via="document").count() == 1


def test_an_unknown_document_name_is_not_found(client, legal_staff, document):
    client.force_login(legal_staff)
    assert client.get("/staff/legal/documents/cases/2022/nothing.pdf").status_code == 404


def test_legal_staff_move_a_case_and_upload_on_the_case_page(client, legal_staff, case):
    client.force_login(legal_staff)
    response = client.post(
        f"/staff/legal/cases/{case.pk}/move/",
        {"to_status": "accepted", "on": "2022-03-02", "note": "受理", "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "accepted"
    assert str(case.due_on) == "2022-03-17"
    # A move the flow does not allow is refused with a message, nothing changes.
    response = client.post(
        f"/staff/legal/cases/{case.pk}/move/",
        {"to_status": "closed", "on": "2022-03-03", "version": case.version + 1},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == "accepted"
    upload = SimpleUploadedFile("调解协议.pdf", b"%PDF agreement", "application/pdf")
    client.post(f"/staff/legal/cases/{case.pk}/documents/", {"title": "调解协议", "upload": upload})
    assert CaseDocument.objects.get(case=case).original_name == "调解协议.pdf"


def test_a_union_limited_legal_officer_sees_only_cases_in_the_subtree(
    client, make_staff, legal_staff
):
    from tests.members.factories import EmployerFactory, UnionFactory

    mine, theirs = UnionFactory(), UnionFactory()
    inside = make_case(actor=legal_staff, respondent=EmployerFactory(union=mine))
    outside = make_case(actor=legal_staff, respondent=EmployerFactory(union=theirs))
    officer = make_staff(roles.LEGAL, union=mine)
    client.force_login(officer)
    assert client.get(f"/staff/legal/cases/{inside.pk}/").status_code == 200
    assert client.get(f"/staff/legal/cases/{outside.pk}/").status_code == 404
    listing = client.get("/staff/legal/cases/").content.decode()
    assert inside.reference in listing
    assert outside.reference not in listing


def test_full_id_numbers_are_revealed_on_purpose_and_logged(client, legal_staff, case):
    from django.contrib.auth.models import Permission

    from yuyang_union.personal_data.models import IdentifierAccessLog

    applicant = case.applicants.get()
    client.force_login(legal_staff)
    page = client.get(f"/staff/legal/cases/{case.pk}/").content.decode()
    assert applicant.id_number not in page
    assert "/staff/personal-data/reveal/" not in page  # no right, no way to reveal

    legal_staff.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    legal_staff = type(legal_staff).objects.get(pk=legal_staff.pk)
    client.force_login(legal_staff)
    page = client.get(f"/staff/legal/cases/{case.pk}/").content.decode()
    assert applicant.id_number not in page  # masked by default, for everyone
    reveal = re.search(r'href="(/staff/personal-data/reveal/[^"]+)"', page).group(1)
    reveal = html.unescape(reveal)
    assert applicant.id_number not in client.get(reveal).content.decode()
    assert not IdentifierAccessLog.objects.exists()
    shown = client.post(reveal, {"reason": "casework"}).content.decode()
    assert applicant.id_number in shown
    logged = IdentifierAccessLog.objects.get(user=legal_staff, field="id_number")
    assert (logged.channel, logged.reason) == ("reveal", "casework")
    assert logged.page == f"/staff/legal/cases/{case.pk}/"


def test_an_html_upload_is_refused(client, legal_staff, case):
    client.force_login(legal_staff)
    upload = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", "text/html")
    response = client.post(
        f"/staff/legal/cases/{case.pk}/documents/", {"title": "x", "upload": upload}, follow=True
    )
    assert response.status_code == 200
    assert not CaseDocument.objects.exists()


def test_a_document_added_in_the_admin_keeps_its_uploader_and_name(client, make_staff, case):
    admin_user = make_staff(roles.ADMINISTRATORS)
    client.force_login(admin_user)
    upload = SimpleUploadedFile("工资欠条.pdf", b"%PDF-1.4 note", "application/pdf")
    response = client.post(
        "/admin/legal_aid/casedocument/add/", {"case": case.pk, "title": "欠条", "file": upload}
    )
    assert response.status_code == 302
    document = CaseDocument.objects.get(case=case)
    assert document.original_name == "工资欠条.pdf"
    assert document.uploaded_by == admin_user
