"""Measure the admin's member export (the `excel.export` job) at a given size.

    manage.py benchmark_export --rows 100000

Creates N members under a throwaway union (bulk inserts of 2,000), runs the member export
handler for them as a throwaway superuser, prints rows per second, the queries it made and
its memory (tracemalloc's peak of Python allocations, and how far the resident set's high
water mark rose), then rolls everything back (the result file is deleted too). Nothing it
creates outlives it; run it on a development database, never in production: the members
are written, then rolled back, inside one transaction.
"""

import datetime
import time
import tracemalloc
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member, UnionOrganisation
from yuyang_union.excel.export_admin import EXPORT_JOB
from yuyang_union.excel.exporting import CHUNK, export_changelist
from yuyang_union.jobs.files import delete_result
from yuyang_union.jobs.models import Job
from yuyang_union.jobs.running import JobRun
from yuyang_union.management.benchmarks import (
    id_number,
    reset_high_water_mark,
    rolled_back,
    status_kb,
    throwaway_superuser,
    throwaway_union,
)
from yuyang_union.personal_data.crypto import encrypt

FIELDS = ["name", "id_number", "phone", "union", "employer", "joined_on", "status", "notes"]


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
        with rolled_back():
            self._run(rows, traced=not no_tracemalloc)

    def _run(self, rows: int, *, traced: bool) -> None:
        started = time.perf_counter()
        union = throwaway_union()
        _create_members(union, rows)
        created = time.perf_counter() - started
        user = throwaway_superuser()
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
        rss_before = status_kb("VmRSS")
        reset_high_water_mark()
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
        high_water = status_kb("VmHWM")
        size = run.result.size if run.result is not None else 0
        self.stdout.write(
            f"rows={run.done} (members created in {created:.1f} s)\n"
            f"export: {elapsed:.1f} s, {run.done / elapsed:,.0f} rows/s, "
            f"{len(queries)} queries, file {size / 1e6:.1f} MB\n"
            f"memory: tracemalloc peak {f'{peak / 1e6:.1f} MB' if traced else 'not traced'}; "
            f"resident set {rss_before / 1e3:.1f} MB before, high water mark "
            f"{high_water / 1e3:.1f} MB (growth {(high_water - rss_before) / 1e3:.1f} MB)"
        )


def _create_members(union: UnionOrganisation, rows: int) -> None:
    for first in range(0, rows, CHUNK):
        batch = []
        for n in range(first, min(rows, first + CHUNK)):
            member = Member(
                name=f"基准{n}",
                id_number=id_number(n),
                phone=f"139{n:08d}",
                union=union,
                joined_on=datetime.date(2018, 5, 1),
            )
            member.derive_from_id_number()  # what save() does, which bulk_create skips
            batch.append(member)
        Member.objects.bulk_create(batch)
