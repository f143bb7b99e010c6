"""Serve the site with gunicorn and measure each public page against a one-query baseline.

    manage.py benchmark_pages [--clients 16] [--seconds 3] [--rounds 3] [--workers 3]

The baseline (`benchmark_urls.baseline`: one primary-key query in a page extending
`base.html`) exists only in the benchmark's own URLconf. For each public page the command
alternates bursts of the baseline and of the page (`--rounds` of each, `--seconds` long,
`--clients` at once) and prints the medians of both, their ratio (the target is at least
50%), the errors, the size of a response and the page's queries (counted in-process). The
database is whatever DATABASE_URL names: load `load_demo --scale 100` into one to measure at
a municipality's size. `--save FILE` writes the table as JSON.

The server runs with DEBUG off, as in production. Nothing is written to the database.
"""

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuyang_union.management.benchmark_urls import BASELINE_PATH
from yuyang_union.management.benchmarks import scale_line
from yuyang_union.management.load_generator import Burst, burst

HOST = "127.0.0.1"
TARGET = 0.5


def public_pages() -> list[tuple[str, str]]:
    """(label, path) of every public page the issue names, with a real event and competition."""
    from competitions.models import Competition
    from events.models import Event

    pages = [
        ("首页", reverse("home")),
        ("活动", reverse("events:list")),
    ]
    event = Event.objects.public().order_by("-starts_at").only("pk").first()
    if event is not None:
        pages.append(("活动详情", reverse("events:detail", args=[event.pk])))
    pages.append(("竞赛", reverse("competitions:public-list")))
    competition = Competition.objects.order_by("-starts_on", "-pk").only("pk").first()
    if competition is not None:
        pages.append(("竞赛详情", reverse("competitions:public-detail", args=[competition.pk])))
    pages += [
        ("劳模工匠", reverse("members:honour-roll")),
        ("公示", reverse("welfare:notices")),
        ("服务站点", reverse("welfare:service-sites")),
        ("网上申请", reverse("applications:apply")),
        ("申请入会", reverse("members:join")),
    ]
    return pages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def gunicorn(*, workers: int, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """The site under gunicorn with DEBUG off, until the block ends."""
    environment = {
        **os.environ,
        "DEBUG": "off",
        "ALLOWED_HOSTS": HOST,
        "SECRET_KEY": settings.SECRET_KEY,
        "PERSONAL_DATA_KEY": settings.PERSONAL_DATA_KEY,
    }
    server = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "yuyang_union.management.benchmark_wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "512",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
    )
    try:
        wait_until_up(port, server)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("gunicorn stopped before it served a page.")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2)
            return
        time.sleep(0.2)
    raise CommandError("gunicorn did not answer within a minute.")


def count_queries(path: str) -> tuple[int, int, int]:
    """The page's status and queries, served twice in-process to an anonymous visitor: the
    first time (its content rendered) and the second (its content from the cache)."""
    client = Client(HTTP_HOST=HOST)
    counts = []
    for _time in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts.append(len(queries))
    return response.status_code, counts[0], counts[1]


class Command(BaseCommand):
    help = "Measure every public page's requests per second against a one-query baseline page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--seconds", type=float, default=3.0)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
        parser.add_argument("--only", help="Measure only the pages whose path contains this.")
        parser.add_argument("--save", type=Path, help="Write the results as JSON to this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        pages = public_pages()
        if options["only"]:
            pages = [page for page in pages if options["only"] in page[1]]
        queries = {path: count_queries(path) for _label, path in pages}
        self.stdout.write(scale_line())
        port = free_port()
        rows = []
        with gunicorn(workers=options["workers"], port=port):
            run = lambda path: burst(  # noqa: E731
                HOST, port, path, clients=options["clients"], seconds=options["seconds"]
            )
            for path in [BASELINE_PATH] + [path for _label, path in pages]:
                run(path)  # warm up: the first requests fill caches and connections
            for label, path in pages:
                baselines: list[Burst] = []
                bursts: list[Burst] = []
                for _round in range(options["rounds"]):
                    baselines.append(run(BASELINE_PATH))
                    bursts.append(run(path))
                rows.append(self.row(label, path, baselines, bursts, queries[path]))
        self.print_table(rows, options)
        if options["save"]:
            options["save"].write_text(json.dumps(rows, ensure_ascii=False, indent=2))

    @staticmethod
    def row(
        label: str,
        path: str,
        baselines: list[Burst],
        bursts: list[Burst],
        queries: tuple[int, int, int],
    ) -> dict[str, Any]:
        baseline = statistics.median(b.rate for b in baselines)
        rate = statistics.median(b.rate for b in bursts)
        return {
            "page": label,
            "path": path,
            "status": queries[0],
            "queries_first": queries[1],
            "queries": queries[2],
            "baseline_rps": round(baseline, 1),
            "page_rps": round(rate, 1),
            "ratio": round(rate / baseline, 3) if baseline else 0.0,
            "errors": sum(b.errors for b in bursts) + sum(b.errors for b in baselines),
            "kb": round(max(b.mean_bytes for b in bursts) / 1024, 1),
        }

    def print_table(self, rows: list[dict[str, Any]], options: dict[str, Any]) -> None:
        self.stdout.write(
            f"{options['clients']} clients, {options['workers']} gunicorn workers, "
            f"{options['rounds']} × {options['seconds']:g} s bursts, alternating with the baseline"
        )
        header = f"{'page':<28} {'req/s':>8} {'baseline':>9} {'ratio':>7} {'errors':>7} "
        header += f"{'KB':>7} {'queries (first)':>16}"
        self.stdout.write(header)
        for row in rows:
            verdict = "" if row["ratio"] >= TARGET and not row["errors"] else "  ← below target"
            self.stdout.write(
                f"{row['path']:<28} {row['page_rps']:>8.1f} {row['baseline_rps']:>9.1f} "
                f"{row['ratio']:>7.0%} {row['errors']:>7} {row['kb']:>7.1f} "
                f"{row['queries']:>8} ({row['queries_first']:>3}){verdict}"
            )
