"""One log line per interval while the database cannot be reached, not one per request."""

import logging
import threading
import time

logger = logging.getLogger("yuyang_union.outage")

# Seconds between two reports of the same outage, per process.
REPORT_INTERVAL = 60.0


def first_line(error: BaseException) -> str:
    """The error's first line (psycopg adds hints on the following ones), for the log."""
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


class OutageLog:
    """What one process saw of an outage: when it began, the requests answered 503."""

    def __init__(self, interval: float = REPORT_INTERVAL) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.down_since: float | None = None
        self.last_report = 0.0
        self.answered = 0  # requests answered 503 during this outage
        self.unreported = 0  # of which since the last report

    def outage(self, error: BaseException) -> None:
        """A request was answered 503: report it if the last report is old enough."""
        now = time.monotonic()
        with self.lock:
            self.answered += 1
            self.unreported += 1
            if self.down_since is None:
                self.down_since = now
            elif now - self.last_report < self.interval:
                return
            self.last_report = now
            answered, self.unreported = self.unreported, 0
            lasted = now - self.down_since
        logger.warning(
            "Database unreachable for %.0f s (%s): pages answer 503 with Retry-After; "
            "%d request(s) answered 503 since the last report (next report in %.0f s at the "
            "earliest)",
            lasted,
            first_line(error),
            answered,
            self.interval,
        )

    def recovered(self) -> None:
        """The database answered: end the outage, if there was one, with one line."""
        if self.down_since is None:  # the usual case: no lock taken
            return
        with self.lock:
            if self.down_since is None:
                return
            lasted = time.monotonic() - self.down_since
            answered = self.answered
            self.reset()
        logger.warning(
            "Database reachable again after %.0f s; %d request(s) were answered 503",
            lasted,
            answered,
        )


OUTAGE_LOG = OutageLog()
