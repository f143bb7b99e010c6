"""A real Procrastinate worker runs a committed job: the queue, not a shortcut."""

import threading

from procrastinate.contrib.django import app

from tests.members.factories import UserFactory
from yuyang_union.jobs import services
from yuyang_union.jobs.models import Job, JobState
from yuyang_union.jobs.registry import job_handler


@job_handler("tests.worker")
def count(job, run):
    run.progress(2, 2, force=True)
    run.message = "由工作进程完成"


def test_a_worker_runs_a_job_queued_on_commit(committed_rows):
    owner = UserFactory()
    job = services.start_job(actor=owner, kind="tests.worker", label="测试")  # autocommit
    # The commit queued it with Procrastinate; one worker pass runs what waits, then stops.
    # As `manage.py procrastinate worker` does: the worker's own connector, not Django's.
    worker = app.with_connector(app.connector.get_worker_connector())  # type: ignore[attr-defined]
    # In a thread of its own: the worker runs its own event loop (asyncio.run), which cannot
    # start where one already runs (the browser tests' in this process).
    thread = threading.Thread(
        target=worker.run_worker,
        kwargs={
            "queues": ["jobs"],
            "wait": False,
            "install_signal_handlers": False,
            "listen_notify": False,
        },
    )
    thread.start()
    thread.join(timeout=60)
    job.refresh_from_db()
    assert (job.state, job.done, job.message) == (JobState.SUCCEEDED, 2, "由工作进程完成")
    Job.objects.all().delete()
