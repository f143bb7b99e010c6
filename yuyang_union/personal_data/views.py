"""The reveal page (one record's identifier in full, for a stated purpose, logged) and the
admin's posted search (no identifier in a URL)."""

from collections.abc import Collection
from typing import Any, cast

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.accounts.reauth import RecentAuthenticationRequiredMixin
from yuyang_union.downloads import xlsx_attachment
from yuyang_union.redirects import same_site
from yuyang_union.users import Actor

from .access_log import log_identifier_access
from .crypto import id_number_digests
from .fields import EncryptedIdentifierField, identifier_fields
from .forms import RevealForm, SubjectLookupForm
from .masking import EXPORT_PERSONAL_DATA, VIEW_IDENTIFIERS_PERMISSION
from .models import AccessChannel, AccessReason
from .reveal import revealable_record, visible_record
from .search_tokens import TOKEN_VAR, identifier_search, remember
from .subject import (
    find_subject,
    person_of,
    person_of_user,
    subject_models,
    subject_sections,
    subject_workbook,
)


def record_named_by(
    request: HttpRequest,
    kwargs: dict[str, Any],
    *,
    field: str | None = None,
    kinds: Collection[type[models.Model]] | None = None,
) -> models.Model:
    """The record a URL names (app label, model name, pk) if it is of a registered kind and
    in the user's scope, and with `field` one the user may reveal; 404 otherwise, whatever
    the reason, so that a refusal tells nothing about the record."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        raise Http404 from None
    user = cast(Actor, request.user)
    if field is not None:
        record = revealable_record(user, model, kwargs["pk"], field)
    elif kinds is None or model in kinds:
        record = visible_record(user, model, kwargs["pk"])
    else:
        record = None
    if record is None:
        raise Http404
    return record


@method_decorator(never_cache, name="dispatch")
class RevealView(StaffRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView):
    """GET asks why; POST (with a purpose) shows the number and logs who, whose, where and why.
    Both ask for the password and code again when the last check is 15 minutes old.

    Out-of-scope records, unknown fields and users without the right all get 404 or 403, the
    same whatever the record holds.
    """

    template_name = "personal_data/reveal.html"
    record: Any
    permission_required = VIEW_IDENTIFIERS_PERMISSION

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and request.user.has_perm(VIEW_IDENTIFIERS_PERMISSION):
            self.record = record_named_by(request, kwargs, field=kwargs["field"])
        return super().dispatch(request, *args, **kwargs)

    def back_url(self) -> str:
        return same_site(self.request, self.request.GET.get("next", ""))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        field = cast(EncryptedIdentifierField, self.record._meta.get_field(self.kwargs["field"]))
        context.update(
            title=_("See a number in full"),
            record=self.record,
            field_label=field.verbose_name,
            masked=field.mask(getattr(self.record, field.name)) or "—",
            back_url=self.back_url(),
            form=kwargs.get("form") or RevealForm(),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        name = self.kwargs["field"]
        log_identifier_access(
            cast(Actor, request.user),
            [self.record],
            [name],
            AccessChannel.REVEAL,
            reason=form.cleaned_data["reason"],
            page=self.back_url() or request.path,
        )
        context = self.get_context_data(form=form)
        context["revealed"] = getattr(self.record, name) or "—"
        return self.render_to_response(context)


# The search term may be an ID number or a phone: kept out of error reports.
@method_decorator(sensitive_post_parameters(SEARCH_VAR), name="dispatch")
class AdminSearchView(LoginRequiredMixin, View):
    """The admin search form posts here; the answer is a redirect to the list it came from.

    A name travels on as `?q=`; an ID number or phone is kept in the session and the list
    opens with a short-lived token, for the admins that find people by one. Other lists say
    they cannot (and are opened unfiltered), rather than put the number in their URL.
    """

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        changelist = request.POST.get("changelist", "")
        model_admin = _changelist_admin(changelist)
        if model_admin is None:
            return HttpResponseBadRequest()
        query: dict[str, str] = {
            key: str(value)
            for key, value in request.POST.items()
            if key not in {"csrfmiddlewaretoken", "changelist", SEARCH_VAR, TOKEN_VAR, "p"}
        }
        term = request.POST.get(SEARCH_VAR, "").strip()
        search = identifier_search(term) if term else None
        if search is None:
            if term:
                query[SEARCH_VAR] = term
        elif getattr(model_admin, "finds_people_by_identifier", False):
            query[TOKEN_VAR] = remember(request, search)
        else:
            messages.warning(
                request,
                _("This list cannot be searched by ID number or phone; search by name."),
            )
        return HttpResponseRedirect(f"{changelist}?{urlencode(query)}" if query else changelist)


def _changelist_admin(path: str) -> Any:
    """The ModelAdmin whose changelist `path` is, or None for anything else."""
    if not path.startswith("/") or path.startswith("//"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    model_admin = getattr(match.func, "model_admin", None)
    if model_admin is None or not match.url_name or not match.url_name.endswith("_changelist"):
        return None
    return model_admin


# A person's own data (PIPL art. 45) ------------------------------------------------------


@method_decorator(sensitive_post_parameters("id_number"), name="dispatch")
class SubjectLookupView(StaffRequiredMixin, TemplateView):
    """Find the person a copy is for by the ID number on the card they bring (posted)."""

    template_name = "personal_data/subject_lookup.html"

    def get_permission_required(self) -> tuple[str, ...]:
        return (STAFF_PERMISSION, EXPORT_PERSONAL_DATA)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubjectLookupForm())
        context["title"] = _("Copy of a person's data")
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SubjectLookupForm(request.POST)
        if form.is_valid():
            user = cast(Actor, request.user)
            found = find_subject(id_number_digests(form.cleaned_data["id_number"]))
            if found is not None and visible_record(user, type(found), str(found.pk)):
                return HttpResponseRedirect(subject_copy_url(found))
            # The same answer for "nobody" and "somebody outside your unions".
            form.add_error("id_number", _("Nobody with this ID number in your unions."))
        return self.render_to_response(self.get_context_data(form=form))


def subject_copy_url(record: models.Model) -> str:
    meta = record._meta
    return reverse(
        "personal_data:subject-copy", args=[meta.app_label, meta.model_name, str(record.pk)]
    )


class SubjectCopyView(StaffRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView):
    """GET: what the copy will hold (masked); POST: the workbook in full, logged."""

    template_name = "personal_data/subject_copy.html"

    def get_permission_required(self) -> tuple[str, ...]:
        return (STAFF_PERMISSION, EXPORT_PERSONAL_DATA)

    def record(self) -> models.Model:
        return record_named_by(self.request, self.kwargs, kinds=subject_models())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = person_of(self.record())
        context.update(
            title=_("Copy of a person's data"),
            person=person,
            sections=subject_sections(person, masked=True) if person else [],
        )
        return context

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.record()
        person = person_of(record)
        if person is None:
            raise Http404
        sections = subject_sections(person, masked=False)
        log_identifier_access(
            cast(Actor, request.user),
            [record],
            [field.name for field in identifier_fields(type(record))],
            AccessChannel.SUBJECT,
            reason=AccessReason.SUBJECT_REQUEST,
            page=request.path,
        )
        filename = f"personal-data-{record._meta.model_name}-{record.pk}.xlsx"
        return xlsx_attachment(subject_workbook(person, sections), filename)


class MyDataView(LoginRequiredMixin, TemplateView):
    """A member's own page: what the portal holds about them, identifiers masked."""

    template_name = "personal_data/my_data.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = person_of_user(self.request.user)
        context.update(
            title=_("What we hold about you"),
            person=person,
            sections=subject_sections(person, masked=True) if person else [],
        )
        return context
