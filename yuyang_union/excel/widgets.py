"""Cell widgets (django-import-export): identifiers, choices by label, yes/no, look-ups,
dates and numbers as staff write them, every refusal in Chinese."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import translation
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
from .synonyms import full_width_as_ascii, normalise, synonyms_of, yes_no

# A reference list longer than this is not offered as a drop-down (the explanations say what
# to write instead); townships and honour titles are a few dozen.
TEMPLATE_CHOICES_LIMIT = 500


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
        number = normalize_id_number(full_width_as_ascii(value))
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
        phone = normalize_phone(full_width_as_ascii(value))
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
    """A choice by its label (as the admin shows it, e.g. 基层工会), its stored value, or a word
    staff use for it (`synonyms.CHOICE_SYNONYMS`: 在会 for 在册); spaces and full-width
    characters do not matter."""

    def __init__(self, choices: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = list(choices)

    def chinese_labels(self) -> list[str]:
        """The labels as the template's drop-down offers them, whatever the reader's language
        (the file format is Chinese)."""
        with translation.override("zh-hans"):
            return [str(label) for _stored, label in self.choices]

    def template_choices(self) -> list[str]:
        return self.chinese_labels()

    @cached_property
    def _accepted(self) -> dict[str, Any]:
        """Every word read as a choice, normalised -> the stored value; built once per
        widget, since a file has thousands of rows."""
        accepted: dict[str, Any] = {}
        for (stored, label), chinese in zip(self.choices, self.chinese_labels(), strict=True):
            for word in (str(stored), str(label), chinese, *synonyms_of(chinese)):
                accepted.setdefault(normalise(word), stored)
        return accepted

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if is_blank(value):
            return ""
        text = normalise(value)
        if text in self._accepted:
            return self._accepted[text]
        raise ValueError(
            gettext("“%(value)s” is not one of: %(choices)s.")
            % {"value": str(value).strip(), "choices": "、".join(self.chinese_labels())}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(dict(self.choices).get(value, value or ""))


class MultiChoiceWidget(ChoiceWidget):
    """Several choices in one cell, separated by 、 or commas (e.g. 患病、子女就学)."""

    multiple = True
    SEPARATORS = ("，", ",", "；", ";", "/", "／")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[Any]:
        if is_blank(value):
            return []
        text = str(value)
        for separator in self.SEPARATORS:
            text = text.replace(separator, "、")
        return [
            super(MultiChoiceWidget, self).clean(part) for part in text.split("、") if part.strip()
        ]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        labels = dict(self.choices)
        return "、".join(str(labels.get(choice, choice)) for choice in value or [])


class YesNoWidget(widgets.Widget):
    """是/否, and what else staff type for them (Y/N, √/×, 1/0, true/false, a ticked Excel
    boolean: `synonyms.YES_WORDS`, `NO_WORDS`); a blank cell is 否."""

    def template_choices(self) -> list[str]:
        with translation.override("zh-hans"):
            return [gettext("Yes"), gettext("No")]

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if is_blank(value):
            return False
        answer = yes_no(value)
        if answer is None:
            raise ValueError(gettext("Write 是 or 否."))
        return answer

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return gettext("Yes") if value else gettext("No")


class NameLookupWidget(ScopedLookupWidget):
    """A reference row (township, honour title) by its exact name."""

    def __init__(self, model: type[models.Model], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model

    def lookup(self, text: str) -> QuerySet[Any]:
        return self.model.objects.filter(name=text)

    def template_choices(self) -> list[str] | None:
        """The names for the template's drop-down (reference lists: townships, titles), or
        None when the list is too long to pick from."""
        names = self.model.objects.order_by("name").values_list("name", flat=True)
        found = list(names[: TEMPLATE_CHOICES_LIMIT + 1])
        return found if len(found) <= TEMPLATE_CHOICES_LIMIT else None

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


class DateCellWidget(widgets.DateWidget):
    """A date: an Excel date cell, or text as staff write it (2024-03-01, 2024/3/1, 2024.3.1,
    2024年3月1日, 20240301); anything else is refused in Chinese."""

    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> datetime.date | None:
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = normalise(value)
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007
            except ValueError:
                continue
        raise ValueError(
            gettext("“%(value)s” is not a date: write it as 2024-03-01.")
            % {"value": str(value).strip()}
        )


class IntegerCellWidget(widgets.IntegerWidget):
    """A whole number (full-width digits too); anything else is refused in Chinese."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if is_blank(value):
            return None
        try:
            number = Decimal(normalise(value).replace(",", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(
                gettext("“%(value)s” is not a whole number.") % {"value": str(value).strip()}
            )
        return int(number)


class MoneyWidget(widgets.DecimalWidget):
    """An amount in yuan: 1000, 1,000.50, １０００元; anything else is refused in Chinese."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        if is_blank(value):
            return None
        if isinstance(value, float):
            value = repr(value)  # 1000.5, not the binary fraction's digits
        text = normalise(value).replace(",", "").removesuffix("元")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValueError(
                gettext("“%(value)s” is not an amount: write digits, such as 1000 or 1000.50.")
                % {"value": str(value).strip()}
            )
        return amount
