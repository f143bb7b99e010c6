"""The periodic work: registered with Procrastinate, and what each service purges or runs."""

import datetime
import logging
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from procrastinate.contrib.django import app

from events.models import AccountAttempt, PhoneCode
from events.services import purge_old_account_attempts
from tests.members.factories import MemberFactory
from yuyang_union import housekeeping
from yuyang_union.backups import BackupError, nightly
from yuyang_union.excel import uploads

pytestmark = pytest.mark.django_db

EXPECTED = {
    "backups.nightly": "30 18 * * *",  # 02:30 in Shanghai
    "housekeeping.purge_expired": "5 * * * *",
    "housekeeping.purge_finished_queue_jobs": "15 19 * * *",
    "events.purge_account_attempts": "10 * * * *",
    "applications.purge_attempts": "25 * * * *",
    "accounts.purge_abandoned_enrolments": "20 * * * *",
    "welfare.review_reminders": "0 0 * * 1",  # Mondays 08:00 in Shanghai
    "legal_aid.deadline_reminders": "30 23 * * *",  # 07:30 in Shanghai
}


def test_the_periodic_tasks_are_registered():
    registered = {
        periodic.task.name: periodic.cron
        for periodic in app.periodic_registry.periodic_tasks.values()
    }
    for name, cron in EXPECTED.items():
        assert registered.get(name) == cron, name
    assert all(app.tasks[name].queue == "periodic" for name in EXPECTED)


# The nightly backup -----------------------------------------------------------------------


def test_the_nightly_backup_takes_verifies_and_prunes(tmp_path):
    folder = tmp_path / "backup-2026-06-01T023000"
    comparison = mock.Mock(differences=[], compared=mock.Mock(return_value="3 figures"))
    with (
        mock.patch.object(nightly, "take_backup", return_value=folder) as take,
        mock.patch.object(nightly, "verify_backup", return_value=comparison) as verify,
        mock.patch.object(nightly, "prune", return_value=[]) as prune,
    ):
        assert nightly.nightly_backup() == folder
    take.assert_called_once_with()
    verify.assert_called_once_with(folder)
    prune.assert_called_once()


def test_a_failed_backup_is_logged_as_an_error(caplog):
    with (
        mock.patch.object(nightly, "take_backup", side_effect=BackupError("pg_dump: 磁盘已满")),
        mock.patch.object(nightly, "prune") as prune,
        caplog.at_level(logging.INFO, logger="yuyang_union.backups"),
    ):
        assert nightly.nightly_backup() is None
    assert [record.levelname for record in caplog.records] == ["ERROR"]
    assert "磁盘已满" in caplog.records[0].getMessage()
    prune.assert_not_called()


def test_a_backup_that_differs_is_an_error_and_deletes_nothing(tmp_path, caplog):
    difference = mock.Mock(kind="table", key="members_member")
    comparison = mock.Mock(differences=[difference], compared=mock.Mock(return_value="1 table"))
    with (
        mock.patch.object(nightly, "take_backup", return_value=tmp_path / "backup-x"),
        mock.patch.object(nightly, "verify_backup", return_value=comparison),
        mock.patch.object(nightly, "prune") as prune,
        caplog.at_level(logging.INFO, logger="yuyang_union.backups"),
    ):
        assert nightly.nightly_backup() is None
    assert caplog.records[-1].levelname == "ERROR"
    assert "members_member" in caplog.records[-1].getMessage()
    prune.assert_not_called()


def test_the_backup_logger_mails_the_administrators(settings):
    assert "mail_admins" in settings.LOGGING["loggers"]["yuyang_union.backups"]["handlers"]


# Purging what expires ------------------------------------------------------------------------


def aged(path: Path, hours: float) -> Path:
    path.write_bytes(b"x")
    then = time.time() - hours * 3600
    os.utime(path, (then, then))
    return path


def test_import_files_go_only_when_expired(settings):
    settings.IMPORT_UPLOAD_MAX_AGE_HOURS = 2
    old_upload = aged(uploads.upload_folder() / "old", 3)
    new_upload = aged(uploads.upload_folder() / "new", 1)
    assert uploads.purge_expired_uploads() == 1
    assert not old_upload.exists()
    assert new_upload.exists()


def test_only_expired_sessions_go():
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=now)
    Session.objects.create(
        session_key="b" * 32, session_data="", expire_date=now + datetime.timedelta(hours=1)
    )
    housekeeping.purge_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def test_only_old_account_attempts_and_codes_go():
    now = timezone.now()
    member = MemberFactory()
    for days in (31, 29):
        at = now - datetime.timedelta(days=days)
        AccountAttempt.objects.create(
            purpose="recovery", kind="requested", ip_address="10.0.0.1", created_at=at
        )
        PhoneCode.objects.create(
            purpose="recovery", member=member, code_hash="x", created_at=at, expires_at=at
        )
    assert purge_old_account_attempts(now=now) == 2
    assert AccountAttempt.objects.count() == 1
    assert PhoneCode.objects.count() == 1


def test_only_abandoned_authenticator_set_ups_go(django_user_model):
    from yuyang_union.accounts.second_factor import purge_abandoned_enrolments

    user = django_user_model.objects.create_user("zhang")
    abandoned = TOTPDevice.objects.create(user=user, name="a", confirmed=False)
    fresh = TOTPDevice.objects.create(user=user, name="b", confirmed=False)
    confirmed = TOTPDevice.objects.create(user=user, name="c", confirmed=True)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    TOTPDevice.objects.filter(pk__in=[abandoned.pk, confirmed.pk]).update(created_at=long_ago)
    assert purge_abandoned_enrolments() == 1
    assert set(TOTPDevice.objects.all()) == {fresh, confirmed}


def test_finished_queue_jobs_go_after_a_week():
    from asgiref.sync import async_to_sync
    from django.db import connection

    ids = {}
    for label, status, days in [
        ("old_done", "succeeded", 8),
        ("old_failed", "failed", 8),
        ("new_done", "succeeded", 6),
        ("old_waiting", "todo", 8),
    ]:
        ids[label] = app.configure_task("jobs.run_job").defer(job_id=label)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = %s WHERE id = %s", [status, ids[label]]
            )
            cursor.execute(
                "UPDATE procrastinate_events SET at = now() - %s * interval '1 day' "
                "WHERE job_id = %s",
                [days, ids[label]],
            )
    async_to_sync(housekeeping.purge_finished_queue_jobs)(mock.Mock(app=app))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM procrastinate_jobs WHERE id = ANY(%s)", [list(ids.values())])
        left = {row[0] for row in cursor.fetchall()}
    assert left == {ids["new_done"], ids["old_waiting"]}
