"""The admin side of Excel import and export: xlsx only, permissions, a template file."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX

from yuyang_union.downloads import xlsx_attachment


class ScopedImportExportMixin(ImportExportMixin):
    """Admin side of the pattern: xlsx only, permissions, scoped resources, a template file."""

    formats = [XLSX]
    import_formats = [XLSX]
    export_formats = [XLSX]
    import_export_change_list_template = "admin/excel/change_list_import_export.html"

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
