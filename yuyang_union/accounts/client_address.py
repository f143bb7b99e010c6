"""The client's address, for lockouts, rate limits and logs, behind PROXY_COUNT reverse proxies.

Each proxy appends the address it was connected from to X-Forwarded-For, so behind N proxies
the client is the N-th entry from the right (what Werkzeug's ProxyFix calls x_for=N); the
entries left of it are whatever the client sent and are never trusted, or a guesser could name
a new address for every try. Without proxies, the connection's own address.

(django-ipware, axes' default, counts the proxies among the entries instead and returns the
left-most one: behind one nginx it finds no address at all, and with a forged header it takes
the forgery.)
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        # Not through all the proxies: the address that connected is all that is known.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
