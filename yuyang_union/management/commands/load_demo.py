"""Demo data for `make run`: one login per role, and a demo county built from records.

The county comes from each app's `demo.load(scale=, rng=)`: members first (townships' unions,
employers, members), then welfare, competitions, legal aid and events, which build on the
members' rows. At scale 1 the summary for 2015-01-01..2022-12-31 gives back the figures of
the federation's published work summary; `--scale N` multiplies every volume by N
(N = 100: a municipality-sized database for benchmarks).

`--once` does nothing when the demo was loaded before, so a second `make run` keeps what
staff changed. The demo password comes from DEMO_PASSWORD in the local .env.
"""

import importlib
import os
import random
import time

from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from yuyang_union import roles
from yuyang_union.accounts.demo import demo_secret, give_demo_authenticator

# In dependency order: every app's records refer to the members' unions, employers, people.
DEMO_APPS = ["members", "welfare", "competitions", "legal_aid", "events"]
DEFAULT_SEED = 20150101


def demo_password():
    password = getattr(settings, "DEMO_PASSWORD", "")
    if not password:
        raise CommandError("DEMO_PASSWORD is not set (make run writes it to .env).")
    return password


def demo_modules():
    """The apps' demo modules, in dependency order."""
    return [importlib.import_module(f"{app}.demo") for app in DEMO_APPS]


class Command(BaseCommand):
    help = "Create the demo logins (one per role) and the demo county's records."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Skip if already loaded.")
        parser.add_argument("--print-logins", action="store_true", help="Only print logins.")
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply every volume (100 ≈ a million members)."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Seed of the random generator."
        )
        parser.add_argument(
            "--no-records", action="store_true", help="Only the logins, no demo county."
        )

    def handle(
        self,
        *args,
        once=False,
        print_logins=False,
        scale=1,
        seed=DEFAULT_SEED,
        no_records=False,
        **options,
    ):
        if print_logins:
            self.print_logins()
            return
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        User = get_user_model()
        if (
            once
            and User.objects.filter(username=roles.DEMO_USERNAMES[roles.ADMINISTRATORS]).exists()
        ):
            self.stdout.write("demo data already loaded")
            # A demo made before staff had a second factor gets its authenticators now.
            with transaction.atomic():
                self.give_authenticators()
            return
        # One transaction: a loader that fails leaves nothing behind, so the next
        # `make run` (with --once) tries again instead of keeping half a county.
        with transaction.atomic():
            self.create_logins()
            if not no_records:
                # Seeded on purpose: the same demo county on every machine.
                rng = random.Random(seed)  # noqa: S311
                self.load_county(scale=scale, rng=rng)
        self.stdout.write(self.style.SUCCESS("demo logins created"))

    def load_county(self, *, scale, rng):
        started = time.perf_counter()
        for app, module in zip(DEMO_APPS, demo_modules(), strict=True):
            app_started = time.perf_counter()
            # No change history for generated records: it would say staff made them, and
            # the loaders' few single saves would each write an entry.
            with disable_auditlog():
                module.load(scale=scale, rng=rng)
            self.stdout.write(f"{app}: demo loaded in {time.perf_counter() - app_started:.1f} s")
        # Online applications last, through the services: they are made by members, some by
        # the member login another app's demo makes (`huiyuan`), and answered by staff.
        for module in demo_modules():
            load_applications = getattr(module, "load_applications", None)
            if load_applications is not None:
                with disable_auditlog():
                    load_applications(rng=rng)
        self.stdout.write(
            self.style.SUCCESS(
                f"demo county loaded (scale {scale}) in {time.perf_counter() - started:.1f} s"
            )
        )

    def create_logins(self):
        User = get_user_model()
        password = demo_password()
        for role, username in roles.DEMO_USERNAMES.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": role}
            )
            if role == roles.ADMINISTRATORS:
                user.is_superuser = True
            if created:
                user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
        self.give_authenticators()

    def give_authenticators(self):
        User = get_user_model()
        for user in User.objects.filter(username__in=roles.DEMO_USERNAMES.values()):
            give_demo_authenticator(user)

    def print_logins(self):
        password = demo_password()
        self.stdout.write(f"Demo logins (password for all: {password})")
        for role, username in roles.DEMO_USERNAMES.items():
            self.stdout.write(f"  {username:<10} {role}")
        # Logins an app's demo makes besides the staff roles (e.g. a member account).
        for module in demo_modules():
            for username, description in getattr(module, "DEMO_LOGINS", ()):
                self.stdout.write(f"  {username:<10} {description}")
        self.stdout.write(
            "Staff sign in with a second step: type the code that `make otp LOGIN=<login>` "
            "prints, or add a login's key to an authenticator app:"
        )
        for username in roles.DEMO_USERNAMES.values():
            self.stdout.write(f"  {username:<10} {demo_secret(username)}")
        # `make run` passes the address it serves on (HOST/PORT overrides included).
        site = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}/"
        self.stdout.write(f"Site: {site}   Admin: {site}admin/")
