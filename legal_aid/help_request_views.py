"""Pages of legal help requests: the member's request form (and its employer search), and
the two staff answers the toolkit's application page links to (`KindAction`s): record a
consultation, register a case. Both answers are for the legal staff of the application's
union subtree, and only while the application waits for them (提交 or 受理)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.applications.models import Application, ApplicationKind, ApplicationStatus
from yuyang_union.applications.views import (
    MemberRequiredMixin,
    get_application_for_staff,
    request_address,
    signed_in_member,
    submitted_or_refused,
)
from yuyang_union.pickers import RESULTS
from yuyang_union.refusals import show_refusal

from . import help_requests
from .help_request_forms import (
    MEMBER_EMPLOYERS,
    HelpRequestCaseForm,
    HelpRequestConsultationForm,
    LegalHelpRequestForm,
    other_applicants_formset,
)
from .models import LegalHelpRequest
from .services import VIEW_CASE_FILE

# What the member tells and attaches is theirs: none of it goes into an error report.
_SENSITIVE = method_decorator(sensitive_post_parameters(), name="dispatch")


@_SENSITIVE
class HelpRequestCreateView(MemberRequiredMixin, FormView):
    """法律援助申请: a signed-in member asks; it goes to their own union."""

    template_name = "legal_aid/help_requests/request_form.html"
    form_class = LegalHelpRequestForm
    extra_context = {"title": gettext_lazy("Ask for legal help")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "member": signed_in_member(self.request),
            "user": self.request.user,
        }

    def form_valid(self, form):
        member = form.member
        application = submitted_or_refused(
            form,
            lambda: help_requests.submit_help_request(
                actor=self.request.user,
                member=member,
                request=form.instance,
                contact_phone=form.contact_phone_value(),
                documents=form.cleaned_data["documents"],
                ip_address=request_address(self.request),
                sensitive_consent=form.cleaned_data["sensitive_consent"],
            ),
        )
        if application is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request %(number)s was sent to %(union)s.")
            % {"number": application.number, "union": application.union.name},
        )
        return redirect("applications:my-detail", pk=application.pk)


class EmployerSearchView(MemberRequiredMixin, View):
    """The request form's employer search: {"results": [{"id", "text"}], "more": bool}.
    POST (a term is never in a URL); employers' registered names only."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> JsonResponse:
        found = MEMBER_EMPLOYERS.found(request.user, request.POST.get("term", "")[:100])
        results = [{"id": row.pk, "text": MEMBER_EMPLOYERS.label(row)} for row in found[:RESULTS]]
        return JsonResponse({"results": results, "more": len(found) > RESULTS})


class HelpRequestAnswerMixin(StaffRequiredMixin):
    """One legal help request the user may answer: their kinds and subtree (404 otherwise),
    still waiting for an answer (else back to its page, which says where it stands)."""

    def application_and_details(self, pk: int) -> tuple[Application, LegalHelpRequest] | None:
        application = get_application_for_staff(self.request, pk)
        if application.kind != ApplicationKind.LEGAL_HELP:
            raise Http404
        if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED):
            messages.error(
                self.request,
                _("This application is already %(status)s.")
                % {"status": application.get_status_display()},
            )
            return None
        return application, help_requests.help_request_of(application)

    def back(self, application_pk: int) -> HttpResponse:
        return redirect("applications:staff-detail", pk=application_pk)


@_SENSITIVE
class HelpRequestConsultationView(HelpRequestAnswerMixin, View):
    """记录为法律咨询: the consultation, prefilled; saving it concludes the application."""

    permission_required = (
        STAFF_PERMISSION,
        help_requests.HANDLE_PERMISSION,
        "legal_aid.add_consultation",
    )
    template_name = "legal_aid/help_requests/consultation_form.html"

    def get(self, request, pk):
        found = self.application_and_details(pk)
        if found is None:
            return self.back(pk)
        application, details = found
        form = HelpRequestConsultationForm(
            user=request.user, application=application, details=details
        )
        return self.render(form, application)

    def post(self, request, pk):
        found = self.application_and_details(pk)
        if found is None:
            return self.back(pk)
        application, details = found
        form = HelpRequestConsultationForm(
            request.POST, user=request.user, application=application, details=details
        )
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                help_requests.record_consultation_from_request(
                    actor=request.user,
                    application=application,
                    read_version=form.cleaned_data["version"],
                    **form.employer_fields(),
                    **fields,
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request, _("The consultation was recorded and the applicant was told.")
                )
                return self.back(application.pk)
        return self.render(form, application)

    def render(self, form, application):
        context = {
            "title": _("Record as a legal consultation"),
            "form": form,
            "application": application,
        }
        return render(self.request, self.template_name, context)


@_SENSITIVE
class HelpRequestCaseView(HelpRequestAnswerMixin, View):
    """立案受理: the case intake, prefilled; the applicant is its first applicant; saving it
    registers the case and puts the application in hand (办理中), in one transaction."""

    permission_required = (
        STAFF_PERMISSION,
        VIEW_CASE_FILE,
        "legal_aid.add_case",
        help_requests.HANDLE_PERMISSION,
    )
    template_name = "legal_aid/help_requests/case_form.html"

    def get(self, request, pk):
        found = self.application_and_details(pk)
        if found is None:
            return self.back(pk)
        application, details = found
        form = HelpRequestCaseForm(user=request.user, application=application, details=details)
        return self.render(form, other_applicants_formset(user=request.user), application)

    def post(self, request, pk):
        found = self.application_and_details(pk)
        if found is None:
            return self.back(pk)
        application, details = found
        form = HelpRequestCaseForm(
            request.POST, user=request.user, application=application, details=details
        )
        others = other_applicants_formset(data=request.POST, user=request.user)
        if form.is_valid() & others.is_valid():
            try:
                case = help_requests.register_case_from_request(
                    actor=request.user,
                    application=application,
                    case=form.build_case(),
                    other_applicants=others.build_applicants(),
                    read_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("Case %(reference)s was registered; the applicant was told.")
                    % {"reference": case.reference},
                )
                return redirect(case)
        return self.render(form, others, application)

    def render(self, form, others, application):
        context = {
            "title": _("Register a case from the request"),
            "form": form,
            "applicants": others,
            "application": application,
        }
        return render(self.request, self.template_name, context)
