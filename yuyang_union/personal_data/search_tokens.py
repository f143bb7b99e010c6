"""Searches by ID number or phone that never put the number in a URL.

A search form posts its term; a term that looks like an ID number or a mobile number is kept,
as its keyed digests and masked form (never the number), in the user's session under a short
random token, and the list is opened with `?sq=<token>`. The server's access log, the browser
history and any proxy see only the token, which is worthless after SEARCH_TOKEN_SECONDS and in
any other session.
"""

import dataclasses
import secrets
import time

from django.http import HttpRequest

from yuyang_union.validators import identifier_kind, normalize_id_number, normalize_phone

from .crypto import id_number_digests, phone_digests
from .masking import mask_id_number, mask_phone

TOKEN_VAR = "sq"  # noqa: S105 (a query parameter's name, not a secret)
SESSION_KEY = "_identifier_searches"
SEARCH_TOKEN_SECONDS = 30 * 60
KEPT_SEARCHES = 20


def clock() -> float:
    return time.time()


@dataclasses.dataclass(frozen=True)
class IdentifierSearch:
    """What a list needs to find people by an identifier: its kind and digests, no number."""

    kind: str  # "id_number" or "phone"
    digests: tuple[str, ...]
    masked: str

    def __str__(self) -> str:
        return self.masked


def identifier_search(term: str) -> IdentifierSearch | None:
    """The search for `term` if it is an ID number or a mobile number, else None."""
    kind = identifier_kind(term)
    if kind == "id_number":
        number = normalize_id_number(term)
        return IdentifierSearch(kind, tuple(id_number_digests(number)), mask_id_number(number))
    if kind == "phone":
        phone = normalize_phone("".join(str(term).split()))
        return IdentifierSearch(kind, tuple(phone_digests(phone)), mask_phone(phone))
    return None


def remember(request: HttpRequest, search: IdentifierSearch) -> str:
    """Keep the search in the session; the token to open the list with."""
    now = clock()
    kept = {
        token: entry
        for token, entry in request.session.get(SESSION_KEY, {}).items()
        if now - entry["at"] < SEARCH_TOKEN_SECONDS
    }
    token = secrets.token_urlsafe(9)
    kept[token] = {"at": now, **dataclasses.asdict(search)}
    newest = sorted(kept.items(), key=lambda item: item[1]["at"])[-KEPT_SEARCHES:]
    request.session[SESSION_KEY] = dict(newest)
    return token


def recall(request: HttpRequest, token: str | None) -> IdentifierSearch | None:
    """The search behind `token` in this session, if it has not expired."""
    if not token:
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or clock() - entry["at"] >= SEARCH_TOKEN_SECONDS:
        return None
    return IdentifierSearch(entry["kind"], tuple(entry["digests"]), entry["masked"])
