"""Member accounts: activation against the roster, and the member's own page."""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from members.models import Honour, Member
from yuyang_union.personal_data.masking import mask_id_number, mask_phone

from .. import services
from ..forms import ActivationForm
from ..models import Registration


@method_decorator(
    sensitive_post_parameters("id_number", "phone", "password1", "password2"), name="dispatch"
)
@method_decorator(never_cache, name="dispatch")
class ActivateView(FormView):
    template_name = "events/activate.html"
    form_class = ActivationForm
    extra_context = {"title": _("Activate your member account")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("events:mine")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.activate_account(
                name=data["name"],
                id_number=data["id_number"],
                phone=data["phone"],
                username=data["username"],
                password=data["password1"],
                ip_address=get_client_ip_address(self.request) or "0.0.0.0",  # noqa: S104
            )
        except services.ActivationRefused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        login(self.request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Your account is ready."))
        return redirect("events:mine")


class MyEventsView(TemplateView):
    """A member's sign-ups and membership; anonymous visitors are offered login or activation."""

    template_name = "events/mine.html"
    extra_context = {"title": _("My events")}

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
            )
        context.update(member=member, registrations=registrations)
        return context
