"""scripts/replica.sh makes a real streaming replica of the project's cluster: a row written
on the primary is read on the replica, which refuses writes; its URL is the one printed."""

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import environ
import psycopg
import pytest
from django.conf import settings

from yuyang_union.fault_drills.cluster import throwaway_cluster

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "replica.sh"


def replica_sh(command, primary, replica):
    done = subprocess.run(  # noqa: S603 (the project's own script)
        [str(SCRIPT), command],
        env={**os.environ, "DEVDB_DATA": str(primary), "REPLICA_DATA": str(replica)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_on_replica(host, sql, timeout=20.0):
    """The query's rows on the replica once it has replayed them (it lags a moment)."""
    deadline = time.monotonic() + timeout
    while True:
        with psycopg.connect(host=host, user="yuyang", dbname="yuyang", autocommit=True) as db:
            try:
                rows = db.execute(sql).fetchall()
            except psycopg.errors.UndefinedTable:
                rows = []
        if rows or time.monotonic() > deadline:
            return rows
        time.sleep(0.2)


def test_a_row_written_on_the_primary_is_read_on_the_replica():
    replica = Path(tempfile.gettempdir()) / f"yuyang-throwaway-replica-{secrets.token_hex(6)}"
    with throwaway_cluster() as primary:
        try:
            printed = replica_sh("start", primary.data, replica)
            with primary.connect() as db:
                db.execute("CREATE TABLE drill (note text)")
                db.execute("INSERT INTO drill VALUES ('写在主库')")
            assert read_on_replica(str(replica), "SELECT note FROM drill") == [("写在主库",)]
            with psycopg.connect(host=str(replica), user="yuyang", dbname="yuyang") as db:
                assert db.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
                with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                    db.execute("INSERT INTO drill VALUES ('写在从库')")
            # The URL printed reaches the replica as the site's role.
            [line] = [x for x in printed.splitlines() if x.startswith("DATABASE_REPLICA_URL=")]
            config = environ.Env.db_url_config(line.split("=", 1)[1])
            assert (config["OPTIONS"]["host"], config["USER"]) == (str(replica), "yuyang_site")
            assert "in recovery: t" in replica_sh("status", primary.data, replica)
        finally:
            replica_sh("stop", primary.data, replica)
            real = replica.resolve()
            if replica.is_symlink():
                replica.unlink()
            shutil.rmtree(real, ignore_errors=True)
