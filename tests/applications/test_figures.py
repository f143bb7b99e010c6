import datetime

import pytest
from django.utils import timezone

from tests.members.factories import UnionFactory
from yuyang_union.applications.figures import application_figures
from yuyang_union.applications.models import ApplicationKind

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_received_accepted_and_answered_on_time_per_kind_and_period():
    union = UnionFactory()
    day = datetime.date(2026, 3, 2)
    submitted = _at(day)
    due = submitted + datetime.timedelta(days=9)
    kind = ApplicationKind.LEGAL_HELP
    common = {"union": union, "kind": kind, "submitted_at": submitted, "due_at": due}
    ApplicationFactory(**common)  # not answered
    ApplicationFactory(**common, status="accepted", answered_at=due, accepted_at=due)  # on time
    late = due + datetime.timedelta(days=1)
    ApplicationFactory(**common, status="accepted", answered_at=late, accepted_at=late)
    ApplicationFactory(  # declined on time: answered, not accepted
        **common, status="declined", decline_reason="other", answered_at=submitted,
        closed_at=submitted,
    )  # fmt: skip
    ApplicationFactory(union=union, kind=kind, submitted_at=_at(datetime.date(2025, 3, 2)),
                       due_at=_at(datetime.date(2025, 3, 12)))  # fmt: skip
    year_2025, whole = application_figures(
        [kind], [(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
                 (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))],
    )  # fmt: skip
    values = {figure.key: figure.value for figure in whole}
    assert values == {
        "applications.legal_help.received": 4,
        "applications.legal_help.accepted": 2,
        "applications.legal_help.on_time": 2,
    }
    assert {figure.key: figure.value for figure in year_2025}[
        "applications.legal_help.received"
    ] == 1
    assert all("%" not in str(figure.label) for figure in whole)
