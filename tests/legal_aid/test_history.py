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
