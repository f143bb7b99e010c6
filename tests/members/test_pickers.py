"""The staff pages' search pickers: any part of a name (or a full ID number, posted), only the
rows of the user's subtree, and the form's own reading of what was typed without the list."""

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from events.models import Event
from legal_aid.forms import ConsultationQuickForm
from legal_aid.intake import CaseIntakeForm
from members.models import Employer, Member, UnionOrganisation
from members.pickers import EMPLOYERS, MEMBERS, UNIONS
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from welfare.forms import HouseholdRegisterForm
from yuyang_union import roles
from yuyang_union.pickers import SearchPickerField, Typed

pytestmark = pytest.mark.django_db

PICKED = (UnionOrganisation, Employer, Member, Event)


def pick(client, kind, term):
    return client.post(reverse(f"members:pick-{kind}"), {"term": term})


def texts(response):
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_a_picker_finds_any_part_of_a_name(client, make_staff, tree):
    EmployerFactory(name="酉阳县走访测试有限公司")
    MemberFactory(name="冉走访红", union=tree["a1"])
    client.force_login(make_staff(roles.WELFARE))
    assert texts(pick(client, "employers", "走访")) == ["酉阳县走访测试有限公司"]
    assert texts(pick(client, "unions", "潭某")) == ["龙潭某厂工会"]
    [member] = texts(pick(client, "members", "走访"))
    assert member.startswith("冉走访红（")
    assert "龙潭某厂工会" in member
    assert "*" in member  # the ID number masked


def test_a_union_is_found_by_its_code_too(client, make_staff):
    UnionFactory(name="钟多街道工会", code="500242-017")
    client.force_login(make_staff(roles.WELFARE))
    assert texts(pick(client, "unions", "500242-017")) == ["钟多街道工会"]


def test_a_member_is_found_by_the_full_id_number_posted_and_presets_the_union(
    client, make_staff, member_a
):
    client.force_login(make_staff(roles.WELFARE))
    response = pick(client, "members", member_a.id_number)
    [row] = response.json()["results"]
    assert row["id"] == member_a.pk
    assert row["fills"] == {"id": member_a.union.pk, "text": member_a.union.name}
    assert member_a.id_number not in response.content.decode()
    # The number travels in the body only: a GET is not answered at all.
    assert client.get(reverse("members:pick-members"), {"term": "冉"}).status_code == 405


def test_an_officer_is_offered_only_their_own_subtree(client, officer_a, member_a, member_b):
    client.force_login(officer_a)
    assert texts(pick(client, "members", member_a.name))
    assert texts(pick(client, "members", member_b.name)) == []
    assert texts(pick(client, "unions", "麻旺")) == []
    assert sorted(texts(pick(client, "unions", "龙潭"))) == ["龙潭某厂工会", "龙潭镇工会"]


def test_a_role_without_the_right_to_see_members_is_refused(client, make_staff, member_a):
    client.force_login(make_staff(roles.EVENTS))
    assert pick(client, "members", member_a.name).status_code == 403
    assert pick(client, "unions", "龙潭").status_code == 200
    client.logout()
    assert pick(client, "unions", "龙潭").status_code == 302  # to the login page


def test_more_rows_than_a_list_shows_say_so(client, make_staff):
    parent = UnionFactory(name="批量上级工会")
    for n in range(21):
        UnionFactory(name=f"批量测试工会{n}", parent=parent)
    client.force_login(make_staff(roles.ORGANISATION))
    response = pick(client, "unions", "批量测试")
    assert len(response.json()["results"]) == 20
    assert response.json()["more"] is True


