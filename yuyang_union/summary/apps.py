from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummaryConfig(AppConfig):
    name = "yuyang_union.summary"
    label = "summary"
    verbose_name = _("Work summary")
