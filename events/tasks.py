"""Events' periodic work (Procrastinate): old account attempts and SMS codes go.

Procrastinate reads a cron line in UTC (no time zone); hourly, the zone does not matter.

Also the registrations export's job kind.
"""

import logging

from procrastinate.contrib.django import app

from yuyang_union.jobs.registry import job_handler
from yuyang_union.jobs.tasks import PERIODIC_QUEUE

from . import services
from .exports import EXPORT_JOB, export_registrations

logger = logging.getLogger(__name__)

job_handler(EXPORT_JOB)(export_registrations)


@app.periodic(cron="10 * * * *", periodic_id="events-purge-account-attempts")
@app.task(
    name="events.purge_account_attempts",
    queue=PERIODIC_QUEUE,
    queueing_lock="events.purge_account_attempts",
)
def purge_account_attempts(timestamp: int) -> None:
    removed = services.purge_old_account_attempts()
    logger.info("Purged %d old account attempts and SMS codes", removed)
