"""入会申请 pages: the public join form and its receipt, the employer search behind the form,
and the officer's approval page (from the staff application page's action)."""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.applications.models import Application, ApplicationKind
from yuyang_union.applications.views import (
    add_service_errors,
    get_application_for_staff,
    request_address,
    submitted_or_refused,
)
from yuyang_union.history.actors import system_actor
from yuyang_union.pickers import RESULTS
from yuyang_union.users import Actor

from . import joining
from .join_forms import ApproveForm, JoinForm
from .models import JoinApplication
from .pickers import REGISTERED_EMPLOYERS

# The session keeps the last application made from this browser, for the receipt page (its
# number never goes into a URL).
RECEIPT_SESSION_KEY = "members.join_receipt"


@method_decorator(sensitive_post_parameters("id_number", "phone", "name"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class JoinView(FormView):
    """入会申请: anyone may apply (a visitor has no account yet). POST only writes."""

    template_name = "members/join/form.html"
    form_class = JoinForm
    extra_context = {"title": gettext_lazy("Join the union")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: JoinForm) -> HttpResponse:
        data = form.cleaned_data
        user = self.request.user
        application = submitted_or_refused(
            form,
            lambda: joining.submit_join_application(
                actor=user if user.is_authenticated else system_actor(),
                name=data["name"],
                id_number=data["id_number"],
                phone=data["phone"],
                ethnicity=data["ethnicity"],
                employer=data["employer"] or None,
                platform_name=data["platform_name"],
                township=data["township"],
                occupation=data["occupation"],
                employment_group=data["employment_group"],
                ip_address=request_address(self.request),
                sensitive_consent=data["sensitive_consent"],
            ),
        )
        if application is None:
            return self.form_invalid(form)
        self.request.session[RECEIPT_SESSION_KEY] = application.pk
        return redirect("members:join-receipt")


@method_decorator(never_cache, name="dispatch")
class JoinReceiptView(TemplateView):
    """The number and what happens next, for the browser that just applied."""

    template_name = "members/join/receipt.html"
    extra_context = {"title": gettext_lazy("Application received")}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pk = request.session.get(RECEIPT_SESSION_KEY)
        application = (
            Application.objects.filter(pk=pk, kind=ApplicationKind.JOIN)
            .select_related("union")
            .only("number", "union__name", "due_at", "submitted_at", "kind", "status")
            .first()
            if pk
            else None
        )
        if application is None:
            return redirect("members:join")
        return self.render_to_response(self.get_context_data(application=application))


@method_decorator(sensitive_post_parameters("term"), name="dispatch")
class RegisteredEmployerSearchView(View):
    """The join form's employer search, for anyone: registered names only."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> JsonResponse:
        found = REGISTERED_EMPLOYERS.found(request.user, request.POST.get("term", ""))
        results = [{"id": row.pk, "text": row.name} for row in found[:RESULTS]]
        return JsonResponse({"results": results, "more": len(found) > RESULTS})


@method_decorator(never_cache, name="dispatch")
class ApproveJoinView(StaffRequiredMixin, FormView):
    """The officer's approval: the details (identifiers masked), the union and employer
    confirmed, and the member made on POST. Outside their subtree: 404."""

    template_name = "members/join/approve.html"
    form_class = ApproveForm
    application: Application
    details: JoinApplication

    def get_permission_required(self) -> tuple[str, str]:
        return (STAFF_PERMISSION, joining.HANDLE_PERMISSION)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and self.has_permission():
            self.application = get_application_for_staff(request, kwargs["pk"])
            if self.application.kind != ApplicationKind.JOIN:
                raise Http404
            self.details = JoinApplication.objects.select_related("employer", "township").get(
                application=self.application
            )
            if not self.application.is_open:
                messages.error(request, _("This application is already closed."))
                return redirect("applications:staff-detail", pk=self.application.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        return {
            "version": self.application.version,
            "union": self.application.union,
            "employer": self.details.employer,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=_("Approve %(number)s") % {"number": self.application.number},
            application=self.application,
            details=self.details,
            **kwargs,
        )

    def form_valid(self, form: ApproveForm) -> HttpResponse:
        try:
            member = joining.approve_join_application(
                actor=cast(Actor, self.request.user),  # signed in: the permission check
                application=self.application,
                union=form.cleaned_data["union"],
                employer=form.cleaned_data["employer"] or None,
                read_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(name)s is a member of %(union)s. The applicant was told to activate "
                "their account."
            )
            % {"name": member.name, "union": member.union.name},
        )
        return redirect(reverse("applications:staff-detail", args=[self.application.pk]))
