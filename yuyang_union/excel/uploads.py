"""Import files between their upload and their write: encrypted on disk, soon gone.

An import is checked by a job, then written when the officer confirms; in between, its file
waits (`yuyang_union.excel.pending`, in django-import-export's temporary storage setting,
IMPORT_EXPORT_TMP_STORAGE_CLASS). Those files hold ID numbers and phones, so the portal's
storage, `EncryptedTempFolderStorage`, keeps them:

- encrypted (Fernet, with `personal_data.crypto.file_fernet`): nothing of the workbook
  touches the disk in clear, and a file older than IMPORT_UPLOAD_MAX_AGE_HOURS no longer
  opens;
- in a storage of their own ("import_uploads": IMPORT_UPLOAD_DIR, mode 0700, files 0600, or a
  private prefix of the S3 bucket; yuyang_union.storage), under random names;
- for as short a time as possible: the import jobs remove the file whenever they do not
  end waiting for a confirmation;
- and what an import nobody confirmed, or a crash, leaves behind goes once expired:
  `purge_expired_uploads`, every hour by the job queue (`yuyang_union/tasks.py`), and at
  `make setup` by `manage.py purge_import_uploads`.

Files rather than database rows: the library's storage speaks of a name and bytes, a storage
needs no migration, and workbooks of megabytes stay out of the database's WAL and backups. When
workers run on other machines than the web nodes, the storage is the shared bucket.

Uploads themselves never go to disk either: Django writes an upload above
FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file in clear while the request lasts, so the
import views read theirs in memory (`keep_uploads_in_memory`); the import reads the whole file
into memory anyway.
"""

import contextlib
import functools
import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from import_export.tmp_storages import TempFolderStorage

from yuyang_union.personal_data.crypto import file_fernet
from yuyang_union.storage.folders import private_folder

# The names this storage gives; a name coming back from a form is never a path.
UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


class UploadGone(FileNotFoundError):
    """The file is no longer waiting: confirmed already, expired, or never one of ours."""


def upload_storage() -> Storage:
    return storages["import_uploads"]


def upload_folder() -> Path:
    """IMPORT_UPLOAD_DIR (the local storage's folder), created for this user alone (0700)."""
    return private_folder("IMPORT_UPLOAD_DIR")


def upload_max_age() -> timedelta:
    return timedelta(hours=settings.IMPORT_UPLOAD_MAX_AGE_HOURS)


class EncryptedTempFolderStorage(TempFolderStorage):
    """django-import-export's temporary storage, encrypted, in IMPORT_UPLOAD_DIR."""

    # Set by the library's BaseStorage.__init__ (name=..., read_mode=..., encoding=...).
    name: str | None
    read_mode: str
    encoding: str | None

    def save(self, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        if not self.name:
            self.name = uuid.uuid4().hex
        token = file_fernet().encrypt(data)
        name = self._checked_name()
        storage = upload_storage()
        storage.delete(name)  # saved again under its name: the new content replaces the old
        if storage.save(name, ContentFile(token)) != name:
            raise UploadGone(name)

    def read(self) -> bytes | str:
        try:
            with upload_storage().open(self._checked_name(), "rb") as file:
                token = file.read()
        except FileNotFoundError:
            raise UploadGone(self.name) from None
        try:
            data = file_fernet().decrypt(token, ttl=int(upload_max_age().total_seconds()))
        except InvalidToken:
            # Expired, or written under another PERSONAL_DATA_KEY: as good as gone.
            self.remove()
            raise UploadGone(self.name) from None
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        upload_storage().delete(self._checked_name())

    def _checked_name(self) -> str:
        if not isinstance(self.name, str) or not UPLOAD_NAME.fullmatch(self.name):
            raise UploadGone(self.name)
        return self.name

    def get_full_path(self) -> str:
        # The library's own storage reads its file here; this one reads through the storage.
        raise NotImplementedError("Uploads are read through the storage, not by path.")


def discard_upload(name: str | None) -> None:
    """Remove a waiting file, if it is still there (a name that is none of ours is ignored)."""
    if name:
        with contextlib.suppress(FileNotFoundError):
            EncryptedTempFolderStorage(name=name).remove()


def purge_expired_uploads(older_than: timedelta | None = None) -> int:
    """Delete the files waiting longer than `older_than` (by default
    IMPORT_UPLOAD_MAX_AGE_HOURS, after which they no longer open); returns how many."""
    age = upload_max_age() if older_than is None else older_than
    cutoff = timezone.now() - age
    storage = upload_storage()
    removed = 0
    for name in storage.listdir("")[1]:
        with contextlib.suppress(FileNotFoundError):  # confirmed meanwhile
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                removed += 1
    return removed


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Django's in-memory upload handler without its size limit: never a temporary file."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        super().handle_raw_input(*args, **kwargs)
        self.activated = True


ViewFunction = Callable[..., HttpResponseBase]


def keep_uploads_in_memory(view: ViewFunction) -> ViewFunction:
    """`view` with its uploads read into memory, never into a temporary file in clear.

    The upload handlers must be set before anything reads the form, and the CSRF middleware
    reads it for its token: the wrapper is exempt from the middleware and checks the token
    itself, after setting them (Django's documented way to change upload handlers per view).
    """
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.upload_handlers = [InMemoryUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)
