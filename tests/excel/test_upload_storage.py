"""The encrypted storage of waiting import files, its folder, and the purge of expired ones."""

import io
import os
import time
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from yuyang_union.excel import pending
from yuyang_union.excel.uploads import (
    EncryptedTempFolderStorage,
    UploadGone,
    purge_expired_uploads,
    upload_folder,
)

from .conftest import assert_encrypted, waiting_files

ID_NUMBER = "11010519491231002X"
CSV = f"姓名,身份证号码\n冉光明,{ID_NUMBER}\n".encode()


def test_what_is_saved_reads_back_and_is_encrypted_on_disk():
    storage = EncryptedTempFolderStorage(read_mode="rb")
    storage.save(CSV)
    [path] = waiting_files()
    assert path.name == storage.name
    assert_encrypted(path, [ID_NUMBER], CSV)
    assert EncryptedTempFolderStorage(name=storage.name, read_mode="rb").read() == CSV
    text = EncryptedTempFolderStorage(name=storage.name, read_mode="r", encoding="utf-8")
    assert text.read() == CSV.decode()
    storage.remove()
    assert waiting_files() == []


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "tmpabc123", "A" * 32, "", None]
)
def test_a_name_that_is_none_of_ours_is_never_opened(name):
    with pytest.raises(UploadGone):
        EncryptedTempFolderStorage(name=name, read_mode="rb").read()
    assert pending.fetch(name) is None


def test_an_expired_file_no_longer_opens_and_goes(settings):
    """Even before the purge: the file's age is sealed inside it, past the limit it is gone."""
    name = pending.park(CSV)
    settings.IMPORT_UPLOAD_MAX_AGE_HOURS = 2
    later = time.time() + 2 * 3600 + 60
    with mock.patch("cryptography.fernet.time.time", return_value=later):
        assert pending.fetch(name) is None
    assert waiting_files() == []


def test_a_file_written_under_another_key_reads_as_gone(settings):
    name = pending.park(CSV)
    settings.PERSONAL_DATA_KEY = "another key"
    assert pending.fetch(name) is None
    assert waiting_files() == []


def test_the_folder_is_created_for_this_user_alone(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "new" / "uploads"
    folder = upload_folder()
    assert folder.is_dir()
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)

    folder.chmod(0o755)  # widened by hand: narrowed again on next use
    upload_folder()
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_a_link_in_place_of_the_folder_is_refused(settings, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    link = tmp_path / "uploads"
    link.symlink_to(target)
    settings.IMPORT_UPLOAD_DIR = link
    with pytest.raises(ImproperlyConfigured):
        pending.park(CSV)
    assert list(target.iterdir()) == []


def test_the_purge_deletes_only_expired_files_and_says_how_many():
    old, recent = pending.park(CSV), pending.park(CSV)
    folder = upload_folder()
    three_hours_ago = time.time() - 3 * 3600
    os.utime(folder / old, (three_hours_ago, three_hours_ago))
    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)
    assert out.getvalue().strip() == "1 expired import file(s) deleted"
    assert [path.name for path in waiting_files()] == [recent]

    assert purge_expired_uploads() == 0
    call_command("purge_import_uploads", "--older-than-hours", "0", stdout=out)
    assert waiting_files() == []


def test_the_purge_refuses_a_negative_age():
    with pytest.raises(CommandError):
        call_command("purge_import_uploads", "--older-than-hours", "-1")
