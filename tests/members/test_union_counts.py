"""Each union's active members, kept by triggers on the member table (UnionMemberCount),
and the subtree totals the unions changelist reads from them."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from members import services
from members.models import Member, UnionMemberCount, UnionOrganisation
from members.models.members import MemberStatus
from members.selectors import subtree_active_counts
from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from yuyang_union.database.copy import copy_insert


def kept(union):
    """The count the database keeps for `union` (0 when it has no row yet)."""
    row = UnionMemberCount.objects.filter(union=union).first()
    return row.active if row else 0


def counted(union):
    return Member.objects.filter(union=union, status=MemberStatus.ACTIVE).count()


def assert_every_count_right():
    """Every union's kept count equals a count of its members."""
    for union in UnionOrganisation.objects.all():
        assert kept(union) == counted(union), union.name


def test_the_triggers_count_the_status_the_model_calls_active():
    # The triggers' SQL names the status by its stored value.
    assert MemberStatus.ACTIVE == "active"


def test_a_new_member_counts_at_once(tree):
    MemberFactory(union=tree["a1"])
    MemberFactory(union=tree["a1"], status=MemberStatus.RETIRED)
    assert kept(tree["a1"]) == 1
    assert kept(tree["a"]) == 0


def test_a_status_change_moves_the_count(tree):
    member = MemberFactory(union=tree["a1"])
    member.status = MemberStatus.LEFT
    member.save()
    assert kept(tree["a1"]) == 0
    member.status = MemberStatus.ACTIVE
    member.save()
    assert kept(tree["a1"]) == 1


def test_an_edit_that_changes_neither_union_nor_status_leaves_the_count(tree):
    member = MemberFactory(union=tree["a1"])
    member.notes = "调岗"
    member.save()
    assert kept(tree["a1"]) == 1


def test_a_transfer_moves_the_member_between_counts(tree, organisation):
    member = MemberFactory(union=tree["a1"])
    transfer = services.release_transfer(actor=organisation, member=member, to_union=tree["b"])
    assert (kept(tree["a1"]), kept(tree["b"])) == (1, 0)  # released: nothing moves yet
    services.accept_transfer(actor=organisation, transfer=transfer)
    assert (kept(tree["a1"]), kept(tree["b"])) == (0, 1)


def test_a_deleted_member_leaves_the_count(tree):
    members = MemberFactory.create_batch(3, union=tree["a1"])
    members[0].delete()
    assert kept(tree["a1"]) == 2
    Member.objects.filter(union=tree["a1"]).delete()
    assert kept(tree["a1"]) == 0


def test_bulk_writes_keep_the_counts(tree):
    MemberFactory.create_batch(4, union=tree["a1"])
    MemberFactory.create_batch(2, union=tree["b"])
    Member.objects.filter(union=tree["a1"]).update(union=tree["b"])
    assert (kept(tree["a1"]), kept(tree["b"])) == (0, 6)
    Member.objects.filter(union=tree["b"]).update(status=MemberStatus.RETIRED)
    assert kept(tree["b"]) == 0
    assert_every_count_right()


def test_a_copy_load_counts(tree):
    members = [
        Member(
            name=f"复制{n}",
            id_number=make_id_number(birth=datetime.date(1982, 3, 4), serial=600 + n),
            union=tree["a1"] if n % 2 else tree["b"],
            joined_on=datetime.date(2021, 1, 1),
        )
        for n in range(5)
    ]
    for member in members:
        member.full_clean()
    copy_insert(members)
    assert (kept(tree["a1"]), kept(tree["b"])) == (2, 3)


def test_raw_sql_counts_too(tree):
    member = MemberFactory(union=tree["a1"])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE members_member SET status = %s WHERE id = %s",
            [MemberStatus.DECEASED, member.pk],
        )
    assert kept(tree["a1"]) == 0


