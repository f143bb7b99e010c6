"""The backup folder: one folder per backup, its files, its manifest, the uploaded files.

BACKUP_DIR/backup-2026-11-24T020000/   (0700; a backup still being written is hidden as
    database.dump                        .backup-...partial and never counted or kept)
    files.tar.gz                        (0600 each: personal data)
    manifest.json
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils import timezone

from . import BackupError

DUMP = "database.dump"
FILES = "files.tar.gz"
MANIFEST = "manifest.json"
FORMAT = 1
NAME = re.compile(r"^backup-(\d{4}-\d{2}-\d{2}T\d{6})$")
TIME_FORMAT = "%Y-%m-%dT%H%M%S"


def backup_dir() -> Path:
    """settings.BACKUP_DIR, made (or tightened to) 0700: only its owner may enter it."""
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def folder_name(taken: datetime.datetime) -> str:
    return f"backup-{timezone.localtime(taken):{TIME_FORMAT}}"


def taken_at(folder: Path) -> datetime.datetime | None:
    """The local time in a backup folder's name; None for anything else in BACKUP_DIR."""
    match = NAME.match(folder.name)
    if not match or not folder.is_dir():
        return None
    naive = datetime.datetime.strptime(match[1], TIME_FORMAT)  # noqa: DTZ007 (local time)
    return timezone.make_aware(naive)


def backups(folder: Path) -> dict[datetime.datetime, Path]:
    """{time taken: folder} of the finished backups in `folder`."""
    found = {}
    for entry in folder.iterdir() if folder.is_dir() else []:
        taken = taken_at(entry)
        if taken is not None:
            found[taken] = entry
    return found


def newest_backup(folder: Path) -> Path:
    found = backups(folder)
    if not found:
        raise BackupError(f"No backup in {folder}.")
    return found[max(found)]


@contextmanager
def new_backup_folder(taken: datetime.datetime) -> Iterator[tuple[Path, Path]]:
    """(a hidden folder to write the backup into, its final name): renamed when the block
    ends without error, deleted otherwise."""
    final = backup_dir() / folder_name(taken)
    if final.exists():
        raise BackupError(f"{final} exists already.")
    partial = final.with_name(f".{final.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        yield partial, final
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(final)


def private_file(path: Path) -> IO[bytes]:
    """A new file only its owner may read (0600), whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def uploaded_file_roots() -> dict[str, Path]:
    """The folders of uploaded files, by their name in the archive: event images and other
    public uploads (MEDIA_ROOT), legal-aid case documents (PRIVATE_MEDIA_ROOT, or
    private_media beside MEDIA_ROOT, as legal_aid's storage finds it)."""
    media = Path(settings.MEDIA_ROOT)
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or media.parent / "private_media"
    return {"media": media, "private_media": Path(private)}


def files_in(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def archive_uploaded_files(target: Path) -> dict[str, int]:
    """Write the uploaded files into `target` (a tar.gz); {root name: files archived}."""
    counts = {}
    with private_file(target) as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for name, root in uploaded_file_roots().items():
            files = files_in(root)
            for path in files:
                tar.add(path, arcname=f"{name}/{path.relative_to(root)}", recursive=False)
            counts[name] = len(files)
    return counts


def archived_file_counts(archive: Path) -> dict[str, int]:
    """{root name: files} in an archive, read back (a damaged archive raises BackupError)."""
    counts = dict.fromkeys(uploaded_file_roots(), 0)
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                root = member.name.split("/", 1)[0]
                if member.isfile():
                    counts[root] = counts.get(root, 0) + 1
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} cannot be read: {error}") from error
    return counts


def non_empty_upload_roots() -> list[Path]:
    return [root for root in uploaded_file_roots().values() if files_in(root)]


def restore_uploaded_files(archive: Path) -> dict[str, int]:
    """Unpack the archive into the (empty) upload folders; {root name: files restored}."""
    roots = uploaded_file_roots()
    with tempfile.TemporaryDirectory() as unpacked, tarfile.open(archive, mode="r:gz") as tar:
        # The "data" filter refuses absolute paths, links out of the folder, devices.
        tar.extractall(unpacked, filter="data")
        counts = {}
        for name, root in roots.items():
            source = Path(unpacked) / name
            counts[name] = len(files_in(source))
            if source.is_dir():
                shutil.copytree(source, root, dirs_exist_ok=True)
    return counts


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    with private_file(folder / MANIFEST) as file:
        file.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode())


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder, after checking its files against their checksums."""
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown format {manifest.get('format')!r}.")
    for name, expected in manifest["checksums"].items():
        if not (folder / name).is_file() or sha256(folder / name) != expected:
            raise BackupError(f"{folder / name} is missing or damaged (checksum differs).")
    return manifest
