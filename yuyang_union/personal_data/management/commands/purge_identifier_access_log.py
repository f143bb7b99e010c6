"""Delete identifier access-log entries older than the retention period (never under 6 months).

The log is evidence (PIPL: who saw whose number): the site's database role may not delete from
it, so this runs as the owner role when DATABASE_OWNER_URL gives one. Run it from cron or the
job queue's periodic tasks; it deletes in batches and says how many it removed.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction
from django.utils import timezone

from yuyang_union.personal_data.models import IdentifierAccessLog

# PIPL practice and MLPS logs: at least six months. Shorter is refused, whatever is asked.
MINIMUM_DAYS = 183
BATCH = 10_000


class Command(BaseCommand):
    help = "Delete identifier access-log entries older than the retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=settings.IDENTIFIER_ACCESS_LOG_RETENTION_DAYS,
            help="Retention in days (default: IDENTIFIER_ACCESS_LOG_RETENTION_DAYS; at least "
            f"{MINIMUM_DAYS}).",
        )

    def handle(self, *args: Any, older_than_days: int, **options: Any) -> None:
        if older_than_days < MINIMUM_DAYS:
            raise CommandError(
                f"The access log is kept at least {MINIMUM_DAYS} days; "
                f"{older_than_days} is too short."
            )
        using = "owner" if "owner" in connections.databases else "default"
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        entries = IdentifierAccessLog.objects.using(using).filter(accessed_at__lt=cutoff)
        removed = 0
        while True:
            with transaction.atomic(using=using):
                batch = list(entries.order_by("id").values_list("id", flat=True)[:BATCH])
                if not batch:
                    break
                IdentifierAccessLog.objects.using(using).filter(id__in=batch).delete()
            removed += len(batch)
            self.stdout.write(f"removed {removed} entries so far")
        self.stdout.write(
            self.style.SUCCESS(f"{removed} entries older than {cutoff:%Y-%m-%d} removed.")
        )
