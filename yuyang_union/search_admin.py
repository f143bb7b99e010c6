"""The admin's search box and autocomplete pickers, through `yuyang_union.search`.

Each entry of a ModelAdmin's `search_fields` is a path to a name ('name', 'member__name'),
found by any part of it (and by pinyin initials where the model stores them), or '=path'
for a code matched exactly. Django's own search would turn a name into `icontains`, a scan
of the table; the autocomplete view (`/admin/autocomplete/`) calls the same
`get_search_results`, so every picker searches the same way.
"""

import re
from typing import TYPE_CHECKING, Any

from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise, lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from yuyang_union.search import has_field, match_ordering, name_filter

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _ModelAdmin = ModelAdmin[Any]
else:
    _ModelAdmin = object


def _typed_examples(text: str | Promise) -> SafeString:
    # An example of what to type in latin letters (pinyin initials such as zxm) is input,
    # not a word of the page: marked as keyboard input.
    parts = re.split(r"\b([a-z]{2,})\b", str(text))
    pairs = zip(parts[0::2], parts[1::2], strict=False)
    return format_html("{}{}", format_html_join("", "{}<kbd>{}</kbd>", pairs), parts[-1])


# A search box's help whose examples of typing are marked as such (`<kbd>`), translated
# when the page is drawn.
search_help = lazy(_typed_examples, SafeString)


def _name_paths(search_fields: Any) -> list[str]:
    return [path for path in search_fields or () if not path.startswith("=")]


def search_fields_condition(model: Any, term: str, search_fields: Any) -> Q:
    """Any of `search_fields` matches `term` (see the module)."""
    condition = Q()
    for path in search_fields:
        if path.startswith("="):
            condition |= Q(**{path[1:]: term})
        elif has_field(model, f"{path}_grams"):
            condition |= name_filter(model, term, field=path)
        else:
            # A small table without a gram column: Django's own way (a scan, cheap there).
            condition |= Q(**{f"{path}__icontains": term})
    return condition


class NameSearchAdminMixin(_ModelAdmin):
    """`get_search_results` by names and codes; results best match first (exact, prefix,
    contains), unless the user sorts by a column."""

    search_help_text = _("Any part of a name or title, e.g. 走访.")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        term = search_term.strip()
        search_fields = self.get_search_fields(request)
        if not term or not search_fields:
            return queryset, False
        queryset = queryset.filter(search_fields_condition(self.model, term, search_fields))
        names = _name_paths(search_fields)
        if names:
            # The autocomplete view keeps this order (the changelist uses get_ordering).
            queryset = queryset.order_by(*match_ordering(self.model, term, field=names[0]), "pk")
        return queryset, False

    def get_ordering(self, request: HttpRequest) -> Any:
        ordering = list(super().get_ordering(request) or ())
        term = request.GET.get(SEARCH_VAR, "").strip()
        names = _name_paths(self.get_search_fields(request))
        if term and names:
            return [*match_ordering(self.model, term, field=names[0]), *ordering]
        return ordering
