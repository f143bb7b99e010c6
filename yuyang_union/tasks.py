"""The toolkit's tasks (Procrastinate autodiscovers `tasks` modules in every process): the
Excel imports' and exports' job kinds (`excel.import_jobs`, `excel.exporting`), the
nightly backup, and purging what expires.

Each task is a thin wrapper over a function tested on its own. Procrastinate reads a cron
line in UTC (croniter on UNIX timestamps: `app.periodic` takes no time zone); China keeps
no daylight saving, so Asia/Shanghai is always UTC+8 and a local time is written 8 hours
earlier. A worker defers the periodic jobs itself (`make run` starts one).
"""

import logging

from procrastinate.contrib.django import app
from procrastinate.job_context import JobContext

from . import housekeeping
from .backups.nightly import nightly_backup
from .excel.export_admin import EXPORT_JOB
from .excel.exporting import export_changelist
from .excel.import_jobs import IMPORT_KIND, discard_inputs, run_import
from .excel.uploads import purge_expired_uploads
from .jobs.registry import job_handler
from .jobs.tasks import PERIODIC_QUEUE

logger = logging.getLogger(__name__)

job_handler(IMPORT_KIND, discard=discard_inputs)(run_import)
job_handler(EXPORT_JOB)(export_changelist)


# 02:30 in Shanghai = 18:30 UTC the day before. Failures are logged at ERROR by
# nightly_backup (mailed to ADMINS); the task itself ends normally, so no retry runs a
# second backup in the small hours.
@app.periodic(cron="30 18 * * *", periodic_id="nightly-backup")
@app.task(name="backups.nightly", queue=PERIODIC_QUEUE, queueing_lock="backups.nightly")
def backup_and_verify(timestamp: int) -> None:
    nightly_backup()


@app.periodic(cron="5 * * * *", periodic_id="purge-expired")
@app.task(
    name="housekeeping.purge_expired", queue=PERIODIC_QUEUE, queueing_lock="housekeeping.purge"
)
def purge_expired(timestamp: int) -> None:
    removed = purge_expired_uploads()
    housekeeping.purge_expired_sessions()
    logger.info("Purged %d expired import files, and expired sessions", removed)


# 03:15 in Shanghai = 19:15 UTC the day before: after the backup, when nobody works.
@app.periodic(cron="15 19 * * *", periodic_id="purge-finished-queue-jobs")
@app.task(
    name="housekeeping.purge_finished_queue_jobs",
    queue=PERIODIC_QUEUE,
    queueing_lock="housekeeping.purge_finished_queue_jobs",
    pass_context=True,
)
async def purge_finished_queue_jobs(context: JobContext, timestamp: int) -> None:
    await housekeeping.purge_finished_queue_jobs(context)
