"""`manage.py benchmark_admin`: how long the staff lists take at this database's size.

    manage.py benchmark_admin --repeat 5 --save scale100.json
    manage.py benchmark_admin --repeat 5 --baseline scale1.json

Signs in, in this process, a throwaway superuser and a throwaway grassroots officer (limited to
the township-level union with the most active members), each with their second factor passed,
and times the main changelists (grants also drilled down to a year and a month), the member
searches (a name's first one, two and three characters, and pinyin initials), a union search
and the autocomplete endpoints. Prints, per page and user, the median of --repeat runs (after
one untimed run), the queries of a run and the answer's status, under the database's scale
(its members). --save writes the figures as JSON; --baseline reads such a file (written at
another scale) and adds each page's ratio to it. Everything runs in a transaction rolled back
at the end: the throwaway users, their authenticators and sessions leave nothing behind.
Run it on a copy of the data, not on the production database under load.
"""

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from members.models import Member, UnionOrganisation
from members.selectors import subtree_active_counts
from welfare.models import Grant
from yuyang_union import roles
from yuyang_union.management.benchmarks import (
    PageTiming,
    rolled_back,
    signed_in_client,
    throwaway_officer,
    throwaway_superuser,
    time_page,
)

# page key -> admin URL name, query (a page's key names what it shows)
CHANGELISTS: list[tuple[str, str, dict[str, str]]] = [
    ("members", "admin:members_member_changelist", {}),
    ("unions", "admin:members_unionorganisation_changelist", {}),
    ("employers", "admin:members_employer_changelist", {}),
    ("grants", "admin:welfare_grant_changelist", {}),
    ("households", "admin:welfare_hardshiphousehold_changelist", {}),
    ("cases", "admin:legal_aid_case_changelist", {}),
    ("consultations", "admin:legal_aid_consultation_changelist", {}),
    ("events", "admin:events_event_changelist", {}),
    ("registrations", "admin:events_registration_changelist", {}),
    ("honours", "admin:members_honour_changelist", {}),
    ("unions search 走访", "admin:members_unionorganisation_changelist", {"q": "走访"}),
]
AUTOCOMPLETE = "admin:autocomplete"
# page key -> the autocomplete's model and field (the select2 pickers of the admin forms)
AUTOCOMPLETES: list[tuple[str, str, str, str]] = [
    ("autocomplete members", "members", "membershiptransfer", "member"),
    ("autocomplete unions", "members", "member", "union"),
    ("autocomplete employers", "members", "member", "employer"),
]
PINYIN_INITIALS = "zxm"


class Command(BaseCommand):
    help = "Time the staff lists and searches at this database's size (everything rolled back)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs per page.")
        parser.add_argument("--save", type=Path, help="Write the figures to this JSON file.")
        parser.add_argument(
            "--baseline", type=Path, help="A JSON file written by --save at another scale."
        )

    def handle(
        self, *args: Any, repeat: int, save: Path | None, baseline: Path | None, **options: Any
    ) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        before = _read_baseline(baseline) if baseline else None
        # A refused page (an officer's 403) or a sign-in is logged at each run: not here.
        logging.disable(logging.WARNING)
        try:
            with rolled_back():
                scale, results = self._measure(repeat)
        finally:
            logging.disable(logging.NOTSET)
        self._print(scale, results, before)
        if save:
            figures = {key: asdict(timing) for key, timing in results.items()}
            save.write_text(
                json.dumps({"scale": scale, "repeat": repeat, "pages": figures}, indent=1)
            )
            self.stdout.write(f"Saved to {save}.")

    def _measure(self, repeat: int) -> tuple[dict[str, int], dict[str, PageTiming]]:
        scale = {
            "members": Member.objects.count(),
            "unions": UnionOrganisation.objects.count(),
        }
        users = {"superuser": throwaway_superuser()}
        officer_union = _busiest_township_union()
        if officer_union is not None:
            users["officer"] = throwaway_officer(roles.GRASSROOTS_OFFICERS, officer_union)
        results = {}
        for who, user in users.items():
            client = signed_in_client(user)
            for key, url, data in _pages():
                results[f"{key} · {who}"] = time_page(client, url, repeat=repeat, data=data)
        return scale, results

    def _print(
        self,
        scale: dict[str, int],
        results: dict[str, PageTiming],
        before: dict[str, Any] | None,
    ) -> None:
        self.stdout.write(f"Scale: {scale['members']:,} members, {scale['unions']:,} unions")
        if before:
            other = before["scale"]
            self.stdout.write(f"Baseline: {other['members']:,} members, {other['unions']:,} unions")
        width = max(len(key) for key in results)
        header = f"{'page · user':<{width}}  {'median ms':>9}  {'queries':>7}  {'status':>6}"
        self.stdout.write(header + ("  ratio" if before else ""))
        for key, timing in results.items():
            line = (
                f"{key:<{width}}  {timing.median_ms:>9.1f}  {timing.queries:>7}  {timing.status:>6}"
            )
            if before:
                then = before["pages"].get(key)
                ratio = timing.median_ms / then["median_ms"] if then and then["median_ms"] else None
                line += f"  {ratio:5.2f}x" if ratio is not None else "      —"
            self.stdout.write(line)


def _pages() -> list[tuple[str, str, dict[str, str] | None]]:
    """(key, URL, posted data or None) of every page timed."""
    pages: list[tuple[str, str, dict[str, str] | None]] = [
        (key, _with_query(reverse(name), query), None) for key, name, query in CHANGELISTS
    ]
    grants = reverse("admin:welfare_grant_changelist")
    latest = Grant.objects.order_by("-granted_on").values_list("granted_on", flat=True).first()
    if latest is not None:
        year = {"granted_on__year": str(latest.year)}
        month = {**year, "granted_on__month": str(latest.month)}
        pages.append(("grants by year", _with_query(grants, year), None))
        pages.append(("grants by month", _with_query(grants, month), None))
    members = reverse("admin:members_member_changelist")
    name = Member.objects.order_by("pk").values_list("name", flat=True).first() or "张晓明"
    for length in (1, 2, 3):
        term = name[:length]
        pages.append((f"members search {length} chars", _with_query(members, {"q": term}), None))
    pages.append(
        (f"members search {PINYIN_INITIALS}", _with_query(members, {"q": PINYIN_INITIALS}), None)
    )
    for key, app_label, model_name, field_name in AUTOCOMPLETES:
        data = {
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field_name,
            "term": name[:1],
        }
        pages.append((key, reverse(AUTOCOMPLETE), data))
    return pages


def _with_query(url: str, query: dict[str, str]) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _busiest_township_union() -> UnionOrganisation | None:
    """The second level's union with the most active members under it (one query more)."""
    unions = list(UnionOrganisation.objects.filter(depth=2))
    totals = subtree_active_counts(unions)
    return max(unions, key=lambda union: totals.get(union.pk, 0), default=None)


def _read_baseline(path: Path) -> dict[str, Any]:
    try:
        baseline: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the baseline {path}: {error}") from error
    if "pages" not in baseline or "scale" not in baseline:
        raise CommandError(f"{path} was not written by benchmark_admin --save.")
    return baseline
