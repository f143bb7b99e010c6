"""Every import, as a new staff member meets it: download the template, write a row in the
example's style under the example (which stays in the file), upload, confirm: imported.
(A row identical to the example would be taken for it and skipped: test_example_row.py.)"""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competitions.models import Entry
from tests.competitions.factories import CompetitionEventFactory
from tests.excel.templates import IMPORT_RESOURCES, fill, load
from tests.members.factories import EmployerFactory, MemberFactory, make_id_number
from tests.welfare.factories import CampaignFactory, HouseholdFactory
from yuyang_union import roles
from yuyang_union.jobs.models import JobState

pytestmark = pytest.mark.django_db

ROLES = {
    "members": roles.ORGANISATION,
    "welfare": roles.WELFARE,
    "legal_aid": roles.LEGAL,
    "members_honour": roles.COMPETITIONS,  # the department that records honours
}


def _own_records():
    """Per import: the records the row names (made before the template is downloaded, as
    they would be), and the cells the row writes where the example's would not do."""
    member = MemberFactory()
    return {
        "members_unionorganisation": {"工会名称": "新建某某公司工会"},
        "members_employer": {"单位名称": "酉阳县某某二厂"},
        "members_member": {"身份证号码": make_id_number(serial=321)},
        "members_honour": {"获得者身份证号码": member.id_number},
        "welfare_hardshiphousehold": {"户主身份证号码": member.id_number},
        "welfare_grant": {
            "户主身份证号码": HouseholdFactory().head.id_number,
            "会员身份证号码": None,
        },
        "welfare_educationaid": {
            "学生身份证号码": make_id_number(serial=654),
            "家长（会员）身份证号码": member.id_number,
        },
        "legal_aid_appraisal": {"姓名": "田德贵", "是否同意提前退休": None},
    }


@pytest.mark.parametrize("prefix", sorted(IMPORT_RESOURCES))
def test_the_template_filled_in_imports_on_the_first_try(client, make_staff, run_jobs, prefix):
    CampaignFactory(kind="education", name="2024年金秋助学活动")
    row = _own_records()[prefix]
    app_label = prefix.split("_")[0] if not prefix.startswith("legal_aid") else "legal_aid"
    model = apps.get_model(app_label, prefix.removeprefix(app_label + "_"))
    before = model.objects.count()
    client.force_login(make_staff(ROLES.get(prefix) or ROLES[app_label]))

    template = client.get(reverse(f"admin:{prefix}_import_template"))
    assert template.status_code == 200
    upload = SimpleUploadedFile("filled.xlsx", fill(template.content, row))
    response = client.post(reverse(f"admin:{prefix}_import"), {"import_file": upload})
    assert response.status_code == 302
    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.errors or checked.message
    assert "示例" in checked.message  # the example row was skipped, and said so
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED, written.errors or written.message
    assert model.objects.count() == before + 1


def test_the_competition_entry_sheet_filled_in_imports_on_the_first_try(
    client, make_staff, run_jobs
):
    event = CompetitionEventFactory(name="维修电工")
    CompetitionEventFactory(competition=event.competition, name="电气安装")
    member = MemberFactory(employer=EmployerFactory())
    client.force_login(make_staff(roles.COMPETITIONS))
    competition = event.competition.pk
    template = client.get(reverse("competitions:import-template", args=[competition]))
    sheet = load(template.content).worksheets[0]
    assert sheet.cell(row=2, column=1).value == "维修电工"
    filled = fill(template.content, {"身份证号码": member.id_number, "姓名": member.name})
    upload = io.BytesIO(filled)
    upload.name = "entries.xlsx"
    url = reverse("competitions:import-entries", args=[competition])
    assert client.post(url, {"file": upload}).status_code == 302
    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION, checked.errors
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED, written.errors or written.message
    entry = Entry.objects.get()
    assert (entry.member, entry.event, str(entry.score), entry.award) == (
        member,
        event,
        "85.50",
        "first",
    )
