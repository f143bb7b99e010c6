"""Drill (b): pages while the database cannot be reached.

In this process, the default connection is pointed at a folder where no server listens (as
when the server is down), a few pages are requested through Django's test client, and the
status codes and the log records written are counted. Lost: pages not answered 503 with
Retry-After, plus log records beyond the one the outage log writes per interval.
"""

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from yuyang_union.outage.report import OUTAGE_LOG

from .registry import DrillResult

PAGES = ["/", "/events/", "/staff/", "/admin/", "/accounts/login/", "/healthz"]
REQUESTS = 100


class Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def unreachable_database() -> Iterator[None]:
    saved = dict(connection.settings_dict)
    with tempfile.TemporaryDirectory() as nowhere:
        connection.close()
        connection.settings_dict["HOST"] = nowhere
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


def outage_drill() -> DrillResult:
    counter = Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    OUTAGE_LOG.reset()
    try:
        with unreachable_database(), override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            responses = [client.get(PAGES[i % len(PAGES)]) for i in range(REQUESTS)]
    finally:
        root.removeHandler(counter)
        OUTAGE_LOG.reset()
    wrong = [r for r in responses if r.status_code != 503 or not r.has_header("Retry-After")]
    statuses = sorted({r.status_code for r in responses})
    extra_lines = max(len(counter.records) - 1, 0)
    return DrillResult(
        "outage",
        f"{REQUESTS} requests to {', '.join(PAGES)} with the database unreachable: status "
        f"{statuses}, {len(responses) - len(wrong)} with Retry-After; {len(counter.records)} "
        "log record(s)",
        len(wrong) + extra_lines,
    )
