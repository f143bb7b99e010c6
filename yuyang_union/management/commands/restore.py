"""Restore a backup into an EMPTY database and empty folders of uploaded files.

`manage.py restore <backup>` (a folder, or its name in BACKUP_DIR) restores into the
configured database, or `--into NAME`, as the owner of the tables; a database holding any
table is refused (make an empty one: README, "Backup and restore"). Afterwards the site role
gets its rows (as after `migrate`) and the restored database is compared with the backup's
manifest (exit status 1 on any difference). Stop the site first.
"""

from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yuyang_union.backups import BackupError
from yuyang_union.backups.folders import backup_dir
from yuyang_union.backups.operations import resolve, restore_backup
from yuyang_union.backups.printing import write_comparison


class Command(BaseCommand):
    help = "Restore a backup into an empty database and empty folders of uploaded files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="A backup's folder, or its name in BACKUP_DIR.")
        parser.add_argument(
            "--into", metavar="NAME", help="An empty database other than the configured one."
        )
        parser.add_argument(
            "--no-files", action="store_true", help="Restore the database only, not the files."
        )

    def handle(
        self,
        *args: Any,
        backup: str,
        into: str | None,
        no_files: bool,
        verbosity: int,
        **options: Any,
    ) -> None:
        try:
            folder = resolve(backup, backup_dir())
            comparison = restore_backup(folder, database=into, files=not no_files)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The restored records may be older than what a shared cache (CACHE_URL) holds, and
        # the public pages' versions go back with them: nothing cached may outlive the
        # records it showed. (A local-memory cache went with the site's stopped processes.)
        cache.clear()
        self.stdout.write(f"Restored {folder}")
        write_comparison(self, comparison, verbosity=verbosity)
