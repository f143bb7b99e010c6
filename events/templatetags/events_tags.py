from django import template

from ..text import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Event text as sanitised HTML (see events.text)."""
    return render_markdown(text)
