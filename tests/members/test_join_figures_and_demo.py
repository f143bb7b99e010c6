"""The join applications' figures (the summary's "other figures") and the demo's."""

import datetime
import random

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from members import demo, joining
from members.figures import figures
from members.models import Member
from tests.members.factories import TownshipFactory, UnionFactory, make_id_number
from tests.members.factories import make_join_application as join
from yuyang_union import roles
from yuyang_union.applications.models import Application, ApplicationKind, ApplicationStatus
from yuyang_union.applications.services import accept_application

pytestmark = pytest.mark.django_db


def _values(day):
    return {figure.key: figure.value for figure in figures(day, day)}


def test_join_figures_count_received_accepted_and_on_time(make_staff):
    township = TownshipFactory()
    town = UnionFactory(kind="township", township=township)
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=town)
    births = [datetime.date(1990, 1, day) for day in (1, 2, 3)]
    made = [join(township=township, id_number=make_id_number(birth=b)) for b in births]
    accept_application(actor=officer, application=made[0])
    joining.approve_join_application(
        actor=officer,
        application=made[1],
        union=made[1].union,
        employer=None,
        read_version=made[1].version,
    )
    values = _values(timezone.localdate())
    assert values["applications.join.received"] == 3
    assert values["applications.join.accepted"] == 2
    assert values["applications.join.on_time"] == 2
    assert _values(datetime.date(2020, 1, 1))["applications.join.received"] == 0


def test_the_seed_figures_keep_their_keys():
    """The join figures come after the members' own: the seed's are as they were."""
    keys = [
        figure.key for figure in figures(datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
    ]
    assert keys[:9] == [
        "members.new_unions", "members.new_union_members",
        "honors.national_advanced_workers", "honors.national_model_workers",
        "honors.national_pioneer_collectives", "honors.municipal_model_workers",
        "honors.municipal_may_day_medals", "honors.municipal_collectives",
        "honors.county_craftsmen",
    ]  # fmt: skip
    assert all(key.startswith("applications.join.") for key in keys[9:])


def test_the_demo_holds_join_applications_in_each_state(make_staff):
    make_staff(roles.GRASSROOTS_OFFICERS, username=roles.DEMO_USERNAMES[roles.GRASSROOTS_OFFICERS])
    demo.load(scale=1, rng=random.Random(7))
    joins = Application.objects.filter(kind=ApplicationKind.JOIN).select_related("union")
    states = {application.status for application in joins}
    assert states == set(ApplicationStatus.values) - {ApplicationStatus.IN_PROGRESS}
    assert any(application.is_overdue for application in joins)
    jiceng = get_user_model().objects.get(username=roles.DEMO_USERNAMES[roles.GRASSROOTS_OFFICERS])
    scope = jiceng.staff_profile.union
    couriers = [
        application
        for application in joins.filter(join_details__employment_group="courier")
        if application.join_details.employer is None
        and application.union.path.startswith(scope.path)
    ]
    assert couriers
    concluded = joins.get(status=ApplicationStatus.CONCLUDED)
    assert Member.objects.filter(pk=concluded.applicant_id).exists()
