from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "competitions"
    verbose_name = _("Competitions and honours")

    staff_links = [
        (_("Competitions"), "competitions:staff-list", "competitions.view_competition"),
    ]
    public_links = [
        (_("Competitions"), "competitions:public-list", None),
    ]

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Results, prizes and titles are part of members' records: keep their history.
        auditlog.register(models.Competition, m2m_fields={"co_organisers"})
        auditlog.register(models.CompetitionEvent)
        auditlog.register(models.Participation)
        auditlog.register(models.Entry)
        auditlog.register(models.CompetitionTitle)
        auditlog.register(models.CoOrganiser)

    def staff_home_panels(self, request):
        from .selectors import staff_panel

        if not request.user.has_perm("competitions.view_competition"):
            return []
        return [staff_panel(request.user)]
