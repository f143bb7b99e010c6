"""Workbooks for the import-file tests, and the folder their files wait in."""

import stat
from unittest import mock

import pytest
from django.conf import settings

from tests.members.factories import UnionFactory, make_id_number
from tests.workbooks import xlsx_bytes
from yuyang_union import roles
from yuyang_union.excel.uploads import EncryptedTempFolderStorage

MEMBER_HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "入会日期"]


workbook = xlsx_bytes


def waiting_files():
    """The files in IMPORT_UPLOAD_DIR (each test has its own: tests/conftest.py)."""
    folder = settings.IMPORT_UPLOAD_DIR
    if not folder.exists():
        return []
    return sorted(path for path in folder.iterdir() if path.is_file())


def assert_encrypted(path, id_numbers, plain):
    """On disk: none of the ID numbers' digits, no xlsx (a zip), not the workbook itself."""
    raw = path.read_bytes()
    assert not raw.startswith(b"PK\x03\x04")
    assert plain not in raw
    for number in id_numbers:
        assert number.encode() not in raw
        assert number[:17].encode() not in raw  # the digits without the check character
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.fixture
def member_rows(db):
    UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    return [
        [f"会员{i}", make_id_number(serial=300 + i), "苗族", "13800000000", "LT", "2021-03-01"]
        for i in range(3)
    ]


@pytest.fixture
def organisation(make_staff):
    return make_staff(roles.ORGANISATION)


@pytest.fixture
def saved():
    """The files written to the import storage: a test that finds the folder empty afterwards
    knows that one was written, and removed."""
    save = EncryptedTempFolderStorage.save
    with mock.patch.object(EncryptedTempFolderStorage, "save", autospec=True) as spy:
        spy.side_effect = save
        yield spy
