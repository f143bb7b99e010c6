"""Every page answers 503 while the personal-data key does not match the stored data.

Without it a wrong key turns every page that shows a person into a 500 (and an import into
duplicates under digests nobody can find). The check is remembered by the process, so pages
pay for it once; /healthz reports the same problem to the load balancer itself.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from .crypto import key_state

# Paths that must answer whatever the key: the health check says what is wrong itself.
UNCHECKED_PATHS = ("/healthz",)


class PersonalDataKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(UNCHECKED_PATHS) and key_state():
            # A page of its own: the usual templates would ask the database who is signed in.
            return HttpResponse(
                render_to_string("personal_data/key_mismatch.html", request=None),
                status=503,
                headers={"Retry-After": "600"},
            )
        return self.get_response(request)
