"""Member accounts: activation against the roster and password recovery, both by a code texted
to the phone on the roster, and the member's own page."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from members.models import Honour, Member
from yuyang_union.accounts.client_address import client_address
from yuyang_union.applications import selectors as application_selectors
from yuyang_union.personal_data.masking import mask_id_number, mask_phone

from .. import services
from ..forms import (
    ActivationCodeForm,
    ActivationRequestForm,
    RecoveryCodeForm,
    RecoveryRequestForm,
)
from ..models import CodePurpose, Registration

# What step 1 leaves in the session for step 2: the purpose and the id of the code texted
# (None when nothing was sent: step 2 then refuses every code, with the words of a wrong one).
# Never in a URL: the pages keep no identifier in their addresses.
SESSION_KEY = "events.account_code"


def _client_address(request: HttpRequest) -> str:
    return client_address(request) or "0.0.0.0"  # noqa: S104 (no address: one bucket)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class AnonymousOnlyMixin:
    """Activation and recovery are for visitors: a signed-in member goes to their page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("events:mine")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


@method_decorator(sensitive_post_parameters("name", "id_number", "phone", "login"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class CodeRequestView(AnonymousOnlyMixin, FormView):
    """Step 1: whatever was found, the same redirect to step 2 and the same words there."""

    purpose: str
    next_url: str

    def request_code(self, data: dict, ip_address: str) -> int | None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            code_id = self.request_code(form.cleaned_data, _client_address(self.request))
        except services.AccountRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            return self.form_invalid(form)
        self.request.session[SESSION_KEY] = {"purpose": self.purpose, "code": code_id}
        return redirect(self.next_url)


@method_decorator(sensitive_post_parameters(), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class CodeConfirmView(AnonymousOnlyMixin, FormView):
    """Step 2: the code from the text message, with what the step sets."""

    purpose: str
    start_url: str

    def dispatch(self, request, *args, **kwargs):
        state = request.session.get(SESSION_KEY)
        if not isinstance(state, dict) or state.get("purpose") != self.purpose:
            return redirect(self.start_url)
        self.code_id = state.get("code")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            code_minutes=services.CODE_MINUTES, start_url=self.start_url, **kwargs
        )

    def finish(self, data: dict, ip_address: str) -> HttpResponse:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            response = self.finish(form.cleaned_data, _client_address(self.request))
        except services.AccountRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            return self.form_invalid(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        return response


class ActivateView(CodeRequestView):
    template_name = "events/activate.html"
    form_class = ActivationRequestForm
    extra_context = {"title": gettext_lazy("Activate your member account")}
    purpose = CodePurpose.ACTIVATION
    next_url = "events:activate-code"

    def request_code(self, data, ip_address):
        return services.request_activation_code(
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            ip_address=ip_address,
        )


class ActivateCodeView(CodeConfirmView):
    template_name = "events/activate_code.html"
    form_class = ActivationCodeForm
    extra_context = {"title": gettext_lazy("Activate your member account")}
    purpose = CodePurpose.ACTIVATION
    start_url = "events:activate"

    def finish(self, data, ip_address):
        result = services.activate_account(
            code_id=self.code_id,
            code=data["code"],
            username=data["username"],
            password=data["password1"],
            ip_address=ip_address,
        )
        # login() cycles the session key and keeps the data: the step is done, drop it first.
        self.request.session.pop(SESSION_KEY, None)
        login(self.request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Your account is ready."))
        return redirect("events:mine")


class RecoverView(CodeRequestView):
    template_name = "events/recover.html"
    form_class = RecoveryRequestForm
    extra_context = {"title": gettext_lazy("Forgot your password?")}
    purpose = CodePurpose.RECOVERY
    next_url = "events:recover-code"

    def request_code(self, data, ip_address):
        return services.request_recovery_code(login=data["login"], ip_address=ip_address)


class RecoverCodeView(CodeConfirmView):
    template_name = "events/recover_code.html"
    form_class = RecoveryCodeForm
    extra_context = {"title": gettext_lazy("Set a new password")}
    purpose = CodePurpose.RECOVERY
    start_url = "events:recover"

    def finish(self, data, ip_address):
        services.reset_password(
            code_id=self.code_id,
            code=data["code"],
            password=data["password1"],
            ip_address=ip_address,
        )
        self.request.session.pop(SESSION_KEY, None)
        messages.success(self.request, _("Your new password is set: log in with it."))
        return redirect("login")


class MyEventsView(TemplateView):
    """A member's sign-ups and membership; anonymous visitors are offered login or activation."""

    template_name = "events/mine.html"
    extra_context = {"title": gettext_lazy("My events")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        if not self.request.user.is_authenticated:
            return context
        member = (
            Member.objects.filter(user=self.request.user)
            .select_related("union", "employer")
            .prefetch_related(Prefetch("honours", queryset=Honour.objects.select_related("title")))
            .first()
        )
        registrations = []
        if member is not None:
            registrations = Registration.objects.for_member(member).order_by("-event__starts_at")[
                :100
            ]
            context.update(
                id_number_masked=mask_id_number(member.id_number),
                phone_masked=mask_phone(member.phone),
                application_news=application_selectors.news_count(member),
            )
        context.update(member=member, registrations=registrations)
        return context
