"""Result files of jobs: in JOB_RESULT_DIR under random names, encrypted when they hold
personal data, streamed in and out in chunks so that memory stays flat whatever their size.

An encrypted file is a sequence of chunks, each a 4-byte length and a Fernet token of up to
`CHUNK` bytes of the file (the key: `personal_data.crypto.file_fernet`). A file without
personal data (a report of figures) is kept as it is.

The folder must be shared by the web nodes and the workers when they run on several machines
(a network file system): the worker writes, the web node serves.
"""

import contextlib
import datetime
import os
import struct
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from yuyang_union.excel.uploads import private_folder
from yuyang_union.personal_data.crypto import file_fernet

CHUNK = 1024 * 1024
_LENGTH = struct.Struct(">I")


def result_folder() -> Path:
    """JOB_RESULT_DIR, created for this user alone (0700) on first use."""
    return private_folder("JOB_RESULT_DIR")


def _path(name: str) -> Path:
    # Names are ours (uuid hex): one read back from the database is never a path.
    if len(name) != 32 or not all(c in "0123456789abcdef" for c in name):
        raise FileNotFoundError(name)
    return result_folder() / name


class ResultWriter:
    """A write-only file object (what openpyxl's and python-docx's `save` need) that
    encrypts as it goes when `encrypted`; `size` counts the bytes of the file itself."""

    def __init__(self, *, encrypted: bool) -> None:
        self.name = uuid.uuid4().hex
        self.encrypted = encrypted
        self.size = 0
        self._buffer = bytearray()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        self._file = os.fdopen(os.open(_path(self.name), flags, 0o600), "wb")

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
        self._file.close()

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
    file = _path(name).open("rb")
    return _chunks(file, encrypted=encrypted)


def _chunks(file: BinaryIO, *, encrypted: bool) -> Iterator[bytes]:
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
        _path(name).unlink()


def result_names_on_disk() -> set[str]:
    with os.scandir(result_folder()) as entries:
        return {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}


def modified_before(name: str, moment: "datetime.datetime") -> bool:
    try:
        return _path(name).stat().st_mtime < moment.timestamp()
    except FileNotFoundError:
        return False
