"""The nightly backup as the job queue runs it: `manage.py backup --verify` in one call.

Takes a backup, restores it into a scratch database and compares it with the live database,
then applies the retention rule, only when nothing differs (as the command does). Any
failure is logged at ERROR on `yuyang_union.backups`, which mails the administrators
(ADMINS, settings.LOGGING): nobody watches a worker's output at 02:30.
"""

import logging
from pathlib import Path

from . import BackupError, retention
from .operations import prune, take_backup, verify_backup

logger = logging.getLogger("yuyang_union.backups")


def nightly_backup(
    *,
    daily: int = retention.DAILY,
    weekly: int = retention.WEEKLY,
    monthly: int = retention.MONTHLY,
) -> Path | None:
    """The new backup's folder when it was written and verified; None (and an ERROR in the
    log) when it failed or differs from the live database."""
    try:
        folder = take_backup()
        comparison = verify_backup(folder)
        if comparison.differences:
            logger.error(
                "Nightly backup %s differs from the live database: %s (%s compared); "
                "no old backup deleted",
                folder.name,
                ", ".join(f"{row.kind} {row.key}" for row in comparison.differences[:20]),
                comparison.compared(),
            )
            return None
        removed = prune(folder.parent, daily=daily, weekly=weekly, monthly=monthly)
    except BackupError as error:
        logger.error("Nightly backup failed: %s", error)
        return None
    except Exception:  # the traceback goes to the administrators too
        logger.exception("Nightly backup failed")
        return None
    logger.info(
        "Nightly backup %s written and verified (%s); %d old backup(s) deleted",
        folder.name,
        comparison.compared(),
        len(removed),
    )
    return folder
