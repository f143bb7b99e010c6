"""The admin side of Excel import and export: xlsx only, permissions, a template file."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import SelectableFieldsExportForm

from yuyang_union.downloads import xlsx_attachment
from yuyang_union.personal_data.exports import NEEDS_A_PURPOSE
from yuyang_union.personal_data.masking import can_view_identifiers
from yuyang_union.personal_data.models import AccessReason

from .export_admin import ExportAsJobMixin
from .import_jobs import start_import
from .limits import Limits
from .upload_form import ImportUploadForm, refuse_oversized_uploads, too_large_message
from .uploads import keep_uploads_in_memory


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

    def _init_formats(self, formats: Any) -> None:
        super()._init_formats(formats)
        # The one format, named as staff know it (import-export shows its code, "xlsx").
        field = self.fields["format"]
        field.value = _("Excel workbook (.xlsx)")
        field.choices = [(value, field.value) for value, _title in field.choices]

    def _get_field_label(self, resource: Any, field_name: str) -> str:
        # The column as the workbook heads it (Chinese), not the attribute's English name.
        field = resource.fields.get(field_name)
        return str(field.column_name) if field is not None else field_name

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned and cleaned.get("full_identifiers") and not cleaned.get("full_reason"):
            self.add_error("full_reason", NEEDS_A_PURPOSE)
        return cleaned


class ScopedImportExportMixin(ExportAsJobMixin, ImportExportMixin):
    """Admin side of the pattern: xlsx only, permissions, scoped resources, a template file.

    Exports mask identifiers; a user who may reveal them can tick "in full" and give a
    purpose, and every number so exported is logged.

    Imports run as jobs (`yuyang_union.excel.import_jobs`): the upload page measures the
    file and starts its check; the file waits encrypted (`yuyang_union.excel.pending`) until
    the import is written or refused.
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
        if cleaned.get("full_identifiers") and can_view_identifiers(request.user):
            resource_kwargs["full_reason"] = cleaned.get("full_reason") or ""
        return resource_kwargs

    def init_request_context_data(self, request: HttpRequest, form: Any) -> dict[str, Any]:
        # Users who may not see numbers in full are not offered the choice.
        if not can_view_identifiers(request.user) or not self._has_identifiers(request):
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
        import_name = f"{opts.app_label}_{opts.model_name}_import"
        # The library's own import steps (its preview in the request, its confirmation) are
        # replaced by the upload page; imports run as jobs (`yuyang_union.excel.import_jobs`).
        replaced = {import_name, f"{opts.app_label}_{opts.model_name}_process_import"}
        return [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            path(
                "import/",
                refuse_oversized_uploads(
                    keep_uploads_in_memory(self.admin_site.admin_view(self.import_action)),
                    refusal=self.admin_site.admin_view(self.upload_too_large),
                ),
                name=import_name,
            ),
            *(url for url in super().get_urls() if getattr(url, "name", None) not in replaced),
        ]

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        filename = f"{self.model._meta.model_name}-template.xlsx"
        return xlsx_attachment(resource.template_workbook(), filename)

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The upload page: a file is measured here (in well under a second) and its rows are
        checked by a job; the officer follows it on the job's page."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            job = start_import(
                actor=request.user,  # type: ignore[arg-type]
                model=self.model,
                data=form.workbook,
                filename=upload.name,
                shape=form.shape,
                result_url=self._changelist_url(),
            )
            return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))
        return self._upload_page(request, form)

    def upload_too_large(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """A file over the limit, refused before its body is read."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return self._upload_page(
            request, ImportUploadForm(), status=413, refused=too_large_message()
        )

    def _upload_page(
        self, request: HttpRequest, form: "ImportUploadForm", status: int = 200, refused: str = ""
    ) -> HttpResponse:
        opts = self.model._meta
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": opts,
            "form": form,
            "refused": refused,
            "columns": [str(field.column_name) for field in resource.get_import_fields()],
            "limits": Limits.from_settings(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, ["admin/excel/import_upload.html"], context, status=status)
