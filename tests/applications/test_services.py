import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory
from yuyang_union import roles
from yuyang_union.applications import limits, services
from yuyang_union.applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    ApplicationStep,
    DeclineReason,
    SubmissionAttempt,
)
from yuyang_union.history.actors import system_actor
from yuyang_union.history.models import ActionEntry
from yuyang_union.versions.errors import StaleVersionError

from .conftest import Details
from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _submit(union, phone="13912345678", ip="10.0.0.1", person="member:1", **fields):
    application = Application(
        kind=ApplicationKind.LEGAL_HELP,
        union=union,
        applicant_name="张三",
        contact_phone=phone,
        **fields,
    )
    details = Details()
    services.submit_application(
        actor=system_actor(),
        application=application,
        details=details,
        ip_address=ip,
        person_key=person,
        sensitive_consent=True,
    )
    return application, details


def test_a_submission_is_numbered_dated_logged_and_acknowledged(
    test_kind, sms_outbox, django_capture_on_commit_callbacks
):
    union = UnionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first, details = _submit(union)
        second, _details = _submit(union, person="member:2")
    year = timezone.localdate().year
    assert first.number == f"法援申〔{year}〕第1号"
    assert second.number == f"法援申〔{year}〕第2号"
    assert details.saved
    assert details.application == first
    assert first.status == ApplicationStatus.SUBMITTED
    assert first.due_at > first.submitted_at
    assert first.consent_version
    assert first.sensitive_consent
    assert list(
        ApplicationStep.objects.filter(application=first).values_list("status", flat=True)
    ) == ["submitted"]
    assert (
        ActionEntry.objects.filter(verb="applications.submitted", object_id=str(first.pk)).count()
        == 1
    )
    assert len(sms_outbox) == 2
    assert first.number in sms_outbox[0].message
    assert "13912345678" not in sms_outbox[0].message


def test_no_submission_without_the_separate_consent(test_kind):
    application = Application(
        kind=ApplicationKind.LEGAL_HELP, union=UnionFactory(), applicant_name="张三",
        contact_phone="13912345678",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.submit_application(
            actor=system_actor(), application=application, details=Details(),
            ip_address="10.0.0.1", person_key="x", sensitive_consent=False,
        )  # fmt: skip
    assert not Application.objects.exists()


def test_the_rate_limit_per_phone_counts_refused_attempts_too(test_kind):
    union = UnionFactory()
    for number in range(limits.PER_PHONE):
        _submit(union, ip=f"10.0.0.{number}", person=f"member:{number}")
    with pytest.raises(limits.TooManyApplications):
        _submit(union, ip="10.0.1.1", person="member:99")
    assert Application.objects.count() == limits.PER_PHONE


def test_the_rate_limit_per_person_and_per_address(test_kind):
    union = UnionFactory()
    for number in range(limits.PER_PERSON):
        _submit(union, phone=f"1391234{number:04d}", ip=f"10.0.0.{number}", person="member:7")
    with pytest.raises(limits.TooManyApplications):
        _submit(union, phone="13800000000", ip="10.9.9.9", person="member:7")
    SubmissionAttempt.objects.all().delete()
    for number in range(limits.PER_ADDRESS):
        _submit(union, phone=f"1370000{number:04d}", person=f"p{number}")
    with pytest.raises(limits.TooManyApplications):
        _submit(union, phone="13600000000", person="another")


def test_an_old_attempt_no_longer_counts(test_kind):
    union = UnionFactory()
    for number in range(limits.PER_PHONE):
        _submit(union, ip=f"10.0.0.{number}", person=f"member:{number}")
    SubmissionAttempt.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    _submit(union, ip="10.0.2.2", person="member:50")
    assert limits.purge_old_attempts(now=timezone.now() + datetime.timedelta(days=40)) > 0


@pytest.fixture
def officer(make_staff):
    def make(union=None):
        return make_staff(roles.LEGAL, union=union)

    return make


def test_accepting_answers_on_time_and_tells_the_applicant(
    test_kind, officer, sms_outbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_application(
            actor=officer(),
            application=application,
            read_version=application.version,
            note="请携带材料",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.answered_at
    assert application.accepted_at
    assert application.answered_on_time
    assert application.unseen_update
    assert application.steps.get().note == "请携带材料"
    assert "受理" in sms_outbox[-1].message


def test_declining_needs_a_reason_and_closes(
    test_kind, officer, sms_outbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        services.decline_application(actor=officer(), application=application, reason="")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_application(
            actor=officer(),
            application=application,
            reason=DeclineReason.NOT_ELIGIBLE,
            note="不符合条件",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.closed_at
    assert application.accepted_at is None
    assert "未通过" in sms_outbox[-1].message


def test_a_closed_application_does_not_move_again(test_kind, officer):
    application = ApplicationFactory()
    services.decline_application(
        actor=officer(), application=application, reason=DeclineReason.OTHER, note="重复"
    )
    with pytest.raises(ValidationError, match="未通过"):
        services.accept_application(actor=officer(), application=application)


def test_a_stale_page_cannot_answer(test_kind, officer):
    application = ApplicationFactory()
    read = application.version
    services.accept_application(actor=officer(), application=application, read_version=read)
    with pytest.raises(StaleVersionError):
        services.decline_application(
            actor=officer(), application=application, reason=DeclineReason.OTHER, read_version=read
        )


def test_only_the_department_in_its_subtree_answers(test_kind, officer, make_staff):
    application = ApplicationFactory()
    with pytest.raises(PermissionDenied):
        services.accept_application(actor=make_staff(roles.COMPETITIONS), application=application)
    with pytest.raises(PermissionDenied):
        services.accept_application(actor=officer(UnionFactory()), application=application)
    services.accept_application(actor=officer(application.union), application=application)


def test_the_record_it_became_and_its_conclusion(test_kind, officer):
    application = ApplicationFactory()
    record = MemberFactory()
    services.begin_handling(
        actor=officer(), application=application, record=record, outcome="已立案"
    )
    application.refresh_from_db()
    assert (application.status, application.record, application.outcome) == (
        ApplicationStatus.IN_PROGRESS, record, "已立案",
    )  # fmt: skip
    assert services.conclude_for_record(actor=officer(), record=record, outcome="已结案") == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONCLUDED
    assert application.closed_at
    assert [step.status for step in application.steps.all()] == ["in_progress", "concluded"]
    assert (
        ActionEntry.objects.filter(verb="applications.moved", object_id=str(application.pk)).count()
        == 2
    )


def test_the_database_refuses_a_declined_row_without_reason(test_kind):
    application = ApplicationFactory()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            status="declined", closed_at=timezone.now(), answered_at=timezone.now()
        )


def test_work_on_the_record_concludes_even_when_its_doer_may_not_handle(
    test_kind, officer, make_staff
):
    application = ApplicationFactory()
    record = MemberFactory()
    services.begin_handling(actor=officer(), application=application, record=record, outcome="")
    outsider = make_staff(roles.COMPETITIONS)
    assert services.conclude_for_record(actor=outsider, record=record, outcome="已办结") == 1
    last = application.steps.order_by("-at", "-id").first()
    assert last.status == ApplicationStatus.CONCLUDED
    assert last.actor == system_actor()
