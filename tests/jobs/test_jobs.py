"""The job framework: running, failing, cancelling, the pages and the JSON, the files."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import UserFactory
from yuyang_union import roles
from yuyang_union.jobs import files, runner, services
from yuyang_union.jobs.models import Job, JobState
from yuyang_union.jobs.registry import job_handler
from yuyang_union.jobs.running import JobCancelled, JobFailed

pytestmark = pytest.mark.django_db


@job_handler("tests.count")
def count_to_three(job, run):
    for done in range(1, 4):
        run.progress(done, 3, "正在数")
    with run.result_file("结果.txt", "text/plain", personal=job.params.get("personal", False)) as f:
        f.write("一二三".encode() * 10)
    run.message = "数完了"


@job_handler("tests.fail")
def fail(job, run):
    if job.params.get("clear"):
        raise JobFailed("文件已过期")
    raise RuntimeError("身份证号码 500242199001011234 出错")


@job_handler("tests.cancelled")
def cancelled(job, run):
    raise JobCancelled


@pytest.fixture
def owner(make_staff):
    return make_staff(roles.ORGANISATION)


def make_job(owner, kind="tests.count", **params):
    return services.start_job(actor=owner, kind=kind, label="测试任务", params=params)


def test_a_job_runs_with_progress_and_keeps_its_result(owner, run_jobs):
    job = make_job(owner)
    [done] = run_jobs()
    assert (done.state, done.done, done.total, done.message) == (JobState.SUCCEEDED, 3, 3, "数完了")
    assert done.result_name == "结果.txt"
    assert done.has_result
    assert done.expires_at > timezone.now() + datetime.timedelta(hours=23)
    content = b"".join(files.read_result(done.result_file, encrypted=False))
    assert content == "一二三".encode() * 10
    assert runner.execute(job.pk) is None  # run once, however often it is deferred


def test_a_personal_result_is_encrypted_on_disk(owner, run_jobs):
    make_job(owner, personal=True)
    [done] = run_jobs()
    raw = (files.result_folder() / done.result_file).read_bytes()
    assert "一二三".encode() not in raw
    assert b"".join(files.read_result(done.result_file, encrypted=True)) == "一二三".encode() * 10


def test_a_failure_is_logged_without_its_text_and_told_in_chinese(owner, run_jobs, caplog):
    make_job(owner, kind="tests.fail")
    with caplog.at_level(logging.ERROR):
        [failed] = run_jobs()
    assert failed.state == JobState.FAILED
    assert "500242" not in failed.message
    assert failed.message != ""
    make_job(owner, kind="tests.fail", clear=True)
    [told] = run_jobs()
    assert told.message == "文件已过期"


def test_a_job_cancelled_while_waiting_never_runs(owner, run_jobs):
    job = make_job(owner)
    assert services.cancel_job(actor=owner, job_id=job.pk)
    [ended] = run_jobs()
    assert ended.state == JobState.CANCELLED
    assert not ended.result_file
    assert not services.cancel_job(actor=owner, job_id=job.pk)  # already ended


def test_a_cancelled_run_keeps_nothing(owner, run_jobs):
    make_job(owner, kind="tests.cancelled")
    [ended] = run_jobs()
    assert ended.state == JobState.CANCELLED


def test_my_jobs_lists_only_mine(client, owner, make_staff, run_jobs):
    mine = make_job(owner)
    other = make_job(make_staff(roles.ORGANISATION))
    client.force_login(owner)
    page = client.get(reverse("jobs:list")).content.decode()
    assert reverse("jobs:detail", args=[mine.pk]) in page
    assert reverse("jobs:detail", args=[other.pk]) not in page
    assert "js/jobs.js" in page  # the bars follow the jobs by themselves
    status = client.get(reverse("jobs:status"), {"id": [mine.pk, other.pk, "nonsense"]}).json()
    assert [job["id"] for job in status["jobs"]] == [str(mine.pk)]
    assert status["jobs"][0]["active"] is True
    run_jobs()
    [job] = client.get(reverse("jobs:status"), {"id": mine.pk}).json()["jobs"]
    assert (job["state"], job["percent"]) == ("succeeded", 100)
    assert job["download_url"] == reverse("jobs:download", args=[mine.pk])


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("jobs:list"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_expired_result_is_gone_and_purged(client, owner, run_jobs):
    job = make_job(owner)
    [done] = run_jobs()
    client.force_login(owner)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert services.purge_expired_results() == 1
    assert not (files.result_folder() / done.result_file).exists()
    assert Job.objects.get(pk=job.pk).result_file == ""


def test_a_file_no_job_names_is_purged_once_old(owner):
    with files.ResultWriter(encrypted=False) as orphan:
        orphan.write(b"left by a crash")
    later = timezone.now() + datetime.timedelta(hours=25)
    assert services.purge_expired_results(now=timezone.now()) == 0
    assert services.purge_expired_results(now=later) == 1


def test_a_running_job_whose_worker_died_ends_failed(owner):
    job = make_job(owner)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert services.fail_stalled_jobs() == 1
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED


def test_a_member_without_jobs_sees_an_empty_list(client):
    client.force_login(UserFactory())
    assert client.get(reverse("jobs:list")).status_code == 200
