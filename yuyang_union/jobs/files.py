"""Result files of jobs: in the "job_results" storage under random names, encrypted when they
hold personal data, streamed in and out in chunks so that memory stays flat whatever their size.

An encrypted file is a sequence of chunks, each a 4-byte length and a Fernet token of up to
`CHUNK` bytes of the file (the key: `personal_data.crypto.file_fernet`). A file without
personal data (a report of figures) is kept as it is.

The storage (yuyang_union.storage) is JOB_RESULT_DIR (0700, files 0600), or a private prefix of
the S3 bucket when several machines run the portal: a worker writes, any web node serves, and
an import's staged rows written by its check are read by its write on whichever worker runs it.
A file is written to a local temporary file first (only ever encrypted chunks when it holds
personal data) and handed to the storage whole when it is closed, since object storage takes
whole files.
"""

import contextlib
import datetime
import struct
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage, storages

from yuyang_union.personal_data.crypto import file_fernet
from yuyang_union.storage.folders import private_folder

CHUNK = 1024 * 1024
_LENGTH = struct.Struct(">I")


def result_storage() -> Storage:
    return storages["job_results"]


def result_folder() -> Path:
    """JOB_RESULT_DIR (the local storage's folder), created for this user alone (0700)."""
    return private_folder("JOB_RESULT_DIR")


def _checked(name: str) -> str:
    # Names are ours (uuid hex): one read back from the database is never a path.
    if len(name) != 32 or not all(c in "0123456789abcdef" for c in name):
        raise FileNotFoundError(name)
    return name


class ResultWriter:
    """A write-only file object (what openpyxl's and python-docx's `save` need) that
    encrypts as it goes when `encrypted`; `size` counts the bytes of the file itself."""

    def __init__(self, *, encrypted: bool) -> None:
        self.name = uuid.uuid4().hex
        self.encrypted = encrypted
        self.size = 0
        self._buffer = bytearray()
        # Closed by close() or discard(), which the `with` of every caller reaches.
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if not self.encrypted:
            return self._file.write(data)
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]))
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._file.flush()

    def _seal(self, chunk: bytes) -> None:
        token = file_fernet().encrypt(chunk)
        self._file.write(_LENGTH.pack(len(token)) + token)

    def close(self) -> None:
        if self._file.closed:
            return
        if self.encrypted and self._buffer:
            self._seal(bytes(self._buffer))
            self._buffer.clear()
        with self._file:
            self._file.seek(0)
            saved = result_storage().save(self.name, File(self._file, name=self.name))
        if saved != self.name:  # a storage that renamed it: no longer the file we name
            result_storage().delete(saved)
            raise FileExistsError(self.name)

    def discard(self) -> None:
        self._file.close()
        delete_result(self.name)

    def __enter__(self) -> "ResultWriter":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()


def read_result(name: str, *, encrypted: bool) -> Iterator[bytes]:
    """The file's content in chunks (decrypted); FileNotFoundError when it is gone."""
    file = result_storage().open(_checked(name), "rb")
    return _chunks(file, encrypted=encrypted)


def _chunks(file: IO[bytes], *, encrypted: bool) -> Iterator[bytes]:
    with file as handle:
        if not encrypted:
            while chunk := handle.read(CHUNK):
                yield chunk
            return
        fernet = file_fernet()
        while header := handle.read(_LENGTH.size):
            (length,) = _LENGTH.unpack(header)
            yield fernet.decrypt(handle.read(length))


def delete_result(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        result_storage().delete(_checked(name))


def result_names_on_disk() -> set[str]:
    """The names of every result file in the storage."""
    _folders, names = result_storage().listdir("")
    return set(names)


def modified_before(name: str, moment: "datetime.datetime") -> bool:
    try:
        return result_storage().get_modified_time(_checked(name)) < moment
    except FileNotFoundError:
        return False
