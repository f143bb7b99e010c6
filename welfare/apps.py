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

    def staff_home_panels(self, request):
        from .panels import staff_home_panels

        return staff_home_panels(request)
