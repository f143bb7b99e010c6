"""入会申请: where a join application goes, and the officer's approval that makes the member.

Routing (`route_join_application`; the rule is `choose_union`, a pure function):

1. the union of the employer, when the worker chose a registered employer that has one;
2. else, for a worker without a workplace union (no employer, platform work, or an employer
   no union covers): the township's joint union (联合工会), the first active one in the
   township's union subtree; else an active industry union (行业工会) that takes in the
   worker's new-employment-form group (`UnionOrganisation.employment_groups`);
3. else the township's union (乡镇/街道总工会);
4. else the county federation.

The township's own joint union comes before a county-wide industry union: it is the union
that can reach the worker where they work, and its officer is the township's.
"""

from dataclasses import dataclass

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from yuyang_union.applications.models import Application, ApplicationKind
from yuyang_union.applications.services import conclude_application, submit_application
from yuyang_union.history.actors import require_permission
from yuyang_union.personal_data.crypto import digest_id_number
from yuyang_union.scoping import check_union_in_scope, union_in_scope
from yuyang_union.users import Actor
from yuyang_union.versions.conflicts import require_version

from .models import Employer, JoinApplication, Member, Township, UnionOrganisation
from .models.organisations import UnionKind

HANDLE_PERMISSION = "members.handle_joinapplication"


@dataclass(frozen=True)
class RoutingCandidates:
    """The unions that may take a join application, as found in the tree."""

    employer_union: UnionOrganisation | None
    township_joint_union: UnionOrganisation | None
    group_industry_union: UnionOrganisation | None
    township_union: UnionOrganisation | None
    county: UnionOrganisation


def choose_union(candidates: RoutingCandidates) -> UnionOrganisation:
    """The first of the rule's unions that exists (the module's docstring)."""
    return (
        candidates.employer_union
        or candidates.township_joint_union
        or candidates.group_industry_union
        or candidates.township_union
        or candidates.county
    )


def routing_candidates(
    *, employer: Employer | None, township: Township, employment_group: str
) -> RoutingCandidates:
    active = UnionOrganisation.objects.filter(is_active=True).order_by("path")
    employer_union = None
    if employer is not None and employer.union_id is not None:
        employer_union = active.filter(pk=employer.union_id).first()
    township_union = active.filter(kind=UnionKind.TOWNSHIP_FEDERATION, township=township).first()
    joint = None
    if township_union is not None and employer_union is None:
        joint = (
            active.subtree(township_union).filter(kind=UnionKind.JOINT, township=township).first()
        )
    industry = None
    if employment_group and employer_union is None and joint is None:
        industry = active.filter(
            kind=UnionKind.INDUSTRY, employment_groups__contains=[employment_group]
        ).first()
    return RoutingCandidates(
        employer_union=employer_union,
        township_joint_union=joint,
        group_industry_union=industry,
        township_union=township_union,
        county=UnionOrganisation.objects.get_first_root_node(),
    )


def route_join_application(
    *, employer: Employer | None, township: Township, employment_group: str
) -> UnionOrganisation:
    return choose_union(
        routing_candidates(employer=employer, township=township, employment_group=employment_group)
    )


def submit_join_application(
    *,
    actor: Actor,
    name: str,
    id_number: str,
    phone: str,
    ethnicity: str,
    employer: Employer | None,
    platform_name: str = "",
    township: Township,
    occupation: str,
    employment_group: str,
    ip_address: str,
    sensitive_consent: bool,
) -> Application:
    """A join application routed by the rule, submitted through the applications toolkit
    (rate limits counted first, per person by the ID number's digest; then, in one
    transaction, the number, the details and the first step). An ID number on the roster or
    in an open join application is refused at the ID field (JoinApplication.clean), after
    the limits counted the attempt. `actor`: the signed-in user, or the system for a visitor."""
    application = Application(
        kind=ApplicationKind.JOIN,
        union=route_join_application(
            employer=employer, township=township, employment_group=employment_group
        ),
        applicant_name=name.strip(),
        contact_phone=phone,
    )
    details = JoinApplication(
        id_number=id_number,
        ethnicity=ethnicity,
        employer=employer,
        no_employer=employer is None,
        platform_name="" if employer else platform_name.strip(),
        township=township,
        occupation=occupation.strip(),
        employment_group=employment_group,
    )
    return submit_application(
        actor=actor,
        application=application,
        details=details,
        ip_address=ip_address,
        person_key=digest_id_number(id_number) or "",
        sensitive_consent=sensitive_consent,
    )


def approval_outcome(union: UnionOrganisation) -> str:
    """What the applicant reads (their page, the status look-up) once approved."""
    with override(settings.LANGUAGE_CODE):
        return _(
            "Approved: you are a member of %(union)s from today. Activate your member "
            "account with your name, ID number and this mobile number."
        ) % {"union": union.name}


def _activation_text(application: Application, union: UnionOrganisation) -> str:
    with override(settings.LANGUAGE_CODE):
        return _(
            "Youyang County Federation of Trade Unions: your application %(number)s is "
            "approved and you are a member of %(union)s. Activate your member account on the "
            "portal (“Activate account”) with your name, ID number and this mobile "
            "number."
        ) % {"number": application.number, "union": union.name}


def approve_join_application(
    *,
    actor: Actor,
    application: Application,
    union: UnionOrganisation,
    employer: Employer | None,
    read_version: int | None,
) -> Member:
    """The officer approves: the member is made (membership starts today) in the union
    confirmed, and the application is concluded with it. All or nothing.

    Refused: without the right, outside the officer's subtree (the application's union or
    the one confirmed), an application moved since the page was read, or an ID number that
    reached the roster meanwhile."""
    require_permission(actor, HANDLE_PERMISSION)
    if application.kind != ApplicationKind.JOIN:
        raise ValueError("approve_join_application takes a join application")
    check_union_in_scope(actor, application.union)
    if not union_in_scope(actor, union):
        raise PermissionDenied(_("This union is outside your organisation."))
    with transaction.atomic(), set_actor(actor):
        locked = Application.objects.select_for_update().get(pk=application.pk)
        require_version(locked, read_version)
        if not locked.is_open:
            raise ValidationError(
                _("This application is already %(status)s.")
                % {"status": locked.get_status_display()},
                code="application_moved",
            )
        details = JoinApplication.objects.select_related("employer").get(application=locked)
        if Member.objects.with_id_number(details.id_number).exists():
            raise ValidationError(
                _(
                    "A member with this ID number was registered after the application was "
                    "made: nothing was saved. Decline the application as already handled."
                ),
                code="join_duplicate",
            )
        member = Member(
            name=locked.applicant_name,
            id_number=details.id_number,
            ethnicity=details.ethnicity,
            phone=locked.contact_phone,
            union=union,
            employer=employer,
            joined_on=timezone.localdate(),
            employment_group=details.employment_group,
            notes=_("Joined online: %(number)s") % {"number": locked.number},
        )
        member.full_clean()
        member.save()
        conclude_application(
            actor=actor,
            application=locked,
            outcome=approval_outcome(union),
            record=member,
            applicant=member,
            read_version=locked.version,
            # One text: approved, and how to activate the account (no account yet).
            notice=_activation_text(locked, union),
        )
    application.refresh_from_db()
    return member
