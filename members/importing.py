"""Excel import and export (django-import-export) with scope, masking and row checks.

Every app's import/export follows this pattern:

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
is written in bulk as well (`members.history.log_bulk_creation`).
"""

import copy
import io

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX

from yuyang_union.downloads import xlsx_attachment

from .fields import DigestField, digest
from .history import log_bulk_creation
from .masking import (
    can_view_identifiers,
    log_identifier_access,
    mask_id_number,
    shown_identifier,
)
from .models import Employer, Member, UnionOrganisation
from .models.access_log import AccessChannel
from .scoping import scope_queryset, union_in_scope, user_union
from .validators import (
    normalize_credit_code,
    normalize_id_number,
    normalize_phone,
    validate_id_number,
    validate_mobile,
)

# Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _chunks(values, size=1000):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def add_row_error(errors, attribute, message):
    """Collect a row error: `errors` maps attribute -> list of messages."""
    errors.setdefault(attribute, []).append(message)


# --- widgets ----------------------------------------------------------------------------


class IDNumberWidget(widgets.Widget):
    """An ID number cell: must be text (Excel keeps 15 digits of a number), valid GB 11643."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
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

    def render(self, value, obj=None, **kwargs):
        return value or ""


class PhoneWidget(widgets.Widget):
    """A mobile phone cell; 11 digits survive as a number, so a numeric cell is accepted."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        phone = normalize_phone(value)
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from exc
        return phone

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ScopedLookupWidget(widgets.Widget):
    """Finds a related row by one of several keys; the resource sets `user` for scoping."""

    model = None
    user = None

    def base_queryset(self):
        return self.model.objects.all()

    def lookup(self, text):
        raise NotImplementedError

    def lookup_many(self, texts):
        """{text: matching rows} for many cell texts in a few queries, or None when the widget
        can only look texts up one at a time (the default, and any subclass that changes
        `lookup` without changing this)."""
        return None

    def _cache(self):
        # A file names the same few unions and employers on thousands of rows: look each
        # up once per import (the widget is copied for every resource instance).
        return self.__dict__.setdefault("_lookup_cache", {})

    def prefetch(self, values):
        """Look up every distinct text of a column at once, before the rows are read."""
        cache = self._cache()
        texts = sorted({str(v).strip() for v in values if not _blank(v)} - cache.keys())
        if not texts:
            return
        found = self.lookup_many(texts)
        if found is not None:
            for text in texts:
                cache[text] = list(found.get(text, ()))[:2]

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
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

    def unknown_message(self, text):
        return gettext("Unknown: “%(value)s”.") % {"value": text}

    def ambiguous_message(self, text):
        return gettext("Several records match “%(value)s”.") % {"value": text}


