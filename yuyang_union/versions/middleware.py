"""A save that lost the race with another one (after its form was checked) reads as a page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .conflicts import describe_conflict
from .errors import StaleVersionError


class StaleVersionMiddleware:
    """Answer `StaleVersionError` with a 409 page saying what the other person changed.

    Forms check the version before saving, so this is the rare save that started between the
    check and the write. The transaction is rolled back by then, so the history can be read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, StaleVersionError):
            return None
        response = TemplateResponse(
            request,
            "versions/stale.html",
            {
                "message": describe_conflict(exception.model, exception.pk, exception.read_version),
                "again": request.get_full_path(),
            },
            status=409,
        )
        return response.render()
