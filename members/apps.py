from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Unions and members")

    # (label, url name, permission or None): shown in the staff navigation.
    staff_links = [
        (_("Union organisations"), "admin:members_unionorganisation_changelist",
         "members.view_unionorganisation"),
        (_("Employers"), "admin:members_employer_changelist", "members.view_employer"),
        (_("Members"), "admin:members_member_changelist", "members.view_member"),
        (_("Membership transfers"), "admin:members_membershiptransfer_changelist",
         "members.view_membershiptransfer"),
        (_("Honours"), "admin:members_honour_changelist", "members.view_honour"),
    ]  # fmt: skip
    public_links = [(_("Model workers and craftsmen"), "members:honour-roll", None)]

    def staff_home_panels(self, request):
        from .panels import staff_home_panels

        return staff_home_panels(request)

    def ready(self):
        from yuyang_union.history.auditlog import register_history

        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .models import Employer, Honour, Member, MembershipTransfer, UnionOrganisation

        # Treebeard's bookkeeping columns change whenever a sibling moves: noise in a history.
        register_history(
            UnionOrganisation, exclude=["path", "depth", "numchild", "created_at", "updated_at"]
        )
        register_history(Employer, exclude=["created_at", "updated_at"])
        # Birth date and sex are read from the ID number: beside its mask they would give the
        # number back, so the history leaves them out.
        register_history(
            Member,
            identifiers=["id_number", "phone"],
            exclude=["created_at", "updated_at", "birth_date", "sex"],
        )
        register_history(MembershipTransfer)
        register_history(Honour, exclude=["created_at"])
        # The join form's ID number: masked in the history like the member's.
        from .models import JoinApplication

        register_history(JoinApplication, identifiers=["id_number"])
        self.register_join_kind()

        from .personal_records import register_personal_records

        register_personal_records()

    def register_join_kind(self):
        from yuyang_union.applications import kinds
        from yuyang_union.applications.models import ApplicationKind

        kinds.register(
            kinds.KindHandler(
                kind=ApplicationKind.JOIN,
                permission="members.handle_joinapplication",
                details_attribute="join_details",
                staff_template="members/join/staff_details.html",
                applicant_template="members/join/applicant_details.html",
                apply_url_name="members:join",
                actions=[
                    kinds.KindAction(_("Approve and make the member"), "members:join-approve")
                ],
                members_only=False,
            )
        )
