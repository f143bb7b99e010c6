"""`{% reveal_link record "id_number" %}`: the way to a full number, for those who may see it."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..masking import can_view_identifiers
from ..reveal import reveal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def reveal_link(context: dict[str, Any], record: Any, field: str) -> str:
    request = context.get("request")
    if request is None or record is None or not getattr(record, field, None):
        return ""
    if not can_view_identifiers(request.user):
        return ""
    return format_html(
        '<a class="reveal-link" href="{}">{}</a>',
        reveal_url(record, field, back=request.path),
        gettext("See in full"),
    )
