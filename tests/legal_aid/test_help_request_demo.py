"""The demo's legal help requests: one in each state, and one of the member login's own."""

import random

import pytest
from django.contrib.contenttypes.models import ContentType

from legal_aid import demo
from legal_aid.models import Case, Consultation
from tests.members.factories import EmployerFactory, MemberFactory, UserFactory
from yuyang_union.applications.models import Application

pytestmark = pytest.mark.django_db


def test_the_demo_holds_requests_in_each_state():
    EmployerFactory.create_batch(20)
    MemberFactory.create_batch(10)
    demo.load(scale=1, rng=random.Random(7))
    requests = Application.objects.filter(kind="legal_help")
    statuses = sorted(requests.values_list("status", flat=True))
    assert statuses == sorted(
        ["submitted", "submitted", "accepted", "in_progress", "concluded", "concluded", "declined"]
    )
    assert requests.overdue().count() == 1
    concluded = requests.filter(status="concluded")
    kinds = {application.record_type for application in concluded}
    assert kinds == {ContentType.objects.get_for_model(m) for m in (Case, Consultation)}
    assert requests.get(status="declined").decline_reason
    closed = Case.objects.get(pk=concluded.get(record_type__model="case").record_id)
    assert closed.status == "closed"


def test_the_member_login_gets_a_request_of_their_own():
    member = MemberFactory(user=UserFactory(username="huiyuan"), employer=EmployerFactory())
    demo.load_late(scale=1, rng=random.Random(7))
    application = Application.objects.get(applicant=member)
    assert application.status == "in_progress"
    assert application.record.reference.startswith("援〔")
    demo.load_late(scale=1, rng=random.Random(7))  # a second run adds nothing
    assert Application.objects.filter(applicant=member).count() == 1


def test_make_runs_demo_gives_the_member_login_a_request(settings):
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo")  # what `make run` does, at scale 1
    mine = Application.objects.filter(kind="legal_help", applicant__user__username="huiyuan")
    assert mine.get().status == "in_progress"
    assert Application.objects.filter(kind="legal_help").count() == 8
