"""Excel import and export (django-import-export) with scope, masking and row checks.

Every app's import/export follows this pattern (columns from yuyang_union.excel.columns and
members.import_columns, the admin mixin from yuyang_union.excel.admin):

    class HardshipFileResource(ScopedResource):
        scope_field = "member__union"          # path from the model to its union
        identifier_fields = {"id_number": "id_number", "phone": "phone"}
        unique_in_file = ("id_number",)        # a value may appear once per file
        id_number = id_number_field("身份证号码", "id_number")
        member = member_field("会员身份证号码", "member")
        class Meta:
            model = HardshipFile
            fields = (...)

    @admin.register(HardshipFile)
    class HardshipFileAdmin(ScopedImportExportMixin, ScopedAdmin):
        resource_classes = [HardshipFileResource]

What the pattern guarantees:
- imports are xlsx, columns by Chinese header, unions and employers named by name or code,
  members by ID number; never database ids;
- every row is checked and every bad row reported with its reason (a bad or missing ID
  number, an ID that Excel stored as a number, a duplicate in the file or in the database,
  an unknown union, a union outside the importer's subtree); when any row is bad nothing is
  written (the whole import runs in one transaction that is rolled back);
- importing needs the model's `import_<model>` permission, exporting its view permission;
- exports cover only the user's subtree, mask identifiers unless the user may see them (and
  log it when they may), and neutralise cells that a spreadsheet would run as a formula;
- a template file with the import headers (identifier columns formatted as text) is
  downloadable from the changelist.

Large files: the unions, employers, members... a file names are looked up once per import
(`ScopedLookupWidget.prefetch`, a few queries for the whole column), and a resource whose
model's own checks need no query per row may set `use_bulk = True` and `batch_size` in its
Meta (as MemberResource does): rows are then written one INSERT per batch and their history
is written in bulk as well (`yuyang_union.history.bulk.log_bulk_creation`).
"""

import copy
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext
from import_export import fields, resources
from import_export.results import Result, RowResult

from yuyang_union.database.copy import copy_insert
from yuyang_union.history.bulk import log_bulk_creation
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.fields import DigestField
from yuyang_union.personal_data.masking import can_view_identifiers, shown_identifier
from yuyang_union.personal_data.models import AccessChannel
from yuyang_union.scoping import scope_queryset, union_in_scope, user_union
from yuyang_union.users import Actor

from .cells import add_row_error, escape_formula, is_blank
from .outcomes import ImportFailure
from .template import TemplateColumn, build_template
from .template_columns import describe_columns
from .widgets import IDNumberWidget, PhoneWidget, ScopedLookupWidget

if TYPE_CHECKING:
    from tablib import Dataset

    from .staging import Stager

# A row error's messages by attribute (see add_row_error).
RowErrors = dict[str, list[str]]


