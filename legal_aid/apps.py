from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "legal_aid"
    verbose_name = _("Legal services and rights")

    staff_links = [
        (_("Cases"), "legal_aid:case-list", "legal_aid.view_case_file"),
        (_("Register a case"), "legal_aid:case-new", "legal_aid.add_case"),
        (_("Mediation deadlines"), "legal_aid:case-overdue", "legal_aid.view_case_file"),
        (_("Log a consultation"), "legal_aid:consultation-new", "legal_aid.add_consultation"),
        (
            _("Expiring contracts"),
            "legal_aid:contracts-expiring",
            "legal_aid.view_collectivecontract",
        ),
    ]

    def ready(self):
        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .history import register_legal_aid_history

        register_legal_aid_history()

        from .personal_records import register_personal_records

        register_personal_records()
        register_legal_help_kind()

    def staff_home_panels(self, request):
        """Mediation deadlines within 7 days or overdue and contracts ending within 60 days,
        for those who see them."""
        from .panels import staff_home_panels

        return staff_home_panels(request)


def register_legal_help_kind() -> None:
    """Members ask for legal help online (yuyang_union.applications); the legal staff answer
    with a consultation or a case."""
    from yuyang_union.applications.kinds import KindAction, KindHandler, register
    from yuyang_union.applications.models import ApplicationKind

    register(
        KindHandler(
            kind=ApplicationKind.LEGAL_HELP,
            permission="legal_aid.handle_legalhelprequest",
            details_attribute="legal_help",
            staff_template="legal_aid/help_requests/staff_details.html",
            applicant_template="legal_aid/help_requests/applicant_details.html",
            apply_url_name="legal_aid:help-request-new",
            actions=[
                KindAction(
                    _("Record as a legal consultation"), "legal_aid:help-request-consultation"
                ),
                KindAction(_("Accept as a case"), "legal_aid:help-request-case"),
            ],
        )
    )
