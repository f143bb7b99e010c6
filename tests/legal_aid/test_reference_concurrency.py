"""Reference numbers stay unique when two requests register cases at the same moment.

The registrations run in threads, each on its own database connection, committing for real
(a transactional test would flush the shared test database, roles included). The cases are
dated 1999, a year no other test uses, and a cleanup thread deletes them afterwards.
"""

import datetime
import threading

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from legal_aid import services
from legal_aid.models import Case, CaseNumberCounter, CaseStatusChange
from yuyang_union.history.actors import system_actor
from yuyang_union.history.models import ActionEntry

pytestmark = pytest.mark.django_db
YEAR = 1999
RECEIVED = datetime.date(YEAR, 4, 1)


def register(kind="mediation"):
    case = Case(
        kind=kind, received_on=RECEIVED, respondent_name="酉阳某建筑劳务公司", matter="wages"
    )
    return services.register_case(case=case, actor=system_actor())


def run_in_threads(*targets):
    errors = []

    def wrap(target):
        def run():
            try:
                target()
            except Exception as error:  # handed to the test thread
                errors.append(error)
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrap(target)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def delete_committed_cases():
    def delete():
        ids = list(Case.objects.filter(year=YEAR).values_list("pk", flat=True))
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_pk__in=[str(pk) for pk in ids],
        ).delete()
        CaseStatusChange.objects.filter(case_id__in=ids).delete()
        ActionEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
        Case.objects.filter(pk__in=ids).delete()
        CaseNumberCounter.objects.filter(year=YEAR).delete()

    run_in_threads(delete)


@pytest.fixture
def committed_cases():
    delete_committed_cases()
    yield
    delete_committed_cases()


@pytest.mark.usefixtures("committed_cases")
def test_two_transactions_get_different_numbers():
    first_numbered = threading.Event()
    second_waiting = threading.Event()

    def first():
        with transaction.atomic():
            register()
            first_numbered.set()
            # Hold the transaction open while the second one asks for its number.
            second_waiting.wait(timeout=10)
            threading.Event().wait(0.5)

    def second():
        first_numbered.wait(timeout=10)
        second_waiting.set()
        register()

    run_in_threads(first, second)
    references = sorted(Case.objects.filter(year=YEAR).values_list("reference", flat=True))
    assert references == [f"调〔{YEAR}〕第1号", f"调〔{YEAR}〕第2号"]


@pytest.mark.usefixtures("committed_cases")
def test_many_concurrent_registrations_number_without_gaps_or_clashes():
    start = threading.Barrier(4)

    def register_five():
        start.wait(timeout=10)
        for _ in range(5):
            register(kind="legal_aid")

    run_in_threads(*[register_five] * 4)
    sequences = sorted(Case.objects.filter(year=YEAR).values_list("sequence", flat=True))
    assert sequences == list(range(1, 21))


def test_a_rolled_back_registration_gives_its_number_back():
    def intake_that_fails():
        with transaction.atomic():
            register()
            raise RuntimeError("the rest of the intake failed")

    with pytest.raises(RuntimeError):
        intake_that_fails()
    assert register().sequence == 1