def test_recount_puts_a_tampered_count_right(tree):
    MemberFactory.create_batch(2, union=tree["a1"])
    UnionMemberCount.objects.filter(union=tree["a1"]).update(active=99)
    UnionMemberCount.objects.recount()
    assert_every_count_right()


def test_subtree_totals_add_the_unions_below(tree):
    MemberFactory.create_batch(2, union=tree["a1"])
    MemberFactory(union=tree["a"])
    MemberFactory(union=tree["b"])
    root = UnionOrganisation.objects.get_first_root_node()
    unions = [root, tree["a"], tree["a1"], tree["b"]]
    totals = subtree_active_counts(unions)
    expected = {
        root.pk: Member.objects.active().count(),
        tree["a"].pk: 3,
        tree["a1"].pk: 2,
        tree["b"].pk: 1,
    }
    assert totals == expected


def test_subtree_totals_leave_out_the_unions_between_those_asked(tree):
    third = UnionFactory(name="龚滩镇工会", kind="township")  # after 麻旺镇工会 in the tree
    MemberFactory(union=tree["a1"])
    MemberFactory.create_batch(2, union=tree["b"])
    MemberFactory.create_batch(3, union=third)
    totals = subtree_active_counts([tree["a"], third])
    assert totals == {tree["a"].pk: 1, third.pk: 3}


def test_subtree_totals_are_one_query(tree, django_assert_num_queries):
    MemberFactory(union=tree["a1"])
    unions = list(UnionOrganisation.objects.all())
    with django_assert_num_queries(1):
        subtree_active_counts(unions)
    with django_assert_num_queries(0):
        assert subtree_active_counts([]) == {}


def test_a_union_moved_in_the_tree_counts_under_its_new_parent(tree):
    MemberFactory.create_batch(2, union=tree["a1"])
    UnionOrganisation.objects.move(tree["a1"], tree["b"], pos="last-child")
    unions = list(UnionOrganisation.objects.filter(pk__in=[tree["a"].pk, tree["b"].pk]))
    totals = subtree_active_counts(unions)
    assert (totals[tree["a"].pk], totals[tree["b"].pk]) == (0, 2)
    assert kept(tree["a1"]) == 2


def test_the_unions_changelist_shows_both_counts(client, organisation, tree):
    MemberFactory.create_batch(2, union=tree["a1"])
    MemberFactory(union=tree["a"])
    client.force_login(organisation)
    # Filtered, the changelist lists every matching union (not one level of the tree).
    url = reverse("admin:members_unionorganisation_changelist") + "?kind__exact=township"
    response = client.get(url)
    assert response.status_code == 200
    rows = {union.pk: union for union in response.context["cl"].result_list}
    assert rows[tree["a"].pk].direct_member_count == 1
    assert rows[tree["a"].pk].subtree_member_count == 3
    assert rows[tree["b"].pk].subtree_member_count == 0


@pytest.mark.parametrize("ordering", ["?o=7", "?o=-7"])
def test_the_unions_changelist_sorts_by_the_direct_count(client, organisation, tree, ordering):
    MemberFactory.create_batch(2, union=tree["b"])
    client.force_login(organisation)
    url = reverse("admin:members_unionorganisation_changelist")
    response = client.get(url + ordering + "&kind__exact=township")
    assert response.status_code == 200
    names = [union.name for union in response.context["cl"].result_list]
    expected = ["龙潭镇工会", "麻旺镇工会"]
    assert names == (expected if ordering == "?o=7" else expected[::-1])


def test_the_trees_lazily_loaded_children_show_their_subtree_counts(client, organisation, tree):
    MemberFactory.create_batch(2, union=tree["a1"])
    MemberFactory(union=tree["a"])
    client.force_login(organisation)
    root = UnionOrganisation.objects.get_first_root_node()
    response = client.get(f"/admin/members/unionorganisation/children/{root.pk}/")
    assert response.status_code == 200
    html = response.json()["result_html"]
    row = html[html.index("龙潭镇工会") :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells[-2:] == ["1", "3"]  # its own active members, then its subtree's
