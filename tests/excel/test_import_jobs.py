"""The admin's imports as jobs: upload → check (a job) → confirm → write (the same job).

The upload page measures the file and starts the check; the file waits encrypted until the
import is written or refused; the check lists each bad row by its Excel row and Chinese
column and offers a copy of the file with an error column; the write is all rows or none.
"""

import io
from unittest import mock

import openpyxl
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse

from members.models import Member
from tests.members.factories import MemberFactory
from yuyang_union import roles
from yuyang_union.history.models import ActionEntry
from yuyang_union.jobs import files
from yuyang_union.jobs.models import Job, JobState

from .conftest import MEMBER_HEADERS, assert_encrypted, waiting_files, workbook

IMPORT_URL = "admin:members_member_import"


def upload(client, content, name="members.xlsx"):
    return client.post(reverse(IMPORT_URL), {"import_file": SimpleUploadedFile(name, content)})


def started_job(response):
    assert response.status_code == 302, response.content.decode()[:500]
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def result_workbook(job):
    data = b"".join(files.read_result(job.result_file, encrypted=job.result_personal))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_upload_check_confirm_write(client, organisation, member_rows, run_jobs):
    client.force_login(organisation)
    content = workbook(MEMBER_HEADERS, member_rows)
    job = started_job(upload(client, content))
    assert job.state == JobState.QUEUED
    assert job.params["rows"] == 3
    # The file waits, encrypted, while the job checks it.
    [waiting] = waiting_files()
    assert_encrypted(waiting, [row[1] for row in member_rows], content)

    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.message
    assert (checked.done, checked.total) == (3, 3)
    assert Member.objects.count() == 0
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("jobs:confirm", args=[job.pk]) in page

    response = client.post(reverse("jobs:confirm", args=[job.pk]))
    assert response.status_code == 302
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED, written.message
    assert written.message == "导入完成：新增 3 条会员记录。"
    assert written.result_url == reverse("admin:members_member_changelist")
    assert Member.objects.count() == 3
    # Every row has its history, written by the job's owner.
    entries = LogEntry.objects.filter(content_type__model="member", action=LogEntry.Action.CREATE)
    assert entries.count() == 3
    assert {entry.actor_id for entry in entries} == {organisation.pk}
    assert waiting_files() == []  # the file went with the write


def test_bad_rows_are_listed_by_excel_row_and_chinese_column(
    client, organisation, member_rows, run_jobs
):
    member_rows[1][1] = "500242199001011234"  # a wrong check digit
    member_rows.insert(1, [None] * 6)  # a blank row keeps its number
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    [checked] = run_jobs()
    assert checked.state == JobState.FAILED
    assert checked.error_count == 1
    [error] = checked.errors
    assert error["row"] == 4
    assert error["column"] == "身份证号码"
    assert "1" in checked.message
    assert "3" in checked.message
    assert Member.objects.count() == 0
    assert waiting_files() == []
    # The copy of the file marks the row in an error column; it is encrypted on disk.
    assert checked.result_personal
    raw = (files.result_folder() / checked.result_file).read_bytes()
    assert b"500242199001011234" not in raw
    assert not raw.startswith(b"PK")
    sheet = result_workbook(checked).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "错误"
    assert [bool(row[-1]) for row in rows[1:]] == [False, True, False]
    assert rows[2][-1].startswith("身份证号码：")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "身份证号码" in page
    assert "500242199001011234" not in page


def test_the_error_copy_download_is_logged(client, organisation, member_rows, run_jobs):
    member_rows[0][1] = "123"
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert ActionEntry.objects.filter(verb="jobs.result.downloaded", object_id=str(job.pk)).exists()


def test_a_second_confirmation_writes_nothing_more(client, organisation, member_rows, run_jobs):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    client.post(reverse("jobs:confirm", args=[job.pk]))
    again = client.post(reverse("jobs:confirm", args=[job.pk]), follow=True)
    assert "已经确认" in again.content.decode() or "already" in again.content.decode()
    assert len(run_jobs()) == 1
    assert Member.objects.count() == 3


