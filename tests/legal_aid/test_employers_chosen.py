"""A consultation's employer from the register or as given; a contract's workers covered
offered from its employers' headcounts."""

import pytest
from django.urls import reverse

from legal_aid.figures import figures
from legal_aid.models import CollectiveContract, Consultation
from legal_aid.resources import ConsultationResource
from members.selectors import employers_headcount
from tests.members.factories import EmployerFactory, UnionFactory

from .factories import CollectiveContractFactory, ConsultationFactory

pytestmark = pytest.mark.django_db

NEW = "legal_aid:consultation-new"


def consultation(**fields):
    return {
        "date": "2026-11-20",
        "channel": "hotline",
        "topics": ["wages"],
        "workers_served": "2",
        "summary": "",
        **fields,
    }


def test_an_employer_chosen_from_the_list_is_the_registered_one(client, legal_staff):
    employer = EmployerFactory(name="桃花源旅游开发有限公司")
    client.force_login(legal_staff)
    response = client.post(
        reverse(NEW), consultation(employer=employer.pk, employer_text=employer.name)
    )
    assert response.status_code == 302
    saved = Consultation.objects.get()
    assert saved.employer == employer
    assert saved.employer_name == ""


def test_an_employer_not_in_the_register_is_kept_by_its_name(client, legal_staff):
    EmployerFactory(name="桃花源旅游开发有限公司")
    client.force_login(legal_staff)
    response = client.post(reverse(NEW), consultation(employer_text="桃花源路边小饭馆"))
    assert response.status_code == 302
    saved = Consultation.objects.get()
    assert saved.employer is None
    assert saved.employer_name == "桃花源路边小饭馆"
    assert saved.employer_display == "桃花源路边小饭馆"
    listing = client.get(reverse("admin:legal_aid_consultation_changelist")).content.decode()
    assert "桃花源路边小饭馆" in listing
    [row] = ConsultationResource(user=legal_staff).export().dict
    assert row["用人单位"] == "桃花源路边小饭馆"


def test_the_exact_name_typed_is_the_registered_employer(client, legal_staff):
    employer = EmployerFactory(name="桃花源旅游开发有限公司")
    client.force_login(legal_staff)
    client.post(reverse(NEW), consultation(employer_text="桃花源旅游开发有限公司"))
    assert Consultation.objects.get().employer == employer


def test_the_summary_counts_consultations_whatever_their_employer(legal_staff):
    import datetime

    ConsultationFactory(workers_served=3, employer=EmployerFactory())
    ConsultationFactory(workers_served=4, employer_name="未登记的小作坊")
    ConsultationFactory(workers_served=5)
    day = datetime.date(2020, 5, 1)
    values = {figure.key: figure.value for figure in figures(day, day)}
    assert values["legal.consultations"] == 3
    assert values["legal.consultation_workers"] == 12


def test_headcounts_add_up_in_one_query(django_assert_num_queries):
    employers = [EmployerFactory(headcount=120), EmployerFactory(headcount=35)]
    EmployerFactory(headcount=999)
    from members.models import Employer

    with django_assert_num_queries(1):
        assert employers_headcount(Employer.objects.filter(pk__in=[e.pk for e in employers])) == 155
    assert employers_headcount([]) == 0


def contract(union, employers, workers_covered):
    return {
        "union": union.pk,
        "title": "龙潭镇餐饮行业区域性集体合同",
        "kind": "wages",
        "scope": "regional",
        "employers": [e.pk for e in employers],
        "workers_covered": workers_covered,
        "signed_on": "2026-05-01",
        "expires_on": "2029-04-30",
        "notes": "",
    }


def test_workers_covered_left_empty_are_the_employers_headcounts(client, legal_staff):
    union = UnionFactory()
    employers = [EmployerFactory(headcount=120), EmployerFactory(headcount=35)]
    client.force_login(legal_staff)
    add = reverse("admin:legal_aid_collectivecontract_add")
    page = client.get(add).content.decode()
    assert "不填则按所选单位的职工数合计填入" in page
    response = client.post(add, contract(union, employers, ""))
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = CollectiveContract.objects.get()
    assert saved.workers_covered == 155
    change = client.get(reverse("admin:legal_aid_collectivecontract_change", args=[saved.pk]))
    assert "所覆盖单位的职工数合计 155 人" in change.content.decode()


def test_workers_covered_typed_are_kept(client, legal_staff):
    union = UnionFactory()
    employers = [EmployerFactory(headcount=120), EmployerFactory(headcount=35)]
    client.force_login(legal_staff)
    client.post(reverse("admin:legal_aid_collectivecontract_add"), contract(union, employers, "90"))
    assert CollectiveContract.objects.get().workers_covered == 90


def test_a_contract_s_change_page_offers_its_employers_headcount(client, legal_staff):
    saved = CollectiveContractFactory(
        employers=[EmployerFactory(headcount=7), EmployerFactory(headcount=8)]
    )
    client.force_login(legal_staff)
    page = client.get(reverse("admin:legal_aid_collectivecontract_change", args=[saved.pk]))
    assert "所覆盖单位的职工数合计 15 人" in page.content.decode()
