"""Admin building blocks that every app's admin uses: scoped access, cheap paging, masking,
history, Excel import/export.

    from members.admin_base import HistoryAdminMixin, IdentifierAdminMixin, ScopedAdmin
    from members.importing import ScopedImportExportMixin

    @admin.register(HardshipFile)
    class HardshipFileAdmin(
        ScopedImportExportMixin, HistoryAdminMixin, IdentifierAdminMixin, ScopedAdmin
    ):
        scope_field = "member__union"     # path from the model to its union
        identifier_fields = ("id_number", "phone")   # encrypted fields shown masked
        list_display = ["name", "id_number_column", "phone_column", ...]
        list_select_related = ["member__union"]
        autocomplete_fields = ["member"]
        resource_classes = [HardshipFileResource]  # a members.importing.ScopedResource

- ScopedAdmin: list, object pages, FK choices and autocomplete limited to the user's subtree;
  an object outside it gives 404; no COUNT(*) over big tables.
- HistoryAdminMixin: the "History" button shows the django-auditlog entries (register the
  model with members.history.register_history) and every write records who made it.
- IdentifierAdminMixin: "<field>_column" list columns and change-form fields masked unless
  the user has members.view_personal_identifiers (then shown in full and logged).
- Search big tables with `members.search.search_people` (name prefix, ID/phone by digest)
  in `get_search_results`, never with icontains.
"""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .fields import MobilePhoneField
from .history import displayed_changes
from .masking import (
    can_view_identifiers,
    identifier_for,
    log_identifier_access,
    mask_id_number,
    mask_phone,
)
from .models.access_log import AccessChannel
from .scoping import scope_queryset, union_in_scope, user_union


class EstimatedCountPaginator(Paginator):
    """Avoids COUNT(*) over big unfiltered tables: takes the planner's estimate instead.

    Filtered lists are counted exactly (they are small by then, and the count is cheap with
    the filter's index); an unfiltered table of a million rows is estimated from pg_class.
    """

    exact_below = 100_000

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
            estimate = row[0] if row else -1
            if estimate >= self.exact_below:
                return estimate
        return super().count


