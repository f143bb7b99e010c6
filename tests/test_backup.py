"""Backups: taken in one snapshot, restored into an empty database only, verified by a
restore into a scratch database that gives back every figure, row and file
(yuyang_union/backups/; the retention rule: tests/test_backup_retention.py)."""

import datetime
import io
import json
import stat

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.competitions.factories import EntryFactory
from tests.events.factories import RegistrationFactory
from tests.legal_aid.factories import ConsultationFactory
from tests.welfare.factories import EducationAidFactory, WarmthGrantFactory
from yuyang_union.backups.databases import connected_to, create_empty_database, drop_database
from yuyang_union.backups.folders import DUMP, FILES, MANIFEST, folder_name
from yuyang_union.backups.operations import take_backup
from yuyang_union.backups.state import database_state

# Backups need committed rows: pg_dump reads the database from another connection.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    files = {
        "MEDIA_ROOT": ("events/covers/2026/封面.jpg", b"\xff\xd8 a cover"),
        "PRIVATE_MEDIA_ROOT": ("cases/1/调解协议.pdf", b"%PDF an agreement"),
    }
    for setting, (name, content) in files.items():
        path = getattr(settings, setting) / name
        path.parent.mkdir(parents=True)
        path.write_bytes(content)
    return files


@pytest.fixture
def records(migrated_rows, uploads):
    """Rows behind figures of every app, committed."""
    migrated_rows.restore()
    WarmthGrantFactory.create_batch(3)
    EducationAidFactory.create_batch(2)
    EntryFactory.create_batch(2)
    ConsultationFactory.create_batch(2)
    RegistrationFactory.create_batch(2)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def scratch_databases():
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE '%%_verify_%%'")
        return [row[0] for row in cursor.fetchall()]


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("records")
def test_backup_verify_finds_every_figure_row_and_file_again(settings):
    output = run("backup", "--verify", "--verbosity", "2")

    (folder,) = settings.BACKUP_DIR.iterdir()
    assert f"Backup written: {folder}" in output
    assert "No difference" in output
    assert "DIFFERENT" not in output
    manifest = json.loads((folder / MANIFEST).read_text())
    figures = manifest["state"]["figures"]
    # The comparison covered figures that are not zero, and every table.
    assert figures["all:welfare.warmth_funds"] == "6000.00"
    assert figures["all:welfare.education_aid_students"] == "2"
    assert manifest["state"]["tables"]["welfare_grant"] == 3
    assert "figure  all:welfare.warmth_funds" in output
    assert "table   members_member" in output
    assert manifest["files"] == {"media": 1, "private_media": 1}
    # Personal data: only the backup's user may read it; the scratch database is gone.
    assert mode(settings.BACKUP_DIR) == mode(folder) == 0o700
    assert {mode(folder / name) for name in (DUMP, FILES, MANIFEST)} == {0o600}
    assert scratch_databases() == []


@pytest.mark.usefixtures("records")
def test_a_backup_restored_into_a_fresh_empty_database_gives_the_same_figures_and_counts(
    settings, tmp_path, uploads, django_db_modify_db_settings
):
    folder = take_backup()
    live = database_state(json.loads((folder / MANIFEST).read_text())["state"]["periods"])
    restored_name = f"{connection.settings_dict['NAME']}_restored"
    drop_database(connection, restored_name)
    create_empty_database(connection, restored_name)
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new" / "private_media"
    try:
        output = run("restore", str(folder), "--into", restored_name)

        with connected_to(connection, restored_name):
            restored = database_state(live.periods)
        site = django_db_modify_db_settings
        with psycopg.connect(
            host=str(site["HOST"]),
            port=site["PORT"] or None,
            user=site["USER"],
            password=site["PASSWORD"] or None,
            dbname=restored_name,
        ) as as_site:
            grants = as_site.execute("SELECT count(*) FROM welfare_grant").fetchone()[0]
    finally:
        drop_database(connection, restored_name)

    assert "No difference" in output
    assert restored.figures == live.figures
    assert restored.tables == live.tables
    assert grants == 3  # the site role was granted its rows, as after migrate
    for setting, (name, content) in uploads.items():
        assert (getattr(settings, setting) / name).read_bytes() == content


@pytest.mark.usefixtures("records")
def test_restore_refuses_a_database_that_is_not_empty():
    folder = take_backup()
    tables_before = database_state({})

    with pytest.raises(CommandError, match="is not empty"):
        run("restore", str(folder))

    assert database_state({}).tables == tables_before.tables


@pytest.mark.usefixtures("records")
def test_verify_fails_when_the_restored_database_differs():
    folder = take_backup()
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["state"]["tables"]["welfare_grant"] += 1  # as if the dump had lost a row
    (folder / MANIFEST).write_text(json.dumps(manifest))

    out = io.StringIO()
    with pytest.raises(CommandError, match="1 difference"):
        call_command("verify_backup", folder.name, stdout=out)

    assert "welfare_grant" in out.getvalue()
    assert "DIFFERENT" in out.getvalue()
    assert scratch_databases() == []


@pytest.mark.usefixtures("records")
def test_a_damaged_dump_is_refused():
    folder = take_backup()
    dump = folder / DUMP
    dump.write_bytes(dump.read_bytes()[:-100])

    with pytest.raises(CommandError, match="damaged"):
        run("verify_backup")


@pytest.mark.usefixtures("records")
def test_the_retention_rule_deletes_old_backups_after_a_new_one(settings):
    settings.BACKUP_DIR.mkdir(mode=0o700)
    old = [
        settings.BACKUP_DIR / folder_name(datetime.datetime(2020, 1, day, 2, tzinfo=datetime.UTC))
        for day in range(1, 31)
    ]
    for folder in old:
        folder.mkdir()
    unrelated = settings.BACKUP_DIR / "notes.txt"
    unrelated.write_text("not a backup")

    output = run("backup")

    remaining = sorted(p.name for p in settings.BACKUP_DIR.iterdir() if p.is_dir())
    (new,) = [name for name in remaining if not name.startswith("backup-2020")]
    # Days: the new backup and the six newest of January 2020. Weeks: the new one's, then
    # 27 Jan - 2 Feb and 20-26 Jan (among the days), then 13-19 Jan. Months: the new one's
    # and January 2020 (the 30th, among the days).
    assert remaining == [
        "backup-2020-01-19T100000",
        *[f"backup-2020-01-{day}T100000" for day in range(25, 31)],
        new,
    ]
    assert "Deleted by the retention rule: backup-2020-01-01T100000" in output
    assert unrelated.exists()
