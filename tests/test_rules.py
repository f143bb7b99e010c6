"""Every database rule speaks Chinese at its field, and implausible values are refused."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from events.models import Event
from tests.events.factories import EventFactory
from tests.welfare.factories import CampaignFactory, GrantFactory, HouseholdFactory
from welfare.models import Grant
from yuyang_union import roles
from yuyang_union.fault_drills.pages import form_data

pytestmark = pytest.mark.django_db

CONSTRAINTS = [
    (model, constraint)
    for model in apps.get_models()
    for constraint in model._meta.constraints
    if isinstance(constraint, models.CheckConstraint | models.UniqueConstraint)
]


@pytest.mark.parametrize(
    ("model", "constraint"), CONSTRAINTS, ids=[c.name for _model, c in CONSTRAINTS]
)
def test_every_constraint_has_its_own_message_and_code(model, constraint):
    assert constraint.violation_error_message != constraint.default_violation_error_message
    assert constraint.violation_error_code == constraint.name
    # Translated: the message a user reads is Chinese, not the English source.
    message = str(constraint.get_violation_error_message())
    assert any("\u4e00" <= char <= "\u9fff" for char in message), message


def test_there_are_as_many_rules_as_the_issue_counted():
    assert len(CONSTRAINTS) >= 64


def _grant_change(admin_client, grant, **changes):
    url = f"/admin/welfare/grant/{grant.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "grant_form")
    data.update(changes)
    return admin_client.post(url, data)


def _field_errors(response, field):
    return [str(e) for e in response.context["adminform"].form.errors.get(field, [])]


@pytest.mark.parametrize("amount", ["-5", "0"])
def test_a_negative_or_zero_grant_amount_is_refused_at_the_field_not_a_500(admin_client, amount):
    grant = GrantFactory()
    response = _grant_change(admin_client, grant, amount=amount)
    assert response.status_code == 200
    assert any("金额必须大于零" in e for e in _field_errors(response, "amount"))
    grant.refresh_from_db()
    assert grant.amount == Decimal("2000.00")


def test_an_implausible_grant_amount_is_refused_at_the_field(admin_client):
    grant = GrantFactory()
    response = _grant_change(admin_client, grant, amount="99999999999.99")
    assert response.status_code == 200
    assert any("多输了位数" in e for e in _field_errors(response, "amount"))
    assert Grant.objects.get(pk=grant.pk).amount == Decimal("2000.00")


def test_the_money_ceiling_is_configurable(settings):
    grant = GrantFactory()
    grant.amount = Decimal("60000")
    with pytest.raises(ValidationError) as refused:
        grant.full_clean()
    assert list(refused.value.error_dict) == ["amount"]
    settings.MONEY_CEILINGS = {**settings.MONEY_CEILINGS, "grant": Decimal("80000")}
    grant.full_clean()


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime.datetime(1, 1, 1, 9, 0, tzinfo=datetime.UTC),
        datetime.datetime(1948, 12, 31, 9, 0, tzinfo=datetime.UTC),
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=6 * 366),
    ],
    ids=["year-0001", "before-1949", "six-years-ahead"],
)
def test_an_event_at_an_implausible_date_is_refused(starts_at):
    event = EventFactory.build(starts_at=starts_at, ends_at=starts_at)
    with pytest.raises(ValidationError) as refused:
        event.clean_fields()
    assert "starts_at" in refused.value.error_dict


def test_an_event_next_year_is_fine():
    starts = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=400)
    EventFactory.build(starts_at=starts, ends_at=starts).clean_fields(
        exclude=[f.name for f in Event._meta.fields if f.name not in ("starts_at", "ends_at")]
    )


def test_a_rule_on_fields_of_the_form_reads_in_chinese_at_its_field(admin_client):
    event = EventFactory()
    url = f"/admin/events/event/{event.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "event_form")
    # Ends before it starts.
    data["ends_at_0"], data["ends_at_1"] = data["starts_at_0"], "00:00:00"
    data["starts_at_1"] = "23:00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "结束时间不能早于开始时间" in text
    assert "event_ends_after_start" not in text


def test_a_staff_page_shows_a_services_refusal_at_its_field(client, make_staff):
    household = HouseholdFactory()
    campaign = CampaignFactory(year=2026)
    client.force_login(make_staff(roles.WELFARE))
    response = client.post(
        reverse("welfare:household-action", args=[household.pk, "grant"]),
        {
            "grant-campaign": campaign.pk,
            "grant-amount": "99999999",
            "grant-form": "cash",
            "grant-granted_on": "2026-01-20",
        },
    )
    assert response.status_code == 200
    form = response.context["grant_form"]
    assert any("多输了位数" in str(e) for e in form.errors["amount"])
    assert not Grant.objects.filter(household=household).exists()
