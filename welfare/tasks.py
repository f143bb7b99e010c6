"""Welfare's periodic work (Procrastinate): the weekly email of files due for review.

Procrastinate reads a cron line in UTC (croniter on UNIX timestamps, no time zone); China
keeps no daylight saving, so Asia/Shanghai is always UTC+8 and the lines below are 8 hours
behind the local time they mean.
"""

import logging

from procrastinate.contrib.django import app

from yuyang_union.jobs.tasks import PERIODIC_QUEUE

from . import reminders

logger = logging.getLogger(__name__)


# Mondays at 08:00 in Shanghai = Mondays at 00:00 UTC.
@app.periodic(cron="0 0 * * 1", periodic_id="welfare-review-reminders")
@app.task(
    name="welfare.review_reminders", queue=PERIODIC_QUEUE, queueing_lock="welfare.review_reminders"
)
def review_reminders(timestamp: int) -> None:
    sent = reminders.send_review_reminders()
    logger.info("Yearly-review reminders: %d email(s) sent", sent)
