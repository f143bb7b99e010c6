"""The applications' periodic work (Procrastinate): the rate limits' old attempts go."""

import logging

from procrastinate.contrib.django import app

from yuyang_union.jobs.tasks import PERIODIC_QUEUE

from . import limits

logger = logging.getLogger(__name__)


@app.periodic(cron="25 * * * *", periodic_id="applications-purge-attempts")
@app.task(
    name="applications.purge_attempts",
    queue=PERIODIC_QUEUE,
    queueing_lock="applications.purge_attempts",
)
def purge_attempts(timestamp: int) -> None:
    removed = limits.purge_old_attempts()
    logger.info("Purged %d old application attempts", removed)
