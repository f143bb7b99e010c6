"""The URLs `manage.py benchmark_pages` serves: the whole portal, plus a baseline page that
exists only here (never on the real site: `benchmark_wsgi` points the server at this module).

The baseline is the cheapest real page: one primary-key query and a template that extends
`base.html` (the header, navigation and footer every public page pays for). A public page is
judged by its requests per second against this one, measured side by side by the same server.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

from members.models import Township

BASELINE_PATH = "/benchmark-baseline/"

_baseline_template = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<h1>{{ township.name }}</h1>{% endblock %}'
)


def baseline(request: HttpRequest) -> HttpResponse:
    township = Township.objects.filter(pk=1).first()
    return HttpResponse(_baseline_template.render({"township": township}, request))


urlpatterns = [
    path(BASELINE_PATH.lstrip("/"), baseline),
    path("", include("yuyang_union.urls")),
]
handler500 = "yuyang_union.outage.page.server_error"
