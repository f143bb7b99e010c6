"""`manage.py migrate` as the owner of the tables, then the site role's privileges.

Django's own migrate, with two differences when DATABASE_OWNER_URL is configured: the default
alias logs in as the owner while it runs (`privileges.logged_in_as_owner`: data migrations
write through the default alias too), and afterwards the site role (DATABASE_SITE_ROLE) is
granted the rows of every table, append-only tables excepted. It wins over Django's command
because `yuyang_union` comes before every other app defining `migrate` in INSTALLED_APPS
(none does today; tests/test_database_roles.py checks which command runs).
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.core.management.commands import migrate

from yuyang_union.database import privileges


class Command(migrate.Command):
    help = (
        "Updates the database schema as the owner role (DATABASE_OWNER_URL), then grants the "
        "site role (DATABASE_URL) its privileges."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with privileges.logged_in_as_owner(options["database"]) as connection:
                super().handle(*args, **options)
                # --plan and --check only look.
                if not (options["plan"] or options["check_unapplied"]):
                    self.grant(connection, options["verbosity"])
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error

    def grant(self, connection: Any, verbosity: int) -> None:
        role = privileges.site_role()
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            current_user = cursor.fetchone()[0]
        if not role or role == current_user:
            # One role for everything (no DATABASE_OWNER_URL): nothing to grant, and
            # `check --deploy` warns that the site owns its tables.
            if verbosity >= 1:
                self.stdout.write(
                    f"The site connects as the owner ({current_user}): no privileges granted."
                )
            return
        append_only = privileges.grant_site_privileges(connection, role)
        if verbosity >= 1:
            self.stdout.write(
                f"Granted the site role {role} rows of every table, as {current_user}; "
                f"append-only: {', '.join(append_only) or 'none yet'}."
            )