class UnionWidget(ScopedLookupWidget):
    """A union by code or by exact name (unions outside the importer's subtree are refused)."""

    model = UnionOrganisation

    def lookup(self, text):
        by_code = UnionOrganisation.objects.filter(code=text)
        if by_code.exists():
            return by_code
        return UnionOrganisation.objects.filter(name=text)

    def lookup_many(self, texts):
        if type(self).lookup is not UnionWidget.lookup:
            return None
        unions = {}
        for chunk in _chunks(texts):
            for union in UnionOrganisation.objects.filter(Q(code__in=chunk) | Q(name__in=chunk)):
                unions[union.pk] = union
        by_code, by_name = {}, {}
        for union in sorted(unions.values(), key=lambda u: u.path):
            if union.code:
                by_code.setdefault(union.code, []).append(union)
            by_name.setdefault(union.name, []).append(union)
        # As `lookup`: a code wins over a name.
        return {text: by_code.get(text) or by_name.get(text, []) for text in texts}

    def clean(self, value, row=None, **kwargs):
        union = super().clean(value, row, **kwargs)
        if union is not None and self.user is not None and not union_in_scope(self.user, union):
            raise ValueError(
                gettext("The union “%(union)s” is outside your union's subtree.")
                % {"union": union.name}
            )
        return union

    def unknown_message(self, text):
        return gettext("Unknown union “%(value)s”: give its exact name or code.") % {"value": text}

    def ambiguous_message(self, text):
        return gettext("Several unions are named “%(value)s”: give the union's code.") % {
            "value": text
        }

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class EmployerWidget(ScopedLookupWidget):
    """An employer by unified social credit code or by exact name."""

    model = Employer

    def lookup(self, text):
        code = normalize_credit_code(text)
        if len(code) == 18:
            by_code = Employer.objects.filter(credit_code=code)
            if by_code.exists():
                return by_code
        return Employer.objects.filter(name=text)

    def lookup_many(self, texts):
        if type(self).lookup is not EmployerWidget.lookup:
            return None
        codes = {text: normalize_credit_code(text) for text in texts}
        codes = {text: code for text, code in codes.items() if len(code) == 18}
        employers = {}
        for chunk in _chunks(texts):
            chunk_codes = [codes[text] for text in chunk if text in codes]
            query = Q(name__in=chunk) | Q(credit_code__in=chunk_codes)
            for employer in Employer.objects.filter(query):
                employers[employer.pk] = employer
        by_code, by_name = {}, {}
        for employer in sorted(employers.values(), key=lambda e: e.pk):
            by_code.setdefault(employer.credit_code, []).append(employer)
            by_name.setdefault(employer.name, []).append(employer)
        # As `lookup`: a credit code wins over a name.
        return {
            text: (by_code.get(codes[text]) if text in codes else None) or by_name.get(text, [])
            for text in texts
        }

    def unknown_message(self, text):
        return gettext("Unknown employer “%(value)s”: give its credit code or exact name.") % {
            "value": text
        }

    def ambiguous_message(self, text):
        return gettext("Several employers are named “%(value)s”: give the credit code.") % {
            "value": text
        }

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class MemberWidget(ScopedLookupWidget):
    """A member by ID number (exact, through the keyed hash), within the importer's subtree."""

    model = Member

    def members(self):
        members = Member.objects.select_related("union")
        if self.user is not None:
            members = scope_queryset(members, self.user)
        return members

    def prefetch(self, values):
        """Find the column's members in one query per thousand ID numbers."""
        digests = set()
        for value in values:
            try:
                number = IDNumberWidget().clean(value)
            except ValueError:
                continue  # reported on its row
            if number:
                digests.add(digest(number))
        cache = self._cache()
        for chunk in _chunks(sorted(digests - cache.keys())):
            found = {
                m.id_number_digest: m for m in self.members().filter(id_number_digest__in=chunk)
            }
            for key in chunk:
                cache[key] = found.get(key)

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
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

    def render(self, value, obj=None, **kwargs):
        return value.id_number if value else ""


