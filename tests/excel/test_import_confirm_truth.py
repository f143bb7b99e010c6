"""An admin import's confirmation tells the truth: success only for rows committed, and a
confirmation whose rows went wrong since the preview shows them, writes nothing and logs
nothing (neither Django's admin log nor the field history nor the action log)."""

from unittest import mock

import pytest
from auditlog.models import LogEntry as HistoryEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from members.models import Employer, Member
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, make_credit_code
from yuyang_union.history.models import ActionEntry

from .conftest import MEMBER_HEADERS, workbook

pytestmark = pytest.mark.django_db
EMPLOYER_HEADERS = ["单位名称", "统一社会信用代码", "经济类型", "所属工会"]


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def preview(client, model, content):
    response = client.post(
        reverse(f"admin:members_{model}_import"),
        {"format": "0", "import_file": SimpleUploadedFile(f"{model}.xlsx", content)},
    )
    confirm_form = response.context["confirm_form"]
    assert confirm_form is not None, "the preview offers a confirmation"
    return confirm_form.initial


def confirm(client, model, data):
    return client.post(reverse(f"admin:members_{model}_process_import"), data)


def nothing_logged():
    return (
        not AdminLogEntry.objects.exists()
        and not HistoryEntry.objects.filter(content_type__model__in=["member", "employer"])
        and not ActionEntry.objects.exists()
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_member_registered_between_preview_and_confirm_fails_the_import_at_its_row(
    client, organisation, member_rows
):
    client.force_login(organisation)
    data = preview(client, "member", workbook(MEMBER_HEADERS, member_rows))
    # Meanwhile someone registers the person of the file's second row.
    MemberFactory(id_number=member_rows[1][1])
    HistoryEntry.objects.all().delete()

    response = confirm(client, "member", data)

    assert response.status_code == 200  # the import page again, not "导入成功"
    assert Member.objects.count() == 1  # only the one registered meanwhile
    assert nothing_logged()
    assert not any("成功" in m or "完成" in m for m in messages_of(response))
    content = response.content.decode()
    assert "没有导入任何记录" in content
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2  # the row, at its number in the file
    assert "已经登记" in " ".join(str(e) for e in invalid.error_dict.get("id_number", []))
    assert "已经登记" in content
    assert member_rows[1][1] not in content  # the number itself is not shown


def test_a_confirmation_that_succeeds_says_so_after_the_commit_and_logs_every_row(
    client, organisation, member_rows
):
    client.force_login(organisation)
    data = preview(client, "member", workbook(MEMBER_HEADERS, member_rows))
    response = confirm(client, "member", data)
    assert response.status_code == 302
    assert Member.objects.count() == 3
    assert AdminLogEntry.objects.count() == 3
    assert HistoryEntry.objects.filter(content_type__model="member").count() == 3
    assert messages_of(response) == ["导入完成：新增 3 条会员记录。"]


def test_an_employer_registered_between_preview_and_confirm_fails_a_row_by_row_import(
    client, organisation
):
    union = UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    codes = [make_credit_code() for _n in range(3)]
    rows = [[f"某某公司{n}", code, "私营（非公）", "LT"] for n, code in enumerate(codes)]
    client.force_login(organisation)
    data = preview(client, "employer", workbook(EMPLOYER_HEADERS, rows))
    EmployerFactory(credit_code=codes[2], union=union)
    HistoryEntry.objects.all().delete()

    response = confirm(client, "employer", data)

    assert response.status_code == 200
    assert Employer.objects.count() == 1
    assert nothing_logged()
    assert [row.number for row in response.context["result"].invalid_rows] == [3]


def test_a_clash_the_row_checks_cannot_see_is_reported_in_chinese_without_a_traceback(
    client, organisation, member_rows
):
    """The race the checks miss (a member written between the check and the INSERT): the
    database refuses the batch; the officer reads a sentence, not the database's error."""
    client.force_login(organisation)
    data = preview(client, "member", workbook(MEMBER_HEADERS, member_rows))
    clash = IntegrityError('duplicate key value violates unique constraint "member_digest"')
    with mock.patch.object(Member.objects, "bulk_create", side_effect=clash):
        response = confirm(client, "member", data)
    assert response.status_code == 200
    assert Member.objects.count() == 0
    assert nothing_logged()
    content = response.content.decode()
    assert "没有导入任何记录" in content
    assert "duplicate key" not in content
    assert "Traceback" not in content
