"""Starting, confirming and cancelling jobs, and purging what they leave behind."""

import logging
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from yuyang_union.users import Actor

from . import files, registry
from .models import Job, JobState

logger = logging.getLogger(__name__)

# A running job reports progress at least this often; one silent longer lost its worker.
STALLED_AFTER = timedelta(minutes=15)


def start_job(
    *,
    actor: Actor,
    kind: str,
    label: str,
    params: dict[str, Any] | None = None,
    result_url: str = "",
) -> Job:
    """Record a job for `actor` and queue it once the current transaction commits."""
    job = Job.objects.create(
        owner=actor, kind=kind, label=label[:200], params=params or {}, result_url=result_url
    )
    _queue_on_commit(job)
    return job


def _queue_on_commit(job: Job) -> None:
    from .tasks import run_job

    job_id = str(job.pk)
    transaction.on_commit(lambda: run_job.defer(job_id=job_id))


def queue_again(*, job: Job, params: dict[str, Any]) -> None:
    """Queue a job for its next phase (an import confirmed after its check); the caller
    holds the job's row lock and has checked its state."""
    job.params = {**job.params, **params}
    job.state = JobState.QUEUED
    job.done, job.total = 0, None
    job.errors, job.error_count = [], 0
    job.save(update_fields=["params", "state", "done", "total", "errors", "error_count"])
    _queue_on_commit(job)


@transaction.atomic
def confirm_job(*, actor: Actor, job_id: "UUID | str") -> Job | None:
    """Move the owner's job that awaits confirmation to its next phase (params
    "confirm_phase"); None when it no longer waits (confirmed already: a second click)."""
    job = Job.objects.select_for_update().filter(pk=job_id, owner=actor).first()
    if job is None or job.state != JobState.AWAITING_CONFIRMATION:
        return None
    queue_again(job=job, params={"phase": job.params.get("confirm_phase", "")})
    return job


@transaction.atomic
def cancel_job(*, actor: Actor, job_id: "UUID | str") -> bool:
    """Ask the owner's job to stop; True when it was still waiting or running."""
    job = Job.objects.select_for_update().filter(pk=job_id, owner=actor).first()
    if job is None or job.finished:
        return False
    if job.state == JobState.AWAITING_CONFIRMATION:
        # Nothing runs: the checked file is dropped and the job ends here.
        registry.discard_waiting(job)
        job.state = JobState.CANCELLED
        job.message = gettext("Cancelled: nothing was imported.")
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "message", "finished_at"])
        return True
    job.cancel_requested = True
    job.save(update_fields=["cancel_requested"])
    return True


def purge_expired_results(now: Any = None) -> int:
    """Delete the result files past their time, and files no job names (a crash's leftovers);
    returns how many files went."""
    now = now or timezone.now()
    expired = dict(Job.objects.results_expired(now).values_list("pk", "result_file"))
    for name in expired.values():
        files.delete_result(name)
    Job.objects.filter(pk__in=expired).update(result_file="")
    removed = len(expired)
    named = set(Job.objects.exclude(result_file="").values_list("result_file", flat=True))
    cutoff = now - timedelta(hours=settings.JOB_RESULT_HOURS)
    for name in files.result_names_on_disk() - named:
        if files.modified_before(name, cutoff):
            files.delete_result(name)
            removed += 1
    return removed


def fail_stalled_jobs(now: Any = None) -> int:
    """Jobs whose worker stopped (killed, machine down) end as failed, with a message."""
    now = now or timezone.now()
    stalled = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=now - STALLED_AFTER)
    return stalled.update(
        state=JobState.FAILED,
        finished_at=now,
        message=gettext("The job stopped when its worker stopped: start it again."),
    )
