"""The member's legal help request form (法律援助申请): phone-first, validated in Chinese at
each field, consent required, documents checked, nothing half-saved, routed to their union."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from legal_aid.models import LegalHelpRequest
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, UserFactory
from yuyang_union.applications.models import Application, ApplicationDocument
from yuyang_union.history.models import ActionEntry

pytestmark = pytest.mark.django_db
URL = reverse("legal_aid:help-request-new")


def has_chinese(message):
    return re.search(r"[\u4e00-\u9fff]", str(message)) is not None


def photo(name="欠条.jpg", size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def member(db):
    union = UnionFactory(name="桃花源街道联合工会")
    return MemberFactory(user=UserFactory(), union=union, employer=EmployerFactory(union=union))


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


def valid(member, **changes):
    data = {
        "matter": "wages",
        "what_happened": "工地老板拖欠我们三个月工资。",
        "employer_lookup": str(member.employer_id),
        "employer_lookup_text": member.employer.name,
        "amount_owed": "18000.50",
        "workers_affected": "3",
        "consent": "on",
        "sensitive_consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_opens_for_a_member_in_chinese(member_client, member):
    response = member_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "申请法律援助" in page
    # Notices go to the roster's phone, shown masked; the number itself is not on the page.
    assert member.phone not in page
    assert member.phone_masked in page


def test_a_valid_request_is_saved_whole_and_routed_to_the_members_union(
    member_client, member, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(URL, valid(member, documents=[photo(), photo("合同.jpg")]))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:my-detail", args=[application.pk])
    assert application.kind == "legal_help"
    assert application.union == member.union
    assert application.applicant == member
    assert application.number.startswith("法援申〔")
    details = application.legal_help
    assert (details.employer, details.amount_owed, details.workers_affected) == (
        member.employer,
        Decimal("18000.50"),
        3,
    )
    assert ApplicationDocument.objects.filter(application=application).count() == 2
    assert ActionEntry.objects.filter(verb="applications.submitted").count() == 1
    assert len(sms_outbox) == 1


def test_an_employer_not_registered_is_kept_by_the_name_typed(member_client, member):
    data = valid(member, employer_lookup="", employer_lookup_text="酉阳某某快递站")
    assert member_client.post(URL, data).status_code == 302
    details = LegalHelpRequest.objects.get()
    assert details.employer is None
    assert details.employer_name == "酉阳某某快递站"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"what_happened": ""}, "what_happened"),
        ({"matter": ""}, "matter"),
        ({"matter": "nonsense"}, "matter"),
        ({"employer_lookup": "", "employer_lookup_text": ""}, "employer_lookup"),
        ({"amount_owed": ""}, "amount_owed"),
        ({"amount_owed": "-1"}, "amount_owed"),
        ({"amount_owed": "十万"}, "amount_owed"),
        ({"amount_owed": "99999999999"}, "amount_owed"),
        ({"workers_affected": "0"}, "workers_affected"),
        ({"workers_affected": ""}, "workers_affected"),
        ({"workers_affected": "1000001"}, "workers_affected"),
        ({"consent": None}, "consent"),
        ({"sensitive_consent": None}, "sensitive_consent"),
    ],
)
def test_each_bad_field_is_refused_at_the_field_in_chinese(member_client, member, changes, field):
    response = member_client.post(URL, valid(member, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert all(has_chinese(message) for message in errors[field]), errors[field]
    assert not Application.objects.exists()
    assert not LegalHelpRequest.objects.exists()


def test_a_document_that_is_not_a_picture_or_pdf_is_refused(member_client, member):
    fake = SimpleUploadedFile("工资条.jpg", b"MZ not a picture", content_type="image/jpeg")
    response = member_client.post(URL, valid(member, documents=[photo(), fake]))
    errors = response.context["form"].errors["documents"]
    assert any("工资条.jpg" in message and has_chinese(message) for message in errors)
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()


def test_a_document_too_big_is_refused(member_client, member, settings):
    settings.APPLICATION_DOCUMENT_MAX_MB = 0.001  # about 1 KB
    big = photo("大图.jpg", size=(600, 600))
    response = member_client.post(URL, valid(member, documents=[big]))
    errors = response.context["form"].errors["documents"]
    assert any("大图.jpg" in message and has_chinese(message) for message in errors)
    assert not Application.objects.exists()


def test_a_member_without_a_phone_on_the_roster_gives_one(client):
    member = MemberFactory(user=UserFactory(), phone="", employer=EmployerFactory())
    client.force_login(member.user)
    response = client.post(URL, valid(member))
    assert "contact_phone" in response.context["form"].errors
    assert client.post(URL, valid(member, contact_phone="13912345678")).status_code == 302
    assert Application.objects.get().contact_phone == "13912345678"


def test_the_rate_limit_refuses_in_chinese_and_saves_nothing_more(member_client, member):
    for _ in range(5):
        assert member_client.post(URL, valid(member)).status_code == 302
    response = member_client.post(URL, valid(member))
    assert response.status_code == 200
    assert any(has_chinese(error) for error in response.context["form"].non_field_errors())
    assert Application.objects.count() == 5


def test_only_members_may_ask(client):
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(UserFactory())  # signed in, not on the roster
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


def test_the_employer_search_answers_members_by_post_only(member_client, member):
    search = reverse("legal_aid:help-request-employers")
    assert member_client.get(search).status_code == 405
    answer = member_client.post(search, {"term": member.employer.name[:4]}).json()
    assert {"id": member.employer.pk, "text": member.employer.name} in answer["results"]
