"""Print the code a demo staff login's authenticator shows now (`make otp LOGIN=zuzhi`)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yuyang_union.accounts.demo import demo_code


class Command(BaseCommand):
    help = "Print the current second-step code of a demo staff login (development only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="A demo staff login, e.g. zuzhi.")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        code, seconds_left = demo_code(username)
        self.stdout.write(f"{username}: {code}  (valid for about {seconds_left} s more)")
