"""Searches that stay on indexes at a million rows (use them in get_search_results).

Names match exactly or by prefix (an index on the column serves both; icontains scans the
table, and trigram indexes do not help two-character Chinese names). ID numbers and phones
match exactly through their keyed hash.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from yuyang_union.personal_data.search_tokens import IdentifierSearch, identifier_search

_QuerySetT = TypeVar("_QuerySetT", bound=QuerySet[Any])


def search_people(
    queryset: _QuerySetT,
    term: "str | IdentifierSearch",
    *,
    prefix: str = "",
    name_field: str = "name",
    id_digest_field: str | None = "id_number_digest",
    phone_digest_field: str | None = "phone_digest",
) -> _QuerySetT:
    """Exact ID number or phone through the digest, else the name exactly or as a prefix.

    `prefix` is the path to the person, e.g. "member__" when searching transfers; the field
    names default to Member's (pass None for a digest the model does not have). A search by
    ID number or phone comes from the admin's search form as an IdentifierSearch (its digests,
    recalled from the session: the number itself is never in the URL).
    """
    if isinstance(term, IdentifierSearch):
        search: IdentifierSearch | None = term
    else:
        term = term.strip()
        if not term:
            return queryset
        search = identifier_search(term)
    if search is not None:
        field = id_digest_field if search.kind == "id_number" else phone_digest_field
        if not field:
            return queryset.none()
        return queryset.filter(**{f"{prefix}{field}__in": search.digests})
    return queryset.filter(**{f"{prefix}{name_field}__startswith": term})


def search_by_name_or_code(
    queryset: _QuerySetT,
    term: str,
    *,
    code_field: str | None = None,
    code_normalize: Callable[[str], str] = str.strip,
) -> _QuerySetT:
    """Name exactly or by prefix, or the code exactly (unions, employers)."""
    term = term.strip()
    if not term:
        return queryset
    condition = Q(name__startswith=term)
    if code_field:
        condition |= Q(**{code_field: code_normalize(term)})
    return queryset.filter(condition)
