"""The pages every kind shares: where to apply, a member's own applications, a visitor's status
lookup, the staff inbox and an application's page with its answers, and the documents."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
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
from yuyang_union.accounts.client_address import client_address
from yuyang_union.accounts.views import signed_in
from yuyang_union.pagination import EstimatedCountPaginator, other_parameters
from yuyang_union.personal_data.crypto import phone_digests

from . import limits, selectors, services
from .forms import AcceptForm, DeclineForm, InboxFilterForm, StatusLookupForm
from .kinds import handler_for, registered
from .models import (
    Application,
    ApplicationDocument,
    ApplicationStep,
)

if TYPE_CHECKING:
    from members.models import Member

PER_PAGE = 30


def request_address(request: HttpRequest) -> str:
    return client_address(request) or "0.0.0.0"  # noqa: S104 (no address: one bucket)


def signed_in_member(request: HttpRequest) -> "Member | None":
    """The member whose login this is, or None (staff without a membership, say)."""
    if not request.user.is_authenticated:
        return None
    return getattr(request.user, "member", None)


class MemberRequiredMixin(LoginRequiredMixin):
    """A member's own pages: signed in, with a membership on the roster."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and signed_in_member(request) is None:
            raise PermissionDenied(_("Only members may use this page."))
        return super().dispatch(request, *args, **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown at the form's fields (or above it)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submitted_or_refused(form: forms.Form, submit: Callable[[], Application]) -> Application | None:
    """Run an apply form's submission; a refusal (past the rate limits, or a rule only the
    models check, e.g. a duplicate) goes on the form, and None comes back."""
    try:
        return submit()
    except limits.TooManyApplications as refusal:
        form.add_error(None, refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
    return None


class ApplyIndexView(TemplateView):
    """Where to apply: joining for anyone; help for members (others are asked to sign in)."""

    template_name = "applications/apply_index.html"
    extra_context = {"title": gettext_lazy("Apply online")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        member = signed_in_member(self.request)
        context["member"] = member
        # A member is offered help; joining is for those who are not members yet.
        context["handlers"] = [
            {"handler": handler, "url": reverse(handler.apply_url_name)}
            for handler in registered()
            if handler.members_only or member is None
        ]
        return context


def _steps() -> Prefetch:
    return Prefetch(
        "steps", queryset=ApplicationStep.objects.only("application_id", "status", "at", "note")
    )


class MyApplicationListView(MemberRequiredMixin, TemplateView):
    template_name = "applications/mine.html"
    extra_context = {"title": gettext_lazy("My applications")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        applications = selectors.of_member(cast("Member", signed_in_member(self.request)))
        context["page"] = Paginator(applications, PER_PAGE).get_page(self.request.GET.get("page"))
        return context


def _details(application: Application) -> models.Model | None:
    return getattr(application, handler_for(application.kind).details_attribute, None)


class MyApplicationDetailView(MemberRequiredMixin, TemplateView):
    """One's own application: the status history, decisions, documents; opening it clears
    the mark of news."""

    template_name = "applications/my_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        member = signed_in_member(self.request)
        application = (
            Application.objects.filter(applicant=member, pk=kwargs["pk"])
            .select_related("union")
            .prefetch_related(_steps(), "documents")
            .first()
        )
        if application is None:
            raise Http404
        services.mark_seen(application=application)
        context.update(
            title=application.number,
            application=application,
            details=_details(application),
            handler=handler_for(application.kind),
        )
        return context


@method_decorator(sensitive_post_parameters("phone"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class StatusLookupView(FormView):
    """A visitor who applied to join (no account yet) reads where it stands: by the number
    and the phone given. A wrong pair and an unknown number get the same words."""

    template_name = "applications/status_lookup.html"
    form_class = StatusLookupForm
    extra_context = {"title": gettext_lazy("Look up an application")}

    def form_valid(self, form: StatusLookupForm) -> HttpResponse:
        try:
            limits.check_lookup(
                ip_address=request_address(self.request),
                phone_digest=phone_digests(form.cleaned_data["phone"])[0],
            )
        except limits.TooManyApplications:
            form.add_error(None, limits.TOO_MANY_LOOKUPS)
            return self.form_invalid(form)
        application = (
            Application.objects.filter(
                number=form.cleaned_data["number"].strip(),
                contact_phone_digest__in=phone_digests(form.cleaned_data["phone"]),
            )
            .select_related("union")
            .prefetch_related(_steps())
            .first()
        )
        if application is None:
            form.add_error(
                None,
                _("No application matches this number and phone. Check both and try again."),
            )
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=StatusLookupForm(), application=application)
        )


# The roles that handle some kind hold it (the toolkit's migration grants it); the kinds a
# user handles are their department's permissions (kinds.KindHandler.permission).
VIEW_APPLICATIONS = "applications.view_application"


class StaffApplicationsMixin(StaffRequiredMixin):
    permission_required = (STAFF_PERMISSION, VIEW_APPLICATIONS)


def get_application_for_staff(request: HttpRequest, pk: int) -> Application:
    """An application the user may handle: 404 outside their kinds or their subtree."""
    application = selectors.for_staff(request.user).select_related("union").filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


class InboxView(StaffApplicationsMixin, TemplateView):
    """The applications of the user's kinds and subtree: open ones first by deadline."""

    template_name = "applications/inbox.html"
    extra_context = {"title": gettext_lazy("Online applications")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = InboxFilterForm(self.request.GET or None)
        applications = selectors.inbox(self.request.user)
        status = ""
        if form.is_valid():
            data = form.cleaned_data
            if data["kind"]:
                applications = applications.filter(kind=data["kind"])
            status = data["status"]
            if data["number"]:
                applications = applications.filter(number=data["number"].strip())
            if data["overdue"]:
                applications = applications.overdue()
        if status == "all":
            applications = applications.order_by("-submitted_at", "-id")
        elif status:
            applications = applications.filter(status=status).order_by("-submitted_at", "-id")
        else:
            applications = applications.open().order_by("due_at", "id")
        paginator = EstimatedCountPaginator(applications, PER_PAGE)
        context.update(
            form=form,
            page=paginator.get_page(self.request.GET.get("page")),
            query=other_parameters(self.request),
        )
        return context


class StaffApplicationDetailView(StaffApplicationsMixin, TemplateView):
    template_name = "applications/staff_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = get_application_for_staff(self.request, kwargs["pk"])
        steps = ApplicationStep.objects.filter(application=application).select_related("actor")
        handler = handler_for(application.kind)
        context.update(
            title=application.number,
            application=application,
            details=_details(application),
            handler=handler,
            steps=list(steps),
            documents=list(application.documents.all()),
            accept_form=AcceptForm(initial={"version": application.version}),
            decline_form=DeclineForm(initial={"version": application.version}),
            actions=[
                {"label": action.label, "url": reverse(action.url_name, args=[application.pk])}
                for action in handler.actions
            ],
        )
        return context


class _AnswerView(StaffApplicationsMixin, View):
    form_class: type[AcceptForm] | type[DeclineForm]

    def answer(self, application: Application, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = get_application_for_staff(request, pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.answer(application, form.cleaned_data)
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                messages.success(request, _("The applicant was told."))
        else:
            for field_errors in form.errors.values():
                for error_text in field_errors:
                    messages.error(request, str(error_text))
        return redirect("applications:staff-detail", pk=application.pk)


class AcceptView(_AnswerView):
    form_class = AcceptForm

    def answer(self, application: Application, data: dict[str, Any]) -> None:
        services.accept_application(
            actor=signed_in(self.request),
            application=application,
            read_version=data["version"],
            note=data["note"],
        )


class DeclineView(_AnswerView):
    form_class = DeclineForm

    def answer(self, application: Application, data: dict[str, Any]) -> None:
        services.decline_application(
            actor=signed_in(self.request),
            application=application,
            reason=data["reason"],
            note=data["note"],
            read_version=data["version"],
        )


class DocumentFileView(LoginRequiredMixin, View):
    """Streams a document to its applicant, or to staff who may handle its application;
    every opening goes to the application's history."""

    def get(self, request: HttpRequest, name: str) -> HttpResponseBase:
        document = (
            ApplicationDocument.objects.filter(file=name)
            .select_related("application__union")
            .first()
        )
        if document is None:
            raise Http404
        application = document.application
        member = signed_in_member(request)
        own = member is not None and application.applicant_id == member.pk
        if not (own or services.may_handle(signed_in(request), application)):
            raise Http404
        services.log_document_opened(actor=signed_in(request), document=document)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=document.content_type == "application/pdf",
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response
