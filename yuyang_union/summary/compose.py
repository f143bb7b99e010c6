"""The summary: the apps' figures for a period, tallies added, placed in the seed's sections.

Query budget: one `figures_for_periods` call per providing app for the period, one query for
the tallies, and one more call per app for all the calendar years the page charts (each app
computes every year in the same few statements, grouped with FILTER). Each app's figures are
a few aggregate queries, so the count depends neither on the rows nor on the years.
"""

import datetime
import importlib
import importlib.util
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from yuyang_union.figures import Figure, Period, Unit

from .formatting import as_decimal, format_value
from .models import YearlyTally
from .registry import FIGURES_BY_KEY, MEASURE_WORDS, ORDER, PROVIDER_APPS, FigureSpec, Section

CONGRESS_START = datetime.date(2015, 1, 1)  # the 11th congress; the report counts from here

# An app's `figures_for_periods(periods)`.
FigureProvider = Callable[[Sequence[Period]], list[list[Figure]]]


def figure_providers() -> list[FigureProvider]:
    """The `figures_for_periods` functions of the apps that have a figures module, in
    PROVIDER_APPS order."""
    providers = []
    for app in PROVIDER_APPS:
        module_name = f"{app}.figures"
        if importlib.util.find_spec(module_name) is None:
            continue
        providers.append(importlib.import_module(module_name).figures_for_periods)
    return providers


def record_figures_for_periods(periods: Sequence[Period]) -> list[dict[str, Figure]]:
    """[{key: Figure}] from the apps' records, one for each period (start, end), in order."""
    figures: list[dict[str, Figure]] = [{} for _period in periods]
    if not periods:
        return figures
    for provider in figure_providers():
        for found, period_figures in zip(figures, provider(periods), strict=True):
            found.update((figure.key, figure) for figure in period_figures)
    return figures


def record_figures(start: datetime.date, end: datetime.date) -> dict[str, Figure]:
    """{key: Figure} from the apps' records for start..end (both included)."""
    return record_figures_for_periods([(start, end)])[0]


def full_years(start: datetime.date, end: datetime.date) -> range:
    """The calendar years lying wholly inside start..end: the years a tally may count for."""
    first = start.year if start == datetime.date(start.year, 1, 1) else start.year + 1
    last = end.year if end == datetime.date(end.year, 12, 31) else end.year - 1
    return range(first, last + 1)


def year_slices(
    start: datetime.date, end: datetime.date
) -> list[tuple[int, datetime.date, datetime.date]]:
    """(year, slice start, slice end) for every calendar year the period touches."""
    return [
        (
            year,
            max(start, datetime.date(year, 1, 1)),
            min(end, datetime.date(year, 12, 31)),
        )
        for year in range(start.year, end.year + 1)
    ]


def _typed(value: int | Decimal, unit: str) -> int | Decimal:
    """Counts as int, money as Decimal: tallies are stored as Decimal for both."""
    value = as_decimal(value)
    return value if unit == Unit.YUAN else int(value)


@dataclass
class SummaryFigure:
    key: str
    label: str
    unit: str
    measure: str
    section: str
    records: int | Decimal
    tallies: int | Decimal = 0
    has_tallies: bool = False
    url: str = ""
    by_year: dict[int, int | Decimal] = field(default_factory=dict)  # {year: records + tallies}
    is_detail: bool = False  # a breakdown of a registered figure (e.g. by competition kind)

    @property
    def value(self) -> int | Decimal:
        return self.records + self.tallies

    @property
    def source(self) -> str:
        """The source as a code, for the figures API."""
        return "records+tallies" if self.has_tallies else "records"

    @property
    def source_label(self) -> str:
        """The source as a reader names it, for pages and files."""
        return _("records + tallies") if self.has_tallies else _("records")

    @property
    def display(self) -> str:
        return format_value(self.value, self.unit, self.measure)


@dataclass
class TallyWarning:
    figure: SummaryFigure
    year: int
    records: int | Decimal
    tally: int | Decimal


@dataclass
class Summary:
    start: datetime.date
    end: datetime.date
    figures: list[SummaryFigure]
    warnings: list[TallyWarning]
    years: list[int]

    @property
    def by_key(self) -> dict[str, SummaryFigure]:
        return {figure.key: figure for figure in self.figures}

    @property
    def sections(self) -> list[tuple[str | Promise, list[SummaryFigure], list[SummaryFigure]]]:
        """[(section label, [main figures], [breakdowns])] in the seed's order, empty
        sections left out."""
        grouped: list[tuple[str | Promise, list[SummaryFigure], list[SummaryFigure]]] = []
        for section in Section:
            members = [f for f in self.figures if f.section == section.value]
            if members:
                main = [f for f in members if not f.is_detail]
                details = [f for f in members if f.is_detail]
                grouped.append((section.label, main, details))
        return grouped

    def values(self) -> dict[str, int | Decimal]:
        """{key: value}: what a snapshot keeps."""
        return {figure.key: figure.value for figure in self.figures}


