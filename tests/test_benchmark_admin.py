"""`manage.py benchmark_admin`: its table, its saved figures and its ratios to a baseline.

No timing is checked (the machine's load decides it): only that every page answered, that the
officer was refused what the role may not see, and the output's shape.
"""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from members.models import Member, UnionOrganisation
from tests.members.factories import MemberFactory, UnionFactory
from tests.welfare.factories import GrantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_records():
    township = UnionFactory(name="龙潭镇工会", kind="township")
    MemberFactory.create_batch(3, union=UnionFactory(parent=township), name="张晓明")
    GrantFactory(granted_on=datetime.date(2024, 3, 5))


def run(*args):
    out = io.StringIO()
    call_command("benchmark_admin", "--repeat", "1", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_table_has_every_page_for_both_users(some_records, tmp_path):
    saved = tmp_path / "scale1.json"
    users_before = get_user_model().objects.count()
    lines = run("--save", str(saved))

    scale = f"{Member.objects.count()} members, {UnionOrganisation.objects.count()} unions"
    assert lines[0] == f"Scale: {scale}"
    assert lines[1].split() == ["page", "·", "user", "median", "ms", "queries", "status"]
    rows = {line.rsplit(None, 3)[0].strip(): line.rsplit(None, 3)[1:] for line in lines[2:-1]}
    assert lines[-1] == f"Saved to {saved}."
    for page in ["members", "unions", "grants by month", "members search zxm"]:
        for who in ["superuser", "officer"]:
            assert f"{page} · {who}" in rows
    assert rows["autocomplete members · superuser"][2] == "200"
    assert rows["cases · officer"][2] == "403"  # not the grassroots officers' to see
    assert all(status in {"200", "403"} for _ms, _queries, status in rows.values())

    figures = json.loads(saved.read_text())
    assert figures["scale"]["members"] == Member.objects.count()
    assert figures["pages"]["members · superuser"]["queries"] == int(rows["members · superuser"][1])
    # Rolled back: the throwaway users are gone.
    assert get_user_model().objects.count() == users_before


def test_a_baseline_adds_the_ratio(some_records, tmp_path):
    baseline = tmp_path / "other.json"
    run("--save", str(baseline))
    figures = json.loads(baseline.read_text())
    figures["scale"]["members"] = 1_050_000
    baseline.write_text(json.dumps(figures))

    lines = run("--baseline", str(baseline))
    assert lines[1] == f"Baseline: 1,050,000 members, {figures['scale']['unions']} unions"
    assert lines[2].split()[-1] == "ratio"
    assert all(line.endswith("x") for line in lines[3:])


def test_a_file_that_is_no_baseline_is_refused(tmp_path):
    wrong = tmp_path / "wrong.json"
    wrong.write_text("{}")
    with pytest.raises(CommandError, match="benchmark_admin --save"):
        run("--baseline", str(wrong))
