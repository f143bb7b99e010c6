"""Member import at scale: a file of thousands of rows runs a bounded number of queries.

The import job reads the whole file twice (the check, then the write once confirmed); at ~4
queries a row a 10,000-row file would take minutes. `manage.py benchmark_import --rows N`
times it.
"""

import datetime
import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import XLSX

from members.models import Member
from members.resources import MemberResource
from tests.members.factories import EmployerFactory, make_id_number
from yuyang_union.jobs.models import JobState

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


def _admin_import(client, content, run_jobs):
    """Upload, check (a job), confirm, write (the job again), as staff do; the two timings."""
    started = time.perf_counter()
    response = client.post(
        reverse("admin:members_member_import"),
        {"import_file": SimpleUploadedFile("members.xlsx", content)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION, (checked.message, checked.errors[:3])
    previewed = time.perf_counter()
    assert client.post(reverse("jobs:confirm", args=[checked.pk])).status_code == 302
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED, written.message
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


# 42 queries for 200 rows, 56 for 2,000: per file the session and permissions, the ID
# numbers already registered, the unions and employers named, then one INSERT per thousand
# members and per 500 history entries, for the preview and again for the confirmation.
# Queries per row would make it thousands.
IMPORT_QUERY_BOUND = 80


@pytest.mark.parametrize("count", [200, 2000])
def test_admin_import_runs_a_bounded_number_of_queries(
    client, organisation, tree, employers, count, django_assert_max_num_queries, run_jobs
):
    from auditlog.models import LogEntry

    rows = _rows(count, employers)
    content = _xlsx(rows)
    client.force_login(organisation)
    with django_assert_max_num_queries(IMPORT_QUERY_BOUND):
        _admin_import(client, content, run_jobs)
    assert Member.objects.count() == count
    # The rows were written in bulk: their history was written by the import, with its author.
    member = Member.objects.with_id_number(rows[-1][1]).get()
    entry = LogEntry.objects.get_for_object(member).get()
    assert entry.actor == organisation
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes["name"] == ["None", rows[-1][0]]
    assert rows[-1][1] not in str(entry.changes)  # the ID number is masked in history
    assert LogEntry.objects.filter(actor=organisation, action=LogEntry.Action.CREATE).count() == (
        count
    )
    assert member.birth_date == FIRST_BIRTH + datetime.timedelta(days=(count - 1) // 1000)
    assert member.union.name in ("龙潭镇工会", "龙潭某厂工会")
    assert member.employer.name == employers[(count - 1) % len(employers)]


def test_bad_rows_in_a_large_file_are_each_reported_and_nothing_is_written(
    officer_a, tree, employers, member_a
):
    from auditlog.models import LogEntry

    rows = _rows(2000, employers)
    registered = set(Member.objects.values_list("pk", flat=True))
    bad_check = rows[10][1]
    rows[10][1] = bad_check[:-1] + ("0" if bad_check[-1] != "0" else "1")
    rows[500][1] = 500242198506151234  # the column was a number in Excel
    rows[900][1] = rows[100][1]  # duplicate in the file (of row 101)
    rows[1200][1] = member_a.id_number  # duplicate in the database
    rows[1500][4] = "不存在的工会"
    rows[1600][4] = "MW"  # outside officer_a's subtree
    rows[1700][5] = "不存在的单位"
    result = MemberResource(user=officer_a).import_data(
        XLSX().create_dataset(_xlsx(rows)), dry_run=False
    )
    errors = {
        row.number: " ".join(str(m) for messages in row.error_dict.values() for m in messages)
        for row in result.invalid_rows
    }
    assert sorted(errors) == [11, 501, 901, 1201, 1501, 1601, 1701]
    assert "101" in errors[901]
    assert "不存在的单位" in errors[1701]
    assert set(Member.objects.values_list("pk", flat=True)) == registered
    assert not LogEntry.objects.filter(actor=officer_a).exists()


def test_employer_named_by_credit_code_and_union_by_name(organisation, tree):
    employer = EmployerFactory(union=tree["a"])
    rows = _rows(2, [employer.credit_code])
    rows[1][4] = "龙潭镇工会"
    result = MemberResource(user=organisation).import_data(
        XLSX().create_dataset(_xlsx(rows)), dry_run=False
    )
    assert not result.has_validation_errors()
    assert not result.has_errors()
    assert set(Member.objects.values_list("employer", "union")) == {(employer.pk, tree["a"].pk)}


def test_a_member_registered_between_check_and_insert_fails_the_whole_import(
    organisation, tree, employers, member_a
):
    """The database's unique constraint is the last guard; its error rolls everything back."""
    from auditlog.models import LogEntry

    class RacingResource(MemberResource):
        def before_import(self, dataset, **kwargs):
            super().before_import(dataset, **kwargs)
            self._registered = set()  # as if member_a registered after the file check

    rows = _rows(1500, employers)
    rows[1200][1] = member_a.id_number
    result = RacingResource(user=organisation).import_data(
        XLSX().create_dataset(_xlsx(rows)), dry_run=False
    )
    assert result.has_errors()
    assert list(Member.objects.all()) == [member_a]
    assert not LogEntry.objects.filter(actor=organisation).exists()
