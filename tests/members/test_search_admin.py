"""Every admin search box and autocomplete picker finds names by any part of them."""

import pytest
from django.contrib import admin
from django.urls import reverse

from events.models import Event
from members.models import Employer, Member, UnionOrganisation
from tests.events.factories import EventFactory
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from tests.welfare.factories import GrantFactory, HouseholdFactory
from yuyang_union.search_admin import NameSearchAdminMixin

pytestmark = pytest.mark.django_db

ZOUFANG = "酉阳县龙潭镇走访测试联合工会"


@pytest.fixture
def found(tree):
    """One row of each searched model, each name with 走访 in its middle."""
    union = UnionFactory(name=ZOUFANG, parent=tree["a"])
    member = MemberFactory(name="冉走访红", union=union)
    return {
        UnionOrganisation: union,
        Member: member,
        Employer: EmployerFactory(name="酉阳县走访测试有限公司", union=union),
        Event: EventFactory(title="龙潭镇走访慰问活动", organiser=union),
    }


@pytest.mark.parametrize(
    ("changelist", "shown"),
    [
        ("admin:members_unionorganisation_changelist", ZOUFANG),
        ("admin:members_member_changelist", "冉走访红"),
        ("admin:members_employer_changelist", "酉阳县走访测试有限公司"),
        ("admin:events_event_changelist", "龙潭镇走访慰问活动"),
    ],
)
def test_each_changelist_finds_by_the_middle(admin_client, found, changelist, shown):
    url = reverse(changelist)
    assert shown in admin_client.get(url, {"q": "走访"}).content.decode()
    assert shown not in admin_client.get(url, {"q": "走路"}).content.decode()


def test_related_changelists_find_by_the_persons_middle(admin_client, found):
    household = HouseholdFactory(head=found[Member])
    GrantFactory(household=household)
    for changelist in (
        "admin:welfare_hardshiphousehold_changelist",
        "admin:welfare_grant_changelist",
    ):
        content = admin_client.get(reverse(changelist), {"q": "走访"}).content.decode()
        assert "冉走访红" in content, changelist


def _autocomplete_fields():
    """(app_label, model_name, field_name, target) for every picker of a searched model."""
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            target = model._meta.get_field(field_name).related_model
            if target in (UnionOrganisation, Member, Employer, Event):
                yield model._meta.app_label, model._meta.model_name, field_name, target


AUTOCOMPLETES = list(_autocomplete_fields())


def test_the_pickers_are_many():
    assert len(AUTOCOMPLETES) > 20


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name", "target"),
    AUTOCOMPLETES,
    ids=[f"{a}.{m}.{f}" for a, m, f, _ in AUTOCOMPLETES],
)
def test_each_autocomplete_finds_by_the_middle(
    admin_client, found, app_label, model_name, field_name, target
):
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    response = admin_client.get(reverse("admin:autocomplete"), {**query, "term": "走访"})
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert str(found[target].pk) in ids
    missing = admin_client.get(reverse("admin:autocomplete"), {**query, "term": "走路"})
    assert missing.json()["results"] == []


def test_the_union_picker_takes_initials(admin_client, found):
    query = {
        "app_label": "members",
        "model_name": "member",
        "field_name": "union",
        "term": "yyxlt",
    }
    ids = [
        row["id"]
        for row in admin_client.get(reverse("admin:autocomplete"), query).json()["results"]
    ]
    assert str(found[UnionOrganisation].pk) in ids


def test_an_officer_picker_stays_in_the_subtree(client, officer_a, member_a, member_b):
    client.force_login(officer_a)
    query = {"app_label": "members", "model_name": "membershiptransfer", "field_name": "member"}
    for term in ("晓红", "txh"):  # 田晓红 is outside the officer's subtree
        response = client.get(reverse("admin:autocomplete"), {**query, "term": term})
        assert response.json()["results"] == [], term
    response = client.get(reverse("admin:autocomplete"), {**query, "term": "光明"})
    assert [row["id"] for row in response.json()["results"]] == [str(member_a.pk)]


def test_every_big_table_admin_searches_by_name():
    searching = [
        model_admin
        for model_admin in admin.site._registry.values()
        if model_admin.search_fields and isinstance(model_admin, NameSearchAdminMixin)
    ]
    assert len(searching) > 20
    for model_admin in searching:
        for path in model_admin.search_fields:
            assert not path.startswith("^"), model_admin
            assert not path.endswith("__startswith"), model_admin
