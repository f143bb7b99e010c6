import random

import pytest

from tests.members.factories import MemberFactory
from yuyang_union.applications import demo, services
from yuyang_union.applications.models import Application, ApplicationStep

pytestmark = pytest.mark.django_db


def test_scale_one_adds_nothing():
    MemberFactory()
    demo.load(scale=1, rng=random.Random(1))
    assert not Application.objects.exists()


def test_volume_at_scale_and_numbers_that_follow_on(monkeypatch):
    monkeypatch.setattr(demo, "PER_SCALE", 10)
    MemberFactory.create_batch(25)
    demo.load(scale=2, rng=random.Random(1))
    assert Application.objects.count() == 20
    assert ApplicationStep.objects.count() >= 20
    for application in Application.objects.all():
        application.full_clean()  # every row as the models and constraints want it
    kind, year = Application.objects.values_list("kind", "year").first()
    taken = set(Application.objects.filter(kind=kind, year=year).values_list("sequence", flat=True))
    assert services.next_sequence(kind=kind, year=year) == max(taken) + 1
