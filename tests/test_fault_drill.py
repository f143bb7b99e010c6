"""`manage.py fault_drill` re-runs the faults of issue 14 and prints what was lost."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yuyang_union.fault_drills import registry


@pytest.mark.django_db(transaction=True)
def test_every_drill_runs_and_loses_nothing(migrated_rows, settings, tmp_path):
    migrated_rows.restore()
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    out = io.StringIO()

    call_command("fault_drill", stdout=out)

    lines = out.getvalue().splitlines()
    drills = ("import-truth", "lost-update", "money-by-mistake", "typos", "double-submit")
    for name in (*drills, "durability", "outage", "backup"):
        assert f"{name}: lost: 0" in lines
        assert any(line.startswith(f"{name}: tried: ") for line in lines)
    assert lines[-1] == "lost: 0"


def test_a_drill_that_loses_something_fails_the_command(monkeypatch):
    def leaky_drill():
        return registry.DrillResult("leaky", "wrote 3 rows, found 2", 1)

    monkeypatch.setattr(registry, "drills", lambda: [leaky_drill])
    out = io.StringIO()

    with pytest.raises(CommandError, match="lost: 1"):
        call_command("fault_drill", stdout=out)

    assert "leaky: lost: 1" in out.getvalue()
