"""Staff pages of the legal services (/staff/legal/...).

Case files are confidential: every case view needs `legal_aid.view_case_file` (the legal
role and administrators), answers 403 to other staff, and every opening is logged.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.pagination import other_parameters
from yuyang_union.refusals import show_refusal
from yuyang_union.scoping import get_object_in_scope, scope_queryset

from . import deadlines, services
from .exports import FILTER_FIELDS, start_case_export
from .forms import CaseDocumentForm, CaseFilterForm, CaseMoveForm, ConsultationQuickForm
from .intake import APPLICANT_ROWS, CaseIntakeForm, applicant_formset
from .models import Case, CaseDocument, CaseViewLog, CollectiveContract
from .models.contracts import EXPIRY_WARNING_DAYS

CASE_SCOPE = "respondent__union"
PER_PAGE = 50


def get_case_for_user(request, pk):
    """The case, if it lies in the user's scope (404 otherwise)."""
    return get_object_in_scope(Case.objects.for_list(), request.user, CASE_SCOPE, pk=pk)


def _flash_form_errors(request, form):
    """The case page's small forms post and redirect back: their errors travel as messages."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


class CaseFileMixin(StaffRequiredMixin):
    permission_required = (STAFF_PERMISSION, services.VIEW_CASE_FILE)


class CaseListView(CaseFileMixin, TemplateView):
    template_name = "legal_aid/case_list.html"
    extra_context = {"title": _("Cases")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None)
        cases = scope_queryset(Case.objects.for_list(), self.request.user, CASE_SCOPE)
        if self.request.GET:
            cases = form.filter(cases)
        # Mapping the URL parameters "from"/"to" (the figures' links) onto acceptance dates.
        start, end = self.request.GET.get("from"), self.request.GET.get("to")
        if start and end:
            bounds = CaseFilterForm({"accepted_from": start, "accepted_to": end})
            cases = bounds.filter(cases)
        page = Paginator(cases, PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            form=form, page=page, query=other_parameters(self.request), today=timezone.localdate()
        )
        return context


class CaseExportView(CaseFileMixin, View):
    """导出案件: the cases the list shows (its filters posted along), as a job's workbook."""

    http_method_names = ["post"]

    def post(self, request):
        filters = {name: request.POST.get(name, "") for name in FILTER_FIELDS}
        # The figures' links name a period by "from"/"to": acceptance dates, as on the list.
        start, end = request.POST.get("from"), request.POST.get("to")
        if start and end:
            filters.update(accepted_from=start, accepted_to=end)
        job = start_case_export(actor=request.user, filters=filters)
        return redirect("jobs:detail", job.pk)


class OverdueCaseListView(CaseFileMixin, TemplateView):
    """Mediations due within 7 days or overdue (the staff home's panel, in full)."""

    template_name = "legal_aid/overdue_list.html"
    extra_context = {"title": _("Mediation deadlines")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases = deadlines.mediation_deadlines(self.request.user).select_related(
            "lawyer", "assigned_staff"
        )
        context["page"] = Paginator(cases, PER_PAGE).get_page(self.request.GET.get("page"))
        context["query"] = other_parameters(self.request)
        context["today"] = timezone.localdate()
        return context


# Nothing typed into a case file goes into error reports: the applicants' ID numbers (one
# field per formset row) and the facts of a confidential case alike.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class CaseIntakeView(CaseFileMixin, View):
    """Register a mediation or legal-aid case with its applicants, from a phone.

    The case and every applicant are validated first; `services.register_case` then saves
    them in one transaction with the next reference number, so nothing is half-saved.
    """

    permission_required = (*CaseFileMixin.permission_required, "legal_aid.add_case")
    template_name = "legal_aid/case_form.html"

    def rows(self):
        try:
            return int(self.request.GET.get("rows", APPLICANT_ROWS))
        except ValueError:
            return APPLICANT_ROWS

    def get(self, request):
        form = CaseIntakeForm(user=request.user)
        return self.render(form, applicant_formset(user=request.user, rows=self.rows()))

    def post(self, request):
        form = CaseIntakeForm(request.POST, user=request.user)
        applicants = applicant_formset(data=request.POST, user=request.user)
        # Both are validated so every error is shown at once.
        if form.is_valid() & applicants.is_valid():
            try:
                case = services.register_case(
                    case=form.build_case(),
                    actor=request.user,
                    applicants=applicants.build_applicants(),
                )
            except ValidationError as error:
                # What only the model's checks catch: at its field, or on top.
                show_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("Case %(reference)s was registered.") % {"reference": case.reference},
                )
                return redirect(case)
        return self.render(form, applicants, status=200)

    def render(self, form, applicants, status=200):
        context = {
            "title": _("Register a case"),
            "form": form,
            "applicants": applicants,
            "more_rows": applicants.total_form_count() + APPLICANT_ROWS,
        }
        return render(
            request=self.request, template_name=self.template_name, context=context, status=status
        )


