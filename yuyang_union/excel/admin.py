"""The admin side of Excel import and export: xlsx only, permissions, a template file."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import SelectableFieldsExportForm

from yuyang_union.downloads import xlsx_attachment
from yuyang_union.personal_data.models import AccessReason
from yuyang_union.personal_data.reveal import may_reveal


class IdentifierExportForm(SelectableFieldsExportForm):
    """The export form, plus the explicit choice of identifiers in full and its purpose."""

    full_identifiers = forms.BooleanField(
        label=_("Export ID numbers and phones in full (recorded)"), required=False
    )
    full_reason = forms.ChoiceField(
        label=_("Purpose of the export with full numbers"),
        choices=[("", "—"), *AccessReason.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned and cleaned.get("full_identifiers") and not cleaned.get("full_reason"):
            self.add_error("full_reason", _("Choose the purpose of an export with full numbers."))
        return cleaned


class ScopedImportExportMixin(ImportExportMixin):
    """Admin side of the pattern: xlsx only, permissions, scoped resources, a template file.

    Exports mask identifiers; a user who may reveal them can tick "in full" and give a
    purpose, and every number so exported is logged.
    """

    formats = [XLSX]
    import_formats = [XLSX]
    export_formats = [XLSX]
    export_form_class = IdentifierExportForm
    import_export_change_list_template = "admin/excel/change_list_import_export.html"

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("export_form")
        resource_kwargs = super().get_export_resource_kwargs(request, **kwargs)
        cleaned = getattr(form, "cleaned_data", None) or {}
        if cleaned.get("full_identifiers") and may_reveal(request.user):
            resource_kwargs["full_reason"] = cleaned.get("full_reason") or ""
        return resource_kwargs

    def init_request_context_data(self, request: HttpRequest, form: Any) -> dict[str, Any]:
        # Users who may not see numbers in full are not offered the choice.
        if not may_reveal(request.user) or not self._has_identifiers(request):
            form.fields.pop("full_identifiers", None)
            form.fields.pop("full_reason", None)
        return super().init_request_context_data(request, form)

    def _has_identifiers(self, request: HttpRequest) -> bool:
        return any(
            getattr(resource, "identifier_fields", None)
            for resource in self.get_export_resource_classes(request)
        )

    def get_resource_kwargs(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        kwargs = super().get_resource_kwargs(request, *args, **kwargs)
        kwargs["user"] = request.user
        return kwargs

    def has_import_permission(self, request: HttpRequest) -> bool:
        opts = self.opts
        return request.user.has_perm(
            f"{opts.app_label}.import_{opts.model_name}"
        ) and self.has_add_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_urls(self) -> list[URLPattern | URLResolver]:
        opts = self.model._meta
        return [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        filename = f"{self.model._meta.model_name}-template.xlsx"
        return xlsx_attachment(resource.template_workbook(), filename)
