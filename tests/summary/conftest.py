"""Summary fixtures: readers of the summary, and a stand-in for the apps' figures modules so
the composing logic is tested whatever apps have landed."""

import datetime
from decimal import Decimal

import pytest

from yuyang_union import roles
from yuyang_union.figures import Figure
from yuyang_union.summary import compose
from yuyang_union.summary.registry import FIGURES

# The seed's figures for 2015-01-01..2022-12-31 (money in yuan).
SEED_FIGURES = {
    "members.new_unions": 182,
    "members.new_union_members": 11310,
    "honors.national_advanced_workers": 1,
    "honors.national_model_workers": 1,
    "honors.national_pioneer_collectives": 1,
    "honors.municipal_model_workers": 10,
    "honors.municipal_may_day_medals": 8,
    "honors.municipal_collectives": 24,
    "honors.county_craftsmen": 19,
    "competitions.held": 36,
    "competitions.enterprises": 127,
    "competitions.participations": 2763,
    "competitions.star_titles": 62,
    "legal.consultations": 137,
    "legal.consultation_workers": 1298,
    "legal.outreach_events": 17,
    "legal.outreach_workers": 12000,
    "legal.mediations": 11,
    "legal.mediation_workers": 29,
    "legal.mediation_recovered": Decimal("353000"),
    "legal.aid_cases": 18,
    "legal.aid_workers": 162,
    "legal.aid_recovered": Decimal("2540000"),
    "legal.injury_appraisals": 241,
    "legal.early_retirement_appraisals": 12,
    "rights.collective_contracts": 312,
    "rights.contract_enterprises": 2527,
    "rights.harmony_3a_enterprises": 7,
    "welfare.hardship_households": 489,
    "welfare.households_lifted_out": 489,
    "welfare.warmth_funds": Decimal("5290000"),
    "welfare.warmth_visits": 615,
    "welfare.education_aid_funds": Decimal("2960000"),
    "welfare.education_aid_students": 668,
    "welfare.jobs_offered": 4187,
    "welfare.mutual_aid_enrollments": 10900,
    "welfare.worker_homes": 36,
    "welfare.outdoor_stations": 6,
    "welfare.health_checkups": 1572,
}


class FakeRecords:
    """Dated records of every registered figure, summed per period like an app would."""

    def __init__(self):
        self.rows = []  # (key, date, value)
        self.calls = 0

    def add(self, key, day, value):
        self.rows.append((key, day, value))

    def figures_for_periods(self, periods):
        self.calls += 1
        return [self.figures(start, end) for start, end in periods]

    def figures(self, start, end):
        result = []
        for spec in FIGURES:
            total = sum(
                (Decimal(v) for k, d, v in self.rows if k == spec.key and start <= d <= end),
                Decimal(0),
            )
            value = total if spec.unit == "yuan" else int(total)
            url = f"/records/{spec.key}/?from={start.isoformat()}&to={end.isoformat()}"
            result.append(Figure(spec.key, str(spec.label), value, spec.unit, url))
        return result


@pytest.fixture
def fake_records(db, monkeypatch):
    """Replaces the apps' figures modules by one in-memory provider of every figure."""
    records = FakeRecords()
    monkeypatch.setattr(compose, "figure_providers", lambda: [records.figures_for_periods])
    return records


@pytest.fixture
def seed_records(fake_records):
    """The seed's figures as records spread over 2015..2022 (all in mid-2018 for simplicity)."""
    for key, value in SEED_FIGURES.items():
        fake_records.add(key, datetime.date(2018, 6, 1), value)
    return fake_records


@pytest.fixture
def leader(make_staff):
    return make_staff(roles.LEADERS)


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client
