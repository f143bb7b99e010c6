"""Re-run the faults the portal must survive and print what was tried and what was lost.

The drills are yuyang_union/fault_drills/ (`registry.drills()`): a stale import, two officers
on one record, money approved by mistake, typos, double submits (`mistakes`, rolled back), a
crash of a cluster made as `make run` makes it, pages during a database outage, a backup
restored and compared. For a
development machine or CI (the crash drill needs PostgreSQL's server programs, as
scripts/devdb.sh does); the backup drill writes a backup into BACKUP_DIR. Exit status 1 when
anything was lost.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yuyang_union.fault_drills import registry


class Command(BaseCommand):
    help = "Re-run the fault drills (mistakes, crash, outage, backup) and print what was lost."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="Only these drills (default: all).")

    def handle(self, *args: Any, names: list[str], **options: Any) -> None:
        selected = [
            drill
            for drill in registry.drills()
            if not names or drill.__name__.removesuffix("_drill") in names
        ]
        if not selected:
            raise CommandError(f"No drill named {', '.join(names)}.")
        lost_in_all = 0
        for drill in selected:
            result = drill()
            lost_in_all += result.lost
            style = self.style.SUCCESS if result.lost == 0 else self.style.ERROR
            self.stdout.write(f"{result.name}: tried: {result.tried}")
            self.stdout.write(style(f"{result.name}: lost: {result.lost}"))
        if lost_in_all:
            raise CommandError(f"lost: {lost_in_all}")
        self.stdout.write(self.style.SUCCESS("lost: 0"))
