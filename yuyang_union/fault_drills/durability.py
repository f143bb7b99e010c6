"""Drill (a): commits acknowledged to a client survive a crash of the database server.

On a throwaway cluster made as `make run` makes its own, rows are inserted one commit at a
time (each acknowledged before the next, as a sign-up confirmed to a member), every server
process is killed with SIGKILL, the server starts again (crash recovery), and the rows are
counted. With synchronous_commit off (the old devdb.sh), the last commits before the kill
are lost although the client was told they were saved.

A kill of the processes leaves the operating system's page cache intact, so it cannot show
what fsync and full_page_writes protect against (a power cut or a kernel crash): the drill
prints those settings, and tests/test_devdb.py checks them.
"""

from .cluster import Cluster, throwaway_cluster
from .registry import DrillResult

ROWS = 500


def commit_crash_count(cluster: Cluster, rows: int = ROWS) -> int:
    """Commit `rows` rows one by one, crash the server, restart it; the rows found."""
    with cluster.connect() as connection:
        connection.execute("CREATE TABLE drill_signup (id integer PRIMARY KEY)")
    client = cluster.connect()
    for number in range(rows):
        # Autocommit: execute() returns once the server acknowledged the commit.
        client.execute("INSERT INTO drill_signup (id) VALUES (%s)", [number])
    # The client is still connected when the server dies, as a live site's would be.
    cluster.crash()
    client.close()
    cluster.start()
    with cluster.connect() as connection:
        row = connection.execute("SELECT count(*) FROM drill_signup").fetchone()
    return int(row[0]) if row else 0


def durability_drill() -> DrillResult:
    with throwaway_cluster() as cluster:
        settings = ", ".join(f"{name}={value}" for name, value in cluster.settings().items())
        found = commit_crash_count(cluster)
    return DrillResult(
        "durability",
        f"{ROWS} rows committed one by one on a cluster made as `make run` makes it "
        f"({settings}); every server process killed with SIGKILL; restarted; {found} found",
        ROWS - found,
    )
