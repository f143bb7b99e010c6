from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    name = "yuyang_union.personal_data"
    label = "personal_data"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the key check)
