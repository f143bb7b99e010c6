"""Re-authentication before sensitive acts: revealing an identifier, exporting personal data,
changing users, roles or devices.

Each check of the password and second factor stamps the session; a sensitive act older than
REAUTHENTICATION_MINUTES since that stamp first sends the user to the confirm page, which asks
for both again and then returns to the page they were on.
"""

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from yuyang_union.redirects import same_site, with_next

CHECKED_AT = "_accounts_checked_at"


def mark_checked(request: HttpRequest) -> None:
    request.session[CHECKED_AT] = int(time.time())


def recently_checked(request: HttpRequest) -> bool:
    checked_at = request.session.get(CHECKED_AT)
    if checked_at is None:
        return False
    return time.time() - checked_at <= settings.REAUTHENTICATION_MINUTES * 60


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
        back = same_site(request, request.META.get("HTTP_REFERER", "")) or request.path
    return HttpResponseRedirect(with_next(reverse("accounts:confirm"), back))


class RecentAuthenticationRequiredMixin:
    """For class-based views: after the permission checks of the mixins before it."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            again = ask_again(request)
            if again is not None:
                return again
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
