"""Every members admin page opens for the roles that may use it, in Chinese."""

import html
import re

import pytest
from django.urls import reverse

from members.models import Honour, HonourTitle, MembershipTransfer
from tests.members.factories import EmployerFactory, StaffProfileFactory, UserFactory

MODELS = [
    "unionorganisation", "employer", "member", "membershiptransfer", "honour", "honourtitle",
    "township", "staffprofile",
]  # fmt: skip
# The identifier access log moved to the personal-data toolkit; its admin is checked here too.
ACCESS_LOG = "admin:personal_data_identifieraccesslog_changelist"


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def records(tree, member_a, organisation):
    employer = EmployerFactory(union=tree["a1"])
    honour = Honour.objects.create(
        title=HonourTitle.objects.get(key="county_craftsman"),
        year=2020,
        member=member_a,
        employer=employer,
        union=tree["a1"],
    )
    transfer = MembershipTransfer.objects.create(
        member=member_a, from_union=tree["a1"], to_union=tree["b"], released_by=organisation
    )
    return {
        "unionorganisation": tree["a1"],
        "employer": employer,
        "member": member_a,
        "membershiptransfer": transfer,
        "honour": honour,
        "honourtitle": honour.title,
        "township": tree["a1"].township or employer.township,
    }


def test_every_page_opens_for_a_superuser(client, superuser, records):
    client.force_login(superuser)
    assert client.get(reverse(ACCESS_LOG)).status_code == 200
    for model in MODELS:
        assert client.get(reverse(f"admin:members_{model}_changelist")).status_code == 200, model
        add = client.get(reverse(f"admin:members_{model}_add"))
        assert add.status_code == 200, model
        obj = records.get(model)
        if obj is not None:
            for view in ("change", "history"):
                response = client.get(reverse(f"admin:members_{model}_{view}", args=[obj.pk]))
                assert response.status_code == 200, (model, view)


def test_admin_speaks_chinese(client, organisation, records):
    client.force_login(organisation)
    content = client.get(reverse("admin:members_member_changelist")).content.decode()
    assert "身份证号码" in content
    assert "下载导入模板" in content
    union_list = client.get(reverse("admin:members_unionorganisation_changelist"))
    assert "建会会员数" in union_list.content.decode()


def test_officer_pages(client, officer_a, records):
    client.force_login(officer_a)
    for model in ("member", "membershiptransfer", "unionorganisation", "employer", "honour"):
        assert client.get(reverse(f"admin:members_{model}_changelist")).status_code == 200, model
    assert client.get(reverse("admin:members_member_add")).status_code == 200
    change = client.get(reverse("admin:members_member_change", args=[records["member"].pk]))
    assert change.status_code == 200
    # No right to staff profiles or the access log.
    assert client.get(reverse("admin:members_staffprofile_changelist")).status_code == 403
    assert client.get(reverse(ACCESS_LOG)).status_code == 403


def test_staff_profiles_of_an_officer_are_those_of_their_subtree(client, tree, make_staff):
    """County-level (unattached) profiles and other townships' profiles stay hidden."""
    from django.contrib.auth.models import Permission

    from yuyang_union import roles

    officer = make_staff(roles.GRASSROOTS_OFFICERS, tree["a"], username="officer_a")
    officer.user_permissions.add(Permission.objects.get(codename="view_staffprofile"))
    make_staff(roles.GRASSROOTS_OFFICERS, tree["a1"], username="officer_a1")
    make_staff(roles.GRASSROOTS_OFFICERS, tree["b"], username="officer_b")
    county_clerk = make_staff(roles.ORGANISATION, username="county_clerk")
    StaffProfileFactory(user=county_clerk, union=None)
    client.force_login(officer)

    page = client.get(reverse("admin:members_staffprofile_changelist"))

    assert page.status_code == 200
    content = page.content.decode()
    assert "officer_a1" in content
    assert "officer_b" not in content
    assert "county_clerk" not in content


def test_the_unions_list_sorts_by_its_member_count(client, make_staff, tree):
    """The column header's own link: once a 500 (the count was annotated after the sort)."""
    from tests.members.factories import MemberFactory

    MemberFactory(union=tree["a1"])
    client.force_login(make_staff("系统管理员"))
    page = client.get("/admin/members/unionorganisation/").content.decode()
    sort = re.search(r'href="(\?o=[^"]+)"[^>]*>[^<]*在册会员数<', page)
    assert sort, "no sort link on the member count column"
    response = client.get("/admin/members/unionorganisation/" + html.unescape(sort.group(1)))
    assert response.status_code == 200
