"""Lists of choices (a campaign's fund sources, a household's causes, a consultation's
topics) are Chinese check boxes everywhere, never codes typed by hand."""

import pytest
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.urls import reverse

from legal_aid.models import Consultation
from tests.legal_aid.factories import ConsultationFactory
from tests.welfare.factories import CampaignFactory, HouseholdFactory
from welfare.models import HardshipHousehold, ReliefCampaign
from yuyang_union import roles
from yuyang_union.choice_array import ChoiceArrayField

pytestmark = pytest.mark.django_db


def test_every_array_of_choices_is_a_choice_array_field():
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ArrayField)
        and field.base_field.choices
        and not isinstance(field, ChoiceArrayField)
    ]
    assert plain == []
    for model, name in (
        (ReliefCampaign, "fund_sources"),
        (HardshipHousehold, "causes"),
        (Consultation, "topics"),
    ):
        assert isinstance(model._meta.get_field(name), ChoiceArrayField), name


def test_the_old_path_of_the_field_still_imports_for_the_early_migrations():
    from legal_aid.models.fields import ChoiceArrayField as old

    assert old is ChoiceArrayField


def test_a_campaign_s_fund_sources_are_ticked_in_chinese_and_listed_in_chinese(admin_client):
    page = admin_client.get(reverse("admin:welfare_reliefcampaign_add")).content.decode()
    assert 'type="checkbox" name="fund_sources" value="union_funds"' in page
    assert "工会经费" in page
    assert 'name="fund_sources" cols' not in page  # no textarea of codes
    response = admin_client.post(
        reverse("admin:welfare_reliefcampaign_add"),
        {
            "kind": "warmth",
            "year": "2026",
            "name": "2026年送温暖活动",
            "budget": "500000.00",
            "fund_sources": ["union_funds", "municipal"],
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = ReliefCampaign.objects.get(name="2026年送温暖活动")
    assert campaign.fund_sources == ["union_funds", "municipal"]
    assert campaign.get_fund_sources_display() == "工会经费、市总工会"
    listing = admin_client.get(reverse("admin:welfare_reliefcampaign_changelist")).content
    assert "工会经费、市总工会" in listing.decode()
    assert "union_funds" not in listing.decode()


def test_a_code_typed_by_hand_gets_a_chinese_error(admin_client):
    response = admin_client.post(
        reverse("admin:welfare_reliefcampaign_add"),
        {
            "kind": "warmth",
            "year": "2026",
            "name": "送温暖",
            "budget": "1",
            "fund_sources": "工会经费",
        },
    )
    errors = " ".join(response.context["adminform"].form.errors["fund_sources"])
    assert "“工会经费”不是可选的一项" in errors
    assert "Item 1" not in errors
    assert not ReliefCampaign.objects.filter(name="送温暖").exists()


def test_a_household_s_causes_are_check_boxes_in_the_admin(client, make_staff):
    household = HouseholdFactory(causes=["illness", "disability"])
    client.force_login(make_staff(roles.WELFARE))
    page = client.get(reverse("admin:welfare_hardshiphousehold_change", args=[household.pk]))
    content = page.content.decode()
    assert 'type="checkbox" name="causes" value="illness"' in content
    assert "患病" in content
    assert household.get_causes_display() == "患病、残疾"


def test_a_consultation_s_topics_are_check_boxes_and_shown_in_chinese(client, make_staff):
    consultation = ConsultationFactory(topics=["wages"])
    client.force_login(make_staff(roles.LEGAL))
    page = client.get(reverse("legal_aid:consultation-new")).content.decode()
    assert 'type="checkbox" name="topics" value="wages"' in page
    listing = client.get(reverse("admin:legal_aid_consultation_changelist")).content.decode()
    assert consultation.get_topics_display() == "拖欠工资"
    assert "拖欠工资" in listing


def test_an_empty_list_reads_as_nothing():
    assert CampaignFactory(fund_sources=[]).get_fund_sources_display() == ""
