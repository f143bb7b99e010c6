"""The admin's exports as background jobs.

The export form stays the library's (format, columns) with our choice of numbers in full and
its purpose (`admin.IdentifierExportForm`); what changes is the answer to a valid form: not
the file, built in the request (a 100,000-member list took 55 s and 647 MB), but a job
(`excel.export`, run by `exporting.export_changelist`) and a redirect to its page, where the
file is offered once written.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from yuyang_union.accounts.reauth import ask_again
from yuyang_union.jobs.services import start_job
from yuyang_union.personal_data.crypto import encrypt
from yuyang_union.personal_data.masking import can_view_identifiers

EXPORT_JOB = "excel.export"


class ExportAsJobMixin:
    """Put before import-export's ExportMixin: a valid export form starts a job."""

    model: Any
    admin_site: Any
    export_template_name: str

    def export_action(self, request: HttpRequest) -> HttpResponse:
        # Refused at the start, before any form or job.
        if not self.has_export_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        if request.method != "POST":
            return super().export_action(request)  # type: ignore[misc]  # the form page
        # Numbers in full ask for the password and code again after 15 minutes.
        if request.POST.get("full_identifiers"):
            again = ask_again(request)
            if again is not None:
                return again
        form = self._bound_export_form(request)
        if not form.is_valid():
            context = self.init_request_context_data(request, form)  # type: ignore[attr-defined]
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.export_template_name], context=context)
        try:
            # Built now so that a bad filter is told here, not by a failed job.
            self.get_export_queryset(request)  # type: ignore[attr-defined]
        except IncorrectLookupParameters:
            messages.error(request, gettext("The list's filters are not valid."))
            return HttpResponseRedirect(self._changelist_url())
        job = start_job(
            actor=request.user,  # type: ignore[arg-type]
            kind=EXPORT_JOB,
            label=gettext("Export of %(records)s")
            % {"records": self.model._meta.verbose_name_plural},
            params=self._export_params(request, form),
            result_url=self._changelist_url(),
        )
        return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))

    def _bound_export_form(self, request: HttpRequest) -> Any:
        form = self.get_export_form_class()(  # type: ignore[attr-defined]
            self.get_export_formats(),  # type: ignore[attr-defined]
            self.get_export_resource_classes(request),  # type: ignore[attr-defined]
            data=request.POST,
        )
        if "export_items" in request.POST:
            # Records ticked on the changelist; the job's queryset is scoped to the owner, so
            # an id outside their subtree selects nothing.
            ids = [value for value in request.POST.getlist("export_items") if value.isdigit()]
            form.fields["export_items"] = forms.MultipleChoiceField(
                widget=forms.MultipleHiddenInput, required=False, choices=[(i, i) for i in ids]
            )
        return form

    def _export_params(self, request: HttpRequest, form: Any) -> dict[str, Any]:
        opts = self.model._meta
        cleaned = form.cleaned_data
        full = cleaned.get("full_identifiers") and can_view_identifiers(request.user)
        query = request.GET.urlencode()
        return {
            "app_label": opts.app_label,
            "model_name": opts.model_name,
            "resource": self.get_resource_index(form),  # type: ignore[attr-defined]
            "fields": self.get_export_resource_fields_from_form(form) or [],  # type: ignore[attr-defined]
            # The changelist's filters and search, encrypted: a search may be an ID number.
            "query": encrypt(query) if query else "",
            "ids": cleaned["export_items"] if "export_items" in form.changed_data else None,
            "full_reason": (cleaned.get("full_reason") or "") if full else "",
        }

    def _changelist_url(self) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
