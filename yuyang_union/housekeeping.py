"""What expires, purged by the job queue (yuyang_union/tasks.py), beside the import files
(`excel.uploads`) and job results (`jobs.services`) purged where they are kept: expired
sessions, and finished Procrastinate jobs."""

from importlib import import_module

from django.conf import settings
from procrastinate import builtin_tasks
from procrastinate.job_context import JobContext

# Finished queue rows (procrastinate_jobs and their events) are kept this long, to look
# into; the portal's own record of a job is yuyang_union.jobs' Job, purged on its own.
FINISHED_QUEUE_JOBS_KEPT_HOURS = 7 * 24


def purge_expired_sessions() -> None:
    """What `manage.py clearsessions` does: the session engine deletes its expired rows."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


async def purge_finished_queue_jobs(context: JobContext) -> None:
    """Procrastinate's own `remove_old_jobs`: jobs finished (succeeded, failed, cancelled or
    aborted) more than a week ago; jobs waiting or running stay whatever their age."""
    await builtin_tasks.remove_old_jobs(
        context,
        max_hours=FINISHED_QUEUE_JOBS_KEPT_HOURS,
        remove_failed=True,
        remove_cancelled=True,
        remove_aborted=True,
    )
