"""With the apps' own factories: one record in the period moves exactly its figure by its
amount; the same record outside the period moves nothing. Each case runs once its app and
factories have landed."""

import datetime
import importlib
import importlib.util

import pytest

from yuyang_union.summary.compose import compute_summary
from yuyang_union.summary.registry import FIGURES_BY_KEY

PERIOD = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
INSIDE = datetime.date(2018, 6, 1)
OUTSIDE = datetime.date(2023, 2, 1)

# (factories module, factory, date field, extra fields, {figure key: expected change})
CASES = [
    (
        "tests.legal_aid.factories",
        "ConsultationFactory",
        "date",
        {"workers_served": 4},
        {"legal.consultations": 1, "legal.consultation_workers": 4},
    ),
    (
        "tests.legal_aid.factories",
        "OutreachEventFactory",
        "date",
        {"attendance": 120},
        {"legal.outreach_events": 1, "legal.outreach_workers": 120},
    ),
    (
        "tests.competitions.factories",
        "CompetitionFactory",
        "starts_on",
        {},
        {"competitions.held": 1},
    ),
]


def registered_values():
    summary = compute_summary(*PERIOD, by_year=False)
    return {f.key: f.value for f in summary.figures if f.key in FIGURES_BY_KEY}


def factory_for(module_name, factory_name):
    if importlib.util.find_spec(module_name) is None:
        pytest.skip(f"{module_name} has not landed yet")
    return getattr(importlib.import_module(module_name), factory_name)


@pytest.mark.parametrize(
    ("module_name", "factory_name", "date_field", "fields", "expected"),
    CASES,
    ids=[case[1] for case in CASES],
)
def test_one_record_moves_exactly_its_figure(
    db, module_name, factory_name, date_field, fields, expected
):
    factory = factory_for(module_name, factory_name)
    before = registered_values()

    factory(**{date_field: OUTSIDE}, **fields)
    assert registered_values() == before

    factory(**{date_field: INSIDE}, **fields)
    after = registered_values()
    changes = {
        key: after[key] - before.get(key, 0) for key in after if after[key] != before.get(key, 0)
    }
    assert changes == expected
