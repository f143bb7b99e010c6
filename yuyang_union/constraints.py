"""Every database rule is checked by the forms first, and reads in Chinese at its field.

Each check and unique constraint declares `violation_error_message` and a
`violation_error_code` equal to its name (a test walks them all). A ModelForm checks only
the constraints whose fields are all on the form; the admin's forms here check the others
too (the rest of the instance holds its values), so a rule on a read-only field (a grant's
kind) is a form error, never a database error. The error goes to the first field the rule
names that is on the form, else to the top of the form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


def constraint_fields(constraint: models.BaseConstraint) -> list[str]:
    """The model fields a constraint names, in the order it names them."""
    names: list[str] = list(getattr(constraint, "fields", ()) or ())

    def walk(node: Any) -> None:
        if isinstance(node, models.Q):
            for child in node.children:
                walk(child)
        elif isinstance(node, tuple):
            names.append(node[0].split("__")[0])
            walk(node[1])
        elif isinstance(node, models.F):
            names.append(str(node.name).split("__")[0])  # type: ignore[attr-defined]

    walk(getattr(constraint, "condition", None))
    return list(dict.fromkeys(names))


class ConstraintsAtFieldsFormMixin:
    """For a ModelForm: every constraint of the model checked, its message at its field."""

    instance: models.Model
    fields: dict[str, forms.Field]

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        errors = self.errors  # type: ignore[attr-defined]
        shown = {str(message) for messages in errors.values() for message in messages}
        model = type(self.instance)
        for constraint in model._meta.constraints:
            named = constraint_fields(constraint)
            if set(named) <= set(self.fields):
                continue  # all its fields are on the form: the ModelForm checked it
            try:
                # Fields that failed their own checks hold no value to check a rule with.
                constraint.validate(model, self.instance, exclude=set(errors))
            except ValidationError as error:
                for problem in _flattened(error):
                    message = str(problem.message % (problem.params or {}))
                    if message in shown:
                        continue
                    field = next((name for name in named if name in self.fields), None)
                    self.add_error(field, ValidationError(message, code=problem.code))  # type: ignore[attr-defined]
                    shown.add(message)


def _flattened(error: ValidationError) -> list[ValidationError]:
    if hasattr(error, "error_dict"):
        return [item for items in error.error_dict.values() for item in items]
    return list(error.error_list)


class ConstraintsCheckedAdminMixin:
    """The admin's change and add forms check every rule of the model (see the module)."""

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return type(form.__name__, (ConstraintsAtFieldsFormMixin, form), {})
