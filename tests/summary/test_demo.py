"""The demo county gives back the seed's figures for 2015-2022 (runs in the normal suite;
loading the county takes a while)."""

import datetime

import pytest
from django.core.management import call_command

from yuyang_union.summary.compose import compute_summary

from .conftest import SEED_FIGURES

PERIOD = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))


@pytest.fixture
def demo_county(db, settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo")  # what `make run` does, at scale 1


def test_the_demo_reproduces_the_seed_figures(demo_county):
    summary = compute_summary(*PERIOD, by_year=False).by_key
    got = {key: summary[key].value if key in summary else None for key in SEED_FIGURES}
    assert got == SEED_FIGURES
    after = compute_summary(datetime.date(2023, 1, 1), datetime.date(2026, 11, 24), by_year=False)
    assert after.by_key["competitions.held"].value > 0  # a plausible 2023 to today


def test_load_demo_command_makes_logins_and_skips_a_second_time(db, settings, capsys):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo", "--once", "--no-records")
    call_command("load_demo", "--once")
    assert "demo data already loaded" in capsys.readouterr().out


def test_print_logins_lists_every_role_and_the_demo_member(settings, capsys):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo", "--print-logins")
    out = capsys.readouterr().out
    assert "demo-password-for-tests" in out
    for username in ("admin", "lingdao", "jiceng", "huiyuan"):
        assert f"  {username} " in out


def test_benchmark_agrees_with_the_hand_written_sql_on_the_demo(demo_county, capsys):
    call_command("benchmark_summary", "--end", "2022-12-31", "--repeat", "1")
    output = capsys.readouterr().out
    assert "summary = SQL for all 39 figures" in output
    assert "ratio summary / SQL" in output
