from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    name = "yuyang_union.personal_data"
    label = "personal_data"
    verbose_name = _("Personal data")
    # (label, url name, permission): shown in the staff navigation.
    staff_links = [
        (
            _("Copy of a person's data"),
            "personal_data:subject-lookup",
            "personal_data.export_personal_data",
        ),
    ]

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the key check)
