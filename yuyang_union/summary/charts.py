"""Year-by-year bar charts as SVG drawn on the server: no script, no inline style (CSP), so
they render offline and print. Colours and sizes are SVG attributes and CSS classes."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yuyang_union.figures import Unit

from .formatting import TEN_THOUSAND, as_decimal, format_value, plain_number

# (title, figure keys drawn side by side each year)
CHARTS = [
    (_("Send-warmth relief money"), ["welfare.warmth_funds"]),
    (_("Golden-autumn education aid"), ["welfare.education_aid_funds"]),
    (_("Mediations and legal aid cases"), ["legal.mediations", "legal.aid_cases"]),
    (_("Money recovered for workers"), ["legal.mediation_recovered", "legal.aid_recovered"]),
    (_("Competitions held"), ["competitions.held"]),
    (_("Worker entries in competitions"), ["competitions.participations"]),
    (_("New grassroots unions"), ["members.new_unions"]),
]
COLOURS = ["#c8102e", "#2f6f9f", "#d4a017"]

WIDTH = 640
HEIGHT = 260
LEFT = 64  # room for the axis labels
BOTTOM = 34
TOP = 16
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str  # shown as a tooltip and read by screen readers


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list
    year_labels: list  # [(x, text)]
    ticks: list  # [(y, text)]
    legend: list  # [(colour, label)]
    baseline: float
    left: int
    right: int
    empty: bool


def _axis_label(value, unit):
    if unit == Unit.YUAN:
        return plain_number(value / TEN_THOUSAND)  # the chart's unit is 万元
    return plain_number(value)


def _nice_maximum(value):
    """A round top for the axis (1, 2, 5 × 10ⁿ) above the tallest bar."""
    if value <= 1:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def build_chart(title, figures, years):
    """A grouped bar chart of `figures` (SummaryFigure, same unit) over `years`."""
    unit = figures[0].unit
    # The axis is in the unit the reader sees (万元 for money), rounded up to a nice number.
    scale = TEN_THOUSAND if unit == Unit.YUAN else Decimal(1)
    tallest = max((as_decimal(f.by_year.get(y, 0)) for f in figures for y in years), default=0)
    top = _nice_maximum(tallest / scale) * scale
    slot = (WIDTH - LEFT - 8) / max(len(years), 1)
    bar_width = slot * 0.7 / len(figures)
    bars, year_labels = [], []
    for index, year in enumerate(years):
        slot_left = LEFT + index * slot + slot * 0.15
        year_labels.append((round(LEFT + index * slot + slot / 2, 1), str(year)))
        for series, figure in enumerate(figures):
            value = as_decimal(figure.by_year.get(year, 0))
            height = float(value / top) * PLOT_HEIGHT
            bars.append(
                Bar(
                    x=round(slot_left + series * bar_width, 1),
                    y=round(TOP + PLOT_HEIGHT - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    colour=COLOURS[series % len(COLOURS)],
                    title=f"{year} {figure.label}: "
                    + format_value(value, figure.unit, figure.measure),
                )
            )
    shares = [Decimal(0), Decimal("0.5"), Decimal(1)]
    if unit != Unit.YUAN and top % 2:
        shares = [Decimal(0), Decimal(1)]  # no "2.5 cases" on the axis
    ticks = [
        (round(TOP + PLOT_HEIGHT - PLOT_HEIGHT * share, 1), _axis_label(top * share, unit))
        for share in shares
    ]
    unit_label = str(_("ten thousand yuan")) if unit == Unit.YUAN else str(figures[0].measure)
    return Chart(
        title=gettext("%(title)s (%(unit)s)") % {"title": title, "unit": unit_label},
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        year_labels=year_labels,
        ticks=ticks,
        legend=[(COLOURS[i % len(COLOURS)], f.label) for i, f in enumerate(figures)],
        baseline=TOP + PLOT_HEIGHT,
        left=LEFT,
        right=WIDTH - 8,
        empty=not any(bar.height for bar in bars),
    )


def summary_charts(summary):
    """The charts whose figures the summary has (an app not installed yet draws nothing)."""
    by_key = summary.by_key
    charts = []
    for title, keys in CHARTS:
        figures = [by_key[key] for key in keys if key in by_key]
        if figures and summary.years:
            charts.append(build_chart(title, figures, summary.years))
    return charts
