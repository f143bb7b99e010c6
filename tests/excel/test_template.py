"""The template of every import: Chinese headers, an example row that is never imported,
a drop-down on every choice column, identifier columns as text, a sheet explaining each
column."""

import re

import pytest

from tests.excel.templates import IMPORT_RESOURCES, example_row, headers, load
from tests.members.factories import UserFactory
from yuyang_union.excel.reading import StreamingSheet
from yuyang_union.excel.template import (
    CHOICES_SHEET,
    EXAMPLE_CELL,
    EXAMPLE_HEADER,
    EXPLANATIONS_SHEET,
)
from yuyang_union.excel.template_columns import template_choices

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(params=sorted(IMPORT_RESOURCES))
def resource(request):
    return IMPORT_RESOURCES[request.param](user=UserFactory(is_staff=True, is_superuser=True))


def _workbook(resource):
    return load(resource.template_workbook())


def test_headers_are_the_chinese_column_names(resource):
    sheet = _workbook(resource).worksheets[0]
    columns = [str(field.column_name) for field in resource.get_import_fields()]
    assert headers(sheet) == [*columns, EXAMPLE_HEADER]
    for header in headers(sheet):
        assert CJK.search(header), header
        assert not re.search(r"[A-Za-z_]", header), header
    assert sheet.freeze_panes == "A2"


def test_the_example_row_is_marked_grey_and_skipped_by_the_reader(resource):
    data = resource.template_workbook()
    sheet = load(data).worksheets[0]
    assert sheet.cell(row=2, column=len(headers(sheet))).value == EXAMPLE_CELL
    example = example_row(sheet)
    assert any(value not in (None, "") for value in example.values())
    for cell in sheet[2]:
        assert cell.font.italic
    reader = StreamingSheet(data)
    assert list(reader.rows()) == []
    assert reader.examples_skipped == 1


def test_every_choice_column_has_a_drop_down(resource):
    book = _workbook(resource)
    sheet = book.worksheets[0]
    choices_sheet = book[CHOICES_SHEET]
    assert choices_sheet.sheet_state == "hidden"
    validations = {
        str(validation.sqref).split(":")[0]: validation
        for validation in sheet.data_validations.dataValidation
    }
    choice_columns = 0
    for index, field in enumerate(resource.get_import_fields(), start=1):
        choices = template_choices(field.widget)
        if not choices:
            continue
        choice_columns += 1
        letter = sheet.cell(row=1, column=index).column_letter
        validation = validations[f"{letter}2"]
        assert validation.type == "list"
        listed = [row[0].value for row in choices_sheet[f"{letter}1:{letter}{len(choices)}"]]
        assert listed == choices
        assert validation.formula1 == f"'{CHOICES_SHEET}'!${letter}$1:${letter}${len(choices)}"
    assert choice_columns == len(validations)


def test_choice_columns_are_found(resource):
    """Yes/no, status, kinds, townships: every resource has at least one."""
    assert any(template_choices(field.widget) for field in resource.get_import_fields())


def test_identifier_columns_are_text(resource):
    sheet = _workbook(resource).worksheets[0]
    names = headers(sheet)
    for field in resource.get_import_fields():
        if field.attribute in resource.identifier_fields:
            column = names.index(str(field.column_name)) + 1
            assert sheet.cell(row=3, column=column).number_format == "@", field.column_name


def test_the_explanations_sheet_lists_every_import_column(resource):
    book = _workbook(resource)
    assert book.sheetnames[1] == EXPLANATIONS_SHEET
    rows = list(book[EXPLANATIONS_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("列名", "是否必填", "填写要求", "可选值", "示例")
    described = {row[0]: row for row in rows[1:] if row[0]}
    for field in resource.get_import_fields():
        name, required, hint, _allowed, _example = described[str(field.column_name)]
        assert required in ("必填", "选填")
        assert CJK.search(hint or ""), name
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    assert "None" not in text
    assert not re.search(r"[A-Za-z]{4,}", text.replace("Excel", "")), text
    assert "示例" in text


def test_required_columns_are_said_so():
    from members.resources import MemberResource, UnionResource

    book = load(MemberResource(user=None).template_workbook())
    rows = {row[0]: row for row in book[EXPLANATIONS_SHEET].iter_rows(values_only=True)}
    assert rows["身份证号码"][1] == "必填"
    assert rows["民族"][1] == "选填"  # filled in (土家族) when blank
    assert rows["会籍状态"][2:4] == (
        "从下拉列表中选择一个可选值。",
        "在册、已转出、已退休、已退会、已故",
    )
    book = load(UnionResource(user=None).template_workbook())
    rows = {row[0]: row for row in book[EXPLANATIONS_SHEET].iter_rows(values_only=True)}
    assert rows["上级工会"][1] == "必填"  # a row check's rule, not the model's


def test_the_competition_entry_sheet_has_the_same_features():
    from competitions.exporting import import_template
    from competitions.importing import HEADERS
    from tests.competitions.factories import CompetitionEventFactory

    event = CompetitionEventFactory(name="维修电工")
    CompetitionEventFactory(competition=event.competition, name="电气安装")
    data = import_template(event.competition)
    book = load(data)
    sheet = book.worksheets[0]
    assert headers(sheet) == [*HEADERS, EXAMPLE_HEADER]
    assert sheet.freeze_panes == "A2"
    assert example_row(sheet)["项目"] == "维修电工"
    id_column = list(HEADERS).index("身份证号码") + 1
    assert sheet.cell(row=3, column=id_column).number_format == "@"
    formulas = {
        str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    assert formulas == {"A2": f"'{CHOICES_SHEET}'!$A$1:$A$2", "H2": f"'{CHOICES_SHEET}'!$H$1:$H$5"}
    assert [row[0].value for row in book[CHOICES_SHEET]["H1:H5"]] == [
        "一等奖",
        "二等奖",
        "三等奖",
        "优秀奖",
        "无",
    ]
    described = [row[0] for row in book[EXPLANATIONS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert described[: len(HEADERS)] == list(HEADERS)
    reader = StreamingSheet(data)
    assert list(reader.rows()) == []
    assert reader.examples_skipped == 1


def test_every_admin_import_is_tested_here():
    """A new import joins IMPORT_RESOURCES (and so every test of this module)."""
    from django.contrib import admin

    from yuyang_union.excel.admin import ScopedImportExportMixin

    importing = {
        f"{model._meta.app_label}_{model._meta.model_name}": model_admin.resource_classes[0]
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ScopedImportExportMixin)
        and f"import_{model._meta.model_name}" in dict(model._meta.permissions)
    }
    assert importing == IMPORT_RESOURCES
