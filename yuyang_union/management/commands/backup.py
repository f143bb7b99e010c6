"""Back up the database and the uploaded files, then apply the retention rule.

`manage.py backup` writes BACKUP_DIR/backup-<local time>/ (yuyang_union/backups/); with
`--verify` it restores the new backup into a scratch database and compares every summary
figure, every table's row count and the files with the live database at the moment of the
dump, failing (exit status 1) on any difference; the backups the rule does not keep (7 daily,
4 weekly, 12 monthly by default) are deleted only after a backup that succeeded. Runs as the
owner of the tables (DATABASE_OWNER_URL). Nightly from a systemd timer (README).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yuyang_union.backups import BackupError, retention
from yuyang_union.backups.operations import prune, take_backup, verify_backup
from yuyang_union.backups.printing import write_comparison


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into BACKUP_DIR; with --verify, restore "
        "the backup into a scratch database and compare it with the live one; then delete the "
        "backups the retention rule does not keep."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Restore the new backup into a scratch database and compare (exit 1 on any "
            "difference; nothing is deleted then).",
        )
        parser.add_argument("--keep-daily", type=int, default=retention.DAILY)
        parser.add_argument("--keep-weekly", type=int, default=retention.WEEKLY)
        parser.add_argument("--keep-monthly", type=int, default=retention.MONTHLY)

    def handle(
        self,
        *args: Any,
        verify: bool,
        keep_daily: int,
        keep_weekly: int,
        keep_monthly: int,
        verbosity: int,
        **options: Any,
    ) -> None:
        if keep_daily < 1 or keep_weekly < 0 or keep_monthly < 0:
            raise CommandError(
                "--keep-daily must be 1 or more (the new backup), the others 0 or more."
            )
        try:
            folder = take_backup()
            self.stdout.write(f"Backup written: {folder}")
            if verify:
                write_comparison(self, verify_backup(folder), verbosity=verbosity)
            removed = prune(
                folder.parent, daily=keep_daily, weekly=keep_weekly, monthly=keep_monthly
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in removed:
            self.stdout.write(f"Deleted by the retention rule: {path.name}")
