"""Measure the admin's member export (the `excel.export` job) at a given size.

    manage.py benchmark_export --rows 100000

Creates N members under a throwaway union (bulk inserts of 2,000), runs the member export
handler for them as a throwaway superuser, prints rows per second, the queries it made and
its memory (tracemalloc's peak of Python allocations, and how far the resident set's high
water mark rose), then rolls everything back (the result file is deleted too). Nothing it
creates outlives it; run it on a development database, never in production: the members
are written, then rolled back, inside one transaction.
"""

import contextlib
import datetime
import time
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from members.models import Member, UnionOrganisation
from yuyang_union.excel.export_admin import EXPORT_JOB
from yuyang_union.excel.exporting import CHUNK, export_changelist
from yuyang_union.jobs.files import delete_result
from yuyang_union.jobs.models import Job
from yuyang_union.jobs.running import JobRun
from yuyang_union.personal_data.crypto import encrypt
from yuyang_union.validators import id_check_char

# ID numbers of a region code the demo never uses, so that they cannot collide with its.
REGION = "500299"
FIELDS = ["name", "id_number", "phone", "union", "employer", "joined_on", "status", "notes"]


class Rollback(Exception):
    """Raised at the end to roll the benchmark's records back."""


class Command(BaseCommand):
    help = "Time the member export job over N throwaway members; everything is rolled back."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument(
            "--no-tracemalloc",
            action="store_true",
            help="Time the export without tracemalloc, which slows Python down severalfold "
            "(the resident set is still measured).",
        )

    def handle(self, *args: Any, rows: int, no_tracemalloc: bool, **options: Any) -> None:
        try:
            with transaction.atomic():
                self._run(rows, traced=not no_tracemalloc)
                raise Rollback
        except Rollback:
            pass

    def _run(self, rows: int, *, traced: bool) -> None:
        from django.contrib.auth import get_user_model

        started = time.perf_counter()
        union = _throwaway_union()
        _create_members(union, rows)
        created = time.perf_counter() - started
        user = get_user_model().objects.create_user(
            username=f"benchmark-{uuid.uuid4().hex[:8]}", is_staff=True, is_superuser=True
        )
        job = Job.objects.create(
            owner=user,
            kind=EXPORT_JOB,
            label="benchmark",
            params={
                "app_label": "members",
                "model_name": "member",
                "resource": 0,
                "fields": FIELDS,
                # The changelist's subtree filter: this union's members only.
                "query": encrypt(f"under={union.path}"),
                "ids": None,
                "full_reason": "",
            },
        )
        run = JobRun(job)
        rss_before = _status_kb("VmRSS")
        _reset_high_water_mark()
        if traced:
            tracemalloc.start()
        begun = time.perf_counter()
        try:
            with CaptureQueriesContext(connection) as queries:
                export_changelist(job, run)
            elapsed = time.perf_counter() - begun
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            run.close()
            if run.result is not None:
                delete_result(run.result.name)
        high_water = _status_kb("VmHWM")
        size = run.result.size if run.result is not None else 0
        self.stdout.write(
            f"rows={run.done} (members created in {created:.1f} s)\n"
            f"export: {elapsed:.1f} s, {run.done / elapsed:,.0f} rows/s, "
            f"{len(queries)} queries, file {size / 1e6:.1f} MB\n"
            f"memory: tracemalloc peak {f'{peak / 1e6:.1f} MB' if traced else 'not traced'}; "
            f"resident set {rss_before / 1e3:.1f} MB before, high water mark "
            f"{high_water / 1e3:.1f} MB (growth {(high_water - rss_before) / 1e3:.1f} MB)"
        )


def _throwaway_union() -> UnionOrganisation:
    root = UnionOrganisation.objects.get_first_root_node()
    union: UnionOrganisation = root.add_child(  # type: ignore[union-attr]
        name=f"基准测试工会{uuid.uuid4().hex[:6]}", kind="grassroots"
    )
    return union


def _create_members(union: UnionOrganisation, rows: int) -> None:
    start = datetime.date(1960, 1, 1)
    for first in range(0, rows, CHUNK):
        batch = []
        for n in range(first, min(rows, first + CHUNK)):
            birth = start + datetime.timedelta(days=n // 1000)
            first17 = f"{REGION}{birth:%Y%m%d}{n % 1000:03d}"
            member = Member(
                name=f"基准{n}",
                id_number=first17 + id_check_char(first17),
                phone=f"139{n:08d}",
                union=union,
                joined_on=datetime.date(2018, 5, 1),
            )
            member.derive_from_id_number()  # what save() does, which bulk_create skips
            batch.append(member)
        Member.objects.bulk_create(batch)


def _status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _reset_high_water_mark() -> None:
    # Writing 5 to clear_refs resets VmHWM to the current resident set (Linux 4.0+), so
    # that the mark measures the export, not the inserts before it.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
