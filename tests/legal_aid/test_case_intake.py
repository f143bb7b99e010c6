"""The staff case intake page: register a case with its applicants in one go."""

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from legal_aid.models import Case, CaseApplicant, CaseNumberCounter, CaseStatusChange
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, make_id_number
from yuyang_union import roles

from .factories import LawyerFactory

pytestmark = pytest.mark.django_db
URL = "/staff/legal/cases/new/"


def management(total):
    return {
        "applicants-TOTAL_FORMS": str(total),
        "applicants-INITIAL_FORMS": "0",
        "applicants-MIN_NUM_FORMS": "1",
        "applicants-MAX_NUM_FORMS": "60",
    }


def intake_data(*, employer, lawyer=None, staff=None, applicants=(), **overrides):
    data = {
        "kind": "legal_aid",
        "received_on": "2026-11-20",
        "employer_lookup_text": employer.credit_code,
        "matter": "wages",
        "workers_involved": "2",
        "amount_claimed": "36500.00",
        "assigned_staff": str(staff.pk) if staff else "",
        "lawyer": str(lawyer.pk) if lawyer else "",
        "facts": "两名工人被拖欠工资",
        **management(max(len(applicants), 3)),
    }
    for index, (id_number, name) in enumerate(applicants):
        data[f"applicants-{index}-id_number"] = id_number
        data[f"applicants-{index}-name"] = name
    data.update(overrides)
    return data


def test_legal_staff_register_a_group_case_with_a_member_and_another_worker(client, legal_staff):
    employer = EmployerFactory(name="酉阳县某建筑有限公司")
    lawyer = LawyerFactory(name="冉律师")
    member = MemberFactory(name="冉小明")
    worker_id = make_id_number()
    client.force_login(legal_staff)

    form_page = client.get(URL)
    assert form_page.status_code == 200
    assert "冉律师" in form_page.content.decode()
    # A date input only accepts ISO dates; the locale's 2026/11/20 would show as empty.
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in form_page.content.decode()
    # Rows are added in the page by a static script (CSP: no inline script) from a template.
    assert "legal_aid/applicants.js" in form_page.content.decode()
    assert 'name="applicants-__prefix__-id_number"' in form_page.content.decode()

    response = client.post(
        URL,
        intake_data(
            employer=employer,
            lawyer=lawyer,
            staff=legal_staff,
            # The member's ID typed in lower case with blanks: normalised like the member field.
            applicants=[(" " + member.id_number.lower() + " ", ""), (worker_id, "田大华")],
        ),
        follow=True,
    )
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert case.reference == "援〔2026〕第1号"
    assert case.reference in response.content.decode()
    assert "援〔2026〕第1号" in response.content.decode()
    assert (case.kind, case.status, case.matter) == ("legal_aid", "received", "wages")
    assert case.respondent == employer
    assert case.lawyer == lawyer
    assert case.assigned_staff == legal_staff
    assert case.workers_involved == 2
    assert str(case.amount_claimed) == "36500.00"
    applicants = list(case.applicants.order_by("id"))
    assert applicants[0].member == member
    assert applicants[0].name == ""
    assert (applicants[1].member, applicants[1].name) == (None, "田大华")
    assert applicants[1].id_number == worker_id
    assert CaseStatusChange.objects.get(case=case).changed_by == legal_staff
    created = LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.CREATE)
    assert created.latest("timestamp", "id").actor == legal_staff


def test_employer_found_by_the_start_of_its_name(client, legal_staff):
    employer = EmployerFactory(name="桃花源旅游开发有限公司")
    client.force_login(legal_staff)
    data = intake_data(
        employer=employer,
        applicants=[(make_id_number(), "白小英")],
        employer_lookup_text="桃花源旅",
    )
    assert client.post(URL, data).status_code == 302
    assert Case.objects.get().respondent == employer


