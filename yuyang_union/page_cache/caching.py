"""Reading and filling the public page cache (see the package's docstring)."""

import hashlib
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .models import PageArea, PageVersion

KEY_PREFIX = "public-page"


def area_versions(areas: Sequence[PageArea]) -> str:
    """The areas' versions, in one query ("0" for an area never written)."""
    rows = dict(PageVersion.objects.filter(area__in=areas).values_list("area", "version"))
    return ".".join(str(rows.get(area, 0)) for area in areas)


def content_key(
    page: str, areas: Sequence[PageArea], vary: str = "", *, clock_seconds: int = 0
) -> str:
    """The cache key of a page's content: its name, the language, the areas' versions, what
    the content varies on (e.g. the filters and page number), and, for content that the clock
    changes, the current slice of `clock_seconds`."""
    parts = [page, translation.get_language() or "", area_versions(areas), vary]
    if clock_seconds:
        parts.append(str(int(time.time() // clock_seconds)))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{page}:{digest}"


def cached_parts(
    key: str, render: Callable[[], dict[str, Any]], timeout: int | None = None
) -> dict[str, Any]:
    """The page's parts from the cache, or made now by `render` and kept.

    Parts are what a template needs: HTML that `render_to_string` produced stays marked safe
    through the cache (a SafeString pickles as one), plain text (a title) is escaped as usual.
    """
    parts: dict[str, Any] | None = cache.get(key)
    if parts is None:
        parts = render()
        cache.set(key, parts, settings.PUBLIC_PAGE_CACHE_SECONDS if timeout is None else timeout)
    return parts
