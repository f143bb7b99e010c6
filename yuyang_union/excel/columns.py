"""Columns of an import or export file: a Chinese header, the attribute, the widget."""

from import_export import fields, widgets

from .widgets import (
    DateCellWidget,
    IDNumberWidget,
    IntegerCellWidget,
    MoneyWidget,
    PhoneWidget,
)


def column(
    column_name: str,
    attribute: str | None = None,
    widget: widgets.Widget | None = None,
    *,
    readonly: bool = False,
) -> fields.Field:
    """A column of the file, by its Chinese header, read into `attribute`.

    `readonly` columns are exported only (computed or looked up for the reader).
    """
    return fields.Field(
        column_name=column_name, attribute=attribute, widget=widget, readonly=readonly
    )


def text_field(column_name: str, attribute: str) -> fields.Field:
    return column(column_name, attribute, widgets.CharWidget(allow_blank=True))


def date_field(column_name: str, attribute: str) -> fields.Field:
    return column(column_name, attribute, DateCellWidget())


def integer_field(column_name: str, attribute: str) -> fields.Field:
    return column(column_name, attribute, IntegerCellWidget())


def money_field(column_name: str, attribute: str) -> fields.Field:
    return column(column_name, attribute, MoneyWidget())


def id_number_field(column_name: str, attribute: str) -> fields.Field:
    return fields.Field(column_name=column_name, attribute=attribute, widget=IDNumberWidget())


def phone_field(column_name: str, attribute: str) -> fields.Field:
    return fields.Field(column_name=column_name, attribute=attribute, widget=PhoneWidget())
