"""The competitions' entry import (its own staff page, through yuyang_union.excel.pending):
the workbook waits encrypted for the confirmation, and is gone after every other path."""

import datetime
import io
from unittest import mock

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse

from competitions import importing
from competitions import views as competition_views
from competitions.models import Entry
from tests.competitions.factories import CompetitionEventFactory
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from yuyang_union import roles
from yuyang_union.personal_data.crypto import file_fernet

from .conftest import assert_encrypted, waiting_files, workbook

pytestmark = pytest.mark.django_db
HEADERS = ["项目", "身份证号码", "姓名", "单位", "成绩", "奖项"]


@pytest.fixture
def entries(client, make_staff):
    """The import page of a competition, signed in, and two good rows for it."""
    event = CompetitionEventFactory(name="维修电工")
    union, employer = UnionFactory(), EmployerFactory()
    members = [MemberFactory(union=union, employer=employer) for _ in range(2)]
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [["维修电工", m.id_number, m.name, employer.name, 90, ""] for m in members]
    return url, rows, members


def upload(client, url, content):
    file = io.BytesIO(content)
    file.name = "entries.xlsx"
    return client.post(url, {"file": file})


def test_a_pending_preview_waits_encrypted_and_the_confirmation_removes_it(client, entries):
    url, rows, members = entries
    content = workbook(HEADERS, rows)
    assert upload(client, url, content).status_code == 200
    [waiting] = waiting_files()
    assert_encrypted(waiting, [m.id_number for m in members], content)
    assert file_fernet().decrypt(waiting.read_bytes()) == content

    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert Entry.objects.count() == 2
    assert waiting_files() == []


def test_a_preview_with_bad_rows_keeps_nothing(client, entries):
    url, rows, _members = entries
    rows[1][3] = "不存在的公司"
    assert upload(client, url, workbook(HEADERS, rows)).status_code == 400
    assert waiting_files() == []


def test_a_file_that_is_no_workbook_keeps_nothing(client, entries):
    url, rows, _members = entries
    assert upload(client, url, f"not a workbook {rows[0][1]}".encode()).status_code == 400
    assert waiting_files() == []


def test_a_confirmation_that_finds_errors_removes_the_file(client, entries):
    url, rows, members = entries
    upload(client, url, workbook(HEADERS, rows))
    assert len(waiting_files()) == 1
    members[1].delete()  # gone since the preview
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 400
    assert Entry.objects.count() == 0
    assert waiting_files() == []


def test_a_failure_during_the_confirmation_leaves_nothing(client, entries):
    url, rows, _members = entries
    upload(client, url, workbook(HEADERS, rows))
    assert len(waiting_files()) == 1
    with (
        mock.patch.object(importing, "import_entries", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        client.post(url, {"confirm": "1"})
    assert waiting_files() == []
    assert Entry.objects.count() == 0


def test_a_failure_while_showing_the_preview_leaves_nothing(client, entries):
    url, rows, _members = entries
    parked = mock.Mock(wraps=competition_views.pending.park)
    with (
        mock.patch.object(competition_views.pending, "park", parked),
        mock.patch.object(competition_views.ImportEntriesView, "_render", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        upload(client, url, workbook(HEADERS, rows))
    parked.assert_called_once()
    assert waiting_files() == []
    # Nothing left to confirm either.
    assert competition_views.IMPORT_SESSION_KEY not in client.session


def test_an_abandoned_preview_is_purged_and_its_confirmation_asks_for_the_file_again(
    client, entries
):
    from yuyang_union.excel.uploads import purge_expired_uploads

    url, rows, _members = entries
    upload(client, url, workbook(HEADERS, rows))
    assert purge_expired_uploads(older_than=datetime.timedelta(0)) == 1
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "预览已过期，请重新上传文件。" in response.content.decode()
    assert Entry.objects.count() == 0
    assert competition_views.IMPORT_SESSION_KEY not in client.session


def test_a_big_upload_never_goes_to_a_temporary_file(client, entries, settings):
    url, rows, _members = entries
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    with mock.patch.object(TemporaryFileUploadHandler, "new_file") as temporary_file:
        assert upload(client, url, workbook(HEADERS, rows)).status_code == 200
    temporary_file.assert_not_called()
    assert len(waiting_files()) == 1
