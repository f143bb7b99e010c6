"""Legal aid's periodic work (Procrastinate): the morning email of deadlines.

Procrastinate reads a cron line in UTC (croniter on UNIX timestamps, no time zone); China
keeps no daylight saving, so Asia/Shanghai is always UTC+8 and the line below is 8 hours
behind the local time it means.

Also the case export's job kind.
"""

import logging

from procrastinate.contrib.django import app

from yuyang_union.jobs.registry import job_handler
from yuyang_union.jobs.tasks import PERIODIC_QUEUE

from . import deadlines
from .exports import EXPORT_JOB, export_cases

logger = logging.getLogger(__name__)

job_handler(EXPORT_JOB)(export_cases)


# Every day at 07:30 in Shanghai = 23:30 UTC the day before.
@app.periodic(cron="30 23 * * *", periodic_id="legal-deadline-reminders")
@app.task(
    name="legal_aid.deadline_reminders",
    queue=PERIODIC_QUEUE,
    queueing_lock="legal_aid.deadline_reminders",
)
def deadline_reminders(timestamp: int) -> None:
    sent = deadlines.send_deadline_reminders()
    logger.info("Legal deadline reminders: %d email(s) sent", sent)
