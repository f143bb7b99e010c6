from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.database.routers import reads_from_replica
from yuyang_union.figures import records_url

from .apps import SUMMARY_PERMISSION
from .charts import summary_charts
from .compose import compute_summary, period_phrase
from .formatting import json_number
from .forms import PeriodForm, SnapshotForm, default_period, year_periods
from .jobs import REPORT_JOB, WORKBOOK_JOB, start_summary_file
from .models import Snapshot
from .services import compare_snapshot, create_snapshot


class SummaryAccessMixin(StaffRequiredMixin):
    """Staff with the right to read the summary; anonymous → login, other users → 403."""

    permission_required = (STAFF_PERMISSION, SUMMARY_PERMISSION)


def period_query(start, end):
    return urlencode({"start": start.isoformat(), "end": end.isoformat()})


class PeriodMixin:
    """The period from the query string; exports and the JSON answer 400 to a bad one."""

    def bad_period(self, form):
        errors = "; ".join(f"{name}: {' '.join(e)}" for name, e in form.errors.items())
        return HttpResponseBadRequest(
            _("Bad period: %(errors)s") % {"errors": errors}, content_type="text/plain"
        )


class SummaryView(SummaryAccessMixin, TemplateView):
    template_name = "summary/index.html"
    extra_context = {"title": gettext_lazy("Work summary")}

    # The figures, and whatever the template still reads, come from the read replica if any.
    @method_decorator(reads_from_replica)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs).render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm.from_query(self.request.GET)
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        else:
            start, end = default_period()
        summary = compute_summary(start, end)
        query = period_query(start, end)
        context.update(
            form=form,
            summary=summary,
            period_phrase=period_phrase(start, end),
            charts=summary_charts(summary),
            query=query,
            quick_periods=[
                (label, period_query(s, e), s == start and e == end)
                for label, s, e in self.quick_periods()
            ],
            snapshots=Snapshot.objects.only("id", "name", "start", "end", "created_at")[:20],
            snapshot_form=SnapshotForm(initial={"start": start, "end": end}),
            can_snapshot=self.request.user.has_perm("summary.add_snapshot"),
            # The files are written by jobs, started by a POST of the period shown.
            period_start=start.isoformat(),
            period_end=end.isoformat(),
            summary_files=[
                ("summary:report", _("Word draft (.docx)")),
                ("summary:workbook", _("Workbook (.xlsx)")),
            ],
        )
        snapshot_id = self.request.GET.get("snapshot", "")
        if snapshot_id.isdigit():
            snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
            context["snapshot"] = snapshot
            context["snapshot_rows"] = compare_snapshot(snapshot)
        return context

    def quick_periods(self):
        since_start, since_end = default_period()
        return [(_("Since the 11th congress"), since_start, since_end), *year_periods()]


class FiguresJsonView(SummaryAccessMixin, PeriodMixin, View):
    @method_decorator(reads_from_replica)
    def get(self, request):
        form = PeriodForm.from_query(request.GET)
        if not form.is_valid():
            return self.bad_period(form)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        summary = compute_summary(start, end, by_year=False)
        return JsonResponse(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "figures": [
                    {
                        "key": figure.key,
                        "label": figure.label,
                        "value": json_number(figure.value),
                        "unit": figure.unit,
                        "source": figure.source,
                    }
                    for figure in summary.figures
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )


class ExportView(SummaryAccessMixin, PeriodMixin, View):
    """The period's workbook or Word draft, written by a job (its page offers the file)."""

    http_method_names = ["post"]
    kind = ""

    def post(self, request):
        form = PeriodForm.from_query(request.POST)
        if not form.is_valid():
            return self.bad_period(form)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        job = start_summary_file(actor=request.user, kind=self.kind, start=start, end=end)
        return redirect("jobs:detail", job.pk)


class WorkbookExportView(ExportView):
    kind = WORKBOOK_JOB


class ReportExportView(ExportView):
    kind = REPORT_JOB


class SnapshotCreateView(SummaryAccessMixin, View):
    permission_required = (STAFF_PERMISSION, SUMMARY_PERMISSION, "summary.add_snapshot")

    def post(self, request):
        form = SnapshotForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            start, end = request.POST.get("start", ""), request.POST.get("end", "")
            return redirect(records_url("summary:index", start=start, end=end))
        snapshot = create_snapshot(
            name=form.cleaned_data["name"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            actor=request.user,
        )
        messages.success(request, _("Snapshot “%(name)s” saved.") % {"name": snapshot.name})
        return redirect(
            records_url(
                "summary:index",
                start=snapshot.start.isoformat(),
                end=snapshot.end.isoformat(),
                snapshot=snapshot.pk,
            )
        )
