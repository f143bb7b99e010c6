"""Pages of members' help requests (issue 18): a member applies on a phone; welfare staff turn
an accepted request into a household file or an education-aid proposal (the toolkit's staff
page links here through the kinds' actions)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.applications.forms import DeclineForm
from yuyang_union.applications.models import Application, ApplicationKind, DeclineReason
from yuyang_union.applications.views import (
    MemberRequiredMixin,
    get_application_for_staff,
    request_address,
    signed_in_member,
    submitted_or_refused,
)
from yuyang_union.personal_data.masking import mask_phone
from yuyang_union.refusals import show_refusal

from . import help_request_services
from .help_request_forms import (
    AidProposalFromRequestForm,
    EducationAidRequestForm,
    HardshipHelpForm,
    HouseholdFromRequestForm,
)
from .help_request_services import HANDLE_PERMISSION
from .models import EducationAidRequest, HardshipHelpRequest

# Turning a request into its record: a request still open and not yet being handled.
CONVERTIBLE = ("submitted", "accepted")


class _ApplyView(MemberRequiredMixin, FormView):
    """A member's request, routed to their own union; the phone for notices defaults to
    the one on their record (shown masked)."""

    template_name = "welfare/apply_form.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        on_record = signed_in_member(self.request).phone
        if on_record:
            form.fields["contact_phone"].help_text = _(
                "Leave blank to use the mobile phone on your member record (%(phone)s)."
            ) % {"phone": mask_phone(on_record)}
        return form

    def details(self, data):
        raise NotImplementedError

    def documents(self, data):
        return data["documents"]

    def form_valid(self, form):
        member = signed_in_member(self.request)
        data = form.cleaned_data
        phone = data["contact_phone"] or member.phone
        if not phone:
            form.add_error("contact_phone", _("Enter a mobile phone for the notices."))
            return self.form_invalid(form)
        application = submitted_or_refused(
            form,
            lambda: help_request_services.submit_help_request(
                actor=self.request.user,
                member=member,
                details=self.details(data),
                contact_phone=phone,
                documents=self.documents(data),
                ip_address=request_address(self.request),
                sensitive_consent=data["sensitive_consent"],
            ),
        )
        if application is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your application %(number)s was sent. We will tell you of each step.")
            % {"number": application.number},
        )
        return redirect("applications:my-detail", pk=application.pk)


class ApplyHardshipHelpView(_ApplyView):
    form_class = HardshipHelpForm
    extra_context = {"title": gettext_lazy("Apply for hardship help")}

    def details(self, data):
        return HardshipHelpRequest(
            household_size=data["household_size"],
            monthly_income_per_person=data["monthly_income_per_person"],
            causes=data["causes"],
            situation=data["situation"],
        )


# The student's ID number is kept out of error reports.
@method_decorator(sensitive_post_parameters("student_id_number"), name="dispatch")
class ApplyEducationAidView(_ApplyView):
    form_class = EducationAidRequestForm
    extra_context = {"title": gettext_lazy("Apply for golden-autumn education aid")}

    def details(self, data):
        return EducationAidRequest(
            student_name=data["student_name"],
            student_id_number=data["student_id_number"],
            school=data["school"],
            level=data["level"],
        )

    def documents(self, data):
        letter = str(_("admission letter"))
        return [
            *(help_request_services.named_document(d, letter) for d in data["admission_letter"]),
            *data["documents"],
        ]


class _FromRequestView(StaffRequiredMixin, TemplateView):
    """A staff page that turns one request of `kind` into its record: the department's
    handling permission and the record's own; 404 outside the user's subtree."""

    kind: str
    record_permission: str

    def get_permission_required(self):
        return (STAFF_PERMISSION, HANDLE_PERMISSION, self.record_permission)

    def get_application(self) -> Application:
        application = get_application_for_staff(self.request, self.kwargs["pk"])
        if application.kind != self.kind:
            raise Http404
        return application

    def not_convertible(self, application):
        """Already being handled or closed: back to its page, saying so."""
        messages.info(
            self.request,
            _("This application is already %(status)s.")
            % {"status": application.get_status_display()},
        )
        return redirect("applications:staff-detail", pk=application.pk)


class HouseholdFromRequestView(_FromRequestView):
    """登记困难职工档案: the registration prefilled from the request (head = the applicant)."""

    template_name = "welfare/household_from_request.html"
    kind = ApplicationKind.HARDSHIP_HELP
    record_permission = "welfare.add_hardshiphousehold"

    def get(self, request, pk):
        application = self.get_application()
        if application.status not in CONVERTIBLE:
            return self.not_convertible(application)
        request_ = HardshipHelpRequest.objects.get(application=application)
        form = HouseholdFromRequestForm(
            user=request.user,
            initial={
                "version": application.version,
                "union": application.applicant.union,
                "causes": request_.causes,
                "household_size": request_.household_size,
                "monthly_income_per_person": request_.monthly_income_per_person,
                "situation": request_.situation,
            },
        )
        return self.render_to_response(self.page_context(application, form))

    def post(self, request, pk):
        application = self.get_application()
        form = HouseholdFromRequestForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                household = help_request_services.register_household_from_request(
                    actor=request.user,
                    application=application,
                    union=data["union"],
                    tier=data["tier"],
                    causes=data["causes"],
                    household_size=data["household_size"],
                    monthly_income_per_person=data["monthly_income_per_person"],
                    registered_on=data["registered_on"],
                    situation=data["situation"],
                    read_version=data["version"],
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request, _("The household file was registered and the applicant was told.")
                )
                return redirect("welfare:household-detail", pk=household.pk)
        return self.render_to_response(self.page_context(application, form))

    def page_context(self, application, form):
        in_file = help_request_services.open_file_of(application.applicant)
        decline_form = None
        if in_file is not None:
            # Nothing new to register: offer the toolkit's decline with the reason 已办理.
            decline_form = DeclineForm(
                initial={
                    "version": application.version,
                    "reason": DeclineReason.DUPLICATE,
                    "note": _("You already have a hardship household file with your union."),
                }
            )
        return self.get_context_data(
            title=_("Register a hardship household"),
            application=application,
            form=form,
            in_file=in_file,
            decline_form=decline_form,
        )


class AidProposalFromRequestView(_FromRequestView):
    """提出助学金建议: the proposal prefilled from the request (parent = the applicant)."""

    template_name = "welfare/aid_proposal_from_request.html"
    kind = ApplicationKind.EDUCATION_AID
    record_permission = "welfare.add_educationaid"

    def get(self, request, pk):
        application = self.get_application()
        if application.status not in CONVERTIBLE:
            return self.not_convertible(application)
        request_ = EducationAidRequest.objects.get(application=application)
        form = AidProposalFromRequestForm(
            initial={
                "version": application.version,
                "student_name": request_.student_name,
                "school": request_.school,
                "level": request_.level,
            }
        )
        return self.render_to_response(self.page_context(application, request_, form))

    def post(self, request, pk):
        application = self.get_application()
        request_ = EducationAidRequest.objects.get(application=application)
        form = AidProposalFromRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                help_request_services.propose_aid_from_request(
                    actor=request.user,
                    application=application,
                    campaign=data["campaign"],
                    amount=data["amount"],
                    student_name=data["student_name"],
                    school=data["school"],
                    level=data["level"],
                    notes=data["notes"],
                    read_version=data["version"],
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("The education aid was proposed; it is decided on the approval page."),
                )
                return redirect("applications:staff-detail", pk=application.pk)
        return self.render_to_response(self.page_context(application, request_, form))

    def page_context(self, application, request_, form):
        return self.get_context_data(
            title=_("Propose education aid"),
            application=application,
            details=request_,
            form=form,
        )
