"""The rows an import's check accepted, kept for its write: the write then inserts them
without reading and checking the file a second time (the check of a big roster is most of
an import's cost).

Only for resources that write in bulk (`use_bulk`, such as members): their rows are whole
model instances once checked. The file holds each batch's field values, pickled, in the
encrypted chunks of a job result file (`yuyang_union.jobs.files`: Fernet, so a file that was
changed on disk does not open, and nobody but the portal can write one it would read). It
lives in JOB_RESULT_DIR, named in the job's params, and goes once the import is written,
refused or cancelled, or with the other expired files.

What may have changed between the check and the write is checked again by the resource for
each batch (`ScopedResource.recheck_staged`: a member registered meanwhile, a union moved
out of the officer's subtree), and the database's own rules hold the rest.
"""

# Only files this portal wrote and encrypted are read back (see above).
import pickle
import struct
from collections.abc import Iterator

from django.db import models

from yuyang_union.jobs.files import ResultWriter, delete_result, read_result
from yuyang_union.search_columns import is_generated

_LENGTH = struct.Struct(">I")


def staged_fields(model: type[models.Model]) -> list[str]:
    # Generated columns (the search grams) are the database's: an unsaved row has none.
    return [
        f.attname for f in model._meta.concrete_fields if not f.primary_key and not is_generated(f)
    ]


class Stager:
    """Collects checked instances, batch by batch, into an encrypted file."""

    def __init__(self, model: type[models.Model]) -> None:
        self.fields = staged_fields(model)
        self.file = ResultWriter(encrypted=True)
        self.rows = 0

    def add(self, instances: list[models.Model], row_numbers: list[int]) -> None:
        values = [tuple(getattr(i, name) for name in self.fields) for i in instances]
        record = pickle.dumps((row_numbers, values), protocol=pickle.HIGHEST_PROTOCOL)
        self.file.write(_LENGTH.pack(len(record)) + record)
        self.rows += len(instances)

    def close(self) -> str:
        self.file.close()
        return self.file.name

    def discard(self) -> None:
        self.file.discard()


def staged_batches(
    name: str, model: type[models.Model]
) -> Iterator[tuple[list[int], list[models.Model]]]:
    """(Excel row numbers, unsaved instances) for each staged batch."""
    fields = staged_fields(model)
    stream = _ChunkStream(read_result(name, encrypted=True))
    while header := stream.read(_LENGTH.size):
        (length,) = _LENGTH.unpack(header)
        rows, values = pickle.loads(stream.read(length))  # noqa: S301 - our own, encrypted
        yield rows, [model(**dict(zip(fields, row, strict=True))) for row in values]


def discard_staged(name: str | None) -> None:
    if name:
        delete_result(name)


class _ChunkStream:
    """Reads across the decrypted chunks as one stream."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._chunk = b""
        self._at = 0

    def read(self, size: int) -> bytes:
        parts = []
        while size:
            if self._at >= len(self._chunk):
                self._chunk, self._at = next(self._chunks, b""), 0
                if not self._chunk:
                    break
            part = self._chunk[self._at : self._at + size]
            self._at += len(part)
            size -= len(part)
            parts.append(part)
        return b"".join(parts)
