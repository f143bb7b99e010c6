"""A grassroots officer sees and edits only their union's subtree, through every door."""

from django.urls import reverse

from members.models import Member
from tests.members.factories import make_id_number


def test_officer_list_shows_only_subtree(client, officer_a, member_a, member_b):
    client.force_login(officer_a)
    content = client.get(reverse("admin:members_member_changelist")).content.decode()
    assert member_a.name in content
    assert member_b.name not in content


def test_officer_gets_404_for_member_outside_subtree(client, officer_a, member_b):
    client.force_login(officer_a)
    for name in ("change", "history", "delete"):
        response = client.get(reverse(f"admin:members_member_{name}", args=[member_b.pk]))
        assert response.status_code in (403, 404), name
        assert member_b.name not in response.content.decode()


def test_officer_cannot_reach_union_outside_subtree(client, officer_a, tree):
    client.force_login(officer_a)
    response = client.get(reverse("admin:members_unionorganisation_change", args=[tree["b"].pk]))
    assert response.status_code == 404


def test_officer_cannot_open_the_children_of_a_union_outside_subtree(client, officer_a, tree):
    # Treebeard's lazy loading of the tree looks the parent up in the whole tree.
    client.force_login(officer_a)
    children = "/admin/members/unionorganisation/children/{}/"
    inside = client.get(children.format(tree["a"].pk))
    assert inside.status_code == 200
    assert tree["a1"].name in inside.json()["result_html"]
    assert client.get(children.format(tree["b"].pk)).status_code == 404


def test_autocomplete_is_scoped(client, officer_a, member_a, member_b):
    client.force_login(officer_a)
    for term in (member_a.name, member_b.name):
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "members",
                "model_name": "membershiptransfer",
                "field_name": "member",
                "term": term,
            },
        )
        assert response.status_code == 200
        ids = [r["id"] for r in response.json()["results"]]
        assert ids == ([str(member_a.pk)] if term == member_a.name else [])


def test_union_autocomplete_for_member_form_is_scoped(client, officer_a, tree):
    client.force_login(officer_a)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "members", "model_name": "member", "field_name": "union", "term": "麻旺"},
    )
    assert response.json()["results"] == []


def test_officer_cannot_add_member_to_union_outside_subtree(client, officer_a, tree):
    client.force_login(officer_a)
    number = make_id_number(serial=777)
    response = client.post(
        reverse("admin:members_member_add"),
        {
            "name": "向东",
            "id_number": number,
            "ethnicity": "土家族",
            "union": tree["b"].pk,
            "joined_on": "2020-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 200  # the form refuses the choice
    assert "union" in response.context["adminform"].form.errors
    assert not Member.objects.with_id_number(number).exists()


def test_search_by_id_number_and_phone_is_exact(client, organisation, member_a, member_b):
    client.force_login(organisation)
    url = reverse("admin:members_member_changelist")
    by_id = client.get(url, {"q": member_a.id_number.lower()}).content.decode()
    assert member_a.name in by_id
    assert member_b.name not in by_id
    by_phone = client.get(url, {"q": member_b.phone}).content.decode()
    assert member_b.name in by_phone
    assert member_a.name not in by_phone
    by_prefix = client.get(url, {"q": "冉"}).content.decode()
    assert member_a.name in by_prefix
    assert member_b.name not in by_prefix
    # Any part of the name finds it (the gram index), and its pinyin initials.
    assert member_a.name in client.get(url, {"q": "光明"}).content.decode()
    assert member_a.name in client.get(url, {"q": "rgm"}).content.decode()
    assert member_a.name not in client.get(url, {"q": "光亮"}).content.decode()


def test_leader_cannot_change(client, leader, member_a):
    client.force_login(leader)
    url = reverse("admin:members_member_change", args=[member_a.pk])
    response = client.post(url, {"name": "改名"})
    assert response.status_code == 403
    member_a.refresh_from_db()
    assert member_a.name == "冉光明"


def test_non_staff_is_sent_to_login(client, member_user, member_a):
    client.force_login(member_user)
    response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_import_needs_import_permission(client, leader, officer_a):
    for user in (leader, officer_a):
        client.force_login(user)
        assert client.get(reverse("admin:members_member_import")).status_code == 403
        assert client.get(reverse("admin:members_member_import_template")).status_code == 403


def test_every_changelist_opens_for_organisation(client, organisation, member_a):
    client.force_login(organisation)
    for model in (
        "unionorganisation", "employer", "member", "membershiptransfer", "honour",
        "honourtitle", "township",
    ):  # fmt: skip
        response = client.get(reverse(f"admin:members_{model}_changelist"))
        assert response.status_code == 200, model


def _union_form(parent, position="first-child", name="新建基层工会"):
    return {
        "name": name,
        "kind": "grassroots",
        "is_active": "on",
        "founding_members": "12",
        "treebeard_position": position,
        "treebeard_ref_node": parent.pk,
    }


def test_scoped_organiser_builds_the_tree_only_inside_subtree(client, make_staff, tree):
    from members.models import UnionOrganisation
    from yuyang_union import roles

    # A township's organisation officer: the organisation role, limited to the township.
    client.force_login(make_staff(roles.ORGANISATION, union=tree["a"]))
    url = reverse("admin:members_unionorganisation_add")
    response = client.post(url, _union_form(tree["a"]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    made = UnionOrganisation.objects.get(name="新建基层工会")
    assert UnionOrganisation.objects.get_parent(made) == tree["a"]

    refused = client.post(url, _union_form(tree["b"], name="越界工会"))
    assert refused.status_code == 200
    beside = client.post(url, _union_form(tree["a"], position="right", name="并列工会"))
    assert beside.status_code == 200
    assert not UnionOrganisation.objects.filter(name__in=["越界工会", "并列工会"]).exists()


def test_a_scoped_organiser_moves_unions_only_inside_the_subtree(client, make_staff, tree):
    """Treebeard's drag-and-drop move asks only for the change right; the subtree holds too."""
    from members.models import UnionOrganisation
    from tests.members.factories import UnionFactory
    from yuyang_union import roles

    client.force_login(make_staff(roles.ORGANISATION, union=tree["a"]))
    url = reverse("admin:members_unionorganisation_changelist") + "move/"
    inside = UnionFactory(name="龙潭另一厂工会", parent=tree["a"])

    def parent_of(union):
        return UnionOrganisation.objects.get_parent(UnionOrganisation.objects.get(pk=union.pk))

    out = client.post(url, {"node": tree["a1"].pk, "target": tree["b"].pk, "relation": "child"})
    assert out.status_code == 403
    beside = client.post(
        url, {"node": tree["a1"].pk, "target": tree["a"].pk, "relation": "sibling"}
    )
    assert beside.status_code == 403  # beside the officer's own union: under the county
    stranger = client.post(url, {"node": tree["b"].pk, "target": tree["a"].pk, "relation": "child"})
    assert stranger.status_code == 403
    assert parent_of(tree["a1"]) == tree["a"]
    assert parent_of(tree["b"]) != tree["a"]

    moved = client.post(url, {"node": tree["a1"].pk, "target": inside.pk, "relation": "child"})
    assert moved.status_code == 200
    assert parent_of(tree["a1"]) == inside