class PickerForm(forms.Form):
    employer = SearchPickerField(picker=EMPLOYERS, required=False)
    named = SearchPickerField(picker=EMPLOYERS, free_text=True, required=False)
    union = SearchPickerField(picker=UNIONS, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.for_user(user)


def cleaned(user, **data):
    form = PickerForm(data, user=user)
    form.is_valid()
    return form


def test_without_the_list_the_text_typed_is_read_by_the_same_search(make_staff, tree):
    user = make_staff(roles.LEGAL)
    only = EmployerFactory(name="桃花源旅游开发有限公司")
    EmployerFactory(name="龙潭古镇酒店")
    EmployerFactory(name="龙潭古镇客栈")
    assert cleaned(user, employer_text="桃花源旅").cleaned_data["employer"] == only
    assert cleaned(user, employer_text=only.credit_code).cleaned_data["employer"] == only
    several = cleaned(user, employer_text="龙潭古镇").errors["employer"][0]
    assert "龙潭古镇酒店" in several
    assert "龙潭古镇客栈" in several
    assert (
        "没有与“没有这家”相符的记录"
        in cleaned(user, employer_text="没有这家").errors["employer"][0]
    )
    assert cleaned(user, employer=str(only.pk)).cleaned_data["employer"] == only
    assert cleaned(user).cleaned_data["employer"] is None


def test_a_free_text_picker_keeps_a_name_not_in_the_register(make_staff):
    user = make_staff(roles.LEGAL)
    registered = EmployerFactory(name="桃花源旅游开发有限公司")
    assert cleaned(user, named_text="桃花源旅游开发有限公司").cleaned_data["named"] == registered
    # A part of a registered name is not that employer: it is kept as typed.
    assert cleaned(user, named_text="桃花源旅").cleaned_data["named"] == Typed("桃花源旅")
    assert cleaned(user, named_text="路边小饭馆").cleaned_data["named"] == Typed("路边小饭馆")


def test_a_key_outside_the_user_s_subtree_is_refused(make_staff, tree):
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=tree["a"])
    form = cleaned(officer, union=str(tree["b"].pk))
    assert "请重新选择" in form.errors["union"][0]
    assert cleaned(officer, union=str(tree["a1"].pk)).cleaned_data["union"] == tree["a1"]
    assert "union" in cleaned(officer, union="not-a-key").errors


def test_the_picker_renders_one_labelled_combobox_and_its_script(make_staff, member_a):
    form = HouseholdRegisterForm(user=make_staff(roles.WELFARE), initial={"head": member_a})
    html = str(form["head"])
    assert 'role="combobox"' in html
    assert 'id="id_head"' in html
    assert f'name="head" value="{member_a.pk}"' in html
    assert member_a.id_number not in html
    assert 'data-picker-fills="union"' in html
    assert f'name="union" value="{member_a.union.pk}"' in str(form["union"])  # preset
    assert "js/picker.js" in str(form.media)


# The audit: every field naming a union, employer, member or event is a search picker.


def in_form(field):
    """A key or many-to-many to a picked model that a model form would offer."""
    if not getattr(field, "concrete", False) or not field.is_relation or field.auto_created:
        return False
    through = getattr(field.remote_field, "through", None)
    if field.many_to_many and not through._meta.auto_created:
        return False  # rows of their own (a through model), not a form's choice
    return field.related_model in PICKED and field.editable


def test_every_admin_form_picks_unions_employers_members_and_events_by_search():
    plain = []
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin)] + [
            (inline.model, inline(model, admin.site)) for inline in model_admin.inlines
        ]
        for owner, owner_admin in admins:
            pickers = {*owner_admin.autocomplete_fields, *owner_admin.raw_id_fields}
            readonly = set(owner_admin.readonly_fields)
            for field in owner._meta.get_fields():
                if in_form(field) and field.name not in pickers | readonly:
                    plain.append(f"{owner._meta.label}.{field.name}")
    # The inline's own key to its parent, and rows the admin never edits, are not pickers.
    allowed = {
        "events.EventPhoto.event",  # the inline's parent
        "members.MembershipTransfer.from_union",  # set from the member, shown read-only
        "events.MemberAccount.employer",  # read-only admin
        "events.AccountAttempt.member",  # read-only admin
    }
    assert sorted(set(plain) - allowed) == []


def test_the_staff_forms_pick_by_search(make_staff):
    user = make_staff(roles.ADMINISTRATORS)
    for form, names in (
        (HouseholdRegisterForm(user=user), ["head", "union"]),
        (ConsultationQuickForm(user=user), ["employer"]),
        (CaseIntakeForm(user=user), ["employer_lookup"]),
    ):
        for name in names:
            assert isinstance(form.fields[name], SearchPickerField), name
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            assert queryset is None or queryset.model not in PICKED, name
    assert MEMBERS.url_name == "members:pick-members"
