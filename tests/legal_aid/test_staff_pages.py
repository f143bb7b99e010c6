import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError
from django.utils import timezone

from legal_aid.models import Appraisal, Case, CollectiveContract, Consultation
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, make_id_number
from yuyang_union import roles

from .factories import AppraisalFactory, CollectiveContractFactory

pytestmark = pytest.mark.django_db


def test_hotline_consultation_quick_entry(client, legal_staff):
    employer = EmployerFactory()
    client.force_login(legal_staff)
    page = client.get("/staff/legal/consultations/new/")
    assert page.status_code == 200
    response = client.post(
        "/staff/legal/consultations/new/",
        {
            "date": "2026-11-20",
            "channel": "hotline",
            "topics": ["wages", "insurance"],
            "workers_served": "3",
            "employer_text": employer.credit_code,  # typed, no row chosen from the list
            "summary": "三名农民工来电反映欠薪",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.topics == ["wages", "insurance"]
    assert consultation.employer == employer
    assert consultation.workers_served == 3


def test_quick_entry_reports_bad_input_at_the_field(client, legal_staff):
    client.force_login(legal_staff)
    response = client.post(
        "/staff/legal/consultations/new/",
        {
            "date": "2026-11-20",
            "channel": "hotline",
            "workers_served": "0",
            "employer": "999999999",  # a key no picker offered
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"topics", "workers_served", "employer"}
    assert not Consultation.objects.exists()


def test_other_roles_cannot_log_consultations(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    assert client.get("/staff/legal/consultations/new/").status_code == 403


def test_expiring_contracts_list_and_panel(client, legal_staff):
    today = timezone.localdate()
    soon = CollectiveContractFactory(
        title="即将到期的合同",
        signed_on=today.replace(year=today.year - 3),
        expires_on=today + datetime.timedelta(days=30),
    )
    CollectiveContractFactory(
        title="还早的合同", signed_on=today, expires_on=today + datetime.timedelta(days=200)
    )
    CollectiveContractFactory(
        title="已过期的合同",
        signed_on=today.replace(year=today.year - 4),
        expires_on=today - datetime.timedelta(days=1),
    )
    client.force_login(legal_staff)
    page = client.get("/staff/legal/contracts/expiring/").content.decode()
    assert soon.title in page
    assert "还早的合同" not in page
    assert "已过期的合同" not in page
    assert soon.title in client.get("/staff/").content.decode()


def test_expiring_contracts_are_refused_to_roles_without_the_permission(client, make_staff):
    client.force_login(make_staff(roles.EVENTS))
    assert client.get("/staff/legal/contracts/expiring/").status_code == 403


def test_a_regional_contract_covering_many_employers_through_the_admin(client, legal_staff):
    union = UnionFactory()
    employers = EmployerFactory.create_batch(12)
    client.force_login(legal_staff)
    response = client.post(
        "/admin/legal_aid/collectivecontract/add/",
        {
            "union": union.pk,
            "title": "龙潭镇餐饮行业区域性集体合同",
            "kind": "wages",
            "scope": "regional",
            "employers": [e.pk for e in employers],
            "workers_covered": "340",
            "signed_on": "2026-05-01",
            "expires_on": "2029-04-30",
            "filed_with_hrss": "on",
            "filed_on": "2026-05-10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = CollectiveContract.objects.get()
    assert contract.employers.count() == 12
    assert LogEntry.objects.get_for_object(contract).exists()


def test_a_group_case_registered_in_the_admin_gets_its_number_and_applicants(client, legal_staff):
    employer = EmployerFactory()
    member = MemberFactory()
    client.force_login(legal_staff)
    prefix = "applicants"
    data = {
        "kind": "legal_aid",
        "matter": "wages",
        "received_on": "2026-10-08",
        "respondent": employer.pk,
        "respondent_name": "",
        "workers_involved": "37",
        "amount_claimed": "612000.00",
        "amount_recovered": "0",
        "facts": "37名农民工被拖欠工资",
        "outcome": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-member": member.pk,
        f"{prefix}-0-name": "",
        f"{prefix}-0-id_number": "",
        f"{prefix}-1-member": "",
        f"{prefix}-1-name": "杨德贵",
        f"{prefix}-1-id_number": make_id_number(),
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/legal_aid/case/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert case.reference == "援〔2026〕第1号"
    assert case.status == "received"
    assert case.applicants.count() == 2
    assert case.status_changes.count() == 1
    assert LogEntry.objects.get_for_object(case).exists()


def test_appraisal_rules_hold_in_the_database():
    with pytest.raises(IntegrityError):
        AppraisalFactory(kind="injury", injury_grade=11)


def test_appraisal_history_masks_the_id_number():
    number = make_id_number()
    appraisal = AppraisalFactory(id_number=number)
    entry = LogEntry.objects.get_for_object(appraisal).get()
    assert number not in str(entry.changes)
    assert "id_number_digest" not in entry.changes
    assert Appraisal.objects.get().id_number == number


def test_legal_staff_can_use_the_employer_autocomplete_and_pick_legal_staff(
    client, legal_staff, make_staff
):
    employer = EmployerFactory(name="酉阳县龙潭建筑劳务有限公司")
    other = make_staff(roles.WELFARE, username="welfare-person")
    client.force_login(legal_staff)
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "legal_aid",
            "model_name": "case",
            "field_name": "respondent",
            "term": "酉阳县龙潭",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [employer.name]
    page = client.get("/admin/legal_aid/case/add/").content.decode()
    assert f'value="{legal_staff.pk}"' in page
    assert other.username not in page
