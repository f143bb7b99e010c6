"""One pagination include for every list: its links keep the list's filters."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from yuyang_union.pagination import other_parameters


def test_the_query_string_keeps_the_filters_and_drops_the_page():
    request = RequestFactory().get("/staff/legal-aid/cases/", {"kind": "mediation", "page": "3"})
    assert other_parameters(request) == "kind=mediation"


def test_the_links_carry_the_filters():
    page = Paginator(range(100), 10).page(2)
    html = render_to_string("includes/pagination.html", {"page": page, "query": "when=past"})
    assert 'href="?when=past&amp;page=1"' in html
    assert 'href="?when=past&amp;page=3"' in html
    assert "第 2 页" in html


def test_one_page_has_no_links():
    page = Paginator(range(5), 10).page(1)
    assert "pagination" not in render_to_string("includes/pagination.html", {"page": page})
