from django.apps import apps
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .access import StaffRequiredMixin
from .personal_data.crypto import key_state


class HomeView(TemplateView):
    template_name = "home.html"


class StaffHomeView(StaffRequiredMixin, TemplateView):
    """What needs doing now: each app offers panels through `staff_home_panels(request)`."""

    template_name = "staff/home.html"
    extra_context = {"title": _("Staff home")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        panels = []
        for config in apps.get_app_configs():
            hook = getattr(config, "staff_home_panels", None)
            if hook is not None:
                panels.extend(hook(self.request))
        context["staff_panels"] = panels
        return context


@never_cache
def healthz(request):
    """200 after a database round trip; 503 when the database does not answer or the
    personal-data key is missing or not the data's key."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database means: not healthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    if key_state():
        # The operator's words, for the load balancer and the log: not translated.
        return HttpResponse(
            "personal-data key does not match\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")
