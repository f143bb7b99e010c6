"""The legal staff's answers to a legal help request: a consultation (concludes it), a case
(puts it in hand, 办理中), the case closed (concludes it with the money recovered), and the
refusals: a stale or repeated submit, an application already answered."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from legal_aid import services
from legal_aid.models import Case, CaseApplicant, Consultation
from tests.legal_aid.factories import make_help_request
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, UserFactory
from yuyang_union import roles
from yuyang_union.applications.models import Application, ApplicationStep
from yuyang_union.applications.services import accept_application
from yuyang_union.history.models import ActionEntry
from yuyang_union.sms import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def union():
    return UnionFactory(name="龙潭镇总工会")


@pytest.fixture
def application(union):
    employer = EmployerFactory(union=union)
    member = MemberFactory(user=UserFactory(), union=union, employer=employer)
    return make_help_request(member=member, employer=employer, amount_owed=Decimal("18000.00"))


@pytest.fixture
def legal_client(client, make_staff):
    from tests.sign_in import VerifiedClient

    staff = make_staff(roles.LEGAL)
    verified = VerifiedClient()
    verified.force_login(staff)
    verified.user = staff
    return verified


def consultation_url(application):
    return reverse("legal_aid:help-request-consultation", args=[application.pk])


def case_url(application):
    return reverse("legal_aid:help-request-case", args=[application.pk])


def consultation_data(application, **changes):
    data = {
        "version": str(application.version),
        "date": timezone.localdate().isoformat(),
        "channel": "online",
        "topics": ["wages"],
        "workers_served": "3",
        "employer": str(application.legal_help.employer_id),
        "employer_text": application.legal_help.employer.name,
        "summary": "电话答复，告知可申请劳动仲裁。",
    }
    data.update(changes)
    return data


def case_data(application, **changes):
    details = application.legal_help
    data = {
        "version": str(application.version),
        "kind": "legal_aid",
        "received_on": timezone.localdate().isoformat(),
        "employer_lookup": str(details.employer_id),
        "employer_lookup_text": details.employer.name,
        "matter": "wages",
        "workers_involved": "3",
        "amount_claimed": "18000.00",
        "facts": details.what_happened,
        "assigned_staff": "",
        "lawyer": "",
        "applicants-TOTAL_FORMS": "1",
        "applicants-INITIAL_FORMS": "0",
        "applicants-MIN_NUM_FORMS": "0",
        "applicants-MAX_NUM_FORMS": "60",
        "applicants-0-id_number": "",
        "applicants-0-name": "",
    }
    data.update(changes)
    return data


def entries(application, verb):
    return ActionEntry.objects.filter(
        verb=verb,
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(application.pk),
    )


def test_the_consultation_page_is_prefilled_from_the_request(legal_client, application):
    response = legal_client.get(consultation_url(application))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["workers_served"].value() == 3
    assert application.number in form["summary"].value()
    assert "老板拖欠三个月工资" in form["summary"].value()
    assert form["employer"].value() == (
        str(application.legal_help.employer_id),
        application.legal_help.employer.name,
    )


def test_recording_a_consultation_concludes_the_application(
    legal_client, application, django_capture_on_commit_callbacks
):
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = legal_client.post(consultation_url(application), consultation_data(application))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    application.refresh_from_db()
    assert application.status == "concluded"
    assert application.outcome == "已提供法律咨询"
    assert application.record == consultation
    assert application.closed_at is not None
    assert entries(application, "applications.moved").count() == 1
    assert ActionEntry.objects.filter(verb="legal_aid.consultation.recorded").count() == 1
    assert ApplicationStep.objects.filter(application=application, status="concluded").count() == 1
    assert application.unseen_update
    assert len(outbox) == 1


def test_the_case_page_is_prefilled_with_the_applicant_and_the_employer(legal_client, application):
    response = legal_client.get(case_url(application))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["kind"].value() == "legal_aid"
    assert form["amount_claimed"].value() == Decimal("18000.00")
    assert form["workers_involved"].value() == 3
    assert form["employer_lookup"].value()[0] == str(application.legal_help.employer_id)
    page = response.content.decode()
    assert application.applicant_name in page
    # The applicant's ID number is not put into the page: they are the case's first applicant
    # by their member record.
    assert application.applicant.id_number not in page


def test_registering_the_case_puts_the_application_in_hand(legal_client, application):
    response = legal_client.post(case_url(application), case_data(application))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    application.refresh_from_db()
    assert application.status == "in_progress"
    assert application.record == case
    assert application.outcome == f"已立案：{case.reference}"
    assert [a.member for a in CaseApplicant.objects.filter(case=case)] == [application.applicant]
    assert (case.kind, case.amount_claimed, case.workers_involved) == (
        "legal_aid",
        Decimal("18000.00"),
        3,
    )
    assert case.respondent == application.legal_help.employer
    assert entries(application, "applications.moved").count() == 1
    assert ActionEntry.objects.filter(verb="legal_aid.case.registered").count() == 1


def test_other_workers_join_the_case_after_the_applicant(legal_client, application):
    from tests.members.factories import make_id_number

    data = case_data(application, **{"applicants-0-id_number": make_id_number()})
    data["applicants-0-name"] = "田小华"
    assert legal_client.post(case_url(application), data).status_code == 302
    names = [a.display_name for a in CaseApplicant.objects.order_by("id")]
    assert names == [application.applicant_name, "田小华"]


def test_a_bad_case_form_saves_nothing(legal_client, application):
    response = legal_client.post(case_url(application), case_data(application, matter=""))
    assert response.status_code == 200
    assert "matter" in response.context["form"].errors
    assert not Case.objects.exists()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_stale_page_is_refused_and_saves_nothing(legal_client, application):
    page_version = application.version
    accept_application(actor=legal_client.user, application=application)
    response = legal_client.post(
        case_url(application), case_data(application, version=str(page_version))
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Case.objects.exists()
    assert not Consultation.objects.exists()
    response = legal_client.post(
        consultation_url(application), consultation_data(application, version=str(page_version))
    )
    assert response.status_code == 200
    assert not Consultation.objects.exists()
    application.refresh_from_db()
    assert application.status == "accepted"


def test_a_second_submit_is_refused(legal_client, application):
    data = case_data(application)
    assert legal_client.post(case_url(application), data).status_code == 302
    again = legal_client.post(case_url(application), data)
    assert again.status_code == 302
    assert again["Location"] == reverse("applications:staff-detail", args=[application.pk])
    assert Case.objects.count() == 1
    assert entries(application, "applications.moved").count() == 1
    consult = legal_client.post(consultation_url(application), consultation_data(application))
    assert consult.status_code == 302
    assert not Consultation.objects.exists()


def test_an_accepted_request_may_still_become_a_case(legal_client, application):
    accept_application(actor=legal_client.user, application=application)
    application.refresh_from_db()
    assert legal_client.post(case_url(application), case_data(application)).status_code == 302
    application.refresh_from_db()
    assert application.status == "in_progress"


def test_closing_the_case_concludes_the_application_with_the_money_recovered(
    legal_client, application
):
    legal_client.post(case_url(application), case_data(application))
    case = Case.objects.get()
    staff = legal_client.user
    for status in ("accepted", "arbitration"):
        services.move_case(actor=staff, case=case, to_status=status)
    services.move_case(
        actor=staff, case=case, to_status="settled", amount_recovered=Decimal("15000.00")
    )
    application.refresh_from_db()
    assert application.status == "in_progress"  # settled is not yet closed
    services.move_case(actor=staff, case=case, to_status="closed")
    application.refresh_from_db()
    assert application.status == "concluded"
    assert (
        application.outcome == f"案件{case.reference}已结案（已解决），追回劳动经济权益15,000.00元"
    )
    assert entries(application, "applications.moved").count() == 2


def test_a_case_closed_by_someone_without_the_right_still_concludes_it(application):
    from legal_aid.help_requests import register_case_from_request
    from yuyang_union.history.actors import system_actor

    case = Case(
        kind="legal_aid",
        received_on=timezone.localdate(),
        respondent=application.legal_help.employer,
        matter="wages",
    )
    register_case_from_request(
        actor=system_actor(), application=application, case=case, read_version=None
    )
    case.refresh_from_db()
    staff = UserFactory(is_staff=True)  # no right to handle requests
    for status in ("declined", "closed"):
        services.move_case(actor=staff, case=case, to_status=status)
    application.refresh_from_db()
    assert application.status == "concluded"
    assert case.reference in application.outcome
