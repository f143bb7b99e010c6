"""Model fields for personal identifiers, used by every app that stores one.

An identifier is stored encrypted in its own column and, beside it, as a keyed hash that gives
exact lookups and uniqueness without the plain text (see `crypto`):

    id_number = ResidentIDNumberField(_("ID number"))
    id_number_digest = DigestField(source="id_number", unique=True)

Look a person up with ``Model.objects.filter(id_number_digest=digest_id_number(raw_number))``.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from django import forms
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from yuyang_union.validators import (
    normalize_id_number,
    normalize_phone,
    validate_id_number,
    validate_mobile,
)
from yuyang_union.widgets import IDNumberInput, MobileInput

from .crypto import decrypt, digest, encrypt
from .masking import mask_id_number, mask_phone


def fill_digests(instance: models.Model) -> None:
    """Fill every DigestField of an unsaved instance now (they are otherwise filled on save):
    full_clean's unique checks and duplicate messages need them before the save."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, DigestField):
            field.pre_save(instance, add=instance._state.adding)


class EncryptedIdentifierField(models.TextField):
    """Holds a short identifier in plain text in Python and encrypted in the database.

    `mask` is how every page shows it (masking.mask_id_number or mask_phone).
    """

    normalize: Callable[[str], str] = staticmethod(str.strip)
    mask: Callable[[str | None], str] = staticmethod(mask_id_number)

    def from_db_value(
        self, value: str | None, expression: object, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def to_python(self, value: object) -> str | None:
        if value is None:
            return value
        return self.normalize(str(value))

    def get_prep_value(self, value: str | None) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(self.normalize(value))

    def input_widget(self) -> forms.Widget:
        return forms.TextInput()

    def formfield(self, **kwargs: Any) -> forms.Field | None:
        # A one-line input, not the textarea a TextField would get. The admin hands every
        # TextField its AdminTextareaWidget (formfield_overrides): that is a default for long
        # text, not a choice for this field, so it is replaced too.
        widget = kwargs.get("widget")
        if widget is None or _is_textarea(widget):
            kwargs["widget"] = self.input_widget()
        return super().formfield(**kwargs)


def _is_textarea(widget: object) -> bool:
    widget_class = widget if isinstance(widget, type) else type(widget)
    return issubclass(widget_class, forms.Textarea)


class ResidentIDNumberField(EncryptedIdentifierField):
    """An 18-character resident ID number (or HK/Macao/Taiwan residence permit number)."""

    default_validators = [validate_id_number]
    normalize = staticmethod(normalize_id_number)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args:
            kwargs.setdefault("verbose_name", _("ID number"))
        super().__init__(*args, **kwargs)

    def input_widget(self) -> forms.Widget:
        return IDNumberInput()


class MobilePhoneField(EncryptedIdentifierField):
    default_validators = [validate_mobile]
    normalize = staticmethod(normalize_phone)
    mask = staticmethod(mask_phone)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args:
            kwargs.setdefault("verbose_name", _("mobile phone"))
        super().__init__(*args, **kwargs)

    def input_widget(self) -> forms.Widget:
        return MobileInput()


class DigestField(models.CharField):
    """The keyed hash of another field of the same model, filled in on every save."""

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("editable", False), ("null", True)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str | None:
        # The source is a field of the model's own, never a relation.
        source_field = cast("models.Field[Any, Any]", model_instance._meta.get_field(self.source))
        plain = getattr(model_instance, self.source)
        value = digest(source_field.to_python(plain)) if plain else None
        setattr(model_instance, self.attname, value)
        return value


def identifier_fields(model: type[models.Model]) -> list[EncryptedIdentifierField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedIdentifierField)]


def digest_fields(model: type[models.Model], source: str) -> list[DigestField]:
    """The digest fields of `model` filled from its field `source`."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, DigestField) and f.source == source
    ]


def models_with_identifiers() -> Iterator[
    tuple[type[models.Model], list[EncryptedIdentifierField]]
]:
    """Every installed model that stores identifiers (proxies left out: their table is their
    concrete model's), with those fields."""
    from django.apps import apps

    for model in apps.get_models():
        fields = identifier_fields(model)
        if fields and not model._meta.proxy:
            yield model, fields
