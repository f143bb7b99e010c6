"""The join form sent twice at the same moment (a double tap): one application, and the
second is told at the ID field, never an error page."""

import datetime
from functools import partial

from django.urls import reverse

from members.models.join_applications import DUPLICATE_MESSAGE
from tests.concurrency import at_once
from tests.members.factories import TownshipFactory, make_id_number
from tests.sign_in import VerifiedClient
from yuyang_union.applications.models import Application


def test_a_double_tap_makes_one_application(committed_rows):
    township = TownshipFactory(name="龙潭镇")
    data = {
        "name": "向小勇",
        "id_number": make_id_number(birth=datetime.date(1993, 8, 8), serial=5),
        "phone": "13912340002",
        "ethnicity": "土家族",
        "no_employer": "on",
        "township": township.pk,
        "occupation": "外卖骑手",
        "employment_group": "delivery_rider",
        "consent": "on",
        "sensitive_consent": "on",
    }

    def tap(client):
        response = client.post(reverse("members:join"), data)
        errors = response.context["form"].errors if response.status_code == 200 else {}
        return response.status_code, errors.get("id_number")

    outcomes = at_once(*(partial(tap, VerifiedClient()) for _ in range(2)))

    assert sorted(status for status, _errors in outcomes) == [200, 302]
    assert [errors for status, errors in outcomes if status == 200] == [[str(DUPLICATE_MESSAGE)]]
    assert Application.objects.count() == 1
