"""Searching by ID number or phone never puts the number in a URL: the admin's search form
posts, the list opens with a short-lived token, and the pickers post their term."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from yuyang_union.personal_data import search_tokens
from yuyang_union.personal_data.models import IdentifierAccessLog
from yuyang_union.personal_data.search_tokens import SEARCH_TOKEN_SECONDS

CHANGELIST = "/admin/members/member/"
SEARCH = "/staff/personal-data/search/"


def search(client, term, changelist=CHANGELIST, **filters):
    return client.post(SEARCH, {"q": term, "changelist": changelist, **filters})


def test_the_search_form_posts(client, organisation, member_a):
    client.force_login(organisation)
    page = client.get(CHANGELIST).content.decode()
    assert 'id="changelist-search" method="post"' in page
    assert f'action="{SEARCH}"' in page


@pytest.mark.parametrize("field", ["id_number", "phone"])
def test_an_identifier_search_redirects_to_a_token(client, organisation, member_a, member_b, field):
    client.force_login(organisation)
    number = getattr(member_a, field)
    response = search(client, f" {number} ", status="active")
    assert response.status_code == 302
    location = response["Location"]
    assert number not in location
    assert number[-4:] not in location
    query = parse_qs(urlsplit(location).query)
    assert set(query) == {"sq", "status"}  # the filters travel on, the term does not
    page = client.get(location).content.decode()
    assert member_a.name in page
    assert member_b.name not in page
    assert number not in page
    # Finding a person by their number is on record, like seeing it.
    logged = IdentifierAccessLog.objects.get()
    assert (logged.channel, logged.field, logged.object_id) == ("search", field, str(member_a.pk))


def test_a_name_search_is_an_ordinary_query(client, organisation, member_a, member_b):
    client.force_login(organisation)
    response = search(client, "冉光")
    assert parse_qs(urlsplit(response["Location"]).query) == {"q": ["冉光"]}
    page = client.get(response["Location"]).content.decode()
    assert member_a.name in page
    assert member_b.name not in page
    assert not IdentifierAccessLog.objects.exists()


def test_a_token_is_worthless_in_another_session_and_after_it_expires(
    client, organisation, member_a, member_b, make_staff, monkeypatch
):
    client.force_login(organisation)
    location = search(client, member_a.id_number)["Location"]
    other = type(client)()
    other.force_login(make_staff("组织与会员"))
    page = other.get(location).content.decode()
    # Nobody rather than everybody.
    assert member_a.name not in page
    assert member_b.name not in page
    later = search_tokens.clock() + SEARCH_TOKEN_SECONDS + 1
    monkeypatch.setattr(search_tokens, "clock", lambda: later)
    page = client.get(location).content.decode()
    assert member_a.name not in page
    assert member_b.name not in page


def test_a_list_that_cannot_search_by_number_says_so(client, make_staff, member_a):
    client.force_login(make_staff("系统管理员"))
    response = search(client, member_a.id_number, changelist="/admin/members/employer/")
    assert response["Location"] == "/admin/members/employer/"
    page = client.get(response["Location"]).content.decode()
    assert "不能按身份证号或手机号查找" in page


def test_the_search_page_goes_only_to_admin_changelists(client, organisation):
    client.force_login(organisation)
    assert search(client, "x", changelist="https://evil.example/").status_code == 400
    assert search(client, "x", changelist="//evil.example/admin/").status_code == 400
    assert search(client, "x", changelist="/staff/").status_code == 400
    assert client.get(SEARCH).status_code == 405


def test_a_member_without_a_staff_role_may_not_search(client, member_a):
    from tests.members.factories import UserFactory

    client.force_login(UserFactory())
    assert search(client, member_a.id_number).status_code == 403


def _autocomplete(client, method, term):
    params = {
        "app_label": "members",
        "model_name": "membershiptransfer",
        "field_name": "member",
        "term": term,
    }
    url = reverse("admin:autocomplete")
    return client.post(url, params) if method == "post" else client.get(url, params)


def test_the_picker_posts_its_term_and_finds_by_phone(client, organisation, member_a):
    client.force_login(organisation)
    found = _autocomplete(client, "post", member_a.phone).json()["results"]
    assert [r["id"] for r in found] == [str(member_a.pk)]
    assert member_a.phone not in found[0]["text"]
    # A GET finds nobody by a number (its URL would hold it); by name it still works.
    assert _autocomplete(client, "get", member_a.phone).json()["results"] == []
    assert len(_autocomplete(client, "get", member_a.name).json()["results"]) == 1


def test_the_vendored_picker_script_posts():
    from django.contrib.staticfiles import finders

    script = Path(finders.find("admin/js/autocomplete.js")).read_text(encoding="utf-8")
    assert "type: 'POST'" in script
    assert "X-CSRFToken" in script
