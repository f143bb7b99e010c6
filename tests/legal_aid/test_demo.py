import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from legal_aid import demo
from legal_aid.figures import figures
from legal_aid.models import Case, CaseNumberCounter, CollectiveContract, OutreachEvent
from tests.members.factories import EmployerFactory, MemberFactory

pytestmark = pytest.mark.django_db

SEED = {
    "legal.consultations": 137,
    "legal.consultation_workers": 1298,
    "legal.outreach_events": 17,
    "legal.outreach_workers": 12000,
    "legal.mediations": 11,
    "legal.mediation_workers": 29,
    "legal.mediation_recovered": Decimal("353000.00"),
    "legal.aid_cases": 18,
    "legal.aid_workers": 162,
    "legal.aid_recovered": Decimal("2540000.00"),
    "legal.injury_appraisals": 241,
    "legal.early_retirement_appraisals": 12,
    "rights.collective_contracts": 312,
    "rights.contract_enterprises": 2527,
    "rights.harmony_3a_enterprises": 7,
}


def seed_figures():
    # The seed's figures only: the online requests' figures are "other figures".
    return {
        figure.key: figure.value
        for figure in figures(datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
        if figure.key in SEED
    }


def test_the_demo_reproduces_the_work_summary_at_scale_1():
    EmployerFactory.create_batch(20)
    MemberFactory.create_batch(10)
    demo.load(scale=1, rng=random.Random(7))
    assert seed_figures() == SEED
    assert OutreachEvent.objects.filter(date=datetime.date(2022, 6, 23)).exists()
    # Plausible records since 2023: open cases, one overdue mediation, contracts expiring.
    assert Case.objects.overdue().count() == 1
    assert Case.objects.open().filter(received_on__year=timezone.localdate().year).count() >= 5
    assert CollectiveContract.objects.expiring().count() >= 3
    # The counters continue after the demo's numbers: the next case does not clash.
    counter = CaseNumberCounter.objects.get(kind="mediation", year=2022)
    assert counter.last_number == Case.objects.filter(kind="mediation", year=2022).count()


def test_the_demo_scales():
    demo.load(scale=2, rng=random.Random(8))
    result = seed_figures()
    assert result == {key: value * 2 for key, value in SEED.items()}
