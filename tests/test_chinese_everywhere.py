"""No English word, internal code or `None` in what the portal produces: every page a GET
reaches (the site's and the admin's, for every model: lists, forms, history), every export
and every template workbook, read as a superuser sees them (who sees the most)."""

import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from tests.chinese_text import english_words, visible_text
from tests.sign_in import VerifiedClient
from tests.test_url_sweep import (
    MEMBER,
    ROUTES,
    SUPERUSER,
    ask,
    is_post_only,
    model_admin_of,
    probes_for,
)
from tests.test_url_sweep import world as world  # the sweep's records, as a fixture
from tests.workbooks import job_of, result_bytes

# Pages that are not for reading: downloads of uploaded files, redirects, the logout.
NOT_PAGES = {"admin:view_on_site", "admin:logout", "logout", "accounts:logout"}


def signed_in_client(world, django_db_blocker, persona):
    with django_db_blocker.unblock():
        client = VerifiedClient()
        client.force_login(world.users[persona])
        return client


@pytest.fixture(scope="module")
def superuser_client(world, django_db_blocker):
    return signed_in_client(world, django_db_blocker, SUPERUSER)


@pytest.fixture(scope="module")
def member_client(world, django_db_blocker):
    """A member's own pages (my events, my data) hold what no staff page shows."""
    return signed_in_client(world, django_db_blocker, MEMBER)


@pytest.fixture(scope="module")
def data_words(world, django_db_blocker):
    """Latin words staff typed that pages may show: login names, union and other codes."""
    with django_db_blocker.unblock():
        from axes.models import AccessAttempt, AccessLog

        from members.models import UnionOrganisation

        words = set(User.objects.values_list("username", flat=True))
        # Names typed at the sign-in page (axes keeps them, "<unknown>" when none came).
        words.update(AccessAttempt.objects.values_list("username", flat=True))
        words.update(AccessLog.objects.values_list("username", flat=True))
        words.add("unknown")
        for code in UnionOrganisation.objects.values_list("code", flat=True):
            words.update((code or "").split("-"))
        return words


def readable_probes(route, world):
    if route.key in NOT_PAGES:
        return []
    model_admin = model_admin_of(route.callback)
    if is_post_only(route, model_admin):
        return []
    return [probe for probe in probes_for(route, world) if probe.method == "GET"]


def workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in (*row, sheet.title)
        if value is not None
    )


def what_a_reader_sees(response) -> str | None:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("text/html"):
        return visible_text(body.decode())
    if "spreadsheetml" in content_type:
        return workbook_text(body)
    return None


def english_on_pages(client, probes, data_words):
    """{path: [English words]} over the pages of `probes` that `client` may read."""
    found = {}
    for probe in probes:
        response = ask(client, probe)
        if response.status_code != 200:
            continue
        text = what_a_reader_sees(response)
        if text is None:
            continue
        words = english_words(text, data=data_words)
        if words or "None" in text:
            found[probe.path] = sorted(set(words))
    return found


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_pages_and_files_are_chinese(route, world, superuser_client, data_words, db):
    found = english_on_pages(superuser_client, readable_probes(route, world), data_words)
    assert not found, "\n".join(f"{path}: {' '.join(words)}" for path, words in found.items())


SITE_ROUTES = [route for route in ROUTES if not route.key.startswith("admin")]


@pytest.mark.parametrize("route", SITE_ROUTES, ids=str)
def test_a_members_pages_are_chinese(route, world, member_client, data_words, db):
    found = english_on_pages(member_client, readable_probes(route, world), data_words)
    assert not found, "\n".join(f"{path}: {' '.join(words)}" for path, words in found.items())


def export_post_data(model_admin, resource_index=0):
    resource_class = model_admin.get_export_resource_classes(None)[resource_index]
    prefix = resource_class.__name__.lower()
    fields = resource_class().get_export_order()
    return {
        "format": "0",
        "resource": str(resource_index),
        **{f"{prefix}_{field}": "on" for field in fields},
    }


EXPORTING_ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if hasattr(model_admin, "get_export_resource_classes")
]


@pytest.mark.parametrize("model_admin", EXPORTING_ADMINS, ids=lambda a: a.opts.label_lower)
def test_every_export_is_chinese(model_admin, world, superuser_client, data_words, run_jobs, db):
    from django.urls import reverse

    opts = model_admin.opts
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
    job = job_of(superuser_client.post(url, export_post_data(model_admin)))
    run_jobs()
    text = workbook_text(result_bytes(job))
    words = english_words(text, data=data_words)
    assert not words, " ".join(sorted(set(words)))
    assert "None" not in text


def document_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    footers = [
        paragraph.text
        for section in document.sections
        for footer in (section.footer, section.even_page_footer)
        for paragraph in footer.paragraphs
    ]
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *footers])


def test_the_files_asked_for_by_a_form_are_chinese(
    world, superuser_client, data_words, run_jobs, db
):
    """The work summary's workbook and Word draft, a competition's results, a person's copy."""
    from django.urls import reverse

    period = {"start": "2015-01-01", "end": "2026-12-31"}
    competition = world.objects["competitions.competition"]
    member = world.objects["members.member"]
    texts = {}
    for name, url, data, read in [
        ("summary workbook", reverse("summary:workbook"), period, workbook_text),
        ("summary draft", reverse("summary:report"), period, document_text),
        (
            "competition results",
            reverse("competitions:export-results", args=[competition.pk]),
            {},
            workbook_text,
        ),
    ]:
        job = job_of(superuser_client.post(url, data))
        run_jobs()
        texts[name] = read(result_bytes(job))
    copy = superuser_client.post(
        reverse("personal_data:subject-copy", args=["members", "member", member.pk])
    )
    texts["person's copy"] = workbook_text(copy.content)
    found = {
        name: sorted(set(english_words(text, data=data_words)))
        for name, text in texts.items()
        if english_words(text, data=data_words) or "None" in text
    }
    assert not found, found