def registered_parent(key: str) -> FigureSpec | None:
    """The registered figure a key details ("competitions.held.ankang" → "competitions.held")."""
    while "." in key:
        key = key.rsplit(".", 1)[0]
        if key in FIGURES_BY_KEY:
            return FIGURES_BY_KEY[key]
    return None


def sort_key(key: str) -> tuple[int, str, str]:
    """Registry order; a breakdown right after its figure; unregistered figures last, a
    breakdown after the figure it details."""
    if key in ORDER:
        return (ORDER[key], "", key)
    parent = registered_parent(key)
    return (ORDER[parent.key] if parent else len(ORDER), key, key)


def has_ancestor(key: str, keys: Container[str]) -> bool:
    """Whether a figure details another one present ("events.held.training" of "events.held")."""
    while "." in key:
        key = key.rsplit(".", 1)[0]
        if key in keys:
            return True
    return False


def _summary_figure(key: str, figure: Figure | None, keys: Container[str]) -> SummaryFigure:
    spec = FIGURES_BY_KEY.get(key)
    parent = None if spec else registered_parent(key)
    # A key comes from the records (a figure) or from a tally (registered: a spec).
    unit = figure.unit if figure is not None else cast(FigureSpec, spec).unit
    if spec:
        measure, section = spec.measure, spec.section
    else:
        measure = MEASURE_WORDS.get(unit, "")
        section = parent.section if parent else Section.OTHER.value
    return SummaryFigure(
        key=key,
        # Registered figures carry the registry's label, so the page reads as one report.
        label=str(spec.label if spec is not None else cast(Figure, figure).label),
        unit=unit,
        measure=str(measure),
        section=section,
        records=_typed(figure.value, unit) if figure is not None else _typed(0, unit),
        url=figure.url if figure is not None else "",
        is_detail=spec is None and has_ancestor(key, keys),
    )


def compute_summary(start: datetime.date, end: datetime.date, *, by_year: bool = True) -> Summary:
    """The summary for start..end. With `by_year`, also each year's values (charts, workbook).

    Without it, the apps are asked again only for the years that have tallies, to find
    records and tallies counted for the same figure and year.
    """
    slices = year_slices(start, end) if by_year else []
    # With the years, one call per app for the whole period and each year (each year in the
    # same statements, the whole added up from them).
    every = record_figures_for_periods(
        [(start, end)] + [(first, last) for _y, first, last in slices]
    )
    records, yearly = every[0], every[1:]
    years = list(full_years(start, end))
    tallies = list(YearlyTally.objects.filter(year__in=years).order_by("key", "year"))
    keys = set(records) | {tally.key for tally in tallies}
    figures = {key: _summary_figure(key, records.get(key), keys) for key in keys}

    tallied: dict[int, dict[str, int | Decimal]] = {}  # {year: {key: value}}
    for tally in tallies:
        figure = figures[tally.key]
        value = _typed(tally.value, figure.unit)
        figure.tallies += value
        figure.has_tallies = True
        tallied.setdefault(tally.year, {})[tally.key] = value

    if not by_year:
        slices = [
            (year, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            for year in sorted(tallied)
        ]
        yearly = record_figures_for_periods([(first, last) for _year, first, last in slices])
    warnings = []
    for (year, _start, _end), yearly_records in zip(slices, yearly, strict=True):
        year_tallies = tallied.get(year, {})
        for key, figure in figures.items():
            recorded = yearly_records.get(key)
            recorded_value = _typed(recorded.value, figure.unit) if recorded else 0
            tally_value = year_tallies.get(key, 0)
            figure.by_year[year] = recorded_value + tally_value
            if key in year_tallies and recorded_value:
                warnings.append(TallyWarning(figure, year, recorded_value, tally_value))

    ordered = sorted(figures.values(), key=lambda f: sort_key(f.key))
    warnings.sort(key=lambda w: (sort_key(w.figure.key), w.year))
    return Summary(
        start=start,
        end=end,
        figures=ordered,
        warnings=warnings,
        years=[year for year, _s, _e in slices] if by_year else [],
    )


def period_phrase(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> str:
    """How the report names the period: "2015年以来", "2019年", "2015年至2022年"."""
    today = today or timezone.localdate()
    whole_start = start == datetime.date(start.year, 1, 1)
    whole_end = end == datetime.date(end.year, 12, 31)
    if whole_start and end == today:
        return _("Since %(year)s") % {"year": start.year}
    if whole_start and whole_end:
        if start.year == end.year:
            return _("In %(year)s") % {"year": start.year}
        return _("From %(first)s to %(last)s") % {"first": start.year, "last": end.year}
    return _("From %(start)s to %(end)s") % {
        "start": format_date(start),
        "end": format_date(end),
    }


def format_date(day: datetime.date) -> str:
    return _("%(year)s-%(month)s-%(day)s") % {"year": day.year, "month": day.month, "day": day.day}
