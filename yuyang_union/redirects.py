"""`?next=` addresses: where a page sends the user afterwards, never off this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def same_site(request: HttpRequest, url: str) -> str:
    """`url` when it is an address on this site, else ""."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def with_next(url: str, next_url: str) -> str:
    """`url` asked to come back to `next_url` afterwards."""
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
