"""Re-authentication before sensitive acts: revealing an identifier, exporting personal data,
changing users, roles or devices.

Each check of the password and second factor stamps the session; a sensitive act older than
REAUTHENTICATION_MINUTES since that stamp first sends the user to the confirm page, which asks
for both again and then returns to the page they were on.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

CHECKED_AT = "_accounts_checked_at"


def mark_checked(request: HttpRequest) -> None:
    request.session[CHECKED_AT] = int(time.time())


def recently_checked(request: HttpRequest) -> bool:
    checked_at = request.session.get(CHECKED_AT)
    if checked_at is None:
        return False
    return time.time() - checked_at <= settings.REAUTHENTICATION_MINUTES * 60


def confirm_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm')}?{urlencode({'next': next_url})}"


def ask_again(request: HttpRequest) -> HttpResponseRedirect | None:
    """A redirect to the confirm page when the last check is too old, else None.

    A POST goes back to the page it came from (its form is filled in again there); a GET to
    itself.
    """
    if recently_checked(request):
        return None
    if request.method == "GET":
        back = request.get_full_path()
    else:
        back = _same_site_referer(request) or request.path
    return HttpResponseRedirect(confirm_url(back))


def _same_site_referer(request: HttpRequest) -> str | None:
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def recent_authentication_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """For a view function or an admin view: ask again when the last check is too old."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return ask_again(request) or view(request, *args, **kwargs)

    return wrapped


class RecentAuthenticationRequiredMixin:
    """For class-based views: after the permission checks of the mixins before it."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            again = ask_again(request)
            if again is not None:
                return again
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
