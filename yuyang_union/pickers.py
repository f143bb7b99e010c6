"""Search pickers on the staff pages: type any part of a name, choose from what it finds.

A picker is one line of text and a hidden key. `static/js/picker.js` posts what is typed
(never a GET: an ID number typed into a member picker must not reach a URL) to the picker's
search address, lists what it answers and puts the chosen row's key in the hidden input.
Without the script, or when nothing was chosen from the list, the form finds the row from
the text itself with the same search: exactly one match is taken, several or none are
refused with a message (or, for a picker that takes free text, the text is kept as typed).

The searches are the admin's (`yuyang_union.search`: any part of a name, pinyin initials,
codes and identifiers exactly), on the querysets of the user's scope (`members.pickers`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from yuyang_union.users import Visitor

# Rows a search answers (the list shows these; a narrower term finds the rest).
RESULTS = 20
# Rows a "several match" error names, for a form sent without choosing from the list.
SHOWN_IN_ERRORS = 5


@dataclass(frozen=True)
class Picker:
    """What one kind of picker searches: rows the user may choose, the search, the label."""

    url_name: str
    rows: Callable[[Visitor], QuerySet[Any]]
    search: Callable[[QuerySet[Any], str], QuerySet[Any]]
    label: Callable[[Any], str]
    exact: Callable[[QuerySet[Any], str], QuerySet[Any]]

    def found(self, user: Visitor, term: str) -> list[Any]:
        """Up to RESULTS + 1 rows matching `term` (one more tells that there are more)."""
        term = term.strip()
        if not term:
            return []
        return list(self.search(self.rows(user), term)[: RESULTS + 1])


@dataclass(frozen=True)
class Typed:
    """A name typed into a picker that takes free text and matched no row."""

    text: str


class SearchPickerInput(forms.Widget):
    """The text box, the hidden key and the list the script fills (an ARIA combobox)."""

    class Media:
        js = ["js/picker.js"]

    def __init__(
        self,
        *,
        url: str = "",
        free_text: bool = False,
        fills: str = "",
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url = url
        self.free_text = free_text
        # The name of another picker of the form that a chosen row presets (a member's union).
        self.fills = fills

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str]:
        return (data.get(name, ""), data.get(f"{name}_text", ""))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_text" not in data

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        key, text = value if isinstance(value, tuple) else ("", "")
        final = self.build_attrs(self.attrs, attrs)
        input_id = final.pop("id", f"id_{name}")
        required = final.pop("required", False)
        described = final.pop("aria-describedby", "")
        return format_html(
            '<div class="picker" data-picker-url="{url}" data-picker-free="{free}"'
            ' data-picker-fills="{fills}" data-picker-none="{none}" data-picker-more="{more}">'
            '<input type="hidden" name="{name}" value="{key}">'
            '<input type="text" name="{name}_text" id="{id}" value="{text}" autocomplete="off"'
            ' role="combobox" aria-autocomplete="list" aria-expanded="false"'
            ' aria-controls="{id}_list"{required}{described}>'
            '<ul class="picker-list" id="{id}_list" role="listbox" hidden></ul>'
            '<p class="picker-status visually-hidden" role="status" aria-live="polite"></p>'
            "</div>",
            url=self.url,
            free="1" if self.free_text else "",
            fills=self.fills,
            none=_("Nothing found: type another part of the name."),
            more=_("More rows match: type more of the name."),
            name=name,
            key=key,
            id=input_id,
            text=text,
            required=mark_safe(" required") if required else "",
            described=format_html(' aria-describedby="{}"', described) if described else "",
        )


class SearchPickerField(forms.Field):
    """A row of `picker`'s kind the user may choose, from its key or the text typed.

    `free_text`: a name that matches no row is kept as typed (cleaned to a `Typed`).
    """

    default_error_messages = {
        "not_offered": _("Choose again: the row chosen is not one you may choose."),
        "none_found": _("Nothing matches “%(text)s”: choose from the list as you type."),
        "several_found": _(
            "Several rows match “%(text)s”: %(rows)s. Type more of it and choose one from the list."
        ),
    }

    def __init__(
        self, *, picker: Picker, free_text: bool = False, fills: str = "", **kwargs: Any
    ) -> None:
        self.picker = picker
        self.free_text = free_text
        self.user: Visitor | None = None
        kwargs.setdefault("widget", SearchPickerInput(free_text=free_text, fills=fills))
        super().__init__(**kwargs)

    def for_user(self, user: Visitor) -> None:
        """The rows are those of `user`'s scope (call from the form's __init__)."""
        self.user = user
        assert isinstance(self.widget, SearchPickerInput)  # noqa: S101 (set in __init__)
        self.widget.url = reverse(self.picker.url_name)

    def rows(self) -> QuerySet[Any]:
        if self.user is None:
            raise RuntimeError("SearchPickerField.for_user() was not called")
        return self.picker.rows(self.user)

    def prepare_value(self, value: Any) -> tuple[str, str]:
        """(key, text) for the widget, from posted data, a row, its key or a typed name."""
        if isinstance(value, tuple):
            return value
        if isinstance(value, Typed):
            return ("", value.text)
        if isinstance(value, models.Model):
            return (str(value.pk), self.picker.label(value))
        if value in (None, ""):
            return ("", "")
        if isinstance(value, str) and not value.isdigit():
            return ("", value)
        row = self.rows().filter(pk=value).first()
        return (str(row.pk), self.picker.label(row)) if row is not None else ("", "")

    def to_python(self, value: Any) -> Any:
        key, text = value if isinstance(value, tuple) else (value, "")
        key, text = str(key or "").strip(), str(text or "").strip()
        if key:
            row = self.rows().filter(pk=key).first() if key.isdigit() else None
            if row is None:
                raise ValidationError(self.error_messages["not_offered"], code="not_offered")
            return row
        if not text:
            return None
        return self.from_text(text)

    def from_text(self, text: str) -> Any:
        """The one row the text names (exactly, else by the search), or the typed name."""
        exact = list(self.picker.exact(self.rows(), text)[: SHOWN_IN_ERRORS + 1])
        if self.free_text:
            # Only the exact name or code is a registered row: a part of a name that happens
            # to be in one registered name may well be another employer's.
            rows = exact or [Typed(text)]
        else:
            rows = exact or list(self.picker.search(self.rows(), text)[: SHOWN_IN_ERRORS + 1])
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise ValidationError(
                self.error_messages["none_found"], code="none_found", params={"text": text}
            )
        # Without the script's list, the message names the first few for the next try.
        shown = "；".join(self.picker.label(row) for row in rows[:SHOWN_IN_ERRORS])
        raise ValidationError(
            self.error_messages["several_found"],
            code="several_found",
            params={"text": text, "rows": shown + ("……" if len(rows) > SHOWN_IN_ERRORS else "")},
        )