class ScopedResource(resources.ModelResource):
    """Base resource: create-only imports, checked row by row, scoped, masked on export.

    Subclasses set `scope_field` (path to the union), `identifier_fields` (attribute ->
    "id_number" or "phone": masked on export unless a permitted user asks for them in full,
    with a purpose), `unique_in_file`
    (attributes a file may hold only once), and may add row checks in `check_row`.
    """

    scope_field = "union"
    identifier_fields: Mapping[str, str] = {}
    unique_in_file: Sequence[str | tuple[str, ...]] = ()
    # Checking constraints costs a query per row; a resource whose constraints its own row
    # checks already cover may turn it off (the database still holds them).
    validate_constraints = True
    # Set by an import's check: rows written in bulk are only checked, never inserted (the
    # check's transaction is rolled back anyway).
    check_only = False
    # Set by an import's check of a bulk resource: the checked rows are kept for the write
    # (`yuyang_union.excel.staging`); `excel_rows` maps the chunk's rows to Excel's numbers.
    stager: "Stager | None" = None
    # The template file (`template_workbook`), by attribute: the example row's values and
    # what to write where the widget and the model field do not say enough, columns the
    # model requires but the import fills in when blank, and columns the row checks require.
    template_examples: Mapping[str, Any] = {}
    template_hints: Mapping[str, Any] = {}
    template_optional: Collection[str] = ()
    template_required: Collection[str] = ()
    excel_rows: Sequence[int] = ()
    _meta: Any  # import-export's ResourceOptions

    def __init__(self, *, user: Actor | None = None, full_reason: str = "", **kwargs: Any) -> None:
        kwargs.pop("form", None)
        super().__init__(**kwargs)
        # Options this instance changes for one import (import-export changes some itself)
        # must not leak into the class, which other requests share.
        self._meta = copy.copy(self._meta)
        self.user = user
        # The stated purpose of an export with identifiers in full (empty: masked).
        self.full_reason = full_reason
        self._seen: dict[str | tuple[str, ...], dict[tuple[Any, ...], int | None]] = {}
        self._exported: list[models.Model] = []
        for field in self.fields.values():
            if isinstance(field.widget, ScopedLookupWidget):
                field.widget.user = user

    class Meta:
        clean_model_instances = True
        force_init_instance = True  # imports add records; they never overwrite one
        skip_unchanged = False
        report_skipped = False

    # Import ------------------------------------------------------------------------------

    def get_error_result_class(self) -> type[ImportFailure]:
        # Errors met while writing are told in Chinese, without the database's words.
        return ImportFailure

    def import_data(self, dataset: "Dataset", **kwargs: Any) -> Result:
        # One transaction, rolled back when any row is invalid: all rows or none.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        # The preview (a dry run) shows each row's values; the confirming run's rows are
        # only counted, so it skips copying and comparing every row.
        self._meta.skip_diff = type(self)._meta.skip_diff or not kwargs.get("dry_run", False)
        return super().import_data(dataset, **kwargs)

    def import_rows(self, dataset: "Dataset") -> Result:
        """Import one chunk of a file inside the caller's transaction (`import_jobs`): the
        caller decides whether it is kept; the same resource takes every chunk of a file,
        so a value's second appearance is found in any later chunk."""
        self._meta.skip_diff = True
        return super().import_data(
            dataset, dry_run=False, use_transactions=False, raise_errors=False
        )

    def before_import(self, dataset: "Dataset", **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        # Look up each column's unions, employers, members... once for the whole file.
        headers = dataset.headers or []
        for field in self.get_import_fields():
            if isinstance(field.widget, ScopedLookupWidget) and field.column_name in headers:
                field.widget.prefetch(dataset[field.column_name])

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
        """Resources with `use_bulk` write a batch in one INSERT; its history is written in
        bulk too, since `bulk_create` sends none of the signals auditlog listens to.

        Every row was checked before, so a failure here is a race (say, a member registered
        meanwhile): the batch's savepoint is rolled back, leaving the transaction usable, and
        the error is reported for the whole import, which is then rolled back.
        """
        instances = list(self.create_instances)
        self.create_instances.clear()
        if instances and self.check_only and self.stager is not None:
            self.stager.add(instances, [getattr(i, "_excel_row", 0) for i in instances])
        if not instances or self.check_only or (dry_run and not using_transactions):
            return
        try:
            self.write_instances(instances, history=not dry_run, batch_size=batch_size)
        except Exception as exc:  # reported like import-export's own bulk_create does
            self.handle_import_error(result, exc, raise_errors)

    def write_instances(
        self, instances: list[models.Model], *, history: bool = True, batch_size: int | None = None
    ) -> None:
        """Insert checked instances in bulk, with their history, under a savepoint (a
        refused batch leaves the import's transaction usable, to be rolled back whole)."""
        using = self.get_db_connection_name()
        with transaction.atomic(using=using):
            copy_insert(instances, using=using)
            # A dry run's rows are rolled back with their history: nobody could read it.
            if history:
                log_bulk_creation(instances)

    def recheck_staged(self, instances: list[models.Model]) -> list[tuple[int, str, str]]:
        """What may have changed since the check, for staged rows: (index, attribute,
        message) for each row that no longer holds. The scope is checked again here (one
        query); subclasses add their own (a member registered meanwhile)."""
        if self.user is None or user_union(self.user) is None or "__" in self.scope_field:
            return []
        from members.models import UnionOrganisation

        attname = f"{self.scope_field}_id"
        unions = UnionOrganisation.objects.only("path").in_bulk(
            {getattr(i, attname) for i in instances}
        )
        message = gettext("This record would fall outside your union's subtree.")
        return [
            (index, self.scope_field, message)
            for index, instance in enumerate(instances)
            if not union_in_scope(self.user, unions.get(getattr(instance, attname)))
        ]

    def validate_instance(
        self,
        instance: models.Model,
        import_validation_errors: Mapping[str, list[ValidationError]] | None = None,
        validate_unique: bool = True,
    ) -> None:
        # Row messages, and the ValidationErrors of import-export and full_clean.
        errors: dict[str, list[Any]] = dict(import_validation_errors or {})
        self._check_scope(instance, errors)
        self._check_unique_in_file(instance, errors)
        self.check_row(instance, errors)
        # Digest columns are checked by the model's clean() (one query, with a message);
        # leaving them out here saves the generic unique and constraint queries per row.
        digests = [f.name for f in instance._meta.fields if isinstance(f, DigestField)]
        # Related rows found by a lookup widget exist: no need to query for them again.
        looked_up = [
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, ScopedLookupWidget) and "__" not in (field.attribute or "")
        ]
        # An identifier the column's widget validated (the field's own validator, run on the
        # same value) is not validated again; a blank one still meets the field's rules.
        validated = [
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, IDNumberWidget | PhoneWidget)
            and field.attribute
            and getattr(instance, field.attribute, None)
        ]
        try:
            instance.full_clean(
                exclude=[*errors, *digests, *looked_up, *validated],
                validate_unique=validate_unique,
                validate_constraints=self.validate_constraints,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance: models.Model, errors: RowErrors) -> None:
        """Add row errors with `add_row_error(errors, attribute, message)`; override."""

    def _check_scope(self, instance: models.Model, errors: RowErrors) -> None:
        if self.user is None or user_union(self.user) is None:
            return
        union: Any = instance
        for part in self.scope_field.split("__"):
            union = getattr(union, part, None)
            if union is None:
                break
        first = self.scope_field.split("__")[0]
        if first in errors:
            return
        if union is None or not union_in_scope(self.user, union):
            add_row_error(
                errors, first, gettext("This record would fall outside your union's subtree.")
            )

    def before_save_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        super().before_save_instance(instance, row, **kwargs)
        if self.excel_rows and self._row_number:
            instance._excel_row = self.excel_rows[self._row_number - 1]  # type: ignore[attr-defined]

    def import_row(self, row: Any, instance_loader: Any, **kwargs: Any) -> RowResult:
        self._row_number = kwargs.get("row_number")
        return super().import_row(row, instance_loader, **kwargs)

    def _check_unique_in_file(self, instance: models.Model, errors: RowErrors) -> None:
        row_number = self._row_number
        for entry in self.unique_in_file:
            # An entry is an attribute, or a tuple of attributes unique together.
            names = entry if isinstance(entry, tuple) else (entry,)
            value = tuple(getattr(instance, name, None) for name in names)
            attribute = names[-1]
            if any(is_blank(v) for v in value) or attribute in errors:
                continue
            seen = self._seen.setdefault(entry, {})
            if value in seen:
                add_row_error(
                    errors,
                    attribute,
                    gettext("Duplicate: the same value is already in row %(row)d of this file.")
                    % {"row": seen[value]},
                )
            else:
                seen[value] = row_number

    # Export ------------------------------------------------------------------------------

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if self.user is not None:
            queryset = scope_queryset(queryset, self.user, self.scope_field)
        return queryset

    def shows_identifiers(self) -> bool:
        """In full only when asked for with a purpose, by a user who may see them."""
        return bool(self.full_reason) and self.user is not None and can_view_identifiers(self.user)

    def export_field(self, field: fields.Field, instance: models.Model, **kwargs: Any) -> Any:
        value = super().export_field(field, instance, **kwargs)
        kind = self.identifier_fields.get(field.attribute)
        if kind:
            value = shown_identifier(value, in_full=self.shows_identifiers(), kind=kind)
        return escape_formula(value)

    def export_resource(
        self,
        instance: models.Model,
        selected_fields: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        if self.identifier_fields and self.shows_identifiers():
            self._exported.append(instance)
        return super().export_resource(instance, selected_fields, **kwargs)

    def after_export(self, queryset: QuerySet[Any], dataset: "Dataset", **kwargs: Any) -> None:
        if self._exported:
            attributes = [a for a in self.identifier_fields if "__" not in a]
            # Rows are kept only for a user who may see identifiers.
            user = cast(Actor, self.user)
            log_identifier_access(
                user, self._exported, attributes, AccessChannel.EXPORT, reason=self.full_reason
            )
            self._exported = []
        super().after_export(queryset, dataset, **kwargs)

    # Template ----------------------------------------------------------------------------

    def template_columns(self) -> list[TemplateColumn]:
        return describe_columns(
            self.get_import_fields(),
            self._meta.model,
            examples=self.template_examples,
            hints=self.template_hints,
            optional=self.template_optional,
            required=self.template_required,
            text=set(self.identifier_fields),
        )

    def template_workbook(self) -> bytes:
        """The file to fill in (`yuyang_union.excel.template`): Chinese headers, an example
        row that is never imported, drop-downs on choice columns, identifier columns as
        text, and a sheet explaining every column."""
        title = str(self._meta.model._meta.verbose_name_plural)
        return build_template(title=title, columns=self.template_columns())

    def template_example(self) -> dict[str, Any]:
        """The template's example row by header: the reader tells it from the officer's."""
        return {column.header: column.example for column in self.template_columns()}
