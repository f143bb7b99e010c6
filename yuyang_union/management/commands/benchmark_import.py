"""`manage.py benchmark_import --rows N`: a member roster of N rows through the import job.

What an officer's import costs, end to end: the upload request (the file measured, kept and
its job queued), the check job, and the write job, each run in this process as a worker runs
it. Printed: seconds and rows per second for each, queries, and the resident memory the
process grew by. Everything happens in a transaction rolled back at the end, on a throwaway
union and employer: the database is left as it was.

Targets (issue 15): check + write at least 2,000 rows/s; the request under 1 s.
"""

import datetime
import io
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from openpyxl import Workbook

from members.models import Employer, Member, UnionOrganisation
from yuyang_union.excel.import_jobs import start_import
from yuyang_union.excel.limits import check_workbook
from yuyang_union.jobs import runner
from yuyang_union.jobs.models import JobState
from yuyang_union.validators import id_check_char

HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "工作单位", "入会日期", "备注"]


class Rollback(Exception):
    pass


def resident_kb() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in kB."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0])
    return values["VmRSS"], values["VmHWM"]


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def roster(rows: int, union: str, employer: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for i in range(rows):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 900)
        first17 = f"500242{birth:%Y%m%d}{i % 900 + 100:03d}"
        sheet.append(
            [
                f"测试会员{i}",
                first17 + id_check_char(first17),
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
        try:
            with transaction.atomic():
                self.run(rows)
                raise Rollback
        except Rollback:
            pass

    def run(self, rows: int) -> None:
        root = UnionOrganisation.get_first_root_node()
        union = root.add_child(name="测评临时工会", kind="grassroots")
        employer = Employer.objects.create(name="测评临时单位", union=union)
        user = get_user_model().objects.create_superuser("benchmark-import", password=None)
        data = roster(rows, union.name, employer.name)
        self.stdout.write(f"rows: {rows:,}; file: {len(data) / 1e6:.1f} MB")
        rss_before, _ = resident_kb()

        started = time.perf_counter()
        shape = check_workbook(io.BytesIO(data), len(data))
        job = start_import(
            actor=user, model=Member, data=data, filename="benchmark.xlsx", shape=shape
        )
        request_seconds = time.perf_counter() - started
        self.stdout.write(f"request (measure, keep, queue): {request_seconds:.2f} s")

        counter = QueryCounter()
        timings = {}
        for phase in ("check", "write"):
            counter.count = 0
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                state = runner.execute(job.pk)
            timings[phase] = time.perf_counter() - started
            job.refresh_from_db()
            self.stdout.write(
                f"{phase}: {timings[phase]:.2f} s, {rows / timings[phase]:,.0f} rows/s, "
                f"{counter.count} queries; {state}: {job.message}"
            )
            if state == JobState.AWAITING_CONFIRMATION:
                job.state = JobState.QUEUED
                job.params["phase"] = job.params["confirm_phase"]
                job.save()
            elif phase == "check":
                for error in job.errors[:5]:
                    self.stdout.write(f"  {error}")
                return
        rss_after, hwm = resident_kb()
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
