"""The refusal of a save on a stale version."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Someone else changed this record after you opened it; your changes were not saved."
)


class StaleVersionError(ValidationError):
    """A save or an action based on an outdated read of a record; nothing was written.

    A ValidationError, so forms and views that show a service's refusals show this one too.
    `message` is the short sentence; `conflicts.describe_conflict` tells what changed.
    """

    def __init__(
        self,
        *,
        model: type[models.Model],
        pk: Any,
        read_version: int,
        message: str | None = None,
    ) -> None:
        super().__init__(message or STALE_MESSAGE, code="stale_version")
        self.model = model
        self.pk = pk
        self.read_version = read_version
