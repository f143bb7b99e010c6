"""The admin's imports (django-import-export through ScopedImportExportMixin): the uploaded
file waits encrypted while its preview waits for a confirmation, and is gone after every
other path."""

import os
import time
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.management import call_command
from django.urls import reverse

from members.models import Member
from members.resources import MemberResource
from yuyang_union.personal_data.crypto import file_fernet

from .conftest import MEMBER_HEADERS, assert_encrypted, waiting_files, workbook

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:members_member_import"
CONFIRM_URL = "admin:members_member_process_import"


def preview(client, content):
    return client.post(
        reverse(IMPORT_URL),
        {"format": "0", "import_file": SimpleUploadedFile("members.xlsx", content)},
    )


def test_a_pending_preview_waits_encrypted_and_the_confirmation_removes_it(
    client, organisation, member_rows
):
    content = workbook(MEMBER_HEADERS, member_rows)
    client.force_login(organisation)
    response = preview(client, content)
    confirm_form = response.context["confirm_form"]
    assert confirm_form is not None
    [waiting] = waiting_files()
    assert waiting.name == confirm_form.initial["import_file_name"]
    assert_encrypted(waiting, [row[1] for row in member_rows], content)
    assert file_fernet().decrypt(waiting.read_bytes()) == content  # the file, encrypted

    response = client.post(reverse(CONFIRM_URL), confirm_form.initial)
    assert response.status_code == 302
    assert Member.objects.count() == 3
    assert waiting_files() == []


def test_a_preview_with_bad_rows_keeps_nothing(client, organisation, member_rows, saved):
    member_rows[1][1] = "500242198506151234"  # a wrong check digit
    client.force_login(organisation)
    response = preview(client, workbook(MEMBER_HEADERS, member_rows))
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert not response.context.get("confirm_form")
    assert saved.call_count == 1
    assert waiting_files() == []


def test_a_file_that_is_no_workbook_is_refused_and_not_kept(
    client, organisation, member_rows, saved
):
    client.force_login(organisation)
    response = preview(client, b"not a workbook " + member_rows[0][1].encode())
    assert response.status_code == 200
    assert response.context["form"].errors
    assert saved.call_count == 1
    assert waiting_files() == []


def test_a_failure_during_the_preview_leaves_nothing(client, organisation, member_rows, saved):
    client.force_login(organisation)
    with (
        mock.patch.object(MemberResource, "import_data", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        preview(client, workbook(MEMBER_HEADERS, member_rows))
    assert saved.call_count == 1
    assert waiting_files() == []


def test_a_failure_during_the_confirmation_leaves_nothing(client, organisation, member_rows):
    client.force_login(organisation)
    confirm_form = preview(client, workbook(MEMBER_HEADERS, member_rows)).context["confirm_form"]
    assert len(waiting_files()) == 1
    with (
        mock.patch.object(MemberResource, "import_data", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        client.post(reverse(CONFIRM_URL), confirm_form.initial)
    assert waiting_files() == []
    assert Member.objects.count() == 0


def test_an_invalid_confirmation_removes_the_file_it_names(client, organisation, member_rows):
    client.force_login(organisation)
    confirm_form = preview(client, workbook(MEMBER_HEADERS, member_rows)).context["confirm_form"]
    data = {**confirm_form.initial, "format": ""}  # the form is refused
    response = client.post(reverse(CONFIRM_URL), data)
    assert response.status_code == 200
    assert waiting_files() == []
    assert Member.objects.count() == 0


def test_an_abandoned_preview_is_purged_once_expired_and_cannot_be_confirmed(
    client, organisation, member_rows
):
    client.force_login(organisation)
    confirm_form = preview(client, workbook(MEMBER_HEADERS, member_rows)).context["confirm_form"]
    [waiting] = waiting_files()

    call_command("purge_import_uploads")  # not expired yet
    assert waiting_files() == [waiting]

    three_hours_ago = time.time() - 3 * 3600
    os.utime(waiting, (three_hours_ago, three_hours_ago))
    out = mock.Mock()
    call_command("purge_import_uploads", stdout=out)
    assert waiting_files() == []
    assert "1 expired import file(s) deleted" in str(out.write.call_args)

    # The officer comes back and confirms: asked to upload again, no error page.
    response = client.post(reverse(CONFIRM_URL), confirm_form.initial, follow=True)
    assert response.redirect_chain[-1][0] == reverse(IMPORT_URL)
    assert "预览已过期，请重新上传文件。" in response.content.decode()
    assert Member.objects.count() == 0


def test_another_user_without_the_import_right_cannot_remove_a_waiting_file(
    client, organisation, member_rows, make_staff
):
    from yuyang_union import roles

    client.force_login(organisation)
    confirm_form = preview(client, workbook(MEMBER_HEADERS, member_rows)).context["confirm_form"]
    client.force_login(make_staff(roles.LEADERS))
    assert client.post(reverse(CONFIRM_URL), confirm_form.initial).status_code == 403
    assert len(waiting_files()) == 1


def test_a_big_upload_never_goes_to_a_temporary_file(client, organisation, member_rows, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # any workbook is "big"
    client.force_login(organisation)
    with mock.patch.object(TemporaryFileUploadHandler, "new_file") as temporary_file:
        response = preview(client, workbook(MEMBER_HEADERS, member_rows))
    assert response.context["confirm_form"] is not None
    temporary_file.assert_not_called()
