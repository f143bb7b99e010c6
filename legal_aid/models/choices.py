"""Choices shared by several legal-aid records."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Matter(models.TextChoices):
    """What a consultation or a dispute is about."""

    WAGES_OWED = "wages", _("Wages owed")
    CONTRACT = "contract", _("Labour contract")
    DISMISSAL = "dismissal", _("Dismissal")
    WORK_INJURY = "injury", _("Work injury")
    SOCIAL_INSURANCE = "insurance", _("Social insurance")
    OTHER = "other", pgettext_lazy("matter", "Other")
