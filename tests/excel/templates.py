"""Every import of the portal and its template, for the template tests: fill a downloaded
template as a staff member would, in openpyxl."""

import io

import openpyxl

from legal_aid.resources import AppraisalResource
from members.resources import EmployerResource, HonourResource, MemberResource, UnionResource
from welfare.resources import EducationAidResource, GrantResource, HouseholdResource
from yuyang_union.excel.template import EXAMPLE_HEADER

# Every resource an admin page imports with, by its model's admin URL prefix.
IMPORT_RESOURCES = {
    "members_unionorganisation": UnionResource,
    "members_employer": EmployerResource,
    "members_member": MemberResource,
    "members_honour": HonourResource,
    "welfare_hardshiphousehold": HouseholdResource,
    "welfare_grant": GrantResource,
    "welfare_educationaid": EducationAidResource,
    "legal_aid_appraisal": AppraisalResource,
}


def load(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def headers(sheet):
    return [cell.value for cell in sheet[1]]


def example_row(sheet):
    """The template's example row, by header (the marker column left out)."""
    return {
        header: cell.value
        for header, cell in zip(headers(sheet), sheet[2], strict=True)
        if header != EXAMPLE_HEADER
    }


def fill(template, *rows):
    """The template with `rows` ({header: value}, the example's value for a header not
    given) written under the example row, which stays: a staff member's file."""
    book = load(template)
    sheet = book.worksheets[0]
    example = example_row(sheet)
    names = headers(sheet)
    for number, values in enumerate(rows, start=3):
        for column, header in enumerate(names, start=1):
            if header in example:
                # (cell(value=None) would leave the cell as it is)
                sheet.cell(row=number, column=column).value = values.get(header, example[header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
