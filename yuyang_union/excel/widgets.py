"""Cell widgets (django-import-export): identifiers, choices by label, yes/no, look-ups."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext
from import_export import widgets

from yuyang_union.users import Actor
from yuyang_union.validators import (
    normalize_id_number,
    normalize_phone,
    validate_id_number,
    validate_mobile,
)

from .cells import chunks, is_blank


class IDNumberWidget(widgets.Widget):
    """An ID number cell: must be text (Excel keeps 15 digits of a number), valid GB 11643."""

    # Template files format the column as text, so Excel keeps all 18 characters.
    text_cells = True

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        if is_blank(value):
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(
                gettext(
                    "The ID number is stored as a number in the spreadsheet, so Excel has "
                    "already cut it to 15 digits. Format the column as text and type the "
                    "ID numbers again."
                )
            )
        number = normalize_id_number(value)
        try:
            validate_id_number(number)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from exc
        return number

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class PhoneWidget(widgets.Widget):
    """A mobile phone cell; 11 digits survive as a number, so a numeric cell is accepted."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        phone = normalize_phone(value)
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from exc
        return phone

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class ScopedLookupWidget(widgets.Widget):
    """Finds a related row by one of several keys; the resource sets `user` for scoping."""

    model: Any = None  # a model class; subclasses set it
    user: Actor | None = None

    def base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.all()

    def lookup(self, text: str) -> QuerySet[Any]:
        raise NotImplementedError

    def lookup_many(self, texts: Sequence[str]) -> Mapping[str, Iterable[models.Model]] | None:
        """{text: matching rows} for many cell texts in a few queries, or None when the widget
        can only look texts up one at a time (the default, and any subclass that changes
        `lookup` without changing this)."""
        return None

    def _cache(self) -> dict[str | None, Any]:
        # A file names the same few unions and employers on thousands of rows: look each
        # up once per import (the widget is copied for every resource instance).
        return self.__dict__.setdefault("_lookup_cache", {})

    def prefetch(self, values: Iterable[Any]) -> None:
        """Look up every distinct text of a column at once, before the rows are read."""
        cache = self._cache()
        texts = sorted({str(v).strip() for v in values if not is_blank(v)} - cache.keys())
        if not texts:
            return
        found = self.lookup_many(texts)
        if found is not None:
            for text in texts:
                cache[text] = list(found.get(text, ()))[:2]

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if is_blank(value):
            return None
        text = str(value).strip()
        cache = self._cache()
        if text not in cache:
            cache[text] = list(self.lookup(text)[:2])
        matches = cache[text]
        if not matches:
            raise ValueError(self.unknown_message(text))
        if len(matches) > 1:
            raise ValueError(self.ambiguous_message(text))
        return matches[0]

    def unknown_message(self, text: str) -> str:
        return gettext("Unknown: “%(value)s”.") % {"value": text}

    def ambiguous_message(self, text: str) -> str:
        return gettext("Several records match “%(value)s”.") % {"value": text}


class ChoiceWidget(widgets.Widget):
    """A choice by its label (as the admin shows it, e.g. 基层工会) or its stored value."""

    def __init__(self, choices: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = list(choices)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if is_blank(value):
            return ""
        text = str(value).strip()
        for stored, label in self.choices:
            if text in (str(stored), str(label)):
                return stored
        raise ValueError(
            gettext("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": "、".join(str(label) for _s, label in self.choices)}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(dict(self.choices).get(value, value or ""))


class YesNoWidget(widgets.Widget):
    """是/否 (also 1/0, true/false, a ticked Excel boolean)."""

    YES = ("是", "1", "true", "yes", "y", "√")
    NO = ("否", "0", "false", "no", "n", "")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(gettext("Write 是 or 否."))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return gettext("Yes") if value else gettext("No")


class NameLookupWidget(ScopedLookupWidget):
    """A reference row (township, honour title) by its exact name."""

    def __init__(self, model: type[models.Model], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model

    def lookup(self, text: str) -> QuerySet[Any]:
        return self.model.objects.filter(name=text)

    def lookup_many(self, texts: Sequence[str]) -> Mapping[str, Iterable[models.Model]] | None:
        if type(self).lookup is not NameLookupWidget.lookup:
            return None
        found: dict[str, list[models.Model]] = {}
        for chunk in chunks(texts):
            for row in self.model.objects.filter(name__in=chunk):
                found.setdefault(row.name, []).append(row)
        return found

    def unknown_message(self, text: str) -> str:
        return gettext("Unknown %(what)s “%(value)s”.") % {
            "what": self.model._meta.verbose_name,
            "value": text,
        }

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.name if value else ""
