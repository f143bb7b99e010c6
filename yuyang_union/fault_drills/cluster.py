"""A throwaway PostgreSQL cluster made exactly as `make run` makes the project's (devdb.sh).

The durability test and drill need a server they may kill: `scripts/devdb.sh start` with
DEVDB_DATA pointing at a fresh folder gives one with the same settings as `make run`'s
cluster (whatever the script writes into postgresql.conf), its superuser `yuyang`, its roles
and its database; `crash()` kills every process of it with SIGKILL, as a power cut would.
"""

import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings

DEVDB = Path(settings.BASE_DIR) / "scripts" / "devdb.sh"
# The settings that decide whether a commit confirmed to a user survives a crash.
DURABILITY_SETTINGS = ("fsync", "full_page_writes", "synchronous_commit")
# How long the processes of a killed server may take to disappear.
EXIT_TIMEOUT = 10.0


class Cluster:
    def __init__(self, data: Path) -> None:
        self.data = data

    def devdb(self, command: str) -> None:
        subprocess.run(  # noqa: S603 (the project's own script)
            [str(DEVDB), command],
            env={**os.environ, "DEVDB_DATA": str(self.data)},
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self.devdb("start")

    def stop(self) -> None:
        self.devdb("stop")

    def connect(self, **options: Any) -> psycopg.Connection[Any]:
        """A connection as the cluster's superuser to its database, committing each statement."""
        return psycopg.connect(
            host=str(self.data), user="yuyang", dbname="yuyang", autocommit=True, **options
        )

    def settings(self) -> dict[str, str]:
        """{name: value} of the durability settings, as the running server has them."""
        with self.connect() as connection:
            rows = connection.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                [list(DURABILITY_SETTINGS)],
            ).fetchall()
        return dict(rows)

    def server_processes(self) -> list[int]:
        """The postmaster's id and its children's (the backends, the WAL writer...)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = [pid for pid in _all_processes() if _parent(pid) == postmaster]
        return [postmaster, *children]

    def crash(self) -> int:
        """Kill every process of the server with SIGKILL; return how many there were."""
        pids = self.server_processes()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + EXIT_TIMEOUT
        while any(_running(pid) for pid in pids):
            if time.monotonic() > deadline:
                raise TimeoutError(f"server processes still running: {pids}")
            time.sleep(0.05)
        self._forget_dead_server(pids[0])
        return len(pids)

    def _forget_dead_server(self, postmaster: int) -> None:
        # A killed process lingers as a zombie until its parent reaps it, and in a container
        # whose first process does not reap orphans that may take a while. PostgreSQL reads a
        # zombie's id in its lock files as a server still running and refuses to start; after a
        # real crash (a reboot) the id is gone. So the lock files of a server whose processes
        # are all dead or zombies go, as a reboot would make them stale.
        if _exists(postmaster):
            for lock in [self.data / "postmaster.pid", *self.data.glob(".s.PGSQL.*.lock")]:
                lock.unlink(missing_ok=True)


def _all_processes() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (command) state ppid ...": the command may hold spaces and parentheses.
    return text[text.rindex(")") + 2 :].split()


def _parent(pid: int) -> int | None:
    fields = _stat(pid)
    return int(fields[1]) if fields else None


def _exists(pid: int) -> bool:
    return _stat(pid) is not None


def _running(pid: int) -> bool:
    """Alive and not a zombie (a zombie holds nothing: no memory, no files)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A fresh cluster in the system's temporary folder, stopped and deleted afterwards.

    The folder is made by devdb.sh itself (a new path directly in /tmp), so that as root the
    server's own user can reach it, as devdb.sh arranges for a checkout.
    """
    data = Path(tempfile.gettempdir()) / f"yuyang-throwaway-{secrets.token_hex(6)}"
    cluster = Cluster(data)
    try:
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            real = data.resolve()
            if data.is_symlink():
                data.unlink()
            shutil.rmtree(real, ignore_errors=True)
