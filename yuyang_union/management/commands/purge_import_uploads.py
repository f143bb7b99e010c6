"""Delete import files whose preview was never confirmed (yuyang_union.excel.uploads).

A preview's file waits, encrypted, for its confirmation; one never confirmed, or left by a
failure, is deleted here once older than IMPORT_UPLOAD_MAX_AGE_HOURS (or --older-than-hours).
`make setup` runs it on a developer's machine; the job queue runs the same purge every hour
(yuyang_union/tasks.py).
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yuyang_union.excel.uploads import purge_expired_uploads


class Command(BaseCommand):
    help = "Delete import files waiting for a confirmation longer than the given hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=settings.IMPORT_UPLOAD_MAX_AGE_HOURS,
            help="Age in hours (default: IMPORT_UPLOAD_MAX_AGE_HOURS, %(default)s).",
        )

    def handle(self, *args: Any, older_than_hours: float, **options: Any) -> None:
        if older_than_hours < 0:
            raise CommandError("--older-than-hours cannot be negative.")
        removed = purge_expired_uploads(timedelta(hours=older_than_hours))
        self.stdout.write(f"{removed} expired import file(s) deleted")
