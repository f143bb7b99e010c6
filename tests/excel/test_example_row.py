"""The template's example row is never imported: skipped while it is the example (marked or
not), listed as an error when it is still marked but its cells were changed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Member
from members.resources import MemberResource
from tests.excel.templates import fill, headers, load
from tests.members.factories import UnionFactory, make_id_number
from yuyang_union import roles
from yuyang_union.excel.reading import StreamingSheet
from yuyang_union.excel.template import EXAMPLE_CELL, EXAMPLE_HEADER
from yuyang_union.jobs.models import JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_staff):
    UnionFactory(name="龙潭镇工会", code="LT")
    return make_staff(roles.ORGANISATION)


def _template(officer):
    return MemberResource(user=officer).template_workbook()


def _changed(data, edit):
    """The workbook with `edit(sheet, headers)` applied to its first sheet."""
    book = load(data)
    sheet = book.worksheets[0]
    edit(sheet, headers(sheet))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(number=301):
    return {"身份证号码": make_id_number(serial=number), "所属工会": "龙潭镇工会", "姓名": "冉光明"}


def _import(client, officer, run_jobs, data):
    client.force_login(officer)
    upload = SimpleUploadedFile("members.xlsx", data)
    client.post(reverse("admin:members_member_import"), {"import_file": upload})
    [job] = run_jobs()
    return job


def test_the_reader_tells_the_example_from_the_officers_rows(officer):
    resource = MemberResource(user=officer)
    example = resource.template_example()
    data = fill(_template(officer), _row())

    reader = StreamingSheet(data, example=example)
    assert [row.number for row in reader.rows()] == [3]
    assert reader.examples_skipped == 1

    def spoil(sheet, names):
        sheet.cell(row=2, column=names.index("姓名") + 1, value="田晓红")

    reader = StreamingSheet(_changed(data, spoil), example=example)
    assert [row.number for row in reader.rows()] == [3]
    assert [row.number for row in reader.changed_examples] == [2]


def test_an_example_without_its_marker_is_still_not_imported(client, officer, run_jobs):
    def drop_the_marker_column(sheet, names):
        sheet.delete_cols(names.index(EXAMPLE_HEADER) + 1)

    data = _changed(fill(_template(officer), _row()), drop_the_marker_column)
    checked = _import(client, officer, run_jobs, data)
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.errors
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    run_jobs()
    assert list(Member.objects.values_list("name", flat=True)) == ["冉光明"]


def test_a_changed_example_still_marked_is_listed_not_dropped(client, officer, run_jobs):
    def type_over_the_example(sheet, names):
        for header, value in _row(302).items():
            sheet.cell(row=2, column=names.index(header) + 1, value=value)

    data = _changed(fill(_template(officer), _row()), type_over_the_example)
    job = _import(client, officer, run_jobs, data)
    assert job.state == JobState.FAILED
    assert [(e["row"], e["column"], e["value"]) for e in job.errors] == [
        (2, EXAMPLE_HEADER, EXAMPLE_CELL)
    ]
    assert "示例" in job.errors[0]["message"]
    assert Member.objects.count() == 0


def test_once_its_marker_is_cleared_the_typed_over_example_imports(client, officer, run_jobs):
    def type_over_and_clear(sheet, names):
        for header, value in _row(303).items():
            sheet.cell(row=2, column=names.index(header) + 1, value=value)
        sheet.cell(row=2, column=names.index(EXAMPLE_HEADER) + 1).value = None

    data = _changed(_template(officer), type_over_and_clear)
    checked = _import(client, officer, run_jobs, data)
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.errors
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    run_jobs()
    assert Member.objects.count() == 1


def test_the_competition_sheet_refuses_a_changed_example():
    from competitions import exporting, importing
    from tests.competitions.factories import CompetitionEventFactory

    competition = CompetitionEventFactory(name="维修电工").competition
    example = exporting.template_example(competition)
    template = exporting.import_template(competition)
    assert importing.read_rows(template, example=example) == []

    def type_over_the_example(sheet, names):
        sheet.cell(row=2, column=names.index("成绩") + 1, value=60)

    with pytest.raises(importing.FileError, match="第2行"):
        importing.read_rows(_changed(template, type_over_the_example), example=example)
