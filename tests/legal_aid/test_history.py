"""Many-to-many changes (employers covered, employers served) are in the change history."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from tests.members.factories import EmployerFactory

from .factories import CollectiveContractFactory, LawyerFactory

pytestmark = pytest.mark.django_db


def test_adding_an_employer_to_a_contract_is_in_its_history(legal_staff):
    contract = CollectiveContractFactory(employers=[EmployerFactory()])
    added = EmployerFactory(name="新加入的企业")
    with set_actor(legal_staff):
        contract.employers.add(added)
    # The factory's first employer is logged too; the last entry is the addition above.
    entry = (
        LogEntry.objects.get_for_object(contract)
        .filter(changes__has_key="employers")
        .latest("timestamp", "id")
    )
    assert entry.actor == legal_staff
    assert entry.changes["employers"] == {
        "type": "m2m",
        "operation": "add",
        "objects": ["新加入的企业"],
    }
    with set_actor(legal_staff):
        contract.employers.remove(added)
    removal = LogEntry.objects.get_for_object(contract).latest("timestamp", "id")
    assert removal.changes["employers"]["operation"] == "delete"
    assert removal.actor == legal_staff


def test_employers_a_lawyer_serves_are_in_the_lawyers_history(legal_staff):
    lawyer = LawyerFactory()
    with set_actor(legal_staff):
        lawyer.employers_served.add(EmployerFactory(name="服务的企业"))
    entry = LogEntry.objects.get_for_object(lawyer).get(changes__has_key="employers_served")
    assert entry.actor == legal_staff
    assert entry.changes["employers_served"]["objects"] == ["服务的企业"]


def test_clearing_a_contracts_employers_logs_only_the_employers_it_had(legal_staff):
    covered = [EmployerFactory(name="甲企业"), EmployerFactory(name="乙企业")]
    EmployerFactory(name="无关企业")  # auditlog 3.x alone would log every employer here
    contract = CollectiveContractFactory(employers=covered)
    with set_actor(legal_staff):
        contract.employers.clear()
    entry = LogEntry.objects.get_for_object(contract).latest("timestamp", "id")
    assert entry.actor == legal_staff
    assert entry.changes["employers"]["operation"] == "delete"
    assert sorted(entry.changes["employers"]["objects"]) == ["乙企业", "甲企业"]


def test_a_change_made_from_the_employers_side_is_logged_on_the_contract(legal_staff):
    employer = EmployerFactory(name="从企业一侧加入")
    contract = CollectiveContractFactory()
    with set_actor(legal_staff):
        employer.collective_contracts.add(contract)
    entry = LogEntry.objects.get_for_object(contract).get(changes__has_key="employers")
    assert entry.actor == legal_staff
    assert entry.changes["employers"]["objects"] == ["从企业一侧加入"]
    assert not LogEntry.objects.get_for_object(employer).filter(changes__has_key="employers")
    with set_actor(legal_staff):
        employer.collective_contracts.clear()
    removal = LogEntry.objects.get_for_object(contract).latest("timestamp", "id")
    assert removal.changes["employers"] == {
        "type": "m2m",
        "operation": "delete",
        "objects": ["从企业一侧加入"],
    }


def test_adding_an_employer_in_the_admin_shows_in_the_history_page(client, legal_staff):
    first = EmployerFactory(name="原有企业")
    added = EmployerFactory(name="后加企业")
    contract = CollectiveContractFactory(employers=[first])
    client.force_login(legal_staff)
    response = client.post(
        f"/admin/legal_aid/collectivecontract/{contract.pk}/change/",
        {
            "union": contract.union_id,
            "title": contract.title,
            "kind": contract.kind,
            "scope": "regional",
            "employers": [first.pk, added.pk],
            "workers_covered": "80",
            "signed_on": "2020-05-01",
            "expires_on": "2023-04-30",
            "filed_on": "",
            "notes": "",
            "version": contract.version,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = (
        LogEntry.objects.get_for_object(contract)
        .filter(changes__has_key="employers")
        .latest("timestamp", "id")
    )
    assert entry.actor == legal_staff
    assert entry.changes["employers"]["objects"] == ["后加企业"]
    history = client.get(f"/admin/legal_aid/collectivecontract/{contract.pk}/history/")
    page = history.content.decode()
    assert legal_staff.username in page
    assert "增加：后加企业" in page
