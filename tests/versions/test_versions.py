"""Edits carry the version they were read at: a save on a stale version is refused."""

import pytest
from auditlog.context import set_actor
from django.apps import apps
from django.contrib import admin
from django.db import transaction

from tests.members.factories import MemberFactory
from tests.welfare.factories import HouseholdFactory
from welfare.models import HardshipHousehold
from yuyang_union import roles
from yuyang_union.fault_drills.pages import form_data
from yuyang_union.versions.admin import VersionedAdminMixin
from yuyang_union.versions.errors import StaleVersionError
from yuyang_union.versions.models import VersionedModel

pytestmark = pytest.mark.django_db

VERSIONED = [
    model
    for model in apps.get_models()
    if issubclass(model, VersionedModel) and not model._meta.proxy
]


def test_the_edited_records_are_versioned():
    labels = {model._meta.label for model in VERSIONED}
    assert {
        "members.Member",
        "members.Honour",
        "welfare.HardshipHousehold",
        "welfare.Grant",
        "welfare.EducationAid",
        "welfare.ReliefCampaign",
        "legal_aid.Case",
        "legal_aid.CollectiveContract",
        "events.Event",
    } <= labels


@pytest.mark.parametrize("model", VERSIONED, ids=lambda model: model._meta.label)
def test_every_versioned_model_has_the_trigger_and_a_checking_admin(model):
    assert "version_moves_on_update" in [t.name for t in model._meta.triggers]
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None
    assert isinstance(model_admin, VersionedAdminMixin)


def test_a_save_from_a_stale_read_is_refused_and_the_first_save_kept():
    household = HouseholdFactory(situation="原来的情况")
    first = HardshipHousehold.objects.get(pk=household.pk)
    second = HardshipHousehold.objects.get(pk=household.pk)
    first.situation = "第一位干部写的情况"
    first.save()
    second.situation = "第二位干部写的情况"
    # The refused UPDATE ends the transaction it ran in, as in a view.
    with pytest.raises(StaleVersionError), transaction.atomic():
        second.save()
    household.refresh_from_db()
    assert household.situation == "第一位干部写的情况"
    assert household.version == 2


def test_a_save_of_some_fields_is_checked_too():
    household = HouseholdFactory()
    stale = HardshipHousehold.objects.get(pk=household.pk)
    HardshipHousehold.objects.filter(pk=household.pk).update(situation="批量改过")
    stale.situation = "旧页面上写的"
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save(update_fields=["situation"])
    household.refresh_from_db()
    assert household.situation == "批量改过"


def test_bulk_updates_move_the_version_and_saves_in_a_row_work():
    household = HouseholdFactory()
    HardshipHousehold.objects.filter(pk=household.pk).update(situation="批量")
    household.refresh_from_db()
    assert household.version == 2
    household.situation = "一"
    household.save()
    household.situation = "二"
    household.save(update_fields=["situation"])
    assert household.version == 4
    household.refresh_from_db()
    assert (household.version, household.situation) == (4, "二")


def test_a_refused_save_leaves_no_history_entry():
    from auditlog.models import LogEntry

    household = HouseholdFactory()
    stale = HardshipHousehold.objects.get(pk=household.pk)
    HardshipHousehold.objects.filter(pk=household.pk).update(situation="批量")
    before = LogEntry.objects.count()
    stale.situation = "旧页面上写的"
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save()
    assert LogEntry.objects.count() == before


def _change_url(obj):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def test_the_admin_refuses_a_stale_form_and_says_what_the_other_person_changed(
    admin_client, make_staff
):
    household = HouseholdFactory(situation="原来的情况")
    url = _change_url(household)
    page = admin_client.get(url)
    data = form_data(page.content.decode(), "hardshiphousehold_form")
    assert data["version"] == "1"

    colleague = make_staff(roles.WELFARE)
    other = HardshipHousehold.objects.get(pk=household.pk)
    other.situation = "同事刚写的情况"
    with set_actor(colleague):
        other.save()

    data["situation"] = "我写的情况"
    answer = admin_client.post(url, data)
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "您的修改未保存" in text
    assert colleague.username in text
    assert "同事刚写的情况" in text
    household.refresh_from_db()
    assert household.situation == "同事刚写的情况"


def test_the_admin_saves_a_form_read_at_the_current_version(admin_client):
    household = HouseholdFactory(situation="原来的情况")
    url = _change_url(household)
    data = form_data(admin_client.get(url).content.decode(), "hardshiphousehold_form")
    data["situation"] = "新的情况"
    answer = admin_client.post(url, data)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    household.refresh_from_db()
    assert (household.situation, household.version) == ("新的情况", 2)


def test_a_save_that_loses_the_race_after_the_check_gets_a_409_page(admin_client, monkeypatch):
    household = HouseholdFactory(situation="原来的情况")
    url = _change_url(household)
    data = form_data(admin_client.get(url).content.decode(), "hardshiphousehold_form")
    data["situation"] = "我写的情况"
    original_save = HardshipHousehold.save

    def someone_saves_first(self, *args, **kwargs):
        HardshipHousehold.objects.filter(pk=self.pk).update(situation="抢先保存的情况")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(HardshipHousehold, "save", someone_saves_first)
    answer = admin_client.post(url, data)
    assert answer.status_code == 409
    assert "您的修改未保存" in answer.content.decode()
    # The other save ran in the same request here, so it is rolled back with it.
    household.refresh_from_db()
    assert household.situation == "原来的情况"


def test_a_member_edit_is_checked_as_well():
    member = MemberFactory()
    stale = type(member).objects.get(pk=member.pk)
    fresh = type(member).objects.get(pk=member.pk)
    fresh.name = "新名字"
    fresh.save()
    stale.name = "旧页面上的名字"
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save()
