"""The demo county gives back the seed's figures for 2015-2022 (runs in the normal suite;
loading the county takes a while)."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuyang_union.accounts.demo import demo_code, demo_secret
from yuyang_union.accounts.second_factor import key_for_typing
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
    assert "make otp LOGIN=" in out
    assert demo_secret("zuzhi") in out


def test_demo_staff_pass_the_second_step_with_the_printed_key_or_make_otp(db, settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo", "--once", "--no-records")
    device = TOTPDevice.objects.get(user__username="zuzhi", confirmed=True)
    # The printed key is the device's: an authenticator app given it shows the same codes.
    assert key_for_typing(device.bin_key) == demo_secret("zuzhi")
    code, _seconds = demo_code("zuzhi")
    assert device.verify_token(code)
    with pytest.raises(CommandError):
        demo_code("somebody-else")


def test_benchmark_agrees_with_the_hand_written_sql_on_the_demo(demo_county, capsys):
    call_command("benchmark_summary", "--end", "2022-12-31", "--repeat", "1")
    output = capsys.readouterr().out
    assert "summary = SQL for all 39 figures" in output
    assert "ratio summary / SQL" in output
