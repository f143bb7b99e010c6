"""Restore a backup (the newest in BACKUP_DIR by default) into a scratch database and compare
it with what the live database held when the backup was taken (`backup --verify` does this
right after taking one). Exit status 1 on any difference; the scratch database is dropped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yuyang_union.backups import BackupError
from yuyang_union.backups.folders import backup_dir, newest_backup
from yuyang_union.backups.operations import resolve, verify_backup
from yuyang_union.backups.printing import write_comparison


class Command(BaseCommand):
    help = "Restore a backup into a scratch database and compare its figures, rows and files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "backup",
            nargs="?",
            help="A backup's folder or its name in BACKUP_DIR (default: newest).",
        )

    def handle(self, *args: Any, backup: str | None, verbosity: int, **options: Any) -> None:
        try:
            folder = resolve(backup, backup_dir()) if backup else newest_backup(backup_dir())
            self.stdout.write(f"Verifying {folder}")
            comparison = verify_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        write_comparison(self, comparison, verbosity=verbosity)
