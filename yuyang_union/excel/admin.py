"""The admin side of Excel import and export: xlsx only, permissions, a template file."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import SelectableFieldsExportForm
from import_export.results import Result
from import_export.signals import post_import

from yuyang_union.accounts.reauth import ask_again
from yuyang_union.downloads import xlsx_attachment
from yuyang_union.personal_data.exports import NEEDS_A_PURPOSE
from yuyang_union.personal_data.masking import can_view_identifiers
from yuyang_union.personal_data.models import AccessReason

from .confirmations import Confirmation, confirm_once
from .export_admin import ExportAsJobMixin
from .outcomes import ImportFailure, import_failed, imported_count
from .uploads import UploadGone, discard_upload, keep_uploads_in_memory


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
            self.add_error("full_reason", NEEDS_A_PURPOSE)
        return cleaned


class ScopedImportExportMixin(ExportAsJobMixin, ImportExportMixin):
    """Admin side of the pattern: xlsx only, permissions, scoped resources, a template file.

    Exports mask identifiers; a user who may reveal them can tick "in full" and give a
    purpose, and every number so exported is logged.

    The uploaded file waits between the preview and the confirmation encrypted (the storage
    of `yuyang_union.excel.uploads`), and only then: it is removed after the confirmation,
    whatever its outcome, and at once when the preview offers none (rows with errors, a file
    refused, a failure).
    """

    formats = [XLSX]
    import_formats = [XLSX]
    export_formats = [XLSX]
    export_form_class = IdentifierExportForm
    import_export_change_list_template = "admin/excel/change_list_import_export.html"

    def export_action(self, request: HttpRequest) -> HttpResponse:
        # Numbers in full ask for the password and code again after 15 minutes.
        if request.method == "POST" and request.POST.get("full_identifiers"):
            again = ask_again(request)
            if again is not None:
                return again
        return super().export_action(request)

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
        return [
            path(
                "import-template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            # The library's import page, with the upload read in memory (a big one would
            # otherwise wait in a temporary file in clear while the preview runs).
            path(
                "import/",
                keep_uploads_in_memory(self.admin_site.admin_view(self.import_action)),
                name=import_name,
            ),
            *(url for url in super().get_urls() if getattr(url, "name", None) != import_name),
        ]

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        filename = f"{self.model._meta.model_name}-template.xlsx"
        return xlsx_attachment(resource.template_workbook(), filename)

    def write_to_tmp_storage(self, import_file: Any, input_format: Any) -> Any:
        storage = super().write_to_tmp_storage(import_file, input_format)
        # The name import_action removes the file by (the library sets it too, afterwards).
        import_file.tmp_storage_name = storage.name
        return storage

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The preview: its file is kept (encrypted) only when a confirmation is offered."""
        try:
            response = super().import_action(request, **kwargs)
        except BaseException:
            _discard_previewed(request)
            raise
        if not getattr(response, "context_data", {}).get("confirm_form"):
            _discard_previewed(request)
        return response

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The confirmation: the waiting file goes, imported, refused or failed.

        It runs once per file: a repeated or concurrent confirmation (a double click) is
        told what came of the first (`yuyang_union.excel.confirmations`).
        """
        if not self.has_import_permission(request):
            # Before anything else: the posted name must not let others remove a file.
            raise PermissionDenied
        name = request.POST.get("import_file_name") if request.method == "POST" else None

        def run(confirmation: Confirmation | None) -> HttpResponse:
            request.import_confirmation = confirmation  # type: ignore[attr-defined]
            try:
                return super(ScopedImportExportMixin, self).process_import(request, **kwargs)
            except UploadGone:
                messages.error(request, _("Upload the file again: the preview has expired."))
                return HttpResponseRedirect(self._import_url())
            finally:
                if request.method == "POST":
                    discard_upload(name)

        return confirm_once(request, name, busy_url=self._changelist_url(), run=run)

    def process_dataset(
        self, dataset: Any, form: Any, request: HttpRequest, **kwargs: Any
    ) -> Result:
        """The import, and its entries in the admin log, in one transaction: committed
        together, or (any row refused) rolled back together."""
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                result: Result = super().process_dataset(dataset, form, request, **kwargs)
                if not import_failed(result):
                    self.generate_log_entries(result, request)
        except DatabaseError as error:  # the commit itself refused: nothing was written
            result = Result()
            result.append_base_error(ImportFailure(error))
        return result

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        """Called once the import's transaction has ended: success is told only for rows
        committed; a failed confirmation shows its rows and their reasons, and wrote nothing
        (not even the admin log: `process_dataset` writes it with the rows)."""
        confirmation: Confirmation | None = getattr(request, "import_confirmation", None)
        if import_failed(result):
            if confirmation is not None:
                confirmation.record(imported=0, url=self._import_url())
            return self._confirmation_failed(result, request)
        count = imported_count(result)
        if confirmation is not None:
            confirmation.record(imported=count, url=self._changelist_url())
        self.add_success_message(result, request)
        post_import.send(sender=None, model=self.model)
        return HttpResponseRedirect(self._changelist_url())

    def add_success_message(self, result: Result, request: HttpRequest) -> None:
        messages.success(
            request,
            _("Import done: %(count)d %(records)s added.")
            % {
                "count": imported_count(result),
                "records": self.model._meta.verbose_name_plural,
            },
        )

    def _confirmation_failed(self, result: Result, request: HttpRequest) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.model._meta,
            "result": result,
            "import_url": self._import_url(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, ["admin/excel/import_failed.html"], context)

    def _import_url(self) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import", current_app=self.admin_site.name
        )

    def _changelist_url(self) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )


def _discard_previewed(request: HttpRequest) -> None:
    for upload in request.FILES.values():
        discard_upload(getattr(upload, "tmp_storage_name", None))
