"""Backups that are tested: a dump and the uploaded files, kept by a retention rule, restored
into an empty database, verified by restoring into a scratch database.

- `manage.py backup` writes `BACKUP_DIR/backup-<local time>/` (folder 0700, files 0600):
  `database.dump` (pg_dump's custom format, taken in one snapshot), `files.tar.gz` (MEDIA_ROOT
  and the private case documents) and `manifest.json`: checksums, and the state of the
  database in the dump's very snapshot (every summary figure, every table's row count).
  Then it deletes the backups the retention rule (`retention.py`) does not keep.
- `--verify` (or `manage.py verify_backup`) restores the dump into a scratch database,
  computes the same state there and compares it with the manifest's, that is with the live
  database at the moment of the dump; the scratch database is dropped afterwards.
- `manage.py restore <backup>` restores into an empty database (refusing any other) and
  checks the result the same way.

The personal-data key is not in a backup: the identifiers in the dump stay encrypted and
are readable only with the key, kept apart (README, "Backup and restore").
"""


class BackupError(Exception):
    """A backup, restore or verification that cannot go on; the message says why."""
