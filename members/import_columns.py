"""Columns that name a union, an employer or a member in an Excel file, for every app's
imports (on the shared base in yuyang_union.excel)."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from import_export import fields

from yuyang_union.excel.cells import chunks, is_blank
from yuyang_union.excel.template_columns import EXAMPLE_ID_NUMBER
from yuyang_union.excel.widgets import IDNumberWidget, ScopedLookupWidget
from yuyang_union.personal_data.crypto import digest, digest_aliases
from yuyang_union.personal_data.masking import mask_id_number
from yuyang_union.scoping import scope_queryset, union_in_scope, user_union
from yuyang_union.validators import normalize_credit_code

from .models import Employer, Member, UnionOrganisation
from .models.members import MemberQuerySet


class UnionWidget(ScopedLookupWidget):
    """A union by code or by exact name (unions outside the importer's subtree are refused)."""

    model = UnionOrganisation

    def lookup(self, text: str) -> QuerySet[UnionOrganisation]:
        by_code = UnionOrganisation.objects.filter(code=text)
        if by_code.exists():
            return by_code
        return UnionOrganisation.objects.filter(name=text)

    def lookup_many(self, texts: Sequence[str]) -> Mapping[str, Iterable[UnionOrganisation]] | None:
        if type(self).lookup is not UnionWidget.lookup:
            return None
        unions: dict[int, UnionOrganisation] = {}
        for chunk in chunks(texts):
            for union in UnionOrganisation.objects.filter(Q(code__in=chunk) | Q(name__in=chunk)):
                unions[union.pk] = union
        by_code: dict[str, list[UnionOrganisation]] = {}
        by_name: dict[str, list[UnionOrganisation]] = {}
        for union in sorted(unions.values(), key=lambda u: u.path):
            if union.code:
                by_code.setdefault(union.code, []).append(union)
            by_name.setdefault(union.name, []).append(union)
        # As `lookup`: a code wins over a name.
        return {text: by_code.get(text) or by_name.get(text, []) for text in texts}

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> UnionOrganisation | None:
        union = super().clean(value, row, **kwargs)
        if union is not None and self.user is not None and not union_in_scope(self.user, union):
            raise ValueError(
                gettext("The union “%(union)s” is outside your union's subtree.")
                % {"union": union.name}
            )
        return union

    def unknown_message(self, text: str) -> str:
        return gettext("Unknown union “%(value)s”: give its exact name or code.") % {"value": text}

    def template_hint(self) -> str:
        return gettext("The union's exact name or its code (within your union's subtree).")

    def template_example(self) -> str:
        """The importer's own union: the name they most often write."""
        union = user_union(self.user) if self.user is not None else None
        union = union or UnionOrganisation.objects.get_first_root_node()
        return union.name if union is not None else ""

    def ambiguous_message(self, text: str) -> str:
        return gettext("Several unions are named “%(value)s”: give the union's code.") % {
            "value": text
        }

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.name if value else ""


class EmployerWidget(ScopedLookupWidget):
    """An employer by unified social credit code or by exact name."""

    model = Employer

    def lookup(self, text: str) -> QuerySet[Employer]:
        code = normalize_credit_code(text)
        if len(code) == 18:
            by_code = Employer.objects.filter(credit_code=code)
            if by_code.exists():
                return by_code
        return Employer.objects.filter(name=text)

    def lookup_many(self, texts: Sequence[str]) -> Mapping[str, Iterable[Employer]] | None:
        if type(self).lookup is not EmployerWidget.lookup:
            return None
        codes = {text: normalize_credit_code(text) for text in texts}
        codes = {text: code for text, code in codes.items() if len(code) == 18}
        employers: dict[int, Employer] = {}
        for chunk in chunks(texts):
            chunk_codes = [codes[text] for text in chunk if text in codes]
            query = Q(name__in=chunk) | Q(credit_code__in=chunk_codes)
            for employer in Employer.objects.filter(query):
                employers[employer.pk] = employer
        by_code: dict[str | None, list[Employer]] = {}
        by_name: dict[str, list[Employer]] = {}
        for employer in sorted(employers.values(), key=lambda e: e.pk):
            by_code.setdefault(employer.credit_code, []).append(employer)
            by_name.setdefault(employer.name, []).append(employer)
        # As `lookup`: a credit code wins over a name.
        return {
            text: (by_code.get(codes[text]) if text in codes else None) or by_name.get(text, [])
            for text in texts
        }

    def unknown_message(self, text: str) -> str:
        return gettext("Unknown employer “%(value)s”: give its credit code or exact name.") % {
            "value": text
        }

    def template_hint(self) -> str:
        return gettext("The employer's unified social credit code or its exact registered name.")

    def template_example(self) -> str:
        return ""

    def ambiguous_message(self, text: str) -> str:
        return gettext("Several employers are named “%(value)s”: give the credit code.") % {
            "value": text
        }

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.name if value else ""


class MemberWidget(ScopedLookupWidget):
    """A member by ID number (exact, through the keyed hash), within the importer's subtree."""

    # Template files format the column as text, so Excel keeps all 18 characters.
    text_cells = True

    model = Member

    def members(self) -> MemberQuerySet:
        members = Member.objects.select_related("union")
        if self.user is not None:
            members = scope_queryset(members, self.user)
        return members

    def prefetch(self, values: Iterable[Any]) -> None:
        """Find the column's members in one query per thousand ID numbers."""
        numbers: set[str] = set()
        for value in values:
            try:
                number = IDNumberWidget().clean(value)
            except ValueError:
                continue  # reported on its row
            if number:
                numbers.add(number)
        # Every accepted digest (several while the key is being rotated), to the current one.
        aliases = digest_aliases(numbers)
        cache = self._cache()
        wanted = {current for current in aliases.values() if current not in cache}
        for chunk in chunks(sorted(a for a, current in aliases.items() if current in wanted)):
            for m in self.members().filter(id_number_digest__in=chunk):
                cache[aliases[m.id_number_digest]] = m
        for current in wanted:
            cache.setdefault(current, None)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Member | None:
        if is_blank(value):
            return None
        number = IDNumberWidget().clean(value)
        key = digest(number)
        cache = self._cache()
        if key not in cache:
            cache[key] = self.members().with_id_number(number).first()
        member = cache[key]
        if member is None:
            raise ValueError(
                gettext("No member with the ID number %(number)s in your unions.")
                % {"number": mask_id_number(number)}
            )
        return member

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.id_number if value else ""

    def template_hint(self) -> str:
        return gettext(
            "The member's 18-character ID number, as text: the member must be registered in "
            "your unions."
        )

    def template_example(self) -> str:
        return EXAMPLE_ID_NUMBER


def union_field(column_name: str, attribute: str = "union") -> fields.Field:
    return fields.Field(column_name=column_name, attribute=attribute, widget=UnionWidget())


def employer_field(column_name: str, attribute: str = "employer") -> fields.Field:
    return fields.Field(column_name=column_name, attribute=attribute, widget=EmployerWidget())


def member_field(column_name: str, attribute: str = "member") -> fields.Field:
    return fields.Field(column_name=column_name, attribute=attribute, widget=MemberWidget())
