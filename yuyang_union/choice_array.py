"""A list of choices in one column (a household's causes, a campaign's fund sources).

Stored as PostgreSQL's array (`ArrayField`), edited as a row of check boxes with the choices'
Chinese labels: `ArrayField`'s own form field is comma-separated text that wants the internal
codes (`union_funds,municipal`) and answers "Item 1 in the array did not validate".
"""

from typing import Any

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATOR = "、"


class ChoiceArrayField(ArrayField):
    """An array of `base_field`'s choices; gives the model `get_<name>_display()` (labels)."""

    def formfield(self, **kwargs: Any) -> forms.Field | None:
        defaults: dict[str, Any] = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
            # A callable default (list) would add a hidden "initial" copy of the boxes.
            "show_hidden_initial": False,
            "error_messages": {
                "invalid_choice": _("%(value)s is not one of the choices: tick the boxes shown."),
            },
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield, which would force its comma-separated form field.
        return super(ArrayField, self).formfield(**defaults)

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        display = f"get_{self.name}_display"
        if display not in cls.__dict__:
            setattr(cls, display, lambda instance: self.labels(getattr(instance, self.attname)))

    def labels(self, values: list[str] | None) -> str:
        """The values' labels in the field's language, joined with 、 ("" for none)."""
        names = {str(value): str(label) for value, label in self.base_field.choices or ()}
        return SEPARATOR.join(names.get(str(value), str(value)) for value in values or ())
