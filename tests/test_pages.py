"""The site shell: Chinese first with a switch to English, staff home, error pages, static files."""

import pytest
from django.core.management import call_command

from yuyang_union import roles


@pytest.mark.django_db
def test_home_page_is_in_chinese_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "酉阳县总工会" in html
    assert "职工服务热线" in html
    assert "菜单" in html


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Youyang County Federation of Trade Unions" in html
    assert "Menu" in html

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "菜单" in client.get("/").content.decode()


@pytest.mark.django_db
def test_browser_asking_for_chinese_gets_chinese(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html


@pytest.mark.django_db
def test_browser_set_to_english_still_gets_chinese_until_the_switch_is_used(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "菜单" in html

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_staff_home_offers_the_admin_to_staff(client, make_staff):
    client.force_login(make_staff(roles.WELFARE, first_name="小红"))
    html = client.get("/staff/").content.decode()
    assert "欢迎您，小红。" in html
    assert 'href="/admin/"' in html
    # The header links back to the staff home for staff.
    assert 'href="/staff/"' in html


@pytest.mark.django_db
def test_login_page_uses_the_site_shell(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'class="site-header"' in html
    assert "<h1>登录</h1>" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_missing_page_answers_404_in_the_site_shell(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert 'class="site-header"' in html


def test_collectstatic_builds_compressed_hashed_files(settings, tmp_path):
    # Production storage (tests/conftest.py swaps it out for the other tests): every file a
    # stylesheet refers to must exist, or the manifest storage refuses to build.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    hashed = list((tmp_path / "css").glob("site.*.css"))
    assert hashed, "no hashed site.css"
    assert (tmp_path / "css" / f"{hashed[0].name}.gz").exists()
