"""Staff searches that stay on indexes at a million rows (use them in get_search_results).

What a term finds:
- Chinese (or anything not below): names containing it, anywhere ("走访" finds
  酉阳县龙潭镇走访测试联合工会), through the GIN index of the name's characters and character
  pairs (`yuyang_union.search_columns`), rechecked with `LIKE '%term%'`;
- latin letters only: the pinyin initials, as a prefix ("zxm" and "zx" find 张晓梅), for
  models that store them (people, unions); elsewhere, names containing the letters;
- an ID number or a phone: the person, exactly, through the keyed hash (`IdentifierSearch`).
Results come exact match first, then prefix, then contains, then by name (`match_ordering`;
a single character, in too many names to rank, newest first).
"""

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.expressions import Expression

from yuyang_union.personal_data.search_tokens import IdentifierSearch, identifier_search
from yuyang_union.search_columns import query_grams

_QuerySetT = TypeVar("_QuerySetT", bound=QuerySet[Any])

_LATIN = re.compile(r"[A-Za-z]+")


def initials_term(term: str) -> str | None:
    """The initials a term of latin letters only stands for ('Z X M' → 'zxm'), else None."""
    letters = "".join(term.split())
    return letters.lower() if _LATIN.fullmatch(letters) else None


def related_model(model: type[models.Model], relations: str) -> type[models.Model]:
    """The model at the end of `relations` ('household__head' from a grant: Member)."""
    for relation in relations.split("__"):
        related = model._meta.get_field(relation).related_model
        if related is None or isinstance(related, str):
            raise FieldDoesNotExist(relation)
        model = related
    return model


def has_field(model: type[models.Model], path: str) -> bool:
    """Whether `path` ('name', 'member__name_grams') names a field from `model`."""
    relations, _, last = path.rpartition("__")
    try:
        (related_model(model, relations) if relations else model)._meta.get_field(last)
    except FieldDoesNotExist:
        return False
    return True


def contains_condition(model: type[models.Model], term: str, *, field: str = "name") -> Q:
    """`field` contains `term`: through `<field>_grams` where the model has it (an index),
    plain `LIKE '%term%'` otherwise (small tables)."""
    exact = Q(**{f"{field}__contains": term})  # LIKE '%term%', % and _ escaped
    grams = f"{field}_grams"
    if not has_field(model, grams):
        return exact
    by_grams = Q(**{f"{grams}__contains": query_grams(term)})
    # One character or one pair is in the array exactly when the name contains it: no
    # recheck (at a million members it costs a third more for 张, 22 against 16 ms).
    # Longer terms have their pairs in any order: the LIKE keeps them together.
    return by_grams if len(term) <= 2 else by_grams & exact


def initials_condition(model: type[models.Model], letters: str, *, field: str = "name") -> Q | None:
    """`field`'s pinyin initials start with `letters`, if the model stores them."""
    initials = f"{field}_initials"
    if not has_field(model, initials):
        return None
    return Q(**{f"{initials}__startswith": letters})


def name_condition(model: type[models.Model], term: str, *, field: str = "name") -> Q:
    """What a typed name finds: initials for latin letters (where stored), else contains."""
    letters = initials_term(term)
    if letters is not None:
        by_initials = initials_condition(model, letters, field=field)
        if by_initials is not None:
            return by_initials
    return contains_condition(model, term, field=field)


def name_filter(model: type[models.Model], term: str, *, field: str = "name") -> Q:
    """`name_condition` for a path that may cross relations ('household__head__name'):
    the related rows are found first, on their own index, and ours by key (a join would
    filter only after joining the whole table)."""
    relations, _, name = field.rpartition("__")
    if not relations:
        return name_condition(model, term, field=name)
    related = related_model(model, relations)
    matching = related._default_manager.filter(name_condition(related, term, field=name))
    return Q(**{f"{relations}__in": matching.values("pk")})


def match_rank(model: type[models.Model], term: str, *, field: str = "name") -> Expression:
    """0 for the name itself, 1 for a name starting with the term (or, for latin letters,
    initials equal to it), 2 for the rest: sorts the best matches first."""
    letters = initials_term(term)
    if letters is not None and has_field(model, f"{field}_initials"):
        return Case(
            When(Q(**{f"{field}_initials": letters}) | Q(**{field: term}), then=Value(0)),
            default=Value(1),
        )
    return Case(
        When(Q(**{field: term}), then=Value(0)),
        When(Q(**{f"{field}__startswith": term}), then=Value(1)),
        default=Value(2),
    )


def match_ordering(model: type[models.Model], term: str, *, field: str = "name") -> list[Any]:
    """The ordering of a search's results: by match, then by name (`field`).

    A single Chinese character is in a large share of a million names (白: 20,000 members at
    scale 100): ranking them reads every match before the first page (0.5 s), and so does
    walking the name's index (2 s for 白, which sorts late). One character lists its matches
    newest first: the database walks the primary key's index backwards and stops at the end
    of the page, after about as many rows as the page over the character's share of names.
    """
    if len(term) == 1 and initials_term(term) is None:
        return ["-pk"]
    return [match_rank(model, term, field=field), field]


def name_matches(queryset: _QuerySetT, term: str, *, field: str = "name") -> _QuerySetT:
    """The rows whose `field` matches `term` (see the module), in the queryset's order.

    `field` is a path ('name', 'member__name', 'title'); the model at its end has
    `<name>_grams` (and `<name>_initials`) for the index, else a plain LIKE is used.
    """
    term = term.strip()
    if not term:
        return queryset
    return queryset.filter(name_filter(queryset.model, term, field=field))


def name_contains(queryset: _QuerySetT, term: str, *, field: str = "name") -> _QuerySetT:
    """`name_matches`, best matches first (exact, prefix, contains, then by name)."""
    term = term.strip()
    if not term:
        return queryset
    ordering = match_ordering(queryset.model, term, field=field)
    return name_matches(queryset, term, field=field).order_by(*ordering, "pk")


def search_people(
    queryset: _QuerySetT,
    term: "str | IdentifierSearch",
    *,
    prefix: str = "",
    name_field: str = "name",
    id_digest_field: str | None = "id_number_digest",
    phone_digest_field: str | None = "phone_digest",
) -> _QuerySetT:
    """Exact ID number or phone through the digest, else the name (`name_contains`).

    `prefix` is the path to the person, e.g. "member__" when searching transfers; the field
    names default to Member's (pass None for a digest the model does not have). A search by
    ID number or phone comes from the admin's search form as an IdentifierSearch (its digests,
    recalled from the session: the number itself is never in the URL).
    """
    if isinstance(term, IdentifierSearch):
        search: IdentifierSearch | None = term
        name = ""
    else:
        name = term.strip()
        if not name:
            return queryset
        search = identifier_search(name)
    if search is not None:
        field = id_digest_field if search.kind == "id_number" else phone_digest_field
        if not field:
            return queryset.none()
        return queryset.filter(**{f"{prefix}{field}__in": search.digests})
    return name_contains(queryset, name, field=f"{prefix}{name_field}")


def search_by_name_or_code(
    queryset: _QuerySetT,
    term: str,
    *,
    code_field: str | None = None,
    code_normalize: Callable[[str], str] = str.strip,
) -> _QuerySetT:
    """The name (`name_contains`), or the code exactly (unions, employers)."""
    term = term.strip()
    if not term:
        return queryset
    condition = name_condition(queryset.model, term)
    if code_field:
        condition |= Q(**{code_field: code_normalize(term)})
    return queryset.filter(condition).order_by(*match_ordering(queryset.model, term), "pk")
