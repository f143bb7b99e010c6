"""The maintenance page answered while the database cannot be reached, and handler500."""

import sys
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from .detection import database_down
from .report import OUTAGE_LOG

# Seconds a browser, a crawler or a monitoring probe should wait before asking again.
RETRY_AFTER_SECONDS = 30
# The load balancer's check reads a line of text, not a page.
HEALTH_CHECK_PATH = "/healthz"


def outage_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(HEALTH_CHECK_PATH):
        response = HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    else:
        # Chinese first, whatever language an earlier request left active in this thread; no
        # request in the context: its processors would ask the database who is signed in.
        with translation.override(settings.LANGUAGE_CODE):
            response = HttpResponse(render_to_string("outage.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["X-Frame-Options"] = "DENY"
    add_never_cache_headers(response)
    # Reported by OUTAGE_LOG once per interval: django.request must not log it per request.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def answer_outage(request: HttpRequest, error: BaseException) -> HttpResponse | None:
    """The maintenance page if `error` means the database cannot be reached, else None."""
    if not database_down(error):
        return None
    OUTAGE_LOG.outage(error)
    return outage_response(request)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """handler500: the maintenance page when the error is an outage, else Django's 500 page.

    Django calls it inside the handling of the exception (sys.exc_info() is the error), for
    errors no middleware's process_exception answered: a connection breaking inside another
    middleware, e.g. while the session is saved. (With DEBUG on, Django shows its debug page
    instead, and logs it.)
    """
    error = sys.exc_info()[1]
    response = answer_outage(request, error) if error is not None else None
    return response or defaults.server_error(request)
