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
        from yuyang_union.history.auditlog import register_history

        from . import (
            models,
            verbs,  # noqa: F401  (declares the acts of the action log)
        )

        # Results, prizes and titles are part of members' records: keep their history.
        register_history(models.Competition, exclude=["updated_at"])
        register_history(models.CompetitionEvent)
        register_history(models.Participation)
        register_history(models.Entry, exclude=["updated_at"])
        register_history(models.CompetitionTitle)
        register_history(models.CoOrganiser)

        from .personal_records import register_personal_records

        register_personal_records()

    def staff_home_panels(self, request):
        from .selectors import staff_panel

        if not request.user.has_perm("competitions.view_competition"):
            return []
        return [staff_panel(request.user)]
