"""Answer the maintenance page, before anything needs the database, when it cannot be reached."""

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

from .detection import DATABASE_ERRORS, broken
from .page import answer_outage
from .report import OUTAGE_LOG


class DatabaseOutageMiddleware:
    """Early in MIDDLEWARE: after WhiteNoise (static files need no database), before the
    session, the user and the personal-data key check, which all do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            # What the request's first query would do anyway: drop a persistent connection
            # that no longer answers (CONN_HEALTH_CHECKS), then connect. One whose server
            # went away during an earlier request goes in any case.
            raw = connection.connection
            if raw is not None and broken(raw) and not connection.in_atomic_block:
                connection.close()
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DATABASE_ERRORS as error:
            response = answer_outage(request, error)
            if response is None:
                raise
            return response
        OUTAGE_LOG.recovered()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view whose connection broke while it ran (the server stopped mid-request)."""
        return answer_outage(request, exception)
