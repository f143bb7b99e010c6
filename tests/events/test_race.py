"""Two members racing for the last place, in two real concurrent transactions."""

import threading
import time

import pytest
from django.db import connection

from events import services
from events.models import Registration, RegistrationStatus
from tests.events.factories import EventFactory
from tests.members.factories import MemberFactory
from yuyang_union.history.actors import system_actor


@pytest.mark.parametrize("waiting_list", [True, False], ids=["waiting-list", "no-waiting-list"])
def test_two_members_racing_for_the_last_place_cannot_both_get_it(
    committed_rows, monkeypatch, waiting_list
):
    event = EventFactory(capacity=1, waiting_list_enabled=waiting_list)
    # Widen the window between counting the places and taking one: without the row lock
    # both members would count 0 taken and both get the place.
    count_places = services.places_taken

    def slow_places_taken(event):
        taken = count_places(event)
        time.sleep(0.3)
        return taken

    monkeypatch.setattr(services, "places_taken", slow_places_taken)
    members = MemberFactory.create_batch(2)
    start = threading.Barrier(2)
    outcomes = []

    def race(member):
        try:
            start.wait(timeout=10)
            outcomes.append(
                services.sign_up(actor=system_actor(), event=event, member=member).status
            )
        except Exception as error:  # the outcome is what the test checks
            outcomes.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=race, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2
    registered = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    assert registered.count() == 1
    if waiting_list:
        assert sorted(map(str, outcomes)) == ["registered", "waiting"]
    else:
        assert sum(isinstance(o, Exception) for o in outcomes) == 1
