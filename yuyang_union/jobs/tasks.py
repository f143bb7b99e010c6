"""The Procrastinate tasks of the toolkit: running jobs, and the periodic clean-up.

Workers import every app's `tasks` module (Procrastinate's Django autodiscovery); periodic
tasks are deferred by the workers themselves, so at least one worker must run
(`make run` starts one; in production a systemd unit, see the README).
"""

import logging

from procrastinate.contrib.django import app

from . import runner, services

logger = logging.getLogger(__name__)

# The queue of work users started, apart from the scheduled work.
JOBS_QUEUE = "jobs"
PERIODIC_QUEUE = "periodic"


@app.task(name="jobs.run_job", queue=JOBS_QUEUE)
def run_job(job_id: str) -> None:
    runner.execute(job_id)


@app.periodic(cron="*/15 * * * *", periodic_id="purge-job-results")
@app.task(name="jobs.purge_results", queue=PERIODIC_QUEUE, queueing_lock="jobs.purge_results")
def purge_results(timestamp: int) -> None:
    removed = services.purge_expired_results()
    stalled = services.fail_stalled_jobs()
    logger.info("Purged %d expired job files; %d stalled jobs failed", removed, stalled)
