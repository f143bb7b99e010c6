"""Fixtures shared by every test: the owner's login, fast hashing, staff personas by role."""

import copy

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections

from tests.members.factories import StaffProfileFactory, UserFactory
from tests.sign_in import VerifiedClient
from yuyang_union import roles
from yuyang_union.database.privileges import LOGIN_SETTINGS, OWNER_ALIAS

REPLICA_ALIAS = "replica"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The test session connects as the owner of the tables; returns the site's login.

    pytest-django creates the test database (CREATE DATABASE) and empties it after each
    transactional test (`flush`: TRUNCATE), which the site role may not do. So the default
    alias logs in as the owner (DATABASE_OWNER_URL) for the whole session, and the "owner"
    alias goes: the default alias is the owner here, and code that would use the owner alias
    when there is one (the key rotation) uses the default alias, as the tests expect.
    Creating the test database runs the project's migrate, which still grants the site role
    (DATABASE_SITE_ROLE, kept from DATABASE_URL) its rows; tests/test_database_roles.py
    connects as the site role to show what it may and may not do.
    """
    # connections.settings: settings.DATABASES itself, every key filled in.
    default = connections.settings[DEFAULT_DB_ALIAS]
    site = {key: default[key] for key in LOGIN_SETTINGS}
    owner = connections.settings.pop(OWNER_ALIAS, None)
    if owner is not None:
        connections[DEFAULT_DB_ALIAS].close()
        default.update({key: owner[key] for key in LOGIN_SETTINGS})
    # Speed for the tests alone: their own connections commit without waiting for the WAL to
    # reach the disk. The cluster itself stays durable for `make run` (scripts/devdb.sh).
    options = dict(default["OPTIONS"])
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
    default["OPTIONS"] = options
    # A read replica for the tests that ask for it (`replica` fixture): Django's test mirror
    # of the default alias, a second connection to the same test database, logged in alike.
    connections.settings[REPLICA_ALIAS] = {
        **copy.deepcopy(default),
        "TEST": {**default["TEST"], "MIRROR": DEFAULT_DB_ALIAS},
    }
    return site


@pytest.fixture
def replica(settings):
    """The summary and the export jobs read from the "replica" alias (a test mirror: tests
    using it are transactional, `databases=["default", "replica"]`, as the mirror's separate
    connection sees committed rows only). Gives the replica's connection."""
    settings.DATABASE_REPLICA_ALIAS = REPLICA_ALIAS
    return connections[REPLICA_ALIAS]


@pytest.fixture
def client():
    """Django's test client, whose force_login passes a staff user's second factor too."""
    return VerifiedClient()


@pytest.fixture
def admin_client(admin_user):
    client = VerifiedClient()
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files from `collectstatic`'s manifest; tests render templates
    # straight from the source folders so they never depend on a stale `collectstatic` run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database is rolled back, and with it the public pages' versions: a page
    # cached by an earlier test under the same version numbers must not be served to this one.
    cache.clear()


@pytest.fixture(autouse=True)
def _import_uploads_in_a_folder_of_the_test(settings, tmp_path_factory):
    # Import files waiting for a confirmation go to a folder of each test's own: none left in
    # the machine's temporary folder, and a test that looks at the folder sees only its own.
    settings.IMPORT_UPLOAD_DIR = tmp_path_factory.mktemp("import-uploads")


@pytest.fixture(autouse=True)
def _job_results_in_a_folder_of_the_test(settings, tmp_path_factory):
    settings.JOB_RESULT_DIR = tmp_path_factory.mktemp("job-results")


@pytest.fixture
def run_jobs(db):
    """Run the queued jobs in this process, as a worker would (`yuyang_union.jobs.runner`),
    until none waits; returns the jobs run. Jobs queue on commit, which a test's transaction
    never reaches, so the Procrastinate queue itself is left alone here (tests/jobs/
    test_worker.py runs a real worker on committed jobs)."""
    from yuyang_union.jobs import runner
    from yuyang_union.jobs.models import Job, JobState

    def run() -> list[Job]:
        ran = []
        while job := Job.objects.filter(state=JobState.QUEUED).order_by("created_at").first():
            runner.execute(job.pk)
            job.refresh_from_db()
            ran.append(job)
        return ran

    return run


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Text messages go to a list (yuyang_union.sms.outbox), empty at the start of each test,
    as Django's test runner does with mail."""
    from yuyang_union import sms

    settings.SMS_BACKEND = "yuyang_union.sms.backends.locmem.SmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


class MigratedRows:
    """The rows data migrations wrote (role groups, the union root, ...), to put back after
    transactional tests (the browser tests), which empty every table when they finish."""

    def __init__(self, snapshot):
        self.snapshot = snapshot

    @staticmethod
    def present():
        return Group.objects.filter(name=roles.ADMINISTRATORS).exists()

    def restore(self):
        if self.present():
            return
        # Empty again without post_migrate, which would recreate content types and
        # permissions under new ids that clash with the snapshot's.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(self.snapshot)
        # The rows came back with their ids; move the id sequences past them.
        tables = [model for model in apps.get_models() if model._meta.managed]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), tables):
                cursor.execute(statement)


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker):
    """Snapshot of the migrated test database; restored at the end of the session so that a
    reused test database (`--reuse-db`) keeps the rows for the next run."""
    with django_db_blocker.unblock():
        if not MigratedRows.present():
            pytest.fail("The test database lost its migrated rows: run pytest with --create-db.")
        rows = MigratedRows(connection.creation.serialize_db_to_string())
    yield rows
    with django_db_blocker.unblock():
        rows.restore()


@pytest.fixture
def committed_rows(transactional_db, migrated_rows):
    """For tests whose rows must be committed (threads): transactional tests start from
    emptied tables, so put back what migrations made (roles, the union root)."""
    migrated_rows.restore()


@pytest.fixture
def make_staff(db):
    """make_staff(role, union=None, **user_fields): a staff user in a role's group.

    With `union`, the user is attached to that union and limited to its subtree.
    """

    def make(role, union=None, **fields):
        user = UserFactory(is_staff=True, **fields)
        user.groups.add(Group.objects.get(name=role))
        if union is not None:
            StaffProfileFactory(user=user, union=union)
        return user

    return make


@pytest.fixture
def organisation_staff(make_staff):
    return make_staff(roles.ORGANISATION)


@pytest.fixture
def member_user(db):
    """A signed-up member with no staff role."""
    return UserFactory()
