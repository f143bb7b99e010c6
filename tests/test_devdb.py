"""The project-local cluster of `make run` is durable: what a member was told is saved stays
saved when the server crashes (scripts/devdb.sh; yuyang_union/fault_drills/)."""

import os
import re

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from yuyang_union.fault_drills.cluster import DURABILITY_SETTINGS, throwaway_cluster
from yuyang_union.fault_drills.durability import commit_crash_count

DURABLE = dict.fromkeys(DURABILITY_SETTINGS, "on")
# What the old devdb.sh wrote into postgresql.conf at init.
OLD_CONF_LINES = "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
SWITCHED_OFF = re.compile(r"^\s*(fsync|synchronous_commit|full_page_writes)\s*=\s*off", re.M)


def test_a_new_cluster_is_durable():
    with throwaway_cluster() as cluster:
        assert cluster.settings() == DURABLE
        conf = (cluster.data / "postgresql.conf").read_text()
    assert not SWITCHED_OFF.search(conf)


def test_the_project_cluster_is_durable_for_the_site(django_db_modify_db_settings):
    # The site's login (as `make run` connects), without the test session's own options.
    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL names a server this project does not run")
    login = django_db_modify_db_settings
    assert login["HOST"] == str(settings.BASE_DIR / ".pgdata")  # make run's own cluster
    with psycopg.connect(
        host=str(login["HOST"]), user=login["USER"], dbname="postgres", autocommit=True
    ) as site:
        rows = site.execute(
            "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
            [list(DURABILITY_SETTINGS)],
        ).fetchall()
    assert dict(rows) == DURABLE


@pytest.mark.django_db
def test_only_the_test_sessions_connections_skip_waiting_for_the_disk():
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"


def test_a_cluster_made_by_the_old_script_is_made_durable_on_start():
    with throwaway_cluster() as cluster:
        conf = cluster.data / "postgresql.conf"
        with conf.open("a") as file:
            file.write(OLD_CONF_LINES)
        with cluster.connect() as superuser:
            superuser.execute("SELECT pg_reload_conf()")
        # Running as the old script left it (synchronous_commit applies to new sessions).
        assert set(cluster.settings().values()) == {"off"}

        cluster.start()

        assert cluster.settings() == DURABLE
        assert not SWITCHED_OFF.search(conf.read_text())


def test_commits_acknowledged_before_a_crash_are_all_there_after_restart():
    with throwaway_cluster() as cluster:
        assert commit_crash_count(cluster, rows=500) == 500
