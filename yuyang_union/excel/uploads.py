"""Import files between their upload and their write: encrypted on disk, soon gone.

An import is checked by a job, then written when the officer confirms; in between, its file
waits (`yuyang_union.excel.pending`, in django-import-export's temporary storage setting,
IMPORT_EXPORT_TMP_STORAGE_CLASS). Those files hold ID numbers and phones, so the portal's
storage, `EncryptedTempFolderStorage`, keeps them:

- encrypted (Fernet, with `personal_data.crypto.file_fernet`): nothing of the workbook
  touches the disk in clear, and a file older than IMPORT_UPLOAD_MAX_AGE_HOURS no longer
  opens;
- in a folder of their own (IMPORT_UPLOAD_DIR, mode 0700, files 0600), under random names;
- for as short a time as possible: the import jobs remove the file whenever they do not
  end waiting for a confirmation;
- and what an import nobody confirmed, or a crash, leaves behind goes once expired:
  `purge_expired_uploads`, every hour by the job queue (`yuyang_union/tasks.py`), and at
  `make setup` by `manage.py purge_import_uploads`.

Files rather than database rows: the library's storage speaks of a name and bytes, a folder
needs no migration, and workbooks of megabytes stay out of the database's WAL and backups. When
workers run on other machines than the web nodes, the folder must be shared storage.

Uploads themselves never go to disk either: Django writes an upload above
FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file in clear while the request lasts, so the
import views read theirs in memory (`keep_uploads_in_memory`); the import reads the whole file
into memory anyway.
"""

import contextlib
import functools
import os
import re
import stat
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from import_export.tmp_storages import TempFolderStorage

from yuyang_union.personal_data.crypto import file_fernet

# The names this storage gives; a name coming back from a form is never a path.
UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")


class UploadGone(FileNotFoundError):
    """The file is no longer waiting: confirmed already, expired, or never one of ours."""


def private_folder(setting: str) -> Path:
    """The folder the setting names, created for this user alone (0700) on first use."""
    folder = Path(getattr(settings, setting))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    # A default may lie in the shared temporary folder: someone else's folder, or a link,
    # at that place must not receive the files.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise ImproperlyConfigured(
            f"{setting} ({folder}) must be a folder owned by this user, not a link."
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


def upload_folder() -> Path:
    """IMPORT_UPLOAD_DIR, created for this user alone (0700) on first use."""
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
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
        with os.fdopen(os.open(self.get_full_path(), flags, 0o600), "wb") as file:
            file.write(token)

    def read(self) -> bytes | str:
        try:
            token = Path(self.get_full_path()).read_bytes()
        except FileNotFoundError:
            raise UploadGone(self.name) from None
        try:
            data = file_fernet().decrypt(token, ttl=int(upload_max_age().total_seconds()))
        except InvalidToken:
            # Expired, or written under another PERSONAL_DATA_KEY: as good as gone.
            with contextlib.suppress(FileNotFoundError):
                self.remove()
            raise UploadGone(self.name) from None
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        os.remove(self.get_full_path())

    def get_full_path(self) -> str:
        if not isinstance(self.name, str) or not UPLOAD_NAME.fullmatch(self.name):
            raise UploadGone(self.name)
        return str(upload_folder() / self.name)


def discard_upload(name: str | None) -> None:
    """Remove a waiting file, if it is still there (a name that is none of ours is ignored)."""
    if name:
        with contextlib.suppress(FileNotFoundError):
            EncryptedTempFolderStorage(name=name).remove()


def purge_expired_uploads(older_than: timedelta | None = None) -> int:
    """Delete the files waiting longer than `older_than` (by default
    IMPORT_UPLOAD_MAX_AGE_HOURS, after which they no longer open); returns how many."""
    age = upload_max_age() if older_than is None else older_than
    cutoff = time.time() - age.total_seconds()
    removed = 0
    with os.scandir(upload_folder()) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(FileNotFoundError):  # confirmed meanwhile
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.remove(entry.path)
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
