"""Public pages of the members app."""

from django.views.generic import TemplateView

from .selectors import honour_roll


class HonourRollView(TemplateView):
    """劳模工匠风采: honourees by level and year; names and deeds only, never identifiers."""

    template_name = "members/honour_roll.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        level = self.request.GET.get("level") or ""
        context.update(honour_roll(level=level))
        return context
