"""The base of every cached public page."""

from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.views.generic import TemplateView

from .caching import cached_parts, content_key
from .models import PageArea


def page_of(objects: QuerySet[Any], number: str | None, per_page: int) -> Page[Any]:
    """One page of a list with a fixed page size; a page that is not there is a 404."""
    try:
        return Paginator(objects, per_page).page(number or 1)
    except InvalidPage as error:
        raise Http404 from error


class CachedContentView(TemplateView):
    """A public page whose content is the same for every visitor, kept in the cache.

    A subclass names the areas of records it shows, says what its content varies on
    (`content_vary`: the filters and page number it accepts, normalised) and builds the
    content's context (`content_context`, where the queries are). The content template is
    rendered without the request, so no form token, message or signed-in name can end up in
    what other visitors are served. Anything per visitor is added by `live_context`.
    """

    template_name = "page_cache/page.html"
    content_template_name: str
    head_template_name = ""
    areas: tuple[PageArea, ...] = ()
    # For content the clock changes (an event passing from upcoming to past): how long a
    # cached copy may serve; 0 for content only its records change.
    clock_seconds = 0

    def content_vary(self) -> str:
        return ""

    def content_context(self) -> dict[str, Any]:
        raise NotImplementedError

    def live_context(self, parts: dict[str, Any]) -> dict[str, Any]:
        return {}

    def render_parts(self) -> dict[str, Any]:
        context = self.content_context()
        parts = {
            "title": context.get("title", ""),
            "content": render_to_string(self.content_template_name, context),
        }
        if self.head_template_name:
            parts["head"] = render_to_string(self.head_template_name, context)
        parts.update(self.extra_parts(context))
        return parts

    def extra_parts(self, context: dict[str, Any]) -> dict[str, Any]:
        """More cached values the live part of the page needs (no query left for it)."""
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        key = content_key(
            self.content_key_name(), self.areas, self.content_vary(),
            clock_seconds=self.clock_seconds,
        )  # fmt: skip
        parts = cached_parts(key, self.render_parts)
        context.update(parts)
        context.update(self.live_context(parts))
        return context

    def content_key_name(self) -> str:
        return self.content_template_name


def query_string(**params: object) -> str:
    """The filters a page's links keep (its pagination), leaving out the empty ones."""
    return urlencode({name: value for name, value in params.items() if value not in ("", None)})


def vary_on(request: HttpRequest, *names: str) -> str:
    """What a page's content varies on: the named parameters as given, cut short (a
    parameter a view does not accept must not make a new cache entry)."""
    return "&".join(f"{name}={request.GET.get(name, '')[:60]}" for name in names)
