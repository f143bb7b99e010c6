"""Drill (c): a backup restores to the same figures and rows.

Takes a backup of the configured database (BACKUP_DIR), restores it into a scratch
database and compares every summary figure, every table's row count and the files. Lost:
the differences. The backup stays, like any other, under the retention rule.
"""

from yuyang_union.backups.operations import take_backup, verify_backup

from .registry import DrillResult


def backup_drill() -> DrillResult:
    folder = take_backup()
    comparison = verify_backup(folder)
    return DrillResult(
        "backup",
        f"backup {folder.name}, restored into a scratch database and compared "
        f"({comparison.compared()})",
        len(comparison.differences),
    )
