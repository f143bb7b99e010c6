"""The summary as files: a workbook (figures by year, the period total last) and a Word draft
of the report's figure paragraphs, written in the manner of the seed."""

from django.utils.translation import gettext as _

from yuyang_union.figures import Unit

from .compose import format_date, period_phrase
from .formatting import format_value
from .registry import Section

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"


def write_workbook(summary, out):
    """An .xlsx into `out`: one row per figure, a column per year of the period, the period
    total last. A few dozen rows: the normal mode, for its bold header and frozen panes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    period = _("%(start)s to %(end)s") % {
        "start": format_date(summary.start),
        "end": format_date(summary.end),
    }
    sheet.append([_("Work summary"), period])
    sheet.append([])
    header = [_("Section"), _("Figure"), _("Unit"), _("Source")]
    header += [str(year) for year in summary.years] + [_("Period total")]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    section_labels = dict(Section.choices)
    for figure in summary.figures:
        unit_label = _("yuan") if figure.unit == Unit.YUAN else figure.measure
        row = [
            str(section_labels[figure.section]),
            figure.label,
            str(unit_label),
            figure.source_label,
        ]
        row += [figure.by_year.get(year, 0) for year in summary.years]
        row.append(figure.value)
        sheet.append(row)
        number_format = MONEY_FORMAT if figure.unit == Unit.YUAN else COUNT_FORMAT
        for cell in sheet[sheet.max_row][4:]:
            cell.number_format = number_format
    for column, width in enumerate([18, 36, 10, 16], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "E4"
    book.save(out)


def _values(summary):
    """{key: "36场次"} for the sentences; a figure the portal lacks is left out."""
    return {
        figure.key.replace(".", "__"): format_value(figure.value, figure.unit, figure.measure)
        for figure in summary.figures
    }


def _sentence(template, values):
    """The sentence filled in, or "" when one of its figures is missing."""
    try:
        return template % values
    except KeyError:
        return ""


def report_paragraphs(summary):
    """[(section heading, paragraph)] in the seed's order and wording."""
    values = _values(summary)
    values["since"] = period_phrase(summary.start, summary.end)
    sections = [
        (
            Section.HONOURS,
            [
                _(
                    "%(since)s, we recommended and selected %(honors__national_advanced_workers)s "
                    "national advanced workers, %(honors__national_model_workers)s national model "
                    "workers, %(honors__national_pioneer_collectives)s national worker pioneer "
                    "teams, %(honors__municipal_model_workers)s municipal model workers and "
                    "%(honors__municipal_may_day_medals)s municipal May Day labour medallists; "
                    "%(honors__municipal_collectives)s advanced collectives won the municipal May "
                    "Day labour award or the worker pioneer title, and "
                    "%(honors__county_craftsmen)s Youyang craftsmen were chosen."
                )
            ],
        ),
        (
            Section.DEVELOPMENT,
            [
                _(
                    "%(since)s, %(competitions__held)s competitions of every kind were held, "
                    "with %(competitions__enterprises)s enterprises and "
                    "%(competitions__participations)s worker entries."
                ),
                _(
                    "%(competitions__star_titles)s workers of the county won the titles of skill, "
                    "innovation, labour and service star."
                ),
            ],
        ),
        (
            Section.RIGHTS,
            [
                _(
                    "%(since)s, legal consultations were given %(legal__consultations)s, serving "
                    "%(legal__consultation_workers)s workers; legal publicity was held "
                    "%(legal__outreach_events)s, serving %(legal__outreach_workers)s workers; "
                    "%(legal__mediations)s labour disputes were mediated, involving "
                    "%(legal__mediation_workers)s workers, recovering "
                    "%(legal__mediation_recovered)s; "
                    "legal aid was given in %(legal__aid_cases)s, involving %(legal__aid_workers)s "
                    "workers, recovering %(legal__aid_recovered)s; work-injury gradings were made "
                    "for %(legal__injury_appraisals)s and early-retirement appraisals for "
                    "%(legal__early_retirement_appraisals)s."
                ),
                _(
                    "The county signed %(rights__collective_contracts)s collective contracts "
                    "covering %(rights__contract_enterprises)s enterprises, and "
                    "%(rights__harmony_3a_enterprises)s enterprises were rated Chongqing 3A "
                    "harmonious-labour-relations enterprises."
                ),
            ],
        ),
        (
            Section.SERVICES,
            [
                _(
                    "Of the %(welfare__hardship_households)s hardship worker households in file, "
                    "%(welfare__households_lifted_out)s were lifted out of hardship."
                ),
                _(
                    "The send-warmth campaign raised and paid %(welfare__warmth_funds)s in relief "
                    "and visited hardship workers %(welfare__warmth_visits)s."
                ),
                _(
                    "The golden-autumn education aid raised %(welfare__education_aid_funds)s, "
                    "helping %(welfare__education_aid_students)s children of hardship workers to "
                    "study."
                ),
                _("The employment campaigns offered %(welfare__jobs_offered)s jobs."),
                _(
                    "Enrolment in the workers' medical mutual-aid cover reached "
                    "%(welfare__mutual_aid_enrollments)s."
                ),
                _(
                    "%(welfare__worker_homes)s workers' homes and %(welfare__outdoor_stations)s "
                    "outdoor-worker service stations were built."
                ),
                _("Free health check-ups were given to %(welfare__health_checkups)s workers."),
            ],
        ),
        (
            Section.REFORM,
            [
                _(
                    "%(since)s, %(members__new_unions)s new grassroots unions were founded in the "
                    "county, bringing in %(members__new_union_members)s members."
                )
            ],
        ),
    ]
    paragraphs = []
    for section, templates in sections:
        text = "".join(_sentence(template, values) for template in templates)
        if text:
            paragraphs.append((str(section.label), text))
    return paragraphs


def write_report(summary, out):
    """A .docx draft into `out`, laid out as an official document (GB/T 9704): the title, the
    period under it, then each section's numbered heading and its figure paragraph."""
    # python-docx is loaded by the job that writes a draft, not by every process.
    from .official_document import add_body, add_heading, official_document

    document = official_document(
        title=_("Work summary: the figures"),
        subtitle=_("(%(start)s to %(end)s)")
        % {"start": format_date(summary.start), "end": format_date(summary.end)},
    )
    for number, (heading, text) in enumerate(report_paragraphs(summary), start=1):
        add_heading(document, number, heading)
        add_body(document, text)
    document.save(out)
