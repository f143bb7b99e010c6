"""Members apply for hardship help and 金秋助学 (issue 18): the forms, in Chinese, consent,
the admission letter, a student already aided or asked for, what the member reads."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from tests.members.factories import MemberFactory, UserFactory, make_id_number
from welfare.models import EducationAidRequest, HardshipHelpRequest
from yuyang_union.applications.consent import ConsentFormMixin
from yuyang_union.applications.models import Application, ApplicationStatus
from yuyang_union.history.models import ActionEntry

from .factories import EducationAidFactory, education_request

pytestmark = pytest.mark.django_db

HARDSHIP_URL = reverse("welfare:apply-hardship-help")
EDUCATION_URL = reverse("welfare:apply-education-aid")
STUDENT_ID = make_id_number(birth=datetime.date(2008, 5, 17))
# The toolkit's own words (yuyang_union.applications.consent), in the page's language.
with translation.override("zh-hans"):
    CONSENT_REQUIRED = str(ConsentFormMixin.base_fields["consent"].error_messages["required"])


def png(name="录取通知书.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 16, 46)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture
def member(client):
    member = MemberFactory(user=UserFactory())
    client.force_login(member.user)
    return member


def hardship_post(**changes):
    data = {
        "household_size": "4",
        "monthly_income_per_person": "650.50",
        "causes": ["illness", "schooling"],
        "situation": "妻子重病，两个孩子读书。",
        "consent": "on",
        "sensitive_consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def education_post(**changes):
    data = {
        "student_name": "田小雨",
        "student_id_number": STUDENT_ID,
        "school": "西南大学",
        "level": "university",
        "admission_letter": png(),
        "consent": "on",
        "sensitive_consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_member_applies_for_hardship_help_routed_to_their_union(
    client, member, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(HARDSHIP_URL, hardship_post())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:my-detail", args=[application.pk])
    assert application.kind == "hardship_help"
    assert application.union == member.union
    assert application.applicant == member
    assert application.contact_phone == member.phone
    assert application.number.startswith("帮扶申〔")
    details = HardshipHelpRequest.objects.get(application=application)
    assert details.monthly_income_per_person == Decimal("650.50")
    assert details.causes == ["illness", "schooling"]
    assert len(sms_outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "患病" in page
    assert "650.50" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"household_size": "0"}, "household_size", "确保该值大于或等于1"),
        ({"household_size": "800"}, "household_size", "确保该值小于或等于50"),
        ({"monthly_income_per_person": "-5"}, "monthly_income_per_person", "大于或等于0"),
        ({"monthly_income_per_person": "很少"}, "monthly_income_per_person", "输入一个数字"),
        ({"causes": None}, "causes", "请至少勾选一项原因"),
        ({"causes": ["lazy"]}, "causes", "不在可用的选项中"),
        ({"situation": ""}, "situation", "这个字段是必填项"),
        ({"contact_phone": "12345"}, "contact_phone", "手机号码"),
        ({"consent": None}, "consent", CONSENT_REQUIRED),
        ({"sensitive_consent": None}, "sensitive_consent", CONSENT_REQUIRED),
    ],
)
def test_hardship_form_refuses_bad_fields_in_chinese(client, member, changes, field, message):
    response = client.post(HARDSHIP_URL, hardship_post(**changes))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"admission_letter": None}, "admission_letter", "请上传录取通知书"),
        (
            {"admission_letter": SimpleUploadedFile("a.txt", b"hello", "text/plain")},
            "admission_letter",
            "a.txt",
        ),
        ({"student_id_number": "500242200805171234"}, "student_id_number", "身份证"),
        ({"student_name": ""}, "student_name", "这个字段是必填项"),
        ({"level": "kindergarten"}, "level", "不在可用的选项中"),
        ({"sensitive_consent": None}, "sensitive_consent", CONSENT_REQUIRED),
    ],
)
def test_education_form_refuses_bad_fields_in_chinese(client, member, changes, field, message):
    response = client.post(EDUCATION_URL, education_post(**changes))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not Application.objects.exists()


def test_a_member_applies_for_education_aid_with_the_admission_letter(client, member):
    response = client.post(EDUCATION_URL, education_post())
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.kind == "education_aid"
    details = EducationAidRequest.objects.get(application=application)
    assert details.student_id_number == STUDENT_ID
    assert details.year == application.year
    # Encrypted at rest, with its digest.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT student_id_number FROM welfare_educationaidrequest WHERE id = %s",
            [details.pk],
        )
        assert STUDENT_ID not in cursor.fetchone()[0]
    assert details.student_id_number_digest
    (document,) = application.documents.all()
    assert document.original_name == "录取通知书：录取通知书.png"
    page = client.get(response["Location"]).content.decode()
    assert STUDENT_ID not in page
    assert details.student_id_number_masked in page


def test_a_student_with_aid_this_year_is_refused_at_the_field(client, member):
    EducationAidFactory(
        student_id_number=STUDENT_ID, year=timezone.localdate().year, state="proposed",
        approved_at=None, paid_on=None,
    )  # fmt: skip
    response = client.post(EDUCATION_URL, education_post())
    assert response.status_code == 200
    assert "已有本年度金秋助学资助或正在办理的申请" in " ".join(
        response.context["form"].errors["student_id_number"]
    )
    assert not Application.objects.exists()


def test_a_student_with_an_open_request_is_refused_with_the_same_words(client, member):
    education_request(student_id_number=STUDENT_ID)  # another parent's, still open
    response = client.post(EDUCATION_URL, education_post())
    assert response.status_code == 200
    assert "已有本年度金秋助学资助或正在办理的申请" in " ".join(
        response.context["form"].errors["student_id_number"]
    )
    assert Application.objects.count() == 1


def test_a_closed_request_or_last_years_aid_does_not_block(client, member):
    EducationAidFactory(student_id_number=STUDENT_ID, year=timezone.localdate().year - 1)
    response = client.post(EDUCATION_URL, education_post())
    assert response.status_code == 302


def test_a_member_without_a_phone_must_give_one(client):
    member = MemberFactory(user=UserFactory(), phone="")
    client.force_login(member.user)
    response = client.post(HARDSHIP_URL, hardship_post())
    assert "请填写接收通知的手机号码" in " ".join(response.context["form"].errors["contact_phone"])
    response = client.post(HARDSHIP_URL, hardship_post(contact_phone="139 1234 5678"))
    assert Application.objects.get().contact_phone == "13912345678"


def test_only_members_apply(client):
    assert client.get(HARDSHIP_URL).status_code == 302  # to the login page
    client.force_login(UserFactory())  # signed in, no member record
    assert client.get(HARDSHIP_URL).status_code == 403
    assert client.post(EDUCATION_URL, education_post()).status_code == 403
    assert not Application.objects.exists()


def test_submitting_writes_one_action_entry_and_the_first_step(client, member):
    client.post(HARDSHIP_URL, hardship_post())
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert list(application.steps.values_list("status", flat=True)) == ["submitted"]
    assert ActionEntry.objects.filter(object_id=str(application.pk)).count() == 1


def test_the_forms_show_on_a_phone_in_chinese(client, member):
    page = client.get(EDUCATION_URL).content.decode()
    assert "录取通知书" in page
    assert "监护人" in page
    assert 'enctype="multipart/form-data"' in page
    page = client.get(HARDSHIP_URL).content.decode()
    assert "家庭人口" in page
    assert member.phone not in page  # the phone on record is shown masked
