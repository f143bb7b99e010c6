"""Public pages of the members app."""

from itertools import groupby

from django.utils.translation import gettext as _

from yuyang_union.page_cache.models import PageArea
from yuyang_union.page_cache.views import CachedContentView, page_of, query_string, vary_on

from .models.honours import HonourLevel
from .selectors import honour_roll, honour_years


class HonourRollView(CachedContentView):
    """劳模工匠风采: honourees by year and level, 50 a page; names and deeds only."""

    content_template_name = "members/honour_roll.html"
    areas = (PageArea.HONOURS,)
    paginate_by = 50

    def filters(self):
        level = self.request.GET.get("level", "")
        year = self.request.GET.get("year", "")
        return (
            level if level in HonourLevel.values else "",
            int(year) if year.isdigit() and len(year) == 4 else None,
        )

    def content_vary(self):
        return vary_on(self.request, "level", "year", "page")

    def content_context(self):
        level, year = self.filters()
        honours = honour_roll(level=level, year=year)
        page = page_of(honours, self.request.GET.get("page"), self.paginate_by)
        query = query_string(level=level, year=year)
        return {
            "title": _("Model workers and craftsmen"),
            "years": [
                (honour_year, list(honours))
                for honour_year, honours in groupby(page.object_list, key=lambda h: h.year)
            ],
            "page": page,
            "query": query,
            "levels": HonourLevel.choices,
            "level": level,
            "year": year,
            "all_years": honour_years(),
        }
