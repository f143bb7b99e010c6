"""Online join applications (入会申请) for the demo, made through the services: one in each
state, most of them in the demo officer's (jiceng's) township, among them a courier without
an employer routed to the township's joint union."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from yuyang_union import roles
from yuyang_union.applications import services
from yuyang_union.applications.demo import backdate
from yuyang_union.applications.models import (
    DeclineReason,
)
from yuyang_union.demo.kit import mobile, person_name
from yuyang_union.history.actors import system_actor
from yuyang_union.validators import id_check_char

from .. import joining
from ..models import Employer, Township, UnionOrganisation
from ..models.join_applications import is_taken
from ..models.organisations import UnionKind
from ..reference import EmploymentGroup

# The county's industry unions that take in the new-employment-form groups (八大群体).
INDUSTRY_GROUPS = {
    "县交通运输工会": [
        EmploymentGroup.TRUCK_DRIVER, EmploymentGroup.COURIER, EmploymentGroup.DELIVERY_RIDER,
    ],
    "县商贸流通工会": [EmploymentGroup.MALL_INFO_WORKER, EmploymentGroup.ESTATE_AGENT],
    "县卫生健康工会": [EmploymentGroup.NURSE_AIDE],
}  # fmt: skip


def _id_number(rng):
    """A valid ID number no member or application has (born 1985–2004, Youyang)."""
    while True:
        birth = datetime.date(1985, 1, 1) + datetime.timedelta(days=rng.randrange(7300))
        first17 = f"500242{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + id_check_char(first17)
        if not is_taken(number):
            return number


def _submit(rng, number, *, township, employer=None, group="", occupation, platform=""):
    return joining.submit_join_application(
        actor=system_actor(),
        name=person_name(rng),
        id_number=_id_number(rng),
        phone=mobile(rng),
        ethnicity="土家族",
        employer=employer,
        platform_name=platform,
        township=township,
        occupation=occupation,
        employment_group=group,
        ip_address=f"192.0.2.{number}",  # a documentation address: no real visitor's limits
        sensitive_consent=True,
    )


def load(rng):
    for name, groups in INDUSTRY_GROUPS.items():
        UnionOrganisation.objects.filter(kind=UnionKind.INDUSTRY, name=name).update(
            employment_groups=[str(group) for group in groups]
        )
    officer = (
        get_user_model()
        .objects.filter(username=roles.DEMO_USERNAMES[roles.GRASSROOTS_OFFICERS])
        .select_related("staff_profile__union__township")
        .first()
    )
    scope = officer.staff_profile.union if officer and hasattr(officer, "staff_profile") else None
    township = (scope and scope.township) or Township.objects.order_by("ordering", "pk").first()
    employer = (
        Employer.objects.filter(Q(union__path__startswith=scope.path) if scope else Q())
        .exclude(union=None)
        .order_by("pk")
        .first()
    )
    courier = _submit(
        rng, 1, township=township, group=EmploymentGroup.COURIER, occupation="快递员",
        platform="顺丰",
    )  # fmt: skip
    overdue = _submit(
        rng, 2, township=township, group=EmploymentGroup.DELIVERY_RIDER,
        occupation="外卖骑手", platform="美团",
    )  # fmt: skip
    backdate(overdue, days=20)
    accepted = _submit(rng, 3, township=township, employer=employer, occupation="车间操作工")
    approved = _submit(
        rng, 4, township=township, group=EmploymentGroup.TRUCK_DRIVER, occupation="货车司机"
    )
    declined = _submit(rng, 5, township=township, employer=employer, occupation="仓库管理员")
    # A driver of another township, with no joint union there perhaps: routed by the rule.
    _submit(
        rng, 6, township=Township.objects.order_by("-ordering", "-pk").first(),
        group=EmploymentGroup.TRUCK_DRIVER, occupation="货车司机",
    )  # fmt: skip
    if officer is None:
        return
    services.accept_application(
        actor=officer, application=accepted, note="请本周内携身份证到镇总工会办公室。"
    )
    joining.approve_join_application(
        actor=officer,
        application=approved,
        union=approved.union,
        employer=None,
        read_version=approved.version,
    )
    services.decline_application(
        actor=officer,
        application=declined,
        reason=DeclineReason.INCOMPLETE,
        note="所填单位与身份证信息不符，请核对后重新申请。",
    )
    del courier  # left waiting for the officer: the browser path of the demo
