"""`manage.py benchmark_import --rows N`: a member roster of N rows through the import job.

What an officer's import costs, end to end: the upload request (the file measured, kept and
its job queued), the check job, and the write job, each run in this process as a worker runs
it. Printed: seconds and rows per second for each, queries, and the resident memory the
process grew by. Everything happens in a transaction rolled back at the end, on a throwaway
union and employer: the database is left as it was.

Targets (issue 15): check + write at least 2,000 rows/s; the request under 1 s.
"""

import io
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from members.models import Employer, Member
from yuyang_union.excel.import_jobs import start_import
from yuyang_union.excel.limits import check_workbook
from yuyang_union.jobs import runner
from yuyang_union.jobs.models import JobState
from yuyang_union.jobs.services import confirm_job
from yuyang_union.management.benchmarks import (
    id_number,
    reset_high_water_mark,
    rolled_back,
    status_kb,
    throwaway_superuser,
    throwaway_union,
)

HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "工作单位", "入会日期", "备注"]


def roster(rows: int, union: str, employer: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for i in range(rows):
        sheet.append(
            [
                f"测试会员{i}",
                id_number(i),
                "土家族",
                f"139{i:08d}",
                union,
                employer,
                "2024-03-01",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Time a member import of N rows through the import job (rolled back afterwards)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args: Any, rows: int, **options: Any) -> None:
        with rolled_back():
            self.run(rows)

    def run(self, rows: int) -> None:
        union = throwaway_union()
        employer = Employer.objects.create(name="测评临时单位", union=union)
        user = throwaway_superuser()
        data = roster(rows, union.name, employer.name)
        self.stdout.write(f"rows: {rows:,}; file: {len(data) / 1e6:.1f} MB")
        rss_before = status_kb("VmRSS")
        reset_high_water_mark()

        started = time.perf_counter()
        shape = check_workbook(io.BytesIO(data), len(data))
        job = start_import(
            actor=user,
            model=Member,
            data=data,
            filename="benchmark.xlsx",
            shape=shape,
            result_url="",
        )
        request_seconds = time.perf_counter() - started
        self.stdout.write(f"request (measure, keep, queue): {request_seconds:.2f} s")

        timings = {}
        for phase in ("check", "write"):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                state = runner.execute(job.pk)
            timings[phase] = time.perf_counter() - started
            job.refresh_from_db()
            self.stdout.write(
                f"{phase}: {timings[phase]:.2f} s, {rows / timings[phase]:,.0f} rows/s, "
                f"{len(queries)} queries; {state}: {job.message}"
            )
            if state == JobState.AWAITING_CONFIRMATION:
                confirm_job(actor=user, job_id=job.pk)  # as the officer's click does
            elif phase == "check":
                for error in job.errors[:5]:
                    self.stdout.write(f"  {error}")
                return
        rss_after, hwm = status_kb("VmRSS"), status_kb("VmHWM")
        total = sum(timings.values())
        self.stdout.write(
            f"check + write: {total:.2f} s, {rows / total:,.0f} rows/s end to end "
            f"(target 2,000); members written: "
            f"{Member.objects.filter(union=union).count():,}"
        )
        self.stdout.write(
            f"memory: resident {rss_before / 1024:.0f} -> {rss_after / 1024:.0f} MB, "
            f"peak {hwm / 1024:.0f} MB"
        )
