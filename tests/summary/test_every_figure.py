"""Every figure of the seed is computed by the apps, with the unit the registry expects.

`test_every_registered_figure_is_provided` is the final check: it needs every app's
figures module. The per-app test runs for the apps that have landed so far.
"""

import datetime
import importlib.util

import pytest
from django.urls import reverse

from yuyang_union.summary.compose import record_figures
from yuyang_union.summary.registry import FIGURES, PROVIDER_APPS

PERIOD = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
ISSUE_KEYS = {
    "members.new_unions", "members.new_union_members", "honors.national_advanced_workers",
    "honors.national_model_workers", "honors.national_pioneer_collectives",
    "honors.municipal_model_workers", "honors.municipal_may_day_medals",
    "honors.municipal_collectives", "honors.county_craftsmen", "competitions.held",
    "competitions.enterprises", "competitions.participations", "competitions.star_titles",
    "legal.consultations", "legal.consultation_workers", "legal.outreach_events",
    "legal.outreach_workers", "legal.mediations", "legal.mediation_workers",
    "legal.mediation_recovered", "legal.aid_cases", "legal.aid_workers", "legal.aid_recovered",
    "legal.injury_appraisals", "legal.early_retirement_appraisals",
    "rights.collective_contracts", "rights.contract_enterprises",
    "rights.harmony_3a_enterprises", "welfare.hardship_households",
    "welfare.households_lifted_out", "welfare.warmth_funds", "welfare.warmth_visits",
    "welfare.education_aid_funds", "welfare.education_aid_students", "welfare.jobs_offered",
    "welfare.mutual_aid_enrollments", "welfare.worker_homes", "welfare.outdoor_stations",
    "welfare.health_checkups",
}  # fmt: skip


def test_the_registry_places_every_figure_the_issue_lists():
    assert {spec.key for spec in FIGURES} == ISSUE_KEYS


@pytest.mark.parametrize("app", sorted({spec.provider for spec in FIGURES}))
def test_each_landed_app_provides_its_figures_with_their_units(db, app):
    if importlib.util.find_spec(f"{app}.figures") is None:
        pytest.skip(f"{app}.figures has not landed yet")
    provided = record_figures(*PERIOD)
    for spec in FIGURES:
        if spec.provider == app:
            assert spec.key in provided, spec.key
            assert provided[spec.key].unit == spec.unit, spec.key


def test_every_registered_figure_is_provided(leader_client):
    """Final check (needs all apps): the JSON answer holds every key with its unit."""
    missing_apps = [a for a in PROVIDER_APPS if importlib.util.find_spec(f"{a}.figures") is None]
    response = leader_client.get(
        reverse("summary:figures-json"), {"start": "2015-01-01", "end": "2022-12-31"}
    )
    units = {figure["key"]: figure["unit"] for figure in response.json()["figures"]}
    missing = sorted(spec.key for spec in FIGURES if spec.key not in units)
    assert not missing, f"missing figures {missing} (apps without figures.py: {missing_apps})"
    for spec in FIGURES:
        assert units[spec.key] == spec.unit, spec.key