class ChoiceWidget(widgets.Widget):
    """A choice by its label (as the admin shows it, e.g. 基层工会) or its stored value."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return ""
        text = str(value).strip()
        for stored, label in self.choices:
            if text in (str(stored), str(label)):
                return stored
        raise ValueError(
            gettext("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": "、".join(str(label) for _s, label in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class YesNoWidget(widgets.Widget):
    """是/否 (also 1/0, true/false, a ticked Excel boolean)."""

    YES = ("是", "1", "true", "yes", "y", "√")
    NO = ("否", "0", "false", "no", "n", "")

    def clean(self, value, row=None, **kwargs):
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

    def render(self, value, obj=None, **kwargs):
        return gettext("Yes") if value else gettext("No")


class NameLookupWidget(ScopedLookupWidget):
    """A reference row (township, honour title) by its exact name."""

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model

    def lookup(self, text):
        return self.model.objects.filter(name=text)

    def lookup_many(self, texts):
        if type(self).lookup is not NameLookupWidget.lookup:
            return None
        found = {}
        for chunk in _chunks(texts):
            for row in self.model.objects.filter(name__in=chunk):
                found.setdefault(row.name, []).append(row)
        return found

    def unknown_message(self, text):
        return gettext("Unknown %(what)s “%(value)s”.") % {
            "what": self.model._meta.verbose_name,
            "value": text,
        }

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


# --- fields -----------------------------------------------------------------------------


def column(column_name, attribute=None, widget=None, *, readonly=False):
    """A column of the file, by its Chinese header, read into `attribute`.

    `readonly` columns are exported only (computed or looked up for the reader).
    """
    return fields.Field(
        column_name=column_name, attribute=attribute, widget=widget, readonly=readonly
    )


def text_field(column_name, attribute):
    return column(column_name, attribute, widgets.CharWidget(allow_blank=True))


def date_field(column_name, attribute):
    return column(column_name, attribute, widgets.DateWidget())


def integer_field(column_name, attribute):
    return column(column_name, attribute, widgets.IntegerWidget())


def money_field(column_name, attribute):
    return column(column_name, attribute, widgets.DecimalWidget())


def id_number_field(column_name, attribute):
    return fields.Field(column_name=column_name, attribute=attribute, widget=IDNumberWidget())


def phone_field(column_name, attribute):
    return fields.Field(column_name=column_name, attribute=attribute, widget=PhoneWidget())


def union_field(column_name, attribute="union"):
    return fields.Field(column_name=column_name, attribute=attribute, widget=UnionWidget())


def employer_field(column_name, attribute="employer"):
    return fields.Field(column_name=column_name, attribute=attribute, widget=EmployerWidget())


def member_field(column_name, attribute="member"):
    return fields.Field(column_name=column_name, attribute=attribute, widget=MemberWidget())


# --- resources --------------------------------------------------------------------------


class ScopedResource(resources.ModelResource):
    """Base resource: create-only imports, checked row by row, scoped, masked on export.

    Subclasses set `scope_field` (path to the union), `identifier_fields` (attribute ->
    "id_number" or "phone": masked on export unless permitted), `unique_in_file`
    (attributes a file may hold only once), and may add row checks in `check_row`.
    """

    scope_field = "union"
    identifier_fields = {}
    unique_in_file = ()
    # Checking constraints costs a query per row; a resource whose constraints its own row
    # checks already cover may turn it off (the database still holds them).
    validate_constraints = True

    def __init__(self, *, user=None, **kwargs):
        kwargs.pop("form", None)
        super().__init__(**kwargs)
        # Options this instance changes for one import (import-export changes some itself)
        # must not leak into the class, which other requests share.
        self._meta = copy.copy(self._meta)
        self.user = user
        self._seen = {}
        self._exported = []
        for field in self.fields.values():
            if isinstance(field.widget, ScopedLookupWidget):
                field.widget.user = user

    class Meta:
        clean_model_instances = True
        force_init_instance = True  # imports add records; they never overwrite one
        skip_unchanged = False
        report_skipped = False

    # Import ------------------------------------------------------------------------------

    def import_data(self, dataset, **kwargs):
        # One transaction, rolled back when any row is invalid: all rows or none.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        # The preview (a dry run) shows each row's values; the confirming run's rows are
        # only counted, so it skips copying and comparing every row.
        self._meta.skip_diff = type(self)._meta.skip_diff or not kwargs.get("dry_run", False)
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Look up each column's unions, employers, members... once for the whole file.
        headers = dataset.headers or []
        for field in self.get_import_fields():
            if isinstance(field.widget, ScopedLookupWidget) and field.column_name in headers:
                field.widget.prefetch(dataset[field.column_name])

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Resources with `use_bulk` write a batch in one INSERT; its history is written in
        bulk too, since `bulk_create` sends none of the signals auditlog listens to.

        Every row was checked before, so a failure here is a race (say, a member registered
        meanwhile): the batch's savepoint is rolled back, leaving the transaction usable, and
        the error is reported for the whole import, which is then rolled back.
        """
        instances = list(self.create_instances)
        self.create_instances.clear()
        if not instances or (dry_run and not using_transactions):
            return
        try:
            with transaction.atomic(using=self.get_db_connection_name()):
                self._meta.model.objects.bulk_create(instances, batch_size=batch_size)
                # A dry run's rows are rolled back with their history: nobody could read it.
                if not dry_run:
                    log_bulk_creation(instances)
        except Exception as exc:  # reported like import-export's own bulk_create does
            self.handle_import_error(result, exc, raise_errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
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
        try:
            instance.full_clean(
                exclude=[*errors, *digests, *looked_up],
                validate_unique=validate_unique,
                validate_constraints=self.validate_constraints,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, errors):
        """Add row errors with `add_row_error(errors, attribute, message)`; override."""

    def _check_scope(self, instance, errors):
        if self.user is None or user_union(self.user) is None:
            return
        union = instance
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

    def import_row(self, row, instance_loader, **kwargs):
        self._row_number = kwargs.get("row_number")
        return super().import_row(row, instance_loader, **kwargs)

    def _check_unique_in_file(self, instance, errors):
        row_number = self._row_number
        for entry in self.unique_in_file:
            # An entry is an attribute, or a tuple of attributes unique together.
            names = entry if isinstance(entry, tuple) else (entry,)
            value = tuple(getattr(instance, name, None) for name in names)
            attribute = names[-1]
            if any(_blank(v) for v in value) or attribute in errors:
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

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.user is not None:
            queryset = scope_queryset(queryset, self.user, self.scope_field)
        return queryset

    def shows_identifiers(self):
        return self.user is not None and can_view_identifiers(self.user)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        kind = self.identifier_fields.get(field.attribute)
        if kind:
            value = shown_identifier(value, in_full=self.shows_identifiers(), kind=kind)
        return escape_formula(value)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        if self.identifier_fields and self.shows_identifiers():
            self._exported.append(instance)
        return super().export_resource(instance, selected_fields, **kwargs)

    def after_export(self, queryset, dataset, **kwargs):
        if self._exported:
            attributes = [a for a in self.identifier_fields if "__" not in a]
            log_identifier_access(self.user, self._exported, attributes, AccessChannel.EXPORT)
            self._exported = []
        super().after_export(queryset, dataset, **kwargs)

    # Template ----------------------------------------------------------------------------

    def template_workbook(self):
        """An empty workbook with the import headers; identifier columns formatted as text."""
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = str(self._meta.model._meta.verbose_name_plural)[:31]
        text_columns = set(self.identifier_fields)
        for index, field in enumerate(self.get_import_fields(), start=1):
            cell = sheet.cell(row=1, column=index, value=str(field.column_name))
            if field.attribute in text_columns or isinstance(
                field.widget, IDNumberWidget | MemberWidget
            ):
                for row in range(1, 2001):
                    sheet.cell(row=row, column=index).number_format = "@"
            sheet.column_dimensions[cell.column_letter].width = max(12, 2 * len(cell.value) + 4)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


class ScopedImportExportMixin(ImportExportMixin):
    """Admin side of the pattern: xlsx only, permissions, scoped resources, a template file."""

    formats = [XLSX]
    import_formats = [XLSX]
    export_formats = [XLSX]
    import_export_change_list_template = "admin/members/change_list_import_export.html"

    def get_resource_kwargs(self, request, *args, **kwargs):
        kwargs = super().get_resource_kwargs(request, *args, **kwargs)
        kwargs["user"] = request.user
        return kwargs

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(
            f"{opts.app_label}.import_{opts.model_name}"
        ) and self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_import(self, request, **kwargs):
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().process_import(request, **kwargs)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        filename = f"{self.model._meta.model_name}-template.xlsx"
        return xlsx_attachment(resource.template_workbook(), filename)


IMPORT_TEMPLATE_LABEL = _("Download import template")
