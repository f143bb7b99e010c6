import datetime
from decimal import Decimal

import pytest

from yuyang_union import roles
from yuyang_union.summary.compose import compute_summary, full_years, period_phrase
from yuyang_union.summary.models import YearlyTally

D = datetime.date
PERIOD = (D(2015, 1, 1), D(2022, 12, 31))


@pytest.fixture
def officer(make_staff):
    return make_staff(roles.ADMINISTRATORS)


def test_records_in_the_period_count_and_records_outside_do_not(fake_records):
    fake_records.add("competitions.held", D(2015, 1, 1), 2)  # first day: inside
    fake_records.add("competitions.held", D(2022, 12, 31), 3)  # last day: inside
    fake_records.add("competitions.held", D(2014, 12, 31), 100)
    fake_records.add("competitions.held", D(2023, 1, 1), 100)

    summary = compute_summary(*PERIOD)

    held = summary.by_key["competitions.held"]
    assert held.value == 5
    assert held.source == "records"
    assert held.by_year[2015] == 2
    assert held.by_year[2022] == 3
    assert summary.years == list(range(2015, 2023))


def test_tallies_are_added_and_mark_the_figure(fake_records, officer):
    fake_records.add("welfare.warmth_funds", D(2020, 1, 10), Decimal("100000"))
    YearlyTally.objects.create(
        key="welfare.warmth_funds", year=2015, value=Decimal("500000"), entered_by=officer
    )

    summary = compute_summary(*PERIOD)

    funds = summary.by_key["welfare.warmth_funds"]
    assert funds.value == Decimal("600000")
    assert funds.records == Decimal("100000")
    assert funds.source == "records+tallies"
    assert funds.by_year[2015] == Decimal("500000")
    assert summary.by_key["welfare.jobs_offered"].source == "records"
    assert summary.warnings == []  # the tally's year has no records


def test_a_tally_counts_only_for_years_wholly_inside_the_period(fake_records, officer):
    YearlyTally.objects.create(key="competitions.held", year=2015, value=4, entered_by=officer)

    assert compute_summary(D(2015, 1, 1), D(2015, 12, 31)).by_key["competitions.held"].value == 4
    partial = compute_summary(D(2015, 3, 1), D(2016, 12, 31)).by_key["competitions.held"]
    assert partial.value == 0
    assert partial.source == "records"
    assert list(full_years(D(2015, 3, 1), D(2017, 6, 30))) == [2016]


def test_records_and_a_tally_for_the_same_year_warn(fake_records, officer):
    fake_records.add("legal.aid_cases", D(2016, 5, 1), 2)
    YearlyTally.objects.create(key="legal.aid_cases", year=2016, value=3, entered_by=officer)

    for by_year in (True, False):
        summary = compute_summary(*PERIOD, by_year=by_year)
        assert summary.by_key["legal.aid_cases"].value == 5
        [warning] = summary.warnings
        assert (warning.figure.key, warning.year, warning.records, warning.tally) == (
            "legal.aid_cases",
            2016,
            2,
            3,
        )


def test_figures_follow_the_seed_sections(fake_records):
    summary = compute_summary(*PERIOD)
    headings = [str(label) for label, _figures, _details in summary.sections]
    assert headings == ["思想政治引领", "服务发展大局", "维护职工权益", "服务职工", "工会改革"]
    first_section_keys = [figure.key for figure in summary.sections[0][1]]
    assert first_section_keys[0] == "honors.national_advanced_workers"
    assert summary.sections[-1][1][0].key == "members.new_unions"


def test_period_phrases():
    today = D(2026, 11, 24)
    assert period_phrase(D(2015, 1, 1), today, today=today) == "2015年以来"
    assert period_phrase(D(2019, 1, 1), D(2019, 12, 31), today=today) == "2019年"
    assert period_phrase(D(2015, 1, 1), D(2022, 12, 31), today=today) == "2015年至2022年"
    assert (
        period_phrase(D(2015, 3, 1), D(2015, 6, 30), today=today) == "2015年3月1日至2015年6月30日"
    )


def test_the_database_refuses_two_tallies_for_one_figure_and_year(officer):
    from django.db import IntegrityError, transaction

    YearlyTally.objects.create(key="competitions.held", year=2015, value=4, entered_by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyTally.objects.create(key="competitions.held", year=2015, value=5, entered_by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyTally.objects.create(key="competitions.held", year=2016, value=-1, entered_by=officer)


def test_breakdowns_sit_under_their_figure_and_unknown_figures_last(monkeypatch, db):
    from yuyang_union.figures import Figure
    from yuyang_union.summary import compose

    def provider(periods):
        return [
            [
                Figure("events.held", "Events held", 4, "events"),
                Figure("competitions.held.skill", "Skill competitions", 2, "events"),
                Figure("competitions.held", "Competitions", 3, "events"),
            ]
            for _period in periods
        ]

    monkeypatch.setattr(compose, "figure_providers", lambda: [provider])
    summary = compute_summary(*PERIOD, by_year=False)
    assert [f.key for f in summary.figures] == [
        "competitions.held",
        "competitions.held.skill",
        "events.held",
    ]
    [development, other] = summary.sections
    assert [f.key for f in development[1]] == ["competitions.held"]
    assert [f.key for f in development[2]] == ["competitions.held.skill"]
    assert str(other[0]) == "其他指标"
    assert summary.by_key["events.held"].display == "4次"
    assert summary.by_key["competitions.held"].label == "举办竞赛"  # the registry's label