def test_a_row_registered_between_check_and_write_fails_the_whole_import(
    client, organisation, member_rows, run_jobs
):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    MemberFactory(id_number=member_rows[1][1])  # someone registers row 3's person meanwhile
    client.post(reverse("jobs:confirm", args=[job.pk]))
    [written] = run_jobs()
    assert written.state == JobState.FAILED
    assert Member.objects.count() == 1  # only the one registered meanwhile
    assert [(e["row"], e["column"]) for e in written.errors] == [(3, "身份证号码")]
    assert waiting_files() == []


def test_another_user_cannot_see_or_confirm_the_job(
    client, organisation, make_staff, member_rows, run_jobs
):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    client.force_login(make_staff(roles.ORGANISATION))
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:confirm", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.state == JobState.AWAITING_CONFIRMATION


def test_a_user_without_the_import_right_is_refused(client, make_staff, member_rows):
    client.force_login(make_staff(roles.LEADERS))
    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert upload(client, workbook(MEMBER_HEADERS, member_rows)).status_code == 403
    assert not Job.objects.exists()


def test_cancelling_a_checked_import_drops_its_file(client, organisation, member_rows, run_jobs):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    assert len(waiting_files()) == 1
    client.post(reverse("jobs:cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED
    assert waiting_files() == []
    assert client.post(reverse("jobs:confirm", args=[job.pk])).status_code == 302
    assert run_jobs() == []


def test_a_permission_lost_before_the_write_stops_it(client, organisation, member_rows, run_jobs):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    run_jobs()
    client.post(reverse("jobs:confirm", args=[job.pk]))
    organisation.groups.clear()
    [written] = run_jobs()
    assert written.state == JobState.FAILED
    assert Member.objects.count() == 0


def test_a_big_upload_never_goes_to_a_temporary_file(client, organisation, member_rows, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # any workbook is "big"
    client.force_login(organisation)
    with mock.patch.object(TemporaryFileUploadHandler, "new_file") as temporary_file:
        started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    temporary_file.assert_not_called()


def test_a_file_that_is_no_workbook_is_refused_at_the_field(client, organisation):
    client.force_login(organisation)
    response = upload(client, b"name,id\n", name="members.xlsx")
    assert response.status_code == 200
    assert "不是 Excel 工作簿" in response.content.decode()
    assert not Job.objects.exists()
    assert waiting_files() == []


def test_a_member_import_writes_the_rows_it_checked_kept_encrypted(
    client, organisation, member_rows, run_jobs
):
    client.force_login(organisation)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, member_rows)))
    [checked] = run_jobs()
    staged = files.result_folder() / checked.params["staged"]
    raw = staged.read_bytes()
    assert not any(row[1].encode() in raw for row in member_rows)
    client.post(reverse("jobs:confirm", args=[job.pk]))
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED
    assert not staged.exists()  # gone with the write
    assert Member.objects.count() == 3


def test_a_union_moved_out_of_the_officers_subtree_meanwhile_fails_the_write(
    client, make_staff, run_jobs
):
    from tests.members.factories import UnionFactory, make_id_number

    town_a = UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    town_b = UnionFactory(name="麻旺镇工会", kind="township", code="MW")
    officer = make_staff(roles.ORGANISATION, union=town_a)
    rows = [
        [f"会员{n}", make_id_number(serial=400 + n), "苗族", "", "LT", "2021-03-01"]
        for n in range(2)
    ]
    client.force_login(officer)
    job = started_job(upload(client, workbook(MEMBER_HEADERS, rows)))
    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.errors
    officer.staff_profile.union = town_b  # moved to another township meanwhile
    officer.staff_profile.save()
    client.post(reverse("jobs:confirm", args=[job.pk]))
    [written] = run_jobs()
    assert written.state == JobState.FAILED
    assert {(e["row"], e["column"]) for e in written.errors} == {(2, "所属工会"), (3, "所属工会")}
    assert Member.objects.count() == 0
