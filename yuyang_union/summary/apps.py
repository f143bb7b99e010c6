from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SUMMARY_PERMISSION = "yuyang_union.view_summary"


class SummaryConfig(AppConfig):
    name = "yuyang_union.summary"
    label = "summary"
    verbose_name = _("Work summary")
    staff_links = [(_("Work summary"), "summary:index", SUMMARY_PERMISSION)]

    def ready(self):
        from auditlog.registry import auditlog

        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .models import Snapshot, YearlyTally

        auditlog.register(YearlyTally)
        auditlog.register(Snapshot)

    def staff_home_panels(self, request):
        if not request.user.has_perm(SUMMARY_PERMISSION):
            return []
        from .panels import summary_panel

        return [summary_panel(request)]
