"""A staff session that has not passed its second factor reaches only the second-factor pages."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, ResolverMatch, resolve, reverse

from yuyang_union.redirects import with_next

from .verification import is_verified, needs_second_factor

# What such a session may still open (URL names): the steps themselves, logging out, the
# language switch and the health check.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts:verify",
    "accounts:enrol",
    "logout",
    "set_language",
    "healthz",
}


class SecondFactorRequiredMiddleware:
    """After django-otp's OTPMiddleware, which sets `request.user.is_verified()`.

    With the password alone a staff account is signed in to Django but not to the portal:
    every other page sends it to the second factor (to set one up, the first time), and
    comes back afterwards.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if needs_second_factor(user) and not is_verified(user):
            # (Middleware runs before URL resolution: request.resolver_match is not set yet.)
            match = _resolve(request.path_info)
            if match is None or match.view_name not in OPEN_BEFORE_SECOND_FACTOR:
                return HttpResponseRedirect(
                    with_next(reverse("accounts:verify"), request.get_full_path())
                )
        return self.get_response(request)


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None