class CaseDetailView(CaseFileMixin, TemplateView):
    template_name = "legal_aid/case_detail.html"

    def get(self, request, *args, **kwargs):
        self.case = get_case_for_user(request, kwargs["pk"])
        services.log_case_view(actor=request.user, case=self.case, via=CaseViewLog.Via.STAFF_PAGE)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        user = self.request.user
        applicants = list(case.applicants.select_related("member"))
        context.update(
            title=case.reference,
            case=case,
            # Each applicant and whose record holds the ID number (for the reveal link).
            applicants=[(a, a.member if a.member_id else a) for a in applicants],
            changes=case.status_changes.select_related("changed_by"),
            documents=case.documents.all(),
            is_overdue=case.is_overdue(),
            move_form=CaseMoveForm(case=case) if case.allowed_moves else None,
            can_move=user.has_perm("legal_aid.change_case"),
            document_form=CaseDocumentForm(),
            can_upload=user.has_perm("legal_aid.add_casedocument"),
        )
        return context


class CaseMoveView(CaseFileMixin, View):
    permission_required = (*CaseFileMixin.permission_required, "legal_aid.change_case")

    def post(self, request, pk):
        case = get_case_for_user(request, pk)
        # A form from a page read before the case changed (a repeated click, another
        # officer) is refused with what changed: the form checks its version first.
        form = CaseMoveForm(request.POST, case=case)
        if form.is_valid():
            try:
                services.move_case(
                    case=case,
                    to_status=form.cleaned_data["to_status"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    on=form.cleaned_data["on"],
                    amount_recovered=form.cleaned_data["amount_recovered"],
                    read_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The case was moved."))
        else:
            _flash_form_errors(request, form)
        return redirect(case)


class CaseDocumentUploadView(CaseFileMixin, View):
    permission_required = (*CaseFileMixin.permission_required, "legal_aid.add_casedocument")

    def post(self, request, pk):
        case = get_case_for_user(request, pk)
        form = CaseDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_case_document(
                case=case,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
                actor=request.user,
            )
            messages.success(request, _("The document was added."))
        else:
            _flash_form_errors(request, form)
        return redirect(case)


class CaseDocumentFileView(CaseFileMixin, View):
    """Streams a case document to a user who may see its case; logs the opening."""

    def get(self, request, name):
        document = CaseDocument.objects.filter(file=name).select_related("case__respondent").first()
        if document is None:
            raise Http404
        case = get_case_for_user(request, document.case_id)
        services.log_case_view(actor=request.user, case=case, via=CaseViewLog.Via.DOCUMENT)
        response = FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.original_name
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ExpiringContractListView(StaffRequiredMixin, TemplateView):
    template_name = "legal_aid/expiring_contracts.html"
    permission_required = (STAFF_PERMISSION, "legal_aid.view_collectivecontract")
    extra_context = {"title": _("Collective contracts expiring soon")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contracts = scope_queryset(
            CollectiveContract.objects.select_related("union"), self.request.user, "union"
        )
        contracts = contracts.expiring().order_by("expires_on", "id")
        context["page"] = Paginator(contracts, PER_PAGE).get_page(self.request.GET.get("page"))
        context["query"] = other_parameters(self.request)
        context["days"] = EXPIRY_WARNING_DAYS
        return context


class ConsultationQuickEntryView(StaffRequiredMixin, FormView):
    template_name = "legal_aid/consultation_form.html"
    form_class = ConsultationQuickForm
    permission_required = (STAFF_PERMISSION, "legal_aid.add_consultation")
    extra_context = {"title": _("Log a consultation")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.record_consultation(
                actor=self.request.user, **form.employer_fields(), **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consultation was recorded."))
        return redirect("legal_aid:consultation-new")
