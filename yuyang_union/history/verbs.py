"""The acts the action log knows. Each app declares its own in `<app>/verbs.py`:

    HOUSEHOLD_LIFTED_OUT = Verb(
        "welfare.household.lifted_out",
        _("Lifted out of hardship"),
        details={"measure": Detail(_("measure"), choices=LiftMeasure)},
    )

A verb's code is what the log stores; its label and its details' labels are what the history
page shows, so the page reads in Chinese whatever the code says. Declaring a verb registers
it: the history page finds the label of every entry written since.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext

if TYPE_CHECKING:
    # A text or a lazy translation (gettext_lazy), as the stubs name the latter.
    from django_stubs_ext import StrOrPromise as Label
else:
    Label = str | Promise
DetailKind = Literal["text", "date", "money", "count"]


@dataclass(frozen=True)
class Detail:
    """One item of an entry's data: its label, and how its value reads."""

    label: Label
    kind: DetailKind = "text"
    choices: type[models.Choices] | None = None

    def display(self, value: Any) -> str:
        if isinstance(value, list):
            return "、".join(self.display(item) for item in value)
        if self.choices is not None:
            try:
                return str(self.choices(value).label)
            except ValueError:
                return str(value)
        if self.kind == "date":
            return date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        if self.kind == "money":
            return gettext("%(amount)s yuan") % {"amount": f"{Decimal(str(value)):,.2f}"}
        return str(value)


@dataclass(frozen=True)
class Verb:
    """An act: the code stored in the log, its label, and the details it records."""

    code: str
    label: Label
    details: Mapping[str, Detail] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = VERBS.get(self.code)
        if known is not None and known != self:
            raise ValueError(f"Two different verbs are declared as {self.code!r}.")
        VERBS[self.code] = self

    def describe(self, data: Mapping[str, Any]) -> list[dict[str, str]]:
        """The entry's details as [{"label", "text"}], in the verb's order, empty ones left out."""
        return [
            {"label": str(detail.label), "text": detail.display(data[key])}
            for key, detail in self.details.items()
            if data.get(key) not in (None, "", [])
        ]


# code -> Verb, filled as the apps' verbs modules are imported (AppConfig.ready).
VERBS: dict[str, Verb] = {}
