"""Uploaded workbooks kept while their import job checks them and waits for the confirmation.

They are parked in the import storage (`IMPORT_EXPORT_TMP_STORAGE_CLASS`: encrypted, in a
folder of their own, purged once expired; see `yuyang_union.excel.uploads`); a job's params
hold only the parked file's name, never the workbook. The import jobs discard it whenever
they do not end waiting for a confirmation (`import_jobs.discard_inputs`).
"""

import contextlib

from django.conf import settings
from django.utils.module_loading import import_string
from import_export.tmp_storages import BaseStorage, TempFolderStorage


def _storage(name: str | None = None) -> BaseStorage:
    storage_class = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", TempFolderStorage)
    if isinstance(storage_class, str):
        storage_class = import_string(storage_class)
    return storage_class(name=name, read_mode="rb")


def park(data: bytes) -> str:
    """Keep an uploaded file until it is confirmed or dropped; returns its name."""
    storage = _storage()
    storage.save(data)
    return str(storage.name)


def fetch(name: str) -> bytes | None:
    """The parked file's content, or None when it is gone (already used, expired, purged)."""
    try:
        return _storage(name).read()
    except (FileNotFoundError, TypeError):
        return None


def discard(name: str | None) -> None:
    """Drop a parked file (after its import, or when another file replaces it)."""
    if not name:
        return
    with contextlib.suppress(FileNotFoundError):
        _storage(name).remove()
