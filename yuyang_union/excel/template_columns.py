"""A resource's import columns described for its template (`template.TemplateColumn`).

What a column takes follows from its widget (an ID number, a date, a choice and its values,
a union by name or code...), whether it is required from the model field, and the example
from the widget or the resource. A resource adds what these cannot know in
`template_examples`, `template_hints` (by attribute) and `template_optional` (columns the
model requires but the import fills in when blank).
"""

import datetime
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext
from import_export import fields, widgets

from yuyang_union.validators import id_check_char

from .template import TemplateColumn
from .widgets import ChoiceWidget, IDNumberWidget, PhoneWidget, YesNoWidget

# A valid-looking ID number of the county (500242), born 1 January 1990: only ever shown in
# an example row, which is never imported.
EXAMPLE_ID_FIRST17 = "50024219900101123"
EXAMPLE_ID_NUMBER = EXAMPLE_ID_FIRST17 + id_check_char(EXAMPLE_ID_FIRST17)
EXAMPLE_PHONE = "13800000000"
EXAMPLE_DATE = datetime.date(2024, 3, 1)


def describe_columns(
    import_fields: list[fields.Field],
    model: type[models.Model],
    *,
    examples: Mapping[str, Any],
    hints: Mapping[str, Any],
    optional: Collection[str],
    required: Collection[str] = (),
    text: Collection[str] = (),
) -> list[TemplateColumn]:
    """The columns of a template; `text`: attributes formatted as text (identifiers)."""
    columns = []
    for field in import_fields:
        attribute = field.attribute or ""
        widget = field.widget
        hint, example = widget_hint(widget)
        choices = template_choices(widget)
        if field.readonly:
            hint = gettext("Filled in on export; leave it blank.")
        elif choices and not hint:
            hint = gettext("One of the allowed values: pick it from the drop-down.")
        if attribute in hints:
            hint = str(hints[attribute])
        if attribute in examples:
            example = examples[attribute]
        elif choices and example == "":
            example = choices[0]
        columns.append(
            TemplateColumn(
                header=str(field.column_name),
                required=attribute in required
                or (attribute not in optional and is_required(model, attribute)),
                hint=hint or _field_help(model, attribute),
                example=example,
                choices=choices,
                multiple=bool(getattr(widget, "multiple", False)),
                text=attribute in text or bool(getattr(widget, "text_cells", False)),
            )
        )
    return columns


def template_choices(widget: widgets.Widget) -> list[str] | None:
    """The widget's values for a drop-down (choices, 是/否, a short reference list)."""
    method = getattr(widget, "template_choices", None)
    choices = method() if method is not None else None
    return list(choices) if choices else None


def widget_hint(widget: widgets.Widget) -> tuple[str, Any]:
    """(what to write, an example) for the kinds of cell every import has; a widget of our
    own may say it itself (`template_hint`, `template_example`)."""
    own = getattr(widget, "template_hint", None)
    if own is not None:
        example = getattr(widget, "template_example", lambda: "")()
        return str(own()), example
    if isinstance(widget, IDNumberWidget):
        return (
            gettext(
                "The 18-character resident ID number. The column is formatted as text: keep "
                "it so, or Excel cuts the number to 15 digits."
            ),
            EXAMPLE_ID_NUMBER,
        )
    if isinstance(widget, PhoneWidget):
        return gettext("An 11-digit mobile number."), EXAMPLE_PHONE
    if isinstance(widget, YesNoWidget):
        return gettext("是 or 否 (Y/N, √/× and 1/0 also do); blank means 否."), "否"
    if getattr(widget, "multiple", False):
        return (
            gettext("One or more of the allowed values, separated by 、 (e.g. 患病、子女就学)."),
            "",
        )
    if isinstance(widget, ChoiceWidget):
        return gettext("One of the allowed values: pick it from the drop-down."), ""
    if isinstance(widget, widgets.DateWidget):
        return gettext("A date, such as 2024-03-01 (a date cell or text)."), EXAMPLE_DATE
    if isinstance(widget, widgets.IntegerWidget):
        return gettext("A whole number."), 1
    if isinstance(widget, widgets.DecimalWidget):
        return gettext("An amount in yuan, such as 1000 or 1000.50."), 1000
    return "", ""


def is_required(model: type[models.Model], attribute: str) -> bool:
    """Whether the model needs a value: not blank, no default, not a yes/no."""
    try:
        field = model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return False
    if not isinstance(field, models.Field) or isinstance(field, models.BooleanField):
        return False
    return not field.blank and not field.has_default()


def _field_help(model: type[models.Model], attribute: str) -> str:
    try:
        field = model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return ""
    help_text = str(getattr(field, "help_text", "") or "")
    return help_text or gettext("Text.")
