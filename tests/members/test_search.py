"""Staff search: any part of a name (the gram index), pinyin initials, identifiers exactly."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from members.models import Employer, Member, UnionOrganisation
from members.resources import MemberResource
from tests.members.factories import (
    EmployerFactory,
    MemberFactory,
    UnionFactory,
    make_id_number,
)
from tests.workbooks import xlsx_bytes
from yuyang_union.database.copy import copy_insert
from yuyang_union.demo.loading import copy_rows
from yuyang_union.search import name_contains, search_by_name_or_code, search_people
from yuyang_union.search_columns import name_initials, query_grams

pytestmark = pytest.mark.django_db

ZOUFANG = "酉阳县龙潭镇走访测试联合工会"


def names(queryset):
    return [row.name for row in queryset]


@pytest.fixture
def people(tree):
    return {
        name: MemberFactory(name=name, union=tree["a1"])
        for name in ("张晓梅", "李晓梅", "张伟", "晓梅", "王小明")
    }


def test_the_grams_are_each_character_and_pair(people):
    member = Member.objects.get(pk=people["张晓梅"].pk)
    assert sorted(member.name_grams) == sorted(["张", "晓", "梅", "张晓", "晓梅"])
    assert query_grams("晓") == ["晓"]
    assert query_grams("张晓梅") == ["张晓", "晓梅"]


def test_a_middle_of_a_union_name_finds_it(tree):
    union = UnionFactory(name=ZOUFANG, parent=tree["a"])
    found = search_by_name_or_code(UnionOrganisation.objects.all(), "走访")
    assert list(found) == [union]
    assert not search_by_name_or_code(UnionOrganisation.objects.all(), "走路").exists()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("梅", ["晓梅", "李晓梅", "张晓梅"]),  # one character, anywhere; newest first
        ("晓梅", ["晓梅", "张晓梅", "李晓梅"]),  # two: the exact name first
        ("张晓", ["张晓梅"]),
        ("张晓梅", ["张晓梅"]),
        ("王小明", ["王小明"]),
        ("张梅", []),  # both characters, but not together
    ],
)
def test_one_two_three_character_terms(people, term, expected):
    found = names(name_contains(Member.objects.all(), term))
    assert found[:1] == expected[:1]  # the best match first
    assert sorted(found) == sorted(expected)


def test_four_characters_and_more(tree):
    union = UnionFactory(name=ZOUFANG, parent=tree["a"])
    UnionFactory(name="酉阳县龙潭镇测试走访工会", parent=tree["a"])
    for term in ("龙潭镇走", "走访测试联合", ZOUFANG):
        assert list(name_contains(UnionOrganisation.objects.all(), term)) == [union], term


def test_exact_then_prefix_then_contains(tree):
    for name in ("工会之家", "职工会", "工会"):
        MemberFactory(name=name, union=tree["a1"])
    assert names(name_contains(Member.objects.all(), "工会")) == ["工会", "工会之家", "职工会"]


def test_like_wildcards_are_plain_characters(tree):
    MemberFactory(name="百分%号", union=tree["a1"])
    MemberFactory(name="百分比号", union=tree["a1"])
    assert names(name_contains(Member.objects.all(), "分%")) == ["百分%号"]


@pytest.mark.parametrize("term", ["zxm", "zx", "ZXM", "z x m"])
def test_pinyin_initials_find_people(people, term):
    found = names(search_people(Member.objects.all(), term))
    assert "张晓梅" in found
    assert "李晓梅" not in found


def test_pinyin_initials_find_unions(tree):
    county = UnionOrganisation.objects.get(depth=1)
    county.name = "酉阳县总工会"
    county.save()
    for term in ("yyxzgh", "yyx"):
        assert county in search_by_name_or_code(UnionOrganisation.objects.all(), term), term


def test_initials_use_the_surname_reading():
    assert name_initials("张晓梅", person=True) == "zxm"
    assert name_initials("曾晓梅", person=True) == "zxm"  # 曾 as a surname is zēng
    assert name_initials("曾经工会") == "cjgh"  # elsewhere, pypinyin's default
    assert name_initials("重庆市酉阳县总工会") == "cqsyyxzgh"  # phrase-aware
    assert name_initials("ABC科技 2号") == "abckj2h"


def test_a_renamed_member_is_found_by_the_new_name_only(people):
    member = people["王小明"]
    member.name = "赵大勇"
    member.save()
    assert names(search_people(Member.objects.all(), "大勇")) == ["赵大勇"]
    assert names(search_people(Member.objects.all(), "zdy")) == ["赵大勇"]
    assert not search_people(Member.objects.all(), "小明").exists()
    assert not search_people(Member.objects.all(), "wxm").exists()


def test_a_rename_saving_only_the_name_moves_the_initials(people):
    member = people["王小明"]
    member.name = "赵大勇"
    member.save(update_fields=["name"])
    assert names(search_people(Member.objects.all(), "zdy")) == ["赵大勇"]


def test_a_copy_loaded_member_is_found(tree):
    member = Member(
        name="欧阳春燕",
        id_number=make_id_number(birth=datetime.date(1985, 6, 1), serial=321),
        union=tree["a1"],
        joined_on=datetime.date(2020, 1, 1),
    )
    member.full_clean()
    copy_insert([member])
    assert names(search_people(Member.objects.all(), "春燕")) == ["欧阳春燕"]
    assert names(search_people(Member.objects.all(), "oycy")) == ["欧阳春燕"]


def test_a_demo_loaded_member_is_found(tree):
    copy_rows(
        Member,
        [
            {
                "name": "向红梅",
                "id_number": make_id_number(birth=datetime.date(1979, 3, 2), serial=654),
                "birth_date": datetime.date(1979, 3, 2),
                "sex": "F",
                "union_id": tree["a1"].pk,
                "joined_on": datetime.date(2019, 1, 1),
            }
        ],
    )
    assert names(search_people(Member.objects.all(), "红梅")) == ["向红梅"]
    assert names(search_people(Member.objects.all(), "xhm")) == ["向红梅"]


def test_an_imported_member_is_found(organisation, tree):
    from import_export.formats.base_formats import XLSX

    headers = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "入会日期"]
    rows = [["冉春花", make_id_number(serial=812), "苗族", "13800000000", "LT", "2021-03-01"]]
    dataset = XLSX().create_dataset(xlsx_bytes(headers, rows))
    result = MemberResource(user=organisation).import_data(dataset, dry_run=False)
    assert not result.has_validation_errors()
    assert names(search_people(Member.objects.all(), "春花")) == ["冉春花"]
    assert names(search_people(Member.objects.all(), "rch")) == ["冉春花"]


def test_id_numbers_and_phones_still_match_exactly(people):
    member = people["张伟"]
    assert list(search_people(Member.objects.all(), member.id_number)) == [member]
    assert list(search_people(Member.objects.all(), member.phone)) == [member]
    assert not search_people(Member.objects.all(), member.phone[:7]).exists()


def _plan(queryset):
    """The plan when the table is too small for the planner to prefer its index: scans that
    need no condition (a sequential scan, walking another index) are turned off, so an index
    whose condition the query can use is the only way left, if there is one."""
    with connection.cursor() as cursor:
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("model", "field", "term", "index"),
    [
        (Member, "name", "晓", "member_name_grams"),
        (Member, "name", "晓梅", "member_name_grams"),
        (UnionOrganisation, "name", "走访", "union_name_grams"),
        (Employer, "name", "科技", "employer_name_grams"),
    ],
)
def test_the_plan_uses_the_gram_index(people, model, field, term, index):
    plan = _plan(name_contains(model.objects.all(), term, field=field))
    assert index in plan, plan


def test_the_initials_plan_uses_their_index(people):
    assert "member_name_initials" in _plan(search_people(Member.objects.all(), "zx"))


def test_the_event_title_plan_uses_the_gram_index():
    from events.models import Event

    plan = _plan(name_contains(Event.objects.all(), "走访", field="title"))
    assert "event_title_grams" in plan


def test_employers_are_found_by_a_middle_word():
    employer = EmployerFactory(name="酉阳县桃花源旅游开发有限公司")
    assert list(search_by_name_or_code(Employer.objects.all(), "旅游")) == [employer]
    assert list(search_by_name_or_code(Employer.objects.all(), "桃")) == [employer]


def test_the_member_search_is_scoped(client, officer_a, member_a, member_b):
    client.force_login(officer_a)
    url = reverse("admin:members_member_changelist")
    for term in ("晓红", "txh", "光明", "rgm"):  # member_b is 田晓红, outside the subtree
        content = client.get(url, {"q": term}).content.decode()
        assert member_b.name not in content, term
    assert member_a.name in client.get(url, {"q": "光明"}).content.decode()


def test_a_search_costs_the_same_queries_whatever_it_finds(
    admin_client, tree, django_assert_max_num_queries
):
    for n in range(30):
        MemberFactory(name=f"张晓{n}", union=tree["a1"])
    url = reverse("admin:members_member_changelist")
    admin_client.get(url, {"q": "晓"})  # warm caches (content types, permissions)
    with django_assert_max_num_queries(12):
        response = admin_client.get(url, {"q": "晓"})
    assert response.status_code == 200
    assert "张晓29" in response.content.decode()


def test_the_benchmark_searches_run_and_find(people, tree):
    from yuyang_union.search_benchmarks import staff_searches

    UnionFactory(name=ZOUFANG, parent=tree["a"])
    pages = {label: read() for label, read in staff_searches()}
    assert [u.name for u in pages["unions 走访"]] == [ZOUFANG]
    assert "张晓梅" in names(pages["members 张"])
    assert names(pages["members 晓梅"])[0] == "晓梅"
    assert names(pages["members zxm"]) == ["张晓梅"]
