"""The accounts' periodic work (Procrastinate): half-done authenticator set-ups go.

Procrastinate reads a cron line in UTC (no time zone); hourly, the zone does not matter.
"""

import logging

from procrastinate.contrib.django import app

from yuyang_union.jobs.tasks import PERIODIC_QUEUE

from . import second_factor

logger = logging.getLogger(__name__)


@app.periodic(cron="20 * * * *", periodic_id="accounts-purge-abandoned-enrolments")
@app.task(
    name="accounts.purge_abandoned_enrolments",
    queue=PERIODIC_QUEUE,
    queueing_lock="accounts.purge_abandoned_enrolments",
)
def purge_abandoned_enrolments(timestamp: int) -> None:
    removed = second_factor.purge_abandoned_enrolments()
    logger.info("Purged %d abandoned authenticator set-ups", removed)
