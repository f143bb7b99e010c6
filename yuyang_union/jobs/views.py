"""我的任务: a user's own jobs, their progress (JSON for the polling script), cancel, download.

Only the owner sees a job: every view looks it up among the user's own (404 otherwise).
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from yuyang_union.history.actions import log_action

from . import files, services
from .models import Job
from .verbs import RESULT_DOWNLOADED

PAGE_SIZE = 20
MAX_POLLED = 50


def get_job_for_user(request: HttpRequest, pk: object) -> Job:
    return get_object_or_404(Job.objects.owned_by(request.user), pk=pk)


class JobListView(LoginRequiredMixin, ListView):
    template_name = "jobs/job_list.html"
    paginate_by = PAGE_SIZE
    extra_context = {"title": _("My jobs")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["result_hours"] = f"{settings.JOB_RESULT_HOURS:g}"
        return context

    def get_queryset(self) -> Any:
        return Job.objects.owned_by(self.request.user).defer("errors", "params")


class JobDetailView(LoginRequiredMixin, DetailView):
    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def get_object(self, queryset: Any = None) -> Job:
        return get_job_for_user(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = self.object.label
        return context


def job_state(job: Job) -> dict[str, Any]:
    """What the polling script needs of a job (no personal data: label, counts, message)."""
    return {
        "id": str(job.pk),
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "active": job.active,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "error_count": job.error_count,
        "download_url": reverse("jobs:download", args=[job.pk]) if job.has_result else "",
    }


@require_GET
@never_cache
@login_required
def job_status(request: HttpRequest) -> JsonResponse:
    """The state of the user's jobs named by `id` (at most MAX_POLLED), for `jobs.js`."""
    ids = request.GET.getlist("id")[:MAX_POLLED]
    valid = []
    for value in ids:
        try:
            valid.append(Job._meta.pk.to_python(value))
        except Exception:  # noqa: S112 - an id that is no UUID names no job of theirs
            continue
    jobs = Job.objects.owned_by(request.user).filter(pk__in=valid).defer("errors", "params")
    return JsonResponse({"jobs": [job_state(job) for job in jobs]})


@require_POST
@login_required
def confirm(request: HttpRequest, pk: object) -> HttpResponse:
    job = get_job_for_user(request, pk)
    if services.confirm_job(actor=request.user, job_id=job.pk):  # type: ignore[arg-type]
        messages.success(request, gettext("Confirmed: the rows are being written."))
    else:
        messages.info(request, gettext("This job was already confirmed; its progress shows here."))
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))


@require_POST
@login_required
def cancel(request: HttpRequest, pk: object) -> HttpResponse:
    job = get_job_for_user(request, pk)
    if services.cancel_job(actor=request.user, job_id=job.pk):  # type: ignore[arg-type]
        messages.success(request, gettext("The job is being cancelled."))
    else:
        messages.info(request, gettext("The job had already ended."))
    return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))


@require_GET
@login_required
def download(request: HttpRequest, pk: object) -> HttpResponseBase:
    job = get_job_for_user(request, pk)
    if not job.has_result:
        raise Http404
    try:
        chunks = files.read_result(job.result_file, encrypted=job.result_personal)
    except FileNotFoundError:
        raise Http404 from None
    if job.result_personal:
        with transaction.atomic():
            log_action(
                actor=request.user,  # type: ignore[arg-type]
                verb=RESULT_DOWNLOADED,
                obj=job,
                data={"file": job.result_name, "rows": job.done},
            )
    response = StreamingHttpResponse(chunks, content_type=job.result_content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    response["Content-Length"] = str(job.result_size)
    response["Cache-Control"] = "no-store"
    return response
