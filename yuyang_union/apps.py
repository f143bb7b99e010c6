from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "yuyang_union"
    verbose_name = _("Portal")

    def ready(self):
        from . import (
            admin_booleans,
            signals,  # noqa: F401  (connects the receivers)
        )
        from .database import checks  # noqa: F401  (registers the deploy check)

        admin_booleans.install()
