"""Running one job: claim it, call its kind's handler, record the outcome.

The Procrastinate task (`tasks.run_job`) calls `execute`; so do the tests, in-process. A job
is claimed under a row lock, so a job deferred twice runs once; a job cancelled while it
waited is never started.
"""

import logging
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from . import registry
from .models import Job, JobState
from .running import JobCancelled, JobFailed, JobRun

logger = logging.getLogger(__name__)


def execute(job_id: "UUID | str") -> JobState | None:
    """Run the job if it is waiting; returns the state it ended in (None: not run).

    Its messages, errors and files speak the portal's language (LANGUAGE_CODE), whatever
    the worker thread had active."""
    with translation.override(settings.LANGUAGE_CODE):
        return _execute(job_id)


def _execute(job_id: "UUID | str") -> JobState | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED:
            return None
        if job.cancel_requested:
            registry.discard_waiting(job)
            _finish(job, JobState.CANCELLED, gettext("Cancelled before it started."))
            return JobState.CANCELLED
        job.state = JobState.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.save(update_fields=["state", "started_at", "heartbeat_at"])
    run = JobRun(job)
    try:
        registry.handler_for(job.kind)(job, run)
    except JobCancelled:
        state, message = JobState.CANCELLED, gettext("Cancelled: nothing of it was kept.")
    except JobFailed as failure:
        state, message = JobState.FAILED, str(failure)
    except Exception:
        # The traceback goes to the log (by job id and kind: never the job's data).
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        state = JobState.FAILED
        message = gettext("The job failed because of an error in the system; it was logged.")
    else:
        if run.awaiting_confirmation:
            state, message = JobState.AWAITING_CONFIRMATION, run.message
        else:
            state, message = JobState.SUCCEEDED, run.message
    finally:
        run.close()
    if state != JobState.AWAITING_CONFIRMATION:
        # What the job kept for a confirmation (an import's upload) is no longer needed.
        registry.discard_waiting(job)
    if state != JobState.SUCCEEDED and state != JobState.AWAITING_CONFIRMATION:
        keep_result = state == JobState.FAILED and run.result is not None and run.error_count
        if run.result is not None and not keep_result:
            run.result.discard()
            run.result = None
    job.done, job.total = run.done, run.total
    job.errors, job.error_count = run.errors, run.error_count
    if run.result is not None:
        job.result_file = run.result.name
        job.result_name = run.result_name
        job.result_content_type = run.result_content_type
        job.result_size = run.result.size
        job.expires_at = timezone.now() + timedelta(hours=settings.JOB_RESULT_HOURS)
    job.result_url = run.result_url
    _finish(job, state, message)
    return state


def _finish(job: Job, state: JobState, message: str) -> None:
    job.state = state
    job.message = message[:500]
    if state != JobState.AWAITING_CONFIRMATION:
        job.finished_at = timezone.now()
    job.save()
