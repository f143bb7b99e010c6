"""Demo data for `make run`: one login per role (and, from later apps, a demo county).

`--once` does nothing when the demo was loaded before, so a second `make run` keeps what
staff changed. The demo password comes from DEMO_PASSWORD in the local .env.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from yuyang_union import roles


def demo_password():
    password = getattr(settings, "DEMO_PASSWORD", "")
    if not password:
        raise CommandError("DEMO_PASSWORD is not set (make run writes it to .env).")
    return password


class Command(BaseCommand):
    help = "Create the demo logins (one per role) and demo records."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Skip if already loaded.")
        parser.add_argument("--print-logins", action="store_true", help="Only print logins.")

    def handle(self, *args, once=False, print_logins=False, **options):
        if print_logins:
            self.print_logins()
            return
        User = get_user_model()
        if (
            once
            and User.objects.filter(username=roles.DEMO_USERNAMES[roles.ADMINISTRATORS]).exists()
        ):
            self.stdout.write("demo data already loaded")
            return
        with transaction.atomic():
            self.create_logins()
        self.stdout.write(self.style.SUCCESS("demo logins created"))

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

    def print_logins(self):
        password = demo_password()
        self.stdout.write(f"Demo logins (password for all: {password})")
        for role, username in roles.DEMO_USERNAMES.items():
            self.stdout.write(f"  {username:<10} {role}")
        self.stdout.write("Site: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/")
