"""Members' help requests in the other records (issue 18): the summary's other figures, the
person's own copy, the change history (masked), and the demo."""

import datetime
import random

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import MemberFactory, UserFactory, make_id_number
from welfare.demo import load_late
from welfare.figures import figures_for_periods
from welfare.models import EducationAidRequest
from yuyang_union import roles
from yuyang_union.applications.models import Application, ApplicationStatus
from yuyang_union.applications.services import accept_application

from .factories import education_request, hardship_request

pytestmark = pytest.mark.django_db

STUDENT_ID = make_id_number(birth=datetime.date(2009, 9, 9))


def test_the_figures_count_requests_per_kind_apart_from_the_seeds(make_staff):
    accept_application(actor=make_staff(roles.WELFARE), application=hardship_request())
    hardship_request()
    education_request()
    today = timezone.localdate()
    (this_year, last_year) = figures_for_periods(
        [
            (today.replace(month=1, day=1), today),
            (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        ]
    )
    got = {figure.key: figure.value for figure in this_year}
    assert got["applications.hardship_help.received"] == 2
    assert got["applications.hardship_help.accepted"] == 1
    assert got["applications.hardship_help.on_time"] == 1
    assert got["applications.education_aid.received"] == 1
    assert got["applications.education_aid.accepted"] == 0
    assert {f.key: f.value for f in last_year}["applications.hardship_help.received"] == 0
    # The seed's own welfare figures are still the first eleven, unchanged in number.
    assert [f.key for f in this_year][:11] == [f.key for f in last_year][:11]
    assert len([f for f in this_year if not f.key.startswith("applications.")]) == 11


def test_the_members_own_page_lists_their_requests_masked(client):
    member = MemberFactory(user=UserFactory())
    education_request(member, student_id_number=STUDENT_ID, student_name="冉小雨")
    hardship_request(member, situation="家中失火")
    client.force_login(member.user)
    page = client.get(reverse("personal_data:my-data")).content.decode()
    assert "金秋助学申请" in page
    assert "冉小雨" in page
    assert STUDENT_ID not in page
    assert "困难帮扶申请" in page
    assert "家中失火" in page


def test_the_history_masks_the_students_id_number():
    education_request(student_id_number=STUDENT_ID)
    request = EducationAidRequest.objects.get()
    entries = LogEntry.objects.get_for_object(request)
    assert entries.exists()
    assert STUDENT_ID not in str(list(entries.values_list("changes", flat=True)))


def test_the_demo_holds_requests_in_each_state_some_by_the_demo_member(settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo", "--no-records")  # the staff logins
    for _ in range(10):
        MemberFactory()
    demo_member = MemberFactory(user=UserFactory(username="huiyuan"))
    load_late(rng=random.Random(1))
    states = set(Application.objects.values_list("kind", "status"))
    for kind in ("hardship_help", "education_aid"):
        for status in ("submitted", "accepted", "concluded", "declined"):
            assert (kind, status) in states
    assert ("education_aid", ApplicationStatus.IN_PROGRESS) in states
    own = Application.objects.filter(applicant=demo_member)
    assert sorted(own.values_list("kind", flat=True)) == ["education_aid", "hardship_help"]
    decided = own.get(kind="education_aid")
    assert decided.status == ApplicationStatus.CONCLUDED
    assert decided.outcome == "已批准助学金 4,000.00 元"
    assert decided.documents.count() == 1
