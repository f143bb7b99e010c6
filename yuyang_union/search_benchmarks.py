"""The staff searches worth timing at scale (for a benchmark command to call).

Each is a first page as the admin changelist reads it (50 rows, best match first, with the
columns the list shows): a Chinese word in the middle of union names, a one-character and a
two-character member search, and pinyin initials.
"""

from collections.abc import Callable
from typing import Any

from yuyang_union.search import search_by_name_or_code, search_people

PAGE = 50


def staff_searches() -> list[tuple[str, Callable[[], list[Any]]]]:
    """(label, a function reading the first page) for each search to time."""
    from members.models import Member, UnionOrganisation

    unions = UnionOrganisation.objects.select_related("township")
    members = Member.objects.select_related("union", "employer")

    def union_page(term: str) -> Callable[[], list[Any]]:
        return lambda: list(search_by_name_or_code(unions, term, code_field="code")[:PAGE])

    def member_page(term: str) -> Callable[[], list[Any]]:
        return lambda: list(search_people(members, term)[:PAGE])

    return [
        ("unions 走访", union_page("走访")),
        ("members 张", member_page("张")),
        ("members 晓梅", member_page("晓梅")),
        ("members zxm", member_page("zxm")),
    ]
