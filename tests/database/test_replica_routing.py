"""Reads of the summary and of export jobs go to the read replica (DATABASE_REPLICA_URL);
every write, and every other read, to the primary. The replica here is Django's test mirror
of the default alias: a second connection to the test database."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from legal_aid.models import Case
from tests.legal_aid.factories import make_case, other_worker
from tests.workbooks import job_of, result_rows
from yuyang_union import roles
from yuyang_union.database.routers import reading_from_replica

BOTH = ["default", "replica"]


def statements(context):
    return [query["sql"] for query in context.captured_queries]


def reading(sqls, table):
    return [sql for sql in sqls if sql.startswith("SELECT") and f'FROM "{table}"' in sql]


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_summary_page_reads_its_figures_from_the_replica(
    client, make_staff, replica, committed_rows
):
    make_case(kind="mediation", applicants=[other_worker("冉秀英")])
    client.force_login(make_staff(roles.LEADERS))
    with (
        CaptureQueriesContext(connection) as primary,
        CaptureQueriesContext(replica) as from_replica,
    ):
        response = client.get(reverse("summary:index"))
    assert response.status_code == 200
    on_replica, on_primary = statements(from_replica), statements(primary)
    # The figures (legal aid's among them) are read on the replica, and only reads go there.
    assert reading(on_replica, "legal_aid_case")
    assert all(sql.startswith(("SELECT", "WITH")) for sql in on_replica), on_replica
    # The primary still serves the session and the signed-in user, nothing of the figures.
    assert reading(on_primary, "django_session")
    assert not reading(on_primary, "legal_aid_case")


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_export_job_reads_from_the_replica_and_writes_to_the_primary(
    client, make_staff, run_jobs, replica, committed_rows
):
    legal = make_staff(roles.LEGAL)
    case = make_case(actor=legal, kind="mediation", applicants=[other_worker("冉秀英")])
    client.force_login(legal)
    job = job_of(client.post(reverse("legal_aid:case-export")))
    with (
        CaptureQueriesContext(connection) as primary,
        CaptureQueriesContext(replica) as from_replica,
    ):
        run_jobs()
    on_replica, on_primary = statements(from_replica), statements(primary)
    assert reading(on_replica, "legal_aid_case")
    assert all(sql.startswith(("SELECT", "WITH", "DECLARE")) for sql in on_replica)
    assert not reading(on_primary, "legal_aid_case")
    # The job's progress and its end are written on the primary.
    assert any(sql.startswith('UPDATE "jobs_job"') for sql in on_primary)
    job.refresh_from_db()
    assert job.state == "succeeded"
    _header, *rows = result_rows(job)
    assert rows[0][0] == case.reference


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_save_inside_the_block_goes_to_the_primary(replica, committed_rows):
    make_case(kind="mediation", applicants=[other_worker("冉秀英")])
    with (
        CaptureQueriesContext(connection) as primary,
        CaptureQueriesContext(replica) as from_replica,
        reading_from_replica() as alias,
    ):
        assert alias == "replica"
        case = Case.objects.get()
        assert case._state.db == "replica"
        case.facts = "拖欠工资"
        case.save(update_fields=["facts"])
    assert reading(statements(from_replica), "legal_aid_case")
    assert not any(sql.startswith("UPDATE") for sql in statements(from_replica))
    assert any(sql.startswith('UPDATE "legal_aid_case"') for sql in statements(primary))
    # Outside the block, reads are the primary's again.
    with CaptureQueriesContext(replica) as after:
        assert Case.objects.get().facts == "拖欠工资"
    assert statements(after) == []


@pytest.mark.django_db(databases=BOTH)
def test_an_unreachable_replica_leaves_the_reads_on_the_primary_with_a_warning(
    replica, monkeypatch, caplog
):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(replica, "ensure_connection", refuse)
    with (
        caplog.at_level(logging.WARNING, logger="yuyang_union.database.routers"),
        CaptureQueriesContext(connection) as primary,
        reading_from_replica() as alias,
    ):
        assert alias == "default"
        Case.objects.count()
    assert reading(statements(primary), "legal_aid_case")
    assert "read replica cannot be reached" in caplog.text


@pytest.mark.django_db
def test_without_a_replica_the_block_changes_nothing(settings):
    assert settings.DATABASE_REPLICA_ALIAS == ""
    with CaptureQueriesContext(connection) as primary, reading_from_replica() as alias:
        assert alias == "default"
        Case.objects.count()
    assert reading(statements(primary), "legal_aid_case")


def test_the_replica_url_adds_the_replica_alias():
    from tests.test_settings import settings_as_seen_with

    url = "postgres://yuyang_site@/yuyang?host=/srv/replica"
    seen = settings_as_seen_with(
        {"DATABASE_REPLICA_URL": url}, ["DATABASES", "DATABASE_REPLICA_ALIAS"]
    )
    assert seen["DATABASE_REPLICA_ALIAS"] == "replica"
    replica = seen["DATABASES"]["replica"]
    assert (replica["USER"], replica["OPTIONS"]["host"]) == ("yuyang_site", "/srv/replica")
    assert replica["TEST"]["MIRROR"] == "default"
    unset = settings_as_seen_with(
        {"DATABASE_REPLICA_URL": ""}, ["DATABASES", "DATABASE_REPLICA_ALIAS"]
    )
    assert unset["DATABASE_REPLICA_ALIAS"] == ""
    assert "replica" not in unset["DATABASES"]
