"""Admin of personal data: identifiers masked in every list and form, and the access log."""

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from yuyang_union.history.admin import LogAdmin, RecordTypeFilter

from .access_log import log_identifier_access
from .fields import EncryptedIdentifierField
from .masking import EXPORT_PERSONAL_DATA, can_view_identifiers
from .models import AccessChannel, IdentifierAccessLog
from .reveal import reveal_url
from .search_tokens import TOKEN_VAR, recall
from .subject import subject_models

if TYPE_CHECKING:
    from django_stubs_ext import FieldsetSpec

    # The mixin is used on ModelAdmins: mypy checks it as one.
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


class IdentifierAdminMixin(_ModelAdmin):
    """Masks ID numbers and phones in every list and form, for every user.

    Name the model's identifier fields in `identifier_fields`; use "<field>_column" in
    `list_display` (e.g. "id_number_column"). Lists show the masked value. On the change form
    the identifier is a masked read-only value beside an empty input that replaces it when
    filled in (an input's value attribute would carry the number to the browser). When adding,
    the inputs are empty, so everyone may type the identifiers. Users who hold
    `personal_data.view_personal_identifiers` get a button per identifier on the change page
    that opens the reveal page (a purpose, a POST, an access-log row), for records the model's
    `register_revealable` lets them reveal.
    """

    identifier_fields: Sequence[str] = ()
    change_form_template = "admin/personal_data/change_form.html"

    def __init__(self, model: type[models.Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        for name in self.identifier_fields:
            field = cast(EncryptedIdentifierField, model._meta.get_field(name))
            setattr(
                self, f"{name}_column", _identifier_column(name, field.verbose_name, field.mask)
            )

    def get_readonly_fields(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [f"{name}_column" for name in self.identifier_fields]
        return fields

    def get_fieldsets(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> "FieldsetSpec":
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        swap = {name: (f"{name}_column", f"{name}_replacement") for name in self.identifier_fields}
        return [
            (title, {**options, "fields": _swap_names(options["fields"], swap)})
            for title, options in fieldsets
        ]

    def get_form(
        self,
        request: HttpRequest,
        obj: models.Model | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> "type[forms.ModelForm[Any]]":
        if obj is not None and kwargs.get("fields") is not None:
            kwargs["form"] = _replacement_form(self.form, self.model, self.identifier_fields)
        return super().get_form(request, obj, change, **kwargs)

    def reveal_links(self, request: HttpRequest, obj: models.Model) -> list[tuple[str, str]]:
        """(label, URL) of the reveal page of each identifier the record holds."""
        if not can_view_identifiers(request.user):
            return []
        links = []
        for name in self.identifier_fields:
            if getattr(obj, name, None):
                field = cast("models.Field[Any, Any]", obj._meta.get_field(name))
                label = _("See the full %(field)s") % {"field": field.verbose_name}
                links.append((str(label), reveal_url(obj, name, back=request.path)))
        return links

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: models.Model | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["reveal_links"] = self.reveal_links(request, obj)
            if request.user.has_perm("personal_data.view_identifieraccesslog"):
                context["access_log_url"] = access_log_url(obj)
            if request.user.has_perm(EXPORT_PERSONAL_DATA) and type(obj) in subject_models():
                meta = obj._meta
                context["subject_copy_url"] = reverse(
                    "personal_data:subject-copy", args=[meta.app_label, meta.model_name, obj.pk]
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Kept apart, at the end of the class: error reports only.
    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The add and change forms, with the identifiers posted kept out of error reports
        (the fields themselves and the replacement inputs of users who see them masked)."""
        names = [
            posted for name in self.identifier_fields for posted in (name, f"{name}_replacement")
        ]
        view = sensitive_post_parameters(*names)(super().changeform_view)
        return view(request, object_id, form_url, extra_context)


def access_log_url(obj: models.Model) -> str:
    """The access log filtered on one record: who saw or found its numbers."""
    content_type = ContentType.objects.get_for_model(obj)
    query = urlencode({"record_type": str(content_type.pk), "object_id": str(obj.pk)})
    return f"{reverse('admin:personal_data_identifieraccesslog_changelist')}?{query}"


def _identifier_column(
    name: str,
    verbose_name: str | Promise,
    mask: Callable[[str | None], str],
) -> Callable[[models.Model], str | None]:
    def column(obj: models.Model) -> str | None:
        return mask(getattr(obj, name))

    # The admin reads a column's header from this attribute of the function.
    column.short_description = verbose_name  # type: ignore[attr-defined]
    column.__name__ = f"{name}_column"
    return column


def _swap_names(
    fields: Sequence[str | Sequence[str]], swap: Mapping[str, tuple[str, ...]]
) -> list[Any]:
    """Replace each identifier field by its (masked column, replacement input) pair."""
    swapped: list[str | tuple[str, ...]] = []
    for item in fields:
        names = item if isinstance(item, list | tuple) else (item,)
        line: list[str] = []
        for name in names:
            line.extend(swap.get(name, (name,)))
        swapped.append(tuple(line) if len(line) > 1 else line[0])
    return swapped


def _replacement_form(
    base_form: "type[forms.ModelForm[Any]]",
    model: type[models.Model],
    identifier_fields: Sequence[str],
) -> "type[forms.ModelForm[Any]]":
    """The admin form plus one empty input per identifier: filled in, it replaces the value.

    Users who may not see an identifier may still correct it, without the old value ever
    reaching their browser.
    """
    attrs: dict[str, Any] = {}
    for name in identifier_fields:
        model_field = cast("models.Field[Any, Any]", model._meta.get_field(name))
        attrs[f"{name}_replacement"] = forms.CharField(
            label=_("New %(field)s") % {"field": model_field.verbose_name},
            required=False,
            validators=list(model_field.validators),
            help_text=_("Leave empty to keep the current value."),
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )

    def clean(self: "forms.ModelForm[Any]") -> dict[str, Any] | None:
        cleaned = base_form.clean(self)
        for name in identifier_fields:
            replacement = (cleaned or {}).get(f"{name}_replacement")
            if replacement:
                # Set before _post_clean, so the model's full_clean checks the new value.
                field = cast("models.Field[Any, Any]", model._meta.get_field(name))
                setattr(self.instance, name, field.to_python(replacement))
        return cleaned

    def _update_errors(self: "forms.ModelForm[Any]", errors: ValidationError) -> None:
        # The model reports on "phone"/"id_number", which this form shows as replacements.
        if hasattr(errors, "error_dict"):
            renamed = {
                (f"{key}_replacement" if key in identifier_fields else key): value
                for key, value in errors.error_dict.items()
            }
            errors = ValidationError(renamed)
        # BaseModelForm._update_errors is private, and missing from the stubs.
        base_form._update_errors(self, errors)  # type: ignore[attr-defined]

    attrs["clean"] = clean
    attrs["_update_errors"] = _update_errors
    return type(f"Replacement{base_form.__name__}", (base_form,), attrs)


class PersonTypeFilter(RecordTypeFilter):
    """The kinds of record that hold a person's numbers."""

    def models(self) -> list[type[models.Model]]:
        return subject_models()


@admin.register(IdentifierAccessLog)
class IdentifierAccessLogAdmin(LogAdmin):
    """Evidence of who saw or found whose number, where, when and why: read-only for everyone.

    Filters by user (search: the exact username), by person (the record link of a row, or a
    record's "access log" button, filters on content type and id) and by date (the date
    drill-down); each filter is served by an index.
    """

    list_display = [
        "accessed_at", "user", "person", "field_shown", "channel", "reason", "page",
    ]  # fmt: skip
    list_filter = ["channel", PersonTypeFilter]
    readonly_fields = fields = (
        "accessed_at", "user", "content_type", "object_id", "object_repr", "field_shown",
        "channel", "reason", "page",
    )  # fmt: skip
    date_hierarchy = "accessed_at"
    list_select_related = ["user", "content_type"]
    ordering = ["-accessed_at", "-id"]
    search_help_text = _("The exact username of who saw the numbers.")

    @admin.display(description=_("field"))
    def field_shown(self, entry: IdentifierAccessLog) -> str:
        return entry.get_field_display()

    @admin.display(description=_("person"))
    def person(self, entry: IdentifierAccessLog) -> str:
        url = reverse("admin:personal_data_identifieraccesslog_changelist")
        query = urlencode({"record_type": str(entry.content_type_id), "object_id": entry.object_id})
        return format_html('<a href="{}?{}">{}</a>', url, query, entry.object_repr)


class IdentifierSearchChangeList(ChangeList):
    """A changelist that finds people by an ID number or phone recalled from a search token.

    The token (`?sq=`) is no filter: it is left out of the lookups, kept in the links
    (pagination, sorting), and turned back into the search it stands for. An expired token
    finds nobody rather than everybody.
    """

    def get_filters_params(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        params = super().get_filters_params(params)
        params.pop(TOKEN_VAR, None)
        return params

    def get_queryset(
        self, request: HttpRequest, exclude_parameters: Any = None
    ) -> "models.QuerySet[Any]":
        token = request.GET.get(TOKEN_VAR)
        search = recall(request, token)
        if search is not None:
            self.query = search  # type: ignore[assignment]  # get_search_results reads it
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.none() if token and search is None else queryset


class IdentifierSearchAdminMixin(_ModelAdmin):
    """For admins whose `get_search_results` finds people by ID number or phone through
    `yuyang_union.search.search_people`: the search form posts, the URL holds a token, and
    each record found by an identifier is logged (channel "search")."""

    finds_people_by_identifier = True

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return IdentifierSearchChangeList

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        search = recall(request, request.GET.get(TOKEN_VAR))
        if search is not None and changelist is not None and request.user.is_authenticated:
            log_identifier_access(
                request.user,
                changelist.result_list,
                [search.kind],
                AccessChannel.SEARCH,
                page=request.path,
                # A transfer found by its member's number is logged too.
                only_with_value=False,
            )
        return response