def test_several_employers_matching_a_prefix_are_listed_at_the_field(client, legal_staff):
    EmployerFactory(name="龙潭古镇酒店")
    EmployerFactory(name="龙潭古镇客栈")
    client.force_login(legal_staff)
    data = intake_data(
        employer=EmployerFactory(),
        applicants=[(make_id_number(), "白小英")],
        employer_lookup_text="龙潭",
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["employer_lookup"])
    assert "龙潭古镇客栈" in error
    assert "龙潭古镇酒店" in error
    assert not Case.objects.exists()


def test_a_bad_id_number_is_shown_at_its_field_and_nothing_is_written(client, legal_staff):
    member = MemberFactory()
    good = make_id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")  # wrong check digit
    client.force_login(legal_staff)
    response = client.post(
        URL,
        intake_data(
            employer=EmployerFactory(), applicants=[(member.id_number, ""), (bad, "田大华")]
        ),
    )
    assert response.status_code == 200
    applicant_forms = response.context["applicants"].forms
    assert not applicant_forms[0].errors
    assert "id_number" in applicant_forms[1].errors
    content = response.content.decode()
    assert "身份证号码校验位不正确" in content
    assert not Case.objects.exists()
    assert not CaseApplicant.objects.exists()
    assert not CaseNumberCounter.objects.exists()  # no reference number was taken


def test_a_non_member_without_a_name_and_missing_fields_are_reported(client, legal_staff):
    client.force_login(legal_staff)
    response = client.post(
        URL,
        intake_data(
            employer=EmployerFactory(),
            applicants=[(make_id_number(), "")],
            employer_lookup_text="没有这家企业",
            workers_involved="0",
        ),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"employer_lookup", "workers_involved"}
    assert "name" in response.context["applicants"].forms[0].errors
    assert not Case.objects.exists()


def test_at_least_one_applicant_and_no_worker_twice(client, legal_staff):
    client.force_login(legal_staff)
    employer = EmployerFactory()
    response = client.post(URL, intake_data(employer=employer, applicants=[]))
    assert response.status_code == 200
    assert response.context["applicants"].non_form_errors()
    worker_id = make_id_number()
    response = client.post(
        URL, intake_data(employer=employer, applicants=[(worker_id, "甲"), (worker_id, "乙")])
    )
    assert response.status_code == 200
    assert "id_number" in response.context["applicants"].forms[1].errors
    assert not Case.objects.exists()


def test_an_officer_finds_only_employers_of_their_own_unions(client, make_staff):
    own, other = UnionFactory(), UnionFactory()
    officer = make_staff(roles.LEGAL, union=own)
    outside = EmployerFactory(union=other)
    client.force_login(officer)
    response = client.post(
        URL, intake_data(employer=outside, applicants=[(make_id_number(), "白小英")])
    )
    assert response.status_code == 200
    assert "employer_lookup" in response.context["form"].errors
    assert "respondent_name" not in response.context["form"].fields
    assert not Case.objects.exists()
    inside = EmployerFactory(union=own)
    response = client.post(
        URL, intake_data(employer=inside, applicants=[(make_id_number(), "白小英")])
    )
    assert response.status_code == 302
    assert Case.objects.get().respondent == inside


@pytest.mark.parametrize(
    "role", [roles.WELFARE, roles.ORGANISATION, roles.EVENTS, roles.LEADERS, roles.COMPETITIONS]
)
def test_other_roles_are_refused(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403
    response = client.post(
        URL, intake_data(employer=EmployerFactory(), applicants=[(make_id_number(), "白小英")])
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_members_without_a_staff_role_are_refused(client, member_user):
    client.force_login(member_user)
    assert client.get(URL).status_code == 403


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_case_list_and_staff_home_link_to_the_page(client, legal_staff):
    client.force_login(legal_staff)
    assert URL in client.get("/staff/legal/cases/").content.decode()
    assert URL in client.get("/staff/").content.decode()


@pytest.mark.parametrize("size", [5, 30])
def test_the_form_runs_a_constant_number_of_queries(
    client, legal_staff, make_staff, django_assert_max_num_queries, size
):
    for _index in range(size):
        EmployerFactory()
        LawyerFactory()
        make_staff(roles.LEGAL)
    client.force_login(legal_staff)
    with django_assert_max_num_queries(11):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('<option value="') >= 2 * size
