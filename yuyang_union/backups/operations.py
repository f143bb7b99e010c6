"""Taking, verifying, restoring and pruning backups; the management commands print.

Everything runs on the default connection logged in as the owner of the tables
(`privileges.logged_in_as_owner`: DATABASE_OWNER_URL), which reads every table and may
create the scratch database (CREATEDB).
"""

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from yuyang_union.database import privileges

from . import BackupError
from .databases import connected_to, relations_in, scratch_database
from .folders import (
    DUMP,
    FILES,
    FORMAT,
    archive_uploaded_files,
    archived_file_counts,
    backups,
    new_backup_folder,
    non_empty_upload_roots,
    private_file,
    read_manifest,
    restore_uploaded_files,
    sha256,
    write_manifest,
)
from .postgres import find_tool, libpq_environment, run_tool, tool_version
from .retention import backups_to_keep
from .state import DatabaseState, Difference, compare, database_state, periods


@dataclass
class Comparison:
    rows: list[Difference]  # every figure, table and folder of files compared
    differences: list[Difference]

    def compared(self) -> str:
        """What was compared, e.g. "156 figures, 72 tables, 2 file folders"."""
        labels = [("figure", "figures"), ("table", "tables"), ("files", "file folders")]
        return ", ".join(
            f"{sum(1 for row in self.rows if row.kind == kind)} {label}" for kind, label in labels
        )


def server_version(connection: BaseDatabaseWrapper) -> int:
    connection.ensure_connection()
    return int(connection.pg_version)  # type: ignore[attr-defined]


def dump_in_one_snapshot(
    connection: BaseDatabaseWrapper, pg_dump: str, target: Path
) -> DatabaseState:
    """Dump the database into `target` and compute its state, both in one snapshot: the
    state is exactly what the dump holds, however busy the site is meanwhile."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        environment = libpq_environment(connection.settings_dict, connection.settings_dict["NAME"])
        with private_file(target) as output:
            run_tool(
                pg_dump,
                ["--format=custom", f"--snapshot={snapshot}", "--no-password"],
                environment,
                stdout=output,
            )
        return database_state(periods(timezone.localdate()))


def take_backup() -> Path:
    """Write a new backup into BACKUP_DIR; its folder."""
    taken = timezone.now()
    with privileges.logged_in_as_owner() as connection:
        version = server_version(connection)
        pg_dump = find_tool("pg_dump", version)
        with new_backup_folder(taken) as (folder, final):
            state = dump_in_one_snapshot(connection, pg_dump, folder / DUMP)
            files = archive_uploaded_files(folder / FILES)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "taken_at": timezone.localtime(taken).isoformat(),
                "database": connection.settings_dict["NAME"],
                "server_version": version,
                "pg_dump": ".".join(map(str, tool_version(pg_dump) or ())),
                "checksums": {name: sha256(folder / name) for name in (DUMP, FILES)},
                "files": files,
                "state": state.as_json(),
            }
            write_manifest(folder, manifest)
    return final


def restore_dump(connection: BaseDatabaseWrapper, dump: Path, database: str) -> None:
    """pg_restore the dump into `database`, all or nothing, its objects owned by the login."""
    pg_restore = find_tool("pg_restore", server_version(connection))
    run_tool(
        pg_restore,
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={database}",
            str(dump),
        ],
        libpq_environment(connection.settings_dict, database),
    )


def compare_with_manifest(
    manifest: dict[str, Any], found: DatabaseState, files: dict[str, int]
) -> Comparison:
    rows, differences = compare(DatabaseState.from_json(manifest["state"]), found)
    for name in sorted(manifest["files"].keys() | files.keys()):
        row = Difference(
            "files", name, str(manifest["files"].get(name, "missing")), str(files.get(name, 0))
        )
        rows.append(row)
        if row.expected != row.found:
            differences.append(row)
    return Comparison(rows, differences)


def verify_backup(folder: Path) -> Comparison:
    """Restore the backup into a scratch database (dropped afterwards) and compare its
    figures, row counts and files with the live database's when the backup was taken."""
    manifest = read_manifest(folder)
    expected = DatabaseState.from_json(manifest["state"])
    files = archived_file_counts(folder / FILES)
    with privileges.logged_in_as_owner() as connection:
        server_version(connection)
        with scratch_database(connection) as scratch:
            restore_dump(connection, folder / DUMP, scratch)
            with connected_to(connection, scratch):
                found = database_state(expected.periods)
    return compare_with_manifest(manifest, found, files)


def restore_backup(folder: Path, *, database: str | None = None, files: bool = True) -> Comparison:
    """Restore a backup into an empty database (the configured one, or `database`) and the
    uploaded files into empty folders; grant the site role its rows; compare as verify does."""
    manifest = read_manifest(folder)
    expected = DatabaseState.from_json(manifest["state"])
    with privileges.logged_in_as_owner() as connection:
        target = database or str(connection.settings_dict["NAME"])
        with connected_to(connection, target):
            try:
                relations = relations_in(connection)
            except DatabaseError as error:
                raise BackupError(
                    f"Cannot open the database {target} ({error}): create it empty first."
                ) from error
        if relations:
            raise BackupError(
                f"The database {target} is not empty ({relations} tables, views or sequences): "
                "a backup is restored only into an empty database (README, Backup and restore)."
            )
        if files and non_empty_upload_roots():
            folders = ", ".join(str(p) for p in non_empty_upload_roots())
            raise BackupError(
                f"The folders of uploaded files are not empty ({folders}): empty them, or "
                "restore the database alone with --no-files."
            )
        restore_dump(connection, folder / DUMP, target)
        with connected_to(connection, target):
            grant_site_role(connection)
            found = database_state(expected.periods)
    restored = restore_uploaded_files(folder / FILES) if files else {}
    return compare_with_manifest(manifest, found, restored if files else manifest["files"])


def grant_site_role(connection: BaseDatabaseWrapper) -> None:
    """What `migrate` does after migrating: the site role gets its rows (not the owner's)."""
    role = privileges.site_role()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        current_user = cursor.fetchone()[0]
    if role and role != current_user:
        privileges.grant_site_privileges(connection, role)


def prune(folder: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the backups in `folder` the retention rule does not keep; those deleted."""
    found = backups(folder)
    keep = backups_to_keep(found, daily=daily, weekly=weekly, monthly=monthly)
    removed = []
    for taken, path in sorted(found.items()):
        if taken not in keep:
            shutil.rmtree(path)
            removed.append(path)
    return removed


def resolve(backup: str, folder: Path) -> Path:
    """A backup given by its path or by its folder's name in BACKUP_DIR."""
    path = Path(backup)
    if not path.is_dir():
        path = folder / backup
    if not path.is_dir():
        raise BackupError(f"No backup at {backup}.")
    return path
