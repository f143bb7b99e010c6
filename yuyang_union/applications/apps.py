from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "yuyang_union.applications"
    label = "applications"
    verbose_name = _("Online applications")
    default_auto_field = "django.db.models.BigAutoField"

    public_links = [(_("Apply online"), "applications:apply", None)]
    staff_links = [
        (_("Online applications"), "applications:inbox", "applications.view_application")
    ]

    def ready(self) -> None:
        from yuyang_union.history.auditlog import register_history

        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .models import Application

        register_history(
            Application, identifiers=["contact_phone"], exclude=["unseen_update", "version"]
        )

        from .personal_records import register_personal_records

        register_personal_records()

    def staff_home_panels(self, request: HttpRequest) -> list[dict[str, Any]]:
        from .panels import staff_home_panels

        return staff_home_panels(request)
