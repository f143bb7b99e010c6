"""Member import at scale: a file of thousands of rows runs a bounded number of queries.

The admin import reads the whole file twice (the preview is a dry run, the confirm a real
run); at ~4 queries a row a 10,000-row file would outlast the web server's timeout.
Set IMPORT_BENCHMARK_ROWS (e.g. 10000) to time the admin flow on a large file.
"""

import datetime
import io
import os
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from members.models import Member
from tests.members.factories import EmployerFactory, make_id_number

FIRST_BIRTH = datetime.date(1980, 1, 1)
HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "工作单位", "入会日期"]


def _xlsx(rows):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(count, employers):
    unions = ["LT", "龙潭某厂工会", "龙潭镇工会"]
    return [
        [
            f"会员{i}",
            make_id_number(birth=FIRST_BIRTH + datetime.timedelta(days=i // 1000), serial=i % 1000),
            "苗族",
            f"138{i:08d}",
            unions[i % len(unions)],
            employers[i % len(employers)],
            "2021-03-01",
        ]
        for i in range(count)
    ]


def _admin_import(client, content):
    """Preview (dry run) then confirm, as staff do in the admin; returns the two timings."""
    started = time.perf_counter()
    preview = client.post(
        reverse("admin:members_member_import"),
        {"format": "0", "import_file": SimpleUploadedFile("members.xlsx", content)},
    )
    previewed = time.perf_counter()
    assert preview.status_code == 200
    confirm_form = preview.context["confirm_form"]
    assert confirm_form is not None, preview.content.decode()[:2000]
    response = client.post(reverse("admin:members_member_process_import"), confirm_form.initial)
    assert response.status_code == 302
    return previewed - started, time.perf_counter() - previewed


@pytest.fixture
def employers(tree):
    return [EmployerFactory(union=tree["a"]).name for _ in range(5)]


class QueryCounter:
    """Counts queries without keeping them (a large import would overflow Django's log)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _queries_for(client, rows):
    counter = QueryCounter()
    content = _xlsx(rows)
    with connection.execute_wrapper(counter):
        _admin_import(client, content)
    return counter.count


def test_admin_import_queries_do_not_grow_with_rows(client, organisation, tree, employers):
    from auditlog.models import LogEntry

    client.force_login(organisation)
    small = _queries_for(client, _rows(200, employers))
    Member.objects.all().delete()
    LogEntry.objects.all().delete()
    large = _queries_for(client, _rows(2000, employers))
    assert Member.objects.count() == 2000
    assert LogEntry.objects.filter(actor=organisation).count() == 2000
    # Batches of 1,000 rows add a few queries each; per-row queries would add thousands.
    assert large <= small + 40, (small, large)
    assert large < 150, large


@pytest.mark.skipif(
    not os.environ.get("IMPORT_BENCHMARK_ROWS"), reason="set IMPORT_BENCHMARK_ROWS to time"
)
def test_admin_import_benchmark(client, organisation, tree, employers):
    count = int(os.environ["IMPORT_BENCHMARK_ROWS"])
    client.force_login(organisation)
    content = _xlsx(_rows(count, employers))
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        preview, confirm = _admin_import(client, content)
    print(
        f"\n{count} rows: preview {preview:.1f} s, confirm {confirm:.1f} s, "
        f"total {preview + confirm:.1f} s, {counter.count} queries"
    )
    assert Member.objects.count() == count
