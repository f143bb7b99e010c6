"""Everything the portal holds about one person (PIPL art. 45): for a copy, or their own page.

Each app registers, in its `personal_records` module:

- how a record of its own names a person (`register_subject(Model, person_of)`), so that a copy
  can start from a member, a case applicant or a student;
- the sections it holds about a person (`register_sections(provider)`): a provider gets the
  Person and returns Sections (a title, a bounded queryset, the fields to show).

`subject_sections(person, masked=...)` renders them: in full for the staff copy (its production
logged), masked for the member's own page, where identifiers are masked and the fields derived
from the ID number (birth date, sex) left out, as on every other page.
"""

import dataclasses
import datetime
import decimal
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .fields import EncryptedIdentifierField

# Rows a section shows at most: a person's records run to tens, this is a safety bound.
SECTION_ROWS = 500
# Fields that give a masked ID number back (its hidden digits are the birth date).
DERIVED_FROM_ID_NUMBER = {"birth_date", "sex"}


@dataclasses.dataclass(frozen=True)
class Person:
    """Whom a copy is about: their member record, if any, and their ID number's digests."""

    name: str
    member_id: int | None = None
    id_number_digests: tuple[str, ...] = ()


@dataclasses.dataclass
class Section:
    title: str
    queryset: "models.QuerySet[Any]"
    fields: Sequence[str]


@dataclasses.dataclass
class RenderedSection:
    title: str
    headers: list[str]
    rows: list[list[str]]
    truncated: bool


SectionProvider = Callable[[Person], Iterable[Section]]
PersonOf = Callable[[Any], Person]
MemberOfUser = Callable[[Any], "models.Model | None"]

_providers: list[SectionProvider] = []
_person_of: dict[type[models.Model], PersonOf] = {}
_member_of_user: list[MemberOfUser] = []


def register_member_of_user(find: MemberOfUser) -> None:
    """How to find a signed-in user's own record (the members app registers it)."""
    _member_of_user.append(find)


def person_of_user(user: Any) -> Person | None:
    """The signed-in member, as a Person, for their own page (None without a record)."""
    for find in _member_of_user:
        record = find(user)
        if record is not None:
            return person_of(record)
    return None


def register_sections(provider: SectionProvider) -> None:
    _providers.append(provider)


def register_subject(model: type[models.Model], person_of: PersonOf) -> None:
    _person_of[model] = person_of


def person_of(record: models.Model) -> Person | None:
    build = _person_of.get(type(record))
    return build(record) if build else None


def subject_models() -> list[type[models.Model]]:
    return list(_person_of)


def subject_sections(person: Person, *, masked: bool) -> list[RenderedSection]:
    rendered = []
    for provider in _providers:
        for section in provider(person):
            rendered.append(_render(section, masked=masked))
    return [section for section in rendered if section.rows]


def _render(section: Section, *, masked: bool) -> RenderedSection:
    model = section.queryset.model
    names = [n for n in section.fields if not (masked and n in DERIVED_FROM_ID_NUMBER)]
    fields = [model._meta.get_field(name) for name in names]
    rows = list(section.queryset[: SECTION_ROWS + 1])
    return RenderedSection(
        title=section.title,
        headers=[str(getattr(f, "verbose_name", f.name)) for f in fields],
        rows=[[_shown(obj, f, masked=masked) for f in fields] for obj in rows[:SECTION_ROWS]],
        truncated=len(rows) > SECTION_ROWS,
    )


def _shown(obj: models.Model, field: Any, *, masked: bool) -> str:
    value = getattr(obj, field.name)
    if value is None or value == "":
        return "—"
    if isinstance(field, EncryptedIdentifierField):
        return field.mask(value) if masked else str(value)
    # A field with a display of its own (choices; a field named by an attribute name).
    display = getattr(obj, f"get_{field.name}_display", None)
    if display is not None:
        return str(display())
    choice_field = getattr(field, "base_field", field)  # an array of choices: its items'
    if choice_field.choices:
        labels = dict(choice_field.flatchoices)
        if isinstance(value, list):
            return "、".join(str(labels.get(v, v)) for v in value)
        return str(labels.get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y年n月j日 H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "Y年n月j日")
    if isinstance(value, decimal.Decimal):
        return f"{value:,.2f}"
    return str(value)


def subject_workbook(person: Person, sections: list[RenderedSection]) -> bytes:
    """The copy as an Excel workbook: a cover sheet, then one sheet per section."""
    from io import BytesIO

    from openpyxl import Workbook

    from yuyang_union.excel.cells import escape_formula

    book = Workbook()
    cover = book.create_sheet(gettext("About this copy")[:31], 0)
    book.remove(book.worksheets[1])  # the empty sheet a new workbook starts with
    cover.append(
        [gettext("Copy of the personal information held about %(name)s") % {"name": person.name}]
    )
    cover.append(
        [gettext("Produced on %(date)s") % {"date": date_format(timezone.localdate(), "Y年n月j日")}]
    )
    cover.append([gettext("Sections")])
    for section in sections:
        cover.append([section.title, len(section.rows)])
    cover.column_dimensions["A"].width = 60
    used: set[str] = set()
    for section in sections:
        title = section.title[:28]
        while title in used:
            title += "_"
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append(section.headers)
        for row in section.rows:
            sheet.append([escape_formula(value) for value in row])
        for index in range(1, len(section.headers) + 1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 18
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def find_subject(digests: Sequence[str]) -> models.Model | None:
    """The first record, of the registered kinds (members first), holding this ID number."""
    from .fields import ResidentIDNumberField, digest_fields, identifier_fields

    for model in _person_of:
        for source in identifier_fields(model):
            if not isinstance(source, ResidentIDNumberField):
                continue
            for field in digest_fields(model, source.name):
                found = model._default_manager.filter(**{f"{field.name}__in": digests}).first()
                if found is not None:
                    return found
    return None