class BigTableAdmin(admin.ModelAdmin):
    """Changelists that stay fast at a municipality's size."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50


class ScopedAdmin(BigTableAdmin):
    """Limits lists, object pages, choices and autocomplete to the user's union subtree.

    `scope_field` is the lookup path from the model to its union. Objects outside the subtree
    are simply not in the queryset, so reaching one by URL gives 404.
    """

    scope_field = "union"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.scope_field is None:  # the subclass scopes its queryset itself
            return queryset
        return scope_queryset(queryset, request.user, self.scope_field)

    def get_object(self, request, object_id, from_field=None):
        """404 (not the admin's redirect) for an object outside the subtree or gone."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Union and member choices (and autocomplete) cover only the user's subtree."""
        from .models import Employer, Member, UnionOrganisation

        union = user_union(request.user)
        if union is not None:
            model = db_field.related_model
            if model is UnionOrganisation:
                kwargs["queryset"] = UnionOrganisation.objects.subtree(union)
            elif model is Member:
                kwargs["queryset"] = Member.objects.in_subtree(union)
            elif model is Employer:
                kwargs["queryset"] = Employer.objects.filter(union__path__startswith=union.path)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Refuse to save an object whose union lies outside the user's subtree."""
        union = self._union_of(obj)
        if union is not None and not union_in_scope(request.user, union):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _union_of(self, obj):
        if self.scope_field is None:
            return None
        target = obj
        for part in self.scope_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target


def masked_id_number(request, number):
    return identifier_for(request.user, number)


def masked_phone(request, phone):
    return identifier_for(request.user, phone, kind="phone")


class HistoryAdminMixin:
    """The admin's "History" page shows the django-auditlog entries of the object.

    Every view that can write runs under `set_actor(request.user)`, so each entry names who
    made the change. Entries were masked when written (see members.history), so the page is
    safe for anyone who may view the object; objects outside the user's subtree give 404.
    """

    object_history_template = "admin/members/auditlog_history.html"
    history_per_page = 20

    def changeform_view(self, request, *args, **kwargs):
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        # Bulk actions post to the changelist.
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().changelist_view(request, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = (
            LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
        )
        page = Paginator(entries, self.history_per_page).get_page(request.GET.get("p"))
        for entry in page:
            entry.displayed_changes = displayed_changes(entry)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change history: %s") % obj,
            "subtitle": None,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "object": obj,
            "opts": opts,
            "log_entries": page,
            "page_obj": page,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


class IdentifierAdminMixin:
    """Masks ID numbers and phones in lists and forms unless the user may see them in full.

    Name the model's identifier fields in `identifier_fields`; use "<field>_column" in
    `list_display` (e.g. "id_number_column"). For users with
    `members.view_personal_identifiers` the columns and the change form show the value in
    full, and every such showing is written to `IdentifierAccessLog`. Others see the masked
    value in lists, and on the change form a masked read-only field instead of the input
    (its value attribute would otherwise carry the number to the browser). When adding, the
    inputs are empty, so everyone may type the identifiers.

    Nothing about the request is stored on the ModelAdmin (one instance serves every
    request): the masked and full columns are two fixed callables, and the choice between
    them is made per request in `get_list_display`.
    """

    identifier_fields = ()

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        for name in self.identifier_fields:
            field = model._meta.get_field(name)
            mask = mask_phone if isinstance(field, MobilePhoneField) else mask_id_number
            setattr(self, f"{name}_column", _identifier_column(name, field.verbose_name, mask))
            setattr(self, f"{name}_column_full", _identifier_column(name, field.verbose_name))

    def shows_identifiers(self, request):
        return can_view_identifiers(request.user)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if self.shows_identifiers(request):
            masked = {f"{name}_column" for name in self.identifier_fields}
            columns = [f"{c}_full" if c in masked else c for c in columns]
        return columns

    def _hides_in_form(self, request, obj):
        return obj is not None and not self.shows_identifiers(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._hides_in_form(request, obj):
            fields += [f"{name}_column" for name in self.identifier_fields]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._hides_in_form(request, obj):
            return fieldsets
        swap = {name: (f"{name}_column", f"{name}_replacement") for name in self.identifier_fields}
        return [
            (title, {**options, "fields": _swap_names(options["fields"], swap)})
            for title, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._hides_in_form(request, obj) and kwargs.get("fields") is not None:
            kwargs["form"] = _replacement_form(self.form, self.model, self.identifier_fields)
        return super().get_form(request, obj, change, **kwargs)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and self.shows_identifiers(request):
            log_identifier_access(
                request.user, changelist.result_list, self.identifier_fields, AccessChannel.LIST
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if original is not None and request.method == "GET" and self.shows_identifiers(request):
            log_identifier_access(
                request.user, [original], self.identifier_fields, AccessChannel.DETAIL
            )
        return response


def _identifier_column(name, verbose_name, mask=None):
    def column(obj):
        value = getattr(obj, name)
        return mask(value) if mask else value

    column.short_description = verbose_name
    column.__name__ = f"{name}_column"
    return column


def _swap_names(fields, swap):
    """Replace each identifier field by its (masked column, replacement input) pair."""
    swapped = []
    for item in fields:
        names = item if isinstance(item, list | tuple) else (item,)
        line = []
        for name in names:
            line.extend(swap.get(name, (name,)))
        swapped.append(tuple(line) if len(line) > 1 else line[0])
    return swapped


def _replacement_form(base_form, model, identifier_fields):
    """The admin form plus one empty input per identifier: filled in, it replaces the value.

    Users who may not see an identifier may still correct it, without the old value ever
    reaching their browser.
    """
    attrs = {}
    for name in identifier_fields:
        model_field = model._meta.get_field(name)
        attrs[f"{name}_replacement"] = forms.CharField(
            label=_("New %(field)s") % {"field": model_field.verbose_name},
            required=False,
            validators=list(model_field.validators),
            help_text=_("Leave empty to keep the current value."),
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )

    def clean(self):
        cleaned = base_form.clean(self)
        for name in identifier_fields:
            replacement = (cleaned or {}).get(f"{name}_replacement")
            if replacement:
                # Set before _post_clean, so the model's full_clean checks the new value.
                setattr(self.instance, name, model._meta.get_field(name).to_python(replacement))
        return cleaned

    def _update_errors(self, errors):
        # The model reports on "phone"/"id_number", which this form shows as replacements.
        if hasattr(errors, "error_dict"):
            renamed = {
                (f"{key}_replacement" if key in identifier_fields else key): value
                for key, value in errors.error_dict.items()
            }
            errors = ValidationError(renamed)
        base_form._update_errors(self, errors)

    attrs["clean"] = clean
    attrs["_update_errors"] = _update_errors
    return type(f"Replacement{base_form.__name__}", (base_form,), attrs)
