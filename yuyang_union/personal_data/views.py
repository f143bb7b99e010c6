"""The reveal page: one record's identifier in full, for a stated purpose, logged."""

from typing import Any, cast

from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from yuyang_union.access import StaffRequiredMixin
from yuyang_union.users import Actor

from .access_log import log_identifier_access
from .forms import RevealForm
from .masking import VIEW_IDENTIFIERS_PERMISSION, mask_identifier
from .models import AccessChannel
from .reveal import identifier_field, revealable_record


@method_decorator(never_cache, name="dispatch")
class RevealView(StaffRequiredMixin, TemplateView):
    """GET asks why; POST (with a purpose) shows the number and logs who, whose, where and why.

    Out-of-scope records, unknown fields and users without the right all get 404 or 403, the
    same whatever the record holds.
    """

    template_name = "personal_data/reveal.html"
    record: Any
    permission_required = VIEW_IDENTIFIERS_PERMISSION

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and request.user.has_perm(VIEW_IDENTIFIERS_PERMISSION):
            self.record = self._record(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def _record(self, request: HttpRequest, **kwargs: Any) -> Any:
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            raise Http404 from None
        user = cast(Actor, request.user)
        record = revealable_record(user, model, kwargs["pk"], kwargs["field"])
        if record is None:
            raise Http404
        return record

    def back_url(self) -> str:
        back = self.request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            back, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return back if back and safe else ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        field = identifier_field(type(self.record), self.kwargs["field"])
        context.update(
            title=_("See a number in full"),
            record=self.record,
            field_label=field.verbose_name if field else "",
            masked=mask_identifier(getattr(self.record, self.kwargs["field"])) or "—",
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
