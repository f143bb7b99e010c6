from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare")

    # (label, url name, permission or None)
    staff_links = [
        (_("Hardship households"), "welfare:household-list", "welfare.view_hardshiphousehold"),
        (_("Grant approval"), "welfare:grant-approval", "welfare.approve_grant"),
        (_("Relief campaigns"), "welfare:campaign-list", "welfare.view_reliefcampaign"),
    ]
    public_links = [
        (_("Public notices"), "welfare:notices", None),
        (_("Service sites"), "welfare:service-sites", None),
    ]

    def ready(self):
        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .history import register_welfare_history

        register_welfare_history()

        from .personal_records import register_personal_records

        register_personal_records()
        register_application_kinds()

    def staff_home_panels(self, request):
        from .panels import staff_home_panels

        return staff_home_panels(request)


def register_application_kinds():
    """Hardship help and 金秋助学 requests (issue 18), handled by the welfare department."""
    from yuyang_union.applications.kinds import KindAction, KindHandler, register
    from yuyang_union.applications.models import ApplicationKind

    from .help_request_services import HANDLE_PERMISSION

    register(
        KindHandler(
            kind=ApplicationKind.HARDSHIP_HELP,
            permission=HANDLE_PERMISSION,
            details_attribute="hardship_help",
            staff_template="welfare/application_hardship_help.html",
            applicant_template="welfare/application_hardship_help.html",
            apply_url_name="welfare:apply-hardship-help",
            actions=[
                KindAction(
                    _("Register a hardship household file"), "welfare:household-from-request"
                )
            ],
        )
    )
    register(
        KindHandler(
            kind=ApplicationKind.EDUCATION_AID,
            permission=HANDLE_PERMISSION,
            details_attribute="education_aid_request",
            staff_template="welfare/application_education_aid.html",
            applicant_template="welfare/application_education_aid.html",
            apply_url_name="welfare:apply-education-aid",
            actions=[KindAction(_("Propose education aid"), "welfare:aid-from-request")],
        )
    )
