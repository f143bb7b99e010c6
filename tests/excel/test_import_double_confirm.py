"""A confirmation posted twice (a double click, a reload) or twice at once imports once; the
second is told what came of the first and sent to the result, never an error page."""

import io
import threading
import time

import pytest
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from competitions.models import Entry
from members.models import Member
from members.resources import MemberResource
from tests.competitions.factories import CompetitionEventFactory
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from tests.sign_in import VerifiedClient
from yuyang_union import roles

from .conftest import MEMBER_HEADERS, waiting_files, workbook

IMPORT_URL = "admin:members_member_import"
CONFIRM_URL = "admin:members_member_process_import"
CHANGELIST_URL = "admin:members_member_changelist"


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def preview(client, content):
    response = client.post(
        reverse(IMPORT_URL),
        {"format": "0", "import_file": SimpleUploadedFile("members.xlsx", content)},
    )
    return response.context["confirm_form"].initial


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.django_db
def test_a_second_confirmation_says_the_import_was_done_and_links_to_it(
    client, organisation, member_rows
):
    client.force_login(organisation)
    data = preview(client, workbook(MEMBER_HEADERS, member_rows))
    assert client.post(reverse(CONFIRM_URL), data).status_code == 302
    assert waiting_files() == []  # the file is gone after the first

    response = client.post(reverse(CONFIRM_URL), data)

    assert response.status_code == 302
    assert response.url == reverse(CHANGELIST_URL)
    assert "此次导入已经确认过：已新增 3 条记录。" in messages_of(response)
    assert Member.objects.count() == 3
    assert AdminLogEntry.objects.count() == 3


@pytest.mark.django_db
def test_a_second_confirmation_of_a_failed_one_says_nothing_was_imported(
    client, organisation, member_rows
):
    client.force_login(organisation)
    data = preview(client, workbook(MEMBER_HEADERS, member_rows))
    MemberFactory(id_number=member_rows[0][1])  # registered meanwhile: the confirmation fails
    assert client.post(reverse(CONFIRM_URL), data).status_code == 200

    response = client.post(reverse(CONFIRM_URL), data)

    assert response.status_code == 302
    assert response.url == reverse(IMPORT_URL)
    assert "没有导入任何记录" in messages_of(response)
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_another_officer_cannot_read_a_receipt(client, organisation, member_rows, make_staff):
    client.force_login(organisation)
    data = preview(client, workbook(MEMBER_HEADERS, member_rows))
    client.post(reverse(CONFIRM_URL), data)
    client.force_login(make_staff(roles.ORGANISATION))
    response = client.post(reverse(CONFIRM_URL), data, follow=True)
    assert "预览已过期" in response.content.decode()


def test_a_double_click_confirming_at_once_imports_once(
    committed_rows, make_staff, member_rows, monkeypatch
):
    """Two confirmations of one file in two real concurrent requests."""
    organisation = make_staff(roles.ORGANISATION)
    clients = [VerifiedClient(), VerifiedClient()]
    for each in clients:
        each.force_login(organisation)
    data = preview(clients[0], workbook(MEMBER_HEADERS, member_rows))
    # The import takes a moment, as a real file's does: the second click comes meanwhile.
    import_data = MemberResource.import_data

    def slow_import_data(self, *args, **kwargs):
        time.sleep(0.5)
        return import_data(self, *args, **kwargs)

    monkeypatch.setattr(MemberResource, "import_data", slow_import_data)
    start = threading.Barrier(2)
    outcomes = []

    def confirm(each, delay):
        try:
            start.wait(timeout=10)
            time.sleep(delay)
            response = each.post(reverse(CONFIRM_URL), data)
            outcomes.append((response.status_code, messages_of(response)))
        except Exception as error:  # the outcome is what the test checks
            outcomes.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [
        threading.Thread(target=confirm, args=(each, delay))
        for each, delay in zip(clients, [0, 0.2], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [status for status, _text in outcomes] == [302, 302]
    texts = sorted(text for _status, text in outcomes)
    assert "导入完成：新增 3 条会员记录。" in texts[0]
    assert "正在确认中" in texts[1]
    assert Member.objects.count() == 3
    assert AdminLogEntry.objects.count() == 3


@pytest.mark.django_db
def test_a_second_confirmation_of_a_competition_import_says_it_was_done(client, make_staff):
    event = CompetitionEventFactory(name="维修电工")
    union, employer = UnionFactory(), EmployerFactory()
    members = [MemberFactory(union=union, employer=employer) for _ in range(2)]
    client.force_login(make_staff(roles.COMPETITIONS))
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    rows = [["维修电工", m.id_number, m.name, employer.name, 90, ""] for m in members]
    file = io.BytesIO(workbook(["项目", "身份证号码", "姓名", "单位", "成绩", "奖项"], rows))
    file.name = "entries.xlsx"
    preview_page = client.post(url, {"file": file})
    confirm = {"confirm": "1", "upload": preview_page.context["upload"]}
    assert client.post(url, confirm).status_code == 302

    response = client.post(url, confirm)

    assert response.status_code == 302
    assert response.url == reverse("competitions:staff-detail", args=[event.competition.pk])
    assert "此次导入已经确认过：已新增 2 条记录。" in messages_of(response)
    assert Entry.objects.count() == 2
