"""The second factor's pages (verify, set up, recovery codes) and the re-authentication page."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from yuyang_union.redirects import same_site, with_next
from yuyang_union.users import Actor

from . import reauth, second_factor, verification
from .forms import ConfirmForm, EnrolForm, VerifyForm

# The recovery codes are shown once, on the page that answers the POST that made them.
RECOVERY_CODES_TEMPLATE = "accounts/recovery_codes.html"
# Tell the user to make new codes when this few are left.
FEW_RECOVERY_CODES = 3


def signed_in(request: HttpRequest) -> Actor:
    """The user of a page that LoginRequiredMixin guards."""
    return cast(Actor, request.user)


def next_url(request: HttpRequest) -> str:
    """Where to go after the step: the `next` asked for, if it is on this site."""
    return same_site(request, request.POST.get("next") or request.GET.get("next") or "") or (
        resolve_url("home")
    )


class SignedInView(LoginRequiredMixin, View):
    request: HttpRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["next"] = next_url(self.request)
        return context


class StaffAccountView(SignedInView):
    """Pages for accounts that have a second factor; members have none (403)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not verification.needs_second_factor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class VerifyView(StaffAccountView, FormView):
    """The second step of a staff sign-in."""

    template_name = "accounts/verify.html"
    form_class = VerifyForm
    extra_context = {"title": gettext_lazy("Second sign-in step")}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and verification.needs_second_factor(user):
            if verification.is_verified(user):
                return HttpResponseRedirect(next_url(request))
            if not second_factor.is_enrolled(signed_in(request)):
                return HttpResponseRedirect(_with_next(resolve_url("accounts:enrol"), request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: VerifyForm) -> HttpResponse:
        try:
            device = second_factor.verify(
                request=self.request, user=signed_in(self.request), token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form.add_error("token", error)
            return self.form_invalid(form)
        if device.name == second_factor.RECOVERY_CODES_NAME:
            left = second_factor.recovery_codes_left(signed_in(self.request))
            if left <= FEW_RECOVERY_CODES:
                messages.warning(
                    self.request,
                    _("Only %(left)d recovery codes are left: make new ones on the account page.")
                    % {"left": left},
                )
        return HttpResponseRedirect(next_url(self.request))


@method_decorator([never_cache, sensitive_post_parameters("token")], name="dispatch")
class EnrolView(StaffAccountView, FormView):
    """Setting up the authenticator: forced at the first staff sign-in, and again after an
    administrator reset the devices. Replacing a working authenticator needs that one."""

    template_name = "accounts/enrol.html"
    form_class = EnrolForm
    extra_context = {"title": gettext_lazy("Set up the second sign-in step")}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            user.is_authenticated
            and verification.needs_second_factor(user)
            and second_factor.is_enrolled(signed_in(request))
        ):
            # The password alone must never swap the authenticator for the intruder's own.
            if not verification.is_verified(user):
                return HttpResponseRedirect(_with_next(resolve_url("accounts:verify"), request))
            again = reauth.ask_again(request)
            if again is not None:
                return again
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        device = second_factor.begin_enrolment(user=signed_in(self.request))
        context.update(
            qr_code=second_factor.qr_code_svg(device),
            secret=second_factor.secret_for_typing(device),
        )
        return context

    def form_valid(self, form: EnrolForm) -> HttpResponse:
        try:
            enrolled = second_factor.confirm_enrolment(
                request=self.request, user=signed_in(self.request), token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form.add_error("token", error)
            return self.form_invalid(form)
        return _show_recovery_codes(self.request, enrolled.recovery_codes, first_time=True)


@method_decorator(never_cache, name="dispatch")
class SecurityView(StaffAccountView):
    """The user's own second factor: what is set up, and new recovery codes."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "accounts/security.html",
            {
                "title": _("Sign-in security"),
                "authenticator": second_factor.is_enrolled(signed_in(request)),
                "recovery_codes_left": second_factor.recovery_codes_left(signed_in(request)),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        again = reauth.ask_again(request)
        if again is not None:
            return again
        codes = second_factor.renew_recovery_codes(actor=signed_in(request))
        return _show_recovery_codes(request, codes, first_time=False)


@method_decorator([never_cache, sensitive_post_parameters("password", "token")], name="dispatch")
class ConfirmView(SignedInView, FormView):
    """The password (and for staff a code) again before a sensitive act."""

    template_name = "accounts/confirm.html"
    form_class = ConfirmForm
    extra_context = {"title": gettext_lazy("Confirm it is you")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request, "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "minutes": settings.REAUTHENTICATION_MINUTES}

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        if "token" in form.fields:
            try:
                second_factor.verify(
                    request=self.request,
                    user=signed_in(self.request),
                    token=form.cleaned_data["token"],
                )
            except ValidationError as error:
                form.add_error("token", error)
                return self.form_invalid(form)
        else:
            reauth.mark_checked(self.request)
        return HttpResponseRedirect(next_url(self.request))


def _show_recovery_codes(
    request: HttpRequest, codes: list[str], *, first_time: bool
) -> HttpResponse:
    return render(
        request,
        RECOVERY_CODES_TEMPLATE,
        {
            "title": _("Your recovery codes"),
            "codes": [second_factor.format_recovery_code(code) for code in codes],
            "first_time": first_time,
            "next": next_url(request),
        },
    )


def _with_next(url: str, request: HttpRequest) -> str:
    return with_next(url, next_url(request))
